#!/usr/bin/env bash
# proxy_cost.sh: each proxy's own cost per transaction, in measures that do not depend on how
# loaded the machine is: syscalls per transaction (strace -c -f on the proxy process, exact) and
# CPU time per transaction (/proc/PID/stat user + system around an untraced run, and user alone,
# where the proxy's own code runs; these do move with load, less than TPS). PgBouncer and one or more cutoverd binaries are measured in the
# same run against the same PostgreSQL 15 (tests/stack; cutoverd is restarted with each binary).
#
#   bench/proxy_cost.sh [CUTOVERD_BINARY ...]          (default: build/cutoverd)
#   CLIENTS=8 TX=2000 ARGS='-S -M prepared' TLS=disable|require  REPEAT=2
#   ARGS='-f bench/pipeline_select.sql -M prepared -s 10'     (the pipeline: ten selects a transaction)
#
# pgbench -n $ARGS -c $CLIENTS -j 2 -t $TX: 16,000 select-only prepared transactions by default,
# plaintext clients. PgBouncer: session pool, pool size 120, SCRAM, plaintext to the server.
# Each figure counts the proxy's whole run including the clients' connection setup.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CLIENTS=${CLIENTS:-8}
TX=${TX:-2000}
ARGS=${ARGS:--S -M prepared}
TLS=${TLS:-disable}
REPEAT=${REPEAT:-2}
BINARIES=("$@")
((${#BINARIES[@]})) || BINARIES=("$ROOT/build/cutoverd")
export CUTOVERD=${BINARIES[0]}

DIR=$(mktemp -d /tmp/cutover-cost.XXXXXX)
chmod 755 "$DIR"
# shellcheck source=bench/pgbouncer.sh
source "$ROOT/bench/pgbouncer.sh"
cleanup() {
    pgbouncer_stop
    tests/stack down "$DIR/stack" >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT

cat >"$DIR.ini" <<INI
[backend]
sslmode = disable
INI
tests/stack up "$DIR/stack" --config "$DIR.ini" >/dev/null 2>&1
rm -f "$DIR.ini"
# shellcheck disable=SC1091
source "$DIR/stack/env"

pgbouncer_start "$DIR"

export PGUSER=$PG_USER PGPASSWORD=$PG_PASSWORD PGDATABASE=$PG_DB PGHOST=127.0.0.1 PGSSLMODE=$TLS
PGPORT=$PG_PORT PGSSLMODE=disable pgbench -i -q -s 10 >/dev/null 2>&1
read -ra PGB_ARGS <<<"$ARGS"

# bench PORT: one pgbench run; prints the transactions it processed.
bench() {
    PGPORT=$1 pgbench -n "${PGB_ARGS[@]}" -c "$CLIENTS" -j 2 -t "$TX" 2>&1 |
        awk '/^number of transactions actually processed:/ { split($6, a, "/"); print a[1] }'
}

# measure NAME PORT PID: prints one table row.
measure() {
    local name=$1 port=$2 pid=$3 raw n
    raw=$DIR/strace.$RANDOM
    bench "$port" >/dev/null # warm-up (PgBouncer's pool, caches)
    strace -c -f -q -o "$raw" -p "$pid" &
    local spid=$!
    sleep 0.5
    n=$(bench "$port")
    kill -INT "$spid"
    wait "$spid" 2>/dev/null || true
    # strace -c: calls is the 4th column (errors may be empty); name is the last.
    local sys
    sys=$(awk -v n="$n" '
        $NF == "total" { all = $4 }
        $1 ~ /^[0-9.]+$/ && NF >= 5 && $NF != "total" { c[$NF] = $4 }
        END {
            rd = c["recvfrom"] + c["readv"] + c["read"]; wr = c["sendto"] + c["writev"] + c["write"]
            printf "%.2f | %.2f | %.2f | %.2f | %.2f | %.2f", all / n, rd / n, wr / n,
                c["ioctl"] / n, (c["epoll_wait"] + c["epoll_pwait"]) / n, c["epoll_ctl"] / n
        }' "$raw")
    local best='' best_user=''
    for _ in $(seq "$REPEAT"); do
        local b a m us user
        read -ra b < <(awk '{ print $14 + $15, $14 }' "/proc/$pid/stat")
        m=$(bench "$port")
        read -ra a < <(awk '{ print $14 + $15, $14 }' "/proc/$pid/stat")
        us=$(per_tx "${b[0]}" "${a[0]}" "$m")
        user=$(per_tx "${b[1]}" "${a[1]}" "$m")
        if [[ -z $best ]] || awk -v x="$us" -v y="$best" 'BEGIN { exit !(x < y) }'; then best=$us; fi
        if [[ -z $best_user ]] || awk -v x="$user" -v y="$best_user" 'BEGIN { exit !(x < y) }'; then best_user=$user; fi
    done
    echo "| $name | $n | $sys | $best | $best_user |"
}

# per_tx BEFORE AFTER N: microseconds per transaction of a clock-tick difference.
per_tx() {
    awk -v b="$1" -v a="$2" -v n="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", (a - b) * 1e6 / hz / n }'
}

echo "## proxy cost per transaction, $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "pgbench -n $ARGS -c $CLIENTS -j 2 -t $TX, PGSSLMODE=$TLS; strace -c -f -p PID for the syscalls,"
echo "/proc/PID/stat utime+stime (and utime alone) around an untraced run for CPU (best of $REPEAT)"
echo
echo "| proxy | tx | syscalls/tx | recv/tx | send/tx | ioctl/tx | epoll_wait/tx | epoll_ctl/tx | CPU us/tx | user us/tx |"
echo "|---|---|---|---|---|---|---|---|---|---|"
measure PgBouncer "$PGB_PORT" "$PGB_PID"
first=1
for b in "${BINARIES[@]}"; do
    if ((!first)); then
        CUTOVERD=$b tests/stack restart-proxy "$DIR/stack" >/dev/null 2>&1
        # shellcheck disable=SC1091
        source "$DIR/stack/env"
    fi
    first=0
    measure "cutoverd $b" "$PROXY_PORT" "$CUTOVERD_PID"
done
