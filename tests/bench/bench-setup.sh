# Sourced by the run-*-bench.sh scripts: their options, build folder and scratch folder.
# The caller sets `name` (for messages) and `default_runs` first, and its header comment
# (lines 2 to 11) is its --help. Sets here, root, responses, runs, build and work.
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
responses=${CHORUS_BENCH_RESPONSES:-1000000}
runs=${CHORUS_BENCH_RUNS:-$default_runs}
build=${CHORUS_BUILD_DIR:-$root/build}

while (($#)); do
  case $1 in
    --responses) responses=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "$name: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# Fails naming the missing program and how to get it.
require_built() {
  local tool
  for tool in "$@"; do
    [[ -x $tool ]] || { echo "$name: $tool is missing; build first (cmake --build --preset default)" >&2; exit 1; }
  done
}

if [[ -n ${CHORUS_BENCH_DIR:-} ]]; then
  work=$CHORUS_BENCH_DIR
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/chorus-bench.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
