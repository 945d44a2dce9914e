//! The left column: the policies and principals of the workspace.

use yew::{Html, function_component, html};

use super::Panel;
use crate::seed::SEED_POLICY_NAME;

/// The workspace: what the request is evaluated against.
#[function_component(WorkspacePanel)]
pub fn workspace_panel() -> Html {
    html! {
        <Panel title="Workspace" class="workspace-panel">
            <h3 class="group-title">{ "Policies" }</h3>
            <ul class="entity-list">
                <li class="entity selected">
                    <span class="entity-name">{ SEED_POLICY_NAME }</span>
                    <span class="entity-kind">{ "customer managed" }</span>
                </li>
                <li class="entity">
                    <span class="entity-name">{ "AmazonEC2FullAccess" }</span>
                    <span class="entity-kind">{ "AWS managed" }</span>
                </li>
            </ul>
            <h3 class="group-title">{ "Groups" }</h3>
            <ul class="entity-list">
                <li class="entity">
                    <span class="entity-name">{ "Force_MFA" }</span>
                    <span class="entity-kind">{ "1 policy" }</span>
                </li>
                <li class="entity">
                    <span class="entity-name">{ "EC2_Full_Access" }</span>
                    <span class="entity-kind">{ "1 policy" }</span>
                </li>
            </ul>
            <h3 class="group-title">{ "Users" }</h3>
            <ul class="entity-list">
                <li class="entity">
                    <span class="entity-name">{ "mfa-user-1" }</span>
                    <span class="entity-kind">{ "2 groups" }</span>
                </li>
                <li class="entity">
                    <span class="entity-name">{ "mfa-user-2" }</span>
                    <span class="entity-kind">{ "2 groups" }</span>
                </li>
            </ul>
        </Panel>
    }
}
