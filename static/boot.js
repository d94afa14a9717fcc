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

try {
  const bindings = await import(new URL(js, here).href);
  const wasm = await bindings.default({ module_or_path: new URL(wasmFile, here).href });
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
