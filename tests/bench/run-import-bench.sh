#!/usr/bin/env bash
# The CSV import benchmark: chorus-cli responses import against the floor, sqlite3's
# .import of the same file into a plain table. Generates the CSV with chorus-bench-generate,
# then times each import RUNS times into a fresh database and reports the medians, their
# ratio and the peak memory (RSS) of the Chorus import.
#
#   tests/bench/run-import-bench.sh [--responses N] [--runs R]
#
# Environment: CHORUS_BENCH_RESPONSES (default 1000000), CHORUS_BENCH_RUNS (default 3),
# CHORUS_BUILD_DIR (default build/ of this checkout), CHORUS_BENCH_DIR (scratch folder,
# default a new one under $TMPDIR, removed afterwards; a million responses need ~2 GB),
# CHORUS_BENCH_PASSPHRASE (when set, the Chorus database is encrypted with it before the
# import: the cost of encryption at rest, docs/encryption.md).
set -euo pipefail

name=run-import-bench default_runs=3
source "$(dirname "$0")/bench-setup.sh"

generate=$build/bin/chorus-bench-generate
cli=$build/bin/chorus-cli
instrument_file=$here/bench-family-feedback.json
instrument=bench-family-feedback
require_built "$generate" "$cli"
command -v sqlite3 >/dev/null || { echo "run-import-bench: sqlite3 is missing (installers/install-deps.sh)" >&2; exit 1; }
/usr/bin/time -v true 2>/dev/null || { echo "run-import-bench: GNU time is missing (installers/install-deps.sh)" >&2; exit 1; }

csv=$work/responses.csv
export CHORUS_USER=chorus-bench CHORUS_PLUGIN_PATH=

# Runs a command under /usr/bin/time -v; prints "seconds peak_kib".
timed() {
  local report=$work/time.txt
  /usr/bin/time -v -o "$report" "$@" >/dev/null || { echo "run-import-bench: failed: $*" >&2; return 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
    /Maximum resident set size/ { kib = $2 }
    END { printf "%.2f %d\n", s, kib }' "$report"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "Generating $responses responses into $csv"
"$generate" --responses "$responses" --csv "$csv"
echo "CSV: $(du -h "$csv" | cut -f1)"

chorus_times=() floor_times=() chorus_peaks=()
for ((run = 1; run <= runs; run++)); do
  rm -f "$work"/floor.db "$work"/chorus.db*
  result=$(timed sqlite3 "$work/floor.db" ".import --csv $csv t") # a failure stops the script
  read -r seconds _ <<<"$result"
  floor_times+=("$seconds")

  "$cli" --db "$work/chorus.db" instruments import "$instrument_file" >/dev/null
  if [[ -n ${CHORUS_BENCH_PASSPHRASE:-} ]]; then
    CHORUS_NEW_PASSPHRASE=$CHORUS_BENCH_PASSPHRASE "$cli" --db "$work/chorus.db" encrypt >/dev/null
    export CHORUS_PASSPHRASE=$CHORUS_BENCH_PASSPHRASE
  fi
  result=$(timed "$cli" --db "$work/chorus.db" responses import "$csv" --instrument "$instrument")
  read -r seconds kib <<<"$result"
  chorus_times+=("$seconds")
  chorus_peaks+=("$kib")
  echo "run $run: sqlite3 .import ${floor_times[-1]} s; chorus-cli responses import $seconds s, peak RSS $((kib / 1024)) MiB"
done
rm -f "$work"/floor.db "$work"/chorus.db*

floor=$(printf '%s\n' "${floor_times[@]}" | median)
chorus=$(printf '%s\n' "${chorus_times[@]}" | median)
peak=$(printf '%s\n' "${chorus_peaks[@]}" | sort -n | tail -1)
echo
echo "Responses:                       $responses ($runs runs, $(nproc) cores)${CHORUS_BENCH_PASSPHRASE:+, encrypted database}"
echo "sqlite3 .import (floor), median: $floor s"
echo "chorus-cli import, median:       $chorus s"
echo "ratio chorus / floor:            $(awk -v c="$chorus" -v f="$floor" 'BEGIN { printf "%.2f", c / f }')"
echo "chorus-cli import peak RSS:      $((peak / 1024)) MiB"
