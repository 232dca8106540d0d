#!/bin/sh
# Score gates: the seed articles against the shared gold, the date tagger on TimeML,
# attribution on PolNeAR dev and HTML main text on the extraction benchmark (each skipped
# with a message when ../shared is absent), and the bundled sample corpus against its own
# gold. A score below the committed baseline fails the run; raise the baselines as scores
# improve.
# usage: sh tests/eval/run.sh [path/to/claimline]
set -u
BIN=${1:-build/claimline}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${CLAIMLINE_SHARED:-$ROOT/../shared}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0

gate() { # name corpus gold baseline
  name=$1 corpus=$2 gold=$3 baseline=$4
  "$BIN" extract "$corpus" > "$T/$name.jsonl" 2> "$T/$name.err"
  rc=$?
  if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
    echo "FAIL $name: extract exited $rc"; cat "$T/$name.err"; fails=$((fails + 1)); return
  fi
  if "$BIN" eval --gold "$gold" --baseline "$baseline" "$T/$name.jsonl" > "$T/$name.report" 2> "$T/$name.cmp"; then
    echo "ok   $name scores meet $baseline"
    sed -n '4,10p' "$T/$name.report" | sed 's/^/     /'
  else
    echo "FAIL $name scores below $baseline"
    cat "$T/$name.cmp" "$T/$name.report"
    fails=$((fails + 1))
  fi
}

if [ -d "$SHARED/corpus/seeds" ] && [ -f "$SHARED/eval/seeds/gold.json" ]; then
  gate seeds "$SHARED/corpus/seeds" "$SHARED/eval/seeds/gold.json" "$HERE/seeds-baseline.json"
else
  echo "skip seeds: $SHARED/corpus/seeds not found (the shared folder is not beside this checkout)"
fi
# dirgate NAME FLAG DIR BASELINE LINES: claimline eval FLAG DIR against a baseline; LINES
# of the report (a sed range) are shown on success
dirgate() {
  name=$1 flag=$2 dir=$3 baseline=$4 lines=$5
  if [ ! -e "$dir" ]; then
    echo "skip $name: $dir not found"; return
  fi
  if "$BIN" eval "$flag" "$dir" --baseline "$baseline" > "$T/$name.report" 2> "$T/$name.cmp"; then
    echo "ok   $name scores meet $baseline"
    sed -n "${lines}p" "$T/$name.report" | sed 's/^/     /'
  else
    echo "FAIL $name scores below $baseline"
    cat "$T/$name.cmp"; head -6 "$T/$name.report"
    fails=$((fails + 1))
  fi
}

dirgate timeml --timeml "$SHARED/eval/timeml" "$HERE/timeml-baseline.json" 3,5
dirgate polnear-dev --polnear "$SHARED/eval/attribution/dev" "$HERE/polnear-baseline.json" 3,5
dirgate html --html "$SHARED/eval/boilerplate" "$HERE/html-baseline.json" 3
if [ -f "$ROOT/examples/gold.json" ]; then
  gate examples "$ROOT/examples" "$ROOT/examples/gold.json" "$HERE/examples-baseline.json"
fi
echo "eval: $fails failure(s)"
[ $fails -eq 0 ]
