// End-to-end tests against the release build, served under a sub-path from loopback.
// usage: node tests/e2e/run.mjs SITE_ROOT   (the site lives at SITE_ROOT/crossover/)
import { serve } from './server.mjs';
import { launch, openPage, assertClean, assert, evalNative, dollars, run, SHOTS } from './harness.mjs';

const root = process.argv[2] ?? 'target/site';
const { server, origin } = await serve(root);
const APP = `${origin}/crossover/`;
const browser = await launch();

async function lambdaCost(page) {
  return (await page.locator('#lambda-cost').textContent()).trim();
}
async function requests(page) {
  return Number(await page.locator('#requests + .typed').inputValue());
}
async function expectCoreValue(page) {
  const shown = dollars(await lambdaCost(page));
  const ev = evalNative({ requests_per_month: await requests(page) });
  const lambda = ev.platforms.find((p) => p.id === 'aws_lambda');
  // The typed field rounds to whole requests, so allow one cent.
  assert(Math.abs(shown - lambda.monthly_usd) <= 0.011, `page shows $${shown}, core computes $${lambda.monthly_usd}`);
}

const failures = await run([
  ['slice: keyboard and drag move the cost to the value the core computes', async () => {
    const page = await openPage(browser, origin);
    await page.goto(APP);
    await page.locator('#lambda-cost').waitFor();
    await expectCoreValue(page);
    const first = await lambdaCost(page);

    await page.locator('#requests').focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction((before) => document.querySelector('#lambda-cost').textContent.trim() !== before, first);
    await expectCoreValue(page);
    const afterKeys = await lambdaCost(page);
    assert(dollars(afterKeys) > dollars(first), `ArrowRight raises the volume and the cost (${first} → ${afterKeys})`);

    const box = await page.locator('#requests').boundingBox();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction((before) => document.querySelector('#lambda-cost').textContent.trim() !== before, afterKeys);
    await expectCoreValue(page);

    await page.screenshot({ path: `${SHOTS}/slice.png` });
    assertClean(page);
    await page.context().close();
  }],
]);

await browser.close();
server.close();
process.exit(failures ? 1 : 0);
