#!/bin/sh
# Install the system packages the browser tests need (Debian's chromium and chromium-driver), if missing.
# Idempotent: does nothing when /usr/bin/chromium and /usr/bin/chromedriver are already there.
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
