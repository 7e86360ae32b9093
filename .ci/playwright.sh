#!/usr/bin/env bash
# Install playwright-core (the browser driver only; it uses Debian's /usr/bin/chromium) into a cache
# directory outside the repository, and print the package directory to export as
# TIGHTROPE_PLAYWRIGHT_CORE for the dashboard's end-to-end test. Idempotent.
#
#   export TIGHTROPE_PLAYWRIGHT_CORE="$(.ci/playwright.sh)"
set -euo pipefail
DIR="${TIGHTROPE_NODE_CACHE:-$HOME/.cache/tightrope/node}"
VERSION="${PLAYWRIGHT_CORE_VERSION:-1.65.2}"
command -v npm >/dev/null || { echo "playwright.sh: npm not found (apt-get install npm)" >&2; exit 2; }
if [ ! -f "$DIR/node_modules/playwright-core/package.json" ]; then
  mkdir -p "$DIR"
  npm install --prefix "$DIR" --no-audit --no-fund --silent "playwright-core@$VERSION" >&2
fi
echo "$DIR/node_modules/playwright-core"
