// The static site itself, against the release build served under a sub-path from loopback: no inline
// script and a strict CSP, offline after one visit (service worker), installable (manifest), and a new
// release replacing the old one.
// usage: node tests/e2e/site.mjs SITE_ROOT   (the site lives at SITE_ROOT/crossover/)
import { serve } from './server.mjs';
import { launch, openPage, assertClean, assert, run } from './harness.mjs';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = process.argv[2] ?? 'target/site';
const SITE = join(root, 'crossover');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; "
  + "connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'self'; form-action 'none'; object-src 'none'";
const browser = await launch();

/** The attributes of an HTML start tag's attribute text, names lower-cased (enough for Trunk's output). */
function attributes(text) {
  const attrs = {};
  for (const m of text.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    attrs[m[1].toLowerCase()] = (m[2] ?? m[3] ?? m[4] ?? '').replaceAll('&amp;', '&');
  }
  return attrs;
}

/** Every element `tag` of the file: its attributes and (for elements with content) its text. */
function elements(html, tag) {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  const re = new RegExp(`<${tag}\\b([^>]*)>(?:([\\s\\S]*?)</${tag}\\s*>)?`, 'gi');
  return [...withoutComments.matchAll(re)].map((m) => ({ attrs: attributes(m[1]), body: m[2] ?? '' }));
}

/** Serves the site; `stop()` ends the server and every open connection (the network is gone). */
async function site(dir = root) {
  const { server, origin } = await serve(dir);
  return {
    origin, app: `${origin}/crossover/`,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/** Waits until the page shows the exact figures (the worker has answered). */
async function exact(page) {
  await page.locator('#verdict-decision').waitFor({ timeout: 20000 });
  await page.locator('#app .results[data-exact="true"]').waitFor({ timeout: 20000 });
}

/** Whether the page's web worker runs the app's module (its Rust side has taken over `onmessage`). */
async function workerRuns(page) {
  for (let i = 0; i < 200; i++) {
    for (const w of page.workers()) {
      if (await w.evaluate(() => self.onmessage !== null).catch(() => false)) return true;
    }
    await page.waitForTimeout(50);
  }
  return false;
}

/** Waits for the service worker to be active and controlling the page (reloads once if it is not). */
async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const isControlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!await isControlled()) {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 5000 })
      .catch(async () => { await page.reload(); await exact(page); });
  }
  assert(await isControlled(), 'the service worker controls the page');
}

/** The live app, not an inert prerendered copy, takes a typed value: it reaches the page's URL. */
async function takesInput(page) {
  await page.locator('#c-memory_mb + .typed').fill('1024');
  await page.locator('#c-memory_mb + .typed').press('Enter');
  await page.waitForFunction(() => Number(new URLSearchParams(location.search).get('m')) === 1024, null, { timeout: 5000 });
  assertClean(page);
}

/** The names of the caches the service worker keeps (for this origin). */
const cacheNames = (page) => page.evaluate(() => caches.keys());

