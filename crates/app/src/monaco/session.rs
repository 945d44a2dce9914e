//! One Monaco editor on the page and the document it shows: switches
//! models, keeps the text in step with the component's props without ever
//! rewriting what the user typed, and shows markers, highlights and
//! reveals.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use iamplay_core::{Diagnostic, PolicyKind};
use js_sys::{Array, Object};
use monaco::sys::editor::{
    ICodeEditor, ICodeEditorViewState, IEditor, IEditorOptions, IStandaloneCodeEditor,
    IStandaloneEditorConstructionOptions, ITextModel, ScrollType, create,
};
use monaco::sys::{IDisposable, KeyCode, KeyMod};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;
use yew::Callback;

use crate::components::{Reveal, StatementHighlight};

use super::js::{Bag, get, global_monaco, range, set};
use super::{decorations, markers, models, providers};

/// How many of the editor's own edits may wait for the app to echo them
/// back through the `text` prop.
const MAX_PENDING_ECHOES: usize = 64;

/// What the editor is created with.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Setup {
    /// Monaco's theme name (`vs`, `vs-dark`).
    pub theme: &'static str,
    /// The font stack.
    pub font_family: &'static str,
}

/// State shared with the editor's content listener.
struct Shared {
    /// Where user edits go.
    on_change: RefCell<Callback<String>>,
    /// Set while the editor itself changes the text (a new document, or
    /// text replaced by the app), which is not a user edit.
    applying: Cell<bool>,
    /// Texts sent through `on_change` that the props have not shown yet:
    /// a prop equal to one of them is an old echo, not a new text.
    pending: RefCell<VecDeque<String>>,
}

/// The document on screen.
struct Shown {
    key: String,
    model: ITextModel,
}

/// What was last applied, to apply only what changed.
#[derive(Default)]
struct Applied {
    diagnostics: Option<(Rc<Vec<Diagnostic>>, f64)>,
    highlights: Option<(Rc<Vec<StatementHighlight>>, f64)>,
    reveal: Option<u32>,
    read_only: Option<bool>,
    word_wrap: Option<bool>,
}

/// Monaco's command that switches what Tab does: move the focus out of
/// the editor, or indent (`Ctrl+M`, `Ctrl+Shift+M` on macOS).
const TOGGLE_TAB_FOCUS: &str = "editor.action.toggleTabFocusMode";

thread_local! {
    /// Whether the page has set Tab to move the focus out of the editor
    /// (once: Monaco keeps the mode for every editor of the page, and the
    /// reader's choice stands from then on).
    static TAB_FOCUS_DEFAULT_SET: Cell<bool> = const { Cell::new(false) };
}

/// A Monaco editor and what it shows.
pub(crate) struct Session {
    editor: IStandaloneCodeEditor,
    shared: Rc<Shared>,
    listener: IDisposable,
    options_listener: IDisposable,
    _on_options: Closure<dyn Fn()>,
    _on_content: Closure<dyn Fn()>,
    _format: Closure<dyn Fn()>,
    shown: Option<Shown>,
    decorations: Array,
    applied: Applied,
}

