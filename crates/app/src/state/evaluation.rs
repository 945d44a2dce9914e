//! Evaluating the request against the workspace on every change: the
//! [`Engine`] keeps every document parsed and re-parses only the one that
//! was edited; an [`Evaluation`] is the latest answer, kept (marked stale)
//! while a document that applies does not parse.

use std::rc::Rc;

use iamplay_core::eval::evaluate;
use iamplay_core::parse_policy;
use iamplay_core::response::Response;
use iamplay_core::workspace::{
    CompiledDocument, CompiledWorkspace, RequestRef, RequestSpec, ResolveError, Workspace,
};

use super::entities::DocumentRef;
use super::request::RequestDraft;
use crate::aws_policies::AwsPolicies;

/// The workspace with every document parsed.
#[derive(Debug)]
pub struct Engine {
    compiled: CompiledWorkspace,
}

impl Engine {
    /// Parses every document of `workspace`.
    pub fn new(workspace: &Workspace, source: &AwsPolicies) -> Engine {
        Engine {
            compiled: CompiledWorkspace::compile(workspace.clone(), source),
        }
    }

    /// Takes in a new text for one document, re-parsing only it. Returns
    /// `false` when the document is not in the compiled workspace (then
    /// compile it all again).
    pub fn update_document(&mut self, document: &DocumentRef, text: &str) -> bool {
        let Some(id) = document.document_id(&self.compiled.workspace) else {
            return false;
        };
        let Some(target) = document.document_mut(&mut self.compiled.workspace) else {
            return false;
        };
        text.clone_into(&mut target.text);
        let Some(compiled) = self.compiled.documents.iter_mut().find(|d| d.id == id) else {
            return false;
        };
        let parsed = parse_policy(text, compiled.kind);
        compiled.policy = parsed.policy;
        compiled.diagnostics = parsed.diagnostics;
        true
    }

    /// The workspace with every document parsed (the access matrix
    /// resolves its requests against it).
    pub fn compiled(&self) -> &CompiledWorkspace {
        &self.compiled
    }

    /// The parsed form of `document`.
    pub fn document(&self, document: &DocumentRef) -> Option<&CompiledDocument> {
        let id = document.document_id(&self.compiled.workspace)?;
        self.compiled.document(&id)
    }

    /// Problems with references between entities (a group that does not
    /// exist, a managed policy nobody knows).
    pub fn problems(&self) -> &[String] {
        &self.compiled.problems
    }

    /// Evaluates `spec` against the workspace.
    pub fn evaluate(&self, spec: &RequestSpec) -> Result<Response, ResolveError> {
        let (set, request) = self.compiled.resolve(RequestRef::Spec(spec))?;
        Ok(evaluate(&set, &request))
    }

    /// The documents the policies of `response` come from, in its order.
    fn documents_of(&self, response: &Response) -> Vec<Option<DocumentRef>> {
        response
            .policies
            .iter()
            .map(|trace| {
                trace
                    .id
                    .as_deref()
                    .and_then(|id| DocumentRef::from_trace_id(&self.compiled.workspace, id))
            })
            .collect()
    }
}

/// The latest answer to the request.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evaluation {
    /// The response on screen: the latest, or while `stale` is set the
    /// last one before a policy stopped parsing.
    pub response: Option<Rc<Response>>,
    /// For each policy of `response`, the document it comes from (to open
    /// it in the editor).
    pub documents: Rc<Vec<Option<DocumentRef>>>,
    /// Why `response` is not up to date, when it is not.
    pub stale: Option<String>,
    /// Why there is no response, when there is none.
    pub problem: Option<String>,
}

impl Evaluation {
    /// Evaluates `draft`; `previous` is what was on screen, kept (stale)
    /// when a policy that applies does not parse.
    pub fn of(engine: &Engine, draft: &RequestDraft, previous: &Evaluation) -> Evaluation {
        let spec = match draft.to_spec() {
            Ok(spec) => spec,
            Err(problem) => {
                return Evaluation {
                    problem: Some(problem),
                    ..Evaluation::default()
                };
            }
        };
        match engine.evaluate(&spec) {
            Ok(response) => Evaluation {
                documents: Rc::new(engine.documents_of(&response)),
                response: Some(Rc::new(response)),
                stale: None,
                problem: None,
            },
            Err(ResolveError::InvalidPolicy(name)) => {
                let why =
                    format!("policy `{name}` does not parse: fix it to see the decision again");
                match &previous.response {
                    Some(_) => Evaluation {
                        stale: Some(why),
                        problem: None,
                        ..previous.clone()
                    },
                    None => Evaluation {
                        problem: Some(why),
                        ..Evaluation::default()
                    },
                }
            }
            Err(error) => Evaluation {
                problem: Some(error.to_string()),
                ..Evaluation::default()
            },
        }
    }
}