const failures = await run([
  ['the built index.html has no inline script, no inline style and the strict CSP', async () => {
    const html = readFileSync(join(SITE, 'index.html'), 'utf8');
    const scripts = elements(html, 'script');
    assert(scripts.length >= 1, 'the page loads a script');
    for (const s of scripts) {
      assert(s.attrs.src, `every <script> has a src: <script ${JSON.stringify(s.attrs)}>${s.body.slice(0, 80)}`);
      assert(s.body.trim() === '', `a <script src> has no inline body: ${s.body.slice(0, 80)}`);
    }
    assert(elements(html, 'style').length === 0, 'no <style> element');
    const inlineAttr = html.replace(/<!--[\s\S]*?-->/g, '').match(/<[^>]*\s(style|on[a-z]+)\s*=[^>]*>/i);
    assert(!inlineAttr, `no style= or on*= attribute: ${inlineAttr?.[0]}`);
    const csp = elements(html, 'meta').filter((m) => m.attrs['http-equiv']?.toLowerCase() === 'content-security-policy');
    assert(csp.length === 1, `one CSP meta, found ${csp.length}`);
    assert(csp[0].attrs.content === CSP, `the CSP is\n  ${csp[0].attrs.content}\nnot\n  ${CSP}`);
    // The CSP meta comes before anything it governs.
    assert(html.indexOf('Content-Security-Policy') < html.search(/<(script|link)\b/i), 'the CSP meta comes first');
    const boot = new URL(scripts[0].attrs.src, 'http://x/crossover/');
    assert(boot.pathname === '/crossover/boot.js' && scripts[0].attrs.type === 'module', `boot.js as a module: ${scripts[0].attrs.src}`);
    for (const key of ['js', 'wasm']) {
      const file = boot.searchParams.get(key);
      assert(/^crossover-web-[0-9a-f]+(_bg\.wasm|\.js)$/.test(file ?? ''), `content-hashed ${key} in the boot URL: ${file}`);
      assert(existsSync(join(SITE, file)), `${file} exists`);
    }
    const links = elements(html, 'link');
    assert(links.some((l) => l.attrs.rel === 'manifest' && l.attrs.href === 'manifest.webmanifest'), 'the manifest is linked');
    assert(elements(html, 'meta').some((m) => m.attrs.name === 'theme-color'), 'theme-color meta');
    for (const l of links) {
      if (l.attrs.href) assert(!/^(\/|https?:)/.test(l.attrs.href), `relative URL (any sub-path): ${l.attrs.href}`);
    }
  }],

  ['the release is stamped: the service worker version and pre-cache list; one wasm module', async () => {
    // The worker runs the page's own module (no second wasm to download or to stamp).
    const wasm = readdirSync(SITE).filter((f) => f.endsWith('.wasm'));
    assert(wasm.length === 1 && /^crossover-web-.*_bg\.wasm$/.test(wasm[0]), `one wasm module: ${wasm}`);
    const sw = readFileSync(join(SITE, 'sw.js'), 'utf8');
    const version = sw.match(/^const VERSION = '([0-9a-f]{16})';$/m);
    assert(version, 'sw.js has a stamped VERSION');
    const assets = JSON.parse(sw.match(/^const ASSETS = (.*);$/m)[1]);
    for (const f of ['./index.html', './boot.js', './worker.js', './claims.json', './manifest.webmanifest',
      './icons/icon-192.png', './icons/icon-512.png', './oembed.json', './examples/embed-resize.js']) {
      assert(assets.includes(f), `pre-cached: ${f}`);
    }
    for (const f of assets) assert(existsSync(join(SITE, f)), `pre-cached file exists: ${f}`);
    assert(assets.some((f) => /\.css$/.test(f)) && assets.filter((f) => /^\.\/crossover-web-.*(\.js|\.wasm)$/.test(f)).length === 2,
      'the CSS and the app JS and wasm are pre-cached');
  }],

  ['the page links a valid oEmbed document; stamped with the public address, its iframe embeds the widget elsewhere', async () => {
    const html = readFileSync(join(SITE, 'index.html'), 'utf8');
    const link = elements(html, 'link').find((l) => l.attrs.rel === 'alternate' && l.attrs.type === 'application/json+oembed');
    assert(link?.attrs.href === 'oembed.json', `oEmbed discovery link: ${JSON.stringify(link)}`);
    assert(elements(html, 'meta').some((m) => m.attrs.name === 'responsive-embedded-sizing'), 'responsive-embedded-sizing meta');
    const dir = mkdtempSync(join(tmpdir(), 'crossover-oembed-'));
    try {
      cpSync(root, dir, { recursive: true });
      const s = await site(dir);
      // A build for a known address writes it into the document (scripts/stamp.sh, CROSSOVER_PUBLIC_URL).
      execFileSync('bash', ['scripts/stamp.sh', join(dir, 'crossover')], { env: { ...process.env, CROSSOVER_PUBLIC_URL: s.app } });
      const response = await fetch(new URL(link.attrs.href, s.app));
      assert(response.ok && response.headers.get('content-type').startsWith('application/json'), `served as JSON: ${response.status}`);
      const doc = await response.json();
      // oEmbed 1.0 §2.3.4: version and type; for "rich", html, width and height.
      assert(doc.version === '1.0' && doc.type === 'rich', `version and type: ${JSON.stringify(doc)}`);
      assert(Number.isInteger(doc.width) && doc.width > 0 && Number.isInteger(doc.height) && doc.height > 0, 'width and height');
      assert(doc.provider_url === s.app, `provider_url: ${doc.provider_url}`);
      const frame = elements(doc.html, 'iframe');
      assert(frame.length === 1 && frame[0].attrs.src.startsWith(`${s.app}?embed=`), `one iframe on the public address: ${doc.html}`);
      assert(frame[0].attrs.sandbox === 'allow-scripts allow-same-origin allow-popups', 'sandboxed');
      // A documentation tool on another origin pastes the html: the widget runs there.
      const { createServer } = await import('node:http');
      const consumer = await new Promise((resolve) => {
        const srv = createServer((req, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end(`<!doctype html><h1>Docs</h1>${doc.html}`); });
        srv.listen(0, '127.0.0.1', () => resolve(srv));
      });
      const docs = `http://127.0.0.1:${consumer.address().port}/`;
      const page = await openPage(browser, docs, {}, [s.origin]);
      await page.goto(docs);
      await page.frameLocator('iframe').locator('#verdict-decision').waitFor({ timeout: 20000 });
      assertClean(page);
      await page.context().close();
      consumer.close();
      await s.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }],

  ['the first screen is the release\'s own, prerendered: painted at once, equal to the live app, replaced by it', async () => {
    // scripts/prerender.mjs wrote the default scenario's first screen, exact figures included, into index.html.
    const html = readFileSync(join(SITE, 'index.html'), 'utf8');
    const snapshot = html.match(/<div id="prerendered" inert aria-busy="true">([\s\S]*)<\/div>\s*<div id="app">/)?.[1];
    assert(snapshot && snapshot.includes('data-prerendered-id="verdict-decision"') && snapshot.includes('data-exact="true"'),
      'index.html holds the prerendered verdict and exact figures');
    assert(!/\s(id|for)="/.test(snapshot), 'the snapshot owns no id (the live app\'s ids stay unique)');
    const s = await site();
    const page = await openPage(browser, s.origin);
    // What the visitor has when the HTML is parsed (the stylesheet is in: the classic prerender.js waited for it).
    await page.context().addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
      const shot = document.getElementById('prerendered');
      window.__parsed = {
        shown: getComputedStyle(shot).display !== 'none' && shot.checkVisibility(),
        cards: [...shot.querySelectorAll('.results > *')].map((card) => card.textContent),
        appRendered: document.getElementById('app').childElementCount > 0,
        // Trunk's preloads are out while the snapshot shows (boot.js fetches after its first frame).
        preloads: document.querySelectorAll('link[rel="preload"], link[rel="modulepreload"]').length,
      };
    }));
    await page.goto(s.app);
    await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
    const parsed = await page.evaluate(() => window.__parsed);
    assert(parsed.shown && !parsed.appRendered && parsed.preloads === 0,
      `the snapshot is painted before the app renders, and nothing is downloaded meanwhile: ${JSON.stringify(parsed)}`);
    // Settled as the snapshot was: exact figures and sensitivity sentences (boot.js hands over then, or
    // after 3 s on a machine too loaded for that).
    await page.locator('#app .results[data-settled="true"]').waitFor({ timeout: 20000 });
    // The snapshot is the first screen: the verdict and the cost table, and the live app's cards below.
    const live = await page.evaluate((n) => [...document.querySelectorAll('#app .results > *')].slice(0, n).map((c) => c.textContent),
      parsed.cards.length);
    assert(parsed.cards.length >= 2 && parsed.cards.length < await page.locator('#app .results > *').count(),
      `the snapshot holds the first screen's cards, not all: ${parsed.cards.length}`);
    parsed.cards.forEach((card, i) => assert(card === live[i],
      `the snapshot's card ${i} is the live app's:\n${card.slice(0, 400)}\nvs\n${live[i]?.slice(0, 400)}`));
    const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
    assert(new Set(ids).size === ids.length, 'ids are unique once the app has taken over');
    await takesInput(page);
    await page.context().close();
    await s.stop();
  }],

  ['reaching for a control before the exact figures hands the page over to the live app at once', async () => {
    const s = await site();
    const page = await openPage(browser, s.origin);
    // The worker's answers never arrive (its ready message does): the exact figures can't end the snapshot.
    await page.context().addInitScript(() => {
      const Native = window.Worker;
      window.Worker = class extends Native {
        constructor(...a) {
          super(...a);
          this.addEventListener('message', (e) => { if (e.data !== 0) e.stopImmediatePropagation(); });
        }
      };
    });
    await page.goto(s.app);
    await page.locator('#app #verdict-decision').waitFor({ state: 'attached' });
    assert(await page.evaluate(() => !!document.getElementById('prerendered')), 'the snapshot shows while the figures are quick');
    await page.mouse.click(640, 400);
    await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 2000 });
    assert(await page.locator('#app .results').getAttribute('data-exact') === 'false', 'the live app shows its quick figures');
    await takesInput(page);
    await page.context().close();
    await s.stop();
  }],

  ['a link or saved state never paints the default scenario\'s prerendered first screen', async () => {
    const s = await site();
    const page = await openPage(browser, s.origin);
    await page.context().addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
      const shot = document.getElementById('prerendered');
      // boot.js (a module, run before this event) has already dropped a snapshot that will not show.
      window.__parsed = {
        shown: !!shot && getComputedStyle(shot).display !== 'none',
        own: document.documentElement.classList.contains('own-state'),
        preloads: document.querySelectorAll('link[rel="preload"][href$=".wasm"], link[rel="modulepreload"][href$=".js"]').length,
      };
    }));
    await page.goto(`${s.app}?v=1&requests_per_month=5e6`);
    await exact(page);
    let parsed = await page.evaluate(() => window.__parsed);
    assert(!parsed.shown && parsed.own, `a link hides the snapshot from the start: ${JSON.stringify(parsed)}`);
    assert(parsed.preloads === 2, `with nothing to paint first, the JS and the wasm are preloaded: ${JSON.stringify(parsed)}`);
    const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name.split('/').pop())
      .filter((name) => /\.(wasm|js)$/.test(name) && name.startsWith('crossover-web-')));
    assert(fetched.length === 2, `boot.js reuses the preloads, one download each: ${fetched.join(', ')}`);
    assert(await page.evaluate(() => !document.getElementById('prerendered')), 'and it is gone once the app runs');
    // The app saved that scenario (storage): a plain visit shows it, not the default.
    await page.waitForFunction(() => localStorage.getItem('crossover.scenario') !== null, null, { timeout: 5000 });
    await page.goto(s.app);
    await exact(page);
    parsed = await page.evaluate(() => window.__parsed);
    assert(!parsed.shown && parsed.own, `saved state hides the snapshot: ${JSON.stringify(parsed)}`);
    assert(await page.locator('#c-requests_per_month + .typed').inputValue() === '5000000', 'the saved volume shows');
    assertClean(page);
    await page.context().close();
    await s.stop();
  }],

  ['the app runs under the CSP, and a violation fails a test', async () => {
    const s = await site();
    const page = await openPage(browser, s.origin);
    await page.goto(s.app);
    await exact(page);
    await page.waitForTimeout(200);
    assertClean(page);
    // The harness reports violations: an inline script and an inline style are both refused.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      document.body.setAttribute('style', 'outline: 1px solid red');
    });
    await page.waitForTimeout(200);
    assert(await page.evaluate(() => window.__inlineRan === undefined), 'the inline script did not run');
    const csp = page.problems.filter((p) => p.includes('CSP violation'));
    assert(csp.some((p) => p.includes('script-src')), `a script-src violation is reported: ${page.problems}`);
    assert(csp.some((p) => p.includes('style-src')), `a style-src violation is reported: ${page.problems}`);
    let threw = false;
    try { assertClean(page); } catch { threw = true; }
    assert(threw, 'assertClean fails on a CSP violation');
    await page.context().close();
    await s.stop();
  }],

  ['after one visit the app works offline, the worker included; the manifest is linked and fetchable', async () => {
    const s = await site();
    const page = await openPage(browser, s.origin);
    await page.goto(s.app);
    await exact(page);
    await controlled(page);
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector('link[rel=manifest]').href;
      const r = await fetch(href);
      const json = await r.json();
      const icons = [];
      for (const icon of json.icons) {
        const ir = await fetch(new URL(icon.src, href));
        const bytes = new Uint8Array(await ir.arrayBuffer());
        icons.push({ ...icon, status: ir.status, png: bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47 });
      }
      return { href, status: r.status, type: r.headers.get('content-type'), json, icons };
    });
    assert(manifest.status === 200 && manifest.type.startsWith('application/manifest+json'), `manifest served: ${manifest.status} ${manifest.type}`);
    const m = manifest.json;
    assert(m.name === 'Crossover' && m.short_name && m.start_url === './' && m.scope === './' && m.display === 'standalone',
      `manifest fields: ${JSON.stringify(m)}`);
    assert(m.theme_color && m.background_color, 'manifest colours');
    for (const size of ['192x192', '512x512']) {
      assert(manifest.icons.some((i) => i.sizes === size && i.status === 200 && i.png), `a ${size} PNG icon: ${JSON.stringify(manifest.icons)}`);
    }
    assert((await cacheNames(page)).length === 1, 'one cache for this release');

    // The network is gone: the browser is offline and the server is stopped.
    await page.context().setOffline(true);
    await s.stop();
    await page.reload();
    await exact(page);
    assert(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'served by the service worker');
    // Another scenario link, never visited: the cached page serves it, and the worker computes it offline.
    await page.goto(`${s.app}?v=1&requests_per_month=5e7&arch=arm64`);
    await exact(page);
    assert(await page.locator('#c-arch').inputValue() === 'arm64', 'the linked scenario is shown offline');
    // A change is simulated by the worker, which loaded offline too.
    await page.locator('#c-runtime').selectOption('python312');
    await exact(page);
    assert(await workerRuns(page), 'the web worker runs offline');
    assert(await page.evaluate(() => document.querySelector('link[rel=manifest]') !== null), 'manifest linked offline');
    assert(await page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]').href)).ok), 'manifest fetchable offline');
    await page.screenshot({ path: 'target/e2e/offline.png' });
    assertClean(page);
    await page.context().close();
  }],

  ['a new release replaces the old one on the next online visit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossover-site-'));
    try {
      cpSync(root, dir, { recursive: true });
      const copy = join(dir, 'crossover');
      const s = await site(dir);
      const page = await openPage(browser, s.origin);
      await page.goto(s.app);
      await exact(page);
      await controlled(page);
      const oldTitle = await page.title();
      const [oldCache] = await cacheNames(page);

      // Release 2: a changed page and a new service worker version (as a build would stamp it).
      const index = join(copy, 'index.html');
      writeFileSync(index, readFileSync(index, 'utf8').replace('<title>Crossover', '<title>Crossover release 2'));
      const swFile = join(copy, 'sw.js');
      writeFileSync(swFile, readFileSync(swFile, 'utf8').replace(/^const VERSION = '[^']*';$/m, "const VERSION = 'release2release2';"));

      await page.reload();
      await exact(page);
      await page.reload();
      await exact(page);
      assert(await page.title() === oldTitle.replace('Crossover', 'Crossover release 2'), `new title shown: ${await page.title()}`);
      // The new service worker installs and activates in the background, then deletes the old cache.
      let names;
      for (let i = 0; i < 100; i++) {
        names = await cacheNames(page);
        if (names.length === 1 && names[0].endsWith(' release2release2')) break;
        await page.waitForTimeout(100);
      }
      assert(names.length === 1 && names[0].endsWith(' release2release2') && !names.includes(oldCache),
        `only the new release's cache is left: ${JSON.stringify(names)}`);

      // And release 2 is what is there offline.
      await page.context().setOffline(true);
      await s.stop();
      await page.reload();
      await exact(page);
      assert((await page.title()).includes('release 2'), `offline shows release 2: ${await page.title()}`);
      assertClean(page);
      await page.context().close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }],
]);

await browser.close();
process.exit(failures ? 1 : 0);
