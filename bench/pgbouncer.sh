# shellcheck shell=bash
# PgBouncer as the benchmarks' baseline, set up the same way everywhere: session pool,
# default_pool_size 120, SCRAM from a userlist, TLS offered to clients (prefer), plaintext to the
# server. Sourced by bench/pgbench_compare.sh and bench/proxy_cost.sh after `tests/stack up
# $DIR/stack` and `source $DIR/stack/env`.

PGB_PID=

# pgbouncer_start DIR [SOCKET_DIR]: starts PgBouncer in front of the stack's PostgreSQL; sets
# PGB_PORT and PGB_PID. SOCKET_DIR, when given, is its unix_socket_dir.
pgbouncer_start() {
    local dir=$1 sockdir=${2:-}
    PGB_PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    mkdir -p "$dir/pgbouncer" ${sockdir:+"$sockdir"}
    printf '"%s" "%s"\n' "$PG_USER" "$PG_PASSWORD" >"$dir/pgbouncer/userlist.txt"
    cp "$dir/stack/tls/proxy.crt" "$dir/stack/tls/proxy.key" "$dir/pgbouncer/"
    cat >"$dir/pgbouncer/pgbouncer.ini" <<INI
[databases]
$PG_DB = host=127.0.0.1 port=$PG_PORT dbname=$PG_DB
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGB_PORT
unix_socket_dir = $sockdir
auth_type = scram-sha-256
auth_file = $dir/pgbouncer/userlist.txt
pool_mode = session
max_client_conn = 500
default_pool_size = 120
client_tls_sslmode = prefer
client_tls_cert_file = $dir/pgbouncer/proxy.crt
client_tls_key_file = $dir/pgbouncer/proxy.key
server_tls_sslmode = disable
logfile = $dir/pgbouncer/pgbouncer.log
pidfile = $dir/pgbouncer/pgbouncer.pid
INI
    local runas=()
    if [[ $(id -u) -eq 0 ]]; then
        chown -R cutover "$dir/pgbouncer" ${sockdir:+"$sockdir"}
        chmod 600 "$dir/pgbouncer/userlist.txt" "$dir/pgbouncer/proxy.key"
        runas=(runuser -u cutover --)
    fi
    "${runas[@]}" pgbouncer -d "$dir/pgbouncer/pgbouncer.ini"
    for _ in $(seq 100); do [[ -s $dir/pgbouncer/pgbouncer.pid ]] && break; sleep 0.1; done
    PGB_PID=$(cat "$dir/pgbouncer/pgbouncer.pid")
}

# pgbouncer_stop: stops the PgBouncer pgbouncer_start started (by its PID, checked to be
# PgBouncer), waiting up to 5 s before SIGKILL.
pgbouncer_stop() {
    if [[ -n $PGB_PID && -r /proc/$PGB_PID/comm && $(cat /proc/$PGB_PID/comm) == pgbouncer ]]; then
        kill -TERM "$PGB_PID" 2>/dev/null || true
        for _ in $(seq 50); do [[ -e /proc/$PGB_PID ]] || break; sleep 0.1; done
        [[ -e /proc/$PGB_PID ]] && kill -KILL "$PGB_PID" 2>/dev/null || true
    fi
    PGB_PID=
}
