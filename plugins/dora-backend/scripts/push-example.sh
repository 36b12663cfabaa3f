#!/usr/bin/env sh
# Pushes one deployment and one incident with a static token, then reads the
# metrics and the evidence back. Usage:
#   PAVED_ROAD_API_TOKEN=... plugins/dora-backend/scripts/push-example.sh [base-url] [entity-ref]
set -eu
BASE="${1:-http://localhost:7007}"
ENTITY="${2:-component:default/cart-service}"
: "${PAVED_ROAD_API_TOKEN:?set PAVED_ROAD_API_TOKEN (the app's externalAccess token)}"
AUTH="Authorization: Bearer $PAVED_ROAD_API_TOKEN"
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
HOUR_AGO=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
ID="example-$(date +%s)"

curl --fail-with-body -sS -X POST "$BASE/api/dora/events" -H "$AUTH" \
  -H 'Content-Type: application/json' --data-binary @- <<JSON
{ "events": [
  { "kind": "deployment", "source": "example-script", "id": "$ID",
    "entityRef": "$ENTITY", "environment": "production", "status": "success",
    "finishedAt": "$NOW", "commitSha": "$ID",
    "changes": [ { "sha": "$ID", "committedAt": "$HOUR_AGO" } ] },
  { "kind": "incident", "source": "example-script", "id": "$ID-incident",
    "entityRef": "$ENTITY", "openedAt": "$NOW", "resolvedAt": null,
    "deploymentId": "$ID" } ] }
JSON
echo
curl --fail-with-body -sS -H "$AUTH" \
  "$BASE/api/dora/metrics?entityRef=$ENTITY"
echo
curl --fail-with-body -sS -H "$AUTH" \
  "$BASE/api/dora/deployments?entityRef=$ENTITY&limit=1"
echo
