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
// in parallel with the wasm and the JS, so they add no round trip; the app starts once all have arrived.
const DATA = { catalog: 'catalog.json', hidden_costs: 'hidden_costs.json', coldstart: 'coldstart.json', presets: 'presets.json' };

async function dataText(file) {
  const response = await fetch(new URL(file, here).href);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return response.text();
}

try {
  const wasmResponse = fetch(new URL(wasmFile, here).href);
  const data = Promise.all(Object.entries(DATA).map(async ([key, file]) => [key, await dataText(file)]));
  const bindings = await import(new URL(js, here).href);
  try {
    globalThis.crossoverData = Object.fromEntries(await data);
  } catch (error) {
    // Say so on the page instead of leaving it blank (offline on a first visit, a broken deploy).
    wasmResponse.catch(() => {});
    const app = document.getElementById('app');
    if (app) app.textContent = `Crossover could not load its data (${error.message}); reload when online.`;
    throw error;
  }
  const wasm = await bindings.default({ module_or_path: wasmResponse });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
} finally {
  registerServiceWorker();
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
