#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 30) and prints the executions per target, then
# `fuzz: N targets, M executions, K crashes`. Exits non-zero if any target crashed (reproducers are
# in fuzz/artifacts/<target>/). Needs the nightly toolchain; installs cargo-fuzz only if missing.
#
#   scripts/fuzz.sh 30
set -uo pipefail

seconds="${1:-30}"
cd "$(dirname "$0")/.."

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked || cargo install cargo-fuzz || exit 2
fi

# target:max_len — a scenario or overrides document, a link, a scenario to assess.
targets=("scenario_json:8192" "query:4096" "overrides:2048" "eval:2048")

cargo +nightly fuzz build || exit 2

total=0
crashes=0
for entry in "${targets[@]}"; do
    target="${entry%%:*}"
    max_len="${entry##*:}"
    # New inputs go to a scratch corpus under fuzz/target (ignored); the committed seeds are read only.
    work="fuzz/target/corpus/$target"
    mkdir -p "$work" "fuzz/artifacts/$target"
    log="fuzz/target/$target.log"
    cargo +nightly fuzz run "$target" "$work" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -max_len="$max_len" -timeout=10 \
        -print_final_stats=1 >"$log" 2>&1
    status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    if [ -z "$runs" ]; then
        runs=$(sed -n 's/^#\([0-9]*\)[[:space:]]*DONE.*/\1/p' "$log" | tail -n 1)
    fi
    runs="${runs:-0}"
    total=$((total + runs))
    if [ "$status" -ne 0 ]; then
        crashes=$((crashes + 1))
        echo "fuzz: $target CRASHED after $runs executions (exit $status); log $log, artifacts fuzz/artifacts/$target/"
        grep -m 5 -E "panicked|ERROR: libFuzzer|SUMMARY" "$log" | sed 's/^/    /'
    else
        echo "fuzz: $target $runs executions in ${seconds}s"
    fi
done

echo "fuzz: ${#targets[@]} targets, $total executions, $crashes crashes"
[ "$crashes" -eq 0 ]
