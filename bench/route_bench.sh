#!/usr/bin/env bash
# route_bench.sh: does a name map cost the production route anything? (issue 4)
#
# One stack (tests/stack, PostgreSQL) with [deployment] schemas = analytics, marts. pgbench
# -M simple and -M extended, -c 8, against:
#   direct       PostgreSQL itself
#   prod         cutoverd's production route, name map configured (identity map: never lexed)
#   prod-nomap   the production route after a SIGHUP reload without [deployment]
#   deploy       the deploy route (every Query/Parse is lexed by the rewriter)
# with two scripts: pgbench's built-in -S (public.pgbench_accounts: lexed on deploy, nothing to
# rename) and a qualified one (`analytics.pgbench_accounts`, renamed to
# analytics_dbt_deploy.pgbench_accounts on deploy; both copies exist). Then the lexer/rewriter
# throughput (lexer_bench) on tests/data/queries.sql, in MB/s. Prints median TPS and ratios and saves
# the output to bench/results/routes-<date>.txt.
#
#   bench/route_bench.sh                  about 5 minutes (3 rounds, 5 s per pgbench run)
#   ROUNDS=5 SECONDS_PER_RUN=10 SCALE=10  longer / bigger
#   CUTOVERD=... LEXER_BENCH=...          default build/cutoverd, build/lexer_bench
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
T=${SECONDS_PER_RUN:-5}
ROUNDS=${ROUNDS:-3}
SCALE=${SCALE:-5}
CLIENTS=${CLIENTS:-8}
export CUTOVERD=${CUTOVERD:-$ROOT/build/cutoverd}
LEXER_BENCH=${LEXER_BENCH:-$(dirname "$CUTOVERD")/lexer_bench}
CORPUS=${CORPUS:-$ROOT/tests/data/queries.sql}
mkdir -p bench/results
OUT=bench/results/routes-$(date -u +%Y%m%d-%H%M%S).txt
exec > >(tee "$OUT") 2>&1

DIR=$(mktemp -d /tmp/cutover-routebench.XXXXXX)
chmod 755 "$DIR"
cleanup() {
    tests/stack down "$DIR/stack" >/dev/null 2>&1 || true
    rm -rf "$DIR" "$DIR.ini"
}
trap cleanup EXIT

# Plaintext to PostgreSQL on both paths: the comparison is the relay and the rewriter.
cat >"$DIR.ini" <<INI
[backend]
sslmode = disable
dialect = postgres
[deployment]
schemas = analytics, marts
INI
tests/stack up "$DIR/stack" --config "$DIR.ini" >/dev/null
# shellcheck disable=SC1091
source "$DIR/stack/env"
export PGUSER=$PG_USER PGPASSWORD=$PG_PASSWORD PGDATABASE=$PG_DB PGHOST=127.0.0.1 PGSSLMODE=disable

echo "== cutover route benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores (shared: expect noise)"
echo "== cutoverd: $CUTOVERD ($(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo 'no git'))"
echo "== $(pgbench --version), -c $CLIENTS -j 2 -T $T, scale $SCALE, sslmode=disable both sides"
PGPORT=$PG_PORT pgbench -i -q -s "$SCALE" >/dev/null 2>&1
PGPORT=$PG_PORT psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE SCHEMA analytics;
CREATE SCHEMA analytics_dbt_deploy;
CREATE SCHEMA marts;
CREATE SCHEMA marts_dbt_deploy;
CREATE TABLE analytics.pgbench_accounts AS SELECT * FROM public.pgbench_accounts;
ALTER TABLE analytics.pgbench_accounts ADD PRIMARY KEY (aid);
CREATE TABLE analytics_dbt_deploy.pgbench_accounts AS SELECT * FROM public.pgbench_accounts;
ALTER TABLE analytics_dbt_deploy.pgbench_accounts ADD PRIMARY KEY (aid);
VACUUM ANALYZE;
SQL
NACC=$((SCALE * 100000))
cat >"$DIR/qualified.sql" <<'SQL'
\set aid random(1, :naccounts)
SELECT abalance FROM analytics.pgbench_accounts WHERE aid = :aid;
SQL

# The environment was built outside cutover (as dbt's deploy_init would): `status` re-reads the
# deployment state from the server, which opens the deploy route.
"$(dirname "$CUTOVERD")/cutoverctl" -s "$ADMIN_SOCKET" status >/dev/null
# The deploy route really rewrites: the same query answers from the other schema.
PGPORT=$PG_PORT psql -X -q -c "UPDATE analytics_dbt_deploy.pgbench_accounts SET abalance = 42 WHERE aid = 1"
got=$(PGPORT=$DEPLOY_PORT psql -X -At -c "SELECT abalance FROM analytics.pgbench_accounts WHERE aid = 1")
[[ $got == 42 ]] || { echo "deploy route did not rewrite (got '$got')"; exit 1; }

