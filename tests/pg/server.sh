#!/bin/sh
# server.sh - a private PostgreSQL server on loopback for the tests and benchmarks.
#
#   sh tests/pg/server.sh start        start it (creating the cluster once); prints the URI
#                                      of its maintenance database
#   sh tests/pg/server.sh fresh NAME   (re)creates database NAME; prints its URI
#   sh tests/pg/server.sh stop
#
# The cluster lives in $CLAIMLINE_PG_DIR (default /tmp/claimline-pg-UID) and listens on
# 127.0.0.1:$CLAIMLINE_PG_PORT (default 54329) with trust authentication, for tests only.
# As root it runs as the `postgres` user that Debian's postgresql package creates. Exits 2
# when no PostgreSQL server is installed.
set -eu
cmd=${1:-start}
dir=${CLAIMLINE_PG_DIR:-/tmp/claimline-pg-$(id -u)}
port=${CLAIMLINE_PG_PORT:-54329}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "server.sh: no PostgreSQL server installed (Debian package postgresql)" >&2
  exit 2
fi
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
uri() { echo "postgresql://postgres@127.0.0.1:$port/$1"; }
psql_cmd() {
  PGOPTIONS="-c client_min_messages=warning" as_owner "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"
}

start() {
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    chmod 700 "$dir"
    as_owner "$bindir/initdb" -D "$dir" -A trust -U postgres -E UTF8 --locale=C > "$dir.initdb.log" 2>&1 ||
      { cat "$dir.initdb.log" >&2; exit 1; }
  fi
  if ! as_owner "$bindir/pg_ctl" -D "$dir" status > /dev/null 2>&1; then
    as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
      start > /dev/null || { tail -20 "$dir/server.log" >&2; exit 1; }
  fi
}

case $cmd in
start)
  start
  uri postgres
  ;;
fresh)
  name=${2:?usage: server.sh fresh NAME}
  start
  psql_cmd -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" -c "CREATE DATABASE \"$name\"" > /dev/null
  uri "$name"
  ;;
stop)
  if [ -f "$dir/PG_VERSION" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir" -m fast -w stop > /dev/null 2>&1 || true
  fi
  ;;
*)
  echo "usage: server.sh start | fresh NAME | stop" >&2
  exit 2
  ;;
esac
