#!/usr/bin/env bash
# pgbench_compare.sh: one side-by-side run of pgbench -S against PostgreSQL directly, through
# PgBouncer (session mode) and through cutoverd, at 1, 8 and 64 clients with -M simple and
# -M prepared; then cutoverd's RSS with 1,000 idle clients. Prints a table with the ratios
# cutoverd/direct and cutoverd/pgbouncer and saves everything to bench/results/pgbench-<date>.txt.
#
#   bench/pgbench_compare.sh            about 5 minutes (10 s per pgbench run)
#   SECONDS_PER_RUN=5 IDLE_CLIENTS=500  shorter
#   CUTOVERD=path/to/cutoverd           default build/cutoverd
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
T=${SECONDS_PER_RUN:-10}
IDLE=${IDLE_CLIENTS:-1000}
SCALE=${SCALE:-10}
export CUTOVERD=${CUTOVERD:-$ROOT/build/cutoverd}
mkdir -p bench/results
OUT=bench/results/pgbench-$(date -u +%Y%m%d-%H%M%S).txt
exec > >(tee "$OUT") 2>&1

ulimit -n $((IDLE * 3 + 1024)) 2>/dev/null || ulimit -n "$(ulimit -Hn)"
DIR=$(mktemp -d /tmp/cutover-bench.XXXXXX)
chmod 755 "$DIR"
PGB_PID=
cleanup() {
    if [[ -n $PGB_PID && -r /proc/$PGB_PID/comm && $(cat /proc/$PGB_PID/comm) == pgbouncer ]]; then
        kill -TERM "$PGB_PID" 2>/dev/null || true
        for _ in $(seq 50); do [[ -e /proc/$PGB_PID ]] || break; sleep 0.1; done
        [[ -e /proc/$PGB_PID ]] && kill -KILL "$PGB_PID" 2>/dev/null || true
    fi
    tests/stack down "$DIR/stack" >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT

# Plaintext to PostgreSQL, as PgBouncer's and the direct runs are: the comparison is the relay.
cat >"$DIR.ini" <<INI
[proxy]
max_client_conn = $((IDLE + 200))
[backend]
sslmode = disable
INI
tests/stack up "$DIR/stack" --config "$DIR.ini" --pg-max-connections $((IDLE + 200))
rm -f "$DIR.ini"
# shellcheck disable=SC1091
source "$DIR/stack/env"

# PgBouncer, session mode, SCRAM to both sides (as cutoverd relays it), as the unprivileged user.
PGB_PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$DIR/pgbouncer"
printf '"%s" "%s"\n' "$PG_USER" "$PG_PASSWORD" >"$DIR/pgbouncer/userlist.txt"
cat >"$DIR/pgbouncer/pgbouncer.ini" <<INI
[databases]
$PG_DB = host=127.0.0.1 port=$PG_PORT dbname=$PG_DB
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGB_PORT
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $DIR/pgbouncer/userlist.txt
pool_mode = session
max_client_conn = 500
default_pool_size = 100
max_db_connections = 100
logfile = $DIR/pgbouncer/pgbouncer.log
pidfile = $DIR/pgbouncer/pgbouncer.pid
INI
RUNAS=()
if [[ $(id -u) -eq 0 ]]; then
    chown -R cutover "$DIR/pgbouncer"
    chmod 600 "$DIR/pgbouncer/userlist.txt"
    RUNAS=(runuser -u cutover --)
fi
"${RUNAS[@]}" pgbouncer -d "$DIR/pgbouncer/pgbouncer.ini"
for _ in $(seq 100); do [[ -s $DIR/pgbouncer/pgbouncer.pid ]] && break; sleep 0.1; done
PGB_PID=$(cat "$DIR/pgbouncer/pgbouncer.pid")

export PGUSER=$PG_USER PGPASSWORD=$PG_PASSWORD PGDATABASE=$PG_DB PGHOST=127.0.0.1 PGSSLMODE=disable
echo "== cutover pgbench comparison, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
echo "== cutoverd: $CUTOVERD ($(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo 'no git'))"
echo "== $(pgbench --version), $(pgbouncer --version | head -1), -S -T $T, scale $SCALE, client side sslmode=disable"
echo "== every backend connection plaintext ([backend] sslmode = disable for cutoverd)"
PGPORT=$PG_PORT pgbench -i -q -s "$SCALE" >/dev/null 2>&1

tps() { # port mode clients
    local j=1
    (($3 > 1)) && j=2
    PGPORT=$1 pgbench -n -S -T "$T" -M "$2" -c "$3" -j "$j" 2>&1 |
        sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p'
}

printf '\n%-9s %7s %12s %12s %12s %10s %10s\n' mode clients direct pgbouncer cutoverd cut/dir cut/pgb
for mode in simple prepared; do
    for c in 1 8 64; do
        d=$(tps "$PG_PORT" "$mode" "$c")
        b=$(tps "$PGB_PORT" "$mode" "$c")
        p=$(tps "$PROXY_PORT" "$mode" "$c")
        printf '%-9s %7d %12.0f %12.0f %12.0f %10s %10s\n' "$mode" "$c" "${d:-0}" "${b:-0}" "${p:-0}" \
            "$(awk -v a="${p:-0}" -v b="${d:-0}" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "n/a" }')" \
            "$(awk -v a="${p:-0}" -v b="${b:-0}" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "n/a" }')"
    done
done

echo
echo "== cutoverd memory with $IDLE idle clients (user u_trust, no TLS)"
/usr/bin/python3 bench/idle_clients.py "$PROXY_PORT" "$IDLE" u_trust "$PG_DB" "$CUTOVERD_PID"
echo
echo "saved to $OUT"
