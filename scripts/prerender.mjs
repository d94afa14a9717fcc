// Writes the release's first screen into its index.html, so a first visit paints the verdict and the exact
// figures from HTML, before the wasm has downloaded, compiled and rendered (issue 16: verdict ≤ 120 ms).
// usage: node scripts/prerender.mjs SITE_ROOT        (the site is SITE_ROOT/crossover/, built by trunk)
//
// The snapshot is the app itself: the release just built, opened in headless Chromium with the default
// scenario and no saved state, once it has settled (the worker's exact figures and sensitivity sentences
// are in). Every number in it therefore comes from the core, from this release's data; nothing is
// written by hand. What the snapshot changes:
//   - ids (and the attributes that point at ids) become data-prerendered-* attributes, so the live app,
//     laid out beneath the snapshot until it takes over, is the only owner of its ids;
//   - form controls get their current values as attributes (Yew sets them as properties, which
//     serialisation drops), so the sliders stand where the live app will put them;
//   - canvases stay empty boxes of their size (the live app draws them when it takes over), without the
//     bench's draw-time stamp;
//   - it is the first screen only: a block of either column (a control group, a result card) or the footer
//     that starts below FIRST_SCREEN_PX at this viewport is left to the live app, so the browser parses,
//     styles and lays out half the elements before its first paint;
//   - Trunk's preloads of the app's JS and wasm are taken out of <head>: when the snapshot shows, their
//     downloads took the two cores from its first frame, and boot.js fetches both once that frame is
//     painted; static/prerender.js puts them back when the snapshot will not show (nothing is painted
//     before the app then, and the early download pays).
// static/prerender.js hides the snapshot whenever the page would show something else (a query, a hash,
// saved state); static/boot.js removes it once the live app has its exact figures. After writing,
// the service worker is re-stamped (scripts/stamp.sh), since index.html changed.
import { serve } from '../tests/e2e/server.mjs';
import { launch } from '../tests/e2e/harness.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = process.argv[2];
if (!root) throw new Error('usage: node scripts/prerender.mjs SITE_ROOT');
const index = join(root, 'crossover', 'index.html');
const EMPTY = /<div id="prerendered" inert(="")?><\/div>/;
// Trunk's `<link rel="modulepreload" …>` and `<link rel="preload" … as="fetch" type="application/wasm">`.
const PRELOADS = /<link rel="(modulepreload|preload)" [^>]*>/g;
// The prerender's viewport is 1280 × 800: its first screen, with a quarter of a screen to spare. At this
// width the verdict and the cost table start above it, and the third control group and the crossover
// chart below it (its canvas is an empty box in a snapshot anyway).
const FIRST_SCREEN_PX = 1000;
const html = readFileSync(index, 'utf8');
if (!EMPTY.test(html)) throw new Error(`${index}: no empty <div id="prerendered" inert></div> to fill (already prerendered?)`);

const { server, origin } = await serve(root);
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${origin}/crossover/`);
  // Settled: the exact figures and the sensitivity sentences the app asks for once they are in (the
  // snapshot must not depend on which of the two this run caught).
  await page.waitForSelector('#app .results[data-settled="true"]', { timeout: 60_000 });
  if (problems.length) throw new Error(`the page failed while prerendering: ${problems.join('; ')}`);
  const snapshot = await page.evaluate((firstScreen) => {
    const live = document.getElementById('app');
    const below = (el) => el.getBoundingClientRect().top + scrollY > firstScreen;
    const BLOCKS = '.controls > *, .results > *, .app > footer';
    const dropped = [...live.querySelectorAll(BLOCKS)].map(below);
    const copy = live.cloneNode(true);
    const liveControls = live.querySelectorAll('input, select, textarea');
    copy.querySelectorAll('input, select, textarea').forEach((el, i) => {
      const from = liveControls[i];
      if (el.type === 'checkbox' || el.type === 'radio') el.toggleAttribute('checked', from.checked);
      else if (el.tagName === 'SELECT') [...el.options].forEach((o, k) => o.toggleAttribute('selected', from.options[k].selected));
      else if (el.tagName === 'TEXTAREA') el.textContent = from.value;
      else el.setAttribute('value', from.value);
    });
    for (const attr of ['id', 'for', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'list']) {
      copy.querySelectorAll(`[${attr}]`).forEach((el) => {
        el.setAttribute(`data-prerendered-${attr}`, el.getAttribute(attr));
        el.removeAttribute(attr);
      });
    }
    // A chart's last draw time is the bench's reading of this one run, not part of the page.
    copy.querySelectorAll('[data-draw-ms]').forEach((el) => el.removeAttribute('data-draw-ms'));
    const kept = [...copy.querySelectorAll(BLOCKS)];
    if (kept.length !== dropped.length) throw new Error('the copy\'s blocks differ from the live app\'s');
    kept.forEach((el, i) => { if (dropped[i]) el.remove(); });
    return copy.innerHTML;
  }, FIRST_SCREEN_PX);
  if (/\sstyle="/.test(snapshot)) throw new Error('the snapshot has style attributes, which the page CSP blocks');
  if (/<script/i.test(snapshot)) throw new Error('the snapshot has a script element');
  if (!snapshot.includes('data-prerendered-id="verdict-decision"') || !snapshot.includes('data-exact="true"')) {
    throw new Error(`the first screen above ${FIRST_SCREEN_PX} px lacks the verdict or the exact figures`);
  }
  const preloads = html.match(PRELOADS) ?? [];
  if (preloads.length !== 2) throw new Error(`expected Trunk's two preloads (JS, wasm) in ${index}, found ${preloads.length}`);
  writeFileSync(index, html.replace(PRELOADS, '')
    .replace(EMPTY, () => `<div id="prerendered" inert aria-busy="true">${snapshot}</div>`));
  console.log(`prerender: ${snapshot.length} characters of first screen written into ${index}`);
} finally {
  await browser.close();
  server.close();
}
execFileSync('bash', ['scripts/stamp.sh', join(root, 'crossover')], { stdio: 'inherit' });
