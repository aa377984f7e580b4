#!/usr/bin/env bash
# Makes sure a Chromium is there for the report page test (tests/runner/report-page.test.ts): Debian's chromium
# package at /usr/bin/chromium, or whatever CHROMIUM_PATH names (e.g. the Chrome a CI image ships). The npm browser
# downloads are not used: they need hosts the test machines cannot reach. On a developer's machine without root the test
# is skipped and this says how to get a browser; under CI (CI set) a missing browser fails, so the test always runs there.
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
  how="install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome"
  if [ -n "${CI:-}" ]; then
    echo "install-chromium: /usr/bin/chromium is missing and this user cannot install it: $how" >&2
    exit 1
  fi
  echo "install-chromium: no Chromium, and no root to install one: the report page test will be skipped ($how)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
