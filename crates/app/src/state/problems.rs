//! The Problems list: every finding of the workspace (parse errors, lint
//! findings, references that do not resolve, quotas) and of the request,
//! each with its place, so that one panel lists them all and a click
//! reveals one in the editor; and which finding explains why a statement
//! of an implicit deny does not apply (the seed's row 8: "no Resource
//! entry matches `*`" is the `resource-never-matches` finding of that
//! statement).

use std::rc::Rc;

use iamplay_core::response::StatementTrace;
use iamplay_core::{Code, Diagnostic, Loc, Problem, Severity};

use super::entities::DocumentRef;
use super::findings::RequestFinding;

/// Where a listed problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemPlace {
    /// In a document's text. `document` is `None` for a document the
    /// editor does not open (a trust policy, an SCP, a resource's policy).
    Document {
        /// The document, to open it.
        document: Option<DocumentRef>,
        /// Its name as people see it.
        name: String,
        /// Where in its text.
        loc: Loc,
    },
    /// The workspace as a whole (a reference that does not resolve).
    Workspace,
    /// The request being built.
    Request,
}

/// One problem in the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedProblem {
    /// How serious it is.
    pub severity: Severity,
    /// Its stable identifier.
    pub code: Code,
    /// What is wrong (lowercase, names in backticks).
    pub message: String,
    /// How to fix it, when there is a hint.
    pub help: Option<String>,
    /// Where it is.
    pub place: ProblemPlace,
}

impl ListedProblem {
    /// The document it is in, for the list's "document" column:
    /// the policy's name, "workspace" or "request".
    pub fn source(&self) -> &str {
        match &self.place {
            ProblemPlace::Document { name, .. } => name,
            ProblemPlace::Workspace => "workspace",
            ProblemPlace::Request => "request",
        }
    }

    /// `line:column` in its document, when it is in one.
    pub fn position(&self) -> Option<String> {
        match &self.place {
            ProblemPlace::Document { loc, .. } => {
                Some(format!("{}:{}", loc.start.line, loc.start.column))
            }
            ProblemPlace::Workspace | ProblemPlace::Request => None,
        }
    }
}

/// The list: the workspace's problems in the engine's order (each
/// document's by where they start), then the request's.
pub fn list_problems(workspace: &[Problem], request: &[RequestFinding]) -> Vec<ListedProblem> {
    let documents = workspace.iter().map(|problem| {
        let place = match &problem.document {
            Some(id) => ProblemPlace::Document {
                document: DocumentRef::of(id),
                name: problem.policy.clone().unwrap_or_else(|| id.to_string()),
                loc: problem.loc,
            },
            None => ProblemPlace::Workspace,
        };
        ListedProblem {
            severity: problem.severity,
            code: problem.code,
            message: problem.message.clone(),
            help: problem.help.clone(),
            place,
        }
    });
    let request = request.iter().map(|finding| ListedProblem {
        severity: finding.severity,
        code: finding.code,
        message: finding.message.clone(),
        help: finding.help.clone(),
        place: ProblemPlace::Request,
    });
    documents.chain(request).collect()
}

/// The Problems panel, while it is open: the list, and the problem last
/// revealed from it (or linked to from the decision).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProblemsPanel {
    /// Every problem, as [`list_problems`] orders them.
    pub list: Rc<Vec<ListedProblem>>,
    /// The problem last revealed, by its place in `list`.
    pub current: Option<usize>,
}

/// How many problems the workspace has: errors, and every other finding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProblemCounts {
    /// Errors.
    pub errors: usize,
    /// Warnings and suggestions.
    pub findings: usize,
}

impl ProblemCounts {
    /// The counts of the core's `counts` (by severity, errors first).
    pub fn of(by_severity: [usize; 4]) -> ProblemCounts {
        let [errors, others @ ..] = by_severity;
        ProblemCounts {
            errors,
            findings: others.iter().sum(),
        }
    }

    /// Every problem.
    pub fn total(self) -> usize {
        self.errors + self.findings
    }
}

/// A finding that says why a statement does not apply, shown with the
/// statement's reason in the decision panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The policy's place in the response.
    pub policy: usize,
    /// The statement's place in that policy's trace.
    pub statement: usize,
    /// The finding.
    pub finding: Diagnostic,
    /// The document it is in.
    pub document: DocumentRef,
}

/// The finding of `diagnostics` (the statement's document's) that explains
/// why `statement` does not apply: a warning or suggestion inside the
/// statement about the element that did not match (an action that does
/// not exist or a pattern that matches nothing; a resource none of its
/// actions is ever asked for; a condition key nothing sets or an operator
/// that cannot hold). `None` for a statement that applies.
pub fn explaining_finding<'d>(
    statement: &StatementTrace,
    diagnostics: &'d [Diagnostic],
) -> Option<&'d Diagnostic> {
    if statement.applies {
        return None;
    }
    let codes: &[Code] = if !statement.action.satisfied {
        &[
            Code::UnknownAction,
            Code::UnknownService,
            Code::PatternMatchesNothing,
        ]
    } else if statement.resource.as_ref().is_some_and(|r| !r.satisfied) {
        &[Code::ResourceNeverMatches]
    } else if statement.conditions.iter().any(|c| !c.holds) {
        &[
            Code::UnsupportedConditionKey,
            Code::UnknownConditionKey,
            Code::OperatorTypeMismatch,
            Code::SetOperatorOnSingleValue,
            Code::NullValue,
        ]
    } else {
        return None;
    };
    let within = |loc: &Loc| {
        loc.span.start >= statement.loc.span.start && loc.span.end <= statement.loc.span.end
    };
    diagnostics
        .iter()
        .find(|d| d.severity != Severity::Error && codes.contains(&d.code) && within(&d.loc))
}
