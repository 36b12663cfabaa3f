#!/usr/bin/env bash
# Called by scripts/stock-install.sh once the stock backend is ready: calls
# every Paved Road plugin's routes with the static service token.
# Environment: BASE (backend URL), TOKEN (static token), BODY (scratch file).
set -uo pipefail
failures=0
check() { # check <description> <expected status> <curl args...>
  local what="$1" want="$2"
  shift 2
  local got
  got="$(curl -sS -m 30 -o "$BODY" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$@")" || got=000
  if [[ "$got" == "$want" ]]; then
    printf '  ok    %-58s %s\n' "$what" "$got"
  else
    printf '  FAIL  %-58s %s (expected %s): %s\n' "$what" "$got" "$want" "$(head -c 300 "$BODY")"
    failures=$((failures + 1))
  fi
}
contains() { # contains <description> <JS expression over the last JSON body `b`>
  if node -e "const b=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8')); process.exit(($2) ? 0 : 1)" \
    "$BODY" 2>/dev/null; then printf '  ok    %s\n' "$1"; else
    printf '  FAIL  %s: not (%s) in %s\n' "$1" "$2" "$(head -c 300 "$BODY")"
    failures=$((failures + 1))
  fi
}
entity=component:default/example-website
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
check "dora: GET /api/dora/health" 200 "$BASE/api/dora/health"
check "dora: POST /api/dora/events" 200 -X POST -H 'Content-Type: application/json' \
  --data "{\"events\":[{\"kind\":\"deployment\",\"source\":\"stock-check\",\"id\":\"d1\",\"entityRef\":\"$entity\",\"environment\":\"production\",\"status\":\"success\",\"finishedAt\":\"$now\"}]}" \
  "$BASE/api/dora/events"
check "dora: GET /api/dora/metrics" 200 "$BASE/api/dora/metrics?entityRef=$entity"
contains "dora: the pushed deployment is counted" 'b.deploymentFrequency.deployments === 1'
check "dora: GET /api/dora/deployments" 200 "$BASE/api/dora/deployments?entityRef=$entity"
check "dora: GET /api/dora/providers" 200 "$BASE/api/dora/providers"
for id in github gitlab pagerduty opsgenie incident-io; do
  contains "dora: provider module '$id' is installed" "b.items.some(p => p.id === '$id')"
done
for id in github gitlab pagerduty incident-io; do
  # Webhooks need no token but a valid signature: a forged delivery is refused.
  check "dora: POST /api/dora/webhooks/$id (bad signature)" 401 -X POST \
    -H 'Content-Type: application/json' \
    -H 'X-Hub-Signature-256: sha256=00' -H 'X-GitHub-Event: ping' -H 'X-GitHub-Delivery: stock' \
    -H 'X-Gitlab-Token: wrong' -H 'X-Gitlab-Event: Deployment Hook' \
    -H 'X-PagerDuty-Signature: v1=00' \
    -H 'webhook-id: msg_stock' -H "webhook-timestamp: $(date +%s)" -H 'webhook-signature: v1,AAAA' \
    --data '{}' "$BASE/api/dora/webhooks/$id"
done
check "dora: GET /api/dora/slos" 200 "$BASE/api/dora/slos?entityRef=$entity"
got="$(curl -sS -m 30 -o /dev/null -w '%{http_code}' "$BASE/api/dora/health")" || got=000
if [[ "$got" == 401 ]]; then printf '  ok    %-58s %s\n' "dora: 401 without a token" "$got"; else
  printf '  FAIL  dora: expected 401 without a token, got %s\n' "$got"
  failures=$((failures + 1))
fi
check "scorecard: GET /api/scorecard/checks" 200 "$BASE/api/scorecard/checks"
check "scorecard: GET /api/scorecard/overview" 200 "$BASE/api/scorecard/overview"
check "scaffolder: GET /api/scaffolder/v2/actions" 200 "$BASE/api/scaffolder/v2/actions"
contains "scaffolder: golden-path:create is installed" 'b.some(a => a.id === "golden-path:create")'
contains "scaffolder: golden-path:upgrade is installed" 'b.some(a => a.id === "golden-path:upgrade")'
if ((failures > 0)); then
  echo "$failures API check(s) failed" >&2
  exit 1
fi
