// End-to-end tests against the release build, served under a sub-path from loopback.
// usage: node tests/e2e/run.mjs SITE_ROOT   (the site lives at SITE_ROOT/crossover/)
import { serve } from './server.mjs';
import { launch, openPage, assertClean, assert, evalQuery, usd, run, SHOTS } from './harness.mjs';
import { execFileSync } from 'node:child_process';

const root = process.argv[2] ?? 'target/site';
const { server, origin } = await serve(root);
const APP = `${origin}/crossover/`;
const browser = await launch();

const PRESETS = ['rest_api', 'queue_consumer', 'nightly_batch', 'flash_sale', 'steady_api', 'java_tight_sla'];
const DECISIONS = { go: 'Go', conditional_go: 'ConditionalGo', no_go: 'NoGo' };

async function fresh(options = {}) {
  const page = await openPage(browser, origin, options);
  await page.goto(APP);
  await page.locator('#verdict-decision').waitFor();
  return page;
}
const costCell = (page, id) => page.locator(`tr[data-platform=${id}] td.usd`);
async function search(page) { return page.evaluate(() => location.search); }

/** Waits until the page shows the exact figures for its current scenario (the worker has answered) and
 * has written it to the URL and storage (120 ms after the last change). */
async function settled(page) {
  await page.waitForTimeout(200);
  await page.locator('#app .results[data-exact="true"]').waitFor({ timeout: 20000 });
}

const evalCache = new Map();
function evalCached(search) {
  if (!evalCache.has(search)) evalCache.set(search, evalQuery(search));
  return evalCache.get(search);
}

/** Every cost, the decision and the recommendation on the page equal `crossover eval` of the page's URL. */
async function expectPageMatchesCore(page, label) {
  let last;
  for (let attempt = 0; attempt < 40; attempt++) {
    await settled(page);
    const ev = evalCached(await search(page));
    try {
      for (const p of ev.platforms) {
        const shown = (await costCell(page, p.id).textContent()).trim();
        const expected = p.feasible ? usd(p.monthly_usd) : '—';
        assert(shown === expected, `${label}: ${p.id} shows ${shown}, core computes ${expected}`);
      }
      const decision = await page.locator('#verdict-decision').getAttribute('data-decision');
      assert(decision === DECISIONS[ev.verdict.decision], `${label}: decision ${decision} vs ${ev.verdict.decision}`);
      const rec = await page.locator('#verdict-recommended').getAttribute('data-platform');
      assert(rec === ev.verdict.recommended, `${label}: recommended ${rec} vs ${ev.verdict.recommended}`);
      return ev;
    } catch (e) {
      last = e;
      await page.waitForTimeout(100);
    }
  }
  throw last;
}

async function canvasPixels(page, id) {
  return page.evaluate((id) => document.getElementById(id).toDataURL(), id);
}

