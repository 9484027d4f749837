#!/usr/bin/env bash
# pgbench_compare.sh: one side-by-side run of pgbench against PostgreSQL 15 directly, through
# PgBouncer and through cutoverd, all three in the same run against the same server (issue 16).
#
# The matrix: scripts select-only (-S), tpcb-like (the default script) and pipeline
# (bench/pipeline_select.sql: ten selects in one \startpipeline ... \endpipeline); query modes
# simple, extended, prepared (pipeline: extended and prepared only, pgbench requires it); 8 and 64
# clients; clients with TLS (sslmode=require: the TLS libpq's default "prefer" picks) and without
# (sslmode=disable). Every server-side connection is plaintext; authentication is SCRAM.
# PgBouncer runs in session mode with default_pool_size = 120, auth_type scram-sha-256, TLS to
# clients with the stack's proxy certificate (client_tls_sslmode = prefer), plaintext to the server.
#
# Per cell it prints the TPS of direct, PgBouncer and cutoverd, the ratios cutoverd/PgBouncer,
# cutoverd/direct and direct/PgBouncer (what no proxy can exceed on a plaintext cell), each
# proxy's CPU time per transaction (user + kernel, from /proc/PID/stat around the run) and its
# syscalls per transaction (perf's syscall tracepoints counted on the proxy process during the same
# run; strace -c -f in a separate short pass where perf cannot), then a
# per-syscall breakdown, a Unix-socket table (both proxies on their Unix socket against the TCP
# figures of the same run, plaintext), and cutoverd's memory with 1,000 idle clients. Output is
# Markdown, saved to bench/results/pgbench-<date>.txt (not committed: bench/results/ is ignored).
#
#   bench/pgbench_compare.sh                   full matrix, 25-35 minutes at -T 10 (connecting adds up)
#   SECONDS_PER_RUN=2 bench/pgbench_compare.sh   the whole matrix quickly, to check the script
#   MATRIX=quick                               select-only and pipeline, prepared, only
#   CELLS='pipeline/.*/64/.*'                  only the cells whose script/mode/clients/tls
#                                              name matches this extended regex
#   SYSCALLS=auto|perf|strace|off              how syscalls are counted (auto: perf if usable)
#   STRACE_SECONDS=2                           length of each strace pass
#   UNIX=off                                   skip the Unix-socket table
#   CONNECT_SECONDS=N                          added to each run for connecting (default: the
#                                              last connection time; TPS excludes it)
#   IDLE_CLIENTS=1000 (0: skip)  SCALE=10      CUTOVERD=path/to/cutoverd (default build/cutoverd)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
T=${SECONDS_PER_RUN:-10}
IDLE=${IDLE_CLIENTS:-1000}
SCALE=${SCALE:-10}
MATRIX=${MATRIX:-full}
CELLS=${CELLS:-}
SYSCALLS=${SYSCALLS:-auto}
STRACE_SECONDS=${STRACE_SECONDS:-2}
UNIX=${UNIX:-on}
export CUTOVERD=${CUTOVERD:-$ROOT/build/cutoverd}
case $MATRIX in full | quick) ;; *) echo "MATRIX must be full or quick" >&2; exit 2 ;; esac
mkdir -p bench/results
OUT=bench/results/pgbench-$(date -u +%Y%m%d-%H%M%S).txt
exec > >(tee "$OUT") 2>&1

ulimit -n $((IDLE * 3 + 1024)) 2>/dev/null || ulimit -n "$(ulimit -Hn)"
DIR=$(mktemp -d /tmp/cutover-bench.XXXXXX)
chmod 755 "$DIR"
# shellcheck source=bench/pgbouncer.sh
source "$ROOT/bench/pgbouncer.sh"
COUNTER_PID= # the perf or strace that run attached to a proxy (it ends with the proxy anyway)
cleanup() {
    pgbouncer_stop
    tests/stack down "$DIR/stack" >/dev/null 2>&1 || true
    [[ -n ${KEEP_DIR:-} ]] || rm -rf "$DIR"
}
trap cleanup EXIT

