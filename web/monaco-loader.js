// Stands in for Monaco's `editor.js` in the built page, so that the app
// starts (and shows its first decision) without waiting for Monaco's
// 2.5 MB of JavaScript.
//
// The `monaco` crate's bindings import Monaco from a module of its own,
// which the app's wasm-bindgen glue imports statically: left as is, the
// browser fetches and runs all of Monaco before the app's wasm can start.
// `cargo xtask build` bundles the page's own Monaco (xtask/tools/monaco/editor.js,
// the crate's Monaco with only the JSON language) into `monaco/editor.js`
// and `monaco/editor.css` (xtask/src/monaco_bundle.rs) and puts this file
// in place of the crate's module (xtask/src/lazy_monaco.rs), with the line
// below marked EXPORTS replaced by one `export let` of every name the
// crate's module exports and a function `assign(real)` that sets each from
// the real module. Those bindings are live: `loadEditor()` imports the real
// module (and adds its stylesheet) and assigns them, and the glue reads
// them when the app calls Monaco, never before. The one function the glue
// reads when it starts, `editor.create`, forwards to the real one.
//
// The app calls `MonacoEnvironment.loadEditor()` (crates/app/src/monaco/
// load.js) before its first editor; it resolves once Monaco is there.

/* EXPORTS */

let loading;
let monaco;

// Loads the real Monaco once, its module and its stylesheet side by side;
// resolves with the module once both are there (the editor measures its
// layout with Monaco's CSS applied).
function loadEditor() {
  loading ??= Promise.all([
    import(new URL("monaco/editor.js", document.baseURI).href),
    loadStylesheet(new URL("monaco/editor.css", document.baseURI).href),
  ]).then(([real]) => {
    monaco = real;
    assign(real);
    return real;
  });
  return loading;
}

// Adds a stylesheet at the end of the page's head (after the page's own,
// as Monaco's styles always were); resolves once it is applied.
function loadStylesheet(href) {
  return new Promise((resolve, reject) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.onload = () => resolve();
    link.onerror = () => reject(new Error(`cannot load ${href}`));
    document.head.append(link);
  });
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
