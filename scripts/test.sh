#!/usr/bin/env bash
# test.sh: THE test command. Installs dependencies, builds, checks formatting, runs the unit and
# integration tests on the normal and on the ASan+UBSan build, and runs every libFuzzer target for
# a short fixed time. Every stage runs (a failure does not hide the next stage's result); the
# script exits non-zero if any stage failed and ends with "N passed, N failed".
#
#   scripts/test.sh            everything (about 40 minutes on 2 cores)
#   FUZZ_SECONDS=10            time per fuzz target (default 10: a regression pass over the seeds and a short search; longer campaigns run by hand)
#   SKIP_ASAN=1 SKIP_FUZZ=1    leave those stages out (local iteration only; CI runs all)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export FUZZ_SECONDS=${FUZZ_SECONDS:-10}

passed=0
failed=0
failures=()
t_start=$SECONDS

# stage NAME TIMEOUT_SECONDS COMMAND...: runs one stage with a time bound and records the result.
stage() {
    local name=$1 limit=$2
    shift 2
    local t0=$SECONDS
    echo
    echo "=== stage: $name"
    # Functions run in a child bash (timeout needs a program): they are exported below.
    timeout --kill-after=30 "$limit" bash -c '"$@"' stage "$@"
    local rc=$?
    local dt=$((SECONDS - t0))
    if ((rc == 0)); then
        passed=$((passed + 1))
        echo "=== stage: $name: ok (${dt}s)"
    else
        failed=$((failed + 1))
        failures+=("$name")
        [[ $rc == 124 ]] && echo "=== stage: $name: timed out after ${limit}s"
        echo "=== stage: $name: FAILED (exit $rc, ${dt}s)"
    fi
}

c_files() {
    find protocol proxy control tests bench -name '*.c' -o -name '*.h' 2>/dev/null | sort
}

format_check() {
    local files
    mapfile -t files < <(c_files)
    ((${#files[@]})) || return 0
    clang-format --dry-run -Werror "${files[@]}"
}

integration() { # $1 = cutoverd binary; $2 = "all" (default) or "cutoverd"
    local dirs=()
    [[ -d tests/integration ]] && dirs+=(tests/integration)
    if [[ ${2:-all} == all ]]; then
        [[ -d tests/emulator/tests ]] && dirs+=(tests/emulator/tests)
    else
        # The emulator's own tests exercise the Python emulator, not cutoverd: under the
        # sanitizers only the one that runs cutoverd (SCRAM through it) is worth its minutes.
        dirs+=(tests/emulator/tests/test_22_scram.py)
    fi
    ((${#dirs[@]})) || { echo "no integration test directories"; return 1; }
    CUTOVERD=$1 /usr/bin/python3 -m pytest -q -p no:cacheprovider --durations=25 "${dirs[@]}"
}

fuzz_all() {
    local rc=0 f name corpus work
    shopt -s nullglob
    local targets=(build-fuzz/fuzz_*)
    ((${#targets[@]})) || { echo "no fuzz targets in build-fuzz/"; return 1; }
    for f in "${targets[@]}"; do
        [[ -x $f && -f $f ]] || continue
        name=${f##*/fuzz_}
        corpus=tests/fuzz/corpus/$name
        work=tests/fuzz/corpus-run/$name
        rm -rf "$work"
        mkdir -p "$work"
        local args=(-max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048
                    -print_final_stats=1 -artifact_prefix="$work/")
        echo "--- fuzz $name (${FUZZ_SECONDS}s)"
        if [[ -d $corpus ]]; then
            "$f" "${args[@]}" "$work" "$corpus" >"$work.log" 2>&1
        else
            "$f" "${args[@]}" "$work" >"$work.log" 2>&1
        fi || {
            rc=1
            echo "fuzz $name FAILED:"
            tail -n 40 "$work.log"
            continue
        }
        grep -E '^stat::number_of_executed_units|^Done' "$work.log" | tr '\n' ' '
        echo
    done
    return $rc
}

# The lifecycle runner's tests (tests/relay/test_deploy_runner.c) and the SCRAM logins of
# tests/unit/test_scram_live.c skip without real servers: bring
# up a stack with PostgreSQL and the Materialize emulator, point them at it, bring it down.
deploy_runner_live() { # $1 = build directory
    local build=$1 d rc
    d=$(mktemp -d "${CUTOVER_STACK_TMP:-/tmp}/runner.XXXXXX")
    chmod 755 "$d"
    trap 'tests/stack down "$d" >/dev/null 2>&1' EXIT
    CUTOVERD=$PWD/$build/cutoverd tests/stack up "$d" --backend materialize || return 1
    (
        set -a
        # shellcheck disable=SC1091
        source "$d/env"
        set +a
        export CUTOVER_TEST_PG_DSN="host=127.0.0.1 port=$PG_PORT user=$PG_USER password=$PG_PASSWORD dbname=$PG_DB sslmode=disable"
        export CUTOVER_TEST_MZ_DSN="host=127.0.0.1 port=$MZ_PORT user=$MZ_USER dbname=$MZ_DB sslmode=disable"
        export CUTOVER_TEST_MZ_CONTROL="127.0.0.1:$EMU_CONTROL_PORT"
        # -V: criterion's synthesis line shows whether the tests ran or were skipped.
        ctest --test-dir "$build" --output-on-failure -V -R '^(test_deploy_runner|test_scram_live)$'
    )
    rc=$?
    tests/stack down "$d" >/dev/null 2>&1
    trap - EXIT
    return $rc
}

export -f c_files format_check integration fuzz_all deploy_runner_live

# Every stack the integration tests start lives under this run's own directory, so that a stage
# killed by its timeout (pytest gets no chance to tear down) still leaves nothing running.
export CUTOVER_STACK_TMP
CUTOVER_STACK_TMP=$(mktemp -d /tmp/cutover-test.XXXXXX)
chmod 755 "$CUTOVER_STACK_TMP"
stop_stacks() {
    local d
    for d in "$CUTOVER_STACK_TMP"/*/; do
        [[ -f $d/pids ]] && tests/stack down "$d" >/dev/null 2>&1
    done
    rm -rf "$CUTOVER_STACK_TMP"
}
trap stop_stacks EXIT

stage install-deps 900 scripts/install-deps.sh
stage build 900 scripts/build.sh
stage clang-format 120 format_check
stage unit 600 ctest --test-dir build --output-on-failure
stage unit-live-servers 600 deploy_runner_live build
stage integration 1200 integration "$ROOT/build/cutoverd"
if [[ -z ${SKIP_ASAN:-} ]]; then
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    stage build-asan 900 scripts/build.sh --sanitize
    stage unit-asan 900 ctest --test-dir build-asan --output-on-failure
    stage integration-asan 1500 integration "$ROOT/build-asan/cutoverd" cutoverd
    unset ASAN_OPTIONS UBSAN_OPTIONS
fi
if [[ -z ${SKIP_FUZZ:-} ]]; then
    stage build-fuzz 900 scripts/build.sh --fuzz
    stage fuzz 900 fuzz_all
fi

echo
echo "=== total $((SECONDS - t_start))s"
((failed)) && echo "=== failed stages: ${failures[*]}"
echo "$passed passed, $failed failed"
((failed == 0))
