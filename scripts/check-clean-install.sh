#!/usr/bin/env bash
# CI step: the README's install in a fresh clone, on a machine whose Electron download host is
# unreachable, must keep the electron package with its types and leave the tree as committed.
# The host is made unreachable on purpose (a closed local port as mirror, an empty download
# cache), so the check means the same on a machine that could reach it.
set -euo pipefail
source_repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

git clone --quiet "$source_repo" "$work/clone"
cd "$work/clone"
ELECTRON_MIRROR="http://127.0.0.1:9/" electron_config_cache="$work/electron-cache" \
  npm install >"$work/install.log" 2>&1 || { cat "$work/install.log"; echo "npm install failed in a fresh clone"; exit 1; }

fail() { echo "Fresh install check failed: $*"; exit 1; }
[ -f node_modules/electron/electron.d.ts ] || fail "the electron package's type definitions are missing after npm install"
grep -q "Electron runtime not downloaded" "$work/install.log" || fail "npm install did not say in one line that the Electron runtime was not downloaded"
changes="$(git status --porcelain)"
[ -z "$changes" ] || fail "npm install changed the committed tree (is package-lock.json up to date?):
$changes"
echo "Fresh install check passed: electron types present, runtime absence announced, tree clean."
