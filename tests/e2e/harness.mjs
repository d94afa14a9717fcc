// A tiny test runner for the e2e suite: named tests, one fresh page each, guards against console
// errors and requests to other origins, and a result line the ./dev summary counts.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export const SHOTS = 'target/e2e';
mkdirSync(SHOTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A new page whose console errors, CSP violations and foreign requests are recorded for `assertClean`. */
export async function openPage(browser, origin, options = {}, alsoAllowed = []) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  // Content-Security-Policy violations (the page's meta CSP) are problems too: reported as console errors.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`
        + ` at ${e.sourceFile || document.URL}:${e.lineNumber} ${JSON.stringify(e.sample || '')}`);
    }, true);
  });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    const allowed = [origin, ...alsoAllowed].some((o) => url.startsWith(o));
    if (!allowed && !url.startsWith('data:') && !url.startsWith('blob:')) {
      page.problems.push(`request to another origin: ${url}`);
    }
  });
  return page;
}

export function assertClean(page) {
  if (page.problems.length) throw new Error(page.problems.join('\n'));
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** `crossover eval` of a scenario, by the native release binary: the oracle for what the page shows. */
export function evalNative(scenario) {
  const out = execFileSync('target/release/crossover', ['eval', '-'], { input: JSON.stringify(scenario) });
  return JSON.parse(out.toString());
}

/** `crossover eval --query` of the page's own URL: exactly the scenario the page shows. */
export function evalQuery(search) {
  const out = execFileSync('target/release/crossover', ['eval', '--query', search.replace(/^\?/, '')]);
  return JSON.parse(out.toString());
}

/** What the page prints for a dollar figure (the app's `format::usd`). */
export function usd(v) {
  if (v !== 0 && Math.abs(v) < 0.01) return `$${v.toFixed(4)}`;
  return '$' + (Math.round(v * 100) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** `$18.67` → 18.67 */
export function dollars(text) {
  return Number(text.replace(/[$,]/g, ''));
}

export async function run(tests) {
  let passed = 0, failed = 0;
  for (const [name, fn] of tests) {
    const started = Date.now();
    try {
      await fn();
      passed++;
      console.log(`test ${name} ... ok (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`test ${name} ... FAILED\n${e.stack ?? e}`);
    }
  }
  console.log(`\ne2e result: ${passed} passed; ${failed} failed`);
  return failed;
}

// Runs before the page's scripts: worker messages can be held back (`__hold`) and released later, so
// an input and the worker's answer to it are timed apart; `__lastMessage` is when one was delivered.
export function holdWorkerReplies() {
  const Native = window.Worker;
  window.__held = [];
  window.__hold = false;
  window.Worker = class extends Native {
    constructor(...a) {
      super(...a);
      // Registered before the app's `onmessage`, so it runs first and can stop it.
      this.addEventListener('message', (e) => {
        if (e.__released) return;
        if (window.__hold) {
          e.stopImmediatePropagation();
          window.__held.push([this, e.data]);
        } else {
          window.__lastMessage = performance.now();
        }
      });
    }
  };
  window.__release = () => {
    const held = window.__held.splice(0);
    for (const [w, data] of held) {
      const ev = new MessageEvent('message', { data });
      ev.__released = true;
      window.__lastMessage = performance.now();
      w.dispatchEvent(ev);
    }
    return held.length;
  };
}
