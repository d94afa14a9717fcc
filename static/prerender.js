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
  if (own) document.documentElement.classList.add('own-state');
})();
