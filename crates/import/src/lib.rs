//! Brings infrastructure code into the playground: CloudFormation
//! templates (JSON or YAML), the JSON of `terraform show -json` (a plan or
//! a state), the output of `aws iam get-account-authorization-details`, and
//! workspace files all come through [`import`] as one [`Workspace`], with
//! what was left out ([`Imported::skipped`]) and what could not be known
//! from the file alone ([`Imported::placeholders`]), each at its line and
//! column in the source.
//!
//! No I/O: text in, result out, so it builds for `wasm32` too. The rules
//! it follows are in `docs/workspace-format.md` ("Importing infrastructure
//! code") and the choices in `docs/semantics.md`.

mod cloudformation;
mod detect;
mod document;
mod entities;
mod placeholder;
mod position;
mod queue;
mod requests;
mod terraform;
mod tree;
mod yaml;

use iamplay_core::workspace::{Workspace, import_authorization_details, load_workspace};
use iamplay_core::{Diagnostic, Loc, Severity};
use serde::Serialize;

pub use detect::{Format, detect};
pub use placeholder::{PLACEHOLDER_END, PLACEHOLDER_START, is_placeholder_text, placeholder};
pub use requests::with_requests;

/// The region assumed when the options name none.
pub const DEFAULT_REGION: &str = "us-east-1";

/// What the import needs to know that the file may not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The file's name, which helps tell formats apart (`.yaml`, `.json`)
    /// and names the stack (`AWS::StackName`) when `stack_name` is absent.
    pub file_name: Option<String>,
    /// The account of the imported entities (`AWS::AccountId`); else the
    /// one the file shows (Terraform ARNs), else `111122223333`.
    pub account: Option<String>,
    /// The region (`AWS::Region`); else the one the file shows, else
    /// [`DEFAULT_REGION`].
    pub region: Option<String>,
    /// The stack's name (`AWS::StackName`); else the file name without its
    /// extension, else `stack`.
    pub stack_name: Option<String>,
    /// Values of CloudFormation parameters, by name; they take the place of
    /// the parameters' defaults.
    pub parameters: Vec<(String, String)>,
}

/// Something the import left out or could not resolve, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// A plain sentence: lowercase, no final period, names in backticks.
    pub message: String,
    /// Where in the source file; `None` for notes of the
    /// authorization-details import, which does not keep locations.
    pub loc: Option<Loc>,
}

impl Note {
    /// A note at `loc`.
    pub fn at(message: impl Into<String>, loc: Loc) -> Self {
        Self {
            message: message.into(),
            loc: Some(loc),
        }
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.loc {
            Some(loc) => write!(f, "{loc}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A workspace imported from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The workspace.
    pub workspace: Workspace,
    /// The format the file was read as.
    pub format: Format,
    /// What was left out: resources of types the import does not carry,
    /// instance profiles, resources whose condition is false...
    pub skipped: Vec<Note>,
    /// Values that could not be resolved from the file and stand in the
    /// workspace as placeholders (see [`placeholder`]), and resources kept
    /// although their condition could not be decided.
    pub placeholders: Vec<Note>,
}

/// Reads `text` in whichever format [`detect`] finds and returns the
/// workspace. Errors carry their line and column in `text`; the import
/// never panics and takes time linear in the size of `text`.
pub fn import(text: &str, options: &ImportOptions) -> Result<Imported, Vec<Diagnostic>> {
    let format = detect(text, options.file_name.as_deref());
    match format {
        Format::Workspace => {
            let loaded = load_workspace(text);
            match loaded.workspace {
                Some(workspace) => Ok(Imported {
                    workspace,
                    format,
                    skipped: Vec::new(),
                    placeholders: Vec::new(),
                }),
                None => Err(errors_first(loaded.diagnostics)),
            }
        }
        Format::AuthorizationDetails => {
            let imported = import_authorization_details(text)?;
            Ok(Imported {
                workspace: imported.workspace,
                format,
                skipped: imported
                    .skipped
                    .into_iter()
                    .map(|message| Note { message, loc: None })
                    .collect(),
                placeholders: Vec::new(),
            })
        }
        Format::CloudFormationJson | Format::CloudFormationYaml => {
            cloudformation::import(text, format, options)
        }
        Format::TerraformPlan | Format::TerraformState => terraform::import(text, format, options),
        Format::Unknown => Err(vec![detect::unknown_format(text)]),
    }
}

fn errors_first(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by_key(|d| d.severity != Severity::Error);
    diagnostics
}
