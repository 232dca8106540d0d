#!/bin/sh
# CLI tests: help and version, exit codes, rejections beside good inputs, stdin, --no-clean,
# analyze/load idempotency, query formats and the timeline golden file.
# usage: sh tests/cli/run.sh [path/to/claimline]   (UPDATE_GOLDEN=1 rewrites golden files)
set -u
BIN=${1:-build/claimline}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }
check() { desc=$1; shift; if "$@" >/dev/null 2>&1; then ok "$desc"; else bad "$desc"; fi; }

# --- help, version, usage errors
for c in extract analyze load timeline claims conflicts events eval timex serve; do
  check "$c --help exits 0" "$BIN" "$c" --help
  check "$c --version exits 0" "$BIN" "$c" --version
done
check "--version" "$BIN" --version
"$BIN" nonsense >/dev/null 2>&1; [ $? -eq 2 ] && ok "unknown command exits 2" || bad "unknown command exits 2"
"$BIN" extract --bogus >/dev/null 2>&1; [ $? -eq 2 ] && ok "unknown option exits 2" || bad "unknown option exits 2"

# --- good inputs beside bad ones: the good records come out, the bad are reported
mkdir -p "$T/in"
cp "$HERE/fixtures/meridian.txt" "$HERE/fixtures/northgate.jsonl" "$T/in/"
printf '{"id":"ok-1","text":"Troops held the bridge on Monday."}\n{"id":"cut","text":"no end\n{"id":"ok-2","text":"The ferry ran again."}\n' > "$T/in/truncated.jsonl"
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "%c", (i * 37) % 256 }' > "$T/in/junk.bin"
"$BIN" extract "$T/in" > "$T/out.jsonl" 2> "$T/err.txt"
rc=$?
[ $rc -eq 3 ] && ok "extract with rejections exits 3" || bad "extract with rejections exits 3 (got $rc)"
n=$(wc -l < "$T/out.jsonl")
[ "$n" -eq 5 ] && ok "five good records out of six inputs" || bad "five good records (got $n)"
grep -q "junk.bin: .*binary" "$T/err.txt" && ok "junk file reported" || bad "junk file reported"
grep -q "truncated.jsonl:2: invalid JSON" "$T/err.txt" && ok "truncated JSON line reported with line" || bad "truncated JSON line reported"
grep -q '"id":"meridian"' "$T/out.jsonl" && ok "file id is the file stem" || bad "file id is the file stem"
grep -q '"id":"ng-2"' "$T/out.jsonl" && ok "JSON-lines id kept" || bad "JSON-lines id kept"
"$BIN" load --db "$T/check.db" "$T/out.jsonl" >/dev/null 2>&1 && ok "records are valid JSON (load accepts them)" || bad "records load"

# --- stdin, text and JSON lines
printf 'Kyiv said on Monday that its forces still hold Kupiansk.\n' | "$BIN" extract - > "$T/stdin.jsonl" 2>/dev/null
grep -q '"id":"stdin"' "$T/stdin.jsonl" && ok "stdin text" || bad "stdin text"
printf '{"id":"s1","text":"A line."}\n{"id":"s2","text":"Another line."}\n' | "$BIN" extract > "$T/stdin2.jsonl" 2>/dev/null
[ "$(wc -l < "$T/stdin2.jsonl")" -eq 2 ] && ok "stdin JSON lines" || bad "stdin JSON lines"

# --- --no-clean keeps the input byte for byte
"$BIN" extract --no-clean "$HERE/fixtures/meridian.txt" > "$T/nc.jsonl" 2>/dev/null
"$BIN" load --db "$T/nc.db" "$T/nc.jsonl" >/dev/null 2>&1
if command -v sqlite3 >/dev/null 2>&1; then
  got=$(sqlite3 "$T/nc.db" "SELECT hex(text) FROM documents")
  want=$(od -An -tx1 -v "$HERE/fixtures/meridian.txt" | tr -d ' \n' | tr a-f A-F)
  if [ "$got" = "$want" ]; then ok "--no-clean text equals the input"; else bad "--no-clean text equals the input"; fi
