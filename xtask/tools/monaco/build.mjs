// Bundles the page's Monaco: `node build.mjs OUT_DIR` (run by `cargo
// xtask build`, xtask/src/monaco_bundle.rs) writes `editor.js` (one
// minified ES module: Monaco's lazily imported JSON mode is inlined, as
// esbuild does without code splitting), `editor.css` and `codicon.ttf`
// (a file of its own, fetched once a codicon shows) into OUT_DIR, with
// the licence comments at the end of each file.
//
// One module of Monaco is replaced: the diff editor's widget, which
// Monaco's API module always imports (for `editor.createDiffEditor`) and
// which brings the diff review and the inline diff margin with it
// (75 KB, 11 KB brotli). The playground never compares two documents; the
// stand-in class throws if anything ever makes a diff editor.

import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const [outdir, ...rest] = process.argv.slice(2);
if (!outdir || rest.length > 0) {
  console.error("usage: node build.mjs OUT_DIR");
  process.exit(2);
}

// The diff editor's widget, by its path in monaco-editor's ESM build.
const DIFF_EDITOR_WIDGET = /[\\/]vs[\\/]editor[\\/]browser[\\/]widget[\\/]diffEditorWidget\.js$/;

const withoutDiffEditor = {
  name: "without-diff-editor",
  setup(bundler) {
    bundler.onLoad({ filter: DIFF_EDITOR_WIDGET }, () => ({
      contents: `export class DiffEditorWidget {
  constructor() {
    throw new Error("the playground's Monaco has no diff editor (xtask/tools/monaco/build.mjs)");
  }
}`,
      loader: "js",
    }));
  },
};

await build({
  absWorkingDir: fileURLToPath(new URL(".", import.meta.url)),
  entryPoints: ["editor.js"],
  bundle: true,
  minify: true,
  format: "esm",
  loader: { ".ttf": "file" },
  assetNames: "[name]",
  legalComments: "eof",
  logLevel: "warning",
  outdir,
  plugins: [withoutDiffEditor],
});
