//! The right column's lower panel: the decision and the statements behind it.

use yew::{Html, function_component, html};

use super::Panel;

/// The decision for the request. A placeholder until the evaluator is wired
/// in.
#[function_component(DecisionPanel)]
pub fn decision_panel() -> Html {
    html! {
        <Panel title="Decision" class="decision-panel">
            <p class="decision-badge pending" role="status">{ "Not evaluated yet" }</p>
            <p class="hint">
                { "The decision (allowed, explicit deny or implicit deny) and the \
                   statements that decided it will appear here. An explicit deny \
                   in any policy overrides every allow." }
            </p>
        </Panel>
    }
}
