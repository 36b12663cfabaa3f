#!/usr/bin/env bash
# Installs everything and starts the Paved Road example app:
#   frontend http://localhost:3000, backend http://localhost:7007,
#   SQLite files in data/sqlite (git-ignored), kept across restarts.
# Sign in as guest. Scripts call the API with the token in data/api-token:
#   curl -H "Authorization: Bearer $(cat data/api-token)" localhost:7007/api/dora/health
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"
pr_setup_env
pr_install

mkdir -p "$PR_ROOT/data/sqlite"
if [ -z "${PAVED_ROAD_API_TOKEN:-}" ]; then
  if [ ! -s "$PR_ROOT/data/api-token" ]; then
    node -e 'process.stdout.write(require("crypto").randomBytes(24).toString("base64url"))' \
      >"$PR_ROOT/data/api-token"
    chmod 600 "$PR_ROOT/data/api-token"
  fi
  PAVED_ROAD_API_TOKEN="$(cat "$PR_ROOT/data/api-token")"
  export PAVED_ROAD_API_TOKEN
fi

pr_log "Starting: frontend http://localhost:3000 (sign in as guest), backend http://localhost:7007"
pr_log "API token for scripts: data/api-token (or set PAVED_ROAD_API_TOKEN)"
cd "$PR_ROOT"
exec yarn start "$@"
