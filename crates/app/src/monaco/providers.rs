//! The completion and hover providers for policy documents, registered
//! once for the page (Monaco's providers are global per language): they
//! answer for the playground's models only, and read the catalog through
//! [`completion`] and [`hover`](super::hover).
//!
//! Monaco's own JSON language keeps its tokens and formatting; its
//! validation, completion and hover are turned off, since the
//! playground's parser reports JSON syntax errors itself (one marker per
//! mistake, worded as in the decision panel and the CLI) and its
//! completion and hover know IAM.

use std::cell::Cell;

use iamplay_core::LineIndex;
use js_sys::{Array, Function, Object};
use monaco::sys::IPosition;
use monaco::sys::editor::ITextModel;
use monaco::sys::languages::{
    CompletionItemInsertTextRule, CompletionItemKind, CompletionItemProvider, HoverProvider,
    register_completion_item_provider, register_hover_provider,
};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use super::completion::{Completions, SuggestionKind, complete};
use super::js::{Bag, get, global_monaco, markdown, range};
use super::text::{LineRange, byte_offset};
use super::{describe, hover, models};

/// The characters that open the suggestions by themselves: a quote starts
/// a name or value, a colon follows a service prefix (and a key).
const TRIGGER_CHARACTERS: [&str; 2] = ["\"", ":"];

thread_local! {
    /// Whether the providers are registered.
    static REGISTERED: Cell<bool> = const { Cell::new(false) };
}

/// Registers the providers and configures Monaco's JSON language, the
/// first time it is called on the page.
pub(crate) fn ensure_registered() {
    if REGISTERED.replace(true) {
        return;
    }
    configure_json_language();
    register_completion();
    register_hover();
}

/// Turns off Monaco's JSON validation, completion and hover (see the
/// module documentation) and every other feature of its JSON language that
/// runs in the JSON worker (folding by syntax, document symbols, selection
/// ranges, colours), keeping its tokens and its formatter: the JSON worker
/// then starts only when the reader formats the document (Shift+Alt+F).
/// Folding follows the indentation. Needs `window.monaco`.
fn configure_json_language() {
    let Some(monaco) = global_monaco() else {
        return;
    };
    let defaults = get(&get(&get(&monaco, "languages"), "json"), "jsonDefaults");
    if defaults.is_undefined() {
        return;
    }
    let diagnostics = Object::assign(
        &Object::new(),
        &get(&defaults, "diagnosticsOptions").unchecked_into(),
    );
    super::js::set(&diagnostics, "validate", &false.into());
    call_method(&defaults, "setDiagnosticsOptions", &diagnostics);
    let modes = Object::assign(
        &Object::new(),
        &get(&defaults, "modeConfiguration").unchecked_into(),
    );
    for feature in [
        "completionItems",
        "hovers",
        "diagnostics",
        "documentSymbols",
        "foldingRanges",
        "selectionRanges",
        "colors",
    ] {
        super::js::set(&modes, feature, &false.into());
    }
    call_method(&defaults, "setModeConfiguration", &modes);
}

/// Calls `target.name(argument)`, ignoring a missing method or an error.
fn call_method(target: &wasm_bindgen::JsValue, name: &str, argument: &Object) {
    if let Ok(method) = get(target, name).dyn_into::<Function>() {
        let _ = method.call1(target, argument);
    }
}

/// Registers the completion provider.
fn register_completion() {
    let provide = Closure::<dyn Fn(ITextModel, IPosition) -> Object>::new(
        |model: ITextModel, position: IPosition| provide_completions(&model, &position),
    );
    let resolve = Closure::<dyn Fn(Object) -> Object>::new(|item: Object| resolve_completion(item));
    let triggers: Array = TRIGGER_CHARACTERS
        .iter()
        .map(|c| wasm_bindgen::JsValue::from_str(c))
        .collect();
    let provider: CompletionItemProvider = Bag::new()
        .with("triggerCharacters", triggers)
        .with("provideCompletionItems", provide.as_ref().clone())
        .with("resolveCompletionItem", resolve.as_ref().clone())
        .cast();
    // Registered once for the page's lifetime, so the closures live as
    // long as the page.
    let _registration = register_completion_item_provider("json", &provider);
    provide.forget();
    resolve.forget();
}

/// Monaco's completion list for a position in a model.
fn provide_completions(model: &ITextModel, position: &IPosition) -> Object {
    let suggestions = Array::new();
    if let Some(kind) = models::kind_of(model) {
        let text = model.get_value(None, None);
        let offset = offset_at(model, &text, position);
        if let Some(completions) = complete(&text, offset, kind) {
            fill_suggestions(&suggestions, &text, &completions);
        }
    }
    Bag::new().with("suggestions", suggestions).build()
}