fi
grep -q '"removed":\[\]' "$T/nc.jsonl" && ok "--no-clean removes nothing" || bad "--no-clean removes nothing"

# --- -j N gives the same records and the same rejections, in the same order, as -j 1
ROOT=$(cd "$HERE/../.." && pwd)
"$BIN" extract -j 1 "$ROOT/examples" "$HERE/fixtures" > "$T/j1.jsonl" 2> "$T/j1.err"
"$BIN" extract -j 3 "$ROOT/examples" "$HERE/fixtures" > "$T/j3.jsonl" 2> "$T/j3.err"
if [ -s "$T/j1.jsonl" ] && cmp -s "$T/j1.jsonl" "$T/j3.jsonl" && cmp -s "$T/j1.err" "$T/j3.err"; then
  ok "-j 3 output equals -j 1"
else
  bad "-j 3 output equals -j 1"
fi
"$BIN" extract -j 0 "$HERE/fixtures" >/dev/null 2>&1; [ $? -eq 2 ] && ok "-j 0 is a usage error" || bad "-j 0 is a usage error"

# --- HTML pages: main text and metadata; gzip; a JSON line's "html"; hostile pages
"$BIN" extract "$HERE/html/siege.html" "$HERE/html/siege-copy.html.gz" > "$T/html.jsonl" 2> "$T/html.err"
[ "$(wc -l < "$T/html.jsonl")" -eq 2 ] && ok "html and html.gz pages give records" || bad "html and html.gz pages give records: $(cat "$T/html.err")"
grep -q '"title":"Army says it still holds Kupiansk after night of shelling"' "$T/html.jsonl" && ok "html title from og:title" || bad "html title from og:title"
grep -q '"date":{"value":"2024-02-16","basis":"metadata"}' "$T/html.jsonl" && ok "html date from meta" || bad "html date from meta"
grep -q '"outlet":"Riverside Courier"' "$T/html.jsonl" && ok "html outlet from og:site_name" || bad "html outlet"
if grep -q 'Sign up\|Most read\|Copyright\|Related\|Photo: staff\|Ten things' "$T/html.jsonl"; then bad "html chrome left out"; else ok "html chrome left out"; fi
grep -q 'still controlled Kupiansk' "$T/html.jsonl" && grep -q 'fresh troops' "$T/html.jsonl" && ok "html article paragraphs kept" || bad "html article paragraphs kept"
printf '{"id":"h1","html":"<html><body><article><p>Ukraine said on Friday that its forces had repelled attacks near Kupiansk, the army reported.</p></article></body></html>"}\n' > "$T/h.jsonl"
"$BIN" extract "$T/h.jsonl" | grep -q '"text":"Ukraine said on Friday' && ok "JSON line html field" || bad "JSON line html field"
head -c 300 "$HERE/html/siege-copy.html.gz" > "$T/cut.html.gz"
"$BIN" extract "$T/cut.html.gz" "$HERE/html/siege.html" > "$T/cut.jsonl" 2> "$T/cut.err"
[ $? -eq 3 ] && grep -q "rejected .*cut.html.gz" "$T/cut.err" && [ "$(wc -l < "$T/cut.jsonl")" -eq 1 ] && ok "truncated gzip rejected, other page kept" || bad "truncated gzip: $(cat "$T/cut.err")"
awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 100000; i++) printf "<div>"; printf "<p>The army said the town was calm on Monday, and officials agreed.</p>"; print "</body></html>" }' > "$T/deep.html"
"$BIN" extract "$T/deep.html" > "$T/deep.jsonl" 2> "$T/deep.err"
rc=$?; [ $rc -eq 3 ] && grep -q "HTML nested about 1000[0-9]* elements deep" "$T/deep.err" && ok "100k nested tags: rejected with a reason, quickly" || bad "100k nested tags: exit $rc: $(cat "$T/deep.err")"
printf '<html><body><nav><a href="/">Home</a></nav></body></html>' > "$T/empty.html"
"$BIN" extract "$T/empty.html" > /dev/null 2> "$T/empty.err"
grep -q "no article text found" "$T/empty.err" && ok "page without text rejected with a reason" || bad "page without text: $(cat "$T/empty.err")"

