#!/usr/bin/env bash
# Installs everything and runs every check of Paved Road:
#   type-check, lint, prettier, unit + integration tests on SQLite and
#   PostgreSQL, API reports, the frontend build, the browser tests and the
#   install of our packed packages into a fresh @backstage/create-app app.
# Ends with a summary line `summary: N passed, N failed` (tests passed; tests
# failed plus failed steps). .ci/run runs exactly this.
#
# PostgreSQL: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING when set,
# else a throwaway local server (PostgreSQL 15 binaries), else those tests are
# skipped with a notice (with CI=true a missing PostgreSQL is a failure).
# Browser: Debian's chromium, installed with apt-get when missing.
# Options: PR_SKIP_E2E=1 skips the browser tests, PR_SKIP_STOCK=1 the stock
# install (never in CI).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"
source "$PR_ROOT/scripts/lib/postgres.sh"
source "$PR_ROOT/scripts/lib/chromium.sh"

START=$(date +%s)
LOGDIR="$(mktemp -d /tmp/paved-road-test.XXXXXX)"
STEPS=()
FAILED_STEPS=0
TESTS_PASSED=0
TESTS_FAILED=0

record() { # name status seconds
  STEPS+=("$(printf '%-28s %-8s %4ss' "$1" "$2" "$3")")
  [ "$2" = failed ] && FAILED_STEPS=$((FAILED_STEPS + 1))
}

step() { # name command...
  local name="$1" t0 rc
  shift
  pr_log "── $name"
  t0=$(date +%s)
  "$@" 2>&1 | tee "$LOGDIR/$name.log"
  rc=${PIPESTATUS[0]}
  if [ "$rc" = 0 ]; then record "$name" ok $(($(date +%s) - t0)); else record "$name" failed $(($(date +%s) - t0)); fi
  return "$rc"
}

finish() {
  pr_pg_stop
  echo
  pr_log "Results (logs in $LOGDIR):"
  printf '  %s\n' "${STEPS[@]}"
  pr_log "PostgreSQL tests: $PR_PG_STATUS_TEXT"
  pr_log "Total time: $(($(date +%s) - START))s"
  echo "summary: $TESTS_PASSED passed, $((TESTS_FAILED + FAILED_STEPS)) failed"
  [ $((TESTS_FAILED + FAILED_STEPS)) = 0 ]
}

pr_setup_env || { echo "summary: 0 passed, 1 failed"; exit 1; }
cd "$PR_ROOT" || exit 1
step install pr_install || { finish; exit 1; }

# There is no Docker engine here: TestDatabases must never try to start one.
export BACKSTAGE_TEST_DISABLE_DOCKER=1
if pr_pg_start; then
  PR_PG_STATUS_TEXT="ran ($PR_PG_STATUS PostgreSQL 15)"
else
  PR_PG_STATUS_TEXT="SKIPPED: no PostgreSQL ($PR_PG_STATUS); install PostgreSQL 15 or set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING"
  pr_log "!! $PR_PG_STATUS_TEXT"
  if [ "${CI:-}" = true ]; then
    record postgresql failed 0
  fi
fi
trap pr_pg_stop EXIT

step tsc yarn tsc
step lint yarn backstage-cli repo lint
step prettier yarn prettier --check .

unit_tests() {
  CI=true yarn backstage-cli repo test --maxWorkers=2 --json --outputFile="$LOGDIR/jest.json"
}
step unit-tests unit_tests
if [ -s "$LOGDIR/jest.json" ]; then
  TESTS_PASSED=$((TESTS_PASSED + $(node -p "require('$LOGDIR/jest.json').numPassedTests")))
  TESTS_FAILED=$((TESTS_FAILED + $(node -p "require('$LOGDIR/jest.json').numFailedTests")))
fi

# Workspace packages point `types` at src/*.ts; API Extractor loads them into
# one program and flags each with ae-wrong-input-file-type. Backstage's own
# repo omits that message the same way.
step api-reports yarn backstage-repo-tools api-reports --ci --tsc \
  -o ae-wrong-input-file-type plugins/*
step app-build yarn workspace app build

if [ "${PR_SKIP_E2E:-}" = 1 ] && [ "${CI:-}" != true ]; then
  record browser-tests skipped 0
else
  e2e() {
    pr_ensure_chromium || return 1
    PAVED_ROAD_API_TOKEN=e2e-test-token PLAYWRIGHT_JSON_OUTPUT_NAME="$LOGDIR/e2e.json" \
      yarn playwright test --reporter=list,json
  }
  step browser-tests e2e
  if [ -s "$LOGDIR/e2e.json" ]; then
    TESTS_PASSED=$((TESTS_PASSED + $(node -p "const s=require('$LOGDIR/e2e.json').stats; s.expected + s.flaky")))
    TESTS_FAILED=$((TESTS_FAILED + $(node -p "require('$LOGDIR/e2e.json').stats.unexpected")))
  fi
fi

# Our packages, packed, in a fresh @backstage/create-app app (issue: stock install).
if [ "${PR_SKIP_STOCK:-}" = 1 ] && [ "${CI:-}" != true ]; then
  record stock-install skipped 0
else
  step stock-install "$PR_ROOT/scripts/stock-install.sh"
  if [ "$?" = 3 ]; then
    # Exit 3: the generated app failed before any of our packages was added.
    STEPS+=("  ^ upstream baseline broken: the fresh create-app app fails on its own (see its log)")
  fi
fi

finish
