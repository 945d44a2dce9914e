//! Small helpers for the plain JavaScript objects Monaco's API takes
//! (ranges, Markdown strings, option bags), which the `monaco` crate has
//! no constructors for.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A plain object built property by property.
pub(crate) struct Bag(Object);

impl Bag {
    /// An empty object.
    pub(crate) fn new() -> Self {
        Bag(Object::new())
    }

    /// Sets `key` to `value`.
    #[must_use]
    pub(crate) fn with(self, key: &str, value: impl Into<JsValue>) -> Self {
        set(&self.0, key, &value.into());
        self
    }

    /// Sets `key` to `value` when there is one.
    #[must_use]
    pub(crate) fn with_some(self, key: &str, value: Option<impl Into<JsValue>>) -> Self {
        match value {
            Some(value) => self.with(key, value),
            None => self,
        }
    }

    /// The object.
    pub(crate) fn build(self) -> Object {
        self.0
    }

    /// The object as another (structural) type, e.g. an `IRange`.
    pub(crate) fn cast<T: JsCast>(self) -> T {
        self.0.unchecked_into()
    }
}

impl From<Bag> for JsValue {
    fn from(bag: Bag) -> JsValue {
        bag.0.into()
    }
}

/// Sets a property of a plain object (which cannot fail).
pub(crate) fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// Reads a property; `undefined` when it cannot be read.
pub(crate) fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// An `IRange` from 1-based lines and UTF-16 columns.
pub(crate) fn range(start_line: u32, start_column: u32, end_line: u32, end_column: u32) -> Bag {
    Bag::new()
        .with("startLineNumber", start_line)
        .with("startColumn", start_column)
        .with("endLineNumber", end_line)
        .with("endColumn", end_column)
}

/// An `IMarkdownString` (not trusted: no command links).
pub(crate) fn markdown(value: &str) -> Object {
    Bag::new()
        .with("value", value)
        .with("isTrusted", false)
        .build()
}

/// Monaco's API object on `window.monaco`, which the page's
/// `web/monaco-environment.js` asks for (`globalAPI`). The `monaco` crate
/// binds most of the API but not the JSON language's defaults, which only
/// this object reaches. `None` on pages without it (the wasm tests).
pub(crate) fn global_monaco() -> Option<JsValue> {
    let window = web_sys::window()?;
    let monaco = get(&window, "monaco");
    (!monaco.is_undefined() && !monaco.is_null()).then_some(monaco)
}