# --- WARC crawls: HTML responses become pages, other records are counted, lies are caught
sh "$HERE/make_warc.sh" "$T/warc"
"$BIN" extract "$T/warc/crawl.warc" > "$T/warc.jsonl" 2> "$T/warc.err"
[ "$(wc -l < "$T/warc.jsonl")" -eq 2 ] && ok "warc: two HTML responses become records" || bad "warc records: $(cat "$T/warc.err")"
grep -q '"url":"https://courier.example/world/izmail"' "$T/warc.jsonl" && grep -q 'ferry terminal' "$T/warc.jsonl" && ok "warc: chunked gzip body decoded" || bad "warc: chunked gzip body decoded"
grep -q "4 WARC record(s) skipped" "$T/warc.err" && ok "warc: other records counted" || bad "warc: other records counted: $(cat "$T/warc.err")"
"$BIN" extract "$T/warc/crawl.warc.gz" > "$T/warcgz.jsonl" 2>/dev/null
[ "$(wc -l < "$T/warcgz.jsonl")" -eq 2 ] && ok "warc.gz: multi-member gzip" || bad "warc.gz: multi-member gzip"
"$BIN" extract "$T/warc/lying.warc" "$HERE/html/siege.html" > "$T/lie.jsonl" 2> "$T/lie.err"
rc=$?
[ $rc -eq 3 ] && grep -q "lying length" "$T/lie.err" && [ "$(wc -l < "$T/lie.jsonl")" -eq 2 ] && ok "warc: lying length reported, good records kept" || bad "warc: lying length (exit $rc): $(cat "$T/lie.err")"

# --- scale-out: GNU parallel workers give the same records and the same ledger as one process
if command -v parallel > /dev/null 2>&1 && command -v cc > /dev/null 2>&1; then
  ROOT=$(cd "$HERE/../.." && pwd)
  cc -O1 -o "$T/gen_corpus" "$ROOT/bench/gen_corpus.c"
  "$T/gen_corpus" 0.3 11 > "$T/feed.jsonl"
  "$BIN" extract -j 1 < "$T/feed.jsonl" > "$T/one.jsonl" 2>/dev/null
  parallel --pipe -N 25 -j 3 -k "$BIN" extract -j 1 < "$T/feed.jsonl" > "$T/par.jsonl" 2>/dev/null
  "$BIN" load --db "$T/one.db" "$T/one.jsonl" > /dev/null 2>&1
  "$BIN" load --db "$T/par.db" "$T/par.jsonl" > /dev/null 2>&1
  "$BIN" claims --db "$T/one.db" --format csv | sort > "$T/one.csv"
  "$BIN" claims --db "$T/par.db" --format csv | sort > "$T/par.csv"
  # records are equal but for source_line, which counts lines within each worker's chunk
  sed 's/"source_line":[0-9]*//' "$T/one.jsonl" > "$T/one.cmp"
  sed 's/"source_line":[0-9]*//' "$T/par.jsonl" > "$T/par.cmp"
  if [ -s "$T/one.jsonl" ] && cmp -s "$T/one.cmp" "$T/par.cmp" && [ -s "$T/one.csv" ] && cmp -s "$T/one.csv" "$T/par.csv"; then
    ok "GNU parallel: records and ledger equal one process ($(wc -l < "$T/one.jsonl") documents)"
  else
    bad "GNU parallel: records or ledger differ from one process"
  fi
else
  echo "skip GNU parallel test: parallel or cc not installed (scripts/setup.sh installs them)"
fi