# ---------------------------------------------------------------- the cells
# A cell is "script/mode/clients/tls".
ALL_CELLS=()
for script in select-only tpcb-like pipeline; do
    for mode in simple extended prepared; do
        [[ $script == pipeline && $mode == simple ]] && continue # pgbench: no pipeline in simple
        if [[ $MATRIX == quick && ($mode != prepared || $script == tpcb-like) ]]; then continue; fi
        for c in 8 64; do
            for tls in tls plain; do
                cell="$script/$mode/$c/$tls"
                [[ -n $CELLS && ! $cell =~ ^($CELLS)$ ]] && continue
                ALL_CELLS+=("$cell")
            done
        done
    done
done
if ((${#ALL_CELLS[@]} == 0)); then
    echo "no cell matches MATRIX=$MATRIX CELLS='$CELLS'" >&2
    exit 2
fi

# ---------------------------------------------------------------- the servers
# Plaintext to PostgreSQL, as PgBouncer's and the direct runs are: the comparison is the relay.
mkdir -p "$DIR/cutsock"
cat >"$DIR.ini" <<INI
[proxy]
max_client_conn = $((IDLE + 200))
unix_socket_dir = $DIR/cutsock
[backend]
sslmode = disable
INI
tests/stack up "$DIR/stack" --config "$DIR.ini" --pg-max-connections $((IDLE + 200))
rm -f "$DIR.ini"
# shellcheck disable=SC1091
source "$DIR/stack/env"

# PgBouncer, session mode, SCRAM to both sides (as cutoverd relays it), TLS to clients with the
# certificate the stack made for cutoverd, as the unprivileged user.
pgbouncer_start "$DIR" "$DIR/pgbsock"

export PGUSER=$PG_USER PGPASSWORD=$PG_PASSWORD PGDATABASE=$PG_DB PGHOST=127.0.0.1
# Each side must really speak TLS when asked to (require fails rather than fall back).
for port in "$PG_PORT" "$PGB_PORT" "$PROXY_PORT"; do
    PGPORT=$port PGSSLMODE=require psql -X -Atqc 'SELECT 1' >/dev/null
done

# ---------------------------------------------------------------- syscall counting
PERF_EVENTS=raw_syscalls:sys_enter
SYSCALL_NAMES="read readv recvfrom write writev sendto ioctl epoll_wait epoll_pwait epoll_ctl"
for s in $SYSCALL_NAMES; do PERF_EVENTS+=",syscalls:sys_enter_$s"; done
if [[ $SYSCALLS == auto ]]; then
    SYSCALLS=off
    if perf stat -e "$PERF_EVENTS" -- true >/dev/null 2>&1; then
        SYSCALLS=perf
    elif command -v strace >/dev/null; then
        SYSCALLS=strace
    fi
fi

echo "## cutover pgbench comparison, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "- cutoverd: $CUTOVERD ($(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo 'no git'))"
echo "- $(pgbench --version), $(pgbouncer --version | head -1), PostgreSQL $(PGPORT=$PG_PORT psql -X -Atqc 'SHOW server_version')"
echo "- pgbench -T $T -j 2, scale $SCALE; MATRIX=$MATRIX${CELLS:+ CELLS=$CELLS}; syscalls counted with: $SYSCALLS"
echo "- PgBouncer: session pool, default_pool_size 120, SCRAM, client TLS prefer; cutoverd: [backend] sslmode = disable"
echo "- tls: clients sslmode=require; plain: sslmode=disable; every server-side connection plaintext"
for who in "direct $PG_PORT" "PgBouncer $PGB_PORT" "cutoverd $PROXY_PORT"; do
    read -r name port <<<"$who"
    echo "- $name TLS: $(openssl s_client -starttls postgres -connect "127.0.0.1:$port" </dev/null 2>/dev/null |
        awk '/^New,/ { sub(/^New, /, ""); print; exit }')"
done
PGPORT=$PG_PORT PGSSLMODE=disable pgbench -i -q -s "$SCALE" >/dev/null 2>&1

# cpu_ticks PID: user and system clock ticks a process has used so far ("0 0" when it is gone).
cpu_ticks() {
    awk '{ print $14, $15 }' "/proc/$1/stat" 2>/dev/null || echo "0 0"
}

# pgbench_args SCRIPT MODE CLIENTS SECONDS CONNECT: the pgbench command line for a cell, CONNECT
# seconds longer than SECONDS (see connect_allowance).
pgbench_args() {
    local a=(-n -T "$(($4 + $5))" -M "$2" -c "$3" -j 2)
    case $1 in
        select-only) a+=(-S) ;;
        tpcb-like) ;;
        pipeline) a+=(-s "$SCALE" -f "$ROOT/bench/pipeline_select.sql") ;; # :scale for the script
    esac
    printf '%s\n' "${a[@]}"
}

