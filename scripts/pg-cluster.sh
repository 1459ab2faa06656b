#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL 15 cluster on a loopback port, as a non-root user,
# without systemd: initdb + pg_ctl. Used by .ci/run; developers may run it too.
#   scripts/pg-cluster.sh start DIR PORT   -> prints the connection URL on stdout
#   scripts/pg-cluster.sh replica PRIMARY_PORT DIR PORT -> a streaming replica (pg_basebackup), started
#   scripts/pg-cluster.sh stop DIR
set -euo pipefail
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=${1:?start|stop} dir=${2:?data directory} port=${3:-54329}
as_owner() {
  # initdb and postgres refuse to run as root: use the packaged "postgres" user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    if [ ! -s "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres "$dir"
      as_owner "$BIN/initdb" -D "$dir" -U palermo --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
      cat >>"$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = replica
max_wal_senders = 10
shared_buffers = 256MB
CONF
      echo "host replication palermo 127.0.0.1/32 trust" >>"$dir/pg_hba.conf"
    fi
    as_owner "$BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
    echo "postgres://palermo@127.0.0.1:$port/postgres"
    ;;
  replica)
    primary_port=$2 dir=${3:?replica directory} port=${4:?replica port}
    mkdir -p "$dir" && chmod 700 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$BIN/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U palermo -D "$dir" -R -X stream -c fast >/dev/null
    echo "port = $port" >>"$dir/postgresql.auto.conf"
    as_owner "$BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
    echo "postgres://palermo@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_owner "$BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
    ;;
  *) echo "usage: $0 start DIR [PORT] | stop DIR" >&2; exit 64 ;;
esac
