//! Monaco on demand: the editor column's policy shows as highlighted text
//! ([`PolicyText`]) until Monaco has loaded, then as the editor (the
//! children). The page loads Monaco right after its first decision; an
//! embed (`defer`) only when the reader focuses or clicks the text, and a
//! read-only one never.

use std::cell::Cell;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::HtmlElement;
use yew::{
    AttrValue, Callback, Children, Html, Properties, function_component, html, use_effect_with,
    use_node_ref, use_state,
};

use super::policy_text::PolicyText;

#[wasm_bindgen(module = "/src/components/load_editor.js")]
extern "C" {
    /// Loads Monaco; resolves once its API can be used.
    #[wasm_bindgen(js_name = loadEditor)]
    fn load_editor_module() -> js_sys::Promise;
}

thread_local! {
    /// Whether Monaco has loaded on this page.
    static LOADED: Cell<bool> = const { Cell::new(false) };
}

/// Loads Monaco once per page; `true` once it can be used.
async fn load_editor() -> bool {
    if LOADED.get() {
        return true;
    }
    let loaded = wasm_bindgen_futures::JsFuture::from(load_editor_module())
        .await
        .is_ok();
    LOADED.set(loaded);
    loaded
}

/// Properties of [`EditorLoader`].
#[derive(Properties, PartialEq)]
pub struct EditorLoaderProps {
    /// The document's text, shown until the editor is there.
    pub text: AttrValue,
    /// Whether the document may not be edited.
    #[prop_or_default]
    pub read_only: bool,
    /// Wait for the reader to focus or click the text before loading
    /// Monaco (embeds); a read-only document then never loads it.
    #[prop_or_default]
    pub defer: bool,
    /// The editor, drawn once Monaco is there.
    pub children: Children,
}

/// How far Monaco is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// Not asked for yet (a deferred editor).
    Waiting,
    /// Being fetched.
    Loading,
    /// There: the children are drawn.
    Ready,
    /// It could not be loaded: the text stays.
    Failed,
}

/// The text until Monaco is there, then the editor.
#[function_component(EditorLoader)]
pub fn editor_loader(props: &EditorLoaderProps) -> Html {
    let initial = if LOADED.get() {
        Stage::Ready
    } else if props.defer {
        Stage::Waiting
    } else {
        Stage::Loading
    };
    let stage = use_state(|| initial);
    // Whether the reader asked for the editor (focus goes to it then).
    let asked = use_state(|| false);
    let host = use_node_ref();
    {
        let stage = stage.clone();
        use_effect_with(*stage == Stage::Loading, move |loading| {
            if *loading {
                wasm_bindgen_futures::spawn_local(async move {
                    let next = if load_editor().await {
                        Stage::Ready
                    } else {
                        Stage::Failed
                    };
                    stage.set(next);
                });
            }
        });
    }
    {
        let host = host.clone();
        use_effect_with((*stage, *asked), move |(stage, asked)| {
            if *stage == Stage::Ready && *asked {
                focus_editor(host.cast::<HtmlElement>());
            }
        });
    }
    if *stage == Stage::Ready {
        // `display: contents`: the wrapper is there to find the editor in,
        // and never takes part in the column's layout (inline, so that no
        // stylesheet can forget it).
        return html! {
            <div ref={host} class="editor-loader" style="display: contents">{ props.children.clone() }</div>
        };
    }
    let editable = !props.read_only;
    let (note, on_activate) = match *stage {
        Stage::Waiting if editable => {
            let stage = stage.clone();
            let activate = Callback::from(move |()| {
                asked.set(true);
                stage.set(Stage::Loading);
            });
            (Some("Click to edit"), Some(activate))
        }
        Stage::Waiting => (None, None),
        Stage::Loading => (Some("Loading the editor…"), None),
        Stage::Failed | Stage::Ready => (Some("The editor could not be loaded"), None),
    };
    let label = if editable {
        "Policy document (JSON)"
    } else {
        "Policy document, read-only (JSON)"
    };
    html! {
        <PolicyText text={props.text.clone()} label={label} note={note.map(AttrValue::from)} {on_activate} />
    }
}

/// Gives the focus to Monaco's input in `host`, once Monaco has drawn it.
fn focus_editor(host: Option<HtmlElement>) {
    let Some(host) = host else {
        return;
    };
    let focus = move || {
        let input = host
            .query_selector("textarea")
            .ok()
            .flatten()
            .and_then(|element| element.dyn_into::<HtmlElement>().ok());
        if let Some(input) = input {
            let _ = input.focus();
        }
    };
    gloo::timers::callback::Timeout::new(0, focus).forget();
}
