// The page's web worker: the app's own module, started a second time in a module worker. The page's first
// message names the app's content-hashed JS and wasm files ({ js, wasm }, the names boot.js was started
// with), so both come from the HTTP (or service worker) cache; nothing is downloaded twice. The names
// come by message rather than in this script's query because a response from the service worker's cache
// may carry the URL without its query. Once loaded, `main` sees no window and runs the worker's side
// (src/app/worker.rs), which takes over `onmessage` and posts 0 when it is ready for requests.
const plain = /^[\w.-]+$/; // a file name next to this one, nothing else
self.onmessage = (event) => {
  self.onmessage = null;
  const { js, wasm } = event.data ?? {};
  if (!plain.test(js ?? '') || !plain.test(wasm ?? '')) {
    throw new Error(`worker.js: expected { js, wasm } file names, got ${JSON.stringify(event.data)}`);
  }
  import(new URL(js, self.location.href).href)
    .then((bindings) => bindings.default({ module_or_path: new URL(wasm, self.location.href).href }))
    // Rethrown from a task of its own, so the page gets an `error` event and answers on its own thread.
    .catch((error) => setTimeout(() => { throw error; }));
};
