#!/usr/bin/env bash
# tps_ab.sh: pgbench throughput through several cutoverd binaries in turn, on one stack, so that
# before/after pairs are measured in the same minutes (a machine whose speed drifts shows as the
# same binary's figure moving from one turn to the next; alternate the binaries to see it).
#
#   bench/tps_ab.sh BINARY...                 e.g. bench/tps_ab.sh /tmp/before build/cutoverd /tmp/before build/cutoverd
#   ARGS='-S -M prepared' CLIENTS=8 SECONDS_PER_RUN=10 TLS=disable|require
#
# For each binary: `tests/stack restart-proxy` with it, a 3 s warm-up, then
# pgbench -n $ARGS -c $CLIENTS -j 2 -T $SECONDS_PER_RUN through it; prints "binary TPS" per turn.
# The stack's server side is plaintext ([backend] sslmode = disable), pgbench's tables scale 10.
set -euo pipefail
cd "$(dirname "$0")/.."
(($#)) || { sed -n '2,10p' "$0"; exit 2; }
ARGS=${ARGS:--f bench/pipeline_select.sql -M prepared -s 10}
CLIENTS=${CLIENTS:-8}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
TLS=${TLS:-disable}
read -ra PGB_ARGS <<<"$ARGS"

DIR=$(mktemp -d /tmp/cutover-tpsab.XXXXXX)
chmod 755 "$DIR"
cleanup() {
    tests/stack down "$DIR/stack" >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT
printf '[backend]\nsslmode = disable\n' >"$DIR/cutover.ini"
CUTOVERD=$1 tests/stack up "$DIR/stack" --config "$DIR/cutover.ini" >/dev/null 2>&1
# shellcheck disable=SC1091
source "$DIR/stack/env"
export PGUSER=$PG_USER PGPASSWORD=$PG_PASSWORD PGDATABASE=$PG_DB PGHOST=127.0.0.1
PGPORT=$PG_PORT PGSSLMODE=disable pgbench -i -q -s 10 >/dev/null 2>&1

echo "pgbench -n $ARGS -c $CLIENTS -j 2 -T $SECONDS_PER_RUN, PGSSLMODE=$TLS, $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
for bin in "$@"; do
    bin=$(realpath "$bin")
    CUTOVERD=$bin tests/stack restart-proxy "$DIR/stack" >/dev/null 2>&1
    # shellcheck disable=SC1091
    source "$DIR/stack/env"
    PGPORT=$PROXY_PORT PGSSLMODE=$TLS pgbench -n "${PGB_ARGS[@]}" -c "$CLIENTS" -j 2 -T 3 >/dev/null 2>&1
    tps=$(PGPORT=$PROXY_PORT PGSSLMODE=$TLS pgbench -n "${PGB_ARGS[@]}" -c "$CLIENTS" -j 2 -T "$SECONDS_PER_RUN" 2>&1 |
        awk '/^tps/ { printf "%.0f", $3 }')
    echo "$bin ${tps:-failed}"
done
