//! The form that adds a VPC endpoint: its id and, optionally, the VPC it
//! is in. Enter submits, Escape cancels; the id has the focus when the
//! form appears.

use web_sys::HtmlInputElement;
use yew::{
    Callback, Html, KeyboardEvent, Properties, SubmitEvent, TargetCast, function_component, html,
    use_effect_with, use_node_ref, use_state,
};

/// Properties of [`EndpointForm`].
#[derive(Properties, PartialEq)]
pub struct EndpointFormProps {
    /// Called with the id and the VPC (empty when not given).
    pub on_submit: Callback<(String, String)>,
    /// Called when the user gives up (Escape or Cancel).
    pub on_cancel: Callback<()>,
}

/// Two inputs with submit and cancel buttons.
#[function_component(EndpointForm)]
pub fn endpoint_form(props: &EndpointFormProps) -> Html {
    let id = use_state(String::new);
    let vpc = use_state(String::new);
    let first = use_node_ref();
    let form = use_node_ref();
    {
        let (first, form) = (first.clone(), form.clone());
        use_effect_with((), move |()| {
            // The form opens at the foot of the workspace panel: show all
            // of it, buttons included.
            if let Some(form) = form.cast::<web_sys::Element>() {
                form.scroll_into_view_with_bool(false);
            }
            if let Some(element) = first.cast::<HtmlInputElement>() {
                // The focus is a convenience; failing is harmless.
                let _ = element.focus();
            }
        });
    }
    let typed = |field: &yew::UseStateHandle<String>| {
        let field = field.clone();
        Callback::from(move |event: yew::InputEvent| {
            field.set(event.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let onsubmit = {
        let (id, vpc) = (id.clone(), vpc.clone());
        let on_submit = props.on_submit.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_submit.emit((id.trim().to_owned(), vpc.trim().to_owned()));
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
        <form ref={form} class="endpoint-form" {onsubmit} onkeydown={onkeydown}>
            <input ref={first} class="text-input mono" type="text" value={(*id).clone()}
                aria-label="Id of the new VPC endpoint" placeholder="vpce-1a2b3c4d"
                spellcheck="false" autocomplete="off" oninput={typed(&id)} />
            <input class="text-input mono" type="text" value={(*vpc).clone()}
                aria-label="VPC of the new endpoint (optional)" placeholder="vpc-111bbb22 (optional)"
                spellcheck="false" autocomplete="off" oninput={typed(&vpc)} />
            <div class="endpoint-form-buttons">
                <button type="submit" class="button primary small">{ "Add" }</button>
                <button type="button" class="button small" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