# connect_allowance KEY CLIENTS: seconds to add to a run for connecting. pgbench's -T includes
# connecting, which (a new server process, SCRAM and TLS per client) took 9 s for 64 clients on
# the loaded 2-core machine: without the allowance little or nothing of the run is measured. The
# TPS pgbench reports excludes the connection time. The allowance is the last connection time seen
# for the same KEY (server, clients, TLS), rounded up, plus 1 s; 1 s per 16 clients the first time;
# CONNECT_SECONDS fixes it.
connect_allowance() {
    local f=$DIR/connect.$1 ms
    if [[ -n ${CONNECT_SECONDS:-} ]]; then
        echo "$CONNECT_SECONDS"
    elif [[ -s $f ]]; then
        ms=$(cat "$f")
        echo $(((ms + 999) / 1000 + 1))
    else
        echo $((($2 + 15) / 16))
    fi
}

# perf_counts FILE: "name count" per syscall event of a perf stat -x, output, total as "all".
perf_counts() {
    awk -F, '$3 == "raw_syscalls:sys_enter" { print "all", $1 }
             $3 ~ /^syscalls:sys_enter_/ { sub("syscalls:sys_enter_", "", $3); print $3, $1 }' "$1"
}

# strace_counts FILE: the same from an strace -c summary.
strace_counts() {
    awk '$NF == "total" { print "all", $4 } # calls is the 4th column, errors may be empty
         $1 ~ /^[0-9.]+$/ && NF >= 5 && $NF != "total" { print $NF, $4 }' "$1"
}

