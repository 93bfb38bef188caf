#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (release, -sanitize=fuzzer,address) and runs each for FUZZ_SECONDS
# (default 120), or only the targets named as arguments (their corpus names: bundle, report, …).
#
#   scripts/fuzz.sh                      # every target, 120 s each
#   FUZZ_SECONDS=60 scripts/fuzz.sh bundle day
#   FUZZ_JOBS=2 scripts/fuzz.sh          # run two targets at a time
#
# New inputs go to fuzz-out/<target>/corpus (the committed seeds in Fuzz/corpus/<target> are only read),
# crashes, leaks and timeouts to fuzz-out/<target>/artifacts/, libFuzzer's output to fuzz-out/<target>/log.txt.
# Swift's backtracer is off (SWIFT_BACKTRACE=enable=no): with it AddressSanitizer reports a false
# use-after-free after a real crash. A crash found: copy it to Tests/AbriVaultTests/FuzzRegression/<target>/
# (hub-request: Tests/AbriHubTests/FuzzRegression/, ui-*: Tests/AbriCLITests/FuzzRegression/) once fixed, so that
# `make test` replays it. Exit status 1 when any target found something.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_TARGET=${FUZZ_SECONDS:-120}
JOBS=${FUZZ_JOBS:-1}
SWIFT=${SWIFT:-swift}
OUT="$ROOT/fuzz-out"
BIN="$ROOT/.build-fuzz/release"

if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  (cd "$ROOT/Fuzz" && "$SWIFT" build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
      --scratch-path ../.build-fuzz) || exit 2
fi

run_one() {
  local executable=$1 name=$2 dir="$OUT/$2"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  local start=$(date +%s)
  SWIFT_BACKTRACE=enable=no "$BIN/$executable" "$dir/corpus" "$ROOT/Fuzz/corpus/$name" \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$dir/artifacts/" > "$dir/log.txt" 2>&1
  local status=$? elapsed=$(( $(date +%s) - start ))
  local execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$dir/log.txt" | grep -o '[0-9]*$' | tail -1)
  local found=$(ls "$dir/artifacts" 2>/dev/null | wc -l)
  printf '%-16s %3ss  %10s executions  %s\n' "$name" "$elapsed" "${execs:-?}" \
    "$( [ $status -eq 0 ] && echo ok || echo "FOUND $found artifact(s), exit $status: see $dir/log.txt")"
  return $status
}

status=0
selected=("$@")
running=0
while read -r executable name; do
  [ -z "$executable" ] && continue
  if [ ${#selected[@]} -gt 0 ] && [[ ! " ${selected[*]} " =~ " $name " ]]; then continue; fi
  run_one "$executable" "$name" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then wait -n || status=1; running=$((running - 1)); fi
done < "$ROOT/Fuzz/targets.txt"
while [ "$running" -gt 0 ]; do wait -n || status=1; running=$((running - 1)); done
exit $status
