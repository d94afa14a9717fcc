// Browser timings of the release site in headless Chromium (the e2e suite's server and launch flags).
// usage: node scripts/bench-browser.mjs SITE_ROOT [--quick] [--out FILE]   (the site is SITE_ROOT/crossover/)
//
// navigation  fresh browser context (empty HTTP and code cache) per run: navigation start (the page's time
//             origin) → `#verdict-decision` in the DOM → the next animation frame → that frame painted
//             (a message posted from the rAF callback runs after the frame's rendering).
// slider      one page; for each change, inside a rAF callback (where Chromium delivers rAF-aligned input):
//             set a random position on the next visible `input[type=range]` (cycling through all of them),
//             dispatch `input`; `painted` = until a message posted then runs, i.e. after Yew's render, the
//             chart redraws (effects) and the style/layout/paint of that frame; `next_frame` = the rAF of
//             the following frame (vsync-quantised, ≥ 16.7 ms at 60 Hz); `settled` = until the web worker's
//             simulation for the new scenario has arrived and the exact figures are rendered (`data-exact`).
import { serve } from '../tests/e2e/server.mjs';
import { launch } from '../tests/e2e/harness.mjs';
import { writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? args[outIdx + 1] : null;
const root = args.find((a, i) => !a.startsWith('--') && i !== outIdx + 1) ?? 'target/bench-site';
const NAVIGATIONS = quick ? 3 : 15;
const CHANGES = quick ? 40 : 200;

const { server, origin } = await serve(root);
const APP = `${origin}/crossover/`;
const browser = await launch();

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const pick = (q) => s[Math.min(s.length, Math.max(1, Math.ceil(q * s.length))) - 1];
  return { n: s.length, median: pick(0.5), p95: pick(0.95), min: s[0], max: s[s.length - 1] };
}

// Runs before any of the page's scripts: watches for the verdict and stamps the times.
function watchVerdict() {
  window.__bench = {};
  const found = () => {
    const b = window.__bench;
    b.present = performance.now();
    requestAnimationFrame(() => {
      b.frame = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { b.painted = performance.now(); };
      ch.port2.postMessage(0);
    });
  };
  const obs = new MutationObserver(() => {
    if (document.getElementById('verdict-decision')) { obs.disconnect(); found(); }
  });
  obs.observe(document, { childList: true, subtree: true });
}

async function navigation() {
  const runs = [];
  for (let i = 0; i <= NAVIGATIONS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(watchVerdict);
    const page = await context.newPage();
    await page.goto(APP, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bench && window.__bench.painted !== undefined, null, { timeout: 30_000 });
    const r = await page.evaluate(() => {
      const res = performance.getEntriesByType('resource');
      const wasm = res.find((e) => e.name.endsWith('.wasm'));
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        ...window.__bench,
        wasm_fetched: wasm ? wasm.responseEnd : null,
        fcp: fcp ? fcp.startTime : null,
        dom_content_loaded: nav ? nav.domContentLoadedEventEnd : null,
        transfer_bytes: res.reduce((a, e) => a + (e.transferSize || 0), 0) + (nav ? nav.transferSize : 0),
      };
    });
    await context.close();
    if (i > 0) runs.push(r); // run 0 warms the browser process up (not the cache: each context is new)
  }
  const of = (k) => stats(runs.map((r) => r[k]).filter((v) => v !== null && v !== undefined));
  return {
    runs: runs.length,
    painted: of('painted'), present: of('present'), frame: of('frame'),
    wasm_fetched: of('wasm_fetched'), fcp: of('fcp'), dom_content_loaded: of('dom_content_loaded'),
    transfer_bytes: runs[0]?.transfer_bytes ?? null,
  };
}

async function sliders() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(APP);
  await page.locator('#verdict-decision').waitFor();
  await page.waitForTimeout(300);
  const changes = await page.evaluate(async (n) => {
    const raf = () => new Promise((r) => requestAnimationFrame(r));
    const tick = () => new Promise((r) => setTimeout(r, 0));
    let seed = 20261123;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const canvases = () => [...document.querySelectorAll('canvas[data-draw-ms]')];
    const results = [];
    for (let i = 0; i < n; i++) {
      const list = [...document.querySelectorAll('input[type=range][id^="c-"]')].filter((e) => e.offsetParent !== null);
      const el = list[i % list.length];
      const min = Number(el.min || 0), max = Number(el.max || 100), step = Number(el.step) || 1;
      let v;
      do { v = String(Math.round((min + rnd() * (max - min)) / step) * step); } while (v === el.value);
      const drawsBefore = canvases().map((c) => c.getAttribute('data-draw-ms'));
      await raf();
      const r = await new Promise((resolve) => requestAnimationFrame(() => {
        const t0 = performance.now();
        el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        const handled = performance.now() - t0;
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          const painted = performance.now() - t0;
          requestAnimationFrame(() => {
            const nextFrame = performance.now() - t0;
            // The simulation runs in a web worker; the page marks `data-exact` when its figures arrive.
            const poll = () => {
              const exact = document.querySelector('.results')?.dataset.exact === 'true';
              if (exact || performance.now() - t0 > 5000) {
                resolve({ t0, handled, painted, nextFrame, settled: performance.now() - t0 });
              } else {
                setTimeout(poll, 1);
              }
            };
            poll();
          });
        };
        ch.port2.postMessage(0);
      }));
      const draws = canvases().map((c) => c.getAttribute('data-draw-ms'));
      r.id = el.id;
      // Chart draw times that changed (an identical figure from a redraw is missed: a lower bound).
      r.draw_ms = draws.reduce((a, d, k) => a + (d !== drawsBefore[k] ? Number(d || 0) : 0), 0);
      results.push(r);
      await tick();
    }
    return results;
  }, CHANGES);
  await context.close();
  const by = {};
  for (const c of changes) (by[c.id] ??= []).push(c.painted);
  return {
    changes: changes.length,
    sliders: Object.keys(by),
    painted: stats(changes.map((c) => c.painted)),
    handled: stats(changes.map((c) => c.handled)),
    next_frame: stats(changes.map((c) => c.nextFrame)),
    settled: stats(changes.map((c) => c.settled)),
    chart_draw: stats(changes.map((c) => c.draw_ms)),
    per_slider_p95: Object.fromEntries(Object.entries(by).map(([k, v]) => [k, stats(v).p95])),
    page_errors: errors,
  };
}

const result = { navigation: await navigation(), slider: await sliders() };
await browser.close();
server.close();
const json = JSON.stringify(result, null, 2);
if (out) writeFileSync(out, json);
else console.log(json);
