#!/usr/bin/env bash
# demo.sh: THE main job. Installs dependencies, builds cutoverd, starts a throw-away stack
# (PostgreSQL [+ the Materialize emulator] + cutoverd, all on 127.0.0.1 under a temp dir), shows a
# client going through cutoverd, and stops everything again.
#
#   scripts/demo.sh                     backend from $BACKEND (default below)
#   BACKEND=materialize scripts/demo.sh the emulated Materialize backend
#   KEEP=1 scripts/demo.sh              leave the stack running (prints how to stop it)
#
# The steps are functions so that later steps (a live blue/green cutover: deploy init, writes on
# the deploy route, promote while clients keep querying) slot in between `up` and `down`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# The one switch: which backend cutoverd fronts. Becomes "materialize" once the emulator is ready.
BACKEND=${BACKEND:-postgres}

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

STACK_DIR=
stack_down() {
    if [[ -n $STACK_DIR && -z ${KEEP:-} ]]; then
        say "stopping the stack"
        tests/stack down "$STACK_DIR" || true
        rm -rf "$STACK_DIR"
    elif [[ -n $STACK_DIR ]]; then
        say "stack left running: tests/stack down $STACK_DIR"
    fi
}
trap stack_down EXIT

deps() {
    say "installing dependencies"
    scripts/install-deps.sh
}

build() {
    say "building cutoverd"
    scripts/build.sh
}

stack_up() {
    local what="PostgreSQL"
    [[ $BACKEND == materialize ]] && what="PostgreSQL + the Materialize emulator"
    say "starting $what + cutoverd"
    STACK_DIR=$(mktemp -d /tmp/cutover-demo.XXXXXX)
    chmod 755 "$STACK_DIR"
    CUTOVERD=${CUTOVERD:-$ROOT/build/cutoverd} tests/stack up "$STACK_DIR" --backend "$BACKEND"
    # shellcheck disable=SC1091
    source "$STACK_DIR/env"
    if [[ $BACKEND == materialize ]]; then
        CLIENT_USER=$MZ_USER CLIENT_DB=$MZ_DB CLIENT_PASSWORD=
    else
        CLIENT_USER=$PG_USER CLIENT_DB=$PG_DB CLIENT_PASSWORD=$PG_PASSWORD
    fi
    echo "cutoverd pid $CUTOVERD_PID listening on $PROXY_HOST:$PROXY_PORT (log: $CUTOVERD_LOG)"
}

# proxied_psql ARGS...: psql through cutoverd's production listener, TLS verified against the
# stack's CA. channel_binding=disable: cutoverd terminates TLS and relays SCRAM, so there is no
# end-to-end channel to bind to; with libpq's default (prefer) a TLS client answers the stripped
# SCRAM-SHA-256-PLUS offer with a "y" GS2 flag, which PostgreSQL (offering PLUS on its own TLS
# link to cutoverd) rejects as a downgrade.
proxied_psql() {
    PGPASSWORD=$CLIENT_PASSWORD psql -X \
        "host=$PROXY_HOST port=$PROXY_PORT user=$CLIENT_USER dbname=$CLIENT_DB sslmode=verify-full sslrootcert=$TLS_CA channel_binding=disable application_name=demo" \
        "$@"
}

show_client() {
    say "psql -> cutoverd ($PROXY_HOST:$PROXY_PORT) -> $BACKEND"
    if [[ $BACKEND == materialize ]]; then
        proxied_psql -c 'SELECT mz_version()'
    else
        proxied_psql -c 'SELECT version()'
    fi
    if [[ $BACKEND == postgres ]]; then
        proxied_psql -c 'SELECT ssl AS backend_link_tls, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()'
    fi
    proxied_psql -v ON_ERROR_STOP=1 <<'SQL'
CREATE TABLE demo_orders (id int, item text, qty int);
INSERT INTO demo_orders VALUES (1, 'widget', 3), (2, 'gadget', 5);
SELECT item, qty FROM demo_orders ORDER BY id;
DROP TABLE demo_orders;
SQL
    say "an error keeps its SQLSTATE through the proxy"
    proxied_psql -v VERBOSITY=verbose -c 'SELECT 1/0' 2>&1 || true
    say "cutoverd's log (one line per connection)"
    tail -n 6 "$CUTOVERD_LOG"
}

# Later: blue/green steps (deploy_init, build on the deploy route, promote under load, cleanup)
# go here, between show_client and stack_down.

[[ -n ${SKIP_BUILD:-} ]] || deps
[[ -n ${SKIP_BUILD:-} ]] || build
stack_up
show_client
say "done"