async function dragSlider(page, selector, from, to) {
  const box = await page.locator(selector).boundingBox();
  await page.mouse.move(box.x + box.width * from, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
}

const failures = await run([
  ['keyboard and drag move the volume, and the page shows what the core computes', async () => {
    const page = await fresh();
    await expectPageMatchesCore(page, 'defaults');
    const first = await costCell(page, 'aws_lambda').textContent();
    await page.locator('#c-requests_per_month').focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction((b) => document.querySelector('tr[data-platform=aws_lambda] td.usd').textContent !== b, first);
    await settled(page);
    await expectPageMatchesCore(page, 'after ArrowRight');
    const afterKeys = await costCell(page, 'aws_lambda').textContent();
    await dragSlider(page, '#c-requests_per_month', 0.3, 0.9);
    await page.waitForFunction((b) => document.querySelector('tr[data-platform=aws_lambda] td.usd').textContent !== b, afterKeys);
    await expectPageMatchesCore(page, 'after drag');
    await page.screenshot({ path: `${SHOTS}/slice.png` });
    assertClean(page);
    await page.context().close();
  }],

  ['every preset shows the verdict and costs of crossover eval', async () => {
    const page = await fresh();
    for (const id of PRESETS) {
      const before = await search(page);
      await page.locator(`#preset-${id}`).click();
      await page.waitForFunction((b) => location.search !== b, before).catch(() => {});
      const ev = await expectPageMatchesCore(page, id);
      assert(ev.platforms.length >= 7, 'every platform is priced');
    }
    assertClean(page);
    await page.context().close();
  }],

  ['a cost row opens to its line items as crossover eval lists them, and they leave the page when closed', async () => {
    const page = await fresh();
    await settled(page);
    const ev = evalCached(await search(page));
    const row = page.locator('tr[data-platform=aws_lambda]');
    const items = row.locator('.breakdown li');
    assert(await items.count() === 0, 'a closed row renders no line items');
    await row.locator('summary').click();
    await items.first().waitFor();
    const expected = ev.platforms.find((p) => p.id === 'aws_lambda').breakdown;
    const names = await row.locator('.breakdown li .item').evaluateAll((els) => els.map((e) => e.firstChild.textContent.trim()));
    assert(JSON.stringify(names) === JSON.stringify(expected.map((li) => li.item)), `line items ${names} vs ${expected.map((li) => li.item)}`);
    const amounts = await row.locator('.breakdown li > .num').allTextContents();
    assert(JSON.stringify(amounts) === JSON.stringify(expected.map((li) => usd(li.usd))), `amounts ${amounts}`);
    // Open, the row still fits a 360 px phone (its arithmetic is the widest text of the table).
    await page.setViewportSize({ width: 360, height: 800 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(width <= 360, `an open cost row widens the page to ${width} px at 360 px`);
    await row.locator('summary').click();
    await page.waitForFunction(() => !document.querySelector('tr[data-platform=aws_lambda] .breakdown'));
    assertClean(page);
    await page.context().close();
  }],

  ['dragging sliders changes the chart pixels', async () => {
    const page = await fresh();
    await page.locator('#preset-rest_api').click();
    await settled(page);
    const before = await canvasPixels(page, 'crossover-chart');
    // The duration slider spans 1 ms – 24 h on a log scale: 0.2 ≈ 40 ms, 0.45 ≈ 4 s. (Much longer and the
    // concurrency quota saturates, so the latency chart would no longer move with the volume below.)
    await dragSlider(page, '#c-duration_ms', 0.2, 0.45);
    await settled(page);
    const after = await canvasPixels(page, 'crossover-chart');
    assert(before !== after, 'the crossover chart redraws when the duration changes');
    const latencyBefore = await canvasPixels(page, 'latency-chart');
    // Down to a sparse month (≈ 37 k requests), where cold starts shape the curve: at busy volumes the
    // latency samples share their service times, so two busy months can draw the same CDF.
    await dragSlider(page, '#c-requests_per_month', 0.8, 0.4);
    await settled(page);
    assert(latencyBefore !== await canvasPixels(page, 'latency-chart'), 'the latency chart redraws when the volume changes');
    assertClean(page);
    await page.context().close();
  }],

  ['a reload shows the same scenario', async () => {
    const page = await fresh();
    await page.locator('#preset-java_tight_sla').click();
    await page.locator('#c-arch').selectOption('arm64');
    await settled(page);
    const url = page.url();
    const decision = await page.locator('#verdict-decision').textContent();
    const lambda = await costCell(page, 'aws_lambda').textContent();
    await page.reload();
    await settled(page);
    assert(page.url() === url, `URL kept: ${page.url()} vs ${url}`);
    assert(await page.locator('#c-arch').inputValue() === 'arm64', 'arch kept');
    assert(await page.locator('#verdict-decision').textContent() === decision, 'decision kept');
    assert(await costCell(page, 'aws_lambda').textContent() === lambda, 'cost kept');
    // The scenario also survives without the query, from storage.
    await page.goto(APP);
    await page.locator('#verdict-decision').waitFor();
    assert(await page.locator('#c-arch').inputValue() === 'arm64', 'arch restored from storage');
    assertClean(page);
    await page.context().close();
  }],

  ['a bad link is reported and its valid fields kept', async () => {
    const page = await openPage(browser, origin);
    await page.goto(`${APP}?v=1&requests_per_month=5e6&memory_mb=abc&arch=sparc&duration_ms=1e999&runtime=python312`);
    await page.locator('#verdict-decision').waitFor();
    const notices = await page.locator('.notices').textContent();
    for (const key of ['memory_mb', 'arch', 'duration_ms']) assert(notices.includes(key), `notice names ${key}: ${notices}`);
    assert(await page.locator('#c-requests_per_month + .typed').inputValue() === '5000000', 'valid volume kept');
    assert(await page.locator('#c-runtime').inputValue() === 'python312', 'valid runtime kept');
    await expectPageMatchesCore(page, 'bad link');
    assertClean(page);
    await page.context().close();
  }],

  ['the rules of thumb are a table by article title, filtered by status and topic, each opening its scenario', async () => {
    const claims = JSON.parse(execFileSync('target/release/crossover', ['claims', '--json']).toString());
    const page = await openPage(browser, origin);
    await page.goto(`${APP}?page=claims`);
    await page.locator('#claims-table tbody tr').first().waitFor({ timeout: 20000 });
    const rows = page.locator('#claims-table tbody tr');
    assert(await rows.count() === claims.length, `${await rows.count()} rows for ${claims.length} claims`);
    const text = await page.locator('#claims-table').textContent();
    for (const title of new Set(claims.map((c) => c.title))) assert(text.includes(title), `article title shown: ${title}`);
    assert(!/\d{3}_[0-9a-f]{16}\.txt/.test(text) && !text.includes('s0-node-cold-path'), 'no file names or claim ids');
    // One row, cell by cell, as the core computed it.
    const c = claims.find((k) => k.id === 's0-node-cold-path');
    const cells = await page.locator(`#claims-table tr[data-id="${c.id}"] td`).allTextContents();
    assert(cells[0].startsWith(c.claim) && cells[1].startsWith(c.title), `claim and title: ${cells}`);
    assert(cells[2] === `${c.claimed} ${c.unit}` && cells[4] === c.status_label && cells[5] === c.reason, `cells: ${cells}`);
    // Filters: status, then topic too.
    await page.locator('#claims-status').selectOption('off');
    const off = claims.filter((k) => k.status === 'off');
    await page.waitForFunction((n) => document.querySelectorAll('#claims-table tbody tr').length === n, off.length);
    assert((await page.locator('#claims-table tbody tr[data-status="holds"]').count()) === 0, 'only claims that are off');
    await page.locator('#claims-topic').selectOption('costs');
    const offCosts = off.filter((k) => k.topic === 'costs');
    await page.waitForFunction((n) => document.querySelectorAll('#claims-table tbody tr').length === n, offCosts.length);
    assert((await page.locator('#claims-count').textContent()).startsWith(`${offCosts.length} rules of thumb`), 'the count follows');
    await page.locator('#claims-status').selectOption('');
    await page.locator('#claims-topic').selectOption('');
    await page.waitForFunction((n) => document.querySelectorAll('#claims-table tbody tr').length === n, claims.length);
    await page.screenshot({ path: `${SHOTS}/rules.png` });
    await page.setViewportSize({ width: 1280, height: 3000 });
    await page.screenshot({ path: `${SHOTS}/rules-tall.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    // "Open in explorer" loads the scenario behind the figure: the explorer shows what crossover eval computes for it.
    const s3 = claims.find((k) => k.id === 's3-pc-10x1024');
    await page.locator(`#claims-table tr[data-id="${s3.id}"] a.open-explorer`).click();
    await page.locator('#verdict-decision').waitFor();
    assert(new URL(page.url()).search === `?${s3.query}`, `the link carries the scenario: ${page.url()}`);
    assert(await page.locator('#c-provisioned_concurrency + .typed').inputValue() === '10',
      'the scenario is loaded (10 provisioned environments)');
    await expectPageMatchesCore(page, 'claim scenario');
    assertClean(page);
    await page.context().close();
  }],

  ['screenshots: desktop and phone, light and dark', async () => {
    for (const [w, h] of [[1280, 800], [390, 844]]) {
      for (const scheme of ['light', 'dark']) {
        const page = await fresh({ viewport: { width: w, height: h }, colorScheme: scheme, deviceScaleFactor: 2 });
        await page.locator('#preset-flash_sale').click();
        await settled(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert(overflow <= 0, `no horizontal scroll at ${w}px (overflow ${overflow}px)`);
        await page.screenshot({ path: `${SHOTS}/explorer-${w}x${h}-${scheme}.png`, fullPage: w > 1000 });
        assertClean(page);
        await page.context().close();
      }
    }
  }],
]);

await browser.close();
server.close();
process.exit(failures ? 1 : 0);
