//! A problem of a workspace, placed: which document it is in, where in
//! that document's text, and where in the text the document was written
//! in (the workspace file, or a request given on its own) when it was
//! written there as a JSON object.

use serde::{Deserialize, Serialize};

use crate::code::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Loc;

use super::document_id::DocumentId;

/// The text a problem's `file` location counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceText {
    /// The workspace file the engine was loaded from.
    Workspace,
    /// The text of a request added with
    /// [`Engine::add_request_text`](super::Engine::add_request_text),
    /// as saved request `0` counts them.
    Request(usize),
}

/// Where a problem is in the text a document was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FilePlace {
    /// Which text.
    pub text: SourceText,
    /// Where in it.
    pub loc: Loc,
}

/// One problem of a workspace: a diagnostic of one of its documents, a
/// problem of the workspace file itself, or a reference between entities
/// that does not resolve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// How serious it is.
    pub severity: Severity,
    /// Its stable identifier.
    pub code: Code,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is a hint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The document it is in; `None` for problems of the workspace file
    /// or of references between entities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentId>,
    /// The name of the policy it is in, as people see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// Where it is in the document's own text (for a problem of the
    /// workspace file: in that file; for a reference, at 1:1).
    pub loc: Loc,
    /// Where it is in the file the document was written in as a JSON
    /// object, when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FilePlace>,
}

impl Problem {
    /// A diagnostic of the workspace file (or of a request's text) itself.
    pub fn of_file(d: &Diagnostic, text: SourceText) -> Problem {
        Problem {
            severity: d.severity,
            code: d.code,
            message: d.message.clone(),
            help: d.help.clone(),
            document: None,
            policy: None,
            loc: d.loc,
            file: Some(FilePlace { text, loc: d.loc }),
        }
    }

    /// A diagnostic of a document, with where the document was written.
    pub fn in_document(
        d: &Diagnostic,
        document: &DocumentId,
        policy: &str,
        file: Option<FilePlace>,
    ) -> Problem {
        Problem {
            severity: d.severity,
            code: d.code,
            message: d.message.clone(),
            help: d.help.clone(),
            document: Some(document.clone()),
            policy: Some(policy.to_owned()),
            loc: d.loc,
            file,
        }
    }

    /// A diagnostic of a policy given on its own (its location is in
    /// that policy's text).
    pub fn of_policy(d: &Diagnostic) -> Problem {
        Problem {
            severity: d.severity,
            code: d.code,
            message: d.message.clone(),
            help: d.help.clone(),
            document: None,
            policy: None,
            loc: d.loc,
            file: None,
        }
    }

    /// A problem without a place in any text.
    pub fn general(severity: Severity, code: Code, message: impl Into<String>) -> Problem {
        Problem {
            severity,
            code,
            message: message.into(),
            help: None,
            document: None,
            policy: None,
            loc: Loc::default(),
            file: None,
        }
    }

    /// Adds a hint.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }

    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The problem as a diagnostic located in its document's text.
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic {
            severity: self.severity,
            code: self.code,
            message: self.message.clone(),
            loc: self.loc,
            help: self.help.clone(),
        }
    }
}