# run HOST PORT CELL [PID]: one pgbench run; prints "tps user_us sys_us syscalls_file", the
# middle two being the CPU time PID (the proxy in the middle, if any) spent per transaction, user
# and kernel, and the file holding "name per-transaction" syscall counts (or "-").
run() {
    local host=$1 port=$2 cell=$3 pid=${4:-} script mode c tls sslmode before after out rc
    IFS=/ read -r script mode c tls <<<"$cell"
    sslmode=disable
    [[ $tls == tls ]] && sslmode=require
    local -a args
    local key="${port}_${c}_$tls" connect
    connect=$(connect_allowance "$key" "$c")
    mapfile -t args < <(pgbench_args "$script" "$mode" "$c" "$T" "$connect")
    local counts raw # run is called in a subshell: unique names, not a counter
    counts=$(mktemp "$DIR/counts.XXXXXX")
    raw=$(mktemp "$DIR/raw.XXXXXX")
    if [[ -n $pid && $SYSCALLS == perf ]]; then
        perf stat -x, -o "$raw" -e "$PERF_EVENTS" -p "$pid" >/dev/null 2>&1 &
        COUNTER_PID=$!
        sleep 0.3 # attached before the clients connect
    fi
    before=$([[ -n $pid ]] && cpu_ticks "$pid" || echo "0 0")
    rc=0
    out=$(PGHOST=$host PGPORT=$port PGSSLMODE=$sslmode pgbench "${args[@]}" 2>&1) || rc=$?
    after=$([[ -n $pid ]] && cpu_ticks "$pid" || echo "0 0")
    if [[ -n $COUNTER_PID ]]; then
        kill -INT "$COUNTER_PID" 2>/dev/null || true
        wait "$COUNTER_PID" 2>/dev/null || true
        COUNTER_PID=
    fi
    if ((rc != 0)); then
        echo "pgbench failed (exit $rc) for $cell on $host:$port:" >&2
        grep -iE 'error|fatal|abort' <<<"$out" | head -5 >&2
    fi
    local n
    n=$(awk '/^number of transactions actually processed:/ { print $6 }' <<<"$out")
    n=${n:-0}
    awk '/^initial connection time = / { printf "%d\n", $5 }' <<<"$out" >"$DIR/connect.$key"
    if ((rc == 0 && n == 0)); then
        echo "no transaction measured for $cell on $host:$port: connecting took the whole run" \
            "(the next run allows for it; or set CONNECT_SECONDS)" >&2
    fi
    if [[ -n $pid && $SYSCALLS == strace ]]; then
        # A separate short pass: strace slows the proxy down far too much to share the timed run.
        mapfile -t args < <(pgbench_args "$script" "$mode" "$c" "$STRACE_SECONDS" "$connect")
        strace -c -f -q -o "$raw" -p "$pid" &
        COUNTER_PID=$!
        sleep 0.5
        local sout sn
        sout=$(PGHOST=$host PGPORT=$port PGSSLMODE=$sslmode pgbench "${args[@]}" 2>&1) || true
        kill -INT "$COUNTER_PID" 2>/dev/null || true
        wait "$COUNTER_PID" 2>/dev/null || true
        COUNTER_PID=
        sn=$(awk '/^number of transactions actually processed:/ { print $6 }' <<<"$sout")
        strace_counts "$raw" | awk -v n="${sn:-0}" '{ printf "%s %.2f\n", $1, (n > 0 ? $2 / n : 0) }' >"$counts"
    elif [[ -n $pid && $SYSCALLS == perf ]]; then
        perf_counts "$raw" | awk -v n="$n" '{ printf "%s %.2f\n", $1, (n > 0 ? $2 / n : 0) }' >"$counts"
    else
        counts=-
    fi
    awk -v b="$before" -v a="$after" -v hz="$(getconf CLK_TCK)" -v n="$n" -v f="$counts" '
        /^tps = .*without initial connection time/ { tps = $3 }
        END {
            split(b, x, " "); split(a, y, " ")
            u = n > 0 ? (y[1] - x[1]) * 1e6 / hz / n : 0
            s = n > 0 ? (y[2] - x[2]) * 1e6 / hz / n : 0
            printf "%s %.1f %.1f %s\n", (tps == "" ? 0 : tps), u, s, f
        }' <<<"$out"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "n/a" }'; }
# syscall FILE NAME: per-transaction count of one syscall ("-" when not counted).
syscall() {
    [[ $1 == - ]] && { echo -; return; }
    awk -v k="$2" '$1 == k { v = $2 } END { print (v == "" ? "0" : v) }' "$1"
}

# ---------------------------------------------------------------- the matrix
declare -A TCP_TPS TCP_CPU TCP_SYS
BREAKDOWN=()
echo
echo "### TPS, CPU and syscalls per transaction (TCP loopback)"
echo
echo "| script | mode | clients | client TLS | direct TPS | PgBouncer TPS | cutoverd TPS | cutoverd / PgBouncer | cutoverd / direct | direct / PgBouncer | PgBouncer us/tx u+s | cutoverd us/tx u+s | PgBouncer syscalls/tx | cutoverd syscalls/tx |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for cell in "${ALL_CELLS[@]}"; do
    IFS=/ read -r script mode c tls <<<"$cell"
    read -r d _ _ _ < <(run 127.0.0.1 "$PG_PORT" "$cell")
    read -r b bu bs bf < <(run 127.0.0.1 "$PGB_PORT" "$cell" "$PGB_PID")
    read -r p pu ps pf < <(run 127.0.0.1 "$PROXY_PORT" "$cell" "$CUTOVERD_PID")
    printf '| %s | %s | %d | %s | %.0f | %.0f | %.0f | %s | %s | %s | %s | %s | %s | %s |\n' \
        "$script" "$mode" "$c" "$tls" "$d" "$b" "$p" "$(ratio "$p" "$b")" "$(ratio "$p" "$d")" \
        "$(ratio "$d" "$b")" "$bu+$bs" "$pu+$ps" "$(syscall "$bf" all)" "$(syscall "$pf" all)"
    TCP_TPS[$cell]="$b $p"
    TCP_CPU[$cell]="$bu+$bs $pu+$ps"
    TCP_SYS[$cell]="$(syscall "$bf" all) $(syscall "$pf" all)"
    row="| $cell |"
    for f in "$bf" "$pf"; do
        for s in all $SYSCALL_NAMES; do row+=" $(syscall "$f" "$s") |"; done
    done
    BREAKDOWN+=("$row")
