// Starts the app from an external module, so index.html has no inline script and its CSP can be strict
// (script-src 'self' 'wasm-unsafe-eval'). Trunk writes the tag that loads this file (Trunk.toml,
// `pattern_script`): `<script type="module" src="./boot.js?js=<app>.js&wasm=<app>_bg.wasm">`, the two
// content-hashed file names of the release, which also make this URL change with every release.
// It does what Trunk's default inline initializer did, then registers the service worker (sw.js).
// The names are read from the <script> element, not from import.meta.url: a response from the service
// worker's cache may carry the URL without its query.
const here = new URL(import.meta.url);
const tag = [...document.scripts].find((s) => s.src && new URL(s.src).pathname === here.pathname);
const params = new URL(tag?.src ?? here.href).searchParams;
const js = params.get('js');
const wasmFile = params.get('wasm');
const plain = /^[\w.-]+$/; // a file name next to this one, nothing else
if (!plain.test(js ?? '') || !plain.test(wasmFile ?? '')) {
  throw new Error(`boot.js: expected ?js=…&wasm=… file names in its <script src>, got ${tag?.src}`);
}

// The prices and model data the core reads (src/core/data_files.rs): static files next to this one, fetched
// in parallel with the wasm and the JS (they arrive long before the wasm has compiled), so they add no
// round trip. The app and the worker start once all have arrived; both get them as `crossoverData`.
const DATA = { catalog: 'catalog.json', hidden_costs: 'hidden_costs.json', coldstart: 'coldstart.json', presets: 'presets.json' };

async function dataText(file) {
  const response = await fetch(new URL(file, here).href);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return response.text();
}

// The worker is started before the wasm compiles: a worker thread starts only in tasks of this thread,
// which is busy from the app's first render on, so a worker created by the app began to load after the
// app's first paint. Here it loads while the wasm downloads and compiles; it is then given the compiled
// module (compiled once, for both), and the app adopts it (src/app/worker_client.rs) from
// `window.crossoverWorker`.
dropUnusedSnapshot();
await firstScreenPainted();
const worker = startWorker();
try {
  const wasmUrl = new URL(wasmFile, here).href;
  const data = Promise.all(Object.entries(DATA).map(async ([key, file]) => [key, await dataText(file)]));
  data.catch(() => {}); // awaited below; this only keeps an early failure from being reported as unhandled
  const [bindings, module] = await Promise.all([
    import(new URL(js, here).href),
    WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() => null),
  ]);
  try {
    globalThis.crossoverData = Object.fromEntries(await data);
  } catch (error) {
    // Say so on the page instead of leaving it blank (offline on a first visit, a broken deploy).
    worker?.terminate();
    const app = document.getElementById('app');
    if (app) app.textContent = `Crossover could not load its data (${error.message}); reload when online.`;
    throw error;
  }
  if (worker && module) {
    try {
      worker.postMessage({ js, module, data: globalThis.crossoverData });
    } catch {
      worker.__crossoverFailed = true;
    }
  } else if (worker) {
    worker.__crossoverFailed = true;
  }
  // Without a compiled module (a server that sends the wasm with another MIME type) the bindings fetch it.
  const wasm = await bindings.default({ module_or_path: module ?? wasmUrl });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
  handOverFromSnapshot();
} catch (error) {
  // A page that looks alive but isn't would hide the failure: the snapshot goes at once.
  document.getElementById('prerendered')?.remove();
  throw error;
} finally {
  registerServiceWorker();
}

// A snapshot that will not show goes before the app starts, so the page never holds two copies of what
// the app renders: a hidden one (another scenario: static/prerender.js) or an empty one (development builds).
function dropUnusedSnapshot() {
  const snapshot = document.getElementById('prerendered');
  if (snapshot && (!snapshot.firstElementChild || document.documentElement.classList.contains('own-state'))) {
    snapshot.remove();
  }
}

// A prerendered first screen that shows is painted before the worker starts and the wasm compiles: on two
// cores their threads took the CPU from the first frame's style, layout and raster (A/B, fresh contexts:
// the verdict painted 9–30 % sooner in four runs, within the noise in two at heavy load; the live app's
// hand-over ~30–60 ms later, docs/perf-profile.md). Two frames: the first has then been produced, not
// only recorded. A hidden page gets no frames: it waits for none, or
// at most FIRST_SCREEN_MS if hidden meanwhile.
function firstScreenPainted() {
  const FIRST_SCREEN_MS = 500;
  if (!document.getElementById('prerendered') || document.visibilityState === 'hidden') return null;
  return new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)));
    setTimeout(resolve, FIRST_SCREEN_MS);
  });
}

// The prerendered first screen (#prerendered, see scripts/prerender.mjs) stays until the live app shows
// all it shows, the exact figures and the sensitivity sentences asked for once they are in, and goes in
// the same task that put the last of them in (a MutationObserver callback), so the frame that paints
// them (the app's chart draws included) is the first without it and no card steps back to "Searching";
// without them within HAND_OVER_MS (no worker) the app shows what it has. A visitor who reaches for a
// control meanwhile (pointer or key; the snapshot is inert) gets the live app at once if it has
// rendered, with its quick figures, rather than wait for the exact ones.
function handOverFromSnapshot() {
  const HAND_OVER_MS = 3000;
  const snapshot = document.getElementById('prerendered');
  const app = document.getElementById('app');
  if (!snapshot) return;
  if (!app) {
    snapshot.remove();
    return;
  }
  // src/app/explorer.rs: exact figures and this scenario's sensitivity sentences.
  const settled = () => app.querySelector('.results[data-settled="true"]');
  let observer = null;
  let timer = 0;
  const reach = () => {
    if (app.querySelector('#verdict-decision')) handOver();
  };
  const handOver = () => {
    observer?.disconnect();
    clearTimeout(timer);
    removeEventListener('pointerdown', reach, true);
    removeEventListener('keydown', reach, true);
    snapshot.remove();
  };
  addEventListener('pointerdown', reach, true);
  addEventListener('keydown', reach, true);
  if (settled()) return handOver();
  observer = new MutationObserver(() => {
    if (settled()) handOver();
  });
  observer.observe(app, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-settled'] });
  timer = setTimeout(handOver, HAND_OVER_MS);
}

// The page's worker (static/worker.js), or null where workers can't start. Until the app adopts it,
// its ready message (a bare 0) and a failure are kept on the object, where the app reads them.
function startWorker() {
  try {
    const w = new Worker(new URL('worker.js', here).href, { type: 'module' });
    const seen = (event) => {
      if (event.data === 0) w.__crossoverReady = true;
    };
    const failed = () => {
      w.__crossoverFailed = true;
    };
    w.addEventListener('message', seen);
    w.addEventListener('error', failed);
    // Called by the app once it has read the two flags and set its own handlers.
    w.__crossoverAdopted = () => {
      w.removeEventListener('message', seen);
      w.removeEventListener('error', failed);
    };
    window.crossoverWorker = w;
    return w;
  } catch {
    return null;
  }
}

// Offline support is a bonus: no service worker API (insecure context), a sandboxed iframe (SecurityError)
// or a failed registration leave the app as it is.
function registerServiceWorker() {
  try {
    navigator.serviceWorker?.register(new URL('sw.js', here).href, { updateViaCache: 'none' }).catch(() => {});
  } catch {
    // ignored
  }
}
