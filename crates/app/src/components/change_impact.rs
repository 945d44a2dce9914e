//! The access matrix's "Changes since baseline" bar: the switch, the
//! counts of cells that gained and lost access, and "Set as baseline".
//! The cells themselves are coloured by the grid
//! (`access_matrix.rs`).

use std::rc::Rc;

use yew::{Html, Properties, function_component, html};

use super::Dispatch;
use super::confirm_dialog::code_spans;
use crate::state::baseline::Baseline;
use crate::state::{Action, WhatIfAction};

/// Properties of [`ChangesBar`].
#[derive(Properties, PartialEq)]
pub struct ChangesBarProps {
    /// The baseline and the comparison.
    pub baseline: Rc<Baseline>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// The switch, the counts and "Set as baseline".
#[function_component(ChangesBar)]
pub fn changes_bar(props: &ChangesBarProps) -> Html {
    let baseline = &props.baseline;
    let on = baseline.show_changes;
    let toggle = {
        let dispatch = props.dispatch.clone();
        move |_| dispatch.dispatch(Action::WhatIf(WhatIfAction::ShowChanges(!on)))
    };
    let set = {
        let dispatch = props.dispatch.clone();
        move |_| dispatch.dispatch(Action::WhatIf(WhatIfAction::SetBaseline))
    };
    let since = if baseline.marked {
        "since the baseline you set"
    } else {
        "since the workspace was loaded"
    };
    html! {
        <div class={yew::classes!("changes-bar", on.then_some("on"))} data-testid="changes-bar">
            <button class={yew::classes!("switch", "small-switch", on.then_some("on"))} role="switch"
                aria-checked={on.to_string()} onclick={toggle} data-testid="changes-switch"
                title="Colour the cells that gained or lost access since the baseline">
                <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
                <span class="switch-label">{ "Changes since baseline" }</span>
            </button>
            if on {
                if let Some(impact) = &baseline.impact {
                    <p class="changes-summary" data-testid="changes-summary" aria-live="polite"
                        data-gained={impact.gained.to_string()} data-lost={impact.lost.to_string()}>
                        <span class="matrix-count gained">{ format!("{} gained", impact.gained) }</span>{ " · " }
                        <span class="matrix-count lost">{ format!("{} lost", impact.lost) }</span>
                        { format!(" {since}") }
                    </p>
                }
                if let Some(problem) = &baseline.problem {
                    <p class="field-warning">{ code_spans(problem) }</p>
                }
            }
            <button class="button small" data-testid="set-baseline" onclick={set}
                title="Count the changes from the workspace as it is now">
                { "Set as baseline" }
            </button>
        </div>
    }
}
