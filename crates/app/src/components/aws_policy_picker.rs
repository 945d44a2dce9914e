//! A searchable list of AWS managed policies to attach. The full list is
//! fetched the first time a picker opens; until then it offers the
//! policies compiled into the app.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::{
    Callback, Html, KeyboardEvent, Properties, TargetCast, function_component, html,
    use_effect_with, use_node_ref, use_state,
};

use crate::aws_policies::{AwsPolicies, Loading};

/// How many matches the picker shows.
const SHOWN: usize = 30;

/// Properties of [`AwsPolicyPicker`].
#[derive(Properties, PartialEq)]
pub struct AwsPolicyPickerProps {
    /// The AWS managed policies available.
    pub aws: Rc<AwsPolicies>,
    /// What is attached already (names or ARNs), not offered again.
    pub attached: Rc<Vec<String>>,
    /// Called with the ARN of the policy picked.
    pub on_pick: Callback<String>,
    /// Called when the picker closes (Escape).
    pub on_close: Callback<()>,
}

/// A search box over the AWS managed policies and the matches as buttons.
#[function_component(AwsPolicyPicker)]
pub fn aws_policy_picker(props: &AwsPolicyPickerProps) -> Html {
    let query = use_state(String::new);
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with((), move |()| {
            if let Some(element) = input.cast::<HtmlInputElement>() {
                let _ = element.focus();
            }
        });
    }
    let oninput = {
        let query = query.clone();
        move |event: yew::InputEvent| {
            query.set(event.target_unchecked_into::<HtmlInputElement>().value());
        }
    };
    let onkeydown = {
        let on_close = props.on_close.clone();
        move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                on_close.emit(());
            }
        }
    };
    let status = match &props.aws.list {
        Loading::NotLoaded | Loading::Loading => {
            Some("Loading the list of AWS managed policies…".to_owned())
        }
        Loading::Failed(why) => Some(format!(
            "The full list could not be loaded ({why}); showing the built-in policies."
        )),
        Loading::Loaded(list) => Some(format!("{} AWS managed policies.", list.len())),
    };
    let matches: Vec<_> = props
        .aws
        .search(&query, SHOWN + props.attached.len())
        .into_iter()
        .filter(|p| !props.attached.iter().any(|a| a == &p.arn || a == &p.name))
        .take(SHOWN)
        .collect();
    html! {
        <div class="picker" {onkeydown}>
            <input ref={input} class="text-input" type="search" value={(*query).clone()}
                placeholder="Search AWS managed policies" aria-label="Search AWS managed policies"
                spellcheck="false" autocomplete="off" {oninput} />
            if let Some(status) = status {
                <p class="picker-status" role="status">{ status }</p>
            }
            <ul class="picker-results" aria-label="AWS managed policies">
                { for matches.into_iter().map(|policy| {
                    let on_pick = props.on_pick.clone();
                    let arn = policy.arn.clone();
                    html! {
                        <li key={policy.arn.clone()}>
                            <button class="picker-result" onclick={move |_| on_pick.emit(arn.clone())}
                                aria-label={format!("Attach {}", policy.name)}>
                                { policy.name.clone() }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
