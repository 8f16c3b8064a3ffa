# Shared helpers for the packaging tests (sourced).
set -euo pipefail

passed=0
failed=0
check() {  # check "description" command...
    local what="$1"
    shift
    if "$@"; then
        echo "PASS: $what"
        passed=$((passed + 1))
    else
        echo "FAIL: $what"
        failed=$((failed + 1))
    fi
}
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
die() {
    echo "FAIL: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}
deb_path() {  # the package CPack built in build dir $1
    local deb
    deb="$(ls "$1"/package/smart-kiosk_*_amd64.deb 2>/dev/null | head -n 1)"
    [ -n "$deb" ] || die "no .deb in $1/package (the package_deb test builds it)"
    echo "$deb"
}
