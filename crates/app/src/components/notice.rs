//! The message that says why the last action did nothing.

use std::rc::Rc;

use yew::{Html, Properties, function_component, html};

use super::Dispatch;
use super::confirm_dialog::code_spans;
use crate::state::Action;

/// Properties of [`Notice`].
#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    /// The message.
    pub text: Rc<str>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// A dismissable message, announced to screen readers.
#[function_component(Notice)]
pub fn notice(props: &NoticeProps) -> Html {
    let dismiss = {
        let dispatch = props.dispatch.clone();
        move |_| dispatch.dispatch(Action::DismissNotice)
    };
    html! {
        <div class="notice" role="alert" data-testid="notice">
            <span>{ code_spans(&props.text) }</span>
            <button class="icon-button" aria-label="Dismiss" onclick={dismiss}>{ "×" }</button>
        </div>
    }
}
