//! Charts drawn once against any plotters backend: `CanvasBackend` in the browser, SVG in native tests.
