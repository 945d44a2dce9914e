//! The right column's upper panel: the request to evaluate.

use yew::{Html, function_component, html};

use super::Panel;

/// The request: principal, action, resource and context keys. Read-only
/// until the evaluator is wired in.
#[function_component(RequestPanel)]
pub fn request_panel() -> Html {
    html! {
        <Panel title="Request" class="request-panel">
            <dl class="fields">
                <dt>{ "Principal" }</dt>
                <dd><code>{ "arn:aws:iam::111122223333:user/mfa-user-1" }</code></dd>
                <dt>{ "Action" }</dt>
                <dd><code>{ "ec2:DescribeInstances" }</code></dd>
                <dt>{ "Resource" }</dt>
                <dd><code>{ "*" }</code></dd>
                <dt>{ "Context" }</dt>
                <dd class="context-key">
                    <code>{ "aws:MultiFactorAuthPresent" }</code>
                    <code class="context-value">{ "false" }</code>
                </dd>
            </dl>
        </Panel>
    }
}
