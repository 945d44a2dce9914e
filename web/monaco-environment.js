// Tells Monaco where its web workers are, before the app starts Monaco.
//
// The workers are plain files next to the page, copied at build time from
// the `monaco` crate by `cargo xtask monaco-workers` (a trunk hook): the
// editor worker for the language services the editor itself runs, and the
// JSON worker for validating and completing policy documents.
//
// `globalAPI` also puts Monaco's API on `window.monaco`, which the
// end-to-end tests use to read the editor's text.
self.MonacoEnvironment = {
  globalAPI: true,
  getWorkerUrl(_moduleId, label) {
    const file = label === "json" ? "json.worker.js" : "editor.worker.js";
    return new URL(`monaco/${file}`, document.baseURI).href;
  },
};
