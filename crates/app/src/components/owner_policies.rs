//! The policies of a group, user or role: attached managed policies
//! (detach, attach a customer managed one from a list or an AWS managed
//! one from the searchable catalog), inline policies, and for users and
//! roles the permissions boundary.

use std::rc::Rc;

use iamplay_core::workspace::Workspace;
use web_sys::HtmlSelectElement;
use yew::{Event, Html, Properties, TargetCast, function_component, html, use_state};

use super::Dispatch;
use super::aws_policy_picker::AwsPolicyPicker;
use super::name_form::NameForm;
use crate::aws_policies::{AwsPolicies, name_of};
use crate::state::{Action, DocumentRef, EntityRef, NewEntity, Owner};

/// Properties of [`OwnerPolicies`].
#[derive(Properties, PartialEq)]
pub struct OwnerPoliciesProps {
    /// The group, user or role.
    pub owner: Owner,
    /// The workspace.
    pub workspace: Rc<Workspace>,
    /// The AWS managed policies available.
    pub aws: Rc<AwsPolicies>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// The managed and inline policies of an owner, and its boundary.
#[function_component(OwnerPolicies)]
pub fn owner_policies(props: &OwnerPoliciesProps) -> Html {
    let picking = use_state(|| false);
    let adding_inline = use_state(|| false);
    let ws = &props.workspace;
    let owner = &props.owner;
    let who = owner.describe().replace('`', "");
    let attached: Vec<String> = match owner {
        Owner::Group(name) => ws
            .groups
            .iter()
            .find(|g| &g.name == name)
            .map(|g| g.managed_policies.clone()),
        Owner::User(name) => ws
            .users
            .iter()
            .find(|u| &u.name == name)
            .map(|u| u.managed_policies.clone()),
        Owner::Role(name) => ws
            .roles
            .iter()
            .find(|r| &r.name == name)
            .map(|r| r.managed_policies.clone()),
    }
    .unwrap_or_default();
    let boundary: Option<String> = match owner {
        Owner::User(name) => ws
            .users
            .iter()
            .find(|u| &u.name == name)
            .and_then(|u| u.permissions_boundary.clone()),
        Owner::Role(name) => ws
            .roles
            .iter()
            .find(|r| &r.name == name)
            .and_then(|r| r.permissions_boundary.clone()),
        Owner::Group(_) => None,
    };
    let send = |action: Action| {
        let dispatch = props.dispatch.clone();
        move |_| dispatch.dispatch(action.clone())
    };
    let open = |document: DocumentRef| send(Action::Select(EntityRef::Document(document)));
    let document_of = |attachment: &str| -> DocumentRef {
        let customer = ws
            .policies
            .iter()
            .find(|p| DocumentRef::Customer(p.name.clone()).is_named_by(ws, attachment));
        match customer {
            Some(p) => DocumentRef::Customer(p.name.clone()),
            None if attachment.starts_with("arn:") => DocumentRef::Aws(attachment.to_owned()),
            None => DocumentRef::Aws(format!(
                "{}{attachment}",
                crate::aws_policies::AWS_POLICY_ARN_PREFIX
            )),
        }
    };
    let unattached: Vec<&str> = ws
        .policies
        .iter()
        .filter(|p| {
            !attached
                .iter()
                .any(|a| DocumentRef::Customer(p.name.clone()).is_named_by(ws, a))
        })
        .map(|p| p.name.as_str())
        .collect();
    let attach_customer = {
        let dispatch = props.dispatch.clone();
        let owner = owner.clone();
        move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let policy = select.value();
            select.set_value("");
            if !policy.is_empty() {
                dispatch.dispatch(Action::Attach(owner.clone(), policy));
            }
        }
    };
    let toggle_picker = {
        let picking = picking.clone();
        let dispatch = props.dispatch.clone();
        move |_| {
            if !*picking {
                dispatch.dispatch(Action::WantAwsPolicies);
            }
            picking.set(!*picking);
        }
    };
    let on_pick = {
        let dispatch = props.dispatch.clone();
        let owner = owner.clone();
        move |arn: String| dispatch.dispatch(Action::Attach(owner.clone(), arn))
    };
    let close_picker = {
        let picking = picking.clone();
        move |()| picking.set(false)
    };
    let inline: Vec<String> = ws
        .inline_policies(owner)
        .map(|list| list.iter().map(|p| p.name.clone()).collect())
        .unwrap_or_default();
    let inline_form = if *adding_inline {
        let on_submit = {
            let dispatch = props.dispatch.clone();
            let owner = owner.clone();
            let adding_inline = adding_inline.clone();
            move |name: String| {
                dispatch.dispatch(Action::Create(NewEntity::Inline(owner.clone()), name));
                adding_inline.set(false);
            }
        };
        let on_cancel = {
            let adding_inline = adding_inline.clone();
            move |()| adding_inline.set(false)
        };
        html! { <NameForm label={format!("Name of the new inline policy of {who}")} submit="Add" {on_submit} {on_cancel} /> }
    } else {
        let adding_inline = adding_inline.clone();
        html! {
            <button class="button small" aria-label={format!("New inline policy in {who}")}
                onclick={move |_| adding_inline.set(true)}>{ "New inline policy" }</button>
        }
    };
    let boundary_choices: Vec<(String, String)> = ws
        .policies
        .iter()
        .map(|p| (p.name.clone(), p.name.clone()))
        .chain(
            attached
                .iter()
                .filter(|a| matches!(document_of(a), DocumentRef::Aws(_)))
                .map(|a| (a.clone(), format!("{} (AWS managed)", name_of(a)))),
        )
        .chain(boundary.iter().map(|b| (b.clone(), name_of(b).to_owned())))
        .fold(Vec::new(), |mut list, item| {
            if !list.iter().any(|(v, _): &(String, String)| v == &item.0) {
                list.push(item);
            }
            list
        });
    let set_boundary = {
        let dispatch = props.dispatch.clone();
        let owner = owner.clone();
        move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            let boundary = (!value.is_empty()).then_some(value);
            dispatch.dispatch(Action::SetBoundary(owner.clone(), boundary));
        }
    };
    html! {
        <>
            <h4 class="detail-title">{ "Managed policies" }</h4>
            if attached.is_empty() {
                <p class="empty">{ "None attached." }</p>
            } else {
                <ul class="detail-list">
                    { for attached.iter().map(|a| {
                        let document = document_of(a);
                        let aws = matches!(document, DocumentRef::Aws(_));
                        html! {
                            <li key={a.clone()}>
                                <button class="link-button detail-name" onclick={open(document.clone())}
                                    aria-label={format!("Open {}", document.name())}>
                                    { document.name().to_owned() }
                                </button>
                                if aws { <span class="tag">{ "AWS" }</span> }
                                <span class="row-buttons">
                                    <button class="icon-button" aria-label={format!("Detach {} from {who}", document.name())}
                                        onclick={send(Action::Detach(owner.clone(), a.clone()))}>{ "×" }</button>
                                </span>
                            </li>
                        }
                    }) }
                </ul>
            }
            <div class="attach-row">
                if !unattached.is_empty() {
                    <select class="select" aria-label={format!("Attach a customer managed policy to {who}")}
                        onchange={attach_customer}>
                        <option value="" selected=true>{ "Attach policy…" }</option>
                        { for unattached.iter().map(|p| html! { <option value={p.to_string()}>{ p.to_string() }</option> }) }
                    </select>
                }
                <button class="button small" aria-expanded={(*picking).to_string()}
                    aria-label={format!("Attach an AWS managed policy to {who}")} onclick={toggle_picker}>
                    { "AWS managed…" }
                </button>
            </div>
            if *picking {
                <AwsPolicyPicker aws={Rc::clone(&props.aws)} attached={Rc::new(attached.clone())}
                    on_pick={on_pick} on_close={close_picker} />
            }
            <h4 class="detail-title">{ "Inline policies" }</h4>
            if !inline.is_empty() {
                <ul class="detail-list">
                    { for inline.iter().map(|name| {
                        let document = DocumentRef::Inline(owner.clone(), name.clone());
                        html! {
                            <li key={name.clone()}>
                                <button class="link-button detail-name" onclick={open(document)}
                                    aria-label={format!("Open inline policy {name}")}>{ name.clone() }</button>
                            </li>
                        }
                    }) }
                </ul>
            }
            { inline_form }
            if !matches!(owner, Owner::Group(_)) {
                <h4 class="detail-title">{ "Permissions boundary" }</h4>
                <select class="select" aria-label={format!("Permissions boundary of {who}")} onchange={set_boundary}>
                    <option value="" selected={boundary.is_none()}>{ "None" }</option>
                    { for boundary_choices.iter().map(|(value, label)| html! {
                        <option value={value.clone()} selected={boundary.as_deref() == Some(value.as_str())}>{ label.clone() }</option>
                    }) }
                </select>
            }
        </>
    }
}
