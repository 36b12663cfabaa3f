# shellcheck shell=bash
# Sourced by scripts/test.sh. Provides PostgreSQL for the store tests:
#  - BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING already set: used as is;
#  - else PostgreSQL 15 binaries found: a throwaway cluster in a temp dir on
#    127.0.0.1 and a free port, trust auth, stopped by pr_pg_stop;
#  - else: PostgreSQL tests are skipped, said loudly (and CI=true fails).

PR_PG_DIR=""
PR_PG_STATUS="unknown"

pr_pg_bindir() {
  local d
  for d in "${PR_PG_BINDIR:-}" /usr/lib/postgresql/15/bin /usr/lib/postgresql/16/bin /usr/lib/postgresql/17/bin; do
    if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

pr_pg_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

pr_pg_start() {
  if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
    PR_PG_STATUS="external"
    pr_log "PostgreSQL: using BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING"
    return 0
  fi
  local bindir
  if ! bindir="$(pr_pg_bindir)"; then
    PR_PG_STATUS="missing"
    return 1
  fi
  PR_PG_DIR="$(mktemp -d /tmp/paved-road-pg.XXXXXX)"
  local port run=()
  port="$(pr_pg_free_port)"
  mkdir -p "$PR_PG_DIR/data" "$PR_PG_DIR/sock"
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root: run the cluster as the postgres user.
    chown -R postgres "$PR_PG_DIR" && chmod 755 "$PR_PG_DIR"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bindir/initdb" -D "$PR_PG_DIR/data" -U postgres --auth=trust >"$PR_PG_DIR/initdb.log" 2>&1 || {
    pr_log "PostgreSQL: initdb failed, see $PR_PG_DIR/initdb.log"
    PR_PG_STATUS="failed"
    return 1
  }
  "${run[@]}" "$bindir/pg_ctl" -D "$PR_PG_DIR/data" -l "$PR_PG_DIR/server.log" \
    -o "-p $port -k $PR_PG_DIR/sock -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    -w start >/dev/null || {
    pr_log "PostgreSQL: server did not start, see $PR_PG_DIR/server.log"
    PR_PG_STATUS="failed"
    return 1
  }
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:$port"
  PR_PG_STATUS="throwaway"
  pr_log "PostgreSQL: throwaway server on 127.0.0.1:$port ($PR_PG_DIR)"
}

pr_pg_stop() {
  if [ "$PR_PG_STATUS" = throwaway ] && [ -n "$PR_PG_DIR" ]; then
    local bindir run=()
    bindir="$(pr_pg_bindir)"
    [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
    "${run[@]}" "$bindir/pg_ctl" -D "$PR_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PR_PG_DIR"
    PR_PG_STATUS="stopped"
  fi
}
