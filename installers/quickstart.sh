#!/usr/bin/env bash
# The two README quick-start commands:
#   installers/quickstart.sh app    install, build, open Chorus on the demo database
#   installers/quickstart.sh test   install, build, run every test (also under the sanitizers, and
#                                   the fuzz targets), build and check the packages
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

mode=${1:-}
case "$mode" in
  app|test) ;;
  *) echo "usage: installers/quickstart.sh app|test" >&2; exit 2 ;;
esac

bash installers/install-deps.sh
bash installers/fetch-sqlite3mc.sh
cmake --preset default
cmake --build --preset default --parallel "$(nproc 2>/dev/null || echo 2)"

if [[ $mode == test ]]; then
  # Everything but the GUI tests first, then those on a fresh virtual display (each
  # run its own server, as wx's CI does), then the packages, unpacked and run outside
  # the build tree. All always run; the exit code says whether any failed, and the
  # package check's "N passed, N failed" is the last thing printed.
  status=0
  ctest --preset default --parallel "$(nproc 2>/dev/null || echo 2)" --label-exclude gui || status=$?
  xvfb-run -a -s '-screen 0 1600x1200x24' ctest --preset default --label-regex gui || status=$?
  # The same suite again under AddressSanitizer and UBSan, then the fuzz targets
  # (docs/testing.md): one clang build of its own, build-asan.
  bash installers/sanitizers.sh || status=$?
  # Old packages would be checked in place of missing new ones.
  rm -rf build/packages
  cpack --preset default || status=$?
  bash installers/check-packages.sh build || status=$?
  exit "$status"
else
  # The desktop app on the database in the user's data folder; it seeds the demo data
  # on first run.
  ./build/bin/chorus
fi
