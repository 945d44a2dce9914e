//! One Monaco model per document of the workspace open: each policy keeps
//! its own text, undo history, cursor and scroll position, also when the
//! editor is unmounted and mounted again. Keys are `EPOCH#DOCUMENT`, the
//! epoch counting the workspaces opened in the page; when a document of
//! a newer workspace is shown, the models of the older ones are disposed.

use std::cell::RefCell;
use std::collections::HashMap;

use iamplay_core::PolicyKind;
use monaco::sys::Uri;
use monaco::sys::editor::{ITextModel, create_model, get_model};
use wasm_bindgen::JsValue;

/// The URI scheme of the playground's models; the completion and hover
/// providers answer only for models with it.
pub(crate) const SCHEME: &str = "iamplay";

/// What the editor remembers about a document besides its model.
struct Document {
    /// The document's key.
    key: String,
    /// What the policy is attached to, for completions.
    kind: PolicyKind,
    /// The cursor, selection and scroll position when it was last shown.
    view_state: Option<JsValue>,
}

thread_local! {
    /// The documents by model id.
    static DOCUMENTS: RefCell<HashMap<String, Document>> = RefCell::new(HashMap::new());
}

/// The URI of document `key`'s model.
pub(crate) fn uri_for(key: &str) -> Uri {
    let encoded = String::from(js_sys::encode_uri_component(key));
    Uri::parse(&format!("{SCHEME}:/policy/{encoded}.json"), false)
}

/// The model of document `key`, created with `text` the first time. The
/// text of an existing model is left as it is.
pub(crate) fn open(key: &str, text: &str) -> Result<ITextModel, JsValue> {
    let uri = uri_for(key);
    let model = match get_model(&uri) {
        Some(model) => model,
        None => create_model(text, Some("json"), Some(&uri))?,
    };
    DOCUMENTS.with_borrow_mut(|documents| {
        documents.entry(model.id()).or_insert(Document {
            key: key.to_owned(),
            kind: PolicyKind::default(),
            view_state: None,
        });
    });
    Ok(model)
}

/// Records what the policy in `model` is attached to.
pub(crate) fn set_kind(model: &ITextModel, kind: PolicyKind) {
    DOCUMENTS.with_borrow_mut(|documents| {
        if let Some(document) = documents.get_mut(&model.id()) {
            document.kind = kind;
        }
    });
}

/// What the policy in `model` is attached to; `None` for models that are
/// not the playground's.
pub(crate) fn kind_of(model: &ITextModel) -> Option<PolicyKind> {
    if model.uri().scheme() != SCHEME {
        return None;
    }
    DOCUMENTS.with_borrow(|documents| documents.get(&model.id()).map(|d| d.kind))
}

/// Remembers the view state of `model` for when it is shown again.
pub(crate) fn save_view_state(model: &ITextModel, state: JsValue) {
    DOCUMENTS.with_borrow_mut(|documents| {
        if let Some(document) = documents.get_mut(&model.id()) {
            document.view_state = Some(state);
        }
    });
}

/// The view state saved for `model`, if any.
pub(crate) fn view_state(model: &ITextModel) -> Option<JsValue> {
    DOCUMENTS.with_borrow(|documents| {
        documents
            .get(&model.id())
            .and_then(|document| document.view_state.clone())
    })
}

/// The epoch of a key (`EPOCH#DOCUMENT`), with its `#`.
fn epoch_of(key: &str) -> &str {
    key.find('#').map_or("", |at| &key[..=at])
}

/// Disposes the models of other epochs than `key`'s (documents of
/// workspaces no longer open), and forgets what was remembered of them.
pub(crate) fn dispose_other_epochs(key: &str) {
    let epoch = epoch_of(key);
    let mut stale = Vec::new();
    DOCUMENTS.with_borrow_mut(|documents| {
        documents.retain(|_, document| {
            let keep = epoch_of(&document.key) == epoch;
            if !keep {
                stale.push(std::mem::take(&mut document.key));
            }
            keep
        });
    });
    for key in stale {
        if let Some(model) = get_model(&uri_for(&key)) {
            model.dispose();
        }
    }
}
