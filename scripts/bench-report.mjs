// Turns the raw results of scripts/bench.sh into its tables and target/bench.json.
// usage: node scripts/bench-report.mjs RUN_DIR OUT_JSON QUICK(0|1) FLEET(0|1) SIMFAAS_VERSION "LOAD_START" "LOAD_END"
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [dir, outJson, quickArg, fleetArg, simfaasVersion, loadStart = '?', loadEnd = '?'] = process.argv.slice(2);
const read = (f) => readFileSync(join(dir, f), 'utf8');
const lines = (f) => (existsSync(join(dir, f)) ? read(f).trim().split('\n').filter(Boolean) : []);
const quick = quickArg === '1';

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const pick = (q) => s[Math.min(s.length, Math.max(1, Math.ceil(q * s.length))) - 1];
  return { n: s.length, median: pick(0.5), p95: pick(0.95), min: s[0], max: s[s.length - 1] };
}

// Criterion: per-iteration ms of every sample.
const criterion = Object.fromEntries(JSON.parse(read('criterion.json')).map(({ id, sample }) => {
  const ms = sample.times.map((t, i) => t / sample.iters[i] / 1e6);
  return [id, stats(ms)];
}));
// META <id> <what> <n>: requests simulated (exact engine) or bytes decoded (decoders).
const meta = Object.fromEntries(lines('criterion-meta.txt').map((l) => l.split(/\s+/)).map(([, id, what, n]) => [id, { what, n: Number(n) }]));
// wasm: BENCH name median p95 runs
const wasm = Object.fromEntries(lines('wasm-bench.txt').map((l) => l.trim().split(/\s+/))
  .map(([, name, median, p95, n]) => [name, { median: Number(median), p95: Number(p95), n: Number(n) }]));
const browser = JSON.parse(read('browser.json'));
const sizes = JSON.parse(read('size.json'));
const simfaas = lines('simfaas.jsonl').map((l) => JSON.parse(l));
const readmeRuns = lines('simfaas_readme.jsonl').map((l) => JSON.parse(l));
const evalOut = existsSync(join(dir, 'eval_readme.json')) ? JSON.parse(read('eval_readme.json')) : null;
const evalTimes = lines('eval_times.txt').map((l) => Number(l) / 1e9);

/** The entry of `table` under `prefix` with the largest p95: the worst case of a family. */
function worst(table, prefix) {
  const hits = Object.entries(table).filter(([k]) => k.startsWith(prefix));
  if (!hits.length) return null;
  const [name, s] = hits.reduce((a, b) => (b[1].p95 > a[1].p95 ? b : a));
  return { name: name.slice(prefix.length), ...s };
}

const rows = [];
const ms = (v) => (v === null || v === undefined ? '—' : v < 10 ? `${v.toFixed(2)} ms` : `${v.toFixed(1)} ms`);
function budget(figure, budgetText, shown, pass, note = '', values = {}) {
  rows.push({ figure, budget: budgetText, shown, pass, note, ...values });
}
const na = (figure, budgetText, note) => rows.push({ figure, budget: budgetText, shown: ['n/a', 'n/a'], pass: null, note });

