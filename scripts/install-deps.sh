#!/usr/bin/env bash
# install-deps.sh: install everything cutover needs to build, test, demo and benchmark, from
# Debian 12 packages. Idempotent: runs `apt-get update` only when something is missing, and
# installs only the missing packages. Must run as root (or with everything already installed).
#
#   scripts/install-deps.sh               everything (build, tests, demo, bench)
#   scripts/install-deps.sh --build-only  just what `scripts/build.sh -- -DCUTOVER_TESTS=OFF` needs
#   scripts/install-deps.sh --runtime     just the shared libraries cutoverd links (Docker runtime)
set -euo pipefail

BUILD=(build-essential cmake pkg-config libevent-dev libssl-dev libpq-dev libinih-dev)
RUNTIME=(libevent-2.1-7 libevent-openssl-2.1-7 libssl3 libpq5 libinih1 ca-certificates)
# Tests, fuzzing, the stack (PostgreSQL 15, openssl CLI, runuser/useradd), the demo and the bench;
# unicode-data (+ bzip2 to read NormalizationTest.txt.bz2): scripts/gen_unicode_tables.py and
# test_saslprep's NFKC check. The JDK and Debian's PostgreSQL JDBC driver: test_scram's JDBC
# client; node and npm (below) for its node-postgres client (tests/clients). libfaketime: one
# fleet member with a host clock off by minutes (test_fleet's clock test).
TEST=(clang libclang-rt-14-dev clang-format libcriterion-dev
      postgresql postgresql-contrib pgbouncer libfaketime
      python3 python3-psycopg python3-pytest openssl procps util-linux passwd
      unicode-data bzip2 default-jdk-headless libpostgresql-jdbc-java)

mode=all
case "${1:-}" in
"") ;;
--build-only) mode=build ;;
--runtime) mode=runtime ;;
-h | --help)
    sed -n '2,9p' "$0"
    exit 0
    ;;
*)
    echo "install-deps.sh: unknown option $1" >&2
    exit 2
    ;;
esac

case $mode in
all) want=("${BUILD[@]}" "${TEST[@]}") ;;
build) want=("${BUILD[@]}") ;;
runtime) want=("${RUNTIME[@]}") ;;
esac

missing=()
for p in "${want[@]}"; do
    if ! dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed; then
        missing+=("$p")
    fi
done

# Node.js: Debian's nodejs and npm, unless a node and an npm are there already (a machine may
# carry another build of Node.js, whose package provides npm itself).
if [[ $mode == all ]]; then
    command -v node >/dev/null 2>&1 || missing+=(nodejs)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
fi

if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "install-deps.sh: missing packages (${missing[*]}); run as root" >&2
        exit 1
    fi
    echo "install-deps.sh: installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
else
    echo "install-deps.sh: all ${#want[@]} packages already installed"
fi

# node-postgres for the integration tests' node client, pinned by tests/clients/package-lock.json,
# into tests/clients/node_modules (not committed). Again only when the lock file changed.
if [[ $mode == all ]]; then
    clients=$(cd "$(dirname "$0")/../tests/clients" && pwd)
    if [[ ! -f $clients/node_modules/.package-lock.json ||
        $clients/package-lock.json -nt $clients/node_modules/.package-lock.json ]]; then
        echo "install-deps.sh: npm ci in tests/clients"
        npm ci --prefix "$clients" --no-audit --no-fund --ignore-scripts --loglevel=error
    else
        echo "install-deps.sh: tests/clients/node_modules up to date"
    fi
fi

# PostgreSQL refuses to run as root: the test stack runs it as this unprivileged user.
if [[ $mode == all ]] && ! id -u cutover >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]]; then
        echo "install-deps.sh: creating system user cutover"
        useradd -r -m -s /bin/bash cutover
    else
        echo "install-deps.sh: note: user cutover missing (only needed when testing as root)"
    fi
fi
