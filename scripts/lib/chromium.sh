# shellcheck shell=bash
# Sourced by scripts/test.sh. Browser tests drive Debian's Chromium through
# Playwright; Playwright never downloads a browser of its own.

PR_CHROMIUM="${PR_CHROMIUM:-/usr/bin/chromium}"

pr_ensure_chromium() {
  if [ -x "$PR_CHROMIUM" ]; then
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    pr_log "Chromium not found at $PR_CHROMIUM and no apt-get to install it"
    return 1
  fi
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  pr_log "Installing Debian's chromium (browser tests)"
  "${sudo[@]}" apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
  [ -x "$PR_CHROMIUM" ]
}