cpu_ticks() { # utime + stime of cutoverd, in clock ticks
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$CUTOVERD_PID/stat"
}
HZ=$(getconf CLK_TCK)
run() { # port mode script(-S or file) -> "TPS CPU" (CPU: cutoverd's CPU microseconds per
    # transaction during the run, 0 for direct); CPU time is less sensitive than TPS to the
    # other work on a shared machine
    local s=(-S) out t0 t1
    [[ $3 != -S ]] && s=(-f "$3" -D "naccounts=$NACC")
    t0=$(cpu_ticks)
    out=$(PGPORT=$1 pgbench -n "${s[@]}" -T "$T" -M "$2" -c "$CLIENTS" -j 2 2>&1)
    t1=$(cpu_ticks)
    awk -v t0="$t0" -v t1="$t1" -v hz="$HZ" -v direct="$(($1 == PG_PORT))" '
        /^number of transactions actually processed/ { n = $NF }
        /^tps = .*without initial connection time/ { tps = $3 }
        END { printf "%s %.2f\n", tps + 0, (direct || n == 0) ? 0 : (t1 - t0) * 1e6 / hz / n }' \
        <<<"$out"
}
ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN{ if (b > 0) printf "%.3f", a/b; else print "n/a" }'; }

reloads() { grep -c "SIGHUP: reloaded" "$CUTOVERD_LOG" || true; }
reload_with() { # the new [deployment] body ('' = none); waits for cutoverd to log the reload
    local before
    before=$(reloads)
    /usr/bin/python3 - "$CUTOVER_CONFIG" "$1" <<'PY'
import sys
path, body = sys.argv[1], sys.argv[2]
out, skip = [], False
for line in open(path).read().splitlines():
    s = line.strip()
    if s.startswith("[") and s.endswith("]"):
        skip = s == "[deployment]"
    if not skip:
        out.append(line)
if body:
    out += ["", "[deployment]", body]
open(path, "w").write("\n".join(out) + "\n")
PY
    kill -HUP "$CUTOVERD_PID"
    for _ in $(seq 100); do (($(reloads) > before)) && return 0; sleep 0.1; done
    echo "cutoverd did not reload"
    exit 1
}

# ROUNDS rounds, each: every target with the map configured, then a reload without
# [deployment] for prod-nomap, then the map back. The table shows each figure's median over
# the rounds, so that a burst of load from elsewhere on the machine skews one round only.
declare -A R C
collect() { # target port (uses $script and $mode)
    local r
    r=$(run "$2" "$mode" "$script")
    R[$1,$script,$mode]+=" ${r% *}"
    C[$1,$script,$mode]+=" ${r#* }"
}
for round in $(seq "$ROUNDS"); do
    for script in -S "$DIR/qualified.sql"; do
        for mode in simple extended; do
            collect direct "$PG_PORT"
            collect prod "$PROXY_PORT"
            collect deploy "$DEPLOY_PORT"
        done
    done
    reload_with ""
    if PGPORT=$DEPLOY_PORT psql -X -At -c "SELECT 1" >/dev/null 2>&1; then
        echo "deploy route still available without [deployment]"
        exit 1
    fi
    for script in -S "$DIR/qualified.sql"; do
        for mode in simple extended; do
            collect nomap "$PROXY_PORT"
        done
    done
    reload_with "schemas = analytics, marts"
    echo "round $round done"
done
median() { printf '%s\n' $1 | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0;
    else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo
echo "every run, TPS (rounds in order):"
for k in "${!R[@]}"; do echo "  ${k//$DIR\/qualified.sql/qualified}:${R[$k]}"; done | sort
echo "every run, cutoverd CPU us/transaction:"
for k in "${!C[@]}"; do echo "  ${k//$DIR\/qualified.sql/qualified}:${C[$k]}"; done | sort
echo
echo "median TPS over $ROUNDS rounds:"
printf '%-10s %-9s %10s %10s %11s %10s %11s %12s %12s\n' script mode direct prod \
    prod-nomap deploy prod/direct prod/nomap deploy/prod
for script in -S "$DIR/qualified.sql"; do
    name=select-S
    [[ $script != -S ]] && name=qualified
    for mode in simple extended; do
        d=$(median "${R[direct,$script,$mode]}") p=$(median "${R[prod,$script,$mode]}")
        n=$(median "${R[nomap,$script,$mode]}") x=$(median "${R[deploy,$script,$mode]}")
        printf '%-10s %-9s %10.0f %10.0f %11.0f %10.0f %11s %10s %12s\n' $name $mode "${d:-0}" \
            "${p:-0}" "${n:-0}" "${x:-0}" "$(ratio "$p" "$d")" "$(ratio "$p" "$n")" \
            "$(ratio "$x" "$p")"
    done
done
echo
echo "cutoverd CPU microseconds per transaction (median; lower is cheaper):"
printf '%-10s %-9s %10s %11s %10s %11s %12s\n' script mode prod prod-nomap deploy prod/nomap \
    deploy/prod
for script in -S "$DIR/qualified.sql"; do
    name=select-S
    [[ $script != -S ]] && name=qualified
    for mode in simple extended; do
        p=$(median "${C[prod,$script,$mode]}") n=$(median "${C[nomap,$script,$mode]}")
        x=$(median "${C[deploy,$script,$mode]}")
        printf '%-10s %-9s %10.2f %11.2f %10.2f %11s %12s\n' $name $mode "$p" "$n" "$x" \
            "$(ratio "$p" "$n")" "$(ratio "$x" "$p")"
    done
done
echo "(qualified on direct, prod and prod-nomap reads analytics.pgbench_accounts; on deploy the"
echo " proxy renames it to analytics_dbt_deploy.pgbench_accounts)"

echo
echo "== lexer / rewriter throughput: $LEXER_BENCH $CORPUS"
"$LEXER_BENCH" "$CORPUS"
echo
echo "saved to $OUT"
