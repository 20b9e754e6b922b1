#!/usr/bin/env bash
# Fetches SQLite3 Multiple Ciphers (the SQLite build Chorus links, with encryption at rest:
# docs/encryption.md) into third_party/sqlite3mc/, which is gitignored: nothing downloaded
# is committed. The amalgamation comes from the npm package better-sqlite3-multiple-ciphers,
# which ships it (deps/sqlite3/); the npm registry is reachable where GitHub releases may not
# be. The tarball is pinned by its npm integrity hash and checked before anything is used.
# Idempotent: does nothing when the pinned version is already in place.
#   installers/fetch-sqlite3mc.sh        (run by quickstart.sh before cmake; by hand likewise)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

package=better-sqlite3-multiple-ciphers
version=13.0.3 # SQLite3 Multiple Ciphers 2.4.0, SQLite 3.53.4
integrity=sha512-UYabM82r1J84TLWc/SszoHs6XopWpl/2HCg3Nui1JUaFXg/VLswzkPowYiRhK/4CftI8dgtikwyZQecMldrGxQ==
url=https://registry.npmjs.org/$package/-/$package-$version.tgz

target=$here/third_party/sqlite3mc
stamp=$target/VERSION
if [[ -f $stamp && $(cat "$stamp") == "$package@$version $integrity" ]]; then
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
curl --fail --silent --show-error --location --retry 3 --output "$work/package.tgz" "$url"
actual="sha512-$(openssl dgst -sha512 -binary "$work/package.tgz" | base64 -w0)"
if [[ $actual != "$integrity" ]]; then
  echo "fetch-sqlite3mc.sh: $url does not match the pinned hash" >&2
  echo "  expected $integrity" >&2
  echo "  got      $actual" >&2
  exit 1
fi
tar -xzf "$work/package.tgz" -C "$work" package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
# The amalgamation's own notice (SQLite3 Multiple Ciphers is MIT, SQLite public domain).
head -n 8 "$work/package/deps/sqlite3/sqlite3.c" >"$work/LICENCE"

# Replaced whole, so an interrupted run never leaves a mix of two versions.
rm -rf "$target.new"
mkdir -p "$target.new"
mv "$work/package/deps/sqlite3/sqlite3.c" "$work/package/deps/sqlite3/sqlite3.h" "$work/LICENCE" "$target.new/"
echo "$package@$version $integrity" >"$target.new/VERSION"
rm -rf "$target"
mv "$target.new" "$target"
echo "fetch-sqlite3mc.sh: SQLite3 Multiple Ciphers from $package@$version in $target"
