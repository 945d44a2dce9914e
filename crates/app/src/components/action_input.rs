//! The action input: a combobox that completes service prefixes, then the
//! service's actions from the catalog, each with its access level.

use web_sys::HtmlInputElement;
use yew::{
    AttrValue, Callback, FocusEvent, Html, KeyboardEvent, MouseEvent, Properties, TargetCast,
    function_component, html, use_state,
};

use crate::catalog_hints::{action_completions, known_action};

/// How many completions the list shows.
const SHOWN: usize = 12;

/// Properties of [`ActionInput`].
#[derive(Properties, PartialEq)]
pub struct ActionInputProps {
    /// The input's id, for its `<label>`.
    pub id: AttrValue,
    /// The action as typed.
    pub value: AttrValue,
    /// Called with the new text after each change.
    pub on_change: Callback<String>,
    /// Whether AWS's service data has arrived: the hint under the input
    /// and the completions come from it, so the input draws again when it
    /// does.
    #[prop_or_default]
    pub services_ready: bool,
}

/// A text input with a list of completions (arrow keys to move, Enter to
/// pick the highlighted one or, with none highlighted, to close the list;
/// Escape to close).
#[function_component(ActionInput)]
pub fn action_input(props: &ActionInputProps) -> Html {
    let open = use_state(|| false);
    let active = use_state(|| None::<usize>);
    let hints = if *open {
        action_completions(&props.value, SHOWN)
    } else {
        Vec::new()
    };
    let list_id = format!("{}-options", props.id);
    let option_id = |i: usize| format!("{}-option-{i}", props.id);
    let pick = {
        let on_change = props.on_change.clone();
        let open = open.clone();
        let active = active.clone();
        Callback::from(move |value: String| {
            // A service prefix (`ec2:`) keeps the list open for its actions.
            open.set(value.ends_with(':'));
            active.set(None);
            on_change.emit(value);
        })
    };
    let oninput = {
        let on_change = props.on_change.clone();
        let open = open.clone();
        let active = active.clone();
        move |event: yew::InputEvent| {
            open.set(true);
            active.set(None);
            on_change.emit(event.target_unchecked_into::<HtmlInputElement>().value());
        }
    };
    let onkeydown = {
        let open = open.clone();
        let active = active.clone();
        let pick = pick.clone();
        let values: Vec<String> = hints.iter().map(|h| h.value.clone()).collect();
        move |event: KeyboardEvent| {
            let count = values.len();
            match event.key().as_str() {
                "ArrowDown" => {
                    event.prevent_default();
                    open.set(true);
                    if count > 0 {
                        active.set(Some(active.map_or(0, |i| (i + 1) % count)));
                    }
                }
                "ArrowUp" => {
                    event.prevent_default();
                    if count > 0 {
                        active.set(Some(active.map_or(count - 1, |i| (i + count - 1) % count)));
                    }
                }
                "Enter" => {
                    if let Some(value) = active.and_then(|i| values.get(i)) {
                        event.prevent_default();
                        pick.emit(value.clone());
                    } else {
                        // Nothing highlighted: the action is as typed, and
                        // the list goes so that it hides nothing below.
                        open.set(false);
                    }
                }
                "Escape" => {
                    open.set(false);
                    active.set(None);
                }
                _ => {}
            }
        }
    };
    let onblur = {
        let open = open.clone();
        move |_: FocusEvent| open.set(false)
    };
    let onfocus = {
        let open = open.clone();
        move |_: FocusEvent| open.set(true)
    };
    let expanded = !hints.is_empty();
    let about = known_action(&props.value).map(|action| {
        let resources: Vec<&str> = action.resource_types().map(|r| r.name()).collect();
        let resources = if resources.is_empty() {
            "no resource-level permissions (`*` only)".to_owned()
        } else {
            format!("acts on: {}", resources.join(", "))
        };
        format!("{} · {resources}", action.access_level())
    });
    html! {
        <div class="combobox">
            <input id={props.id.clone()} class="text-input mono" type="text" value={props.value.clone()}
                role="combobox" aria-autocomplete="list" aria-expanded={expanded.to_string()}
                aria-controls={list_id.clone()}
                aria-activedescendant={active.filter(|_| expanded).map(option_id)}
                placeholder="service:Action" spellcheck="false" autocomplete="off"
                {oninput} {onkeydown} {onblur} {onfocus} />
            if expanded {
                <ul id={list_id} class="listbox" role="listbox" aria-label="Actions">
                    { for hints.iter().enumerate().map(|(i, hint)| {
                        let selected = *active == Some(i);
                        let onmousedown = {
                            let pick = pick.clone();
                            let value = hint.value.clone();
                            move |event: MouseEvent| {
                                // Keep the focus in the input.
                                event.prevent_default();
                                pick.emit(value.clone());
                            }
                        };
                        html! {
                            <li id={option_id(i)} role="option" aria-selected={selected.to_string()}
                                class={yew::classes!("option", selected.then_some("active"))} {onmousedown}>
                                <span class="option-value">{ hint.value.clone() }</span>
                                <span class="option-detail">{ hint.detail.clone() }</span>
                            </li>
                        }
                    }) }
                </ul>
            }
            if let Some(about) = about {
                <p class="field-hint" data-testid="action-about">{ super::confirm_dialog::code_spans(&about) }</p>
            }
        </div>
    }
}
