#!/bin/sh
# make_warc.sh OUT_DIR - writes test crawls built from our own pages: crawl.warc (plain),
# crawl.warc.gz (one gzip member per record), lying.warc (a record whose Content-Length
# runs past the end of the file after one good page).
set -eu
out=$1
mkdir -p "$out"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# record TYPE URI BLOCKFILE [CONTENT-TYPE] -> one WARC record on stdout
record() {
  len=$(wc -c < "$3")
  printf 'WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2024-02-18T06:00:00Z\r\n' "$1" "$2"
  printf 'WARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: %s\r\nContent-Length: %s\r\n\r\n' \
    "$(printf '%s' "$2$1" | cksum | cut -d' ' -f1)" "${4:-application/http; msgtype=response}" "$len"
  cat "$3"
  printf '\r\n\r\n'
}

printf 'software: claimline tests\r\nformat: WARC File Format 1.0\r\n' > "$t/info"
printf 'GET /world/port HTTP/1.1\r\nHost: courier.example\r\n\r\n' > "$t/request"
page='<html><head><meta property="og:site_name" content="Harbor Wire"><meta name="date" content="2024-02-17"></head><body><nav><a href="/">Home</a></nav><article><p>The regional governor said on Saturday that Russian drones struck the port of Odesa overnight, damaging two grain silos.</p><p>Ukraine'"'"'s air force said it shot down eleven of the fourteen drones launched from the south.</p></article></body></html>'
printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n%s' "$page" > "$t/resp1"
# the same kind of page, chunked and gzipped
printf '%s' "$page" | sed 's/Odesa/Izmail/; s/grain silos/a ferry terminal/' | gzip -c > "$t/gz"
gzlen=$(wc -c < "$t/gz")
{ printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n'
  printf '%x\r\n' "$gzlen"; cat "$t/gz"; printf '\r\n0\r\n\r\n'; } > "$t/resp2"
printf 'HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\211PNG....' > "$t/img"
printf 'HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html><body><p>Not found, sorry about that, said the server.</p></body></html>' > "$t/missing"

{ record warcinfo "" "$t/info" application/warc-fields
  record request https://courier.example/world/port "$t/request" "application/http; msgtype=request"
  record response https://courier.example/world/port "$t/resp1"
  record response https://courier.example/logo.png "$t/img"
  record response https://courier.example/world/izmail "$t/resp2"
  record response https://courier.example/gone "$t/missing"; } > "$out/crawl.warc"

: > "$out/crawl.warc.gz"
for part in "warcinfo||$t/info|application/warc-fields" "response|https://courier.example/world/port|$t/resp1|" \
            "response|https://courier.example/logo.png|$t/img|" "response|https://courier.example/world/izmail|$t/resp2|"; do
  IFS='|' read -r ty uri f ct <<EOF2
$part
EOF2
  record "$ty" "$uri" "$f" ${ct:+"$ct"} | gzip -c >> "$out/crawl.warc.gz"
done

{ record response https://courier.example/world/port "$t/resp1"
  printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://courier.example/lie\r\n'
  printf 'Content-Type: application/http; msgtype=response\r\nContent-Length: 999999\r\n\r\n'
  cat "$t/resp1"; } > "$out/lying.warc"
