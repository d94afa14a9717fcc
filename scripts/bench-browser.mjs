// Browser timings of the release site in headless Chromium (the e2e suite's server and launch flags).
// usage: node scripts/bench-browser.mjs SITE_ROOT [--quick] [--out FILE] [--trace FILE]
//        (the site is SITE_ROOT/crossover/; --trace writes a Chromium performance trace of 40 slider changes)
//
// navigation  a fresh browser context (empty HTTP and code cache) per run: navigation start (the page's time
//             origin) → the verdict in the DOM and visible (the prerendered first screen's or the app's
//             `#verdict-decision`) → the next animation frame → that frame painted (a message posted from
//             the rAF callback runs after the frame's rendering); the same for the exact figures
//             (`.results[data-exact="true"]`), for the app's own first verdict (`app_verdict`) and for the
//             app taking over from the snapshot with its exact figures (`live`).
// input       one page; every visible slider (`input[type=range]`, event `input`) and typed field
//             (`input.typed`, event `change`) in turn, set to random values. Main-thread time the change
//             costs, with the worker's reply held back meanwhile (it is timed on its own, below):
//               input = from the dispatch, inside a rAF callback, until two MessageChannel hops have run
//                       (the handler, Yew's render, the effects, then that frame's style/layout/paint);
//               frame = the next frame's own work: from its start (the rAF timestamp) until a message
//                       posted from a rAF callback registered last runs (the app's chart draws are rAF
//                       callbacks registered earlier, so they are inside), i.e. after its paint;
//               settled = input + frame (the vsync wait in between is idle, not counted).
// reply       the worker's answer for that change, released after the input is measured: from the message
//             until two hops after the exact figures are in the DOM, plus the next frame's work as above.
// drag        one change per frame for 60 frames on two sliders, replies flowing (see `drags`).
import { serve } from '../tests/e2e/server.mjs';
import { launch, holdWorkerReplies } from '../tests/e2e/harness.mjs';
import { writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const optionValue = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : null);
const out = optionValue('--out');
const traceFile = optionValue('--trace');
const root = args.find((a, i) => !a.startsWith('--') && !['--out', '--trace'].includes(args[i - 1])) ?? 'target/bench-site';
const NAVIGATIONS = quick ? 3 : 15;
const ROUNDS = quick ? 2 : 8; // changes per control

const { server, origin } = await serve(root);
const APP = `${origin}/crossover/`;
const browser = await launch();

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return { n: 0, median: null, p95: null, min: null, max: null };
  const pick = (q) => s[Math.min(s.length, Math.max(1, Math.ceil(q * s.length))) - 1];
  return { n: s.length, median: pick(0.5), p95: pick(0.95), min: s[0], max: s[s.length - 1] };
}

// Runs before any of the page's scripts: stamps when the verdict and the exact figures are painted.
function watchFirstPaint() {
  window.__bench = {};
  const painted = (key) => {
    const b = window.__bench;
    b[`${key}_present`] = performance.now();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { b[key] = performance.now(); };
      ch.port2.postMessage(0);
    });
  };
  // The verdict and the exact figures count from the first copy that can be painted: the prerendered first
  // screen's (scripts/prerender.mjs; hidden when the page shows another scenario) or the live app's.
  // `live` is when the app has taken over: the snapshot gone and the app's own exact figures in.
  const shown = (el) => el && el.checkVisibility();
  const seen = {};
  const obs = new MutationObserver(() => {
    const prerendered = document.getElementById('prerendered');
    if (!seen.verdict && (document.getElementById('verdict-decision')
      || shown(prerendered?.querySelector('[data-prerendered-id="verdict-decision"]')))) { seen.verdict = true; painted('verdict'); }
    if (!seen.exact && [...document.querySelectorAll('.results[data-exact="true"]')].some(shown)) { seen.exact = true; painted('exact'); }
    if (!seen.app_verdict && document.getElementById('verdict-decision')) { seen.app_verdict = true; painted('app_verdict'); }
    if (!seen.live && !prerendered && document.querySelector('#app .results[data-exact="true"]')) { seen.live = true; painted('live'); }
    if (seen.verdict && seen.exact && seen.app_verdict && seen.live) obs.disconnect();
  });
  obs.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-exact'] });
}

