#!/usr/bin/env bash
# Crossover's performance budgets, measured: native Criterion benches, the core in wasm in headless Chromium,
# the release site in headless Chromium, the gzip size of the release .wasm, and SimFaaS side by side.
# Prints one table of budgets and one of the SimFaaS comparison; writes both to target/bench.json.
#
# usage: scripts/bench.sh [--quick] [--site DIR]
#   --quick     few iterations (a smoke run for the test command; < 2 min once built); SimFaaS runs on short
#               horizons and only if its venv already exists (the full run creates it)
#   --site DIR  use an already built release site (DIR/crossover/) instead of building one
# Run from the repository root. See README.md ("Benchmark") for what each figure measures.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR=never

QUICK=0
SITE=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --site) SITE=$2; shift ;;
    *) echo "usage: scripts/bench.sh [--quick] [--site DIR]" >&2; exit 2 ;;
  esac
  shift
done

SIMFAAS_VERSION=0.2.2
OUT=$ROOT/target/bench-run
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.log "$OUT"/*.txt
log() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }
STARTED=$(date +%s)

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- 1. release site, its size, and what the size is made of ----
if [[ -z $SITE ]]; then
  log "release build (trunk)"
  SITE=target/bench-site
  rm -rf "$SITE"
  trunk build index.html --release --dist "$SITE/crossover" >"$OUT/trunk.log" 2>&1 || { cat "$OUT/trunk.log"; exit 1; }
  node scripts/prerender.mjs "$SITE" >>"$OUT/trunk.log" 2>&1 || { cat "$OUT/trunk.log"; exit 1; }
fi
# Every .wasm the site serves (the page's worker runs the page's own module, so today there is one).
{
  echo "["
  first=1
  for w in "$SITE"/crossover/*.wasm; do
    [[ $first == 1 ]] || echo ","
    first=0
    printf '{"file":"%s","raw_bytes":%d,"gzip9_bytes":%d}' "$(basename "$w")" "$(stat -c %s "$w")" "$(gzip -9 -c "$w" | wc -c)"
  done
  echo "]"
} >"$OUT/size.json"
# Size by crate: twiggy (./dev bench installs it, pinned) on Cargo's output for the app, which still has
# its function names (the shipped file has been through wasm-bindgen and wasm-opt, which drop them).
NAMED=target/wasm32-unknown-unknown/wasm-release/crossover-web.wasm
if command -v twiggy >/dev/null && [[ -f $NAMED ]]; then
  twiggy top -n 1000000 -f json "$NAMED" >"$OUT/twiggy.json" 2>"$OUT/twiggy.log" || rm -f "$OUT/twiggy.json"
fi

# ---- 2. native Criterion benches ----
log "native benches (criterion)"
MARK=$OUT/.criterion-start
touch "$MARK"
CRIT_ARGS=(--noplot)
[[ $QUICK == 1 ]] && CRIT_ARGS+=(--warm-up-time 0.2 --measurement-time 0.5)
cargo bench --locked --bench core -- "${CRIT_ARGS[@]}" 2>&1 | tee "$OUT/criterion.log" >&2
# Each benchmark's samples (only those written by this run): {id, per-iteration ns of every sample}.
{
  echo "["
  first=1
  while IFS= read -r f; do
    id=${f#target/criterion/}; id=${id%/new/sample.json}
    [[ $first == 1 ]] || echo ","
    first=0
    printf '{"id":"%s","sample":%s}' "$id" "$(cat "$f")"
  done < <(find target/criterion -path '*/new/sample.json' -newer "$MARK" | sort)
  echo "]"
} >"$OUT/criterion.json"
grep '^META ' "$OUT/criterion.log" >"$OUT/criterion-meta.txt" || true

# ---- 3. the core in wasm, in headless Chromium ----
log "wasm core timings (wasm-bindgen-test, the wasm-release profile the site ships)"
WASM_BINDGEN_TEST_TIMEOUT=900 cargo test --locked --profile wasm-release --target wasm32-unknown-unknown --test bench_wasm \
  -- --nocapture 2>&1 | tee "$OUT/wasm.log" >&2
