# shellcheck shell=bash
# Start a Backstage backend in its own process group, wait until it is
# really ready, stop it. A wait never times out silently: each function
# returns non-zero with the reason and the tail of the backend's log.
#
#   pr_backend_start LOG DIR CMD...   starts CMD in DIR; sets PR_BACKEND_PID
#   pr_backend_wait LOG BASE TIMEOUT [AUTH_HEADER] [CHECK_PATH]
#       ready = BASE/.backstage/health/v1/readiness answers 200 and, when
#       CHECK_PATH is given, BASE/CHECK_PATH answers 200 too (e.g. the
#       catalog has an example entity). Fails at once on a start-up failure
#       in the log or an exited process, and after TIMEOUT seconds.
#   pr_backend_stop                   SIGTERM to the group, SIGKILL after 10 s

PR_BACKEND_PID=""
# What Backstage prints when a plugin or the backend cannot start.
PR_BACKEND_FAILURE_PATTERN='startup failed|Cannot find module|EADDRINUSE'

pr_backend_start() { # LOG DIR CMD...
  local log="$1" dir="$2"
  shift 2
  set -m
  (cd "$dir" && exec "$@" >"$log" 2>&1) &
  PR_BACKEND_PID=$!
  set +m
}

pr_backend_log_tail() { # LOG
  printf -- '----- last 40 lines of %s (request logs left out) -----\n' "$1" >&2
  grep -v 'rootHttpRouter' "$1" | tail -40 >&2
  printf -- '-----\n' >&2
}

pr_backend_wait() { # LOG BASE TIMEOUT [AUTH_HEADER] [CHECK_PATH]
  local log="$1" base="$2" timeout="$3" auth="${4:-}" check="${5:-}"
  local t0=$SECONDS ready=000 found=- line
  local curl_auth=()
  [ -n "$auth" ] && curl_auth=(-H "$auth")
  while true; do
    if line="$(grep -m1 -E "$PR_BACKEND_FAILURE_PATTERN" "$log" 2>/dev/null)"; then
      pr_backend_log_tail "$log"
      echo "start-up failure after $((SECONDS - t0)) s: $line" >&2
      return 1
    fi
    if ! kill -0 "$PR_BACKEND_PID" 2>/dev/null; then
      pr_backend_log_tail "$log"
      echo "the backend process exited after $((SECONDS - t0)) s" >&2
      return 1
    fi
    ready="$(curl -s -o /dev/null -w '%{http_code}' "$base/.backstage/health/v1/readiness" 2>/dev/null)" || ready=000
    if [ "$ready" = 200 ]; then
      [ -z "$check" ] && return 0
      found="$(curl -s -o /dev/null -w '%{http_code}' "${curl_auth[@]}" "$base/$check" 2>/dev/null)" || found=000
      [ "$found" = 200 ] && return 0
    fi
    if ((SECONDS - t0 >= timeout)); then
      pr_backend_log_tail "$log"
      echo "timed out after ${timeout} s waiting for: readiness 200 (last: $ready)${check:+ and $check 200 (last: $found)}" >&2
      return 1
    fi
    sleep 1
  done
}

pr_backend_stop() {
  [ -n "$PR_BACKEND_PID" ] || return 0
  local pid="$PR_BACKEND_PID" i
  PR_BACKEND_PID=""
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 10); do
    kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 1
  done
  # A busy event loop may ignore SIGTERM.
  kill -KILL -- "-$pid" 2>/dev/null || true
}
