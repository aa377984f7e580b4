#!/usr/bin/env bash
# Installs Debian's Chromium for the report page test (the npm browser downloads cannot reach their hosts here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then echo "install-chromium: /usr/bin/chromium is missing and this user cannot apt-get install it" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
