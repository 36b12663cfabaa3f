#!/usr/bin/env bash
# Installs Paved Road into a stock Backstage app the way a platform team
# would, and checks that every plugin answers:
#   1. build and pack our publishable packages (yarn pack: what npm would get);
#   2. generate a fresh app with @backstage/create-app in a temporary folder;
#   3. `yarn add` the packed tarballs, add the one line each README documents
#      (taken from the READMEs themselves, so a wrong README fails here);
#   4. type-check and build that app, start its backend and call every
#      plugin's routes with a static service token.
# Usage: scripts/stock-install.sh [--keep]   (--keep leaves the temp folder)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/env.sh
source "$ROOT/scripts/lib/env.sh"
pr_setup_env

CREATE_APP_VERSION="${PR_CREATE_APP_VERSION:-0.9.2}" # generates Backstage 1.55
KEEP=0
[[ "${1:-}" == "--keep" ]] && KEEP=1
WORK="$(mktemp -d "${TMPDIR:-/tmp}/paved-road-stock.XXXXXX")"
APP="$WORK/app"
PACKS="$WORK/packs"
TOKEN="stock-install-$RANDOM$RANDOM"
BACKEND_PID=""

log() { printf '\033[1m[stock-install]\033[0m %s\n' "$*"; }
fail() {
  printf '\033[31m[stock-install] FAILED:\033[0m %s\n' "$*" >&2
  exit 1
}
cleanup() {
  if [[ -n "$BACKEND_PID" ]]; then
    kill -- "-$BACKEND_PID" 2>/dev/null || kill "$BACKEND_PID" 2>/dev/null || true
  fi
  if [[ $KEEP == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# Our publishable packages: every plugin that is not private.
mapfile -t PLUGIN_DIRS < <(cd "$ROOT" && for d in plugins/*/; do
  node -e 'const p=require(process.argv[1]); if (!p.private) console.log(process.argv[2])' \
    "$ROOT/${d}package.json" "${d%/}"
done)
pkg_name() { node -p "require('$ROOT/$1/package.json').name"; }
pkg_role() { node -p "require('$ROOT/$1/package.json').backstage.role"; }

STARTED=$SECONDS
log "1/6 build and pack ${#PLUGIN_DIRS[@]} packages"
mkdir -p "$PACKS"
(cd "$ROOT" && yarn tsc >/dev/null && yarn backstage-cli repo build >/dev/null)
for dir in "${PLUGIN_DIRS[@]}"; do
  name="$(pkg_name "$dir")"
  (cd "$ROOT" && yarn workspace "$name" pack --out "$PACKS/$(basename "$dir").tgz" >/dev/null)
done

log "2/6 generate a stock app with @backstage/create-app@$CREATE_APP_VERSION"
(cd "$WORK" && BACKSTAGE_APP_NAME=stock npx -y "@backstage/create-app@$CREATE_APP_VERSION" \
  --path "$APP" --skip-install >"$WORK/create-app.log" 2>&1) ||
  { tail -30 "$WORK/create-app.log"; fail "@backstage/create-app"; }
# Run the app's own yarn (its .yarnrc.yml names its release), not ours.
app_yarn() { (cd "$APP" && node "$APP/.yarn/releases/"yarn-*.cjs "$@"); }

# Until the packages are on a registry, their tarballs stand in for it: our
# packages depend on each other, so each name resolves to its tarball. The
# other resolutions are this machine's registry mirror pins (TOOLCHAIN.md).
node - "$APP/package.json" "$ROOT" "$PACKS" "${PLUGIN_DIRS[@]}" <<'EOF'
const fs = require('fs');
const [file, root, packs, ...dirs] = process.argv.slice(2);
const app = JSON.parse(fs.readFileSync(file, 'utf8'));
const ours = JSON.parse(fs.readFileSync(`${root}/package.json`, 'utf8'));
app.resolutions = { ...ours.resolutions, ...app.resolutions };
for (const dir of dirs) {
  const name = require(`${root}/${dir}/package.json`).name;
  app.resolutions[name] = `file:${packs}/${dir.split('/').pop()}.tgz`;
}
fs.writeFileSync(file, `${JSON.stringify(app, null, 2)}\n`);
EOF

log "3/6 yarn add our packages and wire them as the READMEs say"
backend_adds=()
app_adds=()
wiring=()
for dir in "${PLUGIN_DIRS[@]}"; do
  name="$(pkg_name "$dir")"
  tarball="$name@file:$PACKS/$(basename "$dir").tgz"
  case "$(pkg_role "$dir")" in
    backend-plugin | backend-plugin-module)
      [[ "$name" == *-module-demo ]] && continue # example-only
      backend_adds+=("$tarball")
      line="backend.add(import('$name'));"
      grep -qF "$line" "$ROOT/$dir/README.md" ||
        fail "$dir/README.md does not show the line '$line'"
      wiring+=("$line")
      ;;
    frontend-plugin)
      # New frontend system with `app.packages: all`: discovered, no line.
      grep -q "app.packages: all" "$ROOT/$dir/README.md" ||
        fail "$dir/README.md does not explain discovery through app.packages: all"
      app_adds+=("$tarball")
      ;;
  esac
done
(cd "$APP" && app_yarn workspace backend add "${backend_adds[@]}" >"$WORK/add-backend.log" 2>&1) ||
  { tail -30 "$WORK/add-backend.log"; fail "yarn add in packages/backend"; }
(cd "$APP" && app_yarn workspace app add "${app_adds[@]}" >"$WORK/add-app.log" 2>&1) ||
  { tail -30 "$WORK/add-app.log"; fail "yarn add in packages/app"; }
node - "$APP/packages/backend/src/index.ts" "${wiring[@]}" <<'EOF'
const fs = require('fs');
const [file, ...lines] = process.argv.slice(2);
const src = fs.readFileSync(file, 'utf8');
if (!src.includes('backend.start();')) throw new Error(`no backend.start() in ${file}`);
fs.writeFileSync(file, src.replace('backend.start();', `${lines.join('\n')}\n\nbackend.start();`));
EOF
# What a platform team puts in its own config: a token for scripts and CI,
# and each provider's section (made-up credentials: the vendors are never
# reached here, the checks below only need the modules installed).
cat >"$APP/app-config.local.yaml" <<EOF
backend:
  auth:
    externalAccess:
      - type: static
        options:
          token: \${PAVED_ROAD_STOCK_TOKEN}
          subject: stock-install-check
dora:
  providers:
    github:
      webhookSecret: stock-check-github-secret
      schedule: { frequency: { hours: 24 }, timeout: { minutes: 5 }, initialDelay: { hours: 1 } }
    gitlab:
      webhookToken: stock-check-gitlab-token
      schedule: { frequency: { hours: 24 }, timeout: { minutes: 5 }, initialDelay: { hours: 1 } }
    pagerduty:
      token: stock-check-pagerduty-token
      webhookSecrets: [stock-check-pagerduty-secret]
      schedule: { frequency: { hours: 24 }, timeout: { minutes: 5 }, initialDelay: { hours: 1 } }
    opsgenie:
      apiKey: stock-check-opsgenie-key
      schedule: { frequency: { hours: 24 }, timeout: { minutes: 5 }, initialDelay: { hours: 1 } }
    incidentIo:
      apiKey: stock-check-incident-io-key
      webhookSecret: whsec_c3RvY2stY2hlY2staW5jaWRlbnQtaW8=
      schedule: { frequency: { hours: 24 }, timeout: { minutes: 5 }, initialDelay: { hours: 1 } }
EOF

log "4/6 type-check and build the app"
app_yarn tsc >"$WORK/tsc.log" 2>&1 || { tail -30 "$WORK/tsc.log"; fail "tsc in the stock app"; }
app_yarn workspace app build >"$WORK/build.log" 2>&1 ||
  { tail -30 "$WORK/build.log"; fail "frontend build in the stock app"; }

log "5/6 start the stock backend"
PORT="$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')"
cat >"$APP/app-config.stock-check.yaml" <<EOF
app:
  baseUrl: http://localhost:$PORT
backend:
  baseUrl: http://localhost:$PORT
  listen: { port: $PORT }
EOF
export PAVED_ROAD_STOCK_TOKEN="$TOKEN"
set -m
(cd "$APP/packages/backend" && exec node "$APP/.yarn/releases/"yarn-*.cjs start \
  --config ../../app-config.yaml --config ../../app-config.local.yaml \
  --config ../../app-config.stock-check.yaml >"$WORK/backend.log" 2>&1) &
BACKEND_PID=$!
set +m
base="http://localhost:$PORT"
# Ready once the catalog has ingested the stock app's example entity.
for _ in $(seq 1 240); do
  curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" \
    "$base/api/catalog/entities/by-name/component/default/example-website" 2>/dev/null && break
  kill -0 "$BACKEND_PID" 2>/dev/null || { tail -40 "$WORK/backend.log"; fail "the stock backend exited"; }
  sleep 1
done

log "6/6 call every plugin with the service token"
failures=0
check() { # check <description> <expected status> <curl args...>
  local what="$1" want="$2"
  shift 2
  local got
  got="$(curl -sS -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$@")" || got=000
  if [[ "$got" == "$want" ]]; then
    printf '  ok    %-58s %s\n' "$what" "$got"
  else
    printf '  FAIL  %-58s %s (expected %s): %s\n' "$what" "$got" "$want" "$(head -c 300 "$WORK/body")"
    failures=$((failures + 1))
  fi
}
contains() { # contains <description> <JS expression over the last JSON body `b`>
  if node -e "const b=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8')); process.exit(($2) ? 0 : 1)" \
    "$WORK/body" 2>/dev/null; then printf '  ok    %s\n' "$1"; else
    printf '  FAIL  %s: not (%s) in %s\n' "$1" "$2" "$(head -c 300 "$WORK/body")"
    failures=$((failures + 1))
  fi
}
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
check "dora: GET /api/dora/health" 200 "$base/api/dora/health"
check "dora: POST /api/dora/events" 200 -X POST -H 'Content-Type: application/json' \
  --data "{\"events\":[{\"kind\":\"deployment\",\"source\":\"stock-check\",\"id\":\"d1\",\"entityRef\":\"component:default/example-website\",\"environment\":\"production\",\"status\":\"success\",\"finishedAt\":\"$now\"}]}" \
  "$base/api/dora/events"
check "dora: GET /api/dora/metrics" 200 "$base/api/dora/metrics?entityRef=component:default/example-website"
contains "dora: the pushed deployment is counted" 'b.deploymentFrequency.deployments === 1'
check "dora: GET /api/dora/deployments" 200 "$base/api/dora/deployments?entityRef=component:default/example-website"
check "dora: GET /api/dora/providers" 200 "$base/api/dora/providers"
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
    --data '{}' "$base/api/dora/webhooks/$id"
done
check "dora: GET /api/dora/slos" 200 "$base/api/dora/slos?entityRef=component:default/example-website"
got="$(curl -sS -o /dev/null -w '%{http_code}' "$base/api/dora/health")" || got=000
if [[ "$got" == 401 ]]; then printf '  ok    %-58s %s\n' "dora: 401 without a token" "$got"; else
  printf '  FAIL  dora: expected 401 without a token, got %s\n' "$got"
  failures=$((failures + 1))
fi
check "scorecard: GET /api/scorecard/checks" 200 "$base/api/scorecard/checks"
check "scorecard: GET /api/scorecard/overview" 200 "$base/api/scorecard/overview"
check "scaffolder: GET /api/scaffolder/v2/actions" 200 "$base/api/scaffolder/v2/actions"
contains "scaffolder: golden-path:create is installed" 'b.some(a => a.id === "golden-path:create")'
contains "scaffolder: golden-path:upgrade is installed" 'b.some(a => a.id === "golden-path:upgrade")'
if ((failures > 0)); then
  tail -40 "$WORK/backend.log"
  fail "$failures check(s) failed"
fi
log "passed: ${#PLUGIN_DIRS[@]} packages installed from tarballs into a stock app in $((SECONDS - STARTED)) s"
