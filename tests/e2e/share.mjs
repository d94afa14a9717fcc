// End-to-end tests of sharing, embedding, exports, the fleet page and hostile input, against the release
// build served under a sub-path. usage: node tests/e2e/share.mjs SITE_ROOT
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { serve } from './server.mjs';
import { launch, openPage, assertClean, assert, evalQuery, usd, run, SHOTS } from './harness.mjs';

const root = process.argv[2] ?? 'target/site';
const { server, origin } = await serve(root);
const APP = `${origin}/crossover/`;
const browser = await launch();
const DECISIONS = { go: 'Go', conditional_go: 'ConditionalGo', no_go: 'NoGo' };

async function settled(frame) {
  await frame.waitForTimeout?.(200);
  await frame.locator('#app .results[data-exact="true"]').waitFor({ timeout: 20000 });
}

/** The scenario part of a URL's query, without the page keys (`embed`, `page`). */
function scenarioQuery(url) {
  const params = new URL(url).searchParams;
  for (const k of ['embed', 'page']) params.delete(k);
  return params.toString();
}

async function expectCosts(frame, ev, label) {
  for (const p of ev.platforms) {
    const shown = (await frame.locator(`tr[data-platform=${p.id}] td.usd`).textContent()).trim();
    const expected = p.feasible ? usd(p.monthly_usd) : '—';
    assert(shown === expected, `${label}: ${p.id} shows ${shown}, crossover eval computes ${expected}`);
  }
}

async function expectVerdict(frame, ev, label) {
  const decision = await frame.locator('#verdict-decision').getAttribute('data-decision');
  assert(decision === DECISIONS[ev.verdict.decision], `${label}: decision ${decision} vs ${ev.verdict.decision}`);
  const rec = await frame.locator('#verdict-recommended').getAttribute('data-platform');
  assert(rec === ev.verdict.recommended, `${label}: recommended ${rec} vs ${ev.verdict.recommended}`);
}

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  return readFileSync(await file.path());
}

