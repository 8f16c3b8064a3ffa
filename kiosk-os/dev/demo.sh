#!/usr/bin/env bash
# The kiosk's main job, from a fresh Debian 12 machine: installs what is
# needed, builds, starts the simulators (pcscd + vpcd, Mosquitto, portal-sim)
# and runs the kiosk against them.
#   - with a display ($DISPLAY or $WAYLAND_DISPLAY): a window (developer mode);
#   - without one: offscreen with the autopilot, which walks every screen and
#     writes a screenshot of each plus run.json into the folder it prints.
# Usage: demo.sh [OUTPUT_DIR]      (KIOSK_DEMO=window|autopilot forces a mode)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${KIOSK_BUILD_DIR:-$root/build}"

"$root/kiosk-os/setup/install-deps.sh"
"$root/kiosk-os/dev/build.sh" --target smart-kiosk kiosk-sim portal-sim thai-vcard kioskctl

out="$(realpath -m "${1:-$root/out/demo-$(date -u +%Y%m%dT%H%M%SZ)}")"
mkdir -p "$out"
mode="${KIOSK_DEMO:-}"
if [ -z "$mode" ]; then
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then mode=window; else mode=autopilot; fi
fi

# A fictional citizen's card sits in the virtual reader (sim/cards/).
sim=("$build/bin/kiosk-sim" run --config "$root/config/kiosk.json" --card "$root/sim/cards/somchai.json"
  --logs "$out/sim-logs" --)
if [ "$mode" = window ]; then
  exec "${sim[@]}" "$build/bin/smart-kiosk" --windowed --data-dir "$out/data"
fi
"${sim[@]}" "$build/bin/smart-kiosk" --autopilot "$out" --data-dir "$out/data"
echo "demo output: $out (screenshots *.png, run log run.json, simulator logs sim-logs/)"
