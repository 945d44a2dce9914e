//! Predict, then reveal: a switch at the top of the decision panel; while
//! it is on, the decision, the path and the trace of a request stay
//! hidden until the learner picks Allowed, Explicit deny or Implicit
//! deny; then the answer appears with the running score of the lesson.

use iamplay_core::response::Decision;
use yew::{Html, Properties, function_component, html};

use super::Dispatch;
use crate::state::{Action, Prediction, TeachAction};

/// The three answers, with their labels and classes.
const ANSWERS: [(Decision, &str, &str); 3] = [
    (Decision::Allowed, "Allowed", "allowed"),
    (Decision::ExplicitDeny, "Explicit deny", "explicit-deny"),
    (Decision::ImplicitDeny, "Implicit deny", "implicit-deny"),
];

/// The label of a decision.
fn label(decision: Decision) -> &'static str {
    ANSWERS
        .iter()
        .find(|(d, _, _)| *d == decision)
        .map_or("", |(_, label, _)| label)
}

/// Properties of [`PredictBar`].
#[derive(Properties, PartialEq)]
pub struct PredictBarProps {
    /// The mode's state.
    pub prediction: Prediction,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// The switch and score; while hidden, the question and its three
/// answers; once answered, whether the guess was right.
#[function_component(PredictBar)]
pub fn predict_bar(props: &PredictBarProps) -> Html {
    let prediction = &props.prediction;
    let toggle = {
        let dispatch = props.dispatch.clone();
        let on = prediction.on;
        move |_| dispatch.dispatch(Action::Teach(TeachAction::SetPredict(!on)))
    };
    let (right, total) = prediction.score;
    html! {
        <div class={yew::classes!("predict", prediction.on.then_some("on"))} data-testid="predict">
            <div class="predict-bar">
                <button class={yew::classes!("switch", "small-switch", prediction.on.then_some("on"))}
                    role="switch" aria-checked={prediction.on.to_string()} onclick={toggle}
                    data-testid="predict-switch">
                    <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
                    <span class="switch-label">{ "Predict first" }</span>
                </button>
                if prediction.on {
                    <span class="predict-score" data-testid="predict-score"
                        data-right={right.to_string()} data-total={total.to_string()}
                        aria-live="polite">
                        { format!("Score {right} / {total}") }
                    </span>
                }
            </div>
            if prediction.hidden {
                <div class="predict-question" role="group" aria-labelledby="predict-question">
                    <p id="predict-question" class="predict-prompt">
                        { "What will AWS decide? The decision, the path and the trace appear once you answer." }
                    </p>
                    <div class="predict-answers">
                        { for ANSWERS.iter().map(|(decision, text, class)| {
                            let dispatch = props.dispatch.clone();
                            let decision = *decision;
                            html! {
                                <button class={yew::classes!("button", "answer", *class)} data-guess={*class}
                                    onclick={move |_| dispatch.dispatch(Action::Teach(TeachAction::Guess(decision)))}>
                                    { *text }
                                </button>
                            }
                        }) }
                    </div>
                </div>
            } else if let (true, Some(guess)) = (prediction.on, &prediction.guess) {
                <p class={yew::classes!("predict-result", if guess.correct() { "right" } else { "wrong" })}
                    data-testid="predict-result" data-correct={guess.correct().to_string()}>
                    if guess.correct() {
                        { format!("Right: you predicted {}.", label(guess.guess)) }
                    } else {
                        { format!("You predicted {}; AWS decides {}. The path below shows why.",
                            label(guess.guess), label(guess.answer)) }
                    }
                </p>
            }
        </div>
    }
}
