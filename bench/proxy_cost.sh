#!/usr/bin/env bash
# proxy_cost.sh: each proxy's own cost per transaction, in measures that do not depend on how
# loaded the machine is: syscalls per transaction (strace -c -f on the proxy process, exact) and
# CPU time per transaction, user + system and user alone, where the proxy's own code runs (these do
# move with load, less than TPS). CPU is the proxy's run time from /proc/PID/task/*/schedstat (ns)
# around an untraced run; user is that times the share of perf record's samples of the proxy that
# were in user space, from a run of its own. Run-queue wait is the time the proxy was runnable but
# not running (schedstat's second field) in the untraced run: on a machine whose cores are busy
# (PostgreSQL, pgbench and the proxy share them) a single-threaded proxy's CPU plus that wait is
# what bounds TPS. System CPU is the whole machine's (all processes: pgbench, PostgreSQL, the
# proxy; /proc/stat) per transaction in that run: with the cores kept busy, TPS is about the cores
# over it, and the proxy's own CPU is the part of it the proxy can change. TPS is pgbench's
# (without connecting) in the untraced run. PgBouncer and one or more cutoverd binaries are
# measured in the same run against the same PostgreSQL 15 (tests/stack; cutoverd is restarted
# with each binary): name binaries twice, alternated (A B A B), to see how far the machine's speed
# drifts between turns. bench/proxy_instructions.sh counts user instructions instead, which do
# not drift.
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

# bench PORT: one pgbench run; prints the transactions it processed and its TPS.
bench() {
    PGPORT=$1 pgbench -n "${PGB_ARGS[@]}" -c "$CLIENTS" -j 2 -t "$TX" 2>&1 |
        awk '/^number of transactions actually processed:/ { split($6, a, "/"); n = a[1] }
             /^tps = / { t = $3 } END { printf "%s %.0f\n", n, t }'
}

# measure NAME PORT PID: prints one table row.
measure() {
    local name=$1 port=$2 pid=$3 raw n
    raw=$DIR/strace.$RANDOM
    bench "$port" >/dev/null # warm-up (PgBouncer's pool, caches)
    strace -c -f -q -o "$raw" -p "$pid" &
    local spid=$!
    sleep 0.5
    read -r n _ < <(bench "$port")
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
    local best='' best_user='' best_tps=0 best_wait='' best_sys='' sys_us
    for _ in $(seq "$REPEAT"); do
        local b a m tps us share user bw aw wait
        local sb sa
        sb=$(system_busy)
        read -r b bw < <(cpu_ns "$pid")
        read -r m tps < <(bench "$port")
        read -r a aw < <(cpu_ns "$pid")
        sa=$(system_busy)
        if ((tps > best_tps)); then best_tps=$tps; fi
        us=$(awk -v b="$b" -v a="$a" -v n="$m" 'BEGIN { printf "%.1f", (a - b) / 1e3 / n }')
        wait=$(awk -v b="$bw" -v a="$aw" -v n="$m" 'BEGIN { printf "%.1f", (a - b) / 1e3 / n }')
        if [[ -z $best_wait ]] || awk -v x="$wait" -v y="$best_wait" 'BEGIN { exit !(x < y) }'; then best_wait=$wait; fi
        sys_us=$(awk -v b="$sb" -v a="$sa" -v n="$m" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", (a - b) * 1e6 / hz / n }')
        if [[ -z $best_sys ]] || awk -v x="$sys_us" -v y="$best_sys" 'BEGIN { exit !(x < y) }'; then best_sys=$sys_us; fi
        # The user share from a sampled run of its own: the tick counters of
        # /proc/PID/stat move by a few ticks per run, too coarse for it.
        share=$(user_share "$port" "$pid")
        user=$(awk -v us="$us" -v s="$share" 'BEGIN { printf "%.1f", us * s }')
        if [[ -z $best ]] || awk -v x="$us" -v y="$best" 'BEGIN { exit !(x < y) }'; then best=$us; fi
        if [[ -z $best_user ]] || awk -v x="$user" -v y="$best_user" 'BEGIN { exit !(x < y) }'; then best_user=$user; fi
    done
    echo "| $name | $n | $sys | $best | $best_user | $best_wait | $best_sys | $best_tps |"
}

# cpu_ns PID: the CPU time the process's threads ran and the time they waited on a run queue, in ns
# (schedstat: exact, unlike the ticks of stat).
cpu_ns() {
    cat /proc/"$1"/task/*/schedstat | awk '{ s += $1; w += $2 } END { printf "%.0f %.0f\n", s, w }'
}

# system_busy: CPU time of the whole machine so far, all processes (user, nice, system, irq,
# softirq), in clock ticks: around a run, the CPU that pgbench, PostgreSQL and the proxy spent
# together. On a machine whose cores the run keeps busy, TPS is the cores over that per transaction.
system_busy() {
    awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat
}

# user_share PORT PID: the fraction of perf's samples of the process taken in user space during a run.
user_share() {
    local data=$DIR/perf.$RANDOM
    perf record -q -F 2999 -o "$data" -p "$2" >/dev/null 2>&1 &
    local ppid=$!
    sleep 0.3
    bench "$1" >/dev/null
    kill -INT "$ppid"
    wait "$ppid" 2>/dev/null || true
    perf report -i "$data" --sort dso -g none --stdio 2>/dev/null |
        awk '$1 ~ /%$/ { p = $1 + 0; if ($2 ~ /kernel/) k += p; else u += p } END { printf "%.4f", ((u + k) > 0 ? u / (u + k) : 0) }'
    rm -f "$data"
}

echo "## proxy cost per transaction, $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "pgbench -n $ARGS -c $CLIENTS -j 2 -t $TX, PGSSLMODE=$TLS; strace -c -f -p PID for the syscalls,"
echo "/proc/PID/task/*/schedstat around an untraced run for CPU; user = CPU x the user share of perf record's"
echo "samples of the proxy in another run; run-queue wait (schedstat), the whole machine's CPU"
echo "(/proc/stat) and TPS of the untraced run (best of $REPEAT each)"
echo
echo "| proxy | tx | syscalls/tx | recv/tx | send/tx | ioctl/tx | epoll_wait/tx | epoll_ctl/tx | CPU us/tx | user us/tx | run-queue wait us/tx | system CPU us/tx | TPS |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
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
