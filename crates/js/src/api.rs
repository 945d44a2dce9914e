//! The exported functions and their TypeScript types.

use iamplay_core::eval::evaluate as evaluate_request;
use iamplay_core::response::Response;
use iamplay_core::workspace::{
    CompiledWorkspace, ManagedPolicySource, NoManagedPolicies, RequestRef, load_request,
    load_workspace,
};
use iamplay_core::{Diagnostic, PolicyKind, Severity, parse_policy};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A problem found in a policy or workspace; lines and columns count from 1, columns in UTF-16 units. */
export interface Problem {
  severity: "error" | "security_warning" | "warning" | "suggestion";
  code: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  help?: string;
  /** The policy the problem is in, when it is inside a workspace. */
  policy?: string;
}
export type Decision = "Allowed" | "ExplicitDeny" | "ImplicitDeny";
/** The full answer to a request: see docs/workspace-format.md and crates/core/src/response.rs. */
export interface Response {
  decision: Decision;
  summary: string;
  deciding: StatementRef[];
  overridden: StatementRef[];
  blocked_by: { policy_type: string; level?: string; reason: string } | null;
  policies: any[];
  steps: { kind: string; outcome: string; policies: number[]; note: string }[];
  missing_context_keys: string[];
  context: { key: string; values: string[]; derived: boolean }[];
}
export interface StatementRef {
  policy: number; policy_name: string; policy_type: string; statement: number;
  sid: string | null; effect: "Allow" | "Deny"; loc: any;
}
export type EvaluateResult = { ok: true; response: Response; problems: Problem[] } | { ok: false; errors: Problem[] };
export type ValidateResult = { ok: boolean; problems: Problem[] };
export type ExpandResult = { ok: true; actions: string[] } | { ok: false; errors: Problem[] };
"#;

/// A diagnostic as the JS API returns it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Problem {
    severity: Severity,
    code: String,
    message: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    policy: Option<String>,
}

impl Problem {
    fn from(d: &Diagnostic, policy: Option<&str>) -> Problem {
        Problem {
            severity: d.severity,
            code: d.code.clone(),
            message: d.message.clone(),
            line: d.loc.start.line,
            column: d.loc.start.column,
            end_line: d.loc.end.line,
            end_column: d.loc.end.column,
            help: d.help.clone(),
            policy: policy.map(str::to_owned),
        }
    }

    fn plain(code: &str, message: String) -> Problem {
        Problem {
            severity: Severity::Error,
            code: code.to_owned(),
            message,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            help: None,
            policy: None,
        }
    }
}

#[derive(Serialize)]
struct Failure {
    ok: bool,
    errors: Vec<Problem>,
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .unwrap_or_else(|e| JsValue::from_str(&format!("serialization failed: {e}")))
}

fn failure(errors: Vec<Problem>) -> JsValue {
    to_js(&Failure { ok: false, errors })
}

/// Text from a JS value: a string as it is, anything else through `JSON.stringify`.
fn text_of(value: &JsValue) -> Result<String, Problem> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| Problem::plain("not-json", "the value cannot be written as JSON".to_owned()))
}

fn kind_of(kind: Option<String>) -> Result<PolicyKind, Problem> {
    match kind.as_deref() {
        None | Some("identity") => Ok(PolicyKind::Identity),
        Some("resource") => Ok(PolicyKind::Resource),
        Some("scp") => Ok(PolicyKind::ServiceControl),
        Some("rcp") => Ok(PolicyKind::ResourceControl),
        Some(other) => Err(Problem::plain(
            "invalid-kind",
            format!("unknown policy kind `{other}`; use identity, resource, scp or rcp"),
        )),
    }
}

#[derive(Serialize)]
struct Validated {
    ok: bool,
    problems: Vec<Problem>,
}

