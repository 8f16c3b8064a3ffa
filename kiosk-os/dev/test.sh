#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is
# needed, builds, runs the libFuzzer targets for a bounded time (clang build),
# then every ctest suite (unit, integration, ui, slow). Real parts (pcscd +
# vpcd, Mosquitto, portal-sim) are started and stopped by the tests
# themselves. Screenshots and logs land in build/artifacts/.
#
# Environment: KIOSK_BUILD_DIR (default ./build), KIOSK_FUZZ_SECONDS (default 20),
# KIOSK_TEST_LABELS (a ctest -L regex, default: all).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# ccache hits across checkouts (CI builds a fresh clone in another folder).
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
build="${KIOSK_BUILD_DIR:-$root/build}"

"$root/kiosk-os/setup/install-deps.sh"

echo "== build (g++)"
"$root/kiosk-os/dev/build.sh"

echo "== fuzz (clang, ${KIOSK_FUZZ_SECONDS:-20} s per target)"
cmake -S "$root" -B "$build-fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DKIOSK_FUZZ=ON -DKIOSK_BUILD_TESTS=OFF \
  -DKIOSK_FUZZ_SECONDS="${KIOSK_FUZZ_SECONDS:-20}" >/dev/null
cmake --build "$build-fuzz" -j "$(nproc)" --target fuzzers
ctest --test-dir "$build-fuzz" --output-on-failure -j "$(nproc)"

echo "== tests"
export QT_QPA_PLATFORM=offscreen
labels=()
if [ -n "${KIOSK_TEST_LABELS:-}" ]; then labels=(-L "$KIOSK_TEST_LABELS"); fi
status=0
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" "${labels[@]}" || status=$?
echo "artifacts (screenshots, logs): $build/artifacts"
exit "$status"
