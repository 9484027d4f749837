#!/usr/bin/env bash
# proxy_instructions.sh: each proxy's user-space instructions per transaction, counted by
# valgrind's callgrind, PgBouncer and one or more cutoverd binaries in the same run.
#
# Time-based figures (bench/proxy_cost.sh) move by 20 % and more between runs on these shared
# 2-core VMs, more than most changes to the proxy's own code; the instructions a proxy executes
# per transaction do not depend on the machine's speed, only on how its work is batched (how
# many messages each wakeup finds), so they compare binaries, and cutoverd with PgBouncer, to a
# few percent. Kernel work (the syscalls themselves) is not counted: bench/proxy_cost.sh shows
# that it is the same for both proxies, with the same syscalls per transaction.
#
#   bench/proxy_instructions.sh [CUTOVERD_BINARY ...]      (default: build/cutoverd)
#   CLIENTS=8 TX=400 ARGS='-S -M prepared'   TOP=15 (the hottest functions of each cutoverd)
#
# Each proxy runs under callgrind (about 50 times slower), in front of the same PostgreSQL 15
# (tests/stack, plaintext); pgbench -n $ARGS -c $CLIENTS -j 2 runs TX and then 3 x TX
# transactions per client, the counters zeroed before and dumped after each run
# (callgrind_control); per transaction = (second - first) / (2 x TX x CLIENTS): connection set-up
# and warm-up cancel out. The breakdown splits the same difference by object file.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CLIENTS=${CLIENTS:-8}
TX=${TX:-400}
ARGS=${ARGS:--S -M prepared}
TOP=${TOP:-0}
BINARIES=("$@")
((${#BINARIES[@]})) || BINARIES=("$ROOT/build/cutoverd")
command -v valgrind >/dev/null || { echo "proxy_instructions.sh: valgrind is not installed" >&2; exit 2; }

DIR=$(mktemp -d /tmp/cutover-instr.XXXXXX)
chmod 755 "$DIR"
mkdir -m 777 "$DIR/out"
VG_PID=
# shellcheck source=bench/pgbouncer.sh
source "$ROOT/bench/pgbouncer.sh"
cleanup() {
    [[ -n $VG_PID ]] && kill -KILL "$VG_PID" 2>/dev/null
    pgbouncer_stop
    tests/stack down "$DIR/stack" >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT

printf '[backend]\nsslmode = disable\n' >"$DIR/stack.ini"
tests/stack up "$DIR/stack" --config "$DIR/stack.ini" >/dev/null 2>&1
# shellcheck disable=SC1091
source "$DIR/stack/env"
export PGUSER=$PG_USER PGPASSWORD=$PG_PASSWORD PGDATABASE=$PG_DB PGHOST=127.0.0.1 PGSSLMODE=disable
PGPORT=$PG_PORT pgbench -i -q -s 10 >/dev/null 2>&1
read -ra PGB_ARGS <<<"$ARGS"
AS_PGB=()
[[ $(id -u) -eq 0 ]] && AS_PGB=(runuser -u cutover --) # PgBouncer refuses to run as root

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
    for _ in $(seq 300); do
        (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.2
    done
    echo "proxy_instructions.sh: nothing listens on port $1" >&2
    return 1
}

# counted PORT N [RUNAS...]: dumps the counters of the process under callgrind after a pgbench
# run of N transactions per client; prints the dump file.
counted() {
    local port=$1 n=$2
    shift 2
    "$@" callgrind_control -z "$VG_PID" >/dev/null 2>&1
    PGPORT=$port pgbench -n "${PGB_ARGS[@]}" -c "$CLIENTS" -j 2 -t "$n" >/dev/null
    "$@" callgrind_control -d "tx$n" "$VG_PID" >/dev/null 2>&1
    local f
    for _ in $(seq 50); do
        f=$(ls -t "$DIR"/out/callgrind.out."$VG_PID".* 2>/dev/null | head -1)
        [[ -n $f && -s $f ]] && grep -q "^totals:\|^summary:" "$f" && { echo "$f"; return 0; }
        sleep 0.2
    done
    echo "proxy_instructions.sh: no callgrind dump for $VG_PID" >&2
    return 1
}

# functions FILE: "instructions object function" per function (self cost), from callgrind_annotate.
# A dump taken while the loop runs also charges the whole dump to the frames then on the stack
# (main, event_base_dispatch, ...): lines that claim the program's total are left out. Code
# inlined from another source file is listed as "file.h:function" without its object: it is
# charged to the object that the same function's own line names.
functions() {
    callgrind_annotate --auto=no --threshold=100 --inclusive=no "$1" 2>/dev/null |
        awk '/PROGRAM TOTALS/ { t = $1; gsub(",", "", t); next }
             /^ *[0-9,]+ +\(/ {
                 n = $1; gsub(",", "", n); if (n + 0 >= t + 0) next
                 line = $0; sub(/^ *[0-9,]+ +\( *[0-9.]+%\) +/, "", line)
                 o = ""
                 if (line ~ / \[[^]]*\]$/) {
                     o = line; sub(/^.* \[/, "", o); sub(/\]$/, "", o); sub(/.*\//, "", o); sub(/\.so.*/, "", o)
                 }
                 f = line; sub(/ \[.*$/, "", f); sub(/^.*:/, "", f); sub(/\x27[0-9]+$/, "", f)
                 if (o != "" && !(f in obj)) obj[f] = o
                 k++; cnt[k] = n; fn[k] = f; ob[k] = o
             }
             END { for (i = 1; i <= k; i++) print cnt[i], (ob[i] != "" ? ob[i] : (fn[i] in obj ? obj[fn[i]] : "unknown")), fn[i] }'
}

# by_object FILE: "object instructions" per object file.
by_object() {
    functions "$1" | awk '{ s[$2] += $1 } END { for (o in s) print o, s[o] }'
}

# measure NAME PORT [RUNAS...]: one table row for the process under callgrind (VG_PID).
measure() {
    local name=$1 port=$2
    shift 2
    PGPORT=$port pgbench -n "${PGB_ARGS[@]}" -c "$CLIENTS" -j 2 -t 50 >/dev/null # connect, warm up
    local f1 f2
    f1=$(counted "$port" "$TX" "$@")
    f2=$(counted "$port" $((3 * TX)) "$@")
    local n=$((2 * TX * CLIENTS))
    join <(by_object "$f1" | sort) <(by_object "$f2" | sort) |
        awk -v n="$n" -v name="$name" '
            { d = ($3 - $2) / n; all += d
              if ($1 ~ /^(cutoverd|pgbouncer)/) own += d
              else if ($1 ~ /^libevent/) ev += d
              else if ($1 ~ /^libc/) c += d
              else other += d }
            END { if (other > -0.5 && other < 0.5) other = 0 # no "-0"
                  printf "| %s | %.0f | %.0f | %.0f | %.0f | %.0f |\n", name, all, own, ev, c, other }'
    if ((TOP > 0)) && [[ $name != PgBouncer ]]; then
        TOPS+=("#### $name: hottest functions, instructions per transaction (self)" "")
        mapfile -t -O "${#TOPS[@]}" TOPS < <(functions "$f2" | head -"$TOP" |
            awk -v n=$((3 * TX * CLIENTS)) '{ printf "- %.0f %s (%s)\n", $1 / n, $3, $2 }')
        TOPS+=("")
    fi
}

echo "## user-space instructions per transaction (callgrind), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "pgbench -n $ARGS -c $CLIENTS -j 2, runs of $TX and $((3 * TX)) transactions per client; per transaction ="
echo "the difference over $((2 * TX * CLIENTS)) transactions. PgBouncer: session pool, SCRAM, plaintext."
echo
echo "| proxy | instructions/tx | own code | libevent | libc | other |"
echo "|---|---|---|---|---|---|"
TOPS=()

# PgBouncer, in the foreground under callgrind (pgbouncer.sh's configuration, not daemonised).
pgbouncer_start "$DIR"
pgbouncer_stop
sed -i '/^logfile/d; /^pidfile/d' "$DIR/pgbouncer/pgbouncer.ini"
"${AS_PGB[@]}" valgrind --tool=callgrind --callgrind-out-file="$DIR/out/callgrind.out.%p" \
    pgbouncer "$DIR/pgbouncer/pgbouncer.ini" >"$DIR/pgbouncer-vg.log" 2>&1 &
wait_port "$PGB_PORT"
VG_PID=$(pgrep -f "^[^ ]*valgrind.bin .*$DIR/pgbouncer/pgbouncer.ini" | head -1)
measure PgBouncer "$PGB_PORT" "${AS_PGB[@]}"
kill -TERM "$VG_PID"
VG_PID=

# Each cutoverd, under callgrind beside the stack's own: the stack's configuration on a port of
# its own, without the admin listeners the stack's cutoverd holds.
for b in "${BINARIES[@]}"; do
    port=$(free_port)
    sed -e "s#^listen = .*#listen = 127.0.0.1:$port#" -e '/^deploy_listen/d; /^previous_listen/d; /^http_listen/d' \
        -e "s#^socket = .*#socket = $DIR/admin-vg.sock#" "$DIR/stack/cutover.ini" >"$DIR/vg.ini"
    valgrind --tool=callgrind --callgrind-out-file="$DIR/out/callgrind.out.%p" \
        "$b" -c "$DIR/vg.ini" >"$DIR/cutoverd-vg.log" 2>&1 &
    VG_PID=$!
    wait_port "$port"
    measure "cutoverd $b" "$port"
    kill -TERM "$VG_PID"
    wait "$VG_PID" 2>/dev/null || true
    VG_PID=
done
echo
((${#TOPS[@]})) && printf '%s\n' "${TOPS[@]}"
exit 0