# --- analyze is idempotent
DB="$T/ledger.db"
"$BIN" analyze --db "$DB" "$HERE/fixtures" > "$T/a1.txt" 2>&1
"$BIN" analyze --db "$DB" "$HERE/fixtures" > "$T/a2.txt" 2>&1
grep -q "3 documents added, 0 already present" "$T/a1.txt" && ok "analyze adds three documents" || bad "analyze adds three documents: $(cat "$T/a1.txt")"
grep -q "0 documents added, 3 already present" "$T/a2.txt" && ok "analyze twice changes nothing" || bad "analyze twice: $(cat "$T/a2.txt")"

# --- queries
"$BIN" timeline Avdiivka --db "$DB" > "$T/timeline.txt" 2>&1
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then cp "$T/timeline.txt" "$HERE/golden/timeline.txt"; fi
if cmp -s "$T/timeline.txt" "$HERE/golden/timeline.txt"; then ok "timeline golden"; else bad "timeline golden"; diff "$HERE/golden/timeline.txt" "$T/timeline.txt" | head -20; fi
"$BIN" claims --db "$DB" --format csv > "$T/claims.csv"
head -1 "$T/claims.csv" | grep -q "^date_start,date_end,side,claimant" && ok "claims csv header" || bad "claims csv header"
"$BIN" claims --db "$DB" --side UKR --format jsonl > "$T/ukr.jsonl"
if [ -s "$T/ukr.jsonl" ] && ! grep -v '"side":"UKR"' "$T/ukr.jsonl" >/dev/null; then ok "claims --side filter"; else bad "claims --side filter"; fi
"$BIN" conflicts --db "$DB" > "$T/conflicts.txt"
grep -q "Avdiivka\|Avdiyivka" "$T/conflicts.txt" && ok "conflict at Avdiivka" || bad "conflict at Avdiivka"
# conflicts of the same kind are grouped; --pairs lists each
cat > "$T/vuhledar.jsonl" <<'EOF'
{"id":"v1","date":"2024-02-10","outlet":"Meridian Wire","text":"The Russian defence ministry announced on Saturday that its units had seized Vuhledar, a mining town."}
{"id":"v2","date":"2024-02-11","outlet":"Meridian Wire","text":"Russia's defence ministry said on Sunday that its troops controlled Vuhledar."}
{"id":"v3","date":"2024-02-11","outlet":"Northgate Press","text":"Ukraine's General Staff said on Sunday that fierce fighting was continuing in Vuhledar."}
{"id":"v4","date":"2024-02-12","outlet":"Northgate Press","text":"Ukraine's army said on Monday that heavy fighting went on in Vuhledar."}
EOF
"$BIN" analyze --db "$T/groups.db" "$T/vuhledar.jsonl" > /dev/null 2>&1
"$BIN" timeline Vuhledar --db "$T/groups.db" > "$T/groups.txt"
grep -q "^conflicts: 4 pairs of 1 kind " "$T/groups.txt" && grep -q "^Vuhledar: control asserted vs fighting reported (4 pairs, 2024-02-10..2024-02-12)" "$T/groups.txt" &&
  grep -q "^  UKR   assert fighting          2 claims     e.g. 2024-02-11" "$T/groups.txt" && ok "timeline groups conflicts" || bad "timeline groups conflicts: $(cat "$T/groups.txt")"
