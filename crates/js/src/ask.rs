//! One request asked of an engine: a saved request by its number, or a
//! request given as JSON text or an object, whose own documents (session
//! policy, policies given with it) are parsed for it. The handle's
//! `evaluate` and `explain` and the one-shot functions all ask here.

use iamplay_core::engine::{Counterfactuals, DocumentId, RequestSlot, ResolveError};
use iamplay_core::eval::Verdict;
use iamplay_core::response::{Blocked, Decision, Response, StatementRef};
use iamplay_core::workspace::{Document, RequestSpec, load_request};
use iamplay_core::{Engine, LineIndex, Severity};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::input::{RequestArg, request as request_arg};
use crate::output::to_js;
use crate::problem::{Problem, Source};

/// What `evaluate` returns when it could answer.
#[derive(Serialize)]
pub struct Evaluated {
    ok: bool,
    decision: Decision,
    summary: String,
    deciding: Vec<StatementRef>,
    overridden: Vec<StatementRef>,
    blocked_by: Option<Blocked>,
    missing_context_keys: Vec<String>,
    request_findings: Vec<Problem>,
    problems: Vec<Problem>,
}

/// The response's problems of the request itself, as the API's problems
/// (they have no place in any text: 1:1 of the request).
fn findings(request_findings: &mut Vec<iamplay_core::engine::Problem>) -> Vec<Problem> {
    std::mem::take(request_findings)
        .into_iter()
        .map(|p| {
            let mut out = Problem::general(p.severity, p.code, p.message, Source::Request);
            out.help = p.help;
            out
        })
        .collect()
}

impl Evaluated {
    /// The decision and what decided it, without the trace.
    pub fn new(mut verdict: Verdict, problems: Vec<Problem>) -> Evaluated {
        let request_findings = findings(&mut verdict.request_findings);
        Evaluated {
            ok: true,
            decision: verdict.decision,
            summary: verdict.summary,
            deciding: verdict.deciding,
            overridden: verdict.overridden,
            blocked_by: verdict.blocked_by,
            missing_context_keys: verdict.missing_context_keys,
            request_findings,
            problems,
        }
    }
}

/// What `explain` returns when it could answer.
#[derive(Serialize)]
pub struct Explained {
    ok: bool,
    response: Response,
    counterfactuals: Counterfactuals,
    request_findings: Vec<Problem>,
    problems: Vec<Problem>,
}

impl Explained {
    /// The full response, with what would change the decision.
    pub fn new(
        (mut response, counterfactuals): (Response, Counterfactuals),
        problems: Vec<Problem>,
    ) -> Explained {
        let request_findings = findings(&mut response.request_findings);
        Explained {
            ok: true,
            response,
            counterfactuals,
            request_findings,
            problems,
        }
    }
}

/// What `authorize` returns when it could answer.
#[derive(Serialize)]
pub struct Authorized {
    ok: bool,
    decision: Decision,
    problems: Vec<Problem>,
}

impl Authorized {
    /// The decision alone, as a plain object: built in JavaScript when
    /// there is no problem to list (the common case, which `authorize`
    /// is for), else through JSON text (as `evaluate` does outside its
    /// common case, see `wire.rs`).
    pub fn to_js(decision: Decision, problems: Vec<Problem>) -> JsValue {
        if problems.is_empty() {
            let code = match decision {
                Decision::Allowed => 0,
                Decision::ExplicitDeny => 1,
                Decision::ImplicitDeny => 2,
            };
            return decided(code);
        }
        to_js(&Authorized {
            ok: true,
            decision,
            problems,
        })
    }
}

#[wasm_bindgen(module = "/src/decided.js")]
extern "C" {
    /// `{ ok: true, decision, problems: [] }` for decision `code`: 0
    /// `Allowed`, 1 `ExplicitDeny`, 2 `ImplicitDeny`.
    fn decided(code: u8) -> JsValue;
}

/// How an engine answers a request: the full response with the
/// counterfactuals ([`Engine::evaluate_saved`], [`Engine::evaluate`],
/// [`Engine::counterfactuals`]), the verdict without
/// the trace, or the decision alone ([`Engine::authorize_saved`], [`Engine::authorize`]).
pub struct Depth<T> {
    /// Answers saved request `i`.
    pub saved: fn(&Engine, usize) -> Result<T, ResolveError>,
    /// Answers a request given on its own.
    pub given: fn(&Engine, &RequestSpec) -> Result<T, ResolveError>,
}

