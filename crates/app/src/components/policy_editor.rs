//! The policy editor: a Monaco editor holding a policy document. All of the
//! playground's Monaco code lives behind this component, in
//! `crates/app/src/monaco/` (policy-aware completion and hover, markers,
//! statement highlights, one model per document).
//!
//! Monaco runs its editor and JSON language services in web workers. The
//! page's `web/monaco-environment.js` tells Monaco to load them from the
//! files `monaco/editor.worker.js` and `monaco/json.worker.js` next to the
//! page (copied there from the `monaco` crate at build time), so no worker
//! code is embedded in the wasm module and nothing comes from a CDN.

#[path = "../monaco/mod.rs"]
mod monaco_support;

use gloo::events::EventListener;
use std::rc::Rc;
use web_sys::{HtmlElement, MediaQueryList};

use iamplay_core::{Diagnostic, PolicyKind};
use yew::{
    AttrValue, Callback, Html, Properties, function_component, html, use_effect, use_effect_with,
    use_mut_ref, use_node_ref, use_state_eq,
};

use monaco_support::session::{Session, Setup};

use crate::state::{Reveal, StatementHighlight};

/// The media query that says the reader prefers a dark page.
const DARK_SCHEME_QUERY: &str = "(prefers-color-scheme: dark)";

/// The font stack of the editor: the system's monospace fonts, nothing
/// downloaded.
const MONOSPACE_FONTS: &str = "ui-monospace, SFMono-Regular, 'SF Mono', Menlo, Consolas, \
                               'DejaVu Sans Mono', 'Liberation Mono', monospace";

/// The colour theme of the editor, following the page's light or dark
/// scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorTheme {
    /// Dark text on a light background (Monaco's `vs`).
    Light,
    /// Light text on a dark background (Monaco's `vs-dark`).
    Dark,
}

impl EditorTheme {
    /// The theme matching the reader's `prefers-color-scheme`; light when the
    /// browser does not say.
    pub fn preferred() -> Self {
        match dark_scheme_query() {
            Some(query) if query.matches() => Self::Dark,
            _ => Self::Light,
        }
    }

    /// The name of Monaco's built-in theme for this scheme.
    pub fn monaco_name(self) -> &'static str {
        match self {
            Self::Light => "vs",
            Self::Dark => "vs-dark",
        }
    }
}

/// Properties of [`PolicyEditor`].
///
/// The editor keeps one Monaco model per `document_key` (so each policy
/// has its own undo history). It never rewrites what the user typed: when
/// `text` differs from the model's text (another document was selected, or
/// the workspace was replaced) the model is updated; edits in the editor
/// come back through `on_change`. A `text` equal to an earlier
/// `on_change` that newer typing has already overtaken is a late echo and
/// changes nothing.
#[derive(Properties, PartialEq)]
pub struct PolicyEditorProps {
    /// Identifies the document being edited.
    pub document_key: AttrValue,
    /// The document's text.
    pub text: AttrValue,
    /// Whether the document may not be edited (AWS managed policies).
    #[prop_or_default]
    pub read_only: bool,
    /// What the policy is attached to, for completions (`Principal` only
    /// in resource-based policies).
    #[prop_or_default]
    pub kind: PolicyKind,
    /// Parse errors and lint findings, shown as markers.
    #[prop_or_default]
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// Statements to mark with the role they played in the decision.
    #[prop_or_default]
    pub highlights: Rc<Vec<StatementHighlight>>,
    /// A range to scroll to and select.
    #[prop_or_default]
    pub reveal: Option<Reveal>,
    /// Called with the whole text after each edit.
    #[prop_or_default]
    pub on_change: Callback<String>,
}

