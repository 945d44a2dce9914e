//! A user's group memberships, in order: move up and down, leave, join.

use std::rc::Rc;

use iamplay_core::workspace::Workspace;
use web_sys::HtmlSelectElement;
use yew::{AttrValue, Event, Html, Properties, TargetCast, function_component, html};

use super::Dispatch;
use crate::state::Action;

/// Properties of [`Memberships`].
#[derive(Properties, PartialEq)]
pub struct MembershipsProps {
    /// The user.
    pub user: AttrValue,
    /// The workspace.
    pub workspace: Rc<Workspace>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// The user's groups with reorder and remove buttons, and a list to join
/// another group.
#[function_component(Memberships)]
pub fn memberships(props: &MembershipsProps) -> Html {
    let Some(user) = props.workspace.users.iter().find(|u| u.name == *props.user) else {
        return Html::default();
    };
    let send = |action: Action| {
        let dispatch = props.dispatch.clone();
        move |_| dispatch.dispatch(action.clone())
    };
    let user_name = user.name.clone();
    let others: Vec<&str> = props
        .workspace
        .groups
        .iter()
        .map(|g| g.name.as_str())
        .filter(|g| !user.groups.iter().any(|m| m == g))
        .collect();
    let join = {
        let dispatch = props.dispatch.clone();
        let user = user_name.clone();
        move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let group = select.value();
            select.set_value("");
            if !group.is_empty() {
                dispatch.dispatch(Action::AddMembership {
                    user: user.clone(),
                    group,
                });
            }
        }
    };
    let last = user.groups.len().saturating_sub(1);
    html! {
        <>
            <h4 class="detail-title">{ "Groups, in order" }</h4>
            if user.groups.is_empty() {
                <p class="empty">{ "In no group." }</p>
            } else {
                <ol class="detail-list memberships">
                    { for user.groups.iter().enumerate().map(|(i, group)| {
                        let action = |up: bool| Action::MoveMembership { user: user_name.clone(), group: group.clone(), up };
                        html! {
                            <li key={group.clone()}>
                                <span class="detail-name">{ group.clone() }</span>
                                <span class="row-buttons">
                                    <button class="icon-button" aria-label={format!("Move {group} up")}
                                        disabled={i == 0} onclick={send(action(true))}>{ "↑" }</button>
                                    <button class="icon-button" aria-label={format!("Move {group} down")}
                                        disabled={i == last} onclick={send(action(false))}>{ "↓" }</button>
                                    <button class="icon-button" aria-label={format!("Remove {user_name} from {group}")}
                                        onclick={send(Action::RemoveMembership { user: user_name.clone(), group: group.clone() })}>
                                        { "×" }
                                    </button>
                                </span>
                            </li>
                        }
                    }) }
                </ol>
            }
            if !others.is_empty() {
                <select class="select" aria-label={format!("Add {user_name} to a group")} onchange={join}>
                    <option value="" selected=true>{ "Add to group…" }</option>
                    { for others.iter().map(|g| html! { <option value={g.to_string()}>{ g.to_string() }</option> }) }
                </select>
            }
        </>
    }
}
