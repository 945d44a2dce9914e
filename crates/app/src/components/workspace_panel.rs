//! The left column: the workspace's policies (customer managed, AWS
//! managed, inline), groups, users, roles and VPC endpoints. Selecting
//! one shows what it holds and what can be done with it; a policy (and a
//! VPC endpoint's policy) also opens in the editor.

use std::rc::Rc;

use iamplay_core::workspace::Workspace;
use iamplay_core::workspace::managed::aws_arn;
use yew::{AttrValue, Html, Properties, function_component, html, use_state};

use super::endpoint_form::EndpointForm;
use super::entity_details::EntityDetails;
use super::name_form::NameForm;
use super::{Dispatch, Panel};
use crate::aws_policies::{AwsPolicies, name_of};
use crate::state::workspace_ops::{attachments, boundaries};
use crate::state::{Action, DocumentRef, EntityRef, NewEntity, Outline};

/// Properties of [`WorkspacePanel`].
#[derive(Properties, PartialEq)]
pub struct WorkspacePanelProps {
    /// The workspace's entities.
    pub workspace: Outline,
    /// The selected entity.
    pub selected: Option<EntityRef>,
    /// Problems with references between entities.
    pub problems: Rc<Vec<String>>,
    /// The AWS managed policies available.
    pub aws: Rc<AwsPolicies>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// One row of a section.
#[derive(Clone, PartialEq)]
struct Item {
    entity: EntityRef,
    name: String,
    detail: String,
}

/// The workspace panel.
#[function_component(WorkspacePanel)]
pub fn workspace_panel(props: &WorkspacePanelProps) -> Html {
    let ws = &props.workspace.workspace;
    let details = |entity: &EntityRef| {
        html! {
            <EntityDetails entity={entity.clone()} workspace={Rc::clone(&props.workspace.workspace)}
                aws={Rc::clone(&props.aws)} dispatch={props.dispatch.clone()} />
        }
    };
    let section = |title: &'static str,
                   new: Option<(NewEntity, &'static str)>,
                   items: Vec<Item>,
                   empty: &'static str| {
        html! {
            <Section title={title} new={new.clone().map(|(kind, _)| kind)}
                new_noun={new.map(|(_, noun)| noun).unwrap_or_default()}
                items={Rc::new(items)} selected={props.selected.clone()}
                empty={empty} dispatch={props.dispatch.clone()}
                details={props.selected.as_ref().map(&details).unwrap_or_default()} />
        }
    };
    html! {
        <Panel title="Workspace" class="workspace-panel">
            { section("Customer managed policies", Some((NewEntity::Policy, "policy")), customer_items(ws), "No policies yet.") }
            { section("AWS managed policies", None, aws_items(ws), "None attached. Attach one from a group, user or role.") }
            { section("Inline policies", None, inline_items(ws), "None. Add one from a group, user or role.") }
            { section("Groups", Some((NewEntity::Group, "group")), group_items(ws), "No groups yet.") }
            { section("Users", Some((NewEntity::User, "user")), user_items(ws), "No users yet.") }
            { section("Roles", Some((NewEntity::Role, "role")), role_items(ws), "No roles yet.") }
            { section("VPC endpoints", Some((NewEntity::Endpoint { vpc: None }, "VPC endpoint")), endpoint_items(ws),
                "None. Add one to make requests through it.") }
            if !props.problems.is_empty() {
                <div class="problems" role="status">
                    <h3 class="group-title">{ "Problems" }</h3>
                    <ul>
                        { for props.problems.iter().map(|p| html! { <li>{ super::confirm_dialog::code_spans(p) }</li> }) }
                    </ul>
                </div>
            }
        </Panel>
    }
}

/// "1 group", "2 groups": `n` with the noun for one or for many.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// How many groups, users and roles attach a managed policy.
fn attachment_count(ws: &Workspace, document: &DocumentRef) -> String {
    let attached: Vec<_> = attachments(ws)
        .filter(|(_, a)| document.is_named_by(ws, a))
        .map(|(owner, _)| owner)
        .collect();
    let bounding = boundaries(ws)
        .filter(|(_, b)| document.is_named_by(ws, b))
        .count();
    let mut text = match attached.as_slice() {
        [] => "not attached".to_owned(),
        [owner] => format!("attached to {}", owner.describe().replace('`', "")),
        many => format!("attached to {}", count(many.len(), "entity", "entities")),
    };
    if bounding > 0 {
        text.push_str(&format!(" · boundary of {bounding}"));
    }
    text
}

fn customer_items(ws: &Workspace) -> Vec<Item> {
    ws.policies
        .iter()
        .map(|p| {
            let document = DocumentRef::Customer(p.name.clone());
            Item {
                detail: attachment_count(ws, &document),
                name: p.name.clone(),
                entity: EntityRef::Document(document),
            }
        })
        .collect()
}

/// The AWS managed policies the workspace carries or attaches, each once.
fn aws_items(ws: &Workspace) -> Vec<Item> {
    let mut arns: Vec<String> = ws.aws_managed_policies.iter().map(aws_arn).collect();
    for (_, attachment) in attachments(ws).chain(boundaries(ws)) {
        let customer = ws
            .policies
            .iter()
            .any(|p| DocumentRef::Customer(p.name.clone()).is_named_by(ws, attachment));
        if customer {
            continue;
        }
        let arn = if attachment.starts_with("arn:") {
            attachment.to_owned()
        } else {
            format!("{}{attachment}", crate::aws_policies::AWS_POLICY_ARN_PREFIX)
        };
        if !arns.contains(&arn) {
            arns.push(arn);
        }
    }
    arns.into_iter()
        .map(|arn| {
            let document = DocumentRef::Aws(arn.clone());
            Item {
                detail: format!("read-only · {}", attachment_count(ws, &document)),
                name: name_of(&arn).to_owned(),
                entity: EntityRef::Document(document),
            }
        })
        .collect()
}

fn inline_items(ws: &Workspace) -> Vec<Item> {
    let owners = ws
        .groups
        .iter()
        .map(|g| {
            (
                crate::state::Owner::Group(g.name.clone()),
                &g.inline_policies,
            )
        })
        .chain(ws.users.iter().map(|u| {
            (
                crate::state::Owner::User(u.name.clone()),
                &u.inline_policies,
            )
        }))
        .chain(ws.roles.iter().map(|r| {
            (
                crate::state::Owner::Role(r.name.clone()),
                &r.inline_policies,
            )
        }));
    owners
        .flat_map(|(owner, policies)| {
            policies.iter().map(move |p| Item {
                entity: EntityRef::Document(DocumentRef::Inline(owner.clone(), p.name.clone())),
                name: p.name.clone(),
                detail: format!("in {}", owner.describe().replace('`', "")),
            })
        })
        .collect()
}

fn group_items(ws: &Workspace) -> Vec<Item> {
    ws.groups
        .iter()
        .map(|g| {
            let members = ws
                .users
                .iter()
                .filter(|u| u.groups.contains(&g.name))
                .count();
            let policies = g.managed_policies.len() + g.inline_policies.len();
            Item {
                entity: EntityRef::Group(g.name.clone()),
                name: g.name.clone(),
                detail: format!(
                    "{} · {}",
                    count(policies, "policy", "policies"),
                    count(members, "member", "members")
                ),
            }
        })
        .collect()
}

fn user_items(ws: &Workspace) -> Vec<Item> {
    ws.users
        .iter()
        .map(|u| {
            let policies = u.managed_policies.len() + u.inline_policies.len();
            Item {
                entity: EntityRef::User(u.name.clone()),
                name: u.name.clone(),
                detail: format!(
                    "{} · {}",
                    count(u.groups.len(), "group", "groups"),
                    count(policies, "policy", "policies")
                ),
            }
        })
        .collect()
}

fn role_items(ws: &Workspace) -> Vec<Item> {
    ws.roles
        .iter()
        .map(|r| {
            let policies = r.managed_policies.len() + r.inline_policies.len();
            Item {
                entity: EntityRef::Role(r.name.clone()),
                name: r.name.clone(),
                detail: count(policies, "policy", "policies"),
            }
        })
        .collect()
}

fn endpoint_items(ws: &Workspace) -> Vec<Item> {
    ws.endpoints
        .iter()
        .map(|e| {
            let policy = if e.policy.is_some() {
                "own policy"
            } else {
                "AWS's default policy"
            };
            Item {
                entity: EntityRef::Document(DocumentRef::Endpoint(e.id.clone())),
                name: e.id.clone(),
                detail: match &e.vpc {
                    Some(vpc) => format!("in {vpc} · {policy}"),
                    None => policy.to_owned(),
                },
            }
        })
        .collect()
}

/// Properties of [`Section`].
#[derive(Properties, PartialEq)]
struct SectionProps {
    title: AttrValue,
    /// What the section's "New" button creates, if it has one.
    new: Option<NewEntity>,
    /// e.g. "group", for labels.
    new_noun: AttrValue,
    items: Rc<Vec<Item>>,
    selected: Option<EntityRef>,
    empty: AttrValue,
    dispatch: Dispatch,
    /// What to show under the selected item.
    details: Html,
}

/// A titled list of entities, with a "New" button.
#[function_component(Section)]
fn section(props: &SectionProps) -> Html {
    let creating = use_state(|| false);
    let heading_id = format!(
        "section-{}",
        props.title.to_ascii_lowercase().replace(' ', "-")
    );
    let new_button = props.new.as_ref().map(|_| {
        let creating = creating.clone();
        html! {
            <button class="icon-button" aria-label={format!("New {}", props.new_noun)}
                title={format!("New {}", props.new_noun)} onclick={move |_| creating.set(true)}>
                { "+" }
            </button>
        }
    });
    let form = match (&props.new, *creating) {
        (Some(NewEntity::Endpoint { .. }), true) => {
            let on_submit = {
                let dispatch = props.dispatch.clone();
                let creating = creating.clone();
                move |(id, vpc): (String, String)| {
                    let vpc = (!vpc.is_empty()).then_some(vpc);
                    dispatch.dispatch(Action::Create(NewEntity::Endpoint { vpc }, id));
                    creating.set(false);
                }
            };
            let on_cancel = {
                let creating = creating.clone();
                move |()| creating.set(false)
            };
            html! { <EndpointForm {on_submit} {on_cancel} /> }
        }
        (Some(kind), true) => {
            let on_submit = {
                let dispatch = props.dispatch.clone();
                let creating = creating.clone();
                let kind = kind.clone();
                move |name: String| {
                    dispatch.dispatch(Action::Create(kind.clone(), name));
                    creating.set(false);
                }
            };
            let on_cancel = {
                let creating = creating.clone();
                move |()| creating.set(false)
            };
            html! {
                <NameForm label={format!("Name of the new {}", props.new_noun)} submit="Create"
                    placeholder={placeholder_for(&props.new_noun)}
                    on_submit={on_submit} on_cancel={on_cancel} />
            }
        }
        _ => Html::default(),
    };
    html! {
        <section class="workspace-section" aria-labelledby={heading_id.clone()}>
            <header class="section-header">
                <h3 class="group-title" id={heading_id}>{ props.title.clone() }</h3>
                { for new_button }
            </header>
            { form }
            if props.items.is_empty() {
                <p class="empty">{ props.empty.clone() }</p>
            } else {
                <ul class="entity-list">
                    { for props.items.iter().map(|item| {
                        let selected = props.selected.as_ref() == Some(&item.entity);
                        let onclick = {
                            let dispatch = props.dispatch.clone();
                            let entity = item.entity.clone();
                            move |_| dispatch.dispatch(Action::Select(entity.clone()))
                        };
                        html! {
                            <li key={item.entity.describe()}>
                                <button class={yew::classes!("entity", selected.then_some("selected"))}
                                    aria-current={selected.then_some("true")} {onclick}
                                    data-entity={item.entity.describe()}>
                                    <span class="entity-name">{ item.name.clone() }</span>
                                    <span class="entity-kind">{ item.detail.clone() }</span>
                                </button>
                                if selected {
                                    { props.details.clone() }
                                }
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}

/// The placeholder of the name of a new `noun` ("policy" → "Policy name").
fn placeholder_for(noun: &str) -> String {
    let mut letters = noun.chars();
    match letters.next() {
        Some(first) => format!("{}{} name", first.to_uppercase(), letters.as_str()),
        None => "Name".to_owned(),
    }
}
