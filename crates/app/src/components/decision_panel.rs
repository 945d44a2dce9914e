//! The right column's lower panel: the decision in large type, the one
//! sentence that says why, and every policy consulted, in evaluation
//! order, with each statement matched or not and why.

use std::rc::Rc;

use iamplay_core::response::Decision;
use yew::{Html, Properties, function_component, html};

use super::confirm_dialog::code_spans;
use super::counterfactuals::{BackBar, SinceBaseline, WhatWouldChangeView};
use super::evaluation_path::EvaluationPath;
use super::policy_trace::{PolicyTraceView, TraceOf};
use super::predict::PredictBar;
use super::request_findings::RequestFindings;
use super::{Dispatch, Panel};
use crate::state::Evaluation;
use crate::state::Prediction;
use crate::state::baseline::Baseline;
use crate::state::counterfactuals::WhatWouldChange;

/// Properties of [`DecisionPanel`].
#[derive(Properties, PartialEq)]
pub struct DecisionPanelProps {
    /// The latest evaluation.
    pub evaluation: Rc<Evaluation>,
    /// Predict-then-reveal (the decision hidden until the learner
    /// answers) and the request in a line.
    #[prop_or_default]
    pub prediction: Prediction,
    /// Whether the decision (headline, sentence, the request's problems)
    /// is a panel of its own that stays in view as the column scrolls,
    /// with the evaluation path and the policies in a second panel.
    #[prop_or_default]
    pub split: bool,
    /// "What would change it" and the way back from a try; none: not
    /// shown (the embedded playground).
    #[prop_or_default]
    pub what_would_change: Option<Rc<WhatWouldChange>>,
    /// The baseline, to say when it decided the request otherwise.
    #[prop_or_default]
    pub baseline: Option<Rc<Baseline>>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// The decision panel.
#[function_component(DecisionPanel)]
pub fn decision_panel(props: &DecisionPanelProps) -> Html {
    let evaluation = &props.evaluation;
    let Some(response) = evaluation.response.as_ref() else {
        let problem = evaluation
            .problem
            .clone()
            .unwrap_or_else(|| "describe a request to see the decision".to_owned());
        return html! {
            <Panel title="Decision" class={headline_class(props.split)}>
                <div class="decision" aria-live="polite" aria-atomic="true">
                    <p class="decision-badge pending" data-testid="decision" data-decision="none">{ "No decision yet" }</p>
                    <p class="summary" data-testid="summary">{ code_spans(&capitalize(&problem)) }</p>
                </div>
            </Panel>
        };
    };
    let (label, class) = match response.decision {
        Decision::Allowed => ("Allowed", "allowed"),
        Decision::ExplicitDeny => ("Explicit deny", "explicit-deny"),
        Decision::ImplicitDeny => ("Implicit deny", "implicit-deny"),
    };
    let stale = evaluation.stale.is_some();
    let predict = html! {
        <PredictBar prediction={props.prediction.clone()} dispatch={props.dispatch.clone()} />
    };
    let findings = html! {
        <RequestFindings findings={Rc::clone(&evaluation.findings)} dispatch={props.dispatch.clone()} />
    };
    let back = match &props.what_would_change {
        Some(what) => {
            html! { <BackBar what={Rc::clone(what)} dispatch={props.dispatch.clone()} /> }
        }
        None => Html::default(),
    };
    if props.prediction.hidden {
        return html! { <Panel title="Decision" class={headline_class(props.split)}>{ predict }{ back }{ findings }</Panel> };
    }
    let headline = html! {
        <div class={yew::classes!("decision", stale.then_some("stale"))} aria-live="polite" aria-atomic="true">
            <p class={yew::classes!("decision-badge", class)} data-testid="decision" data-decision={class}
                data-stale={stale.to_string()}>
                { label }
            </p>
            { findings }
            if let Some(why) = &evaluation.stale {
                <p class="stale-note" data-testid="stale">
                    <span class="tag stale-tag">{ "stale" }</span>
                    { code_spans(&capitalize(why)) }
                </p>
            }
            <p class="summary" data-testid="summary">{ code_spans(&response.summary) }</p>
            if let Some(baseline) = &props.baseline {
                <SinceBaseline baseline={Rc::clone(baseline)} dispatch={props.dispatch.clone()} />
            }
        </div>
    };
    let details = html! {
        <>
            { back }
            if let Some(what) = &props.what_would_change {
                <WhatWouldChangeView what={Rc::clone(what)} dispatch={props.dispatch.clone()} />
            }
            <EvaluationPath response={Rc::clone(response)} caption={props.prediction.request.clone()} />
            <h3 class="group-title">{ "Policies, in evaluation order" }</h3>
            if response.policies.is_empty() {
                <p class="empty">{ "No policy applies to this principal." }</p>
            } else {
                <ol class="policy-traces" data-testid="policy-traces">
                    { for (0..response.policies.len()).map(|index| html! {
                        <PolicyTraceView key={index} trace={TraceOf { response: Rc::clone(response), index }}
                            policies={response.policies.len()}
                            openable={evaluation.documents.get(index).is_some_and(Option::is_some)}
                            explained={Rc::clone(&evaluation.explained)}
                            dispatch={props.dispatch.clone()} />
                    }) }
                </ol>
            }
        </>
    };
    if props.split {
        return html! {
            <>
                <Panel title="Decision" class={headline_class(true)}>{ predict }{ headline }</Panel>
                <Panel title="Why: the evaluation" class="decision-details">{ details }</Panel>
            </>
        };
    }
    html! {
        <Panel title="Decision" class="decision-panel">
            { predict }
            { headline }
            { details }
        </Panel>
    }
}

/// The class of the panel that holds the decision: the whole decision
/// panel, or in the split layout the headline that stays in view.
fn headline_class(split: bool) -> &'static str {
    if split {
        "decision-panel decision-headline"
    } else {
        "decision-panel"
    }
}

/// `text` with its first letter in upper case (messages are written in
/// lower case).
fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