/// The byte offset of `position` in `text`, the model's text.
fn offset_at(model: &ITextModel, text: &str, position: &IPosition) -> usize {
    let utf16 = model.get_offset_at(position);
    // Offsets are small non-negative integers.
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "Monaco's offsets are non-negative integers below 2^32"
    )]
    let utf16 = utf16.max(0.0) as usize;
    byte_offset(text, utf16)
}

/// Turns [`Completions`] into Monaco completion items in `suggestions`.
fn fill_suggestions(suggestions: &Array, text: &str, completions: &Completions) {
    let index = LineIndex::new(text);
    let LineRange {
        line,
        start_column,
        end_column,
    } = LineRange::of_bytes(&index, completions.replace.0, completions.replace.1);
    let replace: Object = range(line, start_column, line, end_column).build();
    for suggestion in &completions.items {
        // With a description, the label is an object: the list shows the
        // description on the right of every row.
        let label: wasm_bindgen::JsValue = match &suggestion.description {
            Some(description) => Bag::new()
                .with("label", suggestion.label.as_str())
                .with("description", description.as_str())
                .into(),
            None => suggestion.label.as_str().into(),
        };
        let mut item = Bag::new()
            .with("label", label)
            .with("kind", item_kind(suggestion.kind).to_value())
            .with("insertText", suggestion.insert.as_str())
            .with("sortText", suggestion.sort.as_str())
            .with("range", replace.clone())
            .with_some("detail", suggestion.detail.as_deref())
            .with_some(
                "documentation",
                suggestion.documentation.as_deref().map(markdown),
            );
        if suggestion.snippet {
            item = item.with(
                "insertTextRules",
                CompletionItemInsertTextRule::Insertassnippet.to_value(),
            );
        }
        if suggestion.preselect {
            item = item.with("preselect", true);
        }
        if suggestion.retrigger {
            item = item.with(
                "command",
                Bag::new()
                    .with("id", "editor.action.triggerSuggest")
                    .with("title", "Suggest"),
            );
        }
        suggestions.push(&item.build());
    }
}

/// Adds the Markdown details to an action's completion item when Monaco
/// shows it (building them for every action of a service up front would
/// slow the list down).
fn resolve_completion(item: Object) -> Object {
    let has_documentation = !get(&item, "documentation").is_undefined();
    if !has_documentation
        && let Some(label) = label_text(&get(&item, "label"))
        && let Some(action) = iamplay_catalog::services().and_then(|c| c.action(&label))
    {
        super::js::set(
            &item,
            "documentation",
            &markdown(&describe::action_details(action)).into(),
        );
    }
    item
}

/// The text of a completion item's label (a string, or an object with a
/// `label`).
fn label_text(label: &wasm_bindgen::JsValue) -> Option<String> {
    label
        .as_string()
        .or_else(|| get(label, "label").as_string())
}

/// The icon of a suggestion.
fn item_kind(kind: SuggestionKind) -> CompletionItemKind {
    match kind {
        SuggestionKind::Element => CompletionItemKind::Property,
        SuggestionKind::Value => CompletionItemKind::Value,
        SuggestionKind::Service => CompletionItemKind::Module,
        SuggestionKind::Action => CompletionItemKind::Function,
        SuggestionKind::Operator => CompletionItemKind::Operator,
        SuggestionKind::Key => CompletionItemKind::Variable,
        SuggestionKind::Reference => CompletionItemKind::Reference,
        SuggestionKind::Snippet => CompletionItemKind::Snippet,
    }
}

/// Registers the hover provider.
fn register_hover() {
    let provide = Closure::<dyn Fn(ITextModel, IPosition) -> wasm_bindgen::JsValue>::new(
        |model: ITextModel, position: IPosition| provide_hover(&model, &position),
    );
    let provider: HoverProvider = Bag::new()
        .with("provideHover", provide.as_ref().clone())
        .cast();
    let _registration = register_hover_provider("json", &provider);
    provide.forget();
}

/// Monaco's hover for a position in a model, or `null`.
fn provide_hover(model: &ITextModel, position: &IPosition) -> wasm_bindgen::JsValue {
    if models::kind_of(model).is_none() {
        return wasm_bindgen::JsValue::NULL;
    }
    let text = model.get_value(None, None);
    let offset = offset_at(model, &text, position);
    let Some(found) = hover::hover(&text, offset) else {
        return wasm_bindgen::JsValue::NULL;
    };
    let index = LineIndex::new(&text);
    let LineRange {
        line,
        start_column,
        end_column,
    } = LineRange::of_bytes(&index, found.range.0, found.range.1);
    let contents: Array =
        std::iter::once(wasm_bindgen::JsValue::from(markdown(&found.markdown))).collect();
    Bag::new()
        .with("range", range(line, start_column, line, end_column))
        .with("contents", contents)
        .cast()
}