/// The decision and what decided it, without the trace
/// ([`Engine::verdict_saved`], [`Engine::verdict`]).
pub const VERDICT: Depth<Verdict> = Depth {
    saved: Engine::verdict_saved,
    given: Engine::verdict,
};

/// The full response and the counterfactuals, for `explain`.
pub const EXPLANATION: Depth<(Response, Counterfactuals)> = Depth {
    saved: |engine, i| Ok((engine.evaluate_saved(i)?, engine.counterfactuals_saved(i)?)),
    given: |engine, spec| Ok((engine.evaluate(spec)?, engine.counterfactuals(spec)?)),
};

/// The decision alone, by the evaluator's fast path.
pub const DECISION: Depth<Decision> = Depth {
    saved: Engine::authorize_saved,
    given: Engine::authorize,
};

/// A request asked of an engine.
pub struct Asked<T> {
    /// The answer, or why the request could not be resolved.
    pub outcome: Result<T, ResolveError>,
    /// The problems of a given request's documents, placed in its text
    /// (none for a saved request: those are the workspace's).
    pub problems: Vec<Problem>,
    /// Whether the request was given rather than saved.
    pub given: bool,
}

/// Why the request could not be resolved to policies, as a problem
/// with the arguments (no such saved request), the request (an
/// unknown user or role named by a given request, a given policy with
/// errors) or the workspace.
pub fn unresolved(error: &ResolveError, given: bool) -> Problem {
    let source = match error {
        ResolveError::UnknownRequest(..) => Source::Arguments,
        ResolveError::InvalidPolicy {
            document: Some(id), ..
        } if is_given(id) => Source::Request,
        ResolveError::InvalidPolicy { .. } => Source::Workspace,
        _ if given => Source::Request,
        _ => Source::Workspace,
    };
    let mut problem = Problem::general(Severity::Error, error.code(), error.to_string(), source);
    if let ResolveError::InvalidPolicy { name, document } = error {
        problem.policy = Some(name.clone());
        problem.document = document.as_ref().map(DocumentId::to_string);
    }
    problem
}

/// Reads the request argument and asks it of `engine` to `depth`; `Err`
/// holds the problems that kept the request from being read.
pub fn ask<T>(
    engine: &Engine,
    request: &JsValue,
    depth: &Depth<T>,
) -> Result<Asked<T>, Vec<Problem>> {
    match request_arg(request).map_err(|p| vec![p])? {
        RequestArg::Saved(index) => Ok(Asked {
            outcome: (depth.saved)(engine, index),
            problems: Vec::new(),
            given: false,
        }),
        RequestArg::Given(text) => {
            let spec = load_request(&text).map_err(|diagnostics| {
                diagnostics
                    .iter()
                    .map(|d| Problem::at(d, Source::Request))
                    .collect::<Vec<_>>()
            })?;
            Ok(Asked {
                outcome: (depth.given)(engine, &spec),
                problems: given_problems(&spec, &text),
                given: true,
            })
        }
    }
}

/// The problems of the documents given with `spec`, placed in `text`,
/// the request's JSON text.
fn given_problems(spec: &RequestSpec, text: &str) -> Vec<Problem> {
    if spec.session_policy.is_none() && spec.policies.is_none() {
        return Vec::new();
    }
    let lines = LineIndex::new(text);
    Engine::given_problems(spec)
        .iter()
        .map(|p| {
            Problem::in_request(
                p,
                p.document.as_ref().and_then(|id| given(spec, id)),
                &lines,
            )
        })
        .collect()
}

/// The document of `spec` that `id` (a `request/given/…` id) names.
fn given<'s>(spec: &'s RequestSpec, id: &DocumentId) -> Option<&'s Document> {
    match id {
        DocumentId::Session(RequestSlot::Given) => spec.session_policy.as_ref(),
        DocumentId::RequestPolicy(RequestSlot::Given, n) => {
            spec.policies.as_ref()?.documents().nth(*n)
        }
        _ => None,
    }
}

/// Whether `id` names a document of a request given on its own.
pub fn is_given(id: &DocumentId) -> bool {
    matches!(
        id,
        DocumentId::Session(RequestSlot::Given) | DocumentId::RequestPolicy(RequestSlot::Given, _)
    )
}
