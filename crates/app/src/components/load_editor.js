// Asks the page for Monaco before the first editor: in the built page,
// `web/monaco-loader.js` stands in for Monaco's module and loads the real
// one on demand (`MonacoEnvironment.loadEditor`). Where Monaco is imported
// as it is (the wasm tests, `trunk serve`), it is already there.
export function loadEditor() {
  const environment = globalThis.MonacoEnvironment;
  if (environment && typeof environment.loadEditor === "function") {
    return environment.loadEditor();
  }
  return Promise.resolve();
}