// 1. input → main thread settled, every slider and typed field
{
  const s = browser.slider;
  const w = s.worst_control;
  budget('slider/typed input → main thread settled (browser)', '≤ 8 ms p95, every control',
    [ms(s.settled.median), ms(s.settled.p95)], s.settled.p95 <= 8 && w.p95 <= 8,
    `${s.changes} changes over ${s.controls.length} controls; worst control ${w.id} p95 ${ms(w.p95)}; ` +
    `input task ${ms(s.input.p95)} + next frame ${ms(s.frame.p95)} (p95)`, { median: s.settled.median, p95: s.settled.p95 });
}
// 2. navigation → verdict, exact figures
{
  const n = browser.navigation;
  budget('navigation → verdict painted (cold cache)', '≤ 120 ms median', [ms(n.verdict.median), ms(n.verdict.p95)],
    n.verdict.median <= 120, `${n.runs} fresh contexts; the prerendered first screen's verdict; wasm fetched ${ms(n.wasm_fetched.median)}, `
      + `first paint ${ms(n.fcp.median)}, the app's own first verdict ${ms(n.app_verdict?.median)} (medians)`,
    { median: n.verdict.median, p95: n.verdict.p95 });
  budget('navigation → exact figures painted (cold cache)', '≤ 250 ms median', [ms(n.exact.median), ms(n.exact.p95)],
    n.exact.median <= 250, `\`.results[data-exact=true]\` painted (prerendered); the live app takes over with its own exact figures at `
      + `${ms(n.live?.median)} median, ${ms(n.live?.p95)} p95`, { median: n.exact.median, p95: n.exact.p95 });
}
// 3. wasm size, all files
{
  const gz = sizes.reduce((a, f) => a + f.gzip9_bytes, 0) / 1000;
  const raw = sizes.reduce((a, f) => a + f.raw_bytes, 0) / 1000;
  budget('all wasm the site serves, gzip -9', '≤ 250 KB', [`${gz.toFixed(1)} KB`, '—'], gz <= 250,
    `${sizes.length} file(s): ${sizes.map((f) => `${f.file} ${(f.raw_bytes / 1000).toFixed(1)} KB raw`).join(', ')}; raw total ${raw.toFixed(1)} KB`,
    { median: gz, p95: gz });
}
// 4. exact engine throughput (native)
for (const [id, m] of Object.entries(meta).filter(([, m]) => m.what === 'requests')) {
  const s = criterion[id];
  if (!s) continue;
  const med = m.n / (s.median / 1e3) / 1e6;
  const p95 = m.n / (s.p95 / 1e3) / 1e6;
  budget(`exact engine, event by event (native, ${id.split('_').pop()})`, '≥ 30 M req/s',
    [`${med.toFixed(1)} M/s`, `${p95.toFixed(1)} M/s`], p95 >= 30,
    `${(m.n / 1e6).toFixed(2)} M requests in ${ms(s.median)} (p95 = slowest 5 % of samples)`, { median: med, p95 });
}
// 5. crossover eval vs SimFaaS, README example
let readme = null;
{
  const figure = '`crossover eval` vs SimFaaS, README example (λ = 0.9/s)';
  if (readmeRuns.length && evalOut && evalTimes.length) {
    const sfRate = readmeRuns.map((r) => r.requests / r.wall_s);
    const sf = stats(sfRate);
    const wall = stats(evalTimes);
    const month = evalOut.coldstart.requests;
    const cxRate = { median: month / wall.median, p95: month / wall.max };
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = (xs) => Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / Math.max(1, xs.length - 1));
    const band = (xs) => [mean(xs) - 3 * sd(xs), mean(xs) + 3 * sd(xs)];
    const cold = band(readmeRuns.map((r) => r.prob_cold));
    const inst = band(readmeRuns.map((r) => r.avg_instances));
    const cxCold = evalOut.coldstart.cold_start_fraction;
    const cxInst = evalOut.coldstart.avg_instances;
    const equal = cxCold >= cold[0] && cxCold <= cold[1] && cxInst >= inst[0] && cxInst <= inst[1];
    const speedup = cxRate.median / sf.median;
    readme = { simfaas_runs: readmeRuns, simfaas_req_per_s: sf, eval_wall_s: wall, eval_requests: month,
      eval_method: evalOut.coldstart.method, speedup, cold_band: cold, instances_band: inst, eval_cold: cxCold, eval_instances: cxInst, equal };
    budget(figure, '≥ 1000× SimFaaS req/s, equal results', [`${Math.round(speedup).toLocaleString('en-US')}×`, `${Math.round(cxRate.p95 / sf.median).toLocaleString('en-US')}×`],
      speedup >= 1000 && equal,
      `eval ${ms(wall.median * 1e3)} for ${(month / 1e6).toFixed(2)} M requests (${evalOut.coldstart.method}) vs SimFaaS ${(sf.median / 1e3).toFixed(1)} k req/s; ` +
      `P(cold) ${cxCold.toFixed(5)} in [${cold.map((v) => v.toFixed(5)).join(', ')}], instances ${cxInst.toFixed(3)} in [${inst.map((v) => v.toFixed(3)).join(', ')}] (SimFaaS mean ± 3 sd, ${readmeRuns.length} seeds)`,
      { median: speedup, p95: cxRate.p95 / sf.median });
  } else {
    na(figure, '≥ 1000× SimFaaS req/s, equal results', 'SimFaaS not installed (the full ./dev bench installs it)');
  }
}
// 6. decoders on 1 MB
{
  const hits = Object.entries(meta).filter(([, m]) => m.what === 'bytes').map(([id, m]) => ({ id, ...criterion[id], bytes: m.n })).filter((d) => d.p95 !== undefined);
  if (hits.length) {
    const w = hits.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    budget('decoders, 1 MB input (native)', '< 1 s', [ms(w.median), ms(w.p95)], w.p95 < 1000,
      `worst of ${hits.length}: ${w.id.replace('decode/', '')} (${(w.bytes / 1e6).toFixed(2)} MB); ` +
      hits.map((d) => `${d.id.replace('decode/', '')} ${ms(d.median)}`).join(', '), { median: w.median, p95: w.p95 });
  } else {
    na('decoders, 1 MB input (native)', '< 1 s', 'no decode benches in this build');
  }
}
// 7. cost curves and the month in wasm (earlier budgets, kept)
{
  const w = worst(wasm, 'curves/');
  if (w) budget('cost curves, 241 points + break-evens (wasm)', '< 2 ms', [ms(w.median), ms(w.p95)], w.p95 < 2, `worst scenario: ${w.name}; timed after a warm-up (tests/bench_wasm.rs WARM_UP_MS)`, w);
  const m = worst(wasm, 'month/');
  if (m) budget('simulated month, any volume ≤ 1e10 (wasm)', '< 50 ms', [ms(m.median), ms(m.p95)], m.p95 < 50, `worst volume: ${m.name} requests/month, in the worker`, m);
}
// every platform simulated for one input
if (Object.keys(wasm).some((k) => k.startsWith('sims/'))) {
  // The volumes, and the sparse cases whose missed p99 target makes it search the warm-instance fixes.
  const plain = worst(wasm, 'sims/');
  const fixes = worst(wasm, 'sims-fixes/');
  const w = fixes && fixes.p95 > plain.p95 ? { ...fixes, name: `${fixes.name} (fixes searched)` } : plain;
  budget('all platforms simulated, any volume ≤ 1e10 (wasm)', '≤ 50 ms', [ms(w.median), ms(w.p95)], w.p95 <= 50,
    `eval::simulate (10 platforms, 128 MB), in the worker; worst: ${w.name} requests/month (1e4 … 1e10 tried, and 3e3 / 1e4 with the fixes searched)`, w);
}
if (fleetArg === '1' && wasm['fleet/10000']) {
  const f = wasm['fleet/10000'];
  budget('fleet of 10,000 functions (wasm)', '< 1 s', [ms(f.median), ms(f.p95)], f.p95 < 1000,
    'parse + evaluate in one go; the page evaluates in slices of 250 rows and stays responsive', f);
} else {
  na('fleet of 10,000 functions (wasm)', '< 1 s', 'n/a (fleet not built)');
}

