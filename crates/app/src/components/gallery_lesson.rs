//! The bar of the lesson on screen, under the top bar: its title and
//! sentences, its requests (one click each) with their expected
//! decisions, the way back to a workspace put aside, and the next lesson.

use std::rc::Rc;

use yew::{Callback, Html, Properties, function_component, html};

use super::Dispatch;
use super::gallery::expectation;
use crate::state::lessons::LESSONS;
use crate::state::teaching::LessonView;
use crate::state::{Action, TeachAction};

/// Properties of [`LessonBar`].
#[derive(Properties, PartialEq)]
pub struct LessonBarProps {
    /// The lesson and where the learner is in it.
    pub lesson: Rc<LessonView>,
    /// Loads a lesson (the next one).
    pub load: Callback<usize>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// The lesson bar.
#[function_component(LessonBar)]
pub fn lesson_bar(props: &LessonBarProps) -> Html {
    let view = &props.lesson;
    let lesson = &view.card;
    let teach = |action: TeachAction| {
        let dispatch = props.dispatch.clone();
        move |_| dispatch.dispatch(Action::Teach(action.clone()))
    };
    let next = lesson.index + 1;
    html! {
        <section class="lesson-bar" aria-labelledby="lesson-bar-title" data-testid="lesson-bar"
            data-lesson={lesson.index.to_string()}>
            <div class="lesson-bar-text">
                <h2 class="lesson-bar-title" id="lesson-bar-title">
                    <span class="lesson-number">{ format!("Lesson {} of {}", lesson.index + 1, LESSONS.len()) }</span>
                    { lesson.title.clone() }
                </h2>
                <p class="lesson-bar-description" data-testid="lesson-description">{ lesson.description.clone() }</p>
            </div>
            <div class="lesson-bar-actions">
                if let Some(name) = &view.put_aside {
                    <button class="button small" onclick={teach(TeachAction::RestorePutAside)}
                        data-testid="restore-put-aside" title="Bring back the workspace the lesson replaced">
                        { format!("Back to {name}") }
                    </button>
                }
                if next < LESSONS.len() {
                    <button class="button small" onclick={
                        let load = props.load.clone();
                        move |_| load.emit(next)
                    } data-testid="next-lesson">{ "Next lesson →" }</button>
                }
                <button class="icon-button" aria-label="Hide the lesson bar"
                    onclick={teach(TeachAction::CloseLesson)}>{ "×" }</button>
            </div>
            <ol class="lesson-bar-requests" aria-label="The lesson's requests">
                { for lesson.requests.iter().enumerate().map(|(i, request)| {
                    let pressed = view.current == Some(i);
                    let shown = view.revealed.get(i).copied().unwrap_or(true);
                    let (class, words) = expectation(request.expect);
                    let matches = pressed && shown && view.decision.is_some() && view.decision == request.expect;
                    let misses = pressed && shown && view.decision.is_some() && view.decision != request.expect;
                    html! {
                        <li key={i}>
                            <button class={yew::classes!("lesson-request", pressed.then_some("pressed"))}
                                aria-pressed={pressed.to_string()} data-request={(i + 1).to_string()}
                                data-expect={class} title={request.name.clone()}
                                onclick={teach(TeachAction::ApplySavedRequest(i))}>
                                <span class="lesson-request-number">{ i + 1 }</span>
                                <span class="lesson-request-name">{ request.name.clone() }</span>
                                if shown {
                                    <span class={yew::classes!("expect-tag", class)}>
                                        { words }
                                        if matches { { " ✓" } }
                                        if misses { { " ✗" } }
                                    </span>
                                } else {
                                    <span class="expect-tag pending">{ "?" }</span>
                                }
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
