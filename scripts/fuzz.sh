#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz with clang, address and undefined-behaviour
# sanitizers (the `fuzz` preset, in build/fuzz, apart from the ci build) and runs each in turn
# for the given number of seconds, starting from its committed corpus. Stops with status 1 at
# the first finding and names the input that caused it. docs/fuzzing.md has the details.
#
#   scripts/fuzz.sh [seconds] [harness...]      (default: 60 seconds, every harness)
#
# What libFuzzer finds worth keeping goes to build/fuzz/corpus/<harness>, never into the
# committed corpus; findings go to build/fuzz/findings/<harness>/, the full output to
# build/fuzz/logs/<harness>.log. FUZZ_ARGS adds libFuzzer options (e.g. -jobs=2).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds < 1)); then
    echo "usage: scripts/fuzz.sh [seconds] [harness...]" >&2
    exit 2
fi
harnesses=("$@")
if ((${#harnesses[@]} == 0)); then
    harnesses=(identifiers search syncjson http)
fi

if ! command -v clang++ >/dev/null; then
    echo "fuzz: clang++ is missing; scripts/setup.sh installs clang and libclang-rt-14-dev" >&2
    exit 2
fi

targets=()
for h in "${harnesses[@]}"; do
    if [[ ! -d tests/fuzz/corpus/$h ]]; then
        echo "fuzz: no harness \"$h\" (tests/fuzz/corpus/$h is missing)" >&2
        exit 2
    fi
    targets+=("fuzz_$h")
done

cmake --preset fuzz >/dev/null
cmake --build build/fuzz -j "$(nproc)" --target "${targets[@]}"

# Summaries, printed together at the end.
summary=()
for h in "${harnesses[@]}"; do
    work=build/fuzz/corpus/$h
    findings=build/fuzz/findings/$h
    log=build/fuzz/logs/$h.log
    mkdir -p "$work" "$findings" "$(dirname "$log")"
    echo "fuzz: $h for ${seconds}s (log: $log)"
    status=0
    # The first folder is the one libFuzzer writes to; the committed corpus is only read.
    # shellcheck disable=SC2086
    nice -n 10 "build/fuzz/tests/fuzz/fuzz_$h" -max_total_time="$seconds" -timeout=30 \
        -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$findings/" \
        ${FUZZ_ARGS:-} "$work" "tests/fuzz/corpus/$h" >"$log" 2>&1 || status=$?
    done_line=$(grep -E '^#[0-9]+ +DONE' "$log" | tail -n 1 || true)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    cov=$(sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\) corp: \([0-9]*\)\/.*/cov \1, ft \2, corpus \3/p' \
        <<<"${done_line:-$(grep -E ' cov: ' "$log" | tail -n 1)}")
    summary+=("$h: ${seconds}s, ${runs:-?} runs, ${rate:-?} exec/s, ${cov:-no coverage line}")
    if ((status != 0)); then
        echo "fuzz: $h FOUND SOMETHING (status $status). The end of $log:" >&2
        tail -n 40 "$log" >&2
        echo "fuzz: the input: $(ls -t "$findings"/* 2>/dev/null | head -n 1)" >&2
        echo "fuzz: reproduce with build/fuzz/tests/fuzz/fuzz_$h <input>; once fixed, add the" \
            "input to tests/fuzz/corpus/$h/" >&2
        exit 1
    fi
done

printf 'fuzz: %s\n' "${summary[@]}"
