//! In the top bar: the view switcher (the playground or the access
//! matrix) and the button that opens the lessons.

use yew::{Html, Properties, function_component, html};

use super::Dispatch;
use crate::state::{Action, TeachAction, View};

/// Properties of [`TeachingNav`].
#[derive(Properties, PartialEq)]
pub struct TeachingNavProps {
    /// The view on screen.
    pub view: View,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// Two view buttons (one pressed) and "Lessons".
#[function_component(TeachingNav)]
pub fn teaching_nav(props: &TeachingNavProps) -> Html {
    let view_button = |view: View, label: &'static str, test: &'static str| {
        let dispatch = props.dispatch.clone();
        let pressed = props.view == view;
        html! {
            <button class={yew::classes!("segment", pressed.then_some("pressed"))}
                aria-pressed={pressed.to_string()} data-testid={test}
                onclick={move |_| dispatch.dispatch(Action::Teach(TeachAction::SetView(view)))}>
                { label }
            </button>
        }
    };
    let lessons = {
        let dispatch = props.dispatch.clone();
        move |_| dispatch.dispatch(Action::Teach(TeachAction::OpenGallery))
    };
    html! {
        <nav class="teaching-nav" aria-label="Views and lessons">
            <div class="segmented" role="group" aria-label="View">
                { view_button(View::Playground, "Playground", "view-playground") }
                { view_button(View::Matrix, "Access matrix", "view-matrix") }
            </div>
            <button class="button small" onclick={lessons} data-testid="open-gallery"
                title="Ready workspaces, each a short lesson">
                { "Lessons" }
            </button>
        </nav>
    }
}
