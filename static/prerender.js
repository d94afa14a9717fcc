// Runs before the snapshot is parsed (a classic script just above it in <body>): decides whether the
// prerendered first screen (#prerendered, written by scripts/prerender.mjs) may be painted. It was rendered from the default scenario
// with nothing saved, so it may show only then. A query or a hash (a shared link, an embed, another page)
// or any saved Crossover state (`crossover.*` in localStorage) means the app will show something else:
// `own-state` on <html> hides the snapshot (styles/main.css) before its first paint, and the live app
// shows as soon as it renders. static/boot.js removes the snapshot once the live app has taken over.
(() => {
  let own = location.search !== '' || location.hash !== '';
  try {
    for (let i = 0; !own && i < localStorage.length; i++) own = localStorage.key(i).startsWith('crossover.');
  } catch {
    // No storage (a sandboxed frame, storage disabled): the app reads nothing either and shows the default.
  }
  if (!own) return;
  document.documentElement.classList.add('own-state');
  // Nothing will be painted before the app, so its JS and wasm are wanted at once. scripts/prerender.mjs
  // took Trunk's preloads out (they slowed the snapshot's first frame); put them back, for the same URLs
  // and request modes boot.js uses (an `import` and a plain same-origin `fetch`), so they are reused.
  // A development build has no snapshot and keeps Trunk's own.
  if (document.querySelector('link[rel="modulepreload"]')) return;
  const boot = [...document.scripts].find((s) => s.type === 'module' && /\/boot\.js\?/.test(s.src));
  if (!boot) return;
  const names = new URL(boot.src).searchParams;
  const preload = (rel, file, more) => {
    if (!/^[\w.-]+$/.test(file ?? '')) return;
    const link = Object.assign(document.createElement('link'), { rel, href: new URL(file, boot.src).href }, more);
    document.head.append(link);
  };
  preload('modulepreload', names.get('js'));
  preload('preload', names.get('wasm'), { as: 'fetch', crossOrigin: 'anonymous', type: 'application/wasm' });
})();
