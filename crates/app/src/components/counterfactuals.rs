//! Under the decision: "What would change it", the core's counterfactuals
//! of the request as it words them, each with its one click ("Try it",
//! "Show statement", "Add it"); the "Back" from the last try; and the
//! note that says when the baseline decided this request otherwise.

use std::rc::Rc;

use iamplay_core::engine::counterfactual::{MAX_EVALUATIONS, MAX_RESOURCE_TRIES};
use iamplay_core::response::Decision;
use yew::{Html, Properties, function_component, html, use_effect_with};

use super::Dispatch;
use super::confirm_dialog::code_spans;
use crate::state::baseline::Baseline;
use crate::state::counterfactuals::{Back, Offer, WhatWouldChange};
use crate::state::{Action, WhatIfAction};

/// The class and `data-decision` of a decision (as the decision badge
/// spells them).
fn decision_class(decision: Decision) -> &'static str {
    match decision {
        Decision::Allowed => "allowed",
        Decision::ExplicitDeny => "explicit-deny",
        Decision::ImplicitDeny => "implicit-deny",
    }
}

/// The decision as a tag reads it.
fn decision_label(decision: Decision) -> &'static str {
    match decision {
        Decision::Allowed => "Allowed",
        Decision::ExplicitDeny => "Explicit deny",
        Decision::ImplicitDeny => "Implicit deny",
    }
}

/// What a kind of change is about, as the card's heading says it.
fn kind_label(kind: &str) -> &'static str {
    match kind {
        "context" => "the request's context",
        "principal" => "who asks",
        "resource" => "the resource",
        _ => "the policies",
    }
}

/// Properties of [`WhatWouldChangeView`].
#[derive(Properties, PartialEq)]
pub struct WhatWouldChangeProps {
    /// The counterfactuals and the way back.
    pub what: Rc<WhatWouldChange>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// The list of counterfactuals, under the decision.
#[function_component(WhatWouldChangeView)]
pub fn what_would_change(props: &WhatWouldChangeProps) -> Html {
    let what = &props.what;
    {
        // Asked for in a task of its own: the decision paints first.
        let dispatch = props.dispatch.clone();
        use_effect_with(what.pending, move |pending| {
            if *pending {
                gloo::timers::callback::Timeout::new(0, move || {
                    dispatch.dispatch(Action::WhatIf(WhatIfAction::Compute));
                })
                .forget();
            }
        });
    }
    if !what.shown {
        return Html::default();
    }
    html! {
        <section class={yew::classes!("what-would-change", what.pending.then_some("pending"))}
            data-testid="what-would-change" data-pending={what.pending.to_string()}
            aria-labelledby="what-would-change-title" aria-busy={what.pending.to_string()}>
            <h3 class="group-title" id="what-would-change-title">{ "What would change it" }</h3>
            if what.list.is_empty() {
                <p class="empty" data-testid="no-counterfactual">
                    { "No single change of the request's context, of the policies, of who asks or of the resource gives another decision." }
                </p>
            } else {
                <ul class="counterfactuals">
                    { for what.list.iter().enumerate().map(|(i, suggestion)| {
                        let class = decision_class(suggestion.decision);
                        let button = match &suggestion.offer {
                            Offer::Nothing => Html::default(),
                            offer => {
                                let dispatch = props.dispatch.clone();
                                let action = Action::WhatIf(WhatIfAction::Try(offer.clone()));
                                html! {
                                    <button class="button small counterfactual-try" data-testid="counterfactual-try"
                                        onclick={move |_| dispatch.dispatch(action.clone())}>
                                        { offer.label() }
                                    </button>
                                }
                            }
                        };
                        html! {
                            <li class="counterfactual" key={i} data-testid="counterfactual"
                                data-kind={suggestion.kind} data-decision={class}>
                                <span class={yew::classes!("tag", "counterfactual-decision", class)}>
                                    { decision_label(suggestion.decision) }
                                </span>
                                <span class="counterfactual-kind">{ kind_label(suggestion.kind) }</span>
                                <p class="counterfactual-sentence">{ code_spans(&suggestion.sentence) }</p>
                                { button }
                            </li>
                        }
                    }) }
                </ul>
            }
            if what.capped {
                <p class="field-hint" data-testid="counterfactuals-capped">
                    { format!("Some changes were left untried: the search stops after {MAX_EVALUATIONS} evaluations, and after {MAX_RESOURCE_TRIES} other resources.") }
                </p>
            }
        </section>
    }
}

/// Properties of [`BackBar`].
#[derive(Properties, PartialEq)]
pub struct BackBarProps {
    /// The counterfactuals and the way back.
    pub what: Rc<WhatWouldChange>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// "Back", while the last try is on screen.
#[function_component(BackBar)]
pub fn back_bar(props: &BackBarProps) -> Html {
    let Some(back) = &props.what.back else {
        return Html::default();
    };
    let what = match back {
        Back::Request { .. } => "You tried a change of the request.".to_owned(),
        Back::Policy { added, .. } => format!("You added the inline policy `{}`.", added.name()),
        Back::Detach(detached) => {
            // An ARN as its policy's name, as the sentence says it.
            let names: Vec<String> = detached
                .iter()
                .map(|(_, p)| format!("`{}`", p.rsplit('/').next().unwrap_or(p)))
                .collect();
            format!("You detached {}.", names.join(", "))
        }
    };
    let dispatch = props.dispatch.clone();
    html! {
        <p class="what-if-back" data-testid="what-if-back">
            <span>{ code_spans(&what) }</span>
            <button class="button small" data-testid="what-if-back-button"
                onclick={move |_| dispatch.dispatch(Action::WhatIf(WhatIfAction::Back))}>
                { "Back" }
            </button>
        </p>
    }
}

/// Properties of [`SinceBaseline`].
#[derive(Properties, PartialEq)]
pub struct SinceBaselineProps {
    /// The baseline.
    pub baseline: Rc<Baseline>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// "In the baseline, this request was …", when it was decided otherwise.
#[function_component(SinceBaseline)]
pub fn since_baseline(props: &SinceBaselineProps) -> Html {
    let Some(then) = props.baseline.decision_then else {
        return Html::default();
    };
    let which = if props.baseline.marked {
        "the baseline you set"
    } else {
        "the workspace as loaded"
    };
    let dispatch = props.dispatch.clone();
    html! {
        <p class="since-baseline" data-testid="since-baseline" data-decision={decision_class(then)}>
            <span class="tag changed-tag">{ "changed" }</span>
            <span>
                { format!("In {which}, this request was ") }
                <strong>{ decision_label(then).to_lowercase() }</strong>{ "." }
            </span>
            <button class="link-button" title="Count the changes from the workspace as it is now"
                onclick={move |_| dispatch.dispatch(Action::WhatIf(WhatIfAction::SetBaseline))}>
                { "Set as baseline" }
            </button>
        </p>
    }
}