done
echo
echo "(us/tx: CPU time of the proxy process per transaction, user + kernel, from /proc/PID/stat;"
echo "syscalls/tx: every syscall the proxy process entered during the run, over its transactions."
echo "Both include the clients' connection setup, the same for both proxies. A pipeline"
echo "transaction is ten selects. direct / PgBouncer is the ceiling of cutoverd / PgBouncer on"
echo "plaintext cells: a proxy adds its own work to the same client and server work, on the same cores.)"

if [[ $SYSCALLS != off ]]; then
    echo
    echo "### Syscalls per transaction, by syscall (PgBouncer, then cutoverd)"
    echo
    hdr="| cell |"
    sep="|---|"
    for who in pgb cut; do
        for s in all $SYSCALL_NAMES; do hdr+=" $who $s |"; sep+="---|"; done
    done
    echo "$hdr"
    echo "$sep"
    printf '%s\n' "${BREAKDOWN[@]}"
fi

# ---------------------------------------------------------------- Unix sockets
if [[ $UNIX == on ]]; then
    UNIX_CELLS=()
    for cell in "${ALL_CELLS[@]}"; do
        case $cell in select-only/prepared/*/plain | pipeline/prepared/*/plain) UNIX_CELLS+=("$cell") ;; esac
    done
    if ((${#UNIX_CELLS[@]} > 0)); then
        echo
        echo "### Unix-domain socket against TCP loopback (plaintext; TCP figures from the table above)"
        echo
        echo "| script | mode | clients | PgBouncer TCP TPS | PgBouncer unix TPS | cutoverd TCP TPS | cutoverd unix TPS | cutoverd unix / PgBouncer unix | cutoverd unix / TCP | PgBouncer unix us/tx | cutoverd unix us/tx | PgBouncer unix syscalls/tx | cutoverd unix syscalls/tx |"
        echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
        for cell in "${UNIX_CELLS[@]}"; do
            IFS=/ read -r script mode c _ <<<"$cell"
            read -r b bu bs bf < <(run "$DIR/pgbsock" "$PGB_PORT" "$cell" "$PGB_PID")
            read -r p pu ps pf < <(run "$DIR/cutsock" "$PROXY_PORT" "$cell" "$CUTOVERD_PID")
            read -r tb tp <<<"${TCP_TPS[$cell]}"
            printf '| %s | %s | %d | %.0f | %.0f | %.0f | %.0f | %s | %s | %s | %s | %s | %s |\n' \
                "$script" "$mode" "$c" "$tb" "$b" "$tp" "$p" "$(ratio "$p" "$b")" \
                "$(ratio "$p" "$tp")" "$bu+$bs" "$pu+$ps" "$(syscall "$bf" all)" "$(syscall "$pf" all)"
        done
    fi
fi

if ((IDLE > 0)); then
    echo
    echo "### cutoverd memory with $IDLE idle clients (user u_trust, no TLS)"
    echo
    PGSSLMODE=disable /usr/bin/python3 bench/idle_clients.py "$PROXY_PORT" "$IDLE" u_trust "$PG_DB" "$CUTOVERD_PID"
fi
echo
echo "saved to $OUT"
