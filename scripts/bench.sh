#!/usr/bin/env bash
# Crossover's performance budgets, measured: native Criterion benches, the core in wasm in headless Chromium,
# the release site in headless Chromium, the gzip size of the release .wasm, and SimFaaS side by side.
# Prints one table of budgets and one of the SimFaaS comparison; writes both to target/bench.json.
#
# usage: scripts/bench.sh [--quick] [--site DIR]
#   --quick     few iterations (a smoke run for the test command; < 2 min once built); SimFaaS runs on short
#               horizons and only if its venv already exists (the full run creates it)
#   --site DIR  use an already built release site (DIR/crossover/) instead of building one
# Run from the repository root. See docs/BENCH.md for what each figure measures.
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

# ---- 1. release site ----
if [[ -z $SITE ]]; then
  log "release build (trunk)"
  SITE=target/bench-site
  rm -rf "$SITE"
  trunk build index.html --release --dist "$SITE/crossover" >"$OUT/trunk.log" 2>&1 || { cat "$OUT/trunk.log"; exit 1; }
fi
WASM=$(ls "$SITE"/crossover/*.wasm | head -n1)
printf '{"file":"%s","raw_bytes":%d,"gzip9_bytes":%d}\n' "$(basename "$WASM")" \
  "$(stat -c %s "$WASM")" "$(gzip -9 -c "$WASM" | wc -c)" >"$OUT/size.json"

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
log "wasm core timings (wasm-bindgen-test, release profile)"
WASM_BINDGEN_TEST_TIMEOUT=900 cargo test --locked --release --target wasm32-unknown-unknown --test bench_wasm \
  -- --nocapture 2>&1 | tee "$OUT/wasm.log" >&2
grep -o 'BENCH .*' "$OUT/wasm.log" >"$OUT/wasm-bench.txt" || { echo "no BENCH lines from the wasm run" >&2; exit 1; }

# ---- 4. SimFaaS side by side ----
VENV=target/simfaas-venv
if [[ $QUICK == 1 ]]; then
  SCENARIOS=("0.9 20000" "0.05 200000" "5 4000")
else
  SCENARIOS=("0.9 1000000" "0.05 1000000" "5 100000")
  if ! "$VENV/bin/python" -c "import simfaas" 2>/dev/null; then
    log "SimFaaS $SIMFAAS_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "simfaas==$SIMFAAS_VERSION"
  fi
fi
log "SimFaaS vs Crossover's exact engine"
cargo build --locked --profile bench --example simfaas >&2
: >"$OUT/simfaas.jsonl"
for sc in "${SCENARIOS[@]}"; do
  read -r rate horizon <<<"$sc"
  cx=$(target/release/examples/simfaas "$rate" "$horizon" 3)
  if "$VENV/bin/python" -c "import simfaas" 2>/dev/null; then
    sf=$("$VENV/bin/python" scripts/simfaas_run.py "$rate" "$horizon" 1 2>/dev/null | tail -n1)
  else
    sf=null
  fi
  echo "{\"crossover\":$cx,\"simfaas\":$sf}" | tee -a "$OUT/simfaas.jsonl" >&2
done

# ---- 5. the release site in headless Chromium ----
log "browser timings (playwright-core, headless Chromium)"
BROWSER_ARGS=("$SITE" --out "$OUT/browser.json")
[[ $QUICK == 1 ]] && BROWSER_ARGS+=(--quick)
node scripts/bench-browser.mjs "${BROWSER_ARGS[@]}"

# ---- 6. the tables ----
FLEET=0
grep -qE '^\s*pub mod fleet\b' src/core/mod.rs && FLEET=1
node scripts/bench-report.mjs "$OUT" target/bench.json "$QUICK" "$FLEET" "$SIMFAAS_VERSION"
echo "bench: $(($(date +%s) - STARTED)) s" >&2
