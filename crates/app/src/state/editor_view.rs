//! What the policy editor shows for the open document: its text, its
//! problems (parse errors, and lint findings when it parses, as the core's
//! engine found them) and the statements the latest decision marks.

use std::rc::Rc;

use iamplay_core::response::StatementRole;
use iamplay_core::workspace::Workspace;
use iamplay_core::{Diagnostic, Effect, Loc, PolicyKind};
use yew::AttrValue;

use super::entities::DocumentRef;
use super::evaluation::{Engine, Evaluation};

/// How an evaluated statement is marked in the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HighlightKind {
    /// A Deny statement that decided the request (red).
    DecidingDeny,
    /// An Allow statement that decided the request (green).
    DecidingAllow,
    /// An Allow that applies but a Deny overrode (struck through).
    Overridden,
    /// A statement that applies without deciding (subtle).
    Applies,
}

/// One statement to mark, with the hover text that says why.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementHighlight {
    /// Where the statement is in the editor's text.
    pub loc: Loc,
    /// How to mark it.
    pub kind: HighlightKind,
    /// Shown on hover, e.g. "deciding: explicit deny".
    pub message: String,
}

/// A request to scroll to and select a range (a click on a statement in
/// the decision panel). The nonce makes a repeated click on the same
/// statement reveal it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reveal {
    /// What to show.
    pub loc: Loc,
    /// Changes on every request.
    pub nonce: u32,
}

/// The open document, as the editor shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorView {
    /// Which document.
    pub document: DocumentRef,
    /// Its text, exactly as written.
    pub text: AttrValue,
    /// How it is read (the core's kind for it; identity for an AWS
    /// managed policy nobody attaches).
    pub kind: PolicyKind,
    /// Parse errors and lint findings.
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// The statements the latest decision marks.
    pub highlights: Rc<Vec<StatementHighlight>>,
}

impl EditorView {
    /// The view of `document`; `None` when it does not exist. Its text
    /// is `workspace`'s (exactly as typed), or the catalog's for an AWS
    /// managed policy the workspace attaches; its problems are the ones
    /// `engine` found.
    pub fn of(
        document: &DocumentRef,
        workspace: &Workspace,
        engine: &Engine,
        evaluation: &Evaluation,
    ) -> Option<EditorView> {
        let text = match document.text_in(workspace) {
            Some(text) => text,
            None => engine.text_of(document)?,
        };
        Some(EditorView {
            document: document.clone(),
            text: AttrValue::from(text.to_owned()),
            kind: engine.kind_of(document).unwrap_or_default(),
            diagnostics: Rc::new(engine.problems_of(document)),
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
            let kind = match (statement.role, statement.effect) {
                (StatementRole::Deciding, Effect::Deny) => HighlightKind::DecidingDeny,
                (StatementRole::Deciding, Effect::Allow) => HighlightKind::DecidingAllow,
                (StatementRole::Overridden, _) => HighlightKind::Overridden,
                (StatementRole::Applies, _) => HighlightKind::Applies,
                (StatementRole::NotApplicable, _) => continue,
            };
            if found.iter().any(|h| h.loc == statement.loc) {
                continue;
            }
            found.push(StatementHighlight {
                loc: statement.loc,
                kind,
                message: statement.role.describe(statement.effect).to_owned(),
            });
        }
    }
    found
}
