//! What the policy editor shows for the open document: its text, its
//! problems (parse errors, then lint findings when it parses) and the
//! statements the latest decision marks.

use std::rc::Rc;

use iamplay_core::lint::lint_policy;
use iamplay_core::response::StatementRole;
use iamplay_core::workspace::{ManagedPolicySource, Workspace};
use iamplay_core::{Diagnostic, Effect, PolicyKind};
use yew::AttrValue;

use super::entities::DocumentRef;
use super::evaluation::{Engine, Evaluation};
use crate::aws_policies::AwsPolicies;
use crate::components::{HighlightKind, StatementHighlight};

/// The open document, as the editor shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorView {
    /// Which document.
    pub document: DocumentRef,
    /// Its text, exactly as written.
    pub text: AttrValue,
    /// How it is read (identity policies only, for now).
    pub kind: PolicyKind,
    /// Parse errors and lint findings.
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// The statements the latest decision marks.
    pub highlights: Rc<Vec<StatementHighlight>>,
}

impl EditorView {
    /// The view of `document`; `None` when it does not exist.
    pub fn of(
        document: &DocumentRef,
        workspace: &Workspace,
        engine: &Engine,
        source: &AwsPolicies,
        evaluation: &Evaluation,
    ) -> Option<EditorView> {
        let text = match document.text_in(workspace) {
            Some(text) => AttrValue::from(text.to_owned()),
            None => match document {
                DocumentRef::Aws(arn) => {
                    // Attached by name, an AWS managed policy on a path of
                    // its own has another ARN than the one guessed.
                    let policy = source
                        .aws_managed_policy(arn)
                        .or_else(|| source.aws_managed_policy(document.name()))?;
                    AttrValue::from(policy.document)
                }
                _ => return None,
            },
        };
        Some(EditorView {
            document: document.clone(),
            text,
            kind: PolicyKind::Identity,
            diagnostics: Rc::new(diagnostics(document, engine)),
            highlights: Rc::new(highlights(document, evaluation)),
        })
    }

    /// The same view with the statements `evaluation` marks.
    #[must_use]
    pub fn with_highlights(&self, evaluation: &Evaluation) -> EditorView {
        EditorView {
            highlights: Rc::new(highlights(&self.document, evaluation)),
            ..self.clone()
        }
    }
}

/// The key of the editor's model for `document` of the workspace opened
/// [`State::opened`](super::State::opened)-th in the page: one model per
/// document per workspace opened (`crates/app/src/monaco/models.rs`).
pub fn model_key(opened: u64, document: &DocumentRef) -> String {
    format!("{opened}#{}", document.key())
}

/// The document's parse diagnostics, and its lint findings when it parses.
fn diagnostics(document: &DocumentRef, engine: &Engine) -> Vec<Diagnostic> {
    let Some(compiled) = engine.document(document) else {
        return Vec::new();
    };
    let mut found = compiled.diagnostics.clone();
    if let Some(policy) = &compiled.policy {
        found.extend(lint_policy(policy, compiled.kind));
    }
    found
}

/// The statements of `document` that the decision in `evaluation` marks:
/// deciding (Deny or Allow), overridden, or applying. None while the
/// decision is stale, since the text has changed since.
pub fn highlights(document: &DocumentRef, evaluation: &Evaluation) -> Vec<StatementHighlight> {
    let mut found: Vec<StatementHighlight> = Vec::new();
    if evaluation.stale.is_some() {
        return found;
    }
    let Some(response) = &evaluation.response else {
        return found;
    };
    for (trace, source) in response.policies.iter().zip(evaluation.documents.iter()) {
        if source.as_ref() != Some(document) {
            continue;
        }
        for statement in &trace.statements {
            let (kind, message) = match (statement.role, statement.effect) {
                (StatementRole::Deciding, Effect::Deny) => (
                    HighlightKind::DecidingDeny,
                    "deciding: this Deny explicitly denies the request",
                ),
                (StatementRole::Deciding, Effect::Allow) => (
                    HighlightKind::DecidingAllow,
                    "deciding: this Allow allows the request",
                ),
                (StatementRole::Overridden, _) => (
                    HighlightKind::Overridden,
                    "overridden: this Allow applies, but an explicit Deny wins",
                ),
                (StatementRole::Applies, _) => (HighlightKind::Applies, "applies to the request"),
                (StatementRole::NotApplicable, _) => continue,
            };
            if found.iter().any(|h| h.loc == statement.loc) {
                continue;
            }
            found.push(StatementHighlight {
                loc: statement.loc,
                kind,
                message: message.to_owned(),
            });
        }
    }
    found
}
