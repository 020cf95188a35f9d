#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A throw-away PostgreSQL 15 cluster for the tests: initdb in a temporary
# directory, a Unix socket in it and no TCP (listen_addresses=''), run as
# an unprivileged user when started by root.
#
#   tests/pg-cluster.sh start DIR   prints the URL of its database `lumen`
#   tests/pg-cluster.sh stop DIR
#   tests/pg-cluster.sh run CMD…    starts one, runs CMD with LUMEN_TEST_DB
#                                   set to its URL, stops it, exits as CMD
set -eu

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

as_owner () {
  if [ "$(id -u)" = 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

start () {
  dir=$1
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown nobody "$dir"
  chmod 700 "$dir"
  # trust is safe here: the only way in is the socket in a 0700 directory
  as_owner "$PGBIN/initdb" -D "$dir/data" -U lumen --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses='' -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$PGBIN/createdb" -h "$dir" -U lumen lumen
  echo "postgresql:///lumen?host=$dir&user=lumen"
}

stop () {
  as_owner "$PGBIN/pg_ctl" -D "$1/data" -m immediate -w stop >/dev/null 2>&1 || true
}

case "${1:-}" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  run)
    shift
    dir=$(mktemp -d /tmp/lumen-pg.XXXXXX)
    LUMEN_TEST_DB=$(start "$dir")
    export LUMEN_TEST_DB
    status=0
    "$@" || status=$?
    stop "$dir"
    rm -rf "$dir"
    exit $status
    ;;
  *) echo "usage: $0 start DIR | stop DIR | run CMD…" >&2; exit 2 ;;
esac
