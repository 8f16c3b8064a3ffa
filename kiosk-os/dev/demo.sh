#!/usr/bin/env bash
# The kiosk's main job, from a fresh Debian 12 machine: installs what is
# needed, builds, starts the simulators (pcscd + vpcd, Mosquitto, portal-sim)
# and runs the kiosk against them on its real parts (PC/SC card reader,
# camera + OCR + face + liveness, proofing backends, Citizen Portal, file
# printer). Without a webcam the camera is a recorded person (demo mode: the
# screens say DEMO) and the card-image step sees the demo citizen's card,
# rendered here with kiosk-cardgen.
#   - with a display ($DISPLAY or $WAYLAND_DISPLAY): a window (developer mode);
#   - without one: offscreen with the autopilot, which walks every screen and
#     writes a screenshot of each plus run.json into the folder it prints.
# Usage: demo.sh [OUTPUT_DIR]      (KIOSK_DEMO=window|autopilot forces a mode)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${KIOSK_BUILD_DIR:-$root/build}"

"$root/kiosk-os/setup/install-deps.sh"
"$root/kiosk-os/dev/build.sh" --target smart-kiosk kiosk-sim portal-sim thai-vcard kioskctl kiosk-cardgen

out="$(realpath -m "${1:-$root/out/demo-$(date -u +%Y%m%dT%H%M%SZ)}")"
mkdir -p "$out"
mode="${KIOSK_DEMO:-}"
if [ -z "$mode" ]; then
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then mode=window; else mode=autopilot; fi
fi

# A fictional citizen's card sits in the virtual reader (sim/cards/); the
# camera step is shown the same card, printed.
card="${KIOSK_DEMO_CARD:-$root/sim/cards/kanya.json}"
"$build/bin/kiosk-cardgen" --citizen "$card" --out "$out/card" >/dev/null
sim=("$build/bin/kiosk-sim" run --config "$root/config/kiosk.json" --card "$card"
  --logs "$out/sim-logs" --)
kiosk=("$build/bin/smart-kiosk" --data-dir "$out/data" --demo-card-dir "$out/card")
if [ "$mode" = window ]; then
  exec "${sim[@]}" "${kiosk[@]}" --windowed
fi
start=$(date +%s)
"${sim[@]}" "${kiosk[@]}" --autopilot "$out"
echo "demo took $(( $(date +%s) - start )) s"
echo "demo output: $out (screenshots *.png, run log run.json, simulator logs sim-logs/)"
