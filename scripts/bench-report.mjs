// Turns the raw results of scripts/bench.sh into its two tables and target/bench.json.
// usage: node scripts/bench-report.mjs RUN_DIR OUT_JSON QUICK(0|1) FLEET(0|1) SIMFAAS_VERSION
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [dir, outJson, quickArg, fleetArg, simfaasVersion] = process.argv.slice(2);
const read = (f) => readFileSync(join(dir, f), 'utf8');
const quick = quickArg === '1';

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const pick = (q) => s[Math.min(s.length, Math.max(1, Math.ceil(q * s.length))) - 1];
  return { n: s.length, median: pick(0.5), p95: pick(0.95) };
}

// Criterion: per-iteration ms of every sample.
const criterion = Object.fromEntries(JSON.parse(read('criterion.json')).map(({ id, sample }) => {
  const ms = sample.times.map((t, i) => t / sample.iters[i] / 1e6);
  return [id, stats(ms)];
}));
const meta = Object.fromEntries(read('criterion-meta.txt').trim().split('\n').filter(Boolean)
  .map((l) => l.split(/\s+/)).map(([, id, , n]) => [id, Number(n)]));
// wasm: BENCH name median p95 runs
const wasm = Object.fromEntries(read('wasm-bench.txt').trim().split('\n').map((l) => l.trim().split(/\s+/))
  .map(([, name, median, p95, n]) => [name, { median: Number(median), p95: Number(p95), n: Number(n) }]));
const browser = JSON.parse(read('browser.json'));
const size = JSON.parse(read('size.json'));
const simfaas = read('simfaas.jsonl').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

/** The entry of `table` under `prefix` with the largest p95: the worst case of a family. */
function worst(table, prefix) {
  const hits = Object.entries(table).filter(([k]) => k.startsWith(prefix));
  if (!hits.length) return null;
  const [name, s] = hits.reduce((a, b) => (b[1].p95 > a[1].p95 ? b : a));
  return { name: name.slice(prefix.length), ...s };
}

const rows = [];
const ms = (v) => (v === null || v === undefined ? '—' : v < 10 ? `${v.toFixed(2)} ms` : `${v.toFixed(1)} ms`);
function budget(figure, budgetText, measured, pass, note = '') {
  rows.push({ figure, budget: budgetText, median: measured.median, p95: measured.p95, unit: measured.unit,
    shown: measured.shown, pass, note });
}

// 1. slider input → every number and chart updated
{
  const s = browser.slider;
  // The simulation runs in a web worker, so the alternative budget applies: < 16 ms on the main thread
  // with the worker's exact figures in within 50 ms (or < 8 ms outright).
  budget('slider input → numbers + charts painted (browser)', '< 8 ms, or < 16 ms + worker sim ≤ 50 ms (p95)',
    { median: s.painted.median, p95: s.painted.p95, unit: 'ms', shown: [ms(s.painted.median), ms(s.painted.p95)] },
    s.painted.p95 < 8 || (s.painted.p95 < 16 && s.settled.p95 <= 50),
    `${s.changes} changes over ${s.sliders.length} sliders; exact figures from the worker p95 ${ms(s.settled.p95)}; charts p95 ${ms(s.chart_draw.p95)}`);
}
// 2. cost curves in wasm
{
  const w = worst(wasm, 'curves/');
  budget('cost curves, 241 points + break-evens (wasm)', '< 2 ms', { ...w, unit: 'ms', shown: [ms(w.median), ms(w.p95)] },
    w.p95 < 2, `worst scenario: ${w.name}`);
}
// 3. exact engine throughput (native)
for (const [id, n] of Object.entries(meta)) {
  const s = criterion[id];
  if (!s) continue;
  const med = n / (s.median / 1e3) / 1e6;
  const p95 = n / (s.p95 / 1e3) / 1e6;
  budget(`exact engine, event by event (native, ${id.split('_').pop()})`, '≥ 30 M req/s',
    { median: med, p95, unit: 'M req/s', shown: [`${med.toFixed(1)} M/s`, `${p95.toFixed(1)} M/s`] }, p95 >= 30,
    `${(n / 1e6).toFixed(2)} M requests in ${ms(s.median)} (p95 = slowest 5 % of samples)`);
}
// 4. simulated month, any volume ≤ 1e10 (wasm)
{
  const w = worst(wasm, 'month/');
  budget('simulated month, any volume ≤ 1e10 (wasm)', '< 50 ms', { ...w, unit: 'ms', shown: [ms(w.median), ms(w.p95)] },
    w.p95 < 50, `worst volume: ${w.name} requests/month (1e4 … 1e10 tried)`);
}
// 4b. every platform simulated for one input
if (Object.keys(wasm).some((k) => k.startsWith('sims/'))) {
  const w = worst(wasm, 'sims/');
  budget('all platforms simulated, any volume ≤ 1e10 (wasm)', '≤ 50 ms', { ...w, unit: 'ms', shown: [ms(w.median), ms(w.p95)] },
    w.p95 <= 50, `eval::simulate (7 platforms, 128 MB); worst volume: ${w.name} requests/month (1e4 … 1e10 tried)`);
}
// 5. fleet
if (fleetArg === '1' && wasm['fleet/10000']) {
  const f = wasm['fleet/10000'];
  budget('fleet of 10,000 functions (wasm)', '< 1 s', { median: f.median, p95: f.p95, unit: 'ms', shown: [ms(f.median), ms(f.p95)] },
    f.p95 < 1000, 'parse + evaluate in one go; the page evaluates in slices of 250 rows and stays responsive');
} else {
  rows.push({ figure: 'fleet of 10,000 functions (wasm)', budget: '< 1 s', shown: ['n/a', 'n/a'], pass: null,
    note: 'n/a (fleet not built)' });
}
// 6. gzip size
{
  const kb = size.gzip9_bytes / 1000;
  budget('release .wasm, gzip -9', '≤ 350 KB', { median: kb, p95: kb, unit: 'KB', shown: [`${kb.toFixed(1)} KB`, '—'] },
    kb <= 350, `${(size.raw_bytes / 1000).toFixed(1)} KB raw (${size.file})`);
}
// 7. navigation → first verdict painted
{
  const n = browser.navigation;
  budget('navigation → first verdict painted (cold cache)', '< 500 ms',
    { median: n.painted.median, p95: n.painted.p95, unit: 'ms', shown: [ms(n.painted.median), ms(n.painted.p95)] },
    n.painted.p95 < 500,
    `${n.runs} fresh contexts; wasm fetched ${ms(n.wasm_fetched.median)}, verdict in DOM ${ms(n.present.median)} (medians)`);
}
// Context, no budget: where the time goes.
const info = [];
function infoRow(figure, s, note = '') {
  if (s) info.push({ figure, budget: '(info)', median: s.median, p95: s.p95, unit: 'ms', shown: [ms(s.median), ms(s.p95)], pass: null, note });
}
{
  const a = worst(wasm, 'assess/');
  infoRow('eval::assess per change, worst preset (wasm)', a, a && a.name);
  if (a) {
    infoRow(`  of which simulate Lambda (wasm)`, wasm[`part/sim_lambda/${a.name}`], a.name);
    infoRow(`  of which simulate Cloud Run (wasm)`, wasm[`part/sim_cloud_run/${a.name}`], a.name);
    infoRow(`  of which price_all (wasm)`, wasm[`part/price_all/${a.name}`], a.name);
  }
  const na = worst(criterion, 'assess/');
  infoRow('eval::assess, worst preset (native)', na, na && na.name);
  const nc = worst(criterion, 'curves/');
  infoRow('cost curves 241 points, worst (native)', nc, nc && nc.name);
  const nm = worst(criterion, 'month/');
  infoRow('simulated month, worst volume (native)', nm, nm && nm.name);
  infoRow('slider: event handler only (browser)', browser.slider.handled, 'Yew renders in a microtask after it');
  infoRow('slider: until the worker\'s exact figures are painted (browser)', browser.slider.settled, 'simulation off the main thread');
  infoRow('slider: until the next frame starts (browser)', browser.slider.next_frame, 'rAF, vsync-quantised');
}
info.forEach((r) => rows.push(r));

