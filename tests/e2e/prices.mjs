// End-to-end tests of the Prices page and your own rates, against the release build served under a
// sub-path: the catalogue as `crossover prices` lists it, an edited rate giving the costs `crossover eval
// --prices` computes, the rate kept by a reload and a shared link, a bad value refused with a notice.
// usage: node tests/e2e/prices.mjs SITE_ROOT
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve } from './server.mjs';
import { launch, openPage, assertClean, assert, usd, run, SHOTS } from './harness.mjs';

const root = process.argv[2] ?? 'target/site';
const { server, origin } = await serve(root);
const APP = `${origin}/crossover/`;
const browser = await launch();
const dir = mkdtempSync(join(tmpdir(), 'crossover-prices-'));
const SCENARIO = '?v=2&r=3e7&d=150';

function cli(args, prices) {
  const extra = [];
  if (prices) {
    const file = join(dir, `p${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(prices));
    extra.push('--prices', file);
  }
  return JSON.parse(execFileSync('target/release/crossover', [...args, ...extra]).toString());
}

/** `crossover eval --query` of the page's scenario with these overrides. */
function evalWith(search, prices) {
  const params = new URLSearchParams(search);
  for (const k of ['page', 'px', 'embed']) params.delete(k);
  return cli(['eval', '--query', params.toString()], prices);
}

async function settled(page) {
  // Generous: the machine running the suite may be loaded.
  await page.locator('#app .results[data-exact="true"]').waitFor({ timeout: 60000 });
}

async function expectCosts(page, ev, label) {
  for (const p of ev.platforms) {
    const shown = (await page.locator(`tr[data-platform=${p.id}] td.usd`).textContent()).trim();
    const expected = p.feasible ? usd(p.monthly_usd) : '—';
    assert(shown === expected, `${label}: ${p.id} shows ${shown}, crossover eval --prices computes ${expected}`);
  }
}

async function shownCosts(page) {
  return page.locator('tr[data-platform] td.usd').allTextContents();
}

async function tab(page, name) {
  await page.locator('nav.tabs button', { hasText: name }).click();
}

async function setRate(page, key, text) {
  const input = page.locator(`tr[data-key="${key}"] input.price-value`);
  await input.fill(text);
  await input.press('Tab');
}

const failures = await run([
  ['the Prices page lists every catalogue entry with its source, as-of and status', async () => {
    const page = await openPage(browser, origin);
    await page.goto(`${APP}?page=prices`);
    await page.locator('.prices-table tbody tr').first().waitFor();
    const list = cli(['prices']);
    const rows = await page.$$eval('.prices-table tbody tr', (trs) => trs.map((tr) => ({
      key: tr.dataset.key,
      status: tr.dataset.status,
      value: tr.querySelector('input.price-value').value,
      source: tr.querySelector('.source').textContent,
      asOf: tr.querySelector('.as-of').textContent,
      old: tr.classList.contains('old'),
      weak: tr.classList.contains('weak'),
    })));
    assert(rows.length === list.entries.length, `${rows.length} rows, the catalogue has ${list.entries.length}`);
    for (const [i, e] of list.entries.entries()) {
      const r = rows[i];
      assert(r.key === e.key && r.status === e.status && Number(r.value) === e.value, `row ${i}: ${JSON.stringify(r)} vs ${e.key}`);
      assert(r.source === e.source && r.asOf.startsWith(e.as_of), `${e.key}: source/as-of ${r.source} | ${r.asOf}`);
      assert(r.old === e.old && r.weak === e.unverified, `${e.key}: old ${r.old}/${e.old}, unverified ${r.weak}/${e.unverified}`);
    }
    const summary = await page.locator('#prices-summary').textContent();
    assert(summary.includes(`Catalogue as of ${list.as_of}`), summary);
    // Filters: AWS and unverified only.
    await page.locator('#prices-provider').selectOption('AWS');
    await page.locator('#prices-status').selectOption('unverified');
    const keys = await page.$$eval('.prices-table tbody tr', (trs) => trs.map((tr) => tr.dataset.key));
    const expected = list.entries.filter((e) => e.provider === 'AWS' && e.status === 'unverified').map((e) => e.key);
    assert(JSON.stringify(keys) === JSON.stringify(expected) && keys.length > 0, `filtered: ${keys} vs ${expected}`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('#prices-status').selectOption('');
    await page.locator('#prices-provider').selectOption('');
    await page.screenshot({ path: `${SHOTS}/prices-page.png` });
    assertClean(page);
    await page.context().close();
  }],

  ['an edited rate gives the costs crossover eval --prices computes, after a reload and in a shared link', async () => {
    const page = await openPage(browser, origin, { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(`${APP}${SCENARIO}`);
    await settled(page);
    const before = await shownCosts(page);
    await tab(page, 'Prices');
    await setRate(page, 'lambda.requests', '0.18');
    await page.locator('#discount-google').fill('10');
    await page.locator('#discount-google').press('Tab');
    await page.locator('tr[data-key="lambda.requests"][data-status="yours"]').waitFor();
    await page.locator('tr[data-key="cloud_run.requests"][data-status="yours"]').waitFor();
    await tab(page, 'Explorer');
    await settled(page);
    const overrides = { 'lambda.requests': 0.18, 'discount.google': 10 };
    const ev = evalWith(new URL(page.url()).search, overrides);
    await expectCosts(page, ev, 'edited');
    assert(JSON.stringify(await shownCosts(page)) !== JSON.stringify(before), 'the costs changed');
    // The Requests line names its catalogue entry, marked as yours, linked to its row.
    await page.locator('tr[data-platform=aws_lambda] summary').click();
    const source = page.locator('tr[data-platform=aws_lambda] .sources a.source-key.yours[data-key="lambda.requests"]');
    await source.waitFor();
    // The URL is written once the page settles.
    await page.waitForFunction(() => new URL(location.href).searchParams.get('px') === '1,discount.google~10,lambda.requests~0.18');

    await page.reload();
    await settled(page);
    await expectCosts(page, ev, 'reloaded');

    await page.locator('#copy-link').click();
    const link = await page.locator('#share-link').inputValue();
    assert(link.includes('px=1,'), `shared link carries the rates: ${link}`);
    const other = await openPage(browser, origin);
    await other.goto(link);
    await settled(other);
    await expectCosts(other, ev, 'shared link');

    // A click on a source opens its row of the Prices page.
    await page.locator('tr[data-platform=aws_lambda] summary').click();
    await source.click();
    await page.locator('#prices-title').waitFor();
    await page.locator('tr.focused[data-key="lambda.requests"]').waitFor();
    assert(await page.locator('tr.focused').count() === 1, 'one row is marked');
    assertClean(page);
    assertClean(other);
    await page.context().close();
    await other.context().close();
  }],

  ['a bad value shows a notice naming the key and changes nothing else', async () => {
    const page = await openPage(browser, origin);
    await page.goto(`${APP}${SCENARIO}&px=1,nat.gb~0.04`);
    await settled(page);
    const costs = await shownCosts(page);
    await tab(page, 'Prices');
    for (const [key, text, part] of [
      ['lambda.requests', '-1', 'lambda.requests'],
      ['lambda.requests', 'NaN', 'lambda.requests'],
      ['fargate.vcpu_h.x86', '4e9', 'fargate.vcpu_h.x86'],
    ]) {
      await setRate(page, key, text);
      const notices = await page.locator('.notices').textContent();
      assert(notices.includes(part), `notice names ${part}: ${notices}`);
      assert(await page.locator(`tr[data-key="${key}"] input.price-value`).inputValue() !== text, `${key} still shows the rate in force`);
      await page.locator('.notices button').click();
    }
    await page.locator('#discount-aws').fill('150');
    await page.locator('#discount-aws').press('Tab');
    assert((await page.locator('.notices').textContent()).includes('discount.aws'), 'the discount is named');
    assert(await page.locator('tr[data-status="yours"]').count() === 1, 'only nat.gb is yours');
    await tab(page, 'Explorer');
    await settled(page);
    assert(JSON.stringify(await shownCosts(page)) === JSON.stringify(costs), 'the costs did not change');
    await page.waitForTimeout(1500);
    assert(new URL(page.url()).searchParams.get('px') === '1,nat.gb~0.04', `the link did not change: ${page.url()}`);
    // A link with a bad entry keeps the good ones and names the bad one.
    const other = await openPage(browser, origin);
    await other.goto(`${APP}${SCENARIO}&px=1,nat.gb~0.04,lambda.requests~-3`);
    await settled(other);
    assert((await other.locator('.notices').textContent()).includes('lambda.requests'), 'the bad link entry is named');
    await expectCosts(other, evalWith(SCENARIO, { 'nat.gb': 0.04 }), 'link with a bad entry');
    assertClean(page);
    assertClean(other);
    await page.context().close();
    await other.context().close();
  }],
]);

await browser.close();
server.close();
process.exit(failures ? 1 : 0);
