#!/usr/bin/env sh
# Reports one deployment of ${{ values.name }}, with the commits it ships, to Paved Road's
# DORA push API. Written by the golden path; needs curl, git (full history) and jq.
set -eu
: "${DORA_TOKEN:?set the CI secret PAVED_ROAD_DORA_TOKEN}"
: "${RUN_ID:?}" "${COMMIT_SHA:?}" "${DEPLOY_STATUS:?}"
BACKSTAGE_URL="${BACKSTAGE_URL:-${{ values.backstageBaseUrl }}}"
ENTITY_REF="${ENTITY_REF:-${{ values.entityRef }}}"
FINISHED_AT="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
case "$DEPLOY_STATUS" in success) STATUS=success ;; *) STATUS=failure ;; esac

# The commits this deployment ships: those since the previous push, or the head alone.
BEFORE="${BEFORE_SHA:-}"
if [ -n "$BEFORE" ] && [ "$(echo "$BEFORE" | tr -d 0)" != "" ] \
  && git cat-file -e "$BEFORE^{commit}" 2>/dev/null; then
  COMMITS="$(git log --format='%H %cI' "$BEFORE..$COMMIT_SHA")"
else
  COMMITS="$(git log -1 --format='%H %cI' "$COMMIT_SHA")"
fi
CHANGES="$(printf '%s\n' "$COMMITS" | jq -R -s -c \
  'split("\n") | map(select(length > 0) | split(" ") | {sha: .[0], committedAt: .[1]})')"

jq -n -c \
  --arg source "${DORA_SOURCE:-ci}" --arg id "$RUN_ID" --arg entityRef "$ENTITY_REF" \
  --arg status "$STATUS" --arg startedAt "${STARTED_AT:-}" --arg finishedAt "$FINISHED_AT" \
  --arg sha "$COMMIT_SHA" --argjson changes "$CHANGES" \
  '{events: [{kind: "deployment", source: $source, id: $id, entityRef: $entityRef,
    environment: "production", status: $status, finishedAt: $finishedAt,
    commitSha: $sha, changes: $changes}
    + (if $startedAt == "" then {} else {startedAt: $startedAt} end)]}' \
  > dora-event.json

curl --fail-with-body -sS -X POST "$BACKSTAGE_URL/api/dora/events" \
  -H "Authorization: Bearer $DORA_TOKEN" -H 'Content-Type: application/json' \
  --data @dora-event.json
