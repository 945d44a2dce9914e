//! Evaluating the request against the workspace on every change: the
//! [`Engine`] holds the core's [`iamplay_core::Engine`], which keeps every
//! document parsed and linted and parses again only what changed; an
//! [`Evaluation`] is the latest answer, kept (marked stale) while a
//! document that applies has errors.

use std::rc::Rc;

use iamplay_core::engine::{Counterfactuals, EditError, ResolveError, Resolved};
use iamplay_core::response::{Decision, Response};
use iamplay_core::workspace::{RequestSpec, Workspace};
use iamplay_core::{Code, Diagnostic, DocumentId, PolicyKind, Problem};

use super::entities::DocumentRef;
use super::findings::{RequestFinding, request_findings};
use super::problems::{Explanation, explaining_finding};
use super::request::RequestDraft;
use super::workspace_ops::{attachments, boundaries};
use crate::aws_policies::AwsPolicies;

/// The workspace as the core's engine compiled it, with the AWS managed
/// policies it was given and a count of its changes.
pub struct Engine {
    core: iamplay_core::Engine,
    /// Where AWS managed policies came from when last set.
    source: AwsPolicies,
    /// Counts the changes since the engine was made (what was computed
    /// from it is computed again when it moved on).
    revision: u64,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("core", &self.core)
            .field("revision", &self.revision)
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// Compiles `workspace`, with the AWS managed policies of `source`.
    pub fn new(workspace: &Workspace, source: &AwsPolicies) -> Engine {
        Engine {
            core: iamplay_core::Engine::new(workspace.clone(), Box::new(source.clone())),
            source: source.clone(),
            revision: 0,
        }
    }

    /// Takes in a new text for one document, parsing and linting only it.
    pub fn set_document(&mut self, document: &DocumentRef, text: &str) -> Result<(), EditError> {
        self.revision += 1;
        self.core.set_document(&document.id(), text)
    }

    /// Takes in the workspace after a change to its entities (or a new
    /// list of AWS managed policies): documents whose text did not change
    /// keep their parse.
    pub fn replace(&mut self, workspace: &Workspace, source: &AwsPolicies) {
        self.revision += 1;
        if self.source != *source {
            self.source = source.clone();
            self.core.set_source(Box::new(source.clone()));
        }
        self.core.replace(workspace.clone());
    }

    /// Parses and lints every document again (AWS's service data arrived).
    pub fn relint(&mut self) {
        self.revision += 1;
        self.core.relint();
    }

    /// Counts the changes since the engine was made.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// How many documents the core's engine parsed since it was made (an
    /// edit of one document parses that one only).
    pub fn parse_count(&self) -> u64 {
        self.core.parse_count()
    }

    /// The id the core's engine compiled `document` under: its own, or
    /// for an AWS managed policy the one its ARN or name resolves to (one
    /// attached by name on a path of its own has another ARN than the one
    /// guessed from the name).
    fn compiled_id(&self, document: &DocumentRef) -> Option<DocumentId> {
        let id = document.id();
        if self.core.document(&id).is_some() {
            return Some(id);
        }
        match document {
            DocumentRef::Aws(arn) => [arn.as_str(), document.name()]
                .into_iter()
                .find_map(|name| self.core.managed_policy_id(name))
                .cloned(),
            DocumentRef::Customer(_) | DocumentRef::Inline(..) | DocumentRef::Endpoint(_) => None,
        }
    }

    /// How `document` is read; `None` when it is not in the workspace.
    pub fn kind_of(&self, document: &DocumentRef) -> Option<PolicyKind> {
        let id = self.compiled_id(document)?;
        self.core.document(&id).map(|d| d.kind)
    }

    /// The text of `document`: the workspace's, or for an AWS managed
    /// policy it attaches without carrying it, the catalog's.
    pub fn text_of(&self, document: &DocumentRef) -> Option<&str> {
        let id = self.compiled_id(document)?;
        self.core.document_text(&id)
    }

    /// The problems of `document` in its own text: parse errors, and lint
    /// findings when it parses, as the core finds them.
    pub fn problems_of(&self, document: &DocumentRef) -> Vec<Diagnostic> {
        let Some(id) = self.compiled_id(document) else {
            return Vec::new();
        };
        self.core
            .document_problems(&id)
            .iter()
            .map(Problem::diagnostic)
            .collect()
    }

    /// Problems with references between entities (a group that does not
    /// exist, a managed policy nobody knows), one sentence each.
    pub fn reference_problems(&self) -> Vec<String> {
        self.core
            .diagnostics()
            .into_iter()
            .filter(|p| p.code == Code::UnresolvedReference)
            .map(|p| p.message)
            .collect()
    }

    /// How many problems the workspace has (every document's, the
    /// references', the quotas').
    pub fn problem_counts(&self) -> super::problems::ProblemCounts {
        super::problems::ProblemCounts::of(self.core.counts())
    }

    /// Every problem of the workspace, placed in its document's text.
    pub fn all_problems(&self) -> Vec<Problem> {
        self.core.diagnostics()
    }