impl Session {
    /// Creates an editor in `host` (an empty element), with no document.
    /// Tab moves the focus out of it unless the reader chose otherwise
    /// (Ctrl+M); `on_tab_focus` hears whether it does, now and whenever
    /// it changes.
    pub(crate) fn create(
        host: &HtmlElement,
        setup: &Setup,
        on_tab_focus: Callback<bool>,
    ) -> Session {
        providers::ensure_registered();
        let editor = create(host, Some(&construction_options(setup)), None);
        if !TAB_FOCUS_DEFAULT_SET.with(|set| set.replace(true)) && !tab_moves_focus(&editor) {
            toggle_tab_focus(&editor);
        }
        on_tab_focus.emit(tab_moves_focus(&editor));
        let on_options = {
            let editor: IStandaloneCodeEditor = editor.clone().unchecked_into();
            let last = Cell::new(tab_moves_focus(&editor));
            Closure::<dyn Fn()>::new(move || {
                let now = tab_moves_focus(&editor);
                if last.replace(now) != now {
                    on_tab_focus.emit(now);
                }
            })
        };
        let options_listener =
            editor.on_did_change_configuration(on_options.as_ref().unchecked_ref());
        let shared = Rc::new(Shared {
            on_change: RefCell::new(Callback::noop()),
            applying: Cell::new(false),
            pending: RefCell::new(VecDeque::new()),
        });
        let on_content = {
            let shared = Rc::clone(&shared);
            let editor: IStandaloneCodeEditor = editor.clone().unchecked_into();
            Closure::<dyn Fn()>::new(move || {
                if shared.applying.get() {
                    return;
                }
                let Some(model) = editor.get_model() else {
                    return;
                };
                let text = model.get_value(None, None);
                {
                    let mut pending = shared.pending.borrow_mut();
                    if pending.len() == MAX_PENDING_ECHOES {
                        pending.pop_front();
                    }
                    pending.push_back(text.clone());
                }
                let on_change = shared.on_change.borrow().clone();
                on_change.emit(text);
            })
        };
        let listener = editor.on_did_change_model_content(on_content.as_ref().unchecked_ref());
        let format = add_format_shortcut(&editor);
        Session {
            editor,
            shared,
            listener,
            options_listener,
            _on_options: on_options,
            _on_content: on_content,
            _format: format,
            shown: None,
            decorations: Array::new(),
            applied: Applied::default(),
        }
    }

    /// Sets where user edits go.
    pub(crate) fn set_on_change(&self, on_change: Callback<String>) {
        self.shared.on_change.replace(on_change);
    }

    /// Shows document `key` with `text`. Another document swaps the model
    /// (each keeps its own undo history and view state); the same document
    /// with a text that is neither the model's nor an echo of a user edit
    /// (the app replaced it) replaces the model's text as one undoable
    /// edit. Equal text changes nothing.
    pub(crate) fn show(&mut self, key: &str, text: &str, kind: PolicyKind) {
        let switching = self.shown.as_ref().is_none_or(|shown| shown.key != key);
        if switching {
            self.leave_document();
            let Ok(model) = models::open(key, text) else {
                return;
            };
            self.shared.pending.borrow_mut().clear();
            if model.get_value(None, None) != text {
                self.replace_text(&model, text);
            }
            self.shared.applying.set(true);
            self.editor.set_model(Some(&model));
            self.shared.applying.set(false);
            if let Some(state) = models::view_state(&model) {
                self.editor
                    .restore_view_state(state.unchecked_ref::<ICodeEditorViewState>());
            }
            models::set_kind(&model, kind);
            self.shown = Some(Shown {
                key: key.to_owned(),
                model,
            });
            models::dispose_other_epochs(key);
            self.applied.diagnostics = None;
            self.applied.highlights = None;
            return;
        }
        let Some(shown) = &self.shown else {
            return;
        };
        let model = shown.model.clone();
        models::set_kind(&model, kind);
        if model.get_value(None, None) == text {
            self.shared.pending.borrow_mut().clear();
            return;
        }
        let echo = {
            let mut pending = self.shared.pending.borrow_mut();
            match pending.iter().position(|sent| sent == text) {
                Some(at) => {
                    pending.drain(..=at);
                    true
                }
                None => false,
            }
        };
        if !echo {
            self.shared.pending.borrow_mut().clear();
            self.replace_text(&model, text);
        }
    }

    /// Replaces the whole text of `model` as one undoable edit, which is
    /// not reported as a user edit.
    fn replace_text(&self, model: &ITextModel, text: &str) {
        let edit = Bag::new()
            .with("range", JsValue::from(model.get_full_model_range()))
            .with("text", text)
            .build();
        let edits: Array = std::iter::once(JsValue::from(edit)).collect();
        self.shared.applying.set(true);
        let _ = model.push_edit_operations(&Array::new(), &edits, None);
        self.shared.applying.set(false);
    }

