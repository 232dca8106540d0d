#!/bin/sh
# sigkill.sh [BIN] - crash safety of the ledger: `analyze` is killed with SIGKILL at random
# moments, RUNS times (default 10; SIGKILL_RUNS=100 for the full check). After every kill
# the database must pass SQLite's integrity check and hold only whole documents (each with
# all its claims); rerunning the same command must complete it with no document lost or
# doubled, giving the same ledger as one clean run.
set -u
BIN=${1:-build/claimline}
RUNS=${SIGKILL_RUNS:-10}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
if ! command -v sqlite3 > /dev/null || ! command -v cc > /dev/null; then
  echo "skip sigkill: sqlite3 or cc not installed (scripts/setup.sh installs them)"; exit 0
fi
cc -O1 -o "$T/gen" "$ROOT/bench/gen_corpus.c"
"$T/gen" 3 5 > "$T/feed.jsonl"
total=$(wc -l < "$T/feed.jsonl")
"$BIN" analyze -j 2 --db "$T/clean.db" "$T/feed.jsonl" > /dev/null 2>&1
clean_claims=$(sqlite3 "$T/clean.db" "SELECT count(*) FROM claims")

fails=0
prev=0
i=0
while [ $i -lt "$RUNS" ]; do
  i=$((i + 1))
  "$BIN" analyze -j 2 --batch 200 --db "$T/k.db" "$T/feed.jsonl" > /dev/null 2>&1 &
  pid=$!
  # a random moment in the first two seconds
  sleep "$(awk -v s="$i$$" 'BEGIN { srand(s); printf "%.3f", rand() * 2 }')"
  kill -9 $pid 2> /dev/null
  wait $pid 2> /dev/null
  [ -f "$T/k.db" ] || continue
  check=$(sqlite3 "$T/k.db" "PRAGMA integrity_check" 2>&1)
  docs=$(sqlite3 "$T/k.db" "SELECT count(*) FROM documents" 2>&1)
  # every document has exactly the claims it had in the clean run
  partial=$(sqlite3 "$T/k.db" "ATTACH '$T/clean.db' AS c;
    SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM claims x WHERE x.doc_hash = d.hash)
      != (SELECT count(*) FROM c.claims y WHERE y.doc_hash = d.hash)" 2>&1)
  if [ "$check" != ok ] || [ "$partial" != 0 ] || [ "$docs" -lt "$prev" ]; then
    echo "FAIL kill $i: integrity '$check', documents $docs (before $prev), half-loaded $partial"
    fails=$((fails + 1))
  fi
  prev=$docs
done
"$BIN" analyze -j 2 --db "$T/k.db" "$T/feed.jsonl" > /dev/null 2>&1
docs=$(sqlite3 "$T/k.db" "SELECT count(*) FROM documents")
claims=$(sqlite3 "$T/k.db" "SELECT count(*) FROM claims")
if [ "$docs" -ne "$total" ] || [ "$claims" -ne "$clean_claims" ]; then
  echo "FAIL after rerun: $docs of $total documents, $claims of $clean_claims claims"
  fails=$((fails + 1))
fi
echo "sigkill: $RUNS kills, $fails failure(s); rerun gives $docs/$total documents, $claims/$clean_claims claims"
[ $fails -eq 0 ]
