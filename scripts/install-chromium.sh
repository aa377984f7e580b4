#!/usr/bin/env bash
# Makes sure a Chromium is there for the report page test (tests/runner/report-page.test.ts): Debian's chromium
# package at /usr/bin/chromium, or whatever CHROMIUM_PATH names (e.g. the Chrome a CI image ships). The npm browser
# downloads are not used: they need hosts the test machines cannot reach.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
  echo "install-chromium: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2
  exit 1
fi
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "install-chromium: /usr/bin/chromium is missing and this user cannot install it (run as root, or set CHROMIUM_PATH)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
