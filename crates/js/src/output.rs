//! Turning results into plain JavaScript objects.

use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::problem::Problem;

/// `value` as a plain object, through JSON text (see [`crate::json`]):
/// structs become objects, `None` becomes `null`, numbers stay numbers.
pub fn to_js<T: Serialize>(value: &T) -> JsValue {
    crate::json::to_json(value)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or_else(unserializable)
}

/// `{ ok: false, problems }`.
pub fn failure(problems: Vec<Problem>) -> JsValue {
    #[derive(Serialize)]
    struct Failure {
        ok: bool,
        problems: Vec<Problem>,
    }
    to_js(&Failure {
        ok: false,
        problems,
    })
}

/// The failure for a result that could not be turned into an object
/// (which the types here never cause), built by hand so that it cannot
/// fail in turn.
fn unserializable() -> JsValue {
    let set = |object: &Object, key: &str, value: JsValue| {
        // Setting a property of a fresh plain object cannot fail.
        let _ = Reflect::set(object, &JsValue::from_str(key), &value);
    };
    let problem = Object::new();
    set(&problem, "severity", "error".into());
    set(&problem, "code", "internal-error".into());
    set(
        &problem,
        "message",
        "the result could not be turned into a JavaScript object".into(),
    );
    for key in ["line", "column", "end_line", "end_column"] {
        set(&problem, key, 1.into());
    }
    set(&problem, "source", "arguments".into());
    let result = Object::new();
    set(&result, "ok", false.into());
    set(&result, "problems", Array::of1(&problem).into());
    result.into()
}
