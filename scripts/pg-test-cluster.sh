#!/bin/sh
# A throwaway PostgreSQL 15 cluster for the server tests (Debian's postgresql package).
#   scripts/pg-test-cluster.sh start   → prints the DATABASE_URL to export
#   scripts/pg-test-cluster.sh stop    → stops it and deletes its files
# Runs as root (CI) or as a normal user; initdb refuses root, so root runs it as "postgres".
# PG_TEST_DIR (default /tmp/workspace-pg-test) and PG_TEST_PORT (55432) override the place.
set -eu
DIR=${PG_TEST_DIR:-/tmp/workspace-pg-test}
PORT=${PG_TEST_PORT:-55432}
BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$BIN/initdb" ] || { echo "PostgreSQL not found (apt-get install -y postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

case "${1:-}" in
  start)
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      as_owner "'$BIN/initdb' -D '$DIR/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8 >'$DIR/initdb.log'"
    fi
    as_owner "'$BIN/pg_ctl' -D '$DIR/data' -o \"-p $PORT -k $DIR -c listen_addresses=''\" -l '$DIR/log' -w start >/dev/null"
    echo "postgres://postgres@localhost:$PORT/postgres?host=$DIR"
    ;;
  stop)
    if [ -f "$DIR/data/postmaster.pid" ]; then as_owner "'$BIN/pg_ctl' -D '$DIR/data' -m fast -w stop >/dev/null"; fi
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
