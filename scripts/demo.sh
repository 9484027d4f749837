#!/usr/bin/env bash
# demo.sh: THE main job. Installs dependencies, builds cutover, and runs a live blue/green
# cutover on the embedded default backend (the Materialize emulator, in a throw-away stack:
# PostgreSQL + emulator + cutoverd, all on 127.0.0.1 under a temp dir), then stops everything.
#
#   scripts/demo.sh                  install, build, run the demo (~1 minute once built)
#   SKIP_BUILD=1 scripts/demo.sh     use the binaries already built
#   CUTOVERD=... CUTOVERCTL=...      other binaries (default build/cutoverd, build/cutoverctl)
#   KEEP=1 scripts/demo.sh           leave the stack running (prints how to stop it)
#
# What it shows: a client queries the production route once a second on ONE connection while
# `cutoverctl deploy init` creates the _dbt_deploy twins, a new version of a view is built there
# (as `dbt run --vars 'deploy: True'` would), checked through the deploy route under its
# production name, awaited, promoted (cutoverd holds traffic during the swap and reports the
# pause) and cleaned up. The client sees the new data without reconnecting and without errors,
# and a SUBSCRIBE stream opened before the promote is carried over to the new environment.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CUTOVERD=${CUTOVERD:-$ROOT/build/cutoverd}
CUTOVERCTL=${CUTOVERCTL:-$(dirname "$CUTOVERD")/cutoverctl}
PY=/usr/bin/python3

step=0
say() { step=$((step + 1)); printf '\n\033[1m== %d. %s\033[0m\n' "$step" "$*"; }

STACK_DIR=
CLIENT_PID=
SUB_PID=
teardown() {
    local rc=$?
    if [[ -n $SUB_PID ]] && kill -0 "$SUB_PID" 2>/dev/null; then
        kill -TERM "$SUB_PID" 2>/dev/null || true
        for _ in $(seq 30); do kill -0 "$SUB_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$SUB_PID" 2>/dev/null || true
    fi
    if [[ -n $CLIENT_PID ]] && kill -0 "$CLIENT_PID" 2>/dev/null; then
        kill -TERM "$CLIENT_PID" 2>/dev/null || true
        for _ in $(seq 30); do kill -0 "$CLIENT_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$CLIENT_PID" 2>/dev/null || true
    fi
    if [[ -n $STACK_DIR && -z ${KEEP:-} ]]; then
        printf '\n\033[1m== stopping the stack\033[0m\n'
        timeout 60 tests/stack down "$STACK_DIR" >/dev/null 2>&1 || true
        rm -rf "$STACK_DIR" "$STACK_DIR.ini"
    elif [[ -n $STACK_DIR ]]; then
        echo "stack left running: tests/stack down $STACK_DIR"
    fi
    exit "$rc"
}
trap teardown EXIT
trap 'exit 130' INT TERM

deps() {
    say "installing dependencies"
    scripts/install-deps.sh
}

build() {
    say "building cutoverd and cutoverctl"
    scripts/build.sh
}

# sql PORT STATEMENT...: runs each statement on 127.0.0.1:PORT (autocommit) and prints the rows.
sql() {
    local port=$1
    shift
    "$PY" - "$port" "$MZ_USER" "$MZ_DB" "$@" <<'PY'
import sys
import psycopg
port, user, db, stmts = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
with psycopg.connect("host=127.0.0.1 port=%s user=%s dbname=%s sslmode=disable "
                     "connect_timeout=10" % (port, user, db), autocommit=True) as c:
    for s in stmts:
        cur = c.execute(s)
        if cur.description:
            names = [d.name for d in cur.description]
            for row in cur.fetchall():
                print("    " + "  ".join("%s=%s" % kv for kv in zip(names, row)))
PY
}

ctl() { "$CUTOVERCTL" -s "$ADMIN_SOCKET" "$@"; }

stack_up() {
    say "starting PostgreSQL + the Materialize emulator + cutoverd"
    STACK_DIR=$(mktemp -d /tmp/cutover-demo.XXXXXX)
    chmod 755 "$STACK_DIR"
    printf '[deployment]\nschemas = analytics\nclusters = compute\n' >"$STACK_DIR.ini"
    CUTOVERD=$CUTOVERD tests/stack up "$STACK_DIR" --backend materialize \
        --config "$STACK_DIR.ini" 2>&1 | sed 's/^/    /'
    # shellcheck disable=SC1091
    source "$STACK_DIR/env"
    echo "    production route :$PROXY_PORT   deploy route :$DEPLOY_PORT   admin $ADMIN_SOCKET"
}

