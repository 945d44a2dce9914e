//! Problems as the JavaScript API reports them: a problem of the engine
//! flattened to a message with a line and column, plus which text those
//! count in.

use iamplay_core::engine::{DocumentId, SourceText};
use iamplay_core::workspace::Document;
use iamplay_core::workspace::managed::relocate;
use iamplay_core::{Code, Diagnostic, LineIndex, Loc, Severity};
use serde::Serialize;

/// The text a problem's line and column count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The policy given to `validate`.
    Policy,
    /// The workspace given to `evaluate`, `explain` or `Workspace.load`.
    Workspace,
    /// The request given to `evaluate` or `explain`.
    Request,
    /// The text of the document named by [`Problem::document`]: a
    /// document written as a string, set with `setDocument`, or an AWS
    /// managed policy from the catalog.
    Document,
    /// The file given to `importFile`.
    #[cfg_attr(
        not(feature = "catalog"),
        expect(
            dead_code,
            reason = "importFile reads files only in the build with the catalog"
        )
    )]
    File,
    /// None: the problem is with an argument as a whole (its type, a
    /// request index out of range); the position is 1:1.
    Arguments,
}

/// One problem: a parse error, a lint finding, or a problem with the
/// arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// How serious it is; `error` makes the result's `ok` false.
    pub severity: Severity,
    /// A stable kebab-case identifier, e.g. `unknown-element`.
    pub code: Code,
    /// What is wrong: lowercase, no final period.
    pub message: String,
    /// The line of the first character, from 1.
    pub line: u32,
    /// The column of the first character, from 1, in UTF-16 code units.
    pub column: u32,
    /// The line just past the last character.
    pub end_line: u32,
    /// The column just past the last character.
    pub end_column: u32,
    /// How to fix it, when there is a hint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The text `line` and `column` count in.
    pub source: Source,
    /// The name of the policy the problem is in, inside a workspace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The id of the document the problem is in (its text form, as
    /// `setDocument` takes it), inside a workspace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
}

impl Problem {
    /// A diagnostic located in `source`.
    pub fn at(d: &Diagnostic, source: Source) -> Problem {
        Problem {
            severity: d.severity,
            code: d.code,
            message: d.message.clone(),
            line: d.loc.start.line,
            column: d.loc.start.column,
            end_line: d.loc.end.line,
            end_column: d.loc.end.column,
            help: d.help.clone(),
            source,
            policy: None,
            document: None,
        }
    }

    /// A problem of the engine at `loc` of `source`.
    fn of_engine(p: &iamplay_core::Problem, loc: Loc, source: Source) -> Problem {
        Problem {
            severity: p.severity,
            code: p.code,
            message: p.message.clone(),
            line: loc.start.line,
            column: loc.start.column,
            end_line: loc.end.line,
            end_column: loc.end.column,
            help: p.help.clone(),
            source,
            policy: p.policy.clone(),
            document: p.document.as_ref().map(DocumentId::to_string),
        }
        .with_catalog_hint()
    }

    /// A problem of a workspace where the engine placed it: in the text
    /// its document was written in (the workspace, or a request's text)
    /// when it has a place there, else in its document's own text; a
    /// problem of no document (a reference that does not resolve) at 1:1
    /// of the workspace.
    pub fn placed(p: &iamplay_core::Problem) -> Problem {
        let (loc, source) = match (&p.file, &p.document) {
            (Some(place), _) => (
                place.loc,
                match place.text {
                    SourceText::Workspace => Source::Workspace,
                    SourceText::Request(_) => Source::Request,
                },
            ),
            (None, Some(_)) => (p.loc, Source::Document),
            (None, None) => (p.loc, Source::Workspace),
        };
        Problem::of_engine(p, loc, source)
    }

    /// A problem of a document given with a request (`document`, found
    /// by the problem's id): moved into the request's text when the
    /// document was written there as an object, else in its own text.
    pub fn in_request(
        p: &iamplay_core::Problem,
        document: Option<&Document>,
        request: &LineIndex<'_>,
    ) -> Problem {
        match document {
            Some(doc) if doc.file_offset.is_some() => {
                Problem::of_engine(p, relocate(p.loc, doc, request), Source::Request)
            }
            _ => Problem::of_engine(p, p.loc, Source::Document),
        }
    }

    /// A problem of a policy given to `validate`.
    pub fn in_policy(p: &iamplay_core::Problem) -> Problem {
        Problem::of_engine(p, p.loc, Source::Policy)
    }

    /// A problem not tied to a place in a text: at 1:1 of `source`.
    pub fn general(severity: Severity, code: Code, message: String, source: Source) -> Problem {
        let at = Loc::default();
        Problem {
            severity,
            code,
            message,
            line: at.start.line,
            column: at.start.column,
            end_line: at.end.line,
            end_column: at.end.column,
            help: None,
            source,
            policy: None,
            document: None,
        }
    }

    /// An error with the arguments themselves.
    pub fn argument(code: Code, message: String) -> Problem {
        Problem::general(Severity::Error, code, message, Source::Arguments)
    }

    /// Adds a hint.
    #[must_use]
    pub fn with_help(mut self, help: String) -> Problem {
        self.help = Some(help);
        self
    }

    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Without the catalog, an AWS managed policy is not there unless the
    /// workspace carries it: a reference to a missing managed policy says
    /// so.
    fn with_catalog_hint(self) -> Problem {
        if cfg!(feature = "catalog")
            || self.code != Code::UnresolvedReference
            || !self.message.starts_with("managed policy ")
        {
            return self;
        }
        self.with_help(
            "this build has no AWS catalog: carry AWS managed policies in `awsManagedPolicies`, \
             or use the build with the catalog"
                .to_owned(),
        )
    }
}

/// The problems with errors before the rest, each group in its order.
pub fn errors_first(problems: Vec<Problem>) -> Vec<Problem> {
    let (mut errors, rest): (Vec<Problem>, Vec<Problem>) =
        problems.into_iter().partition(Problem::is_error);
    errors.extend(rest);
    errors
}
