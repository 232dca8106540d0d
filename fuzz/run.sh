#!/bin/sh
# run.sh SECONDS TARGET... - runs each libFuzzer target for SECONDS on a working corpus in
# build/fuzz/work/NAME seeded from fuzz/corpus/NAME. New crashes are written to
# build/fuzz/crash-NAME-*; copy a fixed one into fuzz/corpus/NAME so every test run replays it.
# With FUZZ_RUNS=N in the environment each target runs N executions instead (the long runs
# counted in docs/reliability.md), with no time limit. FUZZ_ARGS adds libFuzzer options
# (the long runs use -entropic=0: see docs/reliability.md).
set -eu
secs=$1; shift
if [ -n "${FUZZ_RUNS:-}" ]; then limit="-runs=$FUZZ_RUNS"; else limit="-max_total_time=$secs"; fi
status=0
for bin in "$@"; do
  name=$(basename "$bin" | sed 's/^fuzz_//')
  work=build/fuzz/work/$name
  mkdir -p "$work"
  cp -n fuzz/corpus/"$name"/* "$work"/ 2>/dev/null || true
  echo "== fuzz $name ($limit)"
  if ! "$bin" $limit ${FUZZ_ARGS:-} -max_len=65536 -rss_limit_mb=2048 -timeout=20 \
      -artifact_prefix=build/fuzz/crash-"$name"- -print_final_stats=1 "$work" 2> build/fuzz/"$name".log; then
    status=1
    tail -40 build/fuzz/"$name".log
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" build/fuzz/"$name".log || true
done
exit $status
