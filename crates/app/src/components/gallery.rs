//! The scenario gallery: every lesson of `examples/` with its title, its
//! two or three sentences and its requests with their expected decisions;
//! one click loads it.

use std::rc::Rc;

use iamplay_core::response::Decision;
use yew::{
    Callback, Html, KeyboardEvent, Properties, function_component, html, use_effect_with,
    use_node_ref,
};

use super::{Dispatch, WorkspaceOpener};
use crate::state::lessons::{LessonCard, gallery_cards};
use crate::state::{Action, TeachAction};
use crate::teach::path::decision_class;

/// Loads lesson `index` through `opener`: over the user's own work, when
/// the page keeps named workspaces, the lesson opens as a new named
/// workspace, so the user's stays saved under its name (the workspaces
/// menu switches back); otherwise the state puts it aside and the lesson
/// bar brings it back.
pub fn lesson_loader(opener: &WorkspaceOpener) -> Callback<usize> {
    let opener = opener.clone();
    Callback::from(move |index: usize| {
        let title = gallery_cards()
            .get(index)
            .map_or_else(|| "Lesson".to_owned(), |card| card.title.clone());
        opener.open(&title, Action::Teach(TeachAction::LoadLesson(index)));
    })
}

/// Properties of [`Gallery`].
#[derive(Properties, PartialEq)]
pub struct GalleryProps {
    /// The lessons.
    pub cards: Rc<Vec<LessonCard>>,
    /// The lesson on screen, if one is.
    pub current: Option<usize>,
    /// Whether the workspace on screen is the user's own work (it is kept,
    /// not lost, when a lesson loads).
    pub keeps_work: bool,
    /// Whether the page keeps named workspaces (the user's stays saved
    /// under its name; otherwise it is put aside for the session).
    pub shelf: bool,
    /// Loads a lesson ([`lesson_loader`]).
    pub load: Callback<usize>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// The class and words of an expected decision.
pub fn expectation(decision: Option<Decision>) -> (&'static str, &'static str) {
    decision.map_or(("pending", "no expectation"), decision_class)
}

/// A modal dialog with a card per lesson (Escape closes it).
#[function_component(Gallery)]
pub fn gallery(props: &GalleryProps) -> Html {
    let close_button = use_node_ref();
    {
        let close_button = close_button.clone();
        use_effect_with((), move |()| {
            if let Some(button) = close_button.cast::<web_sys::HtmlElement>() {
                // Moving the focus into the dialog is a convenience.
                let _ = button.focus();
            }
        });
    }
    let close = {
        let dispatch = props.dispatch.clone();
        move |_| dispatch.dispatch(Action::Teach(TeachAction::CloseGallery))
    };
    let onkeydown = {
        let dispatch = props.dispatch.clone();
        move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                dispatch.dispatch(Action::Teach(TeachAction::CloseGallery));
            }
        }
    };
    html! {
        <div class="modal-backdrop" {onkeydown}>
            <div class="modal gallery" role="dialog" aria-modal="true" aria-labelledby="gallery-title"
                data-testid="gallery">
                <div class="gallery-head">
                    <h2 id="gallery-title" class="modal-title">{ "Lessons" }</h2>
                    <button ref={close_button} class="icon-button" aria-label="Close the lessons"
                        onclick={close}>{ "×" }</button>
                </div>
                <p class="hint">
                    { "Each lesson is a workspace with requests whose decisions come from the AWS IAM User Guide. " }
                    if props.keeps_work && props.shelf {
                        { "A lesson opens as a new workspace: yours stays saved in this browser, one click away in the workspaces menu." }
                    } else if props.keeps_work {
                        { "Your workspace is put aside, not lost: the lesson bar brings it back." }
                    }
                </p>
                <ol class="lesson-cards">
                    { for props.cards.iter().map(|card| card_view(card, props)) }
                </ol>
            </div>
        </div>
    }
}

/// One lesson's card.
fn card_view(card: &LessonCard, props: &GalleryProps) -> Html {
    let load = {
        let load = props.load.clone();
        let index = card.index;
        move |_| load.emit(index)
    };
    let current = props.current == Some(card.index);
    html! {
        <li class={yew::classes!("lesson-card", current.then_some("current"))}
            data-lesson={card.index.to_string()} aria-labelledby={format!("lesson-{}", card.index)}>
            <div class="lesson-card-head">
                <h3 class="lesson-title" id={format!("lesson-{}", card.index)}>{ card.title.clone() }</h3>
                <button class="button small primary" onclick={load}
                    aria-label={format!("Load the lesson {}", card.title)} data-testid="load-lesson">
                    { if current { "Reload" } else { "Load" } }
                </button>
            </div>
            <p class="lesson-text">{ card.description.clone() }</p>
            <details class="lesson-requests">
                <summary>{ format!("{} requests with their expected decisions", card.requests.len()) }</summary>
                <ol>
                    { for card.requests.iter().map(|request| {
                        let (class, words) = expectation(request.expect);
                        html! {
                            <li>
                                <span class={yew::classes!("expect-tag", class)}>{ words }</span>
                                <span>{ request.name.clone() }</span>
                            </li>
                        }
                    }) }
                </ol>
            </details>
        </li>
    }
}
