#!/usr/bin/env bash
# pgbench_compare.sh: one side-by-side run of pgbench -S against PostgreSQL directly, through
# PgBouncer (session mode) and through cutoverd, at 1, 8 and 64 clients with -M simple and
# -M prepared; then cutoverd's RSS with 1,000 idle clients. Prints a table with the ratios
# cutoverd/direct and cutoverd/pgbouncer, and each proxy's own CPU time per transaction (user and
# kernel), and saves everything to bench/results/pgbench-<date>.txt.
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

# cpu_ticks PID: user and system clock ticks a process has used so far ("0 0" when it is gone).
cpu_ticks() {
    awk '{ print $14, $15 }' "/proc/$1/stat" 2>/dev/null || echo "0 0"
}

# run PORT MODE CLIENTS [PID]: one pgbench run; prints "tps user_us sys_us", the last two being
# the CPU time PID (the proxy in the middle, if any) spent per transaction, user and kernel.
run() {
    local j=1 before after out
    (($3 > 1)) && j=2
    before=$( [[ -n ${4:-} ]] && cpu_ticks "$4" || echo "0 0")
    out=$(PGPORT=$1 pgbench -n -S -T "$T" -M "$2" -c "$3" -j "$j" 2>&1)
    after=$( [[ -n ${4:-} ]] && cpu_ticks "$4" || echo "0 0")
    awk -v b="$before" -v a="$after" -v hz="$(getconf CLK_TCK)" '
        /^number of transactions actually processed:/ { n = $6 }
        /^tps = .*without initial connection time/ { tps = $3 }
        END {
            split(b, x, " "); split(a, y, " ")
            u = n > 0 ? (y[1] - x[1]) * 1e6 / hz / n : 0
            s = n > 0 ? (y[2] - x[2]) * 1e6 / hz / n : 0
            printf "%s %.1f %.1f\n", (tps == "" ? 0 : tps), u, s
        }' <<<"$out"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "n/a" }'; }

printf '\n%-9s %7s %12s %12s %12s %10s %10s %16s %16s\n' mode clients direct pgbouncer cutoverd \
    cut/dir cut/pgb "pgb us/tx u+s" "cut us/tx u+s"
for mode in simple prepared; do
    for c in 1 8 64; do
        read -r d _ _ < <(run "$PG_PORT" "$mode" "$c")
        read -r b bu bs < <(run "$PGB_PORT" "$mode" "$c" "$PGB_PID")
        read -r p pu ps < <(run "$PROXY_PORT" "$mode" "$c" "$CUTOVERD_PID")
        printf '%-9s %7d %12.0f %12.0f %12.0f %10s %10s %16s %16s\n' "$mode" "$c" "$d" "$b" "$p" \
            "$(ratio "$p" "$d")" "$(ratio "$p" "$b")" "$bu+$bs" "$pu+$ps"
    done
done
echo "(us/tx: CPU time of the proxy process per transaction, user + kernel, from /proc/PID/stat)"

echo
echo "== cutoverd memory with $IDLE idle clients (user u_trust, no TLS)"
/usr/bin/python3 bench/idle_clients.py "$PROXY_PORT" "$IDLE" u_trust "$PG_DB" "$CUTOVERD_PID"
echo
echo "saved to $OUT"