[ "$("$BIN" conflicts --db "$T/groups.db" --pairs | grep -c '^Vuhledar: ')" = 4 ] && ok "conflicts --pairs lists every pair" || bad "conflicts --pairs lists every pair"
[ "$("$BIN" conflicts --db "$T/groups.db" --format jsonl | wc -l)" = 4 ] && ok "conflicts jsonl lists every pair" || bad "conflicts jsonl lists every pair"
# GeoJSON: a FeatureCollection with one feature per row, points in longitude-latitude order
if command -v node > /dev/null; then
  "$BIN" claims --db "$T/groups.db" --format geojson > "$T/claims.geojson"
  "$BIN" events --db "$T/groups.db" --format geojson > "$T/events.geojson"
  geo=$(node -e 'const fs = require("fs");
    const c = JSON.parse(fs.readFileSync(process.argv[1], "utf8")), e = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
    const p = c.features[0].geometry.coordinates;
    console.log(c.type, c.features.length, p[0] > 37 && p[0] < 38 && p[1] > 47 && p[1] < 48, c.features[0].properties.place, e.features.length > 0)' \
    "$T/claims.geojson" "$T/events.geojson" 2>&1)
  [ "$geo" = "FeatureCollection 4 true Vuhledar true" ] && ok "claims and events as GeoJSON" || bad "GeoJSON: $geo"
else
  echo "skip GeoJSON check: node is not installed (scripts/setup.sh installs it)"
fi
"$BIN" events --db "$DB" --format csv > "$T/events.csv"
head -1 "$T/events.csv" | grep -q "^GLOBALEVENTID,SQLDATE" && ok "events csv header" || bad "events csv header"
grep -q ",192,192,19,Avdiyivka,UA," "$T/events.csv" && ok "occupy-territory event at Avdiivka" || bad "occupy-territory event at Avdiivka"
"$BIN" timeline Avdiivka --db "$T/missing.db" >/dev/null 2>&1; [ $? -eq 1 ] && ok "missing ledger exits 1" || bad "missing ledger exits 1"

# --- a schema-1 ledger (syndication index as band/key/hash rows) is migrated on open
if command -v sqlite3 > /dev/null; then
  "$BIN" analyze --db "$T/v1.db" "$ROOT/examples/articles" "$ROOT/examples/wire.jsonl" > /dev/null 2>&1
  sqlite3 "$T/v1.db" "SELECT key, doc FROM syndication ORDER BY 1, 2" > "$T/v2.rows"
  sqlite3 "$T/v1.db" "CREATE TABLE doc_bands(band INTEGER NOT NULL, key INTEGER NOT NULL, doc_hash TEXT NOT NULL);
    INSERT INTO doc_bands SELECT key & 31, key, (SELECT hash FROM documents d WHERE d.rowid = doc) FROM syndication;
    DROP TABLE syndication; ALTER TABLE claims DROP COLUMN copy_of;
    UPDATE meta SET value = '1' WHERE key = 'schema';"
  "$BIN" analyze --db "$T/v1.db" "$ROOT/examples/articles" > "$T/mig.txt" 2>&1
  sqlite3 "$T/v1.db" "SELECT key, doc FROM syndication ORDER BY 1, 2" > "$T/mig.rows"
  if cmp -s "$T/v2.rows" "$T/mig.rows" && [ -s "$T/mig.rows" ] && grep -q "0 documents added" "$T/mig.txt" &&
     [ "$(sqlite3 "$T/v1.db" "SELECT value FROM meta WHERE key = 'schema'")" = 3 ]; then
    ok "schema-1 ledger migrated on open"
  else
    bad "schema-1 ledger migrated on open: $(cat "$T/mig.txt")"
  fi
  # a schema-2 ledger (claims without their copy mark) is upgraded by the first query
  "$BIN" analyze --db "$T/v2.db" "$ROOT/examples/articles" "$ROOT/examples/wire.jsonl" > /dev/null 2>&1
  "$BIN" claims --db "$T/v2.db" --format jsonl > "$T/v3.claims"
  marked=$(sqlite3 "$T/v2.db" "SELECT count(*) FROM claims WHERE copy_of IS NOT NULL")
  sqlite3 "$T/v2.db" "ALTER TABLE claims DROP COLUMN copy_of; UPDATE meta SET value = '2' WHERE key = 'schema';"
  "$BIN" claims --db "$T/v2.db" --format jsonl > "$T/v2.claims" 2> "$T/v2.err"
  if [ "$marked" -gt 0 ] && cmp -s "$T/v3.claims" "$T/v2.claims" &&
     [ "$(sqlite3 "$T/v2.db" "SELECT value FROM meta WHERE key = 'schema'")" = 3 ] &&
     [ "$(sqlite3 "$T/v2.db" "SELECT count(*) FROM claims WHERE copy_of IS NOT NULL")" = "$marked" ]; then
    ok "schema-2 ledger upgraded by a query, copy marks kept"
  else
    bad "schema-2 ledger upgraded by a query: $(cat "$T/v2.err")"
  fi
  # ... which says what it needs when it may not write the file (as root, the check runs
  # as nobody, since root may write anything)
  mkdir -p "$T/ro" && chmod 755 "$T/ro" && chmod o+x "$T"
  "$BIN" analyze --db "$T/ro/old.db" "$ROOT/examples/articles" > /dev/null 2>&1
  sqlite3 "$T/ro/old.db" "PRAGMA journal_mode=DELETE; ALTER TABLE claims DROP COLUMN copy_of;
    UPDATE meta SET value = '2' WHERE key = 'schema';" > /dev/null
  chmod 444 "$T/ro/old.db" && chmod 555 "$T/ro"
  as_other=""
  [ "$(id -u)" = 0 ] && as_other="setpriv --reuid=nobody --regid=nogroup --clear-groups"
  if $as_other sh -c "test -x '$BIN'" 2> /dev/null; then
    $as_other "$BIN" claims --db "$T/ro/old.db" > /dev/null 2> "$T/ro.err"
    rc=$?
    [ $rc -eq 1 ] && grep -q "older claimline" "$T/ro.err" && ok "old ledger it may not write: clear error" ||
      bad "old ledger it may not write (exit $rc): $(cat "$T/ro.err")"
  else # the valgrind pass runs the tool through a wrapper only root may open
    echo "skip old ledger it may not write: $BIN is not executable as nobody"
  fi
  chmod 755 "$T/ro"
fi

# --- tag --timeml: TempEval-3 input in, tagged TimeML out (named without .TE3input)
"$BIN" tag --timeml "$HERE/timeml" "$T/tagged" 2> "$T/tag.err"
if [ -f "$T/tagged/talks" ] && grep -q '<TIMEX3 tid="t1" type="TIME" value="2023-01-12TEV">Thursday evening</TIMEX3>' "$T/tagged/talks" &&
   grep -q 'value="2023-W03">next week</TIMEX3>' "$T/tagged/talks" && grep -q 'value="P3M">three months</TIMEX3>' "$T/tagged/talks" &&
   grep -q '&amp; agreed' "$T/tagged/talks"; then
  ok "tag --timeml writes TIMEX3 tags"
else
  bad "tag --timeml writes TIMEX3 tags: $(cat "$T/tag.err")"; cat "$T/tagged/talks" 2>/dev/null
fi

# --- timex debugging command
"$BIN" timex --dct 2023-01-13 "The talks ended on Thursday evening." > "$T/timex.json"
grep -q '"value":"2023-01-12TEV"' "$T/timex.json" && ok "timex command" || bad "timex command"

# --- a PostgreSQL password never shows in messages (nothing listens on port 1)
pg_uri='postgresql://ana:s3cretA@127.0.0.1:1/news?connect_timeout=2&password=s3cretB'
"$BIN" claims --db "$pg_uri" > /dev/null 2> "$T/pgpw.err"
"$BIN" analyze --db "$pg_uri" "$HERE/../../examples" > /dev/null 2>> "$T/pgpw.err"
if grep -q 's3cret' "$T/pgpw.err"; then
  bad "PostgreSQL password hidden in errors: $(cat "$T/pgpw.err")"
elif grep -q 'password=\*\*\*' "$T/pgpw.err" && grep -q 'ana:\*\*\*@' "$T/pgpw.err"; then
  ok "PostgreSQL password hidden in errors"
else
  bad "PostgreSQL password hidden in errors (no ledger named): $(cat "$T/pgpw.err")"
fi

echo "cli: $fails failure(s)"
[ $fails -eq 0 ]
