#!/usr/bin/env bash
# Installs what Chorus needs to build and test, from the distribution's packages.
# Debian 12 / Ubuntu 22.04+ only; README lists the equivalents for Fedora, Homebrew and vcpkg.
# XLSX exports are written with libxlsxwriter; their test reads them back with LibreOffice.
# Packaging (installers/CMakeLists.txt, check-packages.sh) needs dpkg-dev, fakeroot, rpm
# (rpmbuild, rpm2archive), file, man-db, and the validators desktop-file-utils and appstream.
# The sanitizer build and the fuzz targets (installers/sanitizers.sh) need clang, its
# sanitizer and libFuzzer runtimes (libclang-rt-14-dev) and llvm-symbolizer (llvm).
# SQLite itself is built from SQLite3 Multiple Ciphers (fetch-sqlite3mc.sh, with curl and
# openssl); the sqlite3 command is only the benchmarks' reference.
# Idempotent: when every package is already present it changes nothing and needs no network.
set -euo pipefail

packages=(
  build-essential cmake pkg-config dpkg-dev fakeroot git
  libwxgtk3.2-dev libboost-dev libboost-filesystem-dev
  sqlite3 nlohmann-json3-dev libgtest-dev time
  curl ca-certificates openssl
  libzip-dev libexpat1-dev libsodium-dev
  libxlsxwriter-dev libreoffice-calc-nogui
  libcairo2-dev libpango1.0-dev fonts-dejavu-core poppler-utils
  xvfb xauth imagemagick
  clang libclang-rt-14-dev llvm
  desktop-file-utils appstream file man-db rpm
)

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: this script uses apt-get (Debian/Ubuntu). On other systems install the" >&2
  echo "equivalent packages listed in README.md, then run the build yourself." >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