    /// Saves the view state of the document on screen and takes its
    /// markers and highlights away.
    fn leave_document(&mut self) {
        let Some(shown) = self.shown.take() else {
            return;
        };
        if let Some(state) = self.editor.save_view_state() {
            models::save_view_state(&shown.model, state.into());
        }
        markers::clear(&shown.model);
        self.decorations = shown
            .model
            .delta_decorations(&self.decorations, &Array::new(), None);
    }

    /// Makes the editor read-only or editable.
    pub(crate) fn set_read_only(&mut self, read_only: bool) {
        if self.applied.read_only == Some(read_only) {
            return;
        }
        self.applied.read_only = Some(read_only);
        let options: IEditorOptions = Bag::new()
            .with("readOnly", read_only)
            .with("ariaLabel", aria_label(read_only))
            .cast();
        self.editor.update_options(&options);
    }

    /// Switches what Tab does in the editor: move the focus, or indent.
    pub(crate) fn toggle_tab_focus(&self) {
        toggle_tab_focus(&self.editor);
    }

    /// Wraps long lines at the editor's width, or not.
    pub(crate) fn set_word_wrap(&mut self, wrap: bool) {
        if self.applied.word_wrap == Some(wrap) {
            return;
        }
        self.applied.word_wrap = Some(wrap);
        let options: IEditorOptions = Bag::new()
            .with("wordWrap", if wrap { "on" } else { "off" })
            .cast();
        self.editor.update_options(&options);
    }

    /// Shows `diagnostics` as markers on the document on screen.
    pub(crate) fn set_diagnostics(&mut self, diagnostics: &Rc<Vec<Diagnostic>>) {
        let Some(shown) = &self.shown else {
            return;
        };
        let version = shown.model.get_version_id();
        if let Some((applied, at)) = &self.applied.diagnostics
            && *at == version
            && (Rc::ptr_eq(applied, diagnostics) || applied == diagnostics)
        {
            return;
        }
        markers::show(&shown.model, diagnostics);
        self.applied.diagnostics = Some((Rc::clone(diagnostics), version));
    }

    /// Marks `highlights` on the document on screen.
    pub(crate) fn set_highlights(&mut self, highlights: &Rc<Vec<StatementHighlight>>) {
        let Some(shown) = &self.shown else {
            return;
        };
        let version = shown.model.get_version_id();
        if let Some((applied, at)) = &self.applied.highlights
            && *at == version
            && (Rc::ptr_eq(applied, highlights) || applied == highlights)
        {
            return;
        }
        let text = shown.model.get_value(None, None);
        self.decorations = decorations::show(&shown.model, &text, &self.decorations, highlights);
        self.applied.highlights = Some((Rc::clone(highlights), version));
    }

    /// Scrolls to, selects and focuses the range of a new `reveal`.
    pub(crate) fn reveal(&mut self, reveal: Option<Reveal>) {
        let Some(reveal) = reveal else {
            return;
        };
        if self.applied.reveal == Some(reveal.nonce) || self.shown.is_none() {
            return;
        }
        self.applied.reveal = Some(reveal.nonce);
        let loc = reveal.loc;
        let target: Object = range(
            loc.start.line,
            loc.start.column,
            loc.end.line,
            loc.end.column,
        )
        .build();
        self.editor.set_selection_range(target.unchecked_ref());
        self.editor.reveal_range_in_center_if_outside_viewport(
            target.unchecked_ref(),
            Some(ScrollType::Smooth),
        );
        self.editor.focus();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.leave_document();
        self.listener.dispose();
        self.options_listener.dispose();
        // Detach the model first: the editor disposes nothing it did not
        // create, and the models outlive it.
        self.editor.set_model(None);
        self.editor.dispose();
    }
}

