#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (tests/fuzz/CMakeLists.txt) and runs each one for
# SECONDS (default 10) on a fresh copy of its seed corpus. Any further arguments go to
# every target (libFuzzer flags such as -jobs=2 or -dict=FILE).
#
#   tests/fuzz/run.sh            # 10 s per target
#   tests/fuzz/run.sh 600        # 10 min per target
#
# Exits 1 when a target crashes or breaks an invariant (the input is saved under
# BUILD/artifacts/), 77 when clang with libFuzzer is not installed.
# Environment: FUZZ_BUILD_DIR (default build-fuzz in the repository), FUZZ_JOBS (build
# parallelism), Qt6_DIR (where CMake finds Qt, if not on the default path).
set -euo pipefail

readonly source_dir=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
readonly repository=$(readlink -f "$source_dir/../..")
readonly build_dir=${FUZZ_BUILD_DIR:-$repository/build-fuzz}
readonly seconds=${1:-10}
readonly targets=(fuzz_payloadformatter fuzz_atumessage fuzz_jsonwriter fuzz_streamdecoders)
shift $(($# > 0 ? 1 : 0))

if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds == 0)); then
    echo "usage: $0 [SECONDS] [LIBFUZZER-FLAG...]" >&2
    exit 2
fi

compiler=
for candidate in clang++ clang++-14; do
    if command -v "$candidate" >/dev/null; then
        compiler=$(command -v "$candidate")
        break
    fi
done
# libFuzzer ships apart from clang on Debian (libclang-rt-14-dev).
if [[ -z $compiler ]] || ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char *, long) { return 0; }' |
    "$compiler" -x c++ -fsanitize=fuzzer - -o /dev/null 2>/dev/null; then
    echo "fuzz: skipped, needs clang with libFuzzer (Debian: clang libclang-rt-14-dev)" >&2
    exit 77
fi

configure=(-S "$source_dir" -B "$build_dir" -DCMAKE_CXX_COMPILER="$compiler")
command -v ninja >/dev/null && configure+=(-G Ninja)
[[ -n ${Qt6_DIR:-} ]] && configure+=(-DQt6_DIR="$Qt6_DIR")
[[ -f $build_dir/CMakeCache.txt ]] && configure=(-S "$source_dir" -B "$build_dir")
cmake "${configure[@]}" >/dev/null
cmake --build "$build_dir" -j"${FUZZ_JOBS:-$(nproc)}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
summary=()
for target in "${targets[@]}"; do
    corpus=$build_dir/corpus/$target
    artifacts=$build_dir/artifacts/$target
    rm -rf "$corpus"
    mkdir -p "$corpus" "$artifacts"
    cp "$source_dir/corpus/$target/"* "$corpus/"
    log=$build_dir/$target.log
    echo "fuzz: $target for ${seconds} s"
    if "$build_dir/$target" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" "$@" "$corpus" >"$log" 2>&1; then
        status=ok
    else
        status=FAILED
        failed+=("$target")
        tail -n 60 "$log" >&2
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    summary+=("$target: $status, ${runs:-?} runs (log $log)")
done

printf 'fuzz: %s\n' "${summary[@]}"
if ((${#failed[@]} > 0)); then
    echo "fuzz: failed: ${failed[*]}; inputs under $build_dir/artifacts/" >&2
    exit 1
fi
