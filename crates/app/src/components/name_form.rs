//! A one-line form for a name: creating or renaming an entity. Enter
//! submits, Escape cancels; the input has the focus when it appears.

use web_sys::HtmlInputElement;
use yew::{
    AttrValue, Callback, Html, KeyboardEvent, Properties, SubmitEvent, TargetCast,
    function_component, html, use_effect_with, use_node_ref, use_state,
};

/// Properties of [`NameForm`].
#[derive(Properties, PartialEq)]
pub struct NameFormProps {
    /// The input's accessible label, e.g. "Name of the new group".
    pub label: AttrValue,
    /// The text the input starts with.
    #[prop_or_default]
    pub initial: AttrValue,
    /// What the empty input shows, e.g. "Group name": the label is only
    /// read out, and an empty box beside "Create" did not say what it wants.
    #[prop_or_default]
    pub placeholder: AttrValue,
    /// The submit button's text.
    pub submit: AttrValue,
    /// Called with the name when the form is submitted.
    pub on_submit: Callback<String>,
    /// Called when the user gives up (Escape or Cancel).
    pub on_cancel: Callback<()>,
}

/// An input with submit and cancel buttons.
#[function_component(NameForm)]
pub fn name_form(props: &NameFormProps) -> Html {
    let text = use_state(|| props.initial.to_string());
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with((), move |()| {
            if let Some(element) = input.cast::<HtmlInputElement>() {
                // Focus and selection are conveniences; failing is harmless.
                let _ = element.focus();
                element.select();
            }
        });
    }
    let oninput = {
        let text = text.clone();
        Callback::from(move |event: yew::InputEvent| {
            text.set(event.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let onsubmit = {
        let text = text.clone();
        let on_submit = props.on_submit.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_submit.emit((*text).clone());
        })
    };
    let onkeydown = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.stop_propagation();
                on_cancel.emit(());
            }
        })
    };
    let cancel = props.on_cancel.reform(|_| ());
    html! {
        <form class="name-form" {onsubmit}>
            <input ref={input} class="text-input" type="text" value={(*text).clone()}
                aria-label={props.label.clone()} placeholder={props.placeholder.clone()}
                spellcheck="false" autocomplete="off"
                {oninput} {onkeydown} />
            <button type="submit" class="button primary small">{ props.submit.clone() }</button>
            <button type="button" class="button small" onclick={cancel}>{ "Cancel" }</button>
        </form>
    }
}
