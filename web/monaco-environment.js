// Tells Monaco where its web workers are, before the app starts Monaco.
//
// The workers are plain files next to the page, copied at build time from
// the `monaco` crate by `cargo xtask monaco-workers` (a trunk hook). Neither
// starts with the editor: the editor worker, for the services the editor
// itself runs, starts when formatting makes its edits minimal or when a
// document has a character outside ASCII for the Unicode highlighting to
// check (the page's Monaco has no links detection, xtask/tools/monaco/editor.js);
// the JSON worker only for formatting (Shift+Alt+F): the playground turns
// off every other feature of Monaco's JSON language that runs there
// (crates/app/src/monaco/providers.rs). Monaco itself is loaded after the
// app's first decision (web/monaco-loader.js adds `loadEditor` here).
//
// `globalAPI` also puts Monaco's API on `window.monaco`: the policy editor
// reaches the JSON language's defaults there (which the `monaco` crate has
// no binding for) to turn off Monaco's own JSON validation, completion and
// hover in favour of the playground's, and the end-to-end tests read the
// editor through it.
self.MonacoEnvironment = {
  globalAPI: true,
  getWorkerUrl(_moduleId, label) {
    const file = label === "json" ? "json.worker.js" : "editor.worker.js";
    return new URL(`monaco/${file}`, document.baseURI).href;
  },
};
