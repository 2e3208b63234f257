#!/usr/bin/env bash
# The browser tests drive Debian's Chromium. Install it when it is missing, with a font that has the
# Arabic script: pages in Urdu name "Noto Nastaliq Urdu" and "Noto Naskh Arabic" (fonts-noto-core,
# about 12 MB to download), so screenshots of them show letters, not empty boxes.
set -euo pipefail
PACKAGES=()
if [ ! -x /usr/bin/chromium ]; then
  PACKAGES+=(chromium)
fi
if ! dpkg-query -W -f='${Status}' fonts-noto-core 2>/dev/null | grep -q "install ok installed"; then
  PACKAGES+=(fonts-noto-core)
fi
if [ "${#PACKAGES[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
echo "Installing Debian's ${PACKAGES[*]} for the browser tests..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${PACKAGES[@]}" >/dev/null
/usr/bin/chromium --version 2>/dev/null || true
