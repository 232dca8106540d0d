#!/usr/bin/env bash
# bench/run.sh - claimline's throughput, memory, ledger load rate and query latency on a
# generated news-shaped corpus, with the peers (chrono-node, wink-nlp) on the same texts.
# Prints figures; asserts nothing about time (that is not a test).
#
# usage: bash bench/run.sh [MEGABYTES]      default 100; 1000 for the 1 GB run
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-${BENCH_MB:-100}}
OUT=build/bench
mkdir -p "$OUT"
make -s all
CFLAGS_BENCH="-O2 -std=c17 -D_GNU_SOURCE -Iinclude"
cc $CFLAGS_BENCH -o "$OUT/gen_corpus" bench/gen_corpus.c
LIBS="build/libclaimline.a -lsqlite3 -ljansson -lxxhash -lgumbo -lz -lm -lpthread"
cc $CFLAGS_BENCH -o "$OUT/timex_bench" bench/timex_bench.c $LIBS
cc $CFLAGS_BENCH -Isrc -o "$OUT/html_bench" bench/html_bench.c $LIBS

CORPUS="$OUT/corpus-$MB.jsonl"
[ -s "$CORPUS" ] || "$OUT/gen_corpus" "$MB" > "$CORPUS"
SLICE="$OUT/slice-10.jsonl"
[ -s "$SLICE" ] || "$OUT/gen_corpus" 10 7 > "$SLICE"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

bytes=$(stat -c %s "$CORPUS")
docs=$(wc -l < "$CORPUS")
cores=$(nproc)
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $cores cores, $(free -g | awk '/Mem:/{print $2}') GiB"
echo "corpus:  $CORPUS, $docs documents, $((bytes / 1048576)) MB"
echo

# run CMD...: wall seconds and peak RSS (KB) of one command into $secs and $rss
run() {
  /usr/bin/time -f "%e %M" -o "$T/time" "$@"
  read -r secs rss < "$T/time"
}
rate() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

for j in 1 "$cores"; do
  run ./build/claimline extract -j "$j" --no-text "$CORPUS" > "$T/j$j.jsonl"
  printf "extract -j %-3s %7.2f s  %7s MB/s  %8s docs/s  peak RSS %4d MB\n" "$j" "$secs" \
    "$(rate $((bytes / 1048576)) "$secs")" "$(rate "$docs" "$secs")" $((rss / 1024))
  [ "$j" = 1 ] && t1=$secs
done
echo "speed-up on $cores cores: $(rate "$t1" "$secs")x"
cmp -s "$T/j1.jsonl" "$T/j$cores.jsonl" && echo "records of -j 1 and -j $cores: identical" \
  || echo "records of -j 1 and -j $cores: DIFFERENT"
echo

run ./build/claimline load --db "$T/bench.db" "$T/j1.jsonl" > "$T/load.txt"
claims=$(sed -n 's/.* and \([0-9]*\) claims$/\1/p' "$T/load.txt")
printf "sqlite load     %7.2f s  %s claims  %s claims/s  peak RSS %d MB\n" "$secs" "$claims" \
  "$(rate "$claims" "$secs")" $((rss / 1024))
# timeline latency (best of 5, whole process) on the busiest place of the ledger
place=$(sqlite3 "$T/bench.db" "SELECT place FROM claims WHERE place IS NOT NULL GROUP BY place_key ORDER BY count(*) DESC LIMIT 1")
# timeline DB LABEL [--since D --until D]
timeline() {
  best=""
  db=$1 label=$2; shift 2
  for i in 1 2 3 4 5; do
    run ./build/claimline timeline "$place" --db "$db" "$@" > /dev/null
    best=$(awk -v a="$secs" -v b="${best:-1e9}" 'BEGIN { print (a < b ? a : b) }')
  done
  printf "timeline %-6s %7.0f ms  %s%s: %s of the %s claims (best of 5, whole process)\n" "$label" \
    "$(awk -v s="$best" 'BEGIN { print s * 1000 }')" "$place" "${1:+ $2..$4}" "$here" "$claims"
}
here=$(sqlite3 "$T/bench.db" "SELECT count(*) FROM claims WHERE place = '$place'")
timeline "$T/bench.db" sqlite
# one week of the busiest place (the first of its data), the question an analyst asks most
week=$(sqlite3 -separator ' ' "$T/bench.db" "SELECT min(when_lo), date(min(when_lo), '+6 days') FROM claims
  WHERE place = '$place'")
set -- $week
here=$(sqlite3 "$T/bench.db" "SELECT count(*) FROM claims WHERE place = '$place' AND when_lo BETWEEN '$1' AND '$2'")
timeline "$T/bench.db" sqlite --since "$1" --until "$2"
# and on a place of median size (most places are reported far less than the busiest)
busiest=$place
place=$(sqlite3 "$T/bench.db" "SELECT place FROM (SELECT place, count(*) n FROM claims WHERE place IS NOT NULL
  GROUP BY place_key ORDER BY n) LIMIT 1 OFFSET (SELECT count(DISTINCT place_key) / 2 FROM claims)")
here=$(sqlite3 "$T/bench.db" "SELECT count(*) FROM claims WHERE place = '$place'")
timeline "$T/bench.db" sqlite

# PostgreSQL: the private test server (tests/pg/server.sh; fsync off, as for the tests)
if PG=$(sh tests/pg/server.sh fresh claimline_bench 2> /dev/null); then
  run ./build/claimline load --db "$PG" "$T/j1.jsonl" > "$T/load.txt"
  claims=$(sed -n 's/.* and \([0-9]*\) claims$/\1/p' "$T/load.txt")
  printf "postgres load   %7.2f s  %s claims  %s claims/s (one loader, COPY)\n" "$secs" "$claims" \
    "$(rate "$claims" "$secs")"
  timeline "$PG" postgres
  place=$busiest
  here=$(sqlite3 "$T/bench.db" "SELECT count(*) FROM claims WHERE place = '$place'")
  timeline "$PG" postgres
else
  echo "postgres: no server (tests/pg/server.sh), skipped"
fi
echo

PAGES=${CLAIMLINE_SHARED:-../shared}/eval/boilerplate/html
if [ -d "$PAGES" ]; then
  echo "HTML pages ($PAGES):"
  "$OUT/html_bench" "$PAGES" 5
else
  echo "HTML pages: $PAGES not found, skipped"
fi
echo

echo "same texts ($SLICE):"
"$OUT/timex_bench" "$SLICE"
slice_bytes=$(stat -c %s "$SLICE"); slice_docs=$(wc -l < "$SLICE")
run ./build/claimline extract -j 1 --no-text "$SLICE" > /dev/null
printf "%-12s %s docs  %.1f MB  %.2f s  %s MB/s  (full pipeline, one core)\n" "claimline" \
  "$slice_docs" "$(rate "$slice_bytes" 1048576)" "$secs" "$(rate "$(rate "$slice_bytes" 1048576)" "$secs")"
if command -v node > /dev/null; then
  if [ ! -d bench/node_modules ]; then
    (cd bench && npm ci --no-audit --no-fund --silent) || echo "peers: npm ci failed"
  fi
  [ -d bench/node_modules ] && node bench/peers.mjs "$SLICE"
else
  echo "peers: node not found, skipped"
fi
