#!/usr/bin/env bash
# Fixture: builds smart-kiosk_<version>_amd64.deb with CPack.
# Usage: build_deb.sh BUILD_DIR
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"
build="$1"
rm -f "$build"/package/smart-kiosk_*_amd64.deb
cmake --build "$build" --target package-deb >"$build/package-deb.log" 2>&1 || {
    tail -30 "$build/package-deb.log"
    die "cpack failed"
}
deb="$(deb_path "$build")"
check "package built: $(basename "$deb")" test -s "$deb"
finish
