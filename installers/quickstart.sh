#!/usr/bin/env bash
# The two README quick-start commands:
#   installers/quickstart.sh app    install, build, open Chorus on the demo database
#   installers/quickstart.sh test   install, build, run every test
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

mode=${1:-}
case "$mode" in
  app|test) ;;
  *) echo "usage: installers/quickstart.sh app|test" >&2; exit 2 ;;
esac

bash installers/install-deps.sh
cmake --preset default
cmake --build --preset default --parallel "$(nproc 2>/dev/null || echo 2)"

if [[ $mode == test ]]; then
  ctest --preset default --parallel "$(nproc 2>/dev/null || echo 2)"
else
  # Until the desktop app lands, chorus-cli is the app: it opens the database in the
  # user's data folder, seeds the demo data on first run and shows what it holds.
  ./build/bin/chorus-cli demo
fi
