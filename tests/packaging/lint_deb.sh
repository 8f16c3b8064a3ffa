#!/usr/bin/env bash
# The package is lintian-clean (errors and warnings; each override is
# justified in packaging/debian/lintian-overrides) and holds what a kiosk needs.
# Usage: lint_deb.sh BUILD_DIR
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"
build="$1"
deb="$(deb_path "$build")"
command -v lintian >/dev/null || die "lintian is not installed (Debian package lintian)"

check "lintian: no errors or warnings" lintian --fail-on error,warning --allow-root "$deb"
contents="$(dpkg-deb -c "$deb" | awk '{print $6}')"
for f in ./usr/bin/smart-kiosk ./usr/bin/kioskctl ./etc/smart-kiosk/kiosk.json \
    ./lib/systemd/system/smart-kiosk.service ./lib/systemd/system/smart-kiosk-provision.service \
    ./lib/udev/rules.d/70-smart-kiosk.rules ./usr/lib/systemd/journald.conf.d/smart-kiosk.conf \
    ./usr/lib/systemd/logind.conf.d/smart-kiosk.conf ./usr/share/man/man1/kioskctl.1.gz \
    ./usr/share/doc/smart-kiosk/copyright ./usr/share/smart-kiosk/models/models.lock \
    ./usr/share/smart-kiosk/cards/templates/personal-card-template.jpg; do
    check "contains $f" grep -qxF "$f" <<<"$contents"
done
check "kiosk.json is a conffile" sh -c "dpkg-deb --ctrl-tarfile '$deb' | tar -xO ./conffiles | grep -qx /etc/smart-kiosk/kiosk.json"
depends="$(dpkg-deb -f "$deb" Depends)"
for d in cage pcscd fonts-tlwg-laksaman qml6-module-qtquick qml6-module-qtquick-virtualkeyboard \
    tesseract-ocr-tha tesseract-ocr-eng libqt6quick6 libssl3; do
    check "depends on $d" grep -q "$d" <<<"$depends"
done
check "file name is smart-kiosk_<version>_amd64.deb" grep -Eq '/smart-kiosk_[0-9]+\.[0-9]+\.[0-9]+_amd64\.deb$' <<<"$deb"
finish
