//! What the workspace panel shows under the selected entity: rename,
//! duplicate and delete, then what it holds (policies, memberships,
//! boundary), for a policy what uses it, and for a VPC endpoint its VPC,
//! its policy and the requests that come through it.

use std::rc::Rc;

use iamplay_core::workspace::Workspace;
use web_sys::HtmlInputElement;
use yew::{Event, Html, Properties, TargetCast, function_component, html, use_state};

use super::Dispatch;
use super::confirm_dialog::code_spans;
use super::memberships::Memberships;
use super::name_form::NameForm;
use super::owner_policies::OwnerPolicies;
use crate::aws_policies::AwsPolicies;
use crate::state::workspace_ops::{DEFAULT_ENDPOINT_POLICY, usages};
use crate::state::{Action, DocumentRef, EntityRef, PrincipalChoice};

/// Properties of [`EntityDetails`].
#[derive(Properties, PartialEq)]
pub struct EntityDetailsProps {
    /// The selected entity.
    pub entity: EntityRef,
    /// The workspace.
    pub workspace: Rc<Workspace>,
    /// The AWS managed policies available.
    pub aws: Rc<AwsPolicies>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// The details of the selected entity.
#[function_component(EntityDetails)]
pub fn entity_details(props: &EntityDetailsProps) -> Html {
    let renaming = use_state(|| false);
    let entity = &props.entity;
    let send = |action: Action| {
        let dispatch = props.dispatch.clone();
        move |_| dispatch.dispatch(action.clone())
    };
    let can_rename = !matches!(entity, EntityRef::Document(DocumentRef::Aws(_)));
    let can_duplicate = !matches!(entity, EntityRef::Document(DocumentRef::Endpoint(_)));
    let toolbar = if *renaming {
        let on_submit = {
            let dispatch = props.dispatch.clone();
            let entity = entity.clone();
            let renaming = renaming.clone();
            move |name: String| {
                dispatch.dispatch(Action::Rename(entity.clone(), name));
                renaming.set(false);
            }
        };
        let on_cancel = {
            let renaming = renaming.clone();
            move |()| renaming.set(false)
        };
        html! {
            <NameForm label={format!("New name for {}", entity.describe().replace('`', ""))}
                initial={entity.name().to_owned()} submit="Rename" {on_submit} {on_cancel} />
        }
    } else {
        let start_rename = {
            let renaming = renaming.clone();
            move |_| renaming.set(true)
        };
        let label = |verb: &str| format!("{verb} {}", entity.describe().replace('`', ""));
        html! {
            <div class="toolbar" role="toolbar" aria-label={label("Actions on")}>
                if can_rename {
                    <button class="button small" aria-label={label("Rename")} onclick={start_rename}>{ "Rename" }</button>
                }
                if can_duplicate {
                    <button class="button small" aria-label={label("Duplicate")}
                        onclick={send(Action::Duplicate(entity.clone()))}>{ "Duplicate" }</button>
                }
                <button class="button small danger-text" aria-label={label("Delete")}
                    onclick={send(Action::Delete(entity.clone()))}>
                    { if matches!(entity, EntityRef::Document(DocumentRef::Aws(_))) { "Detach everywhere" } else { "Delete" } }
                </button>
            </div>
        }
    };
    let body = match entity {
        EntityRef::Document(DocumentRef::Endpoint(id)) => {
            endpoint_details(&props.workspace, id, &props.dispatch)
        }
        EntityRef::Document(document) => document_details(&props.workspace, document),
        EntityRef::Group(name) => {
            let members: Vec<&str> = props
                .workspace
                .users
                .iter()
                .filter(|u| u.groups.contains(name))
                .map(|u| u.name.as_str())
                .collect();
            html! {
                <>
                    <OwnerPolicies owner={crate::state::Owner::Group(name.clone())}
                        workspace={Rc::clone(&props.workspace)} aws={Rc::clone(&props.aws)}
                        dispatch={props.dispatch.clone()} />
                    <h4 class="detail-title">{ "Members" }</h4>
                    if members.is_empty() {
                        <p class="empty">{ "No users. Add users to the group from a user." }</p>
                    } else {
                        <p class="detail-text">{ members.join(", ") }</p>
                    }
                </>
            }
        }
        EntityRef::User(name) => html! {
            <>
                <Memberships user={name.clone()} workspace={Rc::clone(&props.workspace)}
                    dispatch={props.dispatch.clone()} />
                <OwnerPolicies owner={crate::state::Owner::User(name.clone())}
                    workspace={Rc::clone(&props.workspace)} aws={Rc::clone(&props.aws)}
                    dispatch={props.dispatch.clone()} />
                <button class="button small principal-button"
                    onclick={send(Action::SetPrincipal(Some(PrincipalChoice::User(name.clone()))))}>
                    { "Make the request as this user" }
                </button>
            </>
        },
        EntityRef::Role(name) => html! {
            <>
                <OwnerPolicies owner={crate::state::Owner::Role(name.clone())}
                    workspace={Rc::clone(&props.workspace)} aws={Rc::clone(&props.aws)}
                    dispatch={props.dispatch.clone()} />
                <button class="button small principal-button"
                    onclick={send(Action::SetPrincipal(Some(PrincipalChoice::Role(name.clone()))))}>
                    { "Make the request as this role" }
                </button>
            </>
        },
    };
    html! {
        <div class="entity-details" data-testid="entity-details">
            { toolbar }
            { body }
        </div>
    }
}

/// A policy's details: where it is attached.
fn document_details(workspace: &Workspace, document: &DocumentRef) -> Html {
    let used = usages(workspace, &EntityRef::Document(document.clone()));
    let note = match document {
        DocumentRef::Aws(_) => {
            Some("AWS managed policies are read-only: duplicate one to edit a copy.")
        }
        DocumentRef::Inline(..) => Some("Inline policies belong to their group, user or role."),
        DocumentRef::Customer(_) | DocumentRef::Endpoint(_) => None,
    };
    html! {
        <>
            if let Some(note) = note {
                <p class="detail-text hint">{ note }</p>
            }
            if !matches!(document, DocumentRef::Inline(..)) {
                <h4 class="detail-title">{ "Used by" }</h4>
                if used.is_empty() {
                    <p class="empty">{ "Nothing yet: attach it from a group, user or role." }</p>
                } else {
                    <ul class="detail-list">
                        { for used.iter().map(|u| html! { <li>{ code_spans(u) }</li> }) }
                    </ul>
                }
            }
        </>
    }
}

/// A VPC endpoint's details: its VPC (editable), its policy, and the
/// saved requests that come through it.
fn endpoint_details(workspace: &Workspace, id: &str, dispatch: &Dispatch) -> Html {
    let Some(endpoint) = workspace.endpoints.iter().find(|e| e.id == id) else {
        return Html::default();
    };
    let used = usages(
        workspace,
        &EntityRef::Document(DocumentRef::Endpoint(id.to_owned())),
    );
    let set_vpc = {
        let dispatch = dispatch.clone();
        let id = id.to_owned();
        move |event: Event| {
            let vpc = event.target_unchecked_into::<HtmlInputElement>().value();
            let vpc = (!vpc.trim().is_empty()).then(|| vpc.trim().to_owned());
            dispatch.dispatch(Action::SetEndpointVpc {
                endpoint: id.clone(),
                vpc,
            });
        }
    };
    let write_policy = {
        let dispatch = dispatch.clone();
        let document = DocumentRef::Endpoint(id.to_owned());
        move |_| {
            dispatch.dispatch(Action::Edit(
                document.clone(),
                DEFAULT_ENDPOINT_POLICY.to_owned(),
            ));
        }
    };
    let through = {
        let dispatch = dispatch.clone();
        let id = id.to_owned();
        move |_| dispatch.dispatch(Action::SetVpcEndpoint(Some(id.clone())))
    };
    html! {
        <>
            <label class="detail-field">
                <span class="detail-title">{ "VPC" }</span>
                <input class="text-input mono" type="text" value={endpoint.vpc.clone().unwrap_or_default()}
                    placeholder="vpc-111bbb22 (optional)" aria-label={format!("VPC of {id}")}
                    spellcheck="false" autocomplete="off" onchange={set_vpc} />
            </label>
            if endpoint.policy.is_some() {
                <p class="detail-text hint">{ code_spans("Requests through it must be allowed by its endpoint policy, open in the editor; a Deny there denies. They carry `aws:SourceVpce` (and `aws:SourceVpc` when the VPC is given).") }</p>
            } else {
                <p class="detail-text hint">{ "It has AWS's default endpoint policy, which allows every request." }</p>
                <button class="button small" onclick={write_policy}>{ "Write its policy" }</button>
            }
            <h4 class="detail-title">{ "Used by" }</h4>
            if used.is_empty() {
                <p class="empty">{ "No saved request comes through it." }</p>
            } else {
                <ul class="detail-list">
                    { for used.iter().map(|u| html! { <li>{ code_spans(u) }</li> }) }
                </ul>
            }
            <button class="button small principal-button" onclick={through}>
                { "Make the request through it" }
            </button>
        </>
    }
}