production() {
    say "production (blue): analytics.order_totals on cluster compute = sum of quantities"
    sql "$MZ_PORT" \
        "CREATE TABLE public.orders (item text, qty int, price int)" \
        "INSERT INTO public.orders VALUES ('widget', 3, 10), ('gadget', 5, 7), ('widget', 2, 10)" \
        "CREATE SCHEMA analytics" \
        "CREATE CLUSTER compute SIZE = '25cc'" \
        "CREATE MATERIALIZED VIEW analytics.order_totals IN CLUSTER compute AS
             SELECT item, sum(qty)::int AS total, 'v1 quantity' AS version
             FROM public.orders GROUP BY item"
    echo "    (public.orders is the source; only schema analytics and cluster compute deploy)"
}

start_client() {
    say "a client queries the production route once a second, on one connection"
    "$PY" -u - "$PROXY_PORT" "$MZ_USER" "$MZ_DB" "$STACK_DIR/client.summary" <<'PY' &
import signal, sys, time
import psycopg
port, user, db, summary = sys.argv[1:5]
stats = {"queries": 0, "errors": 0, "versions": []}
def bye(*_):
    line = "%d queries, %d errors, 1 connection, versions seen in order: %s" % (
        stats["queries"], stats["errors"], " -> ".join(stats["versions"]) or "none")
    print("    client | " + line, flush=True)
    with open(summary, "w") as f:
        f.write("errors=%d versions=%s\n" % (stats["errors"], ",".join(stats["versions"])))
    sys.exit(0)
conn = psycopg.connect("host=127.0.0.1 port=%s user=%s dbname=%s sslmode=disable "
                       "application_name=demo-client" % (port, user, db), autocommit=True)
signal.signal(signal.SIGTERM, bye)
last = None
while True:
    try:
        rows = conn.execute("SELECT item, total, version FROM analytics.order_totals "
                            "ORDER BY item").fetchall()
        stats["queries"] += 1
        for v in sorted({r[2] for r in rows}):
            if not stats["versions"] or stats["versions"][-1] != v:
                stats["versions"].append(v)
        seen = "%s: %s" % (rows[0][2] if rows else "-",
                           ", ".join("%s=%s" % (r[0], r[1]) for r in rows))
        mark = "" if seen == last else "   <- changed" if last else ""
        print("    client | %s %s%s" % (time.strftime("%H:%M:%S"), seen, mark), flush=True)
        last = seen
    except psycopg.Error as e:
        stats["errors"] += 1
        print("    client | ERROR %s: %s" % (e.sqlstate, str(e).splitlines()[0]), flush=True)
    time.sleep(1.0)
PY
    CLIENT_PID=$!
    sleep 2.2
}

start_subscriber() {
    say "a second client SUBSCRIBEs to analytics.order_totals through the proxy (COPY form)"
    "$PY" -u - "$PROXY_PORT" "$MZ_USER" "$MZ_DB" "$STACK_DIR/subscriber.summary" <<'PY' &
import signal, sys
import psycopg
port, user, db, summary = sys.argv[1:5]
state = {}  # (item, total, version) -> count: the sum of every diff received
errors = []
def bye(*_):
    rows = sorted(k for k, n in state.items() if n)
    held = ", ".join("%s=%s (%s)" % r for r in rows) or "nothing"
    print("    subscriber | %d error(s); the stream's accumulated result now: %s"
          % (len(errors), held), flush=True)
    with open(summary, "w") as f:
        f.write("errors=%d versions=%s\n" % (len(errors), ",".join(sorted({r[2] for r in rows}))))
    sys.exit(0)
signal.signal(signal.SIGTERM, bye)
conn = psycopg.connect("host=127.0.0.1 port=%s user=%s dbname=%s sslmode=disable "
                       "application_name=demo-subscriber" % (port, user, db), autocommit=True)
try:
    with conn.cursor().copy("COPY (SUBSCRIBE analytics.order_totals) TO STDOUT") as copy:
        for ts, diff, item, total, version in copy.rows():
            key = (item, total, version)
            state[key] = state.get(key, 0) + int(diff)
            print("    subscriber | ts %s  %+d  %s=%s (%s)" % (ts, int(diff), item, total, version),
                  flush=True)
except psycopg.Error as e:
    errors.append(e)
    print("    subscriber | ERROR %s: %s" % (e.sqlstate, str(e).splitlines()[0]), flush=True)
    signal.pause()
PY
    SUB_PID=$!
    sleep 1.5
}