// Context, no budget: where the time goes.
function infoRow(figure, s, note = '') {
  if (s && s.median !== null && s.median !== undefined) {
    rows.push({ figure, budget: '(info)', median: s.median, p95: s.p95, shown: [ms(s.median), ms(s.p95)], pass: null, note });
  }
}
{
  // The calls before timing (tests/bench_wasm.rs WARM_UP_MS): V8's baseline tier until the optimised code is in.
  const w = worst(wasm, 'warmup/curves/');
  infoRow(`  cost curves during the warm-up, worst preset (wasm)`, w, w && `${w.name}: ${w.n} calls, the first ones in V8's baseline tier`);
}
{
  const s = browser.slider;
  infoRow('  input: the change\'s task (handler, render, effects, that frame\'s paint)', s.input);
  infoRow('  input: the next frame (chart redraws, style, layout, paint)', s.frame);
  infoRow('worker reply → exact figures painted, main thread (browser)', s.reply, 'per change; re-render and chart redraws with the new figures');
  for (const [id, d] of Object.entries(browser.drag ?? {})) {
    infoRow(`drag ${id}: main thread per frame (browser)`, d, 'one change per frame, replies flowing; 60 fps needs < 16 ms');
  }
  const a = worst(wasm, 'assess/');
  infoRow('eval::assess per change, worst preset (wasm)', a, a && `${a.name} (the main thread re-prices only: assess_with)`);
  if (a) {
    infoRow('  of which simulate Lambda (wasm, in the worker)', wasm[`part/sim_lambda/${a.name}`], a.name);
    infoRow('  of which simulate Cloud Run (wasm, in the worker)', wasm[`part/sim_cloud_run/${a.name}`], a.name);
    infoRow('  of which price_all (wasm, main thread)', wasm[`part/price_all/${a.name}`], a.name);
  }
  const na2 = worst(criterion, 'assess/');
  infoRow('eval::assess, worst preset (native)', na2, na2 && na2.name);
  const nm = worst(criterion, 'month/');
  infoRow('simulated month, worst volume (native)', nm, nm && nm.name);
}

