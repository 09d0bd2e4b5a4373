#!/bin/sh
# Checks that the committed layouts/echarts.min.js is exactly what the pinned packages build,
# so nobody edits the bundle by hand or forgets to regenerate it. CI runs it; it needs Node 20
# or later and npm, and works from any directory. Installs with npm ci from the lockfile,
# builds into a temporary folder and compares the bytes.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
committed="$(cd "$here/.." && pwd)/echarts.min.js"

for tool in node npm cmp sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "echarts check: $tool is not installed; the check needs Node 20 or later and npm" >&2
    exit 1
  }
done
if [ ! -f "$committed" ]; then
  echo "echarts check: layouts/echarts.min.js is missing: run go generate ./layouts and commit it" >&2
  exit 1
fi

(cd "$here" && npm ci --no-audit --no-fund)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
node "$here/build.mjs" --out "$tmp/echarts.min.js"

if ! cmp -s "$tmp/echarts.min.js" "$committed"; then
  echo "echarts check: layouts/echarts.min.js differs from what layouts/echarts/ builds:" >&2
  echo "  committed: $(sha256sum <"$committed" | cut -d' ' -f1) $(wc -c <"$committed") bytes" >&2
  echo "  built:     $(sha256sum <"$tmp/echarts.min.js" | cut -d' ' -f1) $(wc -c <"$tmp/echarts.min.js") bytes" >&2
  echo "  first difference: $(cmp "$tmp/echarts.min.js" "$committed" 2>&1 | head -n 1)" >&2
  echo "Run go generate ./layouts and commit layouts/echarts.min.js; do not edit it by hand." >&2
  exit 1
fi
echo "echarts check: layouts/echarts.min.js matches its build ($(wc -c <"$committed") bytes)"
