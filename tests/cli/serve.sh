#!/bin/sh
# serve.sh [BIN] - `claimline serve`: the web page and every API path answer with valid JSON
# and the same claims as the command line; bad requests get 400/404/405 with a reason; and
# readers polling while a load runs never see half a document (claims == the claims the
# documents present carry, in every answer), on SQLite and, when a server is installed,
# PostgreSQL.
set -u
BIN=${1:-build/claimline}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
T=$(mktemp -d)
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill $SERVER_PID 2> /dev/null; rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }
if ! command -v curl > /dev/null || ! command -v node > /dev/null; then
  echo "skip serve tests: curl or node not installed (scripts/setup.sh installs them)"; exit 0
fi
PORT=$((20000 + $$ % 20000))

# start DB: serve the ledger DB on $PORT in the background
start() {
  "$BIN" serve --db "$1" --port "$PORT" --threads 2 2> "$T/serve.err" &
  SERVER_PID=$!
  i=0
  while ! curl -s -o /dev/null "http://127.0.0.1:$PORT/api/stats"; do
    i=$((i + 1)); [ $i -gt 50 ] && { bad "server did not start: $(cat "$T/serve.err")"; return 1; }
    sleep 0.1
  done
}
stop() { kill "$SERVER_PID" 2> /dev/null; wait "$SERVER_PID" 2> /dev/null; SERVER_PID=""; }
get() { curl -s -o "$T/body" -w "%{http_code}" "http://127.0.0.1:$PORT$1"; }
is_json() { node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$1" 2> /dev/null; }

"$BIN" analyze --db "$T/l.db" "$ROOT/examples/articles" "$ROOT/examples/wire.jsonl" > /dev/null 2>&1
start "$T/l.db" || exit 1
code=$(get /); [ "$code" = 200 ] && grep -q "<title>claimline</title>" "$T/body" && ok "web page at /" || bad "web page ($code)"
for path in "/api/stats" "/api/timeline?place=Avdiivka" "/api/timeline?place=Avdiivka&window=30&since=2024-01-01" \
            "/api/claims?side=RUS&limit=5" "/api/claims?actor=ministry" "/api/conflicts" \
            "/api/events?cameo=19&copies=1" "/api/timeline?place=Nowhere"; do
  code=$(get "$path")
  [ "$code" = 200 ] && is_json "$T/body" && ok "200 JSON: $path" || bad "$path: $code $(head -c 200 "$T/body")"
done
get "/api/timeline?place=Avdiivka" > /dev/null
n_api=$(node -e 'const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(t.claims.length + " " + t.conflict_count)' "$T/body")
n_cli=$("$BIN" timeline Avdiivka --db "$T/l.db" --copies --format jsonl | wc -l)
n_conf=$("$BIN" conflicts --db "$T/l.db" --place Avdiivka --format jsonl | wc -l)
[ "$n_api" = "$n_cli $n_conf" ] && ok "API timeline = CLI timeline ($n_api)" || bad "API timeline $n_api, CLI $n_cli $n_conf"
# pairs=N lists the first N pairs and says so
get "/api/timeline?place=Avdiivka&pairs=0" > /dev/null
cut=$(node -e 'const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(t.conflicts.length + " " + t.conflicts_truncated + " " + t.conflict_count)' "$T/body")
[ "$n_conf" -ge 1 ] && [ "$cut" = "0 true $n_conf" ] && ok "pairs=0 lists none of $n_conf pairs, marked truncated" \
  || bad "pairs=0 gave $cut"
# a claim's article, with its evidence sentence in the text
id=$(node -e 'const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(t.claims[0].id)' "$T/body")
code=$(get "/api/document?claim=$id")
doc_ok=$(node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).document;
  console.log(d && d.text.includes(d.evidence) && d.evidence.length > 20 ? "yes" : "no")' "$T/body" 2>&1)
[ "$code" = 200 ] && [ "$doc_ok" = yes ] && ok "API document of a claim holds its evidence" || bad "API document: $code $doc_ok $(head -c 200 "$T/body")"
get "/api/timeline?place=Avdiivka" > /dev/null
# the web page's script, run against the server with a stand-in DOM
page=$(node "$HERE/page_check.mjs" "http://127.0.0.1:$PORT" Avdiivka 2>&1)
[ "$page" = ok ] && ok "web page draws the timeline, conflicts and an article" || bad "web page: $page"
get "/api/timeline?place=Avdiivka" > /dev/null
# the groups account for every pair
n_grouped=$(node -e 'const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(t.conflict_groups.reduce((s, g) => s + g.pairs, 0))' "$T/body")
[ "$n_grouped" = "$n_conf" ] && ok "API conflict groups hold every pair ($n_grouped)" || bad "API conflict groups hold $n_grouped pairs of $n_conf"
for case in "400 /api/claims?bogus=1" "400 /api/claims?since=2024-13-40" "400 /api/claims?limit=0" \
            "400 /api/timeline" "400 /api/timeline?place=" "404 /api/nothing" "400 /api/claims?place=%ff%fe" \
            "400 /api/document" "400 /api/document?claim=-3" "400 /api/document?claim=12x" \
            "400 /api/timeline?place=Avdiivka&pairs=-1"; do
  want=${case%% *}; path=${case#* }
  code=$(get "$path")
  [ "$code" = "$want" ] && is_json "$T/body" && grep -q '"error"' "$T/body" && ok "$want: $path" \
    || bad "$path: got $code $(head -c 200 "$T/body")"
done
code=$(curl -s -o "$T/body" -w "%{http_code}" -X POST -d x=1 "http://127.0.0.1:$PORT/api/stats")
[ "$code" = 405 ] && ok "405 for POST" || bad "POST gave $code"
stop

# readers during a load: every answer shows whole documents only
cc -O1 -o "$T/gen" "$ROOT/bench/gen_corpus.c"
"$T/gen" 2 13 > "$T/feed.jsonl"
readers() { # DB: poll /api/stats while analyze loads the feed into DB
  "$BIN" analyze -j 2 --batch 200 --db "$1" "$T/feed.jsonl" > /dev/null 2>&1 &
  loader=$!
  polls=0 torn=0
  while kill -0 $loader 2> /dev/null; do
    get /api/stats > /dev/null
    torn=$((torn + $(node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(s.claims === s.claims_of_documents ? 0 : 1)' "$T/body" 2> /dev/null || echo 1)))
    polls=$((polls + 1))
  done
  wait $loader
  get /api/stats > /dev/null
  docs=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).documents)' "$T/body")
  [ "$torn" = 0 ] && [ "$polls" -gt 1 ] && [ "$docs" -gt 0 ] \
    && ok "$2: $polls reads during a load, none saw half a document ($docs documents at the end)" \
    || bad "$2: $torn of $polls reads saw half a document (documents $docs)"
}
"$BIN" analyze --db "$T/r.db" "$ROOT/examples/articles" > /dev/null 2>&1
start "$T/r.db" && readers "$T/r.db" "SQLite"
stop
if PG=$(sh "$ROOT/tests/pg/server.sh" fresh claimline_serve 2> /dev/null); then
  "$BIN" analyze --db "$PG" "$ROOT/examples/articles" > /dev/null 2>&1
  start "$PG" && readers "$PG" "PostgreSQL"
  stop
else
  echo "skip serve on PostgreSQL: no server"
fi

echo "serve.sh: $fails failed"
[ $fails -eq 0 ]
