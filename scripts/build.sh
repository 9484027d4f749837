#!/usr/bin/env bash
# build.sh: configure and build cutover.
#
#   scripts/build.sh [--sanitize] [--fuzz] [-- EXTRA_CMAKE_ARGS...]
#
# default     build/        (RelWithDebInfo, -Werror, unit tests)
# --sanitize  build-asan/   (-DCUTOVER_SANITIZE=ON: ASan + UBSan, -fno-sanitize-recover=all)
# --fuzz      build-fuzz/   (CC=clang, -DCUTOVER_FUZZ=ON -DCUTOVER_TESTS=OFF: libFuzzer targets)
# Several flags build several trees, in that order. JOBS overrides the parallelism (default nproc).
set -euo pipefail
cd "$(dirname "$0")/.."

variants=()
extra=()
while (($#)); do
    case $1 in
    --sanitize) variants+=(asan) ;;
    --fuzz) variants+=(fuzz) ;;
    --) shift; extra=("$@"); break ;;
    -h | --help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
((${#variants[@]})) || variants=(default)
jobs=${JOBS:-$(nproc)}

for v in "${variants[@]}"; do
    case $v in
    default) dir=build; args=() ;;
    asan) dir=build-asan; args=(-DCUTOVER_SANITIZE=ON) ;;
    fuzz) dir=build-fuzz; args=(-DCMAKE_C_COMPILER=clang -DCUTOVER_FUZZ=ON -DCUTOVER_TESTS=OFF) ;;
    esac
    echo "build.sh: $dir"
    cmake -S . -B "$dir" "${args[@]}" "${extra[@]}"
    cmake --build "$dir" -j "$jobs"
done
