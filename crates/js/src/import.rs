//! `importFile`: a CloudFormation template (JSON or YAML), a Terraform
//! plan or state (`terraform show -json`), the output of `aws iam
//! get-account-authorization-details`, or a workspace file, read into a
//! workspace, as `iamplay import` and the playground's Import do. In the
//! build with the catalog only: the importer (YAML included) would push
//! the small evaluator build past its size budget.

use iamplay_core::Code;
#[cfg(feature = "catalog")]
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::output::failure;
use crate::problem::Problem;

/// Reads `text` (the file's content) into a workspace. `options` may give
/// `fileName` (tells YAML from JSON and names the stack), `account` and
/// `region`. Never throws: `{ ok: true, format, workspace, skipped,
/// placeholders, problems }` or `{ ok: false, problems }` with each
/// problem's line and column in the file.
#[wasm_bindgen(js_name = importFile, unchecked_return_type = "ImportResult")]
pub fn import_file(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ImportOptions | undefined")] options: JsValue,
) -> JsValue {
    let Some(text) = text.as_string() else {
        return failure(vec![Problem::argument(
            Code::InvalidArgument,
            "the file's content must be a string".to_owned(),
        )]);
    };
    run(&text, &options)
}

/// Something the import left out or could not resolve, and where.
#[cfg(feature = "catalog")]
#[derive(Serialize)]
struct NoteOut {
    message: String,
    /// Line and column in the file (1-based, UTF-16), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u32>,
}

/// What `importFile` returns when the file could be read.
#[cfg(feature = "catalog")]
#[derive(Serialize)]
struct ImportedOut {
    ok: bool,
    /// What the file was read as, e.g. "a CloudFormation template (YAML)".
    format: &'static str,
    /// The workspace file's text, for `Workspace.load`.
    workspace: String,
    skipped: Vec<NoteOut>,
    placeholders: Vec<NoteOut>,
    problems: Vec<Problem>,
}

#[cfg(feature = "catalog")]
fn run(text: &str, options: &JsValue) -> JsValue {
    use crate::output::to_js;
    use crate::problem::Source;
    use iamplay_core::workspace::write_workspace;
    use iamplay_import::{ImportOptions, Note, import};

    let field = |name: &str| {
        js_sys::Reflect::get(options, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    };
    let options = if options.is_object() {
        ImportOptions {
            file_name: field("fileName"),
            account: field("account"),
            region: field("region"),
            ..ImportOptions::default()
        }
    } else {
        ImportOptions::default()
    };
    let notes = |notes: Vec<Note>| -> Vec<NoteOut> {
        notes
            .into_iter()
            .map(|n| NoteOut {
                line: n.loc.map(|l| l.start.line),
                column: n.loc.map(|l| l.start.column),
                message: n.message,
            })
            .collect()
    };
    match import(text, &options) {
        Ok(imported) => to_js(&ImportedOut {
            ok: true,
            format: imported.format.describe(),
            workspace: write_workspace(&imported.workspace),
            skipped: notes(imported.skipped),
            placeholders: notes(imported.placeholders),
            problems: Vec::new(),
        }),
        Err(diagnostics) => failure(
            diagnostics
                .iter()
                .map(|d| Problem::at(d, Source::File))
                .collect(),
        ),
    }
}

#[cfg(not(feature = "catalog"))]
fn run(_text: &str, _options: &JsValue) -> JsValue {
    failure(vec![
        Problem::argument(
            Code::NoCatalog,
            "this build has no importer: it is in the build with the catalog".to_owned(),
        )
        .with_help("use the build with the catalog (`cargo xtask js --catalog`)".to_owned()),
    ])
}