async function navigation() {
  const runs = [];
  for (let i = 0; i <= NAVIGATIONS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(watchFirstPaint);
    const page = await context.newPage();
    await page.goto(APP, { waitUntil: 'commit' });
    await page.waitForFunction(() => ['verdict', 'exact', 'app_verdict', 'live'].every((k) => window.__bench?.[k] !== undefined),
      null, { timeout: 30_000 });
    const r = await page.evaluate(() => {
      const res = performance.getEntriesByType('resource');
      const wasm = res.filter((e) => e.name.split('?')[0].endsWith('.wasm'));
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        ...window.__bench,
        wasm_fetched: wasm.length ? Math.max(...wasm.map((e) => e.responseEnd)) : null,
        wasm_files: wasm.length,
        fcp: fcp ? fcp.startTime : null,
      };
    });
    await context.close();
    if (i > 0) runs.push(r); // run 0 warms the browser process up (not the cache: each context is new)
  }
  const of = (k) => stats(runs.map((r) => r[k]).filter((v) => v !== null && v !== undefined));
  return {
    runs: runs.length,
    verdict: of('verdict'), verdict_present: of('verdict_present'),
    exact: of('exact'), exact_present: of('exact_present'), app_verdict: of('app_verdict'), live: of('live'),
    wasm_fetched: of('wasm_fetched'), fcp: of('fcp'), wasm_files_fetched_by_page: runs[0]?.wasm_files ?? null,
  };
}

// The live app has its exact figures and the prerendered first screen is gone (inputs go to the app).
function appTookOver(page) {
  return page.waitForFunction(() => !document.getElementById('prerendered')
    && document.querySelector('#app .results[data-exact="true"]'), null, { timeout: 30_000 });
}

async function inputs(page, rounds) {
  return page.evaluate(async (rounds) => {
    const raf = () => new Promise((r) => requestAnimationFrame(r));
    const hops = () => new Promise((r) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        const ch2 = new MessageChannel();
        ch2.port1.onmessage = () => r(performance.now());
        ch2.port2.postMessage(0);
      };
      ch.port2.postMessage(0);
    });
    // The next frame's own work: its start (rAF timestamp) until after its paint. Each timed span is also
    // a User Timing measure, so a trace can say what ran inside it.
    const nextFrame = (label) => new Promise((r) => requestAnimationFrame((start) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        const end = performance.now();
        performance.measure(`bench:${label}`, { start, end });
        r(end - start);
      };
      ch.port2.postMessage(0);
    }));
    const exact = () => document.querySelector('#app .results')?.dataset.exact === 'true';
    const waitExact = async () => {
      const t = performance.now();
      while (!exact() && performance.now() - t < 10_000) await new Promise((r) => setTimeout(r, 2));
    };
    let seed = 20261123;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const controls = () => [...document.querySelectorAll('input[type=range][id^="c-"], input.typed')]
      .filter((e) => e.offsetParent !== null);
    const name = (el) => (el.type === 'range' ? el.id : `${el.previousElementSibling?.id ?? '?'}:typed`);
    const results = [];
    const count = controls().length;
    for (let i = 0; i < count * rounds; i++) {
      const list = controls();
      const el = list[i % list.length];
      const min = Number(el.min || 0), max = Number(el.max || 100);
      const step = Number(el.step) || (el.type === 'range' ? 1 : 0);
      let v;
      do {
        const x = min + rnd() * (max - min);
        v = step ? String(Math.round(x / step) * step) : String(Number(x.toPrecision(3)));
      } while (v === el.value);
      await waitExact();
      await raf();
      window.__hold = true;
      const r = await new Promise((resolve) => requestAnimationFrame(async () => {
        const t0 = performance.now();
        el.value = v;
        el.dispatchEvent(new Event(el.type === 'range' ? 'input' : 'change', { bubbles: true }));
        const handled = performance.now() - t0;
        const idle = await hops();
        performance.measure('bench:input', { start: t0, end: idle });
        const input = idle - t0;
        const frame = await nextFrame('input-frame');
        resolve({ id: name(el), handled, input, frame, settled: input + frame });
      }));
      // The reply: released now if it came during the input, else timed when it arrives.
      window.__hold = false;
      const waitedFor = performance.now();
      if (!window.__release()) {
        while (!exact() && (window.__lastMessage ?? 0) < waitedFor && performance.now() - waitedFor < 10_000) {
          await new Promise((res) => setTimeout(res, 1));
        }
      }
      const start = window.__lastMessage ?? performance.now();
      // An invalid typed value changes nothing and needs no answer.
      if (!exact()) {
        await new Promise((res) => {
          const obs = new MutationObserver(() => { if (exact()) { obs.disconnect(); res(); } });
          obs.observe(document.querySelector('#app .results'), { attributes: true });
          if (exact()) { obs.disconnect(); res(); }
        });
      }
      const idle = await hops();
      performance.measure('bench:reply', { start, end: idle });
      const frame = await nextFrame('reply-frame');
      r.reply = idle - start + frame;
      results.push(r);
    }
    return results;
  }, rounds);
}

