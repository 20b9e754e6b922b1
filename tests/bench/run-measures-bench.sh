#!/usr/bin/env bash
# The measures benchmark: the 40-measure set tests/bench/bench-measures.json computed for
# every period of two financial years (8 quarters, 24 months, 4 halves, 2 years) on a
# database of N responses made by chorus-bench-generate, against the floor (the plain SQL
# that gives the same counts, run by the same SQLite). Prints medians, the ratio and peak memory.
#
#   tests/bench/run-measures-bench.sh [--responses N] [--runs R]
#
# Environment: CHORUS_BENCH_RESPONSES (default 1000000), CHORUS_BENCH_RUNS (default 5),
# CHORUS_BUILD_DIR (default build/ of this checkout), CHORUS_BENCH_DIR (scratch folder,
# default a new one under $TMPDIR, removed afterwards; a million responses need ~800 MB).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
responses=${CHORUS_BENCH_RESPONSES:-1000000}
runs=${CHORUS_BENCH_RUNS:-5}
build=${CHORUS_BUILD_DIR:-$root/build}

while (($#)); do
  case $1 in
    --responses) responses=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-measures-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

generate=$build/bin/chorus-bench-generate
bench=$build/bin/chorus-bench-measures
for tool in "$generate" "$bench"; do
  [[ -x $tool ]] || { echo "run-measures-bench: $tool is missing; build first (cmake --build --preset default)" >&2; exit 1; }
done

if [[ -n ${CHORUS_BENCH_DIR:-} ]]; then
  work=$CHORUS_BENCH_DIR
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

db=$work/measures-bench.db
rm -f "$db" "$db-wal" "$db-shm"
echo "run-measures-bench: generating $responses responses into $db"
"$generate" --responses "$responses" --db "$db"
"$bench" --db "$db" --set "$here/bench-measures.json" --runs "$runs"