/// Checks one policy document: every parse error and lint finding, with
/// its line and column. `kind` is `identity` (default), `resource`, `scp`
/// or `rcp`.
#[wasm_bindgen(unchecked_return_type = "ValidateResult")]
pub fn validate(policy_text: &str, kind: Option<String>) -> JsValue {
    let kind = match kind_of(kind) {
        Ok(k) => k,
        Err(p) => return failure(vec![p]),
    };
    let parsed = parse_policy(policy_text, kind);
    let mut diagnostics = parsed.diagnostics.clone();
    if let Some(policy) = &parsed.policy {
        diagnostics.extend(iamplay_core::lint::lint_policy(policy, kind));
    }
    diagnostics.sort_by_key(|d| (d.loc.span.start, d.severity));
    to_js(&Validated {
        ok: parsed.policy.is_some(),
        problems: diagnostics.iter().map(|d| Problem::from(d, None)).collect(),
    })
}

#[derive(Serialize)]
struct Evaluated<'r> {
    ok: bool,
    response: &'r Response,
    problems: Vec<Problem>,
}

fn managed_source() -> &'static dyn ManagedPolicySource {
    #[cfg(feature = "catalog")]
    {
        iamplay_catalog::managed_policies()
    }
    #[cfg(not(feature = "catalog"))]
    {
        &NoManagedPolicies
    }
}

/// Evaluates a request against a workspace (an object or its JSON text, in
/// the format of `docs/workspace-format.md`). `request` is the index of a
/// saved request (from 0), or a request object such as
/// `{ principal: "mfa-user-1", action: "ec2:DescribeInstances", resource: "*" }`.
#[wasm_bindgen(unchecked_return_type = "EvaluateResult")]
pub fn evaluate(workspace: JsValue, request: JsValue) -> JsValue {
    let text = match text_of(&workspace) {
        Ok(t) => t,
        Err(p) => return failure(vec![p]),
    };
    let loaded = load_workspace(&text);
    let Some(ws) = loaded.workspace else {
        return failure(
            loaded
                .diagnostics
                .iter()
                .map(|d| Problem::from(d, None))
                .collect(),
        );
    };
    let _ = NoManagedPolicies;
    let compiled = CompiledWorkspace::compile(ws, managed_source());
    let mut problems: Vec<Problem> = Vec::new();
    for doc in compiled.diagnostics() {
        problems.extend(
            doc.diagnostics
                .iter()
                .map(|d| Problem::from(d, Some(&doc.name))),
        );
    }
    let spec;
    let reference = if let Some(index) = request.as_f64() {
        if index < 0.0
            || index.fract() != 0.0
            || index as usize >= compiled.workspace.requests.len()
        {
            return failure(vec![Problem::plain(
                "unknown-request",
                format!("the workspace has no request {index}"),
            )]);
        }
        RequestRef::Saved(index as usize)
    } else {
        let request_text = match text_of(&request) {
            Ok(t) => t,
            Err(p) => return failure(vec![p]),
        };
        spec = match load_request(&request_text) {
            Ok(s) => s,
            Err(errors) => return failure(errors.iter().map(|d| Problem::from(d, None)).collect()),
        };
        RequestRef::Spec(&spec)
    };
    match compiled.resolve(reference) {
        Ok((set, req)) => {
            let response = evaluate_request(&set, &req);
            to_js(&Evaluated {
                ok: true,
                response: &response,
                problems,
            })
        }
        Err(e) => {
            problems.retain(|p| p.severity == Severity::Error);
            problems.insert(0, Problem::plain("unresolved", e.to_string()));
            failure(problems)
        }
    }
}

#[derive(Serialize)]
struct Expanded {
    ok: bool,
    actions: Vec<String>,
}

/// The actions a pattern such as `iam:Get*` matches, from the catalog.
/// Without the catalog (the small build) this returns an error object.
#[wasm_bindgen(js_name = expandAction, unchecked_return_type = "ExpandResult")]
pub fn expand_action(pattern: &str) -> JsValue {
    #[cfg(feature = "catalog")]
    {
        let actions = iamplay_catalog::catalog()
            .expand_action_pattern(pattern)
            .iter()
            .map(ToString::to_string)
            .collect();
        to_js(&Expanded { ok: true, actions })
    }
    #[cfg(not(feature = "catalog"))]
    {
        let _ = Expanded {
            ok: false,
            actions: Vec::new(),
        };
        failure(vec![Problem::plain(
            "no-catalog",
            format!(
                "cannot expand `{pattern}`: this build has no AWS catalog; use the `catalog` build"
            ),
        )])
    }
}

/// The library's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
