//! `evaluate` and `explain`: one request against a workspace, in one
//! call. Each loads a [`Workspace`] handle and asks it once, listing the
//! workspace's problems beside the answer.

use wasm_bindgen::prelude::*;

use crate::ask::{EXPLANATION, Evaluated, Explained, VERDICT};
use crate::output::{failure, to_js};
use crate::workspace::{Scope, Workspace};

/// Evaluates a request against a workspace and returns the decision, the
/// one-sentence summary and the statements that decided it.
///
/// `workspace` is a workspace (the format of `docs/workspace-format.md`)
/// as JSON text or as an object. `request` is the index of one of its
/// saved requests (from 0), or a request as JSON text or an object, e.g.
/// `{ principal: "mfa-user-1", action: "ec2:DescribeInstances" }`.
///
/// Never throws: `{ ok: true, decision, summary, deciding, overridden,
/// blocked_by, missing_context_keys, problems }`, or `{ ok: false,
/// problems }` when the workspace or request cannot be read or a policy
/// that applies has errors. To ask many requests of one workspace, load
/// it once with `Workspace.load`.
#[wasm_bindgen(unchecked_return_type = "EvaluateResult")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "WorkspaceFile | string")] workspace: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | RequestSpec | string")] request: JsValue,
) -> JsValue {
    match Workspace::load(workspace).answer(&request, Scope::Workspace, &VERDICT) {
        Ok((verdict, problems)) => to_js(&Evaluated::new(verdict, problems)),
        Err(problems) => failure(problems),
    }
}

/// Evaluates a request like `evaluate` and returns the full explanation:
/// the decision and summary, the deciding statements, the overridden
/// allows, every consulted policy with a trace of each statement (each
/// element and condition clause), the steps of AWS's evaluation flow, the
/// context keys a condition asked for that the request lacked, and the
/// request's context with derived keys; and `counterfactuals`, the single
/// changes (context keys, a policy edit, another user or role) that give
/// the request another decision, each verified by evaluating it.
///
/// Never throws: `{ ok: true, response, counterfactuals, problems }` or
/// `{ ok: false, problems }`.
#[wasm_bindgen(unchecked_return_type = "ExplainResult")]
pub fn explain(
    #[wasm_bindgen(unchecked_param_type = "WorkspaceFile | string")] workspace: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | RequestSpec | string")] request: JsValue,
) -> JsValue {
    match Workspace::load(workspace).answer(&request, Scope::Workspace, &EXPLANATION) {
        Ok((explained, problems)) => to_js(&Explained::new(explained, problems)),
        Err(problems) => failure(problems),
    }
}
