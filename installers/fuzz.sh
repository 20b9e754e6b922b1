#!/usr/bin/env bash
# Runs each libFuzzer target of a CHORUS_FUZZ build (preset asan) for a bounded time:
#   installers/fuzz.sh [build folder, default build-asan] [target...]
# CHORUS_FUZZ_SECONDS (default 45) is each target's time; 0 skips fuzzing. Seeds:
# tests/fuzz/corpus/<target>, the regression inputs and the interop files; what the fuzzer adds is kept in
# <build>/fuzz/corpus/<target> for the next run, a crashing input in <build>/fuzz/artifacts.
# Prints one line per target with its executions; fails when any target found a crash.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build-asan}
shift || true
[[ $build = /* ]] || build="$here/$build"
targets=("$@")
((${#targets[@]})) || targets=(instrument_json response_csv surveyjs xlsform)
seconds=${CHORUS_FUZZ_SECONDS:-45}
# libFuzzer reads -max_total_time=0 as "no limit": 0 here means no fuzzing.
if [[ $seconds == 0 ]]; then
  echo "fuzz: CHORUS_FUZZ_SECONDS=0: fuzzing skipped"
  exit 0
fi
# The response_csv target writes a SQLite store per input: on tmpfs its syncs cost nothing.
[[ -z ${TMPDIR:-} && -d /dev/shm && -w /dev/shm ]] && export TMPDIR=/dev/shm
interop=${CHORUS_INTEROP_DIR:-$here/../shared/interop}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/tests/sanitizers/lsan.supp}

status=0
summary=()
for target in "${targets[@]}"; do
  binary="$build/bin/chorus-fuzz-$target"
  [[ -x $binary ]] || { echo "fuzz: $binary is missing (configure with --preset asan)" >&2; exit 2; }
  corpus="$build/fuzz/corpus/$target"
  artifacts="$build/fuzz/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  seeds=("$here/tests/fuzz/corpus/$target")
  [[ -d $here/tests/fuzz/regressions/$target ]] && seeds+=("$here/tests/fuzz/regressions/$target")
  case $target in
    surveyjs) [[ -d $interop/surveyjs ]] && seeds+=("$interop/surveyjs") ;;
    xlsform) [[ -d $interop/xlsform ]] && seeds+=("$interop/xlsform") ;;
  esac
  log="$build/fuzz/$target.log"
  echo "fuzz: $target for ${seconds}s (log $log)"
  # The first folder receives new inputs; the others are only read.
  code=0
  "$binary" "$corpus" "${seeds[@]}" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 \
    -dict="$here/tests/fuzz/dict/$target.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    >"$log" 2>&1 || code=$?
  if ((code == 0)); then
    result=ok
  else
    result="FAILED (exit status $code): $(grep -m1 -E 'ERROR|property broken' "$log" || true)"
    tail -n 60 "$log" >&2
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  summary+=("fuzz: $target: ${runs:-?} executions in ${seconds}s, corpus $(ls "$corpus" | wc -l) inputs: $result")
done
printf '%s\n' "${summary[@]}"
exit "$status"
