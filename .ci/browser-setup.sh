#!/usr/bin/env bash
# Installs what tests/test_browser.py needs, on a machine that has none of it:
#   - Debian's chromium (headless; the test never lets a tool download a browser of its own)
#   - node and npm, then the npm package pyodide (CPython on WebAssembly) from
#     tests/browser/package-lock.json, into tests/browser/node_modules
# Safe to run again: it installs only what is missing and `npm ci` is repeatable.
# Called by .ci/run; developers run it once with: bash .ci/browser-setup.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "browser-setup: need root (or sudo) to run: $*" >&2
        exit 1
    fi
}

apt_updated=0
apt_install() {
    if [ "$apt_updated" -eq 0 ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        apt_updated=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

if ! command -v chromium >/dev/null 2>&1; then
    echo "browser-setup: installing chromium"
    apt_install chromium
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "browser-setup: installing node and npm"
    apt_install nodejs npm
fi

echo "browser-setup: npm ci in tests/browser"
(cd tests/browser && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)

test -f tests/browser/node_modules/pyodide/pyodide.mjs
echo "browser-setup: ready ($(chromium --version 2>/dev/null | head -n 1), pyodide $(node -p "require('./tests/browser/node_modules/pyodide/package.json').version"))"
