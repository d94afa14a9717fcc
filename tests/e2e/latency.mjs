// Latency on every platform, as the page shows it: the cost table's per-platform p99 and cold-start share,
// and the cost-versus-p99 chart's figures (its table), equal to `crossover eval --query` of the page's own
// URL; the cold-start card switches platform and day.
// usage: node tests/e2e/latency.mjs SITE_ROOT   (the site lives at SITE_ROOT/crossover/)
import { serve } from './server.mjs';
import { launch, openPage, assertClean, assert, evalQuery, run, SHOTS, holdWorkerReplies } from './harness.mjs';

const root = process.argv[2] ?? 'target/site';
const browser = await launch();
const { server, origin } = await serve(root);
const app = `${origin}/crossover/`;

// Sparse Java traffic with an 800 ms target: cold starts decide the p99, and platforms differ.
const QUERY = 'v=2&r=3000&rt=java21&d=50&dd=fixed&p99=800';

/** Waits until the page shows the exact figures (the worker has answered). */
async function exact(page) {
  await page.locator('#verdict-decision').waitFor({ timeout: 20000 });
  await page.locator('#app .results[data-exact="true"]').waitFor({ timeout: 30000 });
}

/** Equal up to the last bits (the browser's libm and the native one may round the last ulp apart). */
function close(a, b) {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

const failures = await run([
  ['the cost table and the cost-p99 chart show the p99 `crossover eval` computes for the page\'s URL', async () => {
    const page = await openPage(browser, origin);
    await page.goto(`${app}?${QUERY}`);
    await exact(page);
    const search = await page.evaluate(() => location.search);
    const ev = evalQuery(search);
    const table = await page.$$eval('.costs tr[data-platform]', (rows) => rows.map((r) => ({
      id: r.dataset.platform,
      p99: r.querySelector('.perf .p99')?.dataset.p99Ms,
      cold: r.querySelector('.perf .cold')?.dataset.coldFraction,
    })));
    const chart = await page.$$eval('#cost-p99-data tbody tr', (rows) => rows.map((r) => ({
      id: r.dataset.platform, usd: Number(r.dataset.usd), p99: Number(r.dataset.p99Ms), best: r.dataset.best === 'true',
    })));
    const target = await page.$eval('#cost-p99-data', (t) => Number(t.dataset.targetP99Ms));
    assert(target === 800, `the chart's target is the page's: ${target}`);
    let withP99 = 0;
    for (const p of ev.platforms) {
      const row = table.find((r) => r.id === p.id);
      assert(row, `the cost table has ${p.id}`);
      const perf = p.feasible ? p.performance : null;
      if (!perf) {
        assert(row.p99 === undefined, `${p.id}: no p99 shown without a figure`);
        assert(!chart.some((c) => c.id === p.id), `${p.id}: not drawn without a p99`);
        continue;
      }
      withP99++;
      assert(close(Number(row.p99), perf.latency_ms.p99), `${p.id} p99: page ${row.p99}, eval ${perf.latency_ms.p99}`);
      assert(close(Number(row.cold), perf.cold_start_fraction), `${p.id} cold: page ${row.cold}, eval ${perf.cold_start_fraction}`);
      const point = chart.find((c) => c.id === p.id);
      assert(point, `the chart plots ${p.id}`);
      assert(close(point.p99, perf.latency_ms.p99) && close(point.usd, p.monthly_usd),
        `${p.id} point: page (${point.usd}, ${point.p99}), eval (${p.monthly_usd}, ${perf.latency_ms.p99})`);
    }
    assert(withP99 >= 5, `several platforms carry a p99 (${withP99})`);
    // The ringed point is the cheapest platform whose p99 meets the target.
    const meeting = ev.platforms.filter((p) => p.feasible && p.performance && p.performance.latency_ms.p99 <= 800)
      .sort((a, b) => a.monthly_usd - b.monthly_usd);
    const best = chart.filter((c) => c.best).map((c) => c.id);
    assert(best.length === 1 && best[0] === meeting[0]?.id, `marked ${best}, cheapest meeting ${meeting[0]?.id}`);
    // The verdict recommends the cheapest fix when nothing serverless meets the target, as eval says.
    const recommended = await page.locator('#verdict-recommended').getAttribute('data-platform');
    assert(recommended === ev.verdict.recommended, `the verdict recommends ${recommended}, eval ${ev.verdict.recommended}`);
    assert(await page.locator('#cost-p99-chart[data-draw-ms]').count() === 1, 'the cost-p99 chart was drawn');
    await page.screenshot({ path: `${SHOTS}/latency-costs.png`, fullPage: true });
    assertClean(page);
    await page.context().close();
  }],

  ['the cost-p99 chart follows the worker: an input keeps the last exact figures until the answer brings the new ones', async () => {
    const page = await openPage(browser, origin);
    // The worker's answers are held while `__hold` is set, then released (as the bench does).
    await page.context().addInitScript(holdWorkerReplies);
    await page.goto(`${app}?${QUERY}`);
    await exact(page);
    const points = () => page.$$eval('#cost-p99-data tbody tr', (rows) => rows.map((r) => `${r.dataset.platform} ${r.dataset.usd} ${r.dataset.p99Ms}`).join('\n'));
    const costs = () => page.locator('.costs').textContent();
    const [chartBefore, costsBefore] = [await points(), await costs()];
    await page.evaluate(() => { window.__hold = true; });
    const search = await page.evaluate(() => location.search);
    await page.locator('#c-duration_ms').evaluate((el) => {
      el.value = String(Number(el.value) + (Number(el.max) - Number(el.value)) / 4);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.locator('#app .results[data-exact="false"]').waitFor();
    await page.waitForFunction((before) => document.querySelector('.costs').textContent !== before, costsBefore);
    // The costs moved at once (the quick figures); the chart still pairs the last exact costs and p99s.
    assert(await points() === chartBefore, 'the cost-p99 chart keeps the last exact figures while the worker works');
    await page.evaluate(() => { window.__hold = false; window.__release(); });
    await exact(page);
    const after = await points();
    assert(after !== chartBefore, 'the answer brings the new scenario\'s points');
    // The link follows the scenario once it has settled.
    await page.waitForFunction((before) => location.search !== before, search);
    const ev = evalQuery(await page.evaluate(() => location.search));
    for (const line of after.split('\n')) {
      const [id, usd, p99] = line.split(' ');
      const p = ev.platforms.find((q) => q.id === id);
      assert(p && close(Number(usd), p.monthly_usd) && close(Number(p99), p.performance.latency_ms.p99),
        `${id} point after the answer: page (${usd}, ${p99}), eval (${p?.monthly_usd}, ${p?.performance?.latency_ms.p99})`);
    }
    assertClean(page);
    await page.context().close();
  }],

  ['the cold-start card shows the platform and the day the reader picks', async () => {
    const page = await openPage(browser, origin);
    await page.goto(`${app}?${QUERY}`);
    await exact(page);
    const ev = evalQuery(await page.evaluate(() => location.search));
    const title = () => page.locator('#coldstart-title').textContent();
    assert((await title()).includes('AWS Lambda'), `Lambda first: ${await title()}`);
    await page.selectOption('#coldstart-platform', 'cloud_run');
    await page.waitForFunction(() => document.querySelector('#coldstart-title').textContent.includes('Cloud Run'));
    const run = ev.platforms.find((p) => p.id === 'cloud_run').performance;
    const shown = await page.locator('#cs-p99').textContent();
    const want = run.latency_ms.p99 >= 10000 ? `${(run.latency_ms.p99 / 1000).toFixed(1)} s` : `${run.latency_ms.p99.toFixed(0)} ms`;
    assert(shown === want, `Cloud Run's p99 on the card: ${shown}, eval ${want}`);
    const before = await page.locator('#day-chart').getAttribute('data-draw-ms');
    await page.selectOption('#coldstart-day', '2');
    await page.waitForFunction(() => [...document.querySelectorAll('.coldstart figcaption')]
      .some((c) => c.textContent.includes('Wednesday')));
    assert(before !== null, 'the day chart was drawn');
    assertClean(page);
    await page.context().close();
  }],
]);

await browser.close();
server.close();
process.exit(failures ? 1 : 0);
