//! The bar across the top of the page: the playground's name, and the
//! workspace as a whole (the seed scenario, an empty workspace, a file to
//! import: a workspace file, authorization details, a CloudFormation
//! template or a Terraform plan or state).

use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::{Event, Html, Properties, TargetCast, function_component, html};

use super::teaching_nav::TeachingNav;
use super::{Dispatch, WorkspaceOpener};
use crate::state::Action;
use crate::state::View;

/// Properties of [`TopBar`].
#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    /// Sends actions.
    pub dispatch: Dispatch,
    /// Opens the seed scenario, an empty workspace or an imported file
    /// without losing the user's own work.
    pub opener: WorkspaceOpener,
    /// The view on screen (the view switcher shows it pressed).
    #[prop_or_default]
    pub view: View,
    /// More workspace controls (saved workspaces, export, share).
    #[prop_or_default]
    pub children: Html,
}

/// The page header.
#[function_component(TopBar)]
pub fn top_bar(props: &TopBarProps) -> Html {
    let seed = {
        let opener = props.opener.clone();
        move |_| opener.open("Seed scenario", Action::LoadSeed)
    };
    let empty = {
        let opener = props.opener.clone();
        move |_| opener.open("Empty workspace", Action::NewWorkspace)
    };
    let import = {
        let opener = props.opener.clone();
        move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // Choosing the same file again must fire `change` again.
            input.set_value("");
            let opener = opener.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let text = JsFuture::from(file.text()).await.ok();
                let text = text.and_then(|t| t.as_string()).unwrap_or_default();
                opener.import(&file.name(), text);
            });
        }
    };
    html! {
        <header class="top-bar">
            <div class="brand">
                <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
                    <rect width="32" height="32" rx="7" fill="#2f6feb" />
                    <path d="M16 5.5 25 9v6.2c0 5.6-3.8 9.9-9 11.3-5.2-1.4-9-5.7-9-11.3V9z" fill="#fff" />
                    <path d="m11.8 16.2 3 3 5.6-6" fill="none" stroke="#2f6feb" stroke-width="2.4"
                        stroke-linecap="round" stroke-linejoin="round" />
                </svg>
                <h1 class="brand-name">{ "IAM Policy Playground" }</h1>
            </div>
            <p class="tagline">
                { "AWS IAM policies evaluated as AWS documents them, in your browser" }
            </p>
            <TeachingNav view={props.view} dispatch={props.dispatch.clone()} />
            <nav class="workspace-actions" aria-label="Workspace">
                <button class="button small" onclick={seed}
                    title="The Force_MFA walkthrough with its groups, users and requests">
                    { "Seed scenario" }
                </button>
                <button class="button small" onclick={empty} data-testid="new-workspace">
                    { "Empty workspace" }
                </button>
                <label class="button small file-button"
                    title="A workspace file, a CloudFormation template (JSON or YAML), a Terraform plan or state (terraform show -json), or the output of aws iam get-account-authorization-details">
                    { "Import…" }
                    <input type="file" accept=".json,.yaml,.yml,.template,application/json" class="visually-hidden"
                        aria-label="Import a workspace file, CloudFormation template or Terraform plan"
                        data-testid="import-workspace" onchange={import} />
                </label>
                { props.children.clone() }
            </nav>
        </header>
    }
}