deploy_init() {
    say "cutoverctl deploy init: create analytics_dbt_deploy and compute_dbt_deploy"
    ctl deploy init | grep -E '^(# running: CREATE|initialized)' |
        sed 's/^# /    /; s/^initialized/    initialized/'
}

build_new_version() {
    say "build v2 in analytics_dbt_deploy IN CLUSTER compute_dbt_deploy (revenue, not quantity)"
    sql "$MZ_PORT" \
        "CREATE MATERIALIZED VIEW analytics_dbt_deploy.order_totals IN CLUSTER compute_dbt_deploy AS
             SELECT item, sum(qty * price)::int AS total, 'v2 revenue' AS version
             FROM public.orders GROUP BY item"
    say "validate through the deploy route, with the PRODUCTION names"
    echo "    SELECT * FROM analytics.order_totals  -- on :$DEPLOY_PORT"
    sql "$DEPLOY_PORT" "SELECT item, total, version FROM analytics.order_totals ORDER BY item"
}

await_and_promote() {
    say "cutoverctl deploy await: wait until compute_dbt_deploy is hydrated and caught up"
    ctl deploy await --poll-interval 500ms --timeout 60s | grep -E '^(# await:|ready)' |
        sed 's/^# /    /; s/^ready/    ready/'
    say "cutoverctl deploy promote: hold traffic, swap in one transaction, switch routing"
    ctl deploy promote | grep -E '^(# swap:|promote committed)' |
        sed 's/^# /    /; s/^promote/    promote/'
    sleep 2.5
}

cleanup_and_status() {
    say "cutoverctl deploy cleanup: drop the old environment (now under the _dbt_deploy names)"
    ctl deploy cleanup | grep -E '^# running: DROP' | sed 's/^# /    /'
    say "a new order arrives: the carried-over stream keeps flowing from the new environment"
    sql "$MZ_PORT" "INSERT INTO public.orders VALUES ('gizmo', 1, 99)"
    sleep 1.5
    say "cutoverctl status"
    ctl status | grep -E '^(state|explanation|generation|route_)' | sed 's/^/    /'
    kill -TERM "$CLIENT_PID" 2>/dev/null || true
    wait "$CLIENT_PID" 2>/dev/null || true
    CLIENT_PID=
    kill -TERM "$SUB_PID" 2>/dev/null || true
    wait "$SUB_PID" 2>/dev/null || true
    SUB_PID=
}

[[ -n ${SKIP_BUILD:-} ]] || deps
[[ -n ${SKIP_BUILD:-} ]] || build
for b in "$CUTOVERD" "$CUTOVERCTL"; do
    [[ -x $b ]] || { echo "demo.sh: $b is missing (run scripts/build.sh)" >&2; exit 1; }
done
stack_up
production
start_client
start_subscriber
deploy_init
build_new_version
await_and_promote
cleanup_and_status
summary=$(cat "$STACK_DIR/client.summary" 2>/dev/null || echo "missing")
sub=$(cat "$STACK_DIR/subscriber.summary" 2>/dev/null || echo "missing")
if [[ $summary != "errors=0 versions=v1 quantity,v2 revenue" ]]; then
    say "FAILED: the client's view was not v1 then v2 without errors ($summary)"
    exit 1
elif [[ $sub != "errors=0 versions=v2 revenue" ]]; then
    say "FAILED: the subscriber's stream does not hold exactly v2 without errors ($sub)"
    exit 1
fi
say "done: the client saw v1, then v2, on one connection; the SUBSCRIBE stream was carried
    over at the swap (v1 rows retracted, v2 rows added at one timestamp) and survived cleanup"

