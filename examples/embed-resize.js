// Sizes each Crossover widget on this page to its content. A widget posts its height in AMP's
// embed-size format on load and whenever it changes; only the frame that sent a message is resized.
addEventListener('message', (event) => {
  const { sentinel, type, height } = event.data ?? {};
  if (sentinel !== 'amp' || type !== 'embed-size' || !(height > 0)) return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) frame.height = String(Math.ceil(Math.min(height, 20000)));
  }
});
