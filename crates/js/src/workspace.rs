//! The `Workspace` handle: a workspace loaded and compiled once, then
//! asked many requests and edited one document at a time, as an editor
//! does. The one-shot `evaluate` and `explain` load one and ask it once.

use iamplay_core::engine::{CompiledDocument, DocumentId, DocumentIdError, ResolveError};
use iamplay_core::{Code, Engine, PolicyKind};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::ask::{
    Authorized, DECISION, Depth, EXPLANATION, Evaluated, Explained, VERDICT, ask, is_given,
    unresolved,
};
use crate::input::json_text;
use crate::output::{failure, to_js};
use crate::problem::{Problem, errors_first};

/// A workspace, loaded once: every policy parsed and linted, ready to
/// answer many requests. Load it with `Workspace.load(workspace)`; free
/// it with `free()` when done.
///
/// ```js
/// const ws = Workspace.load(workspace);
/// if (!ws.diagnostics().ok) console.log(ws.diagnostics().problems);
/// ws.evaluate(0).decision;                  // saved request 0
/// ws.setDocument("managed/Force_MFA", text);  // re-parses that policy only
/// ws.explain({ principal: "mfa-user-1", action: "ec2:DescribeInstances" });
/// ws.free();
/// ```
#[wasm_bindgen]
pub struct Workspace {
    /// The engine, or the problems that kept the workspace from loading.
    engine: Result<Engine, Vec<Problem>>,
}

/// Which problems an answer lists beside the request's own.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The request's alone (the handle: the workspace's are in
    /// `diagnostics()`), and those of the policy that kept it from
    /// being answered.
    Request,
    /// Every problem of the workspace too (the one-shot functions).
    Workspace,
}

/// One document of a workspace, as `documents()` lists it.
#[derive(Serialize)]
struct DocumentInfo<'a> {
    id: &'a DocumentId,
    name: &'a str,
    kind: &'static str,
    read_only: bool,
    has_errors: bool,
    text: Option<&'a str>,
}

/// What `diagnostics()` and `setDocument` return.
#[derive(Serialize)]
struct Problems {
    ok: bool,
    problems: Vec<Problem>,
}

#[wasm_bindgen]
impl Workspace {
    /// Loads a workspace (the format of `docs/workspace-format.md`),
    /// given as JSON text or as an object, and compiles every policy.
    /// Never throws: a workspace that cannot be read gives a handle whose
    /// `diagnostics()` says why and whose answers are failures.
    pub fn load(
        #[wasm_bindgen(unchecked_param_type = "WorkspaceFile | string")] workspace: JsValue,
    ) -> Workspace {
        Workspace {
            engine: load(&workspace),
        }
    }

    /// Evaluates a request: a saved request's index (from 0), or a
    /// request as JSON text or an object. `problems` are the request's own
    /// (the workspace's are in `diagnostics()`) and, on failure, those of
    /// the policy that kept it from being answered.
    #[wasm_bindgen(unchecked_return_type = "EvaluateResult")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number | RequestSpec | string")] request: JsValue,
    ) -> JsValue {
        match self.answer(&request, Scope::Request, &VERDICT) {
            // The common case, built in JavaScript without JSON text.
            Ok((verdict, problems))
                if problems.is_empty() && verdict.request_findings.is_empty() =>
            {
                crate::wire::to_js(&verdict)
            }
            Ok((verdict, problems)) => to_js(&Evaluated::new(verdict, problems)),
            Err(problems) => failure(problems),
        }
    }

    /// Evaluates a request like `evaluate` and returns the full
    /// explanation, with the trace of every statement.
    #[wasm_bindgen(unchecked_return_type = "ExplainResult")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number | RequestSpec | string")] request: JsValue,
    ) -> JsValue {
        match self.answer(&request, Scope::Request, &EXPLANATION) {
            Ok((explained, problems)) => to_js(&Explained::new(explained, problems)),
            Err(problems) => failure(problems),
        }
    }

    /// The decision alone on a request (as `evaluate` takes it), by the
    /// evaluator's fast path: no summary, statements or trace; for asking
    /// many requests quickly. `{ ok: true, decision, problems }`, or a
    /// failure as `evaluate`'s.
    #[wasm_bindgen(unchecked_return_type = "AuthorizeResult")]
    pub fn authorize(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number | RequestSpec | string")] request: JsValue,
    ) -> JsValue {
        match self.answer(&request, Scope::Request, &DECISION) {
            Ok((decision, problems)) => Authorized::to_js(decision, problems),
            Err(problems) => failure(problems),
        }
    }

    /// Replaces the text of one document, named by its id (`managed/P`,
    /// `group/G/P`, `user/U/P`, `role/R/P`, `trust/R`, `org/P`,
    /// `resource/N`, `request/N/session`, `request/N/policy/M`; see
    /// `documents()`), as JSON text or an object; only that document is
    /// parsed again. `{ ok: true, problems }` lists the document's
    /// problems, in its new text (`source: "document"`), errors included:
    /// a text that does not parse is kept. `{ ok: false, problems }` when
    /// the id names no document, the document is an AWS managed policy
    /// from the catalog, or the workspace did not load.
    #[wasm_bindgen(js_name = setDocument, unchecked_return_type = "SetDocumentResult")]
    pub fn set_document(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "DocumentId")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PolicyDocument")] text: JsValue,
    ) -> JsValue {
        let engine = match &mut self.engine {
            Ok(engine) => engine,
            Err(problems) => return failure(problems.clone()),
        };
        let id = match document_id(&id) {
            Ok(id) => id,
            Err(problem) => return failure(vec![problem]),
        };
        let text = match json_text(&text, "the document") {
            Ok(text) => text,
            Err(problem) => return failure(vec![problem]),
        };
        match engine.set_document(&id, &text) {
            Ok(()) => to_js(&Problems {
                ok: true,
                problems: engine
                    .document_problems(&id)
                    .iter()
                    .map(Problem::placed)
                    .collect(),
            }),
            Err(error) => failure(vec![Problem::argument(error.code(), error.to_string())]),
        }
    }

    /// Every problem of the workspace: the workspace file's, each
    /// document's (in the workspace's text where it was written there as
    /// an object, else in its own text), and references that do not
    /// resolve. `ok` is false when any is an error, or the workspace did
    /// not load.
    #[wasm_bindgen(unchecked_return_type = "DiagnosticsResult")]
    pub fn diagnostics(&self) -> JsValue {
        let problems = match &self.engine {
            Ok(engine) => engine.diagnostics().iter().map(Problem::placed).collect(),
            Err(problems) => problems.clone(),
        };
        to_js(&Problems {
            ok: self.engine.is_ok() && !problems.iter().any(Problem::is_error),
            problems,
        })
    }

    /// Every policy document of the workspace, in its order, then the
    /// AWS managed policies from the catalog that entities attach: its id
    /// (as `setDocument` takes it), name, kind, whether it is read-only,
    /// whether it has errors, and its text. Empty when the workspace did
    /// not load.
    #[wasm_bindgen(unchecked_return_type = "DocumentInfo[]")]
    pub fn documents(&self) -> JsValue {
        let Ok(engine) = &self.engine else {
            return js_sys::Array::new().into();
        };
        let list: Vec<DocumentInfo<'_>> = engine
            .documents()
            .map(|doc| describe(engine, doc))
            .collect();
        to_js(&list)
    }
}

