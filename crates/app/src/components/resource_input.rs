//! The resource input, with resources suggested from the action's ARN
//! formats and a warning when the typed ARN cannot apply.

use web_sys::HtmlInputElement;
use yew::{AttrValue, Callback, Html, Properties, TargetCast, function_component, html};

use super::confirm_dialog::code_spans;
use crate::catalog_hints::{resource_suggestions, resource_warning};

/// Properties of [`ResourceInput`].
#[derive(Properties, PartialEq)]
pub struct ResourceInputProps {
    /// The input's id, for its `<label>`.
    pub id: AttrValue,
    /// The resource as typed.
    pub value: AttrValue,
    /// The request's action.
    pub action: AttrValue,
    /// The workspace's account, filled into suggestions.
    pub account: AttrValue,
    /// Called with the new text after each change.
    pub on_change: Callback<String>,
}

/// The resource input.
#[function_component(ResourceInput)]
pub fn resource_input(props: &ResourceInputProps) -> Html {
    let oninput = {
        let on_change = props.on_change.clone();
        move |event: yew::InputEvent| {
            on_change.emit(event.target_unchecked_into::<HtmlInputElement>().value());
        }
    };
    let suggestions: Vec<String> = resource_suggestions(&props.action, &props.account)
        .into_iter()
        .filter(|s| s != props.value.as_str())
        .collect();
    let warning = resource_warning(&props.action, &props.value);
    let warning_id = format!("{}-warning", props.id);
    html! {
        <>
            <input id={props.id.clone()} class="text-input mono" type="text" value={props.value.clone()}
                placeholder="*" spellcheck="false" autocomplete="off"
                aria-describedby={warning.as_ref().map(|_| warning_id.clone())} {oninput} />
            if let Some(warning) = warning {
                <p id={warning_id} class="field-warning" role="status" data-testid="resource-warning">
                    { code_spans(&warning) }
                </p>
            }
            if !suggestions.is_empty() {
                <div class="suggestions" role="group" aria-label="Suggested resources">
                    { for suggestions.into_iter().map(|s| {
                        let on_change = props.on_change.clone();
                        let value = s.clone();
                        html! {
                            <button class="chip mono" title={format!("Use {s}")}
                                onclick={move |_| on_change.emit(value.clone())}>{ s.clone() }</button>
                        }
                    }) }
                </div>
            }
        </>
    }
}
