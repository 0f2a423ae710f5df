#!/bin/sh
# Installs Debian's Chromium and a CJK font for the browser tests, only when Chromium is missing.
# Without --no-install-recommends apt pulls ~130 packages (systemd, avahi); without a CJK font
# every Chinese glyph renders as a box.
set -eu

if [ -x /usr/bin/chromium ]; then
    echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-cjk
/usr/bin/chromium --version
