#!/usr/bin/env bash
# Runs every libFuzzer target of a build for a number of seconds each, a few at
# a time, keeping each target's corpus in build/fuzz-corpus/<target> between
# runs. A crash, leak, timeout or sanitizer report leaves its input in
# build/fuzz-findings/ and makes the script fail; such an input goes into
# tests/fuzz/corpus/<target>/ once fixed, where `ctest` replays it.
#   scripts/fuzz.sh BUILD_DIR SECONDS JOBS
set -euo pipefail

build=${1:?build directory}
seconds=${2:-600}
jobs=${3:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
corpora="$root/build/fuzz-corpus"
findings="$root/build/fuzz-findings"
mkdir -p "$corpora" "$findings"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

run_one() {
  local fuzzer=$1 target
  target=$(basename "$fuzzer")
  target=${target#iop_fuzz_}
  local seeds="$build/tests/fuzz/seeds/$target" past="$root/tests/fuzz/corpus/$target"
  mkdir -p "$corpora/$target"
  local inputs=("$corpora/$target" "$seeds")
  [ -d "$past" ] && inputs+=("$past")
  if "$fuzzer" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=1024 -print_final_stats=1 \
       -artifact_prefix="$findings/$target-" "${inputs[@]}" >"$findings/$target.log" 2>&1; then
    echo "$target: $(grep -E '^stat::number_of_executed_units' "$findings/$target.log" | awk '{print $2}') runs in ${seconds} s, corpus $(ls "$corpora/$target" | wc -l), no finding"
  else
    echo "$target: FINDING, see $findings/$target.log"
    return 1
  fi
}
export -f run_one
export build seconds root corpora findings

ls "$build"/tests/fuzz/iop_fuzz_* | xargs -P "$jobs" -I{} bash -c 'run_one {}'
