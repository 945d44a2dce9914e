//! "Export": the workspace as a workspace file (`docs/workspace-format.md`),
//! downloaded. Documents are written exactly as typed, so importing the
//! file gives the same workspace back.

use std::rc::Rc;

use iamplay_core::workspace::{Workspace, write_workspace};
use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};
use yew::{AttrValue, Html, Properties, function_component, html, use_state_eq};

use crate::state::Outline;

/// Properties of [`ExportButton`].
#[derive(Properties, PartialEq)]
pub struct ExportButtonProps {
    /// The workspace.
    pub workspace: Outline,
    /// The file's name without `.json` (the workspace's name).
    #[prop_or_default]
    pub name: AttrValue,
}

/// Downloads the workspace file.
#[function_component(ExportButton)]
pub fn export_button(props: &ExportButtonProps) -> Html {
    let failed = use_state_eq(|| false);
    let onclick = {
        let workspace = Rc::clone(&props.workspace.workspace);
        let name = file_name(&props.name);
        let failed = failed.clone();
        move |_| failed.set(download(&workspace, &name).is_err())
    };
    html! {
        <>
            <button class="button small" {onclick} data-testid="export-workspace"
                title="Download the workspace as a workspace file">
                { "Export" }
            </button>
            if *failed {
                <span class="copy-status" role="status">{ "The download could not start" }</span>
            }
        </>
    }
}

/// The file name for a workspace named `name`: letters, digits, `-` and
/// `_` kept, anything else a `-`, and `.json`.
pub fn file_name(name: &str) -> String {
    let mut stem: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    while stem.contains("--") {
        stem = stem.replace("--", "-");
    }
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        "workspace.json".to_owned()
    } else {
        format!("{stem}.json")
    }
}

/// Starts the download of `workspace` as `name`.
fn download(workspace: &Workspace, name: &str) -> Result<(), JsValue> {
    let text = write_workspace(workspace);
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    let blob =
        Blob::new_with_str_sequence_and_options(&Array::of1(&JsValue::from_str(&text)), &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = gloo::utils::document();
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The download has its own copy once it started.
    gloo::timers::callback::Timeout::new(1_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_from_workspace_names() {
        assert_eq!(file_name("My workspace"), "My-workspace.json");
        assert_eq!(
            file_name("Account 444455556666"),
            "Account-444455556666.json"
        );
        assert_eq!(file_name("../<x>"), "x.json");
        assert_eq!(file_name("  "), "workspace.json");
    }
}