/// Binds Shift+Alt+F to Format Document on every platform (Monaco binds
/// it on Windows and macOS; on Linux its key is Ctrl+Shift+I, which stays).
/// The returned closure must live as long as the editor.
fn add_format_shortcut(editor: &IStandaloneCodeEditor) -> Closure<dyn Fn()> {
    let handle: &JsValue = editor.as_ref();
    let target: IStandaloneCodeEditor = handle.clone().unchecked_into();
    let format = Closure::<dyn Fn()>::new(move || {
        let action = target.get_action("editor.action.formatDocument");
        if !JsValue::from(&action).is_null() && !JsValue::from(&action).is_undefined() {
            let _ = action.run();
        }
    });
    let keys = KeyMod::shift() + KeyMod::alt() + f64::from(KeyCode::KeyF.to_value());
    let _ = editor.add_command(
        keys,
        format.as_ref().unchecked_ref(),
        Some("editorTextFocus && !editorReadonly"),
    );
    format
}

/// Whether Tab moves the focus out of the editor (Monaco's tab focus
/// mode, which its `tabFocusMode` option reads).
fn tab_moves_focus(editor: &IStandaloneCodeEditor) -> bool {
    let Some(monaco) = global_monaco() else {
        return false;
    };
    let option = get(
        &get(&get(&monaco, "editor"), "EditorOption"),
        "tabFocusMode",
    );
    if option.is_undefined() {
        return false;
    }
    let editor: &ICodeEditor = editor.unchecked_ref();
    editor.get_option(&option).as_bool().unwrap_or(false)
}

/// Runs Monaco's command that switches the tab focus mode.
fn toggle_tab_focus(editor: &IStandaloneCodeEditor) {
    let editor: &IEditor = editor.unchecked_ref();
    editor.trigger("iamplay", TOGGLE_TAB_FOCUS, &JsValue::UNDEFINED);
}

/// The editor's label for screen readers, with the keys that matter:
/// Alt+F1 opens Monaco's accessibility help, Ctrl+M makes Tab move the
/// focus out of the editor instead of typing a tab.
pub(crate) fn aria_label(read_only: bool) -> String {
    let what = if read_only {
        "Policy document, read-only"
    } else {
        "Policy document"
    };
    format!(
        "{what} (JSON). Press Alt+F1 for accessibility help; Ctrl+M toggles whether Tab \
         moves the focus out of the editor."
    )
}

/// The options the editor is created with.
fn construction_options(setup: &Setup) -> IStandaloneEditorConstructionOptions {
    let options = IStandaloneEditorConstructionOptions::default();
    // No model: documents come through `Session::show`, and Monaco would
    // otherwise create an empty one.
    set(&options, "model", &JsValue::NULL);
    options.set_theme(Some(setup.theme));
    options.set_aria_label(Some(&aria_label(false)));
    options.set_automatic_layout(Some(true));
    options.set_scroll_beyond_last_line(Some(false));
    options.set_font_family(Some(setup.font_family));
    options.set_font_size(Some(13.0));
    options.set_fixed_overflow_widgets(Some(true));
    options.set_glyph_margin(Some(true));
    options.set_line_numbers_min_chars(Some(3.0));
    let raw: &JsValue = &options;
    set(
        raw,
        "minimap",
        &Bag::new().with("enabled", false).build().into(),
    );
    set(
        raw,
        "padding",
        &Bag::new().with("top", 8).with("bottom", 8).build().into(),
    );
    // Suggestions as you type, in strings too: every policy value is one.
    set(
        raw,
        "quickSuggestions",
        &Bag::new()
            .with("other", true)
            .with("strings", true)
            .with("comments", false)
            .build()
            .into(),
    );
    // Only the policy-aware suggestions, not every word of the document.
    set(raw, "wordBasedSuggestions", &false.into());
    // Markers also on read-only documents (AWS managed policies).
    set(raw, "renderValidationDecorations", &"on".into());
    // A wrapped line goes on one level deeper than where it starts.
    set(raw, "wrappingIndent", &"indent".into());
    options
}
