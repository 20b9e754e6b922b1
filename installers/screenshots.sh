#!/usr/bin/env bash
# Screenshots of each main view of the real app on the demo data, for README:
#   installers/screenshots.sh     (after a build; writes docs/screenshots/*.png)
# Runs the app under its own Xvfb with throw-away settings and database.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
app="$here/build/bin/chorus"
out="$here/docs/screenshots"
[[ -x $app ]] || { echo "screenshots: build first (cmake --build --preset default)" >&2; exit 1; }
mkdir -p "$out"
work=$(mktemp -d)
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1
export DISPLAY=$display XDG_CONFIG_HOME="$work/config"
# The scorecard reports the example improvement plan of docs/measures.md.
for view in capture responses analysis complaints scorecard plugins; do
  extra=()
  [[ $view == scorecard ]] && extra=(--measure-set "$here/docs/measures/example-improvement-plan.json")
  "$app" --db "$work/demo.db" --demo --view "$view" "${extra[@]}" &
  pid=$!
  sleep 5
  # import can hang on a missing window and freeze Xvfb: always the root window, always a timeout.
  timeout 10 import -window root "$out/$view.png"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "screenshots: $out/$view.png"
done
