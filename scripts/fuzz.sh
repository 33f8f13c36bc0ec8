#!/usr/bin/env bash
# Runs every libFuzzer target of a build for a number of seconds each, a few at
# a time, keeping each target's corpus in build/fuzz-corpus/<target> between
# runs. A crash, leak, timeout or sanitizer report leaves its input in
# build/fuzz-findings/ and makes the script fail; such an input goes into
# tests/fuzz/corpus/<target>/ once fixed, where `ctest` replays it.
# With FUZZ_KEEP=1, what a run grew is merged into tests/fuzz/corpus/<target>/
# (libFuzzer's -merge=1 keeps only the inputs that add coverage).
# One line a target: executions, seconds, edges covered (cov), features (ft),
# corpus size, inputs kept, and the finding if any.
#   scripts/fuzz.sh BUILD_DIR SECONDS JOBS [TARGET...]
set -euo pipefail

build=${1:?build directory}
seconds=${2:-600}
jobs=${3:-2}
shift $(( $# < 3 ? $# : 3 ))
root=$(cd "$(dirname "$0")/.." && pwd)
corpora="$root/build/fuzz-corpus"
findings="$root/build/fuzz-findings"
keep=${FUZZ_KEEP:-0}
mkdir -p "$corpora" "$findings"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

run_one() {
  local fuzzer=$1 target
  target=$(basename "$fuzzer")
  target=${target#iop_fuzz_}
  local seeds="$build/tests/fuzz/seeds/$target" past="$root/tests/fuzz/corpus/$target"
  local log="$findings/$target.log"
  mkdir -p "$corpora/$target"
  local inputs=("$corpora/$target" "$seeds")
  [ -d "$past" ] && inputs+=("$past")
  if "$fuzzer" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=1024 -print_final_stats=1 \
       -artifact_prefix="$findings/$target-" "${inputs[@]}" >"$log" 2>&1; then
    local kept=0
    if [ "$keep" = 1 ]; then
      mkdir -p "$past"
      local before
      before=$(ls "$past" | wc -l)
      "$fuzzer" -merge=1 -timeout=60 -rss_limit_mb=1024 "$past" "$corpora/$target" >>"$log.merge" 2>&1
      kept=$(( $(ls "$past" | wc -l) - before ))
    fi
    local done_line
    done_line=$(grep -E '^#[0-9]+\s+DONE' "$log" | tail -1)
    echo "$target: $(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}') runs in ${seconds} s," \
         "cov $(sed -E 's/.*cov: ([0-9]+).*/\1/' <<<"$done_line")," \
         "ft $(sed -E 's/.*ft: ([0-9]+).*/\1/' <<<"$done_line")," \
         "corpus $(ls "$corpora/$target" | wc -l), kept $kept new, no finding"
  else
    echo "$target: FINDING, see $log"
    return 1
  fi
}
export -f run_one
export build seconds root corpora findings keep

if (( $# > 0 )); then
  printf "$build/tests/fuzz/iop_fuzz_%s\n" "$@"
else
  ls "$build"/tests/fuzz/iop_fuzz_*
fi | xargs -P "$jobs" -I{} bash -c 'run_one {}'
