#!/usr/bin/env bash
# Installs the .deb into a clean Debian 12 root made with debootstrap and runs
# the kiosk inside it: smart-kiosk --version, kioskctl selftest --json,
# provisioning as the kiosk user, systemd-analyze verify on the units, purge.
#
# The clean root with the package's dependencies is cached in
# $KIOSK_TEST_CACHE (default /var/cache/smart-kiosk-tests), keyed by the
# Depends line, so only the first run downloads Debian packages. The mirror
# is the one this machine's apt uses. Needs root (debootstrap, chroot).
# Usage: install_deb.sh BUILD_DIR
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"
build="$1"
deb="$(deb_path "$build")"
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap and chroot)"
for tool in debootstrap chroot unshare python3; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done

mirror="$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1 | awk '{print $2}')"
[ -n "$mirror" ] || mirror="$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | head -n 1 | awk '{print $2}')"
[ -n "$mirror" ] || die "no Debian mirror found in this machine's apt sources"

cache="${KIOSK_TEST_CACHE:-/var/cache/smart-kiosk-tests}"
mkdir -p "$cache"
depends="$(dpkg-deb -f "$deb" Depends)"
key="$(printf 'v1 %s' "$depends" | sha256sum | cut -c1-16)"
base="$cache/bookworm-$key.tar"
work="$(mktemp -d /var/tmp/kiosk-deb-test.XXXXXX)"
trap 'rm -rf "$work"' EXIT
root="$work/root"

in_root() {  # run a command in the root with /proc and /dev, in a private mount namespace
    unshare --mount --propagation private -- sh -c \
        'mount -t proc proc "$0/proc" && mount --bind /dev "$0/dev" && exec chroot "$@"' "$root" "$@"
}

if [ ! -s "$base" ]; then
    echo "install_deb: building a clean bookworm root from $mirror (cached as $base)"
    debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
        tail -20 "$work/debootstrap.log"
        die "debootstrap failed"
    }
    rm -f "$root/etc/apt/sources.list"
    cp /etc/apt/sources.list.d/*.sources "$root/etc/apt/sources.list.d/" 2>/dev/null || true
    [ -n "$(ls "$root/etc/apt/sources.list.d/" 2>/dev/null)" ] ||
        echo "deb $mirror bookworm main" >"$root/etc/apt/sources.list"
    cp "$deb" "$root/tmp/smart-kiosk.deb"
    # Install and purge once: the dependencies stay, so later runs need no network.
    in_root "$root" sh -c 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends /tmp/smart-kiosk.deb && apt-get purge -y -q smart-kiosk && apt-get clean' \
        >"$work/prepare.log" 2>&1 || {
        tail -30 "$work/prepare.log"
        die "could not prepare the root"
    }
    rm -f "$root/tmp/smart-kiosk.deb"
    tar -C "$root" -cf "$base.partial" . && mv "$base.partial" "$base"
    rm -rf "$root"
fi

mkdir -p "$root"
tar -C "$root" -xf "$base"
cp "$deb" "$root/tmp/smart-kiosk.deb"
version="$(dpkg-deb -f "$deb" Version)"

check "package installs into a clean Debian 12 root" \
    in_root "$root" sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends /tmp/smart-kiosk.deb >/tmp/install.log 2>&1 || { tail -20 /tmp/install.log; exit 1; }'
has_kiosk_user() { in_root "$root" getent passwd kiosk >/dev/null; }
check "kiosk user exists" has_kiosk_user
# Owners are resolved inside the root: the host has no kiosk user.
owner_mode() { in_root "$root" stat -c '%U:%G %a' "$1"; }
check "/var/lib/smart-kiosk is kiosk:kiosk 750" test "$(owner_mode /var/lib/smart-kiosk)" = "kiosk:kiosk 750"
check "units enabled" test -L "$root/etc/systemd/system/graphical.target.wants/smart-kiosk.service"
version_matches() { test "$(in_root "$root" smart-kiosk --version)" = "smart-kiosk $version"; }
check "smart-kiosk --version prints $version" version_matches

selftest_ok() {  # kioskctl selftest --json: ok, and the named checks pass
    local json
    json="$(in_root "$root" runuser -u kiosk -- kioskctl --json selftest)" || { echo "$json"; return 1; }
    python3 - "$json" "$@" <<'PY'
import json, sys
report = json.loads(sys.argv[1])
status = {c["name"]: c["status"] for c in report["checks"]}
bad = [n for n in sys.argv[2:] if status.get(n) != "pass"]
if not report["ok"] or bad:
    print(json.dumps(report, indent=1))
    sys.exit(1)
PY
}
check "kioskctl selftest --json passes (config, data_dir, models, thai_font, card_ocr)" \
    selftest_ok config data_dir models thai_font card_ocr
check "kioskctl provision as the kiosk user" in_root "$root" runuser -u kiosk -- kioskctl provision
check "device keys readable by the kiosk user only" \
    test "$(owner_mode /var/lib/smart-kiosk/device/signing-key.pem)" = "kiosk:kiosk 600"
check "selftest after provisioning: provisioning passes" selftest_ok provisioning
check "systemd-analyze verify on the units" \
    in_root "$root" systemd-analyze verify --man=no /lib/systemd/system/smart-kiosk.service /lib/systemd/system/smart-kiosk-provision.service
check "purge removes the package and its data" \
    in_root "$root" sh -c 'apt-get purge -y -q smart-kiosk >/tmp/purge.log 2>&1 && ! test -e /var/lib/smart-kiosk && ! test -e /usr/bin/smart-kiosk'
finish