// ---- print ----
const verdict = (p) => (p === null ? '—' : p ? 'PASS' : 'FAIL');
function printTable(header, body) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  body.forEach((r) => console.log(line(r)));
}
console.log(`\nCrossover benchmark${quick ? ' (--quick: few iterations, indicative only)' : ''}\n`);
printTable(['figure', 'budget', 'median', 'p95', 'result', 'note'],
  rows.map((r) => [r.figure, r.budget, r.shown[0], r.shown[1], verdict(r.pass), r.note]));

const sfRows = simfaas.map(({ crossover: c, simfaas: s }) => {
  const speedup = s ? s.wall_s / c.wall_s : null;
  return {
    rate_per_s: c.rate, horizon_s: c.max_time_s,
    simfaas: s, crossover: c, speedup,
  };
});
console.log(`\nSimFaaS ${simfaasVersion} (Python) vs Crossover's exact engine (native, best of 3): exponential service 1.991 s warm,` +
  ' 2.244 s cold, 600 s expiration\n');
const f = (v, d) => (v === null || v === undefined ? '—' : v.toFixed(d));
printTable(['λ (1/s)', 'simulated s', 'requests', 'SimFaaS wall', 'Crossover wall', 'speed-up', 'P(cold) SimFaaS', 'P(cold) Crossover',
  'avg inst. SimFaaS', 'avg inst. Crossover'],
sfRows.map((r) => [r.rate_per_s, r.horizon_s.toExponential(0), r.crossover.requests, r.simfaas ? `${f(r.simfaas.wall_s, 2)} s` : 'skipped',
  `${f(r.crossover.wall_s * 1e3, 2)} ms`, r.speedup ? `${Math.round(r.speedup).toLocaleString('en-US')}×` : '—',
  f(r.simfaas?.prob_cold, 5), f(r.crossover.prob_cold, 5), f(r.simfaas?.avg_instances, 3), f(r.crossover.avg_instances, 3)]));

const failed = rows.filter((r) => r.pass === false).map((r) => r.figure);
console.log(`\n${rows.filter((r) => r.pass === true).length} budgets met, ${failed.length} missed${failed.length ? ': ' + failed.join('; ') : ''}`);

writeFileSync(outJson, JSON.stringify({
  quick, generated: new Date().toISOString(),
  budgets: rows.filter((r) => r.budget !== '(info)'),
  info: rows.filter((r) => r.budget === '(info)'),
  simfaas: { version: simfaasVersion, scenarios: sfRows },
  raw: { criterion, criterion_requests: meta, wasm, browser, size },
}, null, 2));
console.log(`written: ${outJson}`);
if (!existsSync(outJson)) process.exit(1);
