#!/bin/sh
# pg.sh [BIN] - the PostgreSQL ledger against a private server on loopback
# (tests/pg/server.sh): the same analyze and queries give the same answers as SQLite;
# loading is idempotent; many loaders writing into one ledger at once lose and double
# nothing; a loader killed with SIGKILL leaves whole documents only and a rerun completes
# the ledger. Skips (exit 0) with a message when no PostgreSQL server is installed.
set -u
BIN=${1:-build/claimline}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SERVER="sh $ROOT/tests/pg/server.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }

$SERVER start > /dev/null
rc=$?
if [ $rc -eq 2 ]; then
  echo "skip PostgreSQL tests: no server installed (scripts/setup.sh installs postgresql)"
  exit 0
elif [ $rc -ne 0 ]; then
  echo "FAIL cannot start the PostgreSQL test server"
  exit 1
fi
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
# sql URI QUERY: one value from the database
sql() { "$bindir/psql" -X -q -t -A -d "$1" -c "$2"; }

# --- the same ledger as SQLite, query for query
PG=$($SERVER fresh claimline_cli)
PG1=$PG
"$BIN" analyze --db "$PG" "$ROOT/examples/articles" "$ROOT/examples/wire.jsonl" > "$T/pg1.txt" 2>&1
"$BIN" analyze --db "$T/lite.db" "$ROOT/examples/articles" "$ROOT/examples/wire.jsonl" > "$T/lite1.txt" 2>&1
sed "s|^[^:]*://[^:]*:[0-9]*/[a-z_]*:|LEDGER:|" "$T/pg1.txt" > "$T/pg1.norm"
sed "s|^[^:]*:|LEDGER:|" "$T/lite1.txt" > "$T/lite1.norm"
cmp -s "$T/pg1.norm" "$T/lite1.norm" && ok "analyze reports the same into PostgreSQL and SQLite" \
  || { bad "analyze report differs"; diff "$T/pg1.norm" "$T/lite1.norm" | head -5; }
"$BIN" analyze --db "$PG" "$ROOT/examples/articles" "$ROOT/examples/wire.jsonl" > "$T/pg2.txt" 2>&1
grep -q ": 0 documents added, 13 already present" "$T/pg2.txt" && ok "second analyze adds nothing" \
  || bad "second analyze adds nothing: $(cat "$T/pg2.txt")"
for q in "timeline Avdiivka" "timeline Avdiivka --copies --format jsonl" "claims --format csv" \
         "claims --side UKR --format jsonl" "claims --actor ministry --format csv" \
         "claims --since 2024-02-17 --until 2024-02-18 --format csv" "conflicts" \
         "conflicts --format jsonl" "events --format csv" "events --cameo 19 --side RUS --format jsonl"; do
  # shellcheck disable=SC2086
  "$BIN" $q --db "$PG" > "$T/q.pg" 2>&1
  # shellcheck disable=SC2086
  "$BIN" $q --db "$T/lite.db" > "$T/q.lite" 2>&1
  if cmp -s "$T/q.pg" "$T/q.lite" && [ -s "$T/q.lite" ]; then ok "same answer: $q"
  else bad "different answer: $q"; diff "$T/q.pg" "$T/q.lite" | head -6; fi
done
"$BIN" claims --db "postgresql://postgres@127.0.0.1:1/none" > /dev/null 2> "$T/err.txt"
[ $? -eq 1 ] && grep -q "cannot connect" "$T/err.txt" && ok "unreachable server: clear error, exit 1" \
  || bad "unreachable server: $(cat "$T/err.txt")"

# --- many loaders at once: overlapping shares of one feed, every document once
cc -O1 -o "$T/gen" "$ROOT/bench/gen_corpus.c"
"$T/gen" 2 11 > "$T/feed.jsonl"
"$BIN" extract -j 2 --no-text "$T/feed.jsonl" > "$T/records.jsonl" 2> /dev/null
total=$(wc -l < "$T/records.jsonl")
"$BIN" load --db "$T/one.db" "$T/records.jsonl" > /dev/null 2>&1
PG=$($SERVER fresh claimline_concurrent)
# four loaders, each with two thirds of the records (every record in at least two shares),
# in different orders
awk 'NR % 3 != 0' "$T/records.jsonl" > "$T/s1"
awk 'NR % 3 != 1' "$T/records.jsonl" > "$T/s2"
awk 'NR % 3 != 2' "$T/records.jsonl" | tac > "$T/s3"
tac "$T/records.jsonl" > "$T/s4"
pids=""
for s in 1 2 3 4; do
  "$BIN" load --batch 100 --db "$PG" "$T/s$s" > "$T/load$s.txt" 2>&1 &
  pids="$pids $!"
