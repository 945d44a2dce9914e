//! `evaluate` and `explain`: one request against a workspace.

use iamplay_core::Code;
use iamplay_core::eval::evaluate as evaluate_request;
use iamplay_core::response::{Blocked, Decision, Response, StatementRef};
use iamplay_core::workspace::{
    CompiledWorkspace, ManagedPolicySource, RequestRef, ResolveError, Workspace, load_request,
    load_workspace,
};
use iamplay_core::{LineIndex, Severity};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::input::{RequestArg, json_text, request as request_arg};
use crate::output::{failure, to_js};
use crate::problem::{Problem, Source};

/// What `evaluate` returns when it could answer.
#[derive(Serialize)]
struct Evaluated {
    ok: bool,
    decision: Decision,
    summary: String,
    deciding: Vec<StatementRef>,
    overridden: Vec<StatementRef>,
    blocked_by: Option<Blocked>,
    missing_context_keys: Vec<String>,
    problems: Vec<Problem>,
}

/// What `explain` returns when it could answer.
#[derive(Serialize)]
struct Explained {
    ok: bool,
    response: Response,
    problems: Vec<Problem>,
}

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
/// that applies has errors.
#[wasm_bindgen(unchecked_return_type = "EvaluateResult")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "Workspace | string")] workspace: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | RequestSpec | string")] request: JsValue,
) -> JsValue {
    match answer(&workspace, &request) {
        Ok((response, problems)) => to_js(&Evaluated {
            ok: true,
            decision: response.decision,
            summary: response.summary,
            deciding: response.deciding,
            overridden: response.overridden,
            blocked_by: response.blocked_by,
            missing_context_keys: response.missing_context_keys,
            problems,
        }),
        Err(problems) => failure(problems),
    }
}

/// Evaluates a request like `evaluate` and returns the full explanation:
/// the decision and summary, the deciding statements, the overridden
/// allows, every consulted policy with a trace of each statement (each
/// element and condition clause), the steps of AWS's evaluation flow, the
/// context keys a condition asked for that the request lacked, and the
/// request's context with derived keys.
///
/// Never throws: `{ ok: true, response, problems }` or `{ ok: false,
/// problems }`.
#[wasm_bindgen(unchecked_return_type = "ExplainResult")]
pub fn explain(
    #[wasm_bindgen(unchecked_param_type = "Workspace | string")] workspace: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | RequestSpec | string")] request: JsValue,
) -> JsValue {
    match answer(&workspace, &request) {
        Ok((response, problems)) => to_js(&Explained {
            ok: true,
            response,
            problems,
        }),
        Err(problems) => failure(problems),
    }
}

/// The response to the request, with the workspace's problems; or the
/// problems that kept it from being answered, errors first.
fn answer(
    workspace: &JsValue,
    request: &JsValue,
) -> Result<(Response, Vec<Problem>), Vec<Problem>> {
    let text = json_text(workspace, "the workspace").map_err(|p| vec![p])?;
    let request = request_arg(request).map_err(|p| vec![p])?;
    let loaded = load_workspace(&text);
    let mut problems: Vec<Problem> = loaded
        .diagnostics
        .iter()
        .map(|d| Problem::at(d, Source::Workspace))
        .collect();
    let Some(mut workspace) = loaded.workspace else {
        return Err(errors_first(problems));
    };
    // A given request joins the saved ones, so that its session policy and
    // the policies given with it are read like theirs.
    let (index, request_text) = match request {
        RequestArg::Saved(i) if i < workspace.requests.len() => (i, None),
        RequestArg::Saved(i) => {
            problems.push(Problem::argument(
                Code::UnknownRequest,
                format!(
                    "the workspace has no saved request {i} (it has {}, numbered from 0)",
                    workspace.requests.len()
                ),
            ));
            return Err(errors_first(problems));
        }
        RequestArg::Given(text) => match load_request(&text) {
            Ok(spec) => {
                workspace.requests.push(spec);
                (workspace.requests.len() - 1, Some(text))
            }
            Err(diagnostics) => {
                problems.extend(diagnostics.iter().map(|d| Problem::at(d, Source::Request)));
                return Err(errors_first(problems));
            }
        },
    };
    let compiled = CompiledWorkspace::compile(workspace, managed_policies());
    let workspace_lines = LineIndex::new(&text);
    let request_lines = request_text.as_deref().map(LineIndex::new);
    for doc in compiled.diagnostics() {
        let (lines, source) = match &request_lines {
            Some(lines) if Workspace::belongs_to_request(&doc.id, index) => {
                (lines, Source::Request)
            }
            _ => (&workspace_lines, Source::Workspace),
        };
        let document = compiled.workspace.document(&doc.id);
        problems.extend(
            doc.diagnostics
                .iter()
                .map(|d| Problem::in_document(d, &doc.name, document, lines, source)),
        );
    }
    problems.extend(compiled.problems.iter().map(|p| reference_problem(p)));
    match compiled.resolve(RequestRef::Saved(index)) {
        Ok((set, request)) => Ok((evaluate_request(&set, &request), problems)),
        Err(error) => {
            problems.push(unresolved(&error, request_text.is_some()));
            Err(errors_first(problems))
        }
    }
}

/// Why the request could not be resolved to policies, as a problem with
/// the request (`given`: the caller's, else a saved one) or a policy.
fn unresolved(error: &ResolveError, given: bool) -> Problem {
    let code = match error {
        ResolveError::UnknownUser(_) => Code::UnknownUser,
        ResolveError::UnknownRole(_) => Code::UnknownRole,
        ResolveError::InvalidPolicy(_) => Code::PolicyHasErrors,
    };
    let source = match error {
        ResolveError::InvalidPolicy(_) => Source::Workspace,
        _ if given => Source::Request,
        _ => Source::Workspace,
    };
    let mut problem = Problem::general(Severity::Error, code, error.to_string(), source);
    if let ResolveError::InvalidPolicy(name) = error {
        problem.policy = Some(name.clone());
    }
    problem
}

/// A reference between entities that does not resolve (a group or policy
/// that is not there), as a warning. Without the catalog, an AWS managed
/// policy is not there unless the workspace carries it: the hint says so.
fn reference_problem(message: &str) -> Problem {
    let problem = Problem::general(
        Severity::Warning,
        Code::UnresolvedReference,
        message.to_owned(),
        Source::Workspace,
    );
    if cfg!(feature = "catalog") || !message.starts_with("managed policy ") {
        return problem;
    }
    problem.with_help(
        "this build has no AWS catalog: carry AWS managed policies in `awsManagedPolicies`, \
         or use the build with the catalog"
            .to_owned(),
    )
}

/// The problems with errors before the rest, each group in its order.
fn errors_first(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort_by_key(|p| !p.is_error());
    problems
}

/// AWS managed policies by name: the catalog's in the `catalog` build;
/// none in the small build, where a workspace carries the ones it uses in
/// `awsManagedPolicies`.
fn managed_policies() -> &'static dyn ManagedPolicySource {
    #[cfg(feature = "catalog")]
    {
        iamplay_catalog::managed_policies()
    }
    #[cfg(not(feature = "catalog"))]
    {
        &iamplay_core::workspace::NoManagedPolicies
    }
}