impl Workspace {
    /// The answer to `request` to `depth`, with the problems `scope` asks for; or
    /// the problems that kept it from being answered, errors first.
    pub(crate) fn answer<T>(
        &self,
        request: &JsValue,
        scope: Scope,
        depth: &Depth<T>,
    ) -> Result<(T, Vec<Problem>), Vec<Problem>> {
        let engine = self.engine.as_ref().map_err(Clone::clone)?;
        let mut problems = match scope {
            Scope::Request => Vec::new(),
            Scope::Workspace => engine.diagnostics().iter().map(Problem::placed).collect(),
        };
        let asked = match ask(engine, request, depth) {
            Ok(asked) => asked,
            Err(unread) => {
                problems.extend(unread);
                return Err(errors_first(problems));
            }
        };
        problems.extend(asked.problems);
        match asked.outcome {
            Ok(response) => Ok((response, problems)),
            Err(error) => {
                problems.push(unresolved(&error, asked.given));
                // The handle lists the failing policy's problems here;
                // the one-shot functions have listed them already.
                if let (Scope::Request, Some(id)) = (scope, error_document(&error)) {
                    problems.extend(engine.document_problems(id).iter().map(Problem::placed));
                }
                Err(errors_first(problems))
            }
        }
    }
}

/// Reads a workspace argument and compiles it.
fn load(workspace: &JsValue) -> Result<Engine, Vec<Problem>> {
    let text = json_text(workspace, "the workspace").map_err(|p| vec![p])?;
    Engine::load(&text, crate::managed::source())
        .map_err(|problems| errors_first(problems.iter().map(Problem::placed).collect()))
}

/// The workspace document whose errors kept a request from being
/// answered (a given request's own documents are among its problems).
fn error_document(error: &ResolveError) -> Option<&DocumentId> {
    match error {
        ResolveError::InvalidPolicy {
            document: Some(id), ..
        } if !is_given(id) => Some(id),
        _ => None,
    }
}

/// A document id argument, in its text form.
fn document_id(value: &JsValue) -> Result<DocumentId, Problem> {
    let Some(text) = value.as_string() else {
        return Err(Problem::argument(
            Code::InvalidArgument,
            "a document id must be a string such as `managed/Force_MFA`".to_owned(),
        ));
    };
    text.parse().map_err(|error: DocumentIdError| {
        Problem::argument(Code::InvalidArgument, error.to_string())
    })
}

/// One document as `documents()` lists it.
fn describe<'e>(engine: &'e Engine, doc: &'e CompiledDocument) -> DocumentInfo<'e> {
    DocumentInfo {
        id: &doc.id,
        name: &doc.name,
        kind: kind_name(doc.kind),
        read_only: engine.workspace().document(&doc.id).is_none(),
        has_errors: doc.has_errors(),
        text: engine.document_text(&doc.id),
    }
}

/// The policy kind as `validate` takes it.
fn kind_name(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::Identity => "identity",
        PolicyKind::Resource => "resource",
        PolicyKind::ServiceControl => "scp",
        PolicyKind::ResourceControl => "rcp",
    }
}
