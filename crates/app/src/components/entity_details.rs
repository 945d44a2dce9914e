//! What the workspace panel shows under the selected entity: rename,
//! duplicate and delete, then what it holds (policies, memberships,
//! boundary) or, for a policy, what uses it.

use std::rc::Rc;

use iamplay_core::workspace::Workspace;
use yew::{Html, Properties, function_component, html, use_state};

use super::Dispatch;
use super::confirm_dialog::code_spans;
use super::memberships::Memberships;
use super::name_form::NameForm;
use super::owner_policies::OwnerPolicies;
use crate::aws_policies::AwsPolicies;
use crate::state::workspace_ops::usages;
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
                <button class="button small" aria-label={label("Duplicate")}
                    onclick={send(Action::Duplicate(entity.clone()))}>{ "Duplicate" }</button>
                <button class="button small danger-text" aria-label={label("Delete")}
                    onclick={send(Action::Delete(entity.clone()))}>
                    { if matches!(entity, EntityRef::Document(DocumentRef::Aws(_))) { "Detach everywhere" } else { "Delete" } }
                </button>
            </div>
        }
    };
    let body = match entity {
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
        DocumentRef::Customer(_) => None,
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