    /// Whether a group, user or role attaches (or has as its boundary) a
    /// managed policy that is neither in the workspace nor among the AWS
    /// managed policies known so far.
    pub fn attaches_unknown_policies(&self) -> bool {
        let workspace = self.core.workspace();
        attachments(workspace)
            .chain(boundaries(workspace))
            .any(|(_, name)| self.core.managed_policy_id(name).is_none())
    }

    /// Evaluates `spec` against the workspace.
    pub fn evaluate(&self, spec: &RequestSpec) -> Result<Response, ResolveError> {
        self.core.evaluate(spec)
    }

    /// The decision for `spec` alone, without the trace (the baseline's
    /// answer beside the current one).
    pub fn decision(&self, spec: &RequestSpec) -> Result<Decision, ResolveError> {
        self.core.verdict(spec).map(|verdict| verdict.decision)
    }

    /// The single changes that would give `spec` another decision, each
    /// verified by the core (at most
    /// [`iamplay_core::engine::counterfactual::MAX_EVALUATIONS`]
    /// evaluations).
    pub fn counterfactuals(&self, spec: &RequestSpec) -> Result<Counterfactuals, ResolveError> {
        self.core.counterfactuals(spec)
    }

    /// The policies that apply to `spec`, to ask many actions of one
    /// principal and resource (the access matrix).
    pub fn resolve(&self, spec: &RequestSpec) -> Result<Resolved<'_>, ResolveError> {
        self.core.resolve(spec)
    }

    /// The documents the policies of `response` come from, in its order.
    fn documents_of(response: &Response) -> Vec<Option<DocumentRef>> {
        response
            .policies
            .iter()
            .map(|trace| trace.id.as_ref().and_then(DocumentRef::of))
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
    /// The problems of the request itself (the response's request
    /// findings), each with the fix its "did you mean" offers.
    pub findings: Rc<Vec<RequestFinding>>,
    /// For an implicit deny, the findings that say why a statement does
    /// not apply (each links to its finding).
    pub explained: Rc<Vec<Explanation>>,
    /// Why `response` is not up to date, when it is not.
    pub stale: Option<String>,
    /// Why there is no response, when there is none.
    pub problem: Option<String>,
}

/// Every evaluation equals itself (nothing in it is a float), which lets
/// `Rc<Evaluation>` compare pointers first: the state keeps the same `Rc`
/// while the answer does not change, so the components that take it
/// (decision, request and context key panels, embeds) skip comparing two
/// whole responses on every render of the page (4.4 ms when the page
/// starts, measured in Chromium's profiler).
impl Eq for Evaluation {}

/// Why there is no decision in a workspace without users or roles: there
/// is nothing to pick as the principal yet.
const NO_PRINCIPAL_YET: &str = "add a user or role to the workspace (the + beside Users or Roles), then pick it as the principal";

impl Evaluation {
    /// Evaluates `draft`; `previous` is what was on screen, kept (stale)
    /// when a policy that applies has errors.
    pub fn of(engine: &Engine, draft: &RequestDraft, previous: &Evaluation) -> Evaluation {
        let spec = match draft.to_spec() {
            Ok(spec) => spec,
            Err(problem) => {
                let no_principal =
                    draft.principal.is_none() && !engine.core.workspace().has_principals();
                return Evaluation {
                    problem: Some(if no_principal {
                        NO_PRINCIPAL_YET.to_owned()
                    } else {
                        problem
                    }),
                    ..Evaluation::default()
                };
            }
        };
        match engine.evaluate(&spec) {
            Ok(response) => {
                let documents = Engine::documents_of(&response);
                Evaluation {
                    explained: Rc::new(explanations(engine, &response, &documents)),
                    documents: Rc::new(documents),
                    findings: Rc::new(request_findings(&response.request_findings, draft)),
                    response: Some(Rc::new(response)),
                    stale: None,
                    problem: None,
                }
            }
            Err(error @ ResolveError::InvalidPolicy { .. }) => match &previous.response {
                Some(_) => Evaluation {
                    stale: Some(error.to_string()),
                    problem: None,
                    ..previous.clone()
                },
                None => Evaluation {
                    problem: Some(error.to_string()),
                    ..Evaluation::default()
                },
            },
            Err(error) => Evaluation {
                problem: Some(error.to_string()),
                ..Evaluation::default()
            },
        }
    }
}

/// For an implicit deny, the statements of `response` that a finding of
/// their document explains (`documents`: where each policy comes from).
/// Nothing for other decisions: a statement that did not apply did not
/// decide them.
fn explanations(
    engine: &Engine,
    response: &Response,
    documents: &[Option<DocumentRef>],
) -> Vec<Explanation> {
    if response.decision != Decision::ImplicitDeny {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (policy, (trace, document)) in response.policies.iter().zip(documents).enumerate() {
        let Some(document) = document else {
            continue;
        };
        if trace.statements.iter().all(|s| s.applies) {
            continue;
        }
        let diagnostics = engine.problems_of(document);
        for (statement, trace) in trace.statements.iter().enumerate() {
            if let Some(finding) = explaining_finding(trace, &diagnostics) {
                found.push(Explanation {
                    policy,
                    statement,
                    finding: finding.clone(),
                    document: document.clone(),
                });
            }
        }
    }
    found
}