async function sliders() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(holdWorkerReplies);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(APP);
  await appTookOver(page);
  await page.waitForTimeout(500);
  const changes = await inputs(page, ROUNDS);
  let trace = null;
  if (traceFile) {
    // A Chromium performance trace (open in chrome://tracing or DevTools) of a few changes, and the
    // time per trace event name on the main thread, to see where the input's milliseconds go.
    const cdp = await context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8',
        'disabled-by-default-v8.cpu_profiler'] },
      transferMode: 'ReportEvents',
    });
    await inputs(page, 1);
    await cdp.send('Tracing.end');
    await done;
    writeFileSync(traceFile, JSON.stringify({ traceEvents: events }));
    trace = summariseTrace(events);
  }
  await context.close();
  const by = {};
  for (const c of changes) (by[c.id] ??= []).push(c.settled);
  const perControl = Object.fromEntries(Object.entries(by).map(([k, v]) => [k, stats(v)]));
  const worst = Object.entries(perControl).reduce((a, b) => (b[1].p95 > a[1].p95 ? b : a), ['', { p95: -1 }]);
  return {
    changes: changes.length,
    controls: Object.keys(by),
    settled: stats(changes.map((c) => c.settled)),
    input: stats(changes.map((c) => c.input)),
    frame: stats(changes.map((c) => c.frame)),
    handled: stats(changes.map((c) => c.handled)),
    reply: stats(changes.map((c) => c.reply)),
    worst_control: { id: worst[0], ...worst[1] },
    per_control: perControl,
    trace,
    page_errors: errors,
  };
}

// A real drag: one change per frame for 60 frames on the volume and the memory sliders, the worker's replies
// flowing as they come; per change, the change's task plus the next frame's work (as `input` above, so a
// reply handled in between counts too). Sixty frames a second needs this under ~16 ms.
async function drags() {
  const out = {};
  for (const id of ['c-requests_per_month', 'c-memory_mb']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(APP);
    await appTookOver(page);
    await page.waitForTimeout(300);
    out[id] = stats(await page.evaluate(async (id) => {
      const hops = () => new Promise((r) => {
        const c = new MessageChannel();
        c.port1.onmessage = () => { const d = new MessageChannel(); d.port1.onmessage = () => r(performance.now()); d.port2.postMessage(0); };
        c.port2.postMessage(0);
      });
      const nextFrame = () => new Promise((r) => requestAnimationFrame((start) => {
        const c = new MessageChannel();
        c.port1.onmessage = () => r(performance.now() - start);
        c.port2.postMessage(0);
      }));
      const el = document.getElementById(id);
      const min = Number(el.min), max = Number(el.max), step = Number(el.step) || 1;
      const times = [];
      for (let i = 0; i < 60; i++) {
        times.push(await new Promise((res) => requestAnimationFrame(async () => {
          const t0 = performance.now();
          el.value = String(Math.round((min + ((i * 7) % 60) / 60 * (max - min)) / step) * step);
          el.dispatchEvent(new Event('input', { bubbles: true }));
          const input = (await hops()) - t0;
          res(input + (await nextFrame()));
        })));
      }
      return times;
    }, id));
    await context.close();
  }
  return out;
}

/** Main-thread self time per trace event name inside the harness's timed spans (User Timing measures
 * `bench:input`, `bench:input-frame`, `bench:reply`, `bench:reply-frame`), in ms per change. */
