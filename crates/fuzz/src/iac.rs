//! Target `iac`: a file given to `iamplay import` (CloudFormation JSON or
//! YAML, a Terraform plan, or either format the playground reads).

use iamplay_core::workspace::{load_workspace, write_workspace};
use iamplay_import::{ImportOptions, import};

use crate::text;

/// Imports the text, read as YAML and as JSON by the file name it is
/// given; errors and notes must be located inside the text, and a
/// workspace that comes out must write a file that loads without errors.
pub fn check(data: &[u8]) {
    let text = text(data);
    for file_name in ["template.yaml", "plan.json"] {
        let options = ImportOptions {
            file_name: Some(file_name.to_owned()),
            ..ImportOptions::default()
        };
        match import(&text, &options) {
            Err(diagnostics) => {
                assert!(
                    !diagnostics.is_empty(),
                    "an import failed without saying why"
                );
                for d in diagnostics {
                    assert!(
                        d.loc.span.end as usize <= text.len(),
                        "error outside the file: {d:?}"
                    );
                }
            }
            Ok(imported) => {
                for note in imported.skipped.iter().chain(&imported.placeholders) {
                    if let Some(loc) = note.loc {
                        assert!(
                            loc.span.end as usize <= text.len(),
                            "note outside the file: {note:?}"
                        );
                    }
                }
                let written = write_workspace(&imported.workspace);
                let loaded = load_workspace(&written);
                assert!(
                    loaded.workspace.is_some(),
                    "the imported workspace does not load: {:?}\n{written}",
                    loaded.diagnostics
                );
            }
        }
    }
}
