//! Reading the JavaScript arguments, whatever their type: nothing here
//! trusts that a caller passed what the TypeScript declarations say.

use iamplay_core::Code;
use iamplay_core::PolicyKind;
use iamplay_core::request::format_number;
use js_sys::JSON;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::problem::Problem;

#[wasm_bindgen(module = "/src/input.js")]
extern "C" {
    /// The argument as a saved request's index, or -1 when it is no
    /// number and -2 when it is a number but no index (see `input.js`).
    #[wasm_bindgen(js_name = savedIndex)]
    fn saved_index(value: &JsValue) -> f64;
}

/// What [`saved_index`] says of an argument that is no number.
const NOT_A_NUMBER: f64 = -1.0;

/// The JSON text of an argument: a string as it is; anything else as
/// `JSON.stringify(value, null, 2)` writes it, so that lines and columns
/// count in that text. `what` names the argument in messages.
pub fn json_text(value: &JsValue, what: &str) -> Result<String, Problem> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    let wrong = || {
        Problem::argument(
            Code::InvalidArgument,
            format!(
                "{what} must be JSON text or an object, found {}",
                type_name(value)
            ),
        )
    };
    if value.is_undefined() || value.is_function() || value.is_symbol() || value.is_bigint() {
        return Err(wrong());
    }
    match JSON::stringify_with_replacer_and_space(value, &JsValue::NULL, &JsValue::from_f64(2.0)) {
        Ok(text) => text.as_string().ok_or_else(wrong),
        Err(error) => Err(Problem::argument(
            Code::NotJson,
            format!("{what} cannot be written as JSON"),
        )
        .with_help(match error.dyn_ref::<js_sys::Error>() {
            Some(error) => format!("`JSON.stringify` says: {}", String::from(error.message())),
            None => "`JSON.stringify` threw; is there a cycle or a `BigInt`?".to_owned(),
        })),
    }
}

/// `typeof value`, with `null` and arrays told apart, for messages.
fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "`null`".to_owned()
    } else if js_sys::Array::is_array(value) {
        "an array".to_owned()
    } else {
        match value.js_typeof().as_string() {
            Some(name) => format!("a value of type `{name}`"),
            None => "a value of unknown type".to_owned(),
        }
    }
}

/// The policy kind: `identity` (also when absent), `resource`, `scp` or
/// `rcp`.
pub fn policy_kind(value: &JsValue) -> Result<PolicyKind, Problem> {
    if value.is_undefined() || value.is_null() {
        return Ok(PolicyKind::Identity);
    }
    match value.as_string().as_deref() {
        Some("identity") => Ok(PolicyKind::Identity),
        Some("resource") => Ok(PolicyKind::Resource),
        Some("scp") => Ok(PolicyKind::ServiceControl),
        Some("rcp") => Ok(PolicyKind::ResourceControl),
        Some(other) => Err(Problem::argument(
            Code::InvalidKind,
            format!("unknown policy kind `{other}`"),
        )
        .with_help("use `identity`, `resource`, `scp` or `rcp`".to_owned())),
        None => Err(Problem::argument(
            Code::InvalidKind,
            format!(
                "the policy kind must be a string, found {}",
                type_name(value)
            ),
        )),
    }
}

/// A request argument: the index of a saved request, or a request
/// written as JSON text or an object.
pub enum RequestArg {
    /// `requests[i]` of the workspace.
    Saved(usize),
    /// The JSON text of a request.
    Given(String),
}

/// Reads the request argument.
pub fn request(value: &JsValue) -> Result<RequestArg, Problem> {
    let saved = saved_index(value);
    if let Some(saved) = index(saved) {
        return Ok(RequestArg::Saved(saved));
    }
    if saved == NOT_A_NUMBER {
        return json_text(value, "the request").map(RequestArg::Given);
    }
    // A number, but no index: the message shows it.
    let number = value.as_f64().unwrap_or(f64::NAN);
    Err(Problem::argument(
        Code::InvalidRequest,
        format!(
            "a request index must be a whole number from 0, found `{}`",
            format_number(number)
        ),
    ))
}

/// `number` as an index, if it is a whole number from 0.
fn index(number: f64) -> Option<usize> {
    if number.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&number) {
        return None;
    }
    // Exact: a whole number in 0..=u32::MAX.
    let index = number as u32;
    usize::try_from(index).ok()
}
