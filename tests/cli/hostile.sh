#!/bin/sh
# hostile.sh [BIN] - inputs built to hurt: each must give a clear error or a sane result in
# bounded memory, and never stop the good document that follows it. (Truncated gzip, lying
# WARC lengths and 100k nested HTML tags are in run.sh beside their formats.)
set -u
BIN=${1:-build/claimline}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }
good='{"id":"good","text":"Kyiv said on Monday that its troops still held the town of Kupiansk."}'
# peak RSS in KB of a command (stdout to $T/out, stderr to $T/err)
rss() { /usr/bin/time -f "%M" -o "$T/rss" "$@" > "$T/out" 2> "$T/err"; echo $? > "$T/rc"; cat "$T/rss" | tail -1; }

# a 1 GB line (streamed, never stored) and a good line after it
kb=$( { printf '{"id":"big","text":"'; head -c 1073741824 /dev/zero | tr '\0' a; printf '"}\n%s\n' "$good"; } |
      rss "$BIN" extract)
grep -q "line is longer than the 33554432-byte limit; skipped" "$T/err" && grep -q '"id":"good"' "$T/out" &&
  [ "$kb" -lt 262144 ] && ok "1 GB line skipped with a reason, good line kept, peak RSS ${kb} KB" ||
  bad "1 GB line: rc $(cat "$T/rc"), RSS ${kb} KB: $(cat "$T/err")"

# JSON nested 100k deep
{ printf '{"id":"deep","text":"x","a":'; head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'
  printf '}\n%s\n' "$good"; } > "$T/deep.jsonl"
"$BIN" extract "$T/deep.jsonl" > "$T/out" 2> "$T/err"
grep -q "deep.jsonl:1: invalid JSON .*maximum parsing depth" "$T/err" && grep -q '"id":"good"' "$T/out" &&
  ok "deeply nested JSON rejected with a reason" || bad "deeply nested JSON: $(cat "$T/err")"

# NUL bytes and invalid UTF-8 in text files
printf 'Kyiv said\000 on Monday that\000 troops held the town.' > "$T/nul.txt"
printf 'Kyiv said on Monday that troops held the town \377\376 of Kupiansk.' > "$T/bad-utf8.txt"
"$BIN" extract "$T/nul.txt" "$T/bad-utf8.txt" > "$T/out" 2> "$T/err"
grep -q "nul.txt: .*2 NUL bytes" "$T/err" && grep -q '"id":"bad-utf8"' "$T/out" &&
  ok "NUL bytes rejected, a few invalid UTF-8 bytes repaired with a warning" || bad "NUL/UTF-8: $(cat "$T/err")"

# a 12 MB sentence with no punctuation
awk 'BEGIN { printf "The army said "; for (i = 0; i < 1700000; i++) printf "%s ", (i % 3 ? "troops" : "Bakhmut"); print "" }' > "$T/long.txt"
kb=$(rss "$BIN" extract --no-text "$T/long.txt")
[ "$(cat "$T/rc")" -eq 0 ] && grep -q '"id":"long"' "$T/out" && [ "$kb" -lt 1048576 ] &&
  ok "12 MB sentence without punctuation: a record, peak RSS ${kb} KB" || bad "12 MB sentence: rc $(cat "$T/rc"), RSS $kb KB"

# impossible and far dates stay unknown instead of becoming wrong
"$BIN" timex --dct 2024-02-10 "It began on February 30 and ends in 99999, or on Feb. 29, 2023." > "$T/out"
grep -q '"text":"February 30","type":"DATE","value":"2024-02-XX","interval":null' "$T/out" &&
  grep -q '"text":"Feb. 29, 2023","type":"DATE","value":"2023-02-XX","interval":null' "$T/out" &&
  ! grep -q '99999' "$T/out" && ok "February 30, Feb. 29 of a common year and year 99999 are not dates" ||
  bad "impossible dates: $(cat "$T/out")"

# binary junk named like every input kind
mkdir "$T/junk"
for f in junk.html junk.warc junk.jsonl junk.html.gz junk.warc.gz; do head -c 4096 /dev/urandom > "$T/junk/$f"; done
printf '%s\n' "$good" > "$T/junk/zgood.jsonl"
"$BIN" extract "$T/junk" > "$T/out" 2> "$T/err"
rc=$?
[ $rc -eq 3 ] && grep -q '"id":"good"' "$T/out" && ok "random bytes as html, warc, jsonl, html.gz: reported, good file kept" ||
  bad "random bytes: exit $rc: $(cat "$T/err")"

echo "hostile: $fails failure(s)"
[ $fails -eq 0 ]
