//! `expandAction`: the actions an `Action` entry matches.

use iamplay_core::Code;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::output::{failure, to_js};
use crate::problem::Problem;

/// What `expandAction` returns.
#[derive(Serialize)]
struct Expanded {
    ok: bool,
    actions: Vec<String>,
    problems: Vec<Problem>,
}

/// The actions an `Action` entry such as `iam:Get*`, `*:Describe*` or
/// `s3:getobject` matches, as AWS matches them (`*` any run of characters,
/// `?` one character, ignoring case), from the catalog's service data;
/// sorted by service, then action, spelled as AWS spells them.
///
/// Never throws: `{ ok: true, actions, problems }` (a warning when nothing
/// matches), or `{ ok: false, problems }` when `pattern` is not a string
/// or this build has no catalog.
#[wasm_bindgen(js_name = expandAction, unchecked_return_type = "ExpandActionResult")]
pub fn expand_action(#[wasm_bindgen(unchecked_param_type = "string")] pattern: JsValue) -> JsValue {
    let Some(pattern) = pattern.as_string() else {
        return failure(vec![Problem::argument(
            Code::InvalidArgument,
            "the action pattern must be a string".to_owned(),
        )]);
    };
    match expand(&pattern) {
        Ok(actions) => {
            let mut problems = Vec::new();
            if actions.is_empty() {
                problems.push(Problem::general(
                    iamplay_core::Severity::Warning,
                    Code::NoMatchingAction,
                    format!("`{pattern}` matches no action in the catalog"),
                    crate::problem::Source::Arguments,
                ));
            }
            to_js(&Expanded {
                ok: true,
                actions,
                problems,
            })
        }
        Err(problem) => failure(vec![problem]),
    }
}

/// The catalog's actions that `pattern` matches.
#[cfg(feature = "catalog")]
fn expand(pattern: &str) -> Result<Vec<String>, Problem> {
    if let Some(error) = iamplay_catalog::catalog_error() {
        return Err(Problem::argument(
            Code::CatalogUnreadable,
            format!("the catalog could not be read: {error}"),
        ));
    }
    Ok(iamplay_catalog::catalog()
        .expand_action_pattern(pattern)
        .iter()
        .map(ToString::to_string)
        .collect())
}

/// Without the catalog there is nothing to expand against.
#[cfg(not(feature = "catalog"))]
fn expand(pattern: &str) -> Result<Vec<String>, Problem> {
    Err(Problem::argument(
        Code::NoCatalog,
        format!("cannot expand `{pattern}`: this build has no AWS catalog"),
    )
    .with_help("use the build with the catalog (`cargo xtask js --catalog`)".to_owned()))
}
