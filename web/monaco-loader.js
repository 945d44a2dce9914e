// Stands in for Monaco's `editor.js` in the built page, so that the app
// starts (and shows its first decision) without waiting for Monaco's
// 3 MB of JavaScript.
//
// The `monaco` crate's bindings import Monaco from a module of its own,
// which the app's wasm-bindgen glue imports statically: left as is, the
// browser fetches and runs all of Monaco before the app's wasm can start.
// `cargo xtask build` (xtask/src/lazy_monaco.rs) moves the real module to
// `monaco/editor.js` and puts this file in its place, with the line below
// marked EXPORTS replaced by one `export let` of every name the real module
// exports and a function `assign(real)` that sets each from the real
// module. Those bindings are live: `loadEditor()` imports the real module
// and assigns them, and the glue reads them when the app calls Monaco,
// never before. The one function the glue reads when it starts,
// `editor.create`, forwards to the real one.
//
// The app calls `MonacoEnvironment.loadEditor()` (crates/app/src/monaco/
// load.js) before its first editor; it resolves once Monaco is there.

/* EXPORTS */

let loading;
let monaco;

// Loads the real Monaco once; resolves with its module.
function loadEditor() {
  loading ??= import(new URL("monaco/editor.js", document.baseURI).href).then((real) => {
    monaco = real;
    assign(real);
    return real;
  });
  return loading;
}

// The editor namespace until Monaco is loaded: `create` is read by the
// glue when the app starts and must be a function then.
editor = {
  create(...args) {
    if (!monaco) {
      throw new Error("Monaco's editor is used before MonacoEnvironment.loadEditor() resolved");
    }
    return monaco.editor.create(...args);
  },
};

self.MonacoEnvironment = self.MonacoEnvironment || {};
self.MonacoEnvironment.loadEditor = loadEditor;
