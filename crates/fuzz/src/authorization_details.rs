//! Target `authorization-details`: the output of
//! `aws iam get-account-authorization-details`.

use iamplay_core::workspace::{import_authorization_details, load_workspace, write_workspace};

use crate::text;

/// Imports the text; an import that succeeds must write a workspace file
/// that loads without errors (a user would open it next).
pub fn check(data: &[u8]) {
    let text = text(data);
    let Ok(imported) = import_authorization_details(&text) else {
        return;
    };
    let written = write_workspace(&imported.workspace);
    let loaded = load_workspace(&written);
    assert!(
        loaded.workspace.is_some(),
        "the imported workspace does not load: {:?}\n{written}",
        loaded.diagnostics
    );
}
