#!/usr/bin/env bash
# Throwaway PostgreSQL for tests: `eval "$(scripts/pg.sh start)"` prints `export DATABASE_URL=…`;
# `scripts/pg.sh stop DIR` stops it. initdb refuses root, so the cluster runs as `postgres`.
set -euo pipefail
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
case "${1:-}" in
  start)
    [ -x "$BIN/initdb" ] || { echo "echo 'PostgreSQL binaries not found in $BIN' >&2"; exit 1; }
    dir=$(mktemp -d /tmp/chime-pg.XXXXXX)
    port=${PG_PORT:-$(( 20000 + RANDOM % 20000 ))}
    run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    run "'$BIN/initdb' -A trust -U postgres -D '$dir/data' >'$dir/initdb.log' 2>&1"
    run "'$BIN/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c max_connections=200\" start >/dev/null"
    run "'$BIN/createdb' -h 127.0.0.1 -p $port -U postgres chime"
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/chime CHIME_PG_DIR=$dir"
    ;;
  stop)
    dir=${2:-${CHIME_PG_DIR:-}}
    [ -n "$dir" ] || exit 0
    if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "'$BIN/pg_ctl' -D '$dir/data' -m fast stop" >/dev/null 2>&1 || true
    else "$BIN/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: scripts/pg.sh start|stop [DIR]" >&2; exit 2 ;;
esac
