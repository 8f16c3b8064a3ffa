#!/usr/bin/env bash
# Configures and builds Smart Kiosk into $KIOSK_BUILD_DIR (default ./build).
# Used by demo.sh and test.sh; ccache is used when installed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# ccache hits across checkouts (CI builds a fresh clone in another folder).
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
build="${KIOSK_BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" "$@"