/** A page on another origin (loopback, another port) serving `html`; resolves to { url, close }. */
async function otherOrigin(html) {
  const { createServer } = await import('node:http');
  const host = await new Promise((resolve) => {
    const s = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html);
    });
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${host.address().port}/`, close: () => host.close() };
}

/** The frame `selector` shows its whole widget: no inner scroll, and no empty space under it. */
async function expectSized(page, selector) {
  const frame = await (await page.locator(selector).elementHandle()).contentFrame();
  let last;
  for (let attempt = 0; attempt < 100; attempt++) {
    const height = Number(await page.locator(selector).getAttribute('height'));
    last = await frame.evaluate(() => {
      const root = document.documentElement;
      return { scroll: root.scrollHeight, client: root.clientHeight, scrollX: root.scrollWidth, clientX: root.clientWidth,
        bottom: document.querySelector('.embed-size').getBoundingClientRect().bottom };
    });
    last.height = height;
    if (last.scroll <= last.client && last.scrollX <= last.clientX && Math.abs(last.bottom - last.client) <= 1
      && Math.abs(height - last.client) <= 1) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`${selector} is not sized to its widget: ${JSON.stringify(last)}`);
}

const failures = await run([
  ['Copy link gives a compact v2 link that reproduces the scenario', async () => {
    const page = await openPage(browser, origin, { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(APP);
    await page.locator('#preset-java_tight_sla').click();
    await page.locator('#c-arch').selectOption('arm64');
    await settled(page);
    await page.locator('#copy-link').click();
    const link = await page.locator('#share-link').inputValue();
    assert(/[?&]v=2&/.test(link) && link.includes('a=arm64') && link.includes('rt=java21'), `compact link: ${link}`);
    assert(link.length < 200, `the link is short (${link.length} chars)`);
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert(clip === link, `clipboard holds the link (${clip})`);
    const other = await openPage(browser, origin);
    await other.goto(link);
    await settled(other);
    const ev = evalQuery(scenarioQuery(link));
    await expectVerdict(other, ev, 'shared link');
    await expectCosts(other, ev, 'shared link');
    assertClean(page);
    assertClean(other);
    await page.context().close();
    await other.context().close();
  }],

  ['a version-1 link still opens the scenario it described', async () => {
    const page = await openPage(browser, origin);
    await page.goto(`${APP}?v=1&requests_per_month=5e6&arch=arm64&latency_slo_p99_ms=300`);
    await settled(page);
    assert(await page.locator('#c-requests_per_month + .typed').inputValue() === '5000000', 'volume kept');
    assert(await page.locator('#c-arch').inputValue() === 'arm64', 'arch kept');
    assert(await page.locator('.notices').count() === 0, 'no notice for a valid old link');
    assertClean(page);
    await page.context().close();
  }],

  ['exports: evaluation JSON equals crossover eval, curves CSV, chart PNGs', async () => {
    const page = await openPage(browser, origin);
    await page.goto(APP);
    await settled(page);
    const start = page.url();
    await page.locator('#preset-flash_sale').click();
    await settled(page);
    // The URL is written once the scenario settles (in an idle period, up to ~0.6 s later): wait for it.
    await page.waitForFunction((u) => location.href !== u, start, { timeout: 20000 });
    const ev = evalQuery(scenarioQuery(page.url()));
    const json = JSON.parse((await download(page, '#export-json')).toString());
    for (const key of ['platforms', 'breakeven', 'coldstart', 'verdict', 'sensitivity']) assert(key in json, `JSON has ${key}`);
    for (const p of ev.platforms) {
      const mine = json.platforms.find((q) => q.id === p.id);
      assert(Math.abs(mine.monthly_usd - p.monthly_usd) <= 1e-6 * Math.max(1, p.monthly_usd), `${p.id}: ${mine.monthly_usd} vs ${p.monthly_usd}`);
    }
    assert(json.verdict.decision === ev.verdict.decision, 'same decision');
    const csv = (await download(page, '#export-csv')).toString().trim().split('\n');
    assert(csv[0].startsWith('requests_per_month,aws_lambda,'), `CSV header: ${csv[0]}`);
    assert(csv.length >= 201, `CSV has ${csv.length - 1} volumes`);
    for (const id of ['#export-png-crossover', '#export-png-latency', '#export-png-day']) {
      const png = await download(page, id);
      assert(png.subarray(1, 4).toString() === 'PNG' && png.length > 2000, `${id} is a PNG (${png.length} bytes)`);
    }
    assertClean(page);
    await page.context().close();
  }],

  ['the embed example page shows both widgets with the core numbers', async () => {
    const page = await openPage(browser, origin);
    await page.goto(`${APP}examples/embed.html`);
    const verdict = page.frameLocator('#verdict-frame');
    const costs = page.frameLocator('#costs-frame');
    await verdict.locator('#app .results[data-exact="true"]').waitFor({ timeout: 20000 });
    await costs.locator('#app .results[data-exact="true"]').waitFor({ timeout: 20000 });
    const src = await page.locator('#verdict-frame').getAttribute('src');
    const ev = evalQuery(scenarioQuery(new URL(src, `${APP}examples/`).href));
    await expectVerdict(verdict, ev, 'embedded verdict');
    await expectCosts(costs, ev, 'embedded costs');
    const open = await verdict.locator('a.open-full').getAttribute('href');
    assert(open.includes('r=20000000') && !open.includes('embed'), `open-in-Crossover link carries the scenario: ${open}`);
    assert(await verdict.locator('.controls').count() === 0, 'the widget is alone');
    // The page's listener (examples/embed-resize.js) sized both frames to their widgets.
    for (const frame of ['#verdict-frame', '#costs-frame']) {
      const sized = await expectSized(page, frame);
      assert(sized.height > 300, `${frame} grew past its initial 300 px to ${sized.height}`);
    }
    await page.screenshot({ path: `${SHOTS}/embed-example.png`, fullPage: true });
    assertClean(page);
    await page.context().close();
  }],

  ['a widget works in a sandboxed cross-origin iframe', async () => {
    const host = await new Promise((resolve) => {
      import('node:http').then(({ createServer }) => {
        const s = createServer((req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/html' });
          res.end(`<!doctype html><title>docs</title><h1>Architecture notes</h1>
            <iframe id="w" width="800" height="420" sandbox="allow-scripts allow-same-origin allow-popups"
              src="${APP}?embed=chart&v=2&r=5e7&d=150"></iframe>`);
        });
        s.listen(0, '127.0.0.1', () => resolve(s));
      });
    });
    const docs = `http://127.0.0.1:${host.address().port}`;
    const page = await openPage(browser, docs, {}, [origin]);
    await page.goto(`${docs}/`);
    const frame = page.frameLocator('#w');
    await frame.locator('canvas#crossover-chart[data-draw-ms]').waitFor({ timeout: 20000 });
    const parentSeesStorage = await page.evaluate(() => { try { return document.getElementById('w').contentWindow.localStorage !== undefined; } catch { return false; } });
    assert(!parentSeesStorage, 'the docs page cannot reach into the widget');
    assertClean(page);
    await page.context().close();
    host.close();
  }],

  ['a widget in a sandboxed cross-origin frame sends its height (AMP embed-size) and never scrolls inside', async () => {
    const host = await otherOrigin(`<!doctype html><title>Architecture notes</title>
      <style>body { margin: 24px; font: 16px system-ui; } iframe { border: 1px solid #ccc; }</style>
      <h1>Checkout API: where it runs</h1>
      <script>
        window.messages = [];
        addEventListener('message', (e) => { if (e.data && e.data.type === 'embed-size') window.messages.push(e.data); });
      </script>
      <script src="${APP}examples/embed-resize.js"></script>
      <iframe id="w" title="Crossover verdict" width="800" height="150" sandbox="allow-scripts allow-same-origin allow-popups"
        src="${APP}?embed=verdict&v=2&r=5e7&d=150&p99=300"></iframe>
      <p>Text after the widget.</p>`);
    const page = await openPage(browser, host.url, {}, [origin]);
    await page.goto(host.url);
    await page.frameLocator('#w').locator('#app .results[data-exact="true"]').waitFor({ timeout: 20000 });
    const wide = await expectSized(page, '#w');
    const messages = await page.evaluate(() => window.messages);
    assert(messages.length >= 1, 'the parent received the height');
    const lastMessage = messages[messages.length - 1];
    assert(lastMessage.sentinel === 'amp' && lastMessage.type === 'embed-size' && typeof lastMessage.height === 'number',
      `AMP embed-size format: ${JSON.stringify(lastMessage)}`);
    assert(Math.abs(lastMessage.height - wide.height) <= 1 && wide.height > 150, `the frame took the posted height: ${JSON.stringify(wide)}`);
    await page.screenshot({ path: `${SHOTS}/embed-cross-origin.png`, fullPage: true });
    // A narrower frame wraps the reasons onto more lines: the widget posts again and the frame grows.
    const before = messages.length;
    await page.evaluate(() => { document.getElementById('w').width = '380'; });
    await page.waitForFunction((n) => window.messages.length > n, before, { timeout: 10000 });
    const narrow = await expectSized(page, '#w');
    assert(narrow.height > wide.height, `taller when narrower: ${wide.height} → ${narrow.height}`);
    await page.screenshot({ path: `${SHOTS}/embed-cross-origin-narrow.png`, fullPage: true });
    assertClean(page);
    await page.context().close();
    host.close();
  }],

  ['fleet: a sample fleet loads, the placeholder has line breaks, the table downloads as the CLI CSV', async () => {
    const page = await openPage(browser, origin);
    await page.goto(`${APP}?page=fleet`);
    const placeholder = await page.locator('#fleet-csv').getAttribute('placeholder');
    assert(placeholder.split('\n').length === 2 && !placeholder.includes('&#'), `placeholder: ${JSON.stringify(placeholder)}`);
    await page.locator('#fleet-sample').click();
    await page.locator('#fleet-summary').waitFor({ timeout: 20000 });
    const sample = readFileSync('data/fleet_sample.csv', 'utf8');
    assert(await page.locator('#fleet-csv').inputValue() === sample, 'the sample is shown in the text box');
    const rows = sample.trim().split('\n').length - 1;
    const summary = await page.locator('#fleet-summary').textContent();
    assert(summary.startsWith(`${rows} functions`), summary);
    await page.locator('#fleet-table th button', { hasText: 'Function' }).click();
    const shown = await page.locator('#fleet-table td.name').allTextContents();
    const csv = (await download(page, '#fleet-download')).toString();
    const lines = csv.trim().split('\n');
    assert(lines[0].startsWith('line,name,invocations,'), `CSV header: ${lines[0]}`);
    assert(lines.length === rows + 1, `${lines.length - 1} rows in the CSV`);
    // The rows are `crossover fleet`'s, in the order the table shows.
    const cli = execFileSync('target/release/crossover', ['fleet', 'data/fleet_sample.csv'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    const cliLines = cli.trim().split('\n');
    assert(cliLines[0] === lines[0], 'same columns as the CLI');
    assert(JSON.stringify([...cliLines.slice(1)].sort()) === JSON.stringify([...lines.slice(1)].sort()), `same rows as the CLI:\n${csv}\n${cli}`);
    const names = lines.slice(1).map((l) => l.split(',')[1].replace(/^"/, ''));
    assert(names[0] === shown[0].split(',')[0], `download order follows the table: ${names[0]} vs ${shown[0]}`);
    await page.screenshot({ path: `${SHOTS}/fleet-sample.png` });
    assertClean(page);
    await page.context().close();
  }],

  ['fleet: 10,000 rows evaluate without freezing, bad rows by line, names escaped', async () => {
    const page = await openPage(browser, origin);
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs++; d.dismiss(); });
    await page.goto(`${APP}?page=fleet`);
    const lines = ['name,invocations,avg_duration_ms,memory_mb,runtime'];
    for (let i = 0; i < 10000; i++) lines.push(`fn-${i},${(i % 97 + 1) * 1e5},${20 + (i % 400)},${128 * (1 + (i % 8))},nodejs22`);
    lines.splice(3, 0, 'broken,lots,100,512,nodejs22');
    lines.splice(7, 0, 'too-big,1000,100,99999,nodejs22');
    // 10,000 rows arrive as an uploaded file (the CloudWatch-export path).
    mkdirSync('target/e2e', { recursive: true });
    writeFileSync('target/e2e/fleet-10k.csv', lines.join('\n'));
    await page.locator('#fleet-file').setInputFiles('target/e2e/fleet-10k.csv');
    // Input stays live while rows are evaluated: the progress line appears before the result.
    await page.locator('#fleet-progress').waitFor({ timeout: 10000 });
    await page.locator('#fleet-summary').waitFor({ timeout: 60000 });
    const summary = await page.locator('#fleet-summary').textContent();
    assert(summary.startsWith('10,000 functions'), summary);
    console.log(`    ${summary}`);
    const errors = await page.locator('#fleet-errors').textContent();
    assert(errors.includes('line 4') && errors.includes('line 8'), `bad rows named by line: ${errors}`);
    // A hostile name pasted in is shown as text, never run as markup.
    await page.locator('#fleet-csv').fill(readFileSync('tests/data/fleet_sample.csv', 'utf8'));
    await page.locator('#fleet-run').click();
    await page.waitForFunction(() => !document.querySelector('#fleet-summary')?.textContent.startsWith('10,000'), null, { timeout: 20000 });
    await page.locator('#fleet-summary').waitFor();
    const names = await page.locator('#fleet-table td.name').allTextContents();
    assert(names.some((n) => n.includes('<img src=x onerror=alert(1)>')), `hostile name shown literally: ${names.join(' | ')}`);
    assert(await page.locator('#fleet-table img').count() === 0, 'no element was injected');
    assert(dialogs === 0, 'no script ran');
    await page.screenshot({ path: `${SHOTS}/fleet.png` });
    assertClean(page);
    await page.context().close();
  }],

  ['a panic shows the error panel with a reset and the scenario link', async () => {
    const page = await openPage(browser, origin);
    await page.goto(`${APP}?debug=panic&v=2&r=12345678`);
    await page.locator('#error-panel').waitFor({ timeout: 10000 });
    const link = await page.locator('#error-link').inputValue();
    assert(link.includes('r=12345678'), `the report link carries the scenario: ${link}`);
    await page.locator('#error-reset').click();
    await settled(page);
    assert(await page.locator('#error-panel').count() === 0, 'reset leaves the panel');
    // The panic was logged on purpose; nothing else may have gone wrong.
    page.problems = page.problems.filter((p) => !p.includes('debug=panic') && !p.includes('unreachable') && !p.includes('RuntimeError'));
    assertClean(page);
    await page.context().close();
  }],

  ['corrupt saved state is reported, defaults restored, the value kept aside', async () => {
    const page = await openPage(browser, origin);
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('crossover.scenario', '%%%{not a scenario');
        sessionStorage.setItem('seeded', '1');
      }
    });
    await page.goto(APP);
    await settled(page);
    const notices = await page.locator('.notices').textContent();
    assert(notices.includes('Saved scenario'), `notice: ${notices}`);
    const kept = await page.evaluate(() => localStorage.getItem('crossover.scenario.corrupt'));
    assert(kept === '%%%{not a scenario', `corrupt value kept aside: ${kept}`);
    assertClean(page);
    await page.context().close();
  }],

  ['a scenario saved by an older release migrates', async () => {
    const page = await openPage(browser, origin);
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('crossover.scenario', 'v=1&requests_per_month=5e6&arch=arm64');
        sessionStorage.setItem('seeded', '1');
      }
    });
    await page.goto(APP);
    await settled(page);
    assert(await page.locator('#c-requests_per_month + .typed').inputValue() === '5000000', 'volume restored');
    assert(await page.locator('#c-arch').inputValue() === 'arm64', 'arch restored');
    assertClean(page);
    await page.context().close();
  }],
]);

await browser.close();
server.close();
process.exit(failures ? 1 : 0);
