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
if [ -d "$SHARED/eval/timeml" ]; then
  if "$BIN" eval --timeml "$SHARED/eval/timeml" --baseline "$HERE/timeml-baseline.json" > "$T/timeml.report" 2> "$T/timeml.cmp"; then
    echo "ok   timeml scores meet $HERE/timeml-baseline.json"
    sed -n '3,5p' "$T/timeml.report" | sed 's/^/     /'
  else
    echo "FAIL timeml scores below $HERE/timeml-baseline.json"
    cat "$T/timeml.cmp"; head -6 "$T/timeml.report"
    fails=$((fails + 1))
  fi
else
  echo "skip timeml: $SHARED/eval/timeml not found"
fi
if [ -d "$SHARED/eval/attribution/dev/text" ]; then
  if "$BIN" eval --polnear "$SHARED/eval/attribution/dev" --baseline "$HERE/polnear-baseline.json" > "$T/polnear.report" 2> "$T/polnear.cmp"; then
    echo "ok   polnear dev scores meet $HERE/polnear-baseline.json"
    sed -n '3,5p' "$T/polnear.report" | sed 's/^/     /'
  else
    echo "FAIL polnear dev scores below $HERE/polnear-baseline.json"
    cat "$T/polnear.cmp"; head -6 "$T/polnear.report"
    fails=$((fails + 1))
  fi
else
  echo "skip polnear: $SHARED/eval/attribution/dev not found"
fi
if [ -f "$SHARED/eval/boilerplate/ground-truth.json" ]; then
  if "$BIN" eval --html "$SHARED/eval/boilerplate" --baseline "$HERE/html-baseline.json" > "$T/html.report" 2> "$T/html.cmp"; then
    echo "ok   html main-text scores meet $HERE/html-baseline.json"
    sed -n '3p' "$T/html.report" | sed 's/^/     /'
  else
    echo "FAIL html main-text scores below $HERE/html-baseline.json"
    cat "$T/html.cmp"; head -4 "$T/html.report"
    fails=$((fails + 1))
  fi
else
  echo "skip html: $SHARED/eval/boilerplate not found"
fi
if [ -f "$ROOT/examples/gold.json" ]; then
  gate examples "$ROOT/examples" "$ROOT/examples/gold.json" "$HERE/examples-baseline.json"
fi
echo "eval: $fails failure(s)"
[ $fails -eq 0 ]