done
lfail=0
for p in $pids; do wait "$p" || lfail=1; done
[ $lfail -eq 0 ] && ok "four concurrent loaders all succeed" \
  || { bad "a concurrent loader failed"; cat "$T"/load*.txt | grep -v "documents added" | head -5; }
docs=$(sql "$PG" "SELECT count(*) FROM documents")
distinct=$(sql "$PG" "SELECT count(DISTINCT hash) FROM documents")
added=$(cat "$T"/load*.txt | sed -n 's/.*: \([0-9]*\) documents added.*/\1/p' | awk '{ s += $1 } END { print s }')
[ "$docs" -eq "$total" ] && [ "$distinct" -eq "$total" ] && [ "$added" -eq "$total" ] \
  && ok "every document exactly once ($total documents, added $added in all)" \
  || bad "concurrent load: $docs rows, $distinct distinct, $added added, want $total"
# (which document a syndicated copy points to may differ: a loader does not see documents
# another one is adding at the same moment)
"$BIN" claims --db "$PG" --format jsonl | sed 's/"copy_of":[^,]*,//' | sort > "$T/pg.jsonl"
"$BIN" claims --db "$T/one.db" --format jsonl | sed 's/"copy_of":[^,]*,//' | sort > "$T/one.jsonl"
cmp -s "$T/pg.jsonl" "$T/one.jsonl" && [ -s "$T/one.jsonl" ] \
  && ok "concurrent PostgreSQL ledger = one SQLite load ($(wc -l < "$T/one.jsonl") claims)" \
  || { bad "concurrent ledger differs from one load"; diff "$T/pg.jsonl" "$T/one.jsonl" | head -4; }

# --- SIGKILL: whole documents only, and a rerun completes the ledger
PG=$($SERVER fresh claimline_kill)
kfail=0
for i in 1 2 3 4 5; do
  "$BIN" analyze -j 2 --batch 200 --db "$PG" "$T/feed.jsonl" > /dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v s="$i$$" 'BEGIN { srand(s); printf "%.3f", 0.2 + rand() * 1.5 }')"
  kill -9 $pid 2> /dev/null
  wait $pid 2> /dev/null
  partial=$(sql "$PG" "SELECT count(*) FROM documents d WHERE claims <> (SELECT count(*) FROM claims c WHERE c.doc_hash = d.hash)" 2>&1)
  [ "$partial" = 0 ] || { kfail=1; echo "  kill $i: half-loaded documents: $partial"; }
done
"$BIN" analyze -j 2 --db "$PG" "$T/feed.jsonl" > /dev/null 2>&1
docs=$(sql "$PG" "SELECT count(*) FROM documents")
[ $kfail -eq 0 ] && [ "$docs" -eq "$total" ] && ok "killed loaders leave whole documents; rerun completes ($docs)" \
  || bad "SIGKILL: $docs documents after rerun, want $total"

# --- a schema-2 ledger (claims without their copy mark) is upgraded by the first query
"$BIN" claims --db "$PG1" --format jsonl > "$T/v3.claims" 2>&1
marked=$(sql "$PG1" "SELECT count(*) FROM claims WHERE copy_of IS NOT NULL")
sql "$PG1" "ALTER TABLE claims DROP COLUMN copy_of; UPDATE meta SET value = '2' WHERE key = 'schema'" > /dev/null
"$BIN" claims --db "$PG1" --format jsonl > "$T/v2.claims" 2>&1
[ "$marked" -gt 0 ] && cmp -s "$T/v3.claims" "$T/v2.claims" &&
  [ "$(sql "$PG1" "SELECT value FROM meta WHERE key = 'schema'")" = 3 ] &&
  [ "$(sql "$PG1" "SELECT count(*) FROM claims WHERE copy_of IS NOT NULL")" = "$marked" ] &&
  ok "schema-2 ledger upgraded by a query, copy marks kept" ||
  bad "schema-2 ledger upgraded by a query: $(head -3 "$T/v2.claims")"

echo "pg.sh: $fails failed"
[ $fails -eq 0 ]
