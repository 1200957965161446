#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite.
#   scripts/pg_cluster.sh start DIR   -> prints a DATABASE_URL on stdout
#   scripts/pg_cluster.sh stop DIR    -> stops the server and removes DIR
# PG_CLUSTER_OPTIONS adds server settings ("-c name=value ..."); the test suite turns autovacuum off with it.
# As root the server runs as the unprivileged `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

action=${1:?start or stop}
dir=${2:?a folder for the cluster}

find_bin() {
  local name=$1
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$found" ] && echo "$found"
}

as_server_user() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$action" in
  start)
    initdb=$(find_bin initdb) || true
    pg_ctl=$(find_bin pg_ctl) || true
    if [ -z "${initdb:-}" ] || [ -z "${pg_ctl:-}" ]; then
      echo "pg_cluster: PostgreSQL server binaries (initdb, pg_ctl) not found" >&2
      exit 3
    fi
    if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    as_server_user "$initdb" -D "$dir/data" -U frivillig -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_server_user "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100 ${PG_CLUSTER_OPTIONS:-}" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://frivillig@127.0.0.1:$port/postgres"
    ;;
  stop)
    pg_ctl=$(find_bin pg_ctl) || true
    if [ -d "$dir/data" ] && [ -n "${pg_ctl:-}" ]; then
      as_server_user "$pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
