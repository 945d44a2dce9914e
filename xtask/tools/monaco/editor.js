// Monaco as the playground needs it, bundled by `cargo xtask build`
// (xtask/src/monaco_bundle.rs runs build.mjs, esbuild) into
// `dist/monaco/editor.js`, `editor.css` and `codicon.ttf`, in place of the
// `monaco` crate's prebuilt bundle. Same Monaco (0.32.1, the crate's) and
// the same exports (the crate's bindings import them; the build checks
// every one is here), but without the ~80 tokenizers of Monaco's other
// languages, the CSS, HTML and TypeScript language services, the diff
// editor (build.mjs), and the editor features that only those (or
// providers the playground never registers) use.
//
// Kept: everything a reader does in a policy document: typing and
// clipboard, completion (with snippets, which the playground's
// completions insert), hovers (the markers' too), find and replace,
// folding, formatting (Shift+Alt+F), markers and F8, multiple cursors,
// line and word operations, bracket matching, word and Unicode
// highlighting, Tab focus mode (Ctrl+M), the accessibility help
// (Alt+F1), the context menu and the command palette (F1, Ctrl+G).
//
// Left out (Monaco's `editor.all.js` has them): code lens, colour
// decorators and inlay hints as features of their own, go to definition /
// references and their peek views, parameter hints, rename, linked
// editing, links, inline completions, semantic tokens, the outline and
// "go to symbol", in-place replace, anchor select, token inspection,
// high-contrast toggle, the iPad keyboard button and the diff navigator.
// (Hovers still bring in parts of some of them: Monaco's hover imports
// their hover participants.) Without links detection, which asks the
// editor worker about every document, no worker starts until the reader
// formats a document (or types a character outside ASCII, which the
// Unicode highlighting checks there).

import "monaco-editor/esm/vs/editor/browser/controller/coreCommands.js";
import "monaco-editor/esm/vs/editor/browser/widget/codeEditorWidget.js";
import "monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching.js";
import "monaco-editor/esm/vs/editor/contrib/caretOperations/browser/caretOperations.js";
import "monaco-editor/esm/vs/editor/contrib/caretOperations/browser/transpose.js";
import "monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard.js";
import "monaco-editor/esm/vs/editor/contrib/comment/browser/comment.js";
import "monaco-editor/esm/vs/editor/contrib/contextmenu/browser/contextmenu.js";
import "monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo.js";
import "monaco-editor/esm/vs/editor/contrib/dnd/browser/dnd.js";
import "monaco-editor/esm/vs/editor/contrib/find/browser/findController.js";
import "monaco-editor/esm/vs/editor/contrib/folding/browser/folding.js";
import "monaco-editor/esm/vs/editor/contrib/fontZoom/browser/fontZoom.js";
import "monaco-editor/esm/vs/editor/contrib/format/browser/formatActions.js";
import "monaco-editor/esm/vs/editor/contrib/gotoError/browser/gotoError.js";
import "monaco-editor/esm/vs/editor/contrib/hover/browser/hover.js";
import "monaco-editor/esm/vs/editor/contrib/indentation/browser/indentation.js";
import "monaco-editor/esm/vs/editor/contrib/lineSelection/browser/lineSelection.js";
import "monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations.js";
import "monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor.js";
import "monaco-editor/esm/vs/editor/contrib/smartSelect/browser/smartSelect.js";
import "monaco-editor/esm/vs/editor/contrib/snippet/browser/snippetController2.js";
import "monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController.js";
import "monaco-editor/esm/vs/editor/contrib/tokenization/browser/tokenization.js";
import "monaco-editor/esm/vs/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode.js";
import "monaco-editor/esm/vs/editor/contrib/unicodeHighlighter/browser/unicodeHighlighter.js";
import "monaco-editor/esm/vs/editor/contrib/unusualLineTerminators/browser/unusualLineTerminators.js";
import "monaco-editor/esm/vs/editor/contrib/wordHighlighter/browser/wordHighlighter.js";
import "monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations.js";
import "monaco-editor/esm/vs/editor/contrib/wordPartOperations/browser/wordPartOperations.js";
import "monaco-editor/esm/vs/editor/common/standaloneStrings.js";
import "monaco-editor/esm/vs/base/browser/ui/codicons/codiconStyles.js";
import "monaco-editor/esm/vs/editor/standalone/browser/accessibilityHelp/accessibilityHelp.js";
import "monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneHelpQuickAccess.js";
import "monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneGotoLineQuickAccess.js";
import "monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneCommandsQuickAccess.js";

// The JSON language: its tokens, brackets and formatter (the playground
// turns its worker-side validation, completion and hover off), and
// `monaco.languages.json.jsonDefaults` for that.
import "monaco-editor/esm/vs/language/json/monaco.contribution.js";

// Monaco's API, as the crate's bundle exports it (`editor`, `languages`,
// `Uri`, `Range`, `KeyCode`, …), also on `window.monaco` when
// `MonacoEnvironment.globalAPI` is set (web/monaco-environment.js).
export * from "monaco-editor/esm/vs/editor/editor.api.js";