/// A Monaco editor holding one policy document at a time, with
/// completion and hover that know IAM, the document's diagnostics as
/// markers and its statements highlighted by the role they played in the
/// decision. It switches between light and dark with the page. Under it,
/// the editor's two settings: what Tab does (it moves the focus out of
/// the editor until the reader presses Ctrl+M) and whether long lines
/// wrap (on unless the reader turned it off).
#[function_component(PolicyEditor)]
pub fn policy_editor(props: &PolicyEditorProps) -> Html {
    let host = use_node_ref();
    let session = use_mut_ref(|| None::<Session>);
    let tab_moves_focus = use_state_eq(|| true);
    let wrap = use_state_eq(settings::wraps_lines);
    {
        let host = host.clone();
        let session = session.clone();
        let tab_moves_focus = tab_moves_focus.setter();
        use_effect_with((), move |()| {
            if let Some(element) = host.cast::<HtmlElement>() {
                let setup = Setup {
                    theme: EditorTheme::preferred().monaco_name(),
                    font_family: MONOSPACE_FONTS,
                };
                let on_tab_focus = Callback::from(move |on: bool| tab_moves_focus.set(on));
                session.replace(Some(Session::create(&element, &setup, on_tab_focus)));
            }
            let listener = follow_color_scheme();
            move || {
                drop(listener);
                session.replace(None);
            }
        });
    }
    {
        // After every render (the props changed): bring the editor in line.
        let session = session.clone();
        let key = props.document_key.clone();
        let text = props.text.clone();
        let kind = props.kind;
        let read_only = props.read_only;
        let diagnostics = Rc::clone(&props.diagnostics);
        let highlights = Rc::clone(&props.highlights);
        let reveal = props.reveal;
        let on_change = props.on_change.clone();
        let wrap = *wrap;
        use_effect(move || {
            if let Some(session) = session.borrow_mut().as_mut() {
                session.set_on_change(on_change);
                session.show(&key, &text, kind);
                session.set_read_only(read_only);
                session.set_word_wrap(wrap);
                session.set_diagnostics(&diagnostics);
                session.set_highlights(&highlights);
                session.reveal(reveal);
            }
        });
    }
    let toggle_tab = {
        let session = session.clone();
        move |_| {
            if let Some(session) = session.borrow().as_ref() {
                session.toggle_tab_focus();
            }
        }
    };
    let toggle_wrap = {
        let wrap = wrap.clone();
        move |_| {
            settings::keep_wrap_lines(!*wrap);
            wrap.set(!*wrap);
        }
    };
    let tab_hint = if *tab_moves_focus {
        "Tab moves focus · Ctrl+M: Tab indents"
    } else {
        "Tab indents · Ctrl+M: Tab moves focus"
    };
    html! {
        <>
            <div class="policy-editor-host" data-testid="policy-editor"
                data-read-only={props.read_only.to_string()}>
                <div ref={host} class="policy-editor" />
            </div>
            <div class="editor-footer">
                <button class="hint-button" data-testid="tab-mode" onclick={toggle_tab}
                    data-tab-moves-focus={tab_moves_focus.to_string()}
                    title="What Tab does in the editor (Ctrl+M switches it there)">
                    <kbd>{ "Tab" }</kbd>{ tab_hint.trim_start_matches("Tab") }
                </button>
                <button class="hint-button" role="switch" aria-checked={wrap.to_string()}
                    data-testid="wrap-lines" onclick={toggle_wrap}>
                    { if *wrap { "Long lines wrap" } else { "Long lines do not wrap" } }
                </button>
            </div>
        </>
    }
}

/// The editor's settings the reader chooses, kept in the browser.
mod settings {
    /// The key of the line-wrap setting in `localStorage`.
    const WRAP_KEY: &str = "iamplay.editor.wrap";

    /// Whether long lines wrap: yes unless the reader turned it off.
    pub(super) fn wraps_lines() -> bool {
        storage()
            .and_then(|s| s.get_item(WRAP_KEY).ok().flatten())
            .is_none_or(|value| value != "off")
    }

    /// Keeps the reader's choice (when the browser keeps anything).
    pub(super) fn keep_wrap_lines(wrap: bool) {
        if let Some(storage) = storage() {
            // A browser that keeps nothing keeps the default.
            let _ = storage.set_item(WRAP_KEY, if wrap { "on" } else { "off" });
        }
    }

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }
}

/// Switches Monaco's (global) theme whenever the page's colour scheme
/// changes, for as long as the returned listener lives.
fn follow_color_scheme() -> Option<EventListener> {
    let query = dark_scheme_query()?;
    Some(EventListener::new(&query, "change", |_| {
        monaco::api::set_global_theme(EditorTheme::preferred().monaco_name());
    }))
}

/// The `prefers-color-scheme: dark` media query, when the browser has one.
fn dark_scheme_query() -> Option<MediaQueryList> {
    web_sys::window()?
        .match_media(DARK_SCHEME_QUERY)
        .ok()
        .flatten()
}
