//! The question asked before deleting something that is in use: what it
//! is, and what uses it.

use std::rc::Rc;

use yew::{
    Html, KeyboardEvent, Properties, function_component, html, use_effect_with, use_node_ref,
};

use super::Dispatch;
use crate::state::{Action, PendingDelete};

/// Properties of [`ConfirmDialog`].
#[derive(Properties, PartialEq)]
pub struct ConfirmDialogProps {
    /// The delete that waits.
    pub pending: Rc<PendingDelete>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// A modal dialog: Delete or Cancel (Escape cancels; Cancel has the focus).
#[function_component(ConfirmDialog)]
pub fn confirm_dialog(props: &ConfirmDialogProps) -> Html {
    let cancel_button = use_node_ref();
    {
        let cancel_button = cancel_button.clone();
        use_effect_with((), move |()| {
            if let Some(button) = cancel_button.cast::<web_sys::HtmlElement>() {
                // Moving the focus into the dialog is a convenience.
                let _ = button.focus();
            }
        });
    }
    let confirm = {
        let dispatch = props.dispatch.clone();
        move |_| dispatch.dispatch(Action::ConfirmDelete)
    };
    let cancel = {
        let dispatch = props.dispatch.clone();
        move |_| dispatch.dispatch(Action::CancelDelete)
    };
    let confirm_button = use_node_ref();
    let onkeydown = {
        let dispatch = props.dispatch.clone();
        let buttons = [cancel_button.clone(), confirm_button.clone()];
        move |event: KeyboardEvent| match event.key().as_str() {
            "Escape" => dispatch.dispatch(Action::CancelDelete),
            // Keep the focus inside the dialog: Tab goes from one button
            // to the other.
            "Tab" => {
                event.prevent_default();
                let focused = gloo::utils::document().active_element();
                let next = buttons
                    .iter()
                    .find(|button| button.get() != focused.clone().map(Into::into))
                    .and_then(|button| button.cast::<web_sys::HtmlElement>());
                if let Some(next) = next {
                    let _ = next.focus();
                }
            }
            _ => {}
        }
    };
    let what = props.pending.entity.describe();
    let aws = matches!(
        props.pending.entity,
        crate::state::EntityRef::Document(crate::state::DocumentRef::Aws(_))
    );
    let (verb, button) = if aws {
        ("Detach", "Detach everywhere")
    } else {
        ("Delete", "Delete")
    };
    html! {
        <div class="modal-backdrop" {onkeydown}>
            <div class="modal" role="alertdialog" aria-modal="true"
                aria-labelledby="confirm-title" aria-describedby="confirm-body"
                data-testid="confirm-delete">
                <h2 id="confirm-title" class="modal-title">{ code_spans(&format!("{verb} {what}?")) }</h2>
                <div id="confirm-body">
                    <p>{ "It is in use:" }</p>
                    <ul class="usage-list">
                        { for props.pending.usages.iter().map(|usage| html! { <li>{ code_spans(usage) }</li> }) }
                    </ul>
                    <p class="hint">{ if aws { "Detaching it removes it from all of these." } else { "Deleting it removes it from all of these." } }</p>
                </div>
                <div class="modal-actions">
                    <button ref={cancel_button} class="button" onclick={cancel}>{ "Cancel" }</button>
                    <button ref={confirm_button} class="button danger" onclick={confirm}>{ button }</button>
                </div>
            </div>
        </div>
    }
}

/// Text with its `backticked` parts shown as code.
pub fn code_spans(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{ part.to_owned() }</code> }
            } else {
                html! { { part.to_owned() } }
            }
        }) }
    }
}
