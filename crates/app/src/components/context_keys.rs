//! The request's context keys: each with an input that fits its type,
//! the keys that follow from the principal (shown as such), a field to
//! add a key, and the keys the policies' conditions ask for and the
//! request lacks, each one click from being added.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::{
    AttrValue, Event, Html, Properties, SubmitEvent, TargetCast, function_component, html,
    use_state,
};

use super::Dispatch;
use crate::catalog_hints::context_key_suggestions;
use crate::state::request::{MFA_AGE, MFA_PRESENT};
use crate::state::{Action, Evaluation, InputValue, RequestDraft};

/// Properties of [`ContextKeys`].
#[derive(Properties, PartialEq)]
pub struct ContextKeysProps {
    /// The request.
    pub request: Rc<RequestDraft>,
    /// The latest evaluation (derived and missing keys).
    pub evaluation: Rc<Evaluation>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// The context keys part of the request panel.
#[function_component(ContextKeys)]
pub fn context_keys(props: &ContextKeysProps) -> Html {
    let new_key = use_state(String::new);
    let mfa = props.request.mfa();
    let toggle_mfa = {
        let dispatch = props.dispatch.clone();
        move |_| dispatch.dispatch(Action::SetMfa(!mfa))
    };
    let problems = props.request.problems();
    let response = props.evaluation.response.as_ref();
    let derived: Vec<(String, String)> = response
        .map(|r| {
            r.context
                .iter()
                .filter(|k| k.derived)
                .map(|k| (k.key.to_string(), k.values.join(", ")))
                .collect()
        })
        .unwrap_or_default();
    let missing: Vec<String> = if props.evaluation.stale.is_some() {
        Vec::new()
    } else {
        response
            .map(|r| r.missing_context_keys.clone())
            .unwrap_or_default()
    };
    let add = {
        let dispatch = props.dispatch.clone();
        let new_key = new_key.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            if !new_key.trim().is_empty() {
                dispatch.dispatch(Action::AddContextKey((*new_key).clone()));
                new_key.set(String::new());
            }
        }
    };
    let type_key = {
        let new_key = new_key.clone();
        move |event: yew::InputEvent| {
            new_key.set(event.target_unchecked_into::<HtmlInputElement>().value());
        }
    };
    let suggestions = if new_key.is_empty() {
        Vec::new()
    } else {
        let lower = new_key.to_ascii_lowercase();
        context_key_suggestions(&props.request.action)
            .into_iter()
            .filter(|k| k.to_ascii_lowercase().contains(&lower))
            .take(40)
            .collect()
    };
    html! {
        <div class="context-keys">
            <button class={yew::classes!("switch", mfa.then_some("on"))} role="switch"
                aria-checked={mfa.to_string()} data-testid="mfa-switch" onclick={toggle_mfa}>
                <span class="switch-track" aria-hidden="true"><span class="switch-thumb" /></span>
                <span class="switch-label">{ "Signed in with MFA" }</span>
                <span class="switch-note">
                    { if mfa { format!("{MFA_PRESENT} true, {MFA_AGE} 120") } else { format!("{MFA_PRESENT} false, no age") } }
                </span>
            </button>
            <h3 class="field-label" id="context-keys-title">{ "Context keys" }</h3>
            <ul class="key-list" aria-labelledby="context-keys-title" data-testid="context-keys">
                { for props.request.context.iter().map(|input| {
                    let problem = problems.iter().find(|(k, _)| k == &input.key).map(|(_, why)| why.clone());
                    html! {
                        <li key={input.key.clone()} class="key-row">
                            <code class="key-name" title={input.key.clone()}>{ input.key.clone() }</code>
                            { value_input(&input.key, &input.value, &props.dispatch) }
                            <button class="icon-button" aria-label={format!("Remove {}", input.key)}
                                onclick={{
                                    let dispatch = props.dispatch.clone();
                                    let key = input.key.clone();
                                    move |_| dispatch.dispatch(Action::RemoveContextKey(key.clone()))
                                }}>{ "×" }</button>
                            if let Some(problem) = problem {
                                <p class="field-warning key-problem" role="status">{ super::confirm_dialog::code_spans(&problem) }</p>
                            }
                        </li>
                    }
                }) }
                { for derived.iter().map(|(key, value)| html! {
                    <li key={format!("derived-{key}")} class="key-row derived" title="Follows from the principal">
                        <code class="key-name" title={key.clone()}>{ key.clone() }</code>
                        <code class="key-value" title={value.clone()}>{ value.clone() }</code>
                        <span class="tag">{ "from the principal" }</span>
                    </li>
                }) }
            </ul>
            if !missing.is_empty() {
                <div class="missing-keys" data-testid="missing-keys">
                    <p class="field-hint">{ "The policies' conditions ask for keys this request lacks:" }</p>
                    { for missing.iter().map(|key| {
                        let dispatch = props.dispatch.clone();
                        let k = key.clone();
                        html! {
                            <button class="chip mono" aria-label={format!("Add context key {key}")}
                                onclick={move |_| dispatch.dispatch(Action::AddContextKey(k.clone()))}>
                                { format!("+ {key}") }
                            </button>
                        }
                    }) }
                </div>
            }
            <form class="add-key" onsubmit={add}>
                <input id="context-key-input" class="text-input mono" type="text" list="context-key-options" value={(*new_key).clone()}
                    placeholder="aws:SourceIp" aria-label="Context key to add" spellcheck="false"
                    autocomplete="off" oninput={type_key} />
                <datalist id="context-key-options">
                    { for suggestions.iter().map(|k| html! { <option value={k.clone()} /> }) }
                </datalist>
                <button type="submit" class="button small">{ "Add key" }</button>
            </form>
        </div>
    }
}

/// The input for one key's value, by its type.
fn value_input(key: &str, value: &InputValue, dispatch: &Dispatch) -> Html {
    let label = AttrValue::from(format!("Value of {key}"));
    let set = {
        let dispatch = dispatch.clone();
        let key = key.to_owned();
        move |value: InputValue| dispatch.dispatch(Action::SetContextValue(key.clone(), value))
    };
    match value {
        InputValue::Bool(on) => {
            let on = *on;
            let onchange = move |_: Event| set(InputValue::Bool(!on));
            html! {
                <label class="check">
                    <input type="checkbox" checked={on} aria-label={label} {onchange} />
                    <span>{ if on { "true" } else { "false" } }</span>
                </label>
            }
        }
        InputValue::Number(text) => {
            let oninput = move |event: yew::InputEvent| {
                set(InputValue::Number(
                    event.target_unchecked_into::<HtmlInputElement>().value(),
                ));
            };
            html! { <input class="text-input key-value" type="number" step="any" value={text.clone()} aria-label={label} {oninput} /> }
        }
        InputValue::Text(text) => {
            let oninput = move |event: yew::InputEvent| {
                set(InputValue::Text(
                    event.target_unchecked_into::<HtmlInputElement>().value(),
                ));
            };
            html! { <input class="text-input key-value" type="text" value={text.clone()} aria-label={label} spellcheck="false" {oninput} /> }
        }
        InputValue::List(text) => {
            let oninput = move |event: yew::InputEvent| {
                set(InputValue::List(
                    event.target_unchecked_into::<HtmlInputElement>().value(),
                ));
            };
            html! { <input class="text-input key-value" type="text" value={text.clone()} aria-label={format!("{label} (comma-separated)")} placeholder="a, b" spellcheck="false" {oninput} /> }
        }
    }
}