grep -o 'BENCH .*' "$OUT/wasm.log" >"$OUT/wasm-bench.txt" || { echo "no BENCH lines from the wasm run" >&2; exit 1; }

# ---- 4. SimFaaS side by side ----
VENV=target/simfaas-venv
if [[ $QUICK == 1 ]]; then
  SCENARIOS=("0.9 20000" "0.05 200000" "5 4000")
  README_HORIZON=50000; README_SEEDS=(1 2); EVAL_RUNS=3
else
  SCENARIOS=("0.9 1000000" "0.05 1000000" "5 100000")
  README_HORIZON=1000000; README_SEEDS=(1 2 3 4 5); EVAL_RUNS=9
  if ! "$VENV/bin/python" -c "import simfaas" 2>/dev/null; then
    log "SimFaaS $SIMFAAS_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "simfaas==$SIMFAAS_VERSION"
  fi
fi
HAVE_SIMFAAS=0
"$VENV/bin/python" -c "import simfaas" 2>/dev/null && HAVE_SIMFAAS=1
log "SimFaaS vs Crossover's exact engine"
cargo build --locked --release --bin crossover --example simfaas >&2
: >"$OUT/simfaas.jsonl"
for sc in "${SCENARIOS[@]}"; do
  read -r rate horizon <<<"$sc"
  cx=$(target/release/examples/simfaas "$rate" "$horizon" 3)
  sf=null
  [[ $HAVE_SIMFAAS == 1 ]] && sf=$("$VENV/bin/python" scripts/simfaas_run.py "$rate" "$horizon" 1 2>/dev/null | tail -n1)
  echo "{\"crossover\":$cx,\"simfaas\":$sf}" | tee -a "$OUT/simfaas.jsonl" >&2
done
# SimFaaS's README example (λ = 0.9/s, 10⁶ s) with several seeds for its run-to-run spread, and
# `crossover eval` of the same workload (the CLI, as a user runs it), timed process start to exit.
# λ = 0.9/s over the app's 730-hour month: 0.9 × 2,628,000 s = 2,365,200 requests (a 30-day month's
# 2,332,800 is λ = 0.888/s, 1.4 % fewer requests in flight than SimFaaS's).
log "SimFaaS README example vs crossover eval"
cat >"$OUT/simfaas_readme.json" <<'JSON'
{ "requests_per_month": 2365200, "duration_ms": 1991, "duration_distribution": "exponential",
  "init_ms_override": 253, "keep_alive_s": 600, "keep_alive_max_s": 600, "concurrency_quota": 1000000 }
JSON
: >"$OUT/simfaas_readme.jsonl"
if [[ $HAVE_SIMFAAS == 1 ]]; then
  for seed in "${README_SEEDS[@]}"; do
    "$VENV/bin/python" scripts/simfaas_run.py 0.9 "$README_HORIZON" "$seed" 2>/dev/null | tail -n1 | tee -a "$OUT/simfaas_readme.jsonl" >&2
  done
fi
: >"$OUT/eval_times.txt"
for _ in $(seq "$EVAL_RUNS"); do
  start=$(date +%s%N)
  target/release/crossover eval "$OUT/simfaas_readme.json" >"$OUT/eval_readme.json"
  echo $(( $(date +%s%N) - start )) >>"$OUT/eval_times.txt"
done

# ---- 5. the release site in headless Chromium ----
log "browser timings (playwright-core, headless Chromium)"
BROWSER_ARGS=("$SITE" --out "$OUT/browser.json" --trace "$OUT/slider-trace.json")
[[ $QUICK == 1 ]] && BROWSER_ARGS+=(--quick)
node scripts/bench-browser.mjs "${BROWSER_ARGS[@]}"

# ---- 6. the tables ----
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
FLEET=0
grep -qE '^\s*pub mod fleet\b' src/core/mod.rs && FLEET=1
node scripts/bench-report.mjs "$OUT" target/bench.json "$QUICK" "$FLEET" "$SIMFAAS_VERSION" "$LOAD_START" "$LOAD_END"
echo "bench: $(($(date +%s) - STARTED)) s" >&2