function summariseTrace(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return null;
  // Measures are async begin/end pairs in blink.user_timing.
  const open = new Map();
  const spans = [];
  for (const e of events.filter((x) => x.cat === 'blink.user_timing' && x.name.startsWith('bench:')).sort((a, b) => a.ts - b.ts)) {
    const key = `${e.name}/${e.id ?? e.id2?.local}`;
    if (e.ph === 'b') open.set(key, e.ts);
    else if (e.ph === 'e' && open.has(key)) { spans.push({ name: e.name.slice(6), start: open.get(key), end: e.ts }); open.delete(key); }
  }
  const xs = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Self time: an event's duration minus its children's on the same thread.
  const self = new Map();
  const stack = [];
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    if (stack.length) self.set(stack[stack.length - 1], (self.get(stack[stack.length - 1]) ?? 0) - e.dur);
    self.set(e, (self.get(e) ?? 0) + e.dur);
    stack.push(e);
  }
  const out = {};
  const events_ = {}; // the same per trace event name (Paint, Layout, FunctionCall, …)
  const counts = {};
  for (const sp of spans) counts[sp.name] = (counts[sp.name] ?? 0) + 1;
  for (const [e, us] of self) {
    const sp = spans.find((x) => e.ts >= x.start && e.ts < x.end);
    if (!sp || us <= 0) continue;
    const name = ['FunctionCall', 'RunMicrotasks', 'EventDispatch', 'FireAnimationFrame', 'TimerFire', 'HandlePostMessage'].includes(e.name)
      ? 'script (wasm + JS)' : ['UpdateLayoutTree', 'Layout'].includes(e.name) ? 'style + layout'
        : ['Paint', 'PrePaint', 'Layerize', 'UpdateLayer', 'Commit'].includes(e.name) ? 'paint + commit'
          : e.name.startsWith('V8.GC') || e.name.includes('GC') ? 'GC' : 'other';
    out[sp.name] ??= {};
    out[sp.name][name] = (out[sp.name][name] ?? 0) + us / 1000;
    events_[sp.name] ??= {};
    events_[sp.name][e.name] = (events_[sp.name][e.name] ?? 0) + us / 1000;
  }
  for (const table of [out, events_]) {
    for (const [span, by] of Object.entries(table)) {
      for (const k of Object.keys(by)) by[k] = Number((by[k] / counts[span]).toFixed(3));
    }
  }
  return { ms_per_change: out, by_event: events_, changes: counts.input ?? 0, functions: summariseSamples(events, main, spans, counts) };
}

/** The V8 sampling profiler's samples on the main thread inside the `input` and `reply` spans, by the
 * function on top of the stack (self time; wasm functions by their name-section names when the module
 * keeps them, else `wasm-function[N]`), in ms per change, the 25 largest each. */
function summariseSamples(events, main, spans, counts) {
  const profiles = new Map(); // id → { start, nodes, samples: [[ts, node]] }
  // The main thread's profile is announced on the main thread; its chunks come from the sampler's thread.
  const ids = new Set(events.filter((x) => x.name === 'Profile' && x.pid === main.pid && x.tid === main.tid).map((x) => x.id));
  for (const e of events.filter((x) => x.pid === main.pid && ids.has(x.id) && (x.name === 'Profile' || x.name === 'ProfileChunk'))
    .sort((a, b) => a.ts - b.ts)) {
    const p = profiles.get(e.id) ?? { t: 0, nodes: new Map() };
    profiles.set(e.id, p);
    const d = e.args?.data ?? {};
    if (e.name === 'Profile') { p.t = d.startTime ?? e.ts; continue; }
    for (const n of d.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    const samples = d.cpuProfile?.samples ?? [];
    const deltas = d.timeDeltas ?? [];
    (p.samples ??= []);
    for (let i = 0; i < samples.length; i++) { p.t += deltas[i] ?? 0; p.samples.push([p.t, samples[i]]); }
  }
  const out = {};
  for (const p of profiles.values()) {
    const s = p.samples ?? [];
    for (let i = 0; i + 1 < s.length; i++) {
      const [ts, id] = s[i];
      const sp = spans.find((x) => ts >= x.start && ts < x.end && (x.name === 'input' || x.name === 'reply'));
      if (!sp) continue;
      const f = p.nodes.get(id)?.callFrame;
      const name = !f ? '?' : f.functionName || (f.url ? `(anonymous ${f.url.split('/').pop()})` : `(${f.codeType ?? 'program'})`);
      out[sp.name] ??= {};
      out[sp.name][name] = (out[sp.name][name] ?? 0) + (s[i + 1][0] - ts) / 1000;
    }
  }
  for (const [span, by] of Object.entries(out)) {
    out[span] = Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 25)
      .map(([fn, ms]) => ({ fn, ms: Number((ms / counts[span]).toFixed(3)) }));
  }
  return out;
}

const result = { navigation: await navigation(), slider: await sliders(), drag: await drags() };
await browser.close();
server.close();
const json = JSON.stringify(result, null, 2);
if (out) writeFileSync(out, json);
else console.log(json);
