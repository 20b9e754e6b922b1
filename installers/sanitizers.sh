#!/usr/bin/env bash
# The sanitizer and fuzzing run (docs/testing.md), part of `quickstart.sh test`: one clang
# build (preset asan, folder build-asan) instrumented with AddressSanitizer and
# UndefinedBehaviorSanitizer runs the whole test suite, the GUI tests on a virtual display,
# and then each libFuzzer target for CHORUS_FUZZ_SECONDS (installers/fuzz.sh).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
jobs=$(nproc 2>/dev/null || echo 2)

cmake --preset asan
cmake --build --preset asan --parallel "$jobs"
status=0
ctest --preset asan --parallel "$jobs" --label-exclude gui || status=$?
xvfb-run -a -s '-screen 0 1600x1200x24' ctest --preset asan --label-regex gui || status=$?
bash installers/fuzz.sh build-asan || status=$?
exit "$status"
