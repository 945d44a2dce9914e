//! `validate`: every problem of one policy document.

use iamplay_core::Engine;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::input::{json_text, policy_kind};
use crate::output::{failure, to_js};
use crate::problem::Problem;

/// What `validate` returns.
#[derive(Serialize)]
struct Validated {
    ok: bool,
    problems: Vec<Problem>,
}

/// Checks one policy document: every parse error (what AWS would reject)
/// and every lint finding (security warnings, likely mistakes,
/// suggestions), in the order they appear in the text.
///
/// `policy` is the document as JSON text, or as an object (then lines and
/// columns count in `JSON.stringify(policy, null, 2)`). `kind` is
/// `"identity"` (the default), `"resource"`, `"scp"` or `"rcp"`.
///
/// Never throws: `{ ok, problems }`, where `ok` is false when there is at
/// least one problem of severity `error`.
#[wasm_bindgen(unchecked_return_type = "ValidateResult")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "string | object")] policy: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PolicyKind")] kind: Option<JsValue>,
) -> JsValue {
    let text = match json_text(&policy, "the policy") {
        Ok(text) => text,
        Err(problem) => return failure(vec![problem]),
    };
    let kind = match policy_kind(&kind.unwrap_or(JsValue::UNDEFINED)) {
        Ok(kind) => kind,
        Err(problem) => return failure(vec![problem]),
    };
    let problems: Vec<Problem> = Engine::validate(&text, kind)
        .iter()
        .map(Problem::in_policy)
        .collect();
    to_js(&Validated {
        ok: !problems.iter().any(Problem::is_error),
        problems,
    })
}
