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

name=run-measures-bench default_runs=5
source "$(dirname "$0")/bench-setup.sh"

generate=$build/bin/chorus-bench-generate
bench=$build/bin/chorus-bench-measures
require_built "$generate" "$bench"

db=$work/measures-bench.db
rm -f "$db" "$db-wal" "$db-shm"
echo "run-measures-bench: generating $responses responses into $db"
"$generate" --responses "$responses" --db "$db"
"$bench" --db "$db" --set "$here/bench-measures.json" --runs "$runs"