// Size by crate (twiggy on Cargo's named output; shares of code + data before wasm-opt).
let crates = null;
if (existsSync(join(dir, 'twiggy.json'))) {
  const parsed = JSON.parse(read('twiggy.json'));
  const items = Array.isArray(parsed) ? parsed : parsed.items ?? [];
  const by = {};
  let total = 0;
  for (const it of items) {
    const name = it.name ?? '';
    // Not shipped: wasm-bindgen's descriptors, custom sections, the export table before wasm-bindgen.
    if (/__wbindgen_describe|^custom section|^export |^import |^"function names" subsection|^(type|table|elem|global|memory)\[/.test(name)) continue;
    const c = crateOf(name);
    by[c] = (by[c] ?? 0) + it.shallow_size;
    total += it.shallow_size;
  }
  const gz = sizes.reduce((a, f) => a + f.gzip9_bytes, 0) / 1000;
  crates = Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 14)
    .map(([crate, bytes]) => ({ crate, kb_before_opt: bytes / 1000, share: bytes / total, est_gzip_kb: (bytes / total) * gz }));
}

/** The crate a (demangled) wasm item belongs to: the first path segment, through `<impl …>` wrappers. */
function crateOf(name) {
  if (/^data segment/.test(name)) return '(data: strings, tables, data files)';
  const n = name.replace(/^(<|&|mut |dyn |impl )+/, '');
  const m = n.match(/^([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?(::|<| as )/);
  if (m && m[1] === 'T') return '(generic `<T as …>` impls)';
  return m ? m[1] : '(other)';
}

// ---- print ----
const verdict = (p) => (p === null ? '—' : p ? 'PASS' : 'MISS');
function printTable(header, body) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  body.forEach((r) => console.log(line(r)));
}
console.log(`\nCrossover benchmark${quick ? ' (--quick: few iterations, indicative only)' : ''} — load average (1/5/15 min) ` +
  `${loadStart} at the start, ${loadEnd} at the end, on ${(await import('node:os')).cpus().length} CPUs\n`);
printTable(['figure', 'budget', 'median', 'p95', 'result', 'note'],
  rows.map((r) => [r.figure, r.budget, r.shown[0], r.shown[1], verdict(r.pass), r.note]));

if (crates) {
  console.log('\nWasm size by crate (twiggy 0.8.0 on the named module before wasm-bindgen/wasm-opt; gzip share estimated)\n');
  printTable(['crate', 'KB before opt', 'share', '≈ KB gzip'], crates.map((c) => [c.crate, c.kb_before_opt.toFixed(1),
    `${(100 * c.share).toFixed(1)} %`, c.est_gzip_kb.toFixed(1)]));
}

const sfRows = simfaas.map(({ crossover: c, simfaas: s }) => ({ rate_per_s: c.rate, horizon_s: c.max_time_s, simfaas: s, crossover: c,
  speedup: s ? s.wall_s / c.wall_s : null }));
console.log(`\nSimFaaS ${simfaasVersion} (Python) vs Crossover's exact engine (native, best of 3): exponential service 1.991 s warm,` +
  ' 2.244 s cold, 600 s expiration\n');
const f = (v, d) => (v === null || v === undefined ? '—' : v.toFixed(d));
printTable(['λ (1/s)', 'simulated s', 'requests', 'SimFaaS wall', 'Crossover wall', 'speed-up', 'P(cold) SimFaaS', 'P(cold) Crossover',
  'avg inst. SimFaaS', 'avg inst. Crossover'],
sfRows.map((r) => [r.rate_per_s, r.horizon_s.toExponential(0), r.crossover.requests, r.simfaas ? `${f(r.simfaas.wall_s, 2)} s` : 'skipped',
  `${f(r.crossover.wall_s * 1e3, 2)} ms`, r.speedup ? `${Math.round(r.speedup).toLocaleString('en-US')}×` : '—',
  f(r.simfaas?.prob_cold, 5), f(r.crossover.prob_cold, 5), f(r.simfaas?.avg_instances, 3), f(r.crossover.avg_instances, 3)]));

const trace = browser.slider.trace;
if (trace) {
  console.log(`\nWhere an input's main-thread time goes (Chromium trace of ${trace.changes} changes, one per control; self time, ms per change)\n`);
  const spans = ['input', 'input-frame', 'reply', 'reply-frame'].filter((k) => trace.ms_per_change[k]);
  const kinds = [...new Set(spans.flatMap((k) => Object.keys(trace.ms_per_change[k])))].sort();
  printTable(['', ...spans], [...kinds.map((kind) => [kind, ...spans.map((sp) => (trace.ms_per_change[sp][kind] ?? 0).toFixed(2))]),
    ['total', ...spans.map((sp) => Object.values(trace.ms_per_change[sp]).reduce((a, b) => a + b, 0).toFixed(2))]]);
  if (trace.by_event?.input) {
    console.log('\nThe input span by trace event (self time, ms per change)\n');
    const ev = Object.entries(trace.by_event.input).sort((a, b) => b[1] - a[1]).slice(0, 12);
    printTable(['event', 'ms'], ev.map(([k, v]) => [k, v.toFixed(2)]));
  }
  if (trace.functions?.input?.length) {
    console.log('\nThe input span by function on top of the stack (V8 sampling profiler, ms per change; `(program)` = the browser\'s own work)\n');
    printTable(['function', 'ms'], trace.functions.input.slice(0, 12).map((f) => [f.fn.slice(0, 110), f.ms.toFixed(2)]));
  }
}

const failed = rows.filter((r) => r.pass === false).map((r) => r.figure);
console.log(`\n${rows.filter((r) => r.pass === true).length} budgets met, ${failed.length} missed${failed.length ? ': ' + failed.join('; ') : ''}` +
  ` (load average ${loadStart} → ${loadEnd})`);

writeFileSync(outJson, JSON.stringify({
  quick, generated: new Date().toISOString(), load_average: { start: loadStart, end: loadEnd },
  budgets: rows.filter((r) => r.budget !== '(info)'),
  info: rows.filter((r) => r.budget === '(info)'),
  sizes, crates,
  simfaas: { version: simfaasVersion, scenarios: sfRows, readme },
  raw: { criterion, meta, wasm, browser: { ...browser, slider: { ...browser.slider, trace: undefined } } },
}, null, 2));
console.log(`written: ${outJson}`);
if (!existsSync(outJson)) process.exit(1);
