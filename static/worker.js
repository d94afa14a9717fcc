// The page's web worker: the app's own module, instantiated a second time in a module worker. boot.js's
// first message is `{ js, module, data }`: the app's content-hashed JS file name (as boot.js got it), the
// page's compiled WebAssembly.Module, so the wasm is neither downloaded nor compiled again, and the data
// files boot.js fetched (set as `crossoverData` here too, read by src/app/boot_data.rs). Once
// instantiated, `main` sees no window and runs the worker's side (src/app/worker.rs), which takes over
// `onmessage` and posts 0 when it is ready for requests; requests that came before are handed to it then.
const plain = /^[\w.-]+$/; // a file name next to this one, nothing else
self.onmessage = (event) => {
  const { js, module, data: files } = event.data ?? {};
  if (!plain.test(js ?? '') || !(module instanceof WebAssembly.Module)) {
    throw new Error('worker.js: expected { js: <file name>, module: WebAssembly.Module } first');
  }
  self.crossoverData = files;
  // The page posts its first requests without waiting for the ready message (its main thread is busy
  // with the first render then); they are kept here until the app's handler is set, then handed to it
  // in order. The app's `onmessage` replaces this one when its `main` runs.
  const early = [];
  self.onmessage = (e) => early.push(e.data);
  import(new URL(js, self.location.href).href)
    .then((bindings) => bindings.default({ module_or_path: module }))
    .then(() => {
      for (const data of early.splice(0)) self.dispatchEvent(new MessageEvent('message', { data }));
    })
    // Rethrown from a task of its own, so the page gets an `error` event and answers on its own thread.
    .catch((error) => setTimeout(() => { throw error; }));
};
