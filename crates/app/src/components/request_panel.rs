//! The right column's upper panel: the request to evaluate. Presets, the
//! principal (a user, with "what if" group memberships, or a role), the
//! action, the resource, the VPC endpoint it comes through (when the
//! workspace has endpoints) and the context keys.

use std::rc::Rc;

use iamplay_core::workspace::Workspace;
use web_sys::HtmlSelectElement;
use yew::{Event, Html, Properties, TargetCast, function_component, html};

use super::action_input::ActionInput;
use super::context_keys::ContextKeys;
use super::resource_input::ResourceInput;
use super::{Dispatch, Panel};
use crate::state::{Action, Evaluation, Outline, Preset, PrincipalChoice, RequestDraft};

/// Properties of [`RequestPanel`].
#[derive(Properties, PartialEq)]
pub struct RequestPanelProps {
    /// The workspace's entities (its users, roles and groups).
    pub workspace: Outline,
    /// The request.
    pub request: Rc<RequestDraft>,
    /// The presets.
    pub presets: Rc<Vec<Preset>>,
    /// The latest evaluation.
    pub evaluation: Rc<Evaluation>,
    /// Sends actions.
    pub dispatch: Dispatch,
    /// Whether AWS's service data has arrived (the action's hint comes
    /// from it, so the panel draws again when it does).
    #[prop_or_default]
    pub services_ready: bool,
}

/// The request panel.
#[function_component(RequestPanel)]
pub fn request_panel(props: &RequestPanelProps) -> Html {
    let request = &props.request;
    let on_action = {
        let dispatch = props.dispatch.clone();
        move |text: String| dispatch.dispatch(Action::SetAction(text))
    };
    let on_resource = {
        let dispatch = props.dispatch.clone();
        move |text: String| dispatch.dispatch(Action::SetResource(text))
    };
    html! {
        <Panel title="Request" class="request-panel">
            { presets(&props.presets, request, &props.dispatch) }
            <div class="field">
                <label class="field-label" for="request-principal">{ "Principal" }</label>
                { principal_select(&props.workspace.workspace, request, &props.dispatch) }
                { group_choice(&props.workspace.workspace, request, &props.dispatch) }
            </div>
            <div class="field">
                <label class="field-label" for="request-action">{ "Action" }</label>
                <ActionInput id="request-action" value={request.action.clone()} on_change={on_action}
                    services_ready={props.services_ready} />
            </div>
            <div class="field">
                <label class="field-label" for="request-resource">{ "Resource" }</label>
                <ResourceInput id="request-resource" value={request.resource.clone()}
                    action={request.action.clone()} account={props.workspace.workspace.account.clone()}
                    on_change={on_resource} />
            </div>
            { endpoint_select(&props.workspace.workspace, request, &props.dispatch) }
            <ContextKeys request={Rc::clone(request)} evaluation={Rc::clone(&props.evaluation)}
                dispatch={props.dispatch.clone()} />
        </Panel>
    }
}

/// The preset buttons; the one matching the request is pressed.
fn presets(presets: &[Preset], request: &RequestDraft, dispatch: &Dispatch) -> Html {
    if presets.is_empty() {
        return Html::default();
    }
    html! {
        <div class="presets" role="group" aria-labelledby="presets-title">
            <span class="field-label" id="presets-title">{ "Saved requests" }</span>
            <div class="preset-buttons">
                { for presets.iter().enumerate().map(|(i, preset)| {
                    let dispatch = dispatch.clone();
                    let pressed = preset.draft == *request;
                    html! {
                        <button class={yew::classes!("chip", pressed.then_some("pressed"))}
                            aria-pressed={pressed.to_string()} title={preset.title.clone()}
                            data-preset={(i + 1).to_string()}
                            onclick={move |_| dispatch.dispatch(Action::ApplyPreset(i))}>
                            { preset.label.clone() }
                        </button>
                    }
                }) }
            </div>
        </div>
    }
}

/// The principal: a user or a role of the workspace.
fn principal_select(workspace: &Workspace, request: &RequestDraft, dispatch: &Dispatch) -> Html {
    let current = match &request.principal {
        Some(PrincipalChoice::User(name)) => format!("user:{name}"),
        Some(PrincipalChoice::Role(name)) => format!("role:{name}"),
        None => String::new(),
    };
    let onchange = {
        let dispatch = dispatch.clone();
        move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            let choice = match value.split_once(':') {
                Some(("user", name)) => Some(PrincipalChoice::User(name.to_owned())),
                Some(("role", name)) => Some(PrincipalChoice::Role(name.to_owned())),
                _ => None,
            };
            dispatch.dispatch(Action::SetPrincipal(choice));
        }
    };
    let option = |value: String, label: String| {
        let selected = value == current;
        html! { <option value={value} {selected}>{ label }</option> }
    };
    html! {
        <select id="request-principal" class="select" {onchange} data-testid="principal">
            <option value="" selected={current.is_empty()}>
                { if workspace.has_principals() { "Choose a user or role…" } else { "No users or roles yet" } }
            </option>
            if !workspace.users.is_empty() {
                <optgroup label="Users">
                    { for workspace.users.iter().map(|u| option(format!("user:{}", u.name), u.name.clone())) }
                </optgroup>
            }
            if !workspace.roles.is_empty() {
                <optgroup label="Roles">
                    { for workspace.roles.iter().map(|r| option(format!("role:{}", r.name), format!("{} (role session)", r.name))) }
                </optgroup>
            }
        </select>
    }
}

/// The VPC endpoint the request comes through, "none" by default; only
/// when the workspace has endpoints (or the request names one).
fn endpoint_select(workspace: &Workspace, request: &RequestDraft, dispatch: &Dispatch) -> Html {
    if workspace.endpoints.is_empty() && request.vpc_endpoint.is_none() {
        return Html::default();
    }
    let current = request.vpc_endpoint.clone().unwrap_or_default();
    let onchange = {
        let dispatch = dispatch.clone();
        move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            dispatch.dispatch(Action::SetVpcEndpoint((!value.is_empty()).then_some(value)));
        }
    };
    html! {
        <div class="field">
            <label class="field-label" for="request-endpoint">{ "VPC endpoint" }</label>
            <select id="request-endpoint" class="select" {onchange} data-testid="vpc-endpoint">
                <option value="" selected={current.is_empty()}>{ "None (not through an endpoint)" }</option>
                { for workspace.endpoints.iter().map(|e| {
                    let label = match &e.vpc {
                        Some(vpc) => format!("{} ({vpc})", e.id),
                        None => e.id.clone(),
                    };
                    html! { <option value={e.id.clone()} selected={e.id == current}>{ label }</option> }
                }) }
            </select>
        </div>
    }
}

/// For a user: which groups the request counts, the user's own or a
/// "what if" choice.
fn group_choice(workspace: &Workspace, request: &RequestDraft, dispatch: &Dispatch) -> Html {
    let Some(PrincipalChoice::User(name)) = &request.principal else {
        return Html::default();
    };
    let Some(user) = workspace.users.iter().find(|u| &u.name == name) else {
        return Html::default();
    };
    if workspace.groups.is_empty() {
        return Html::default();
    }
    let effective: Vec<String> = request
        .groups
        .clone()
        .unwrap_or_else(|| user.groups.clone());
    let what_if = request.groups.is_some();
    let reset = {
        let dispatch = dispatch.clone();
        move |_| dispatch.dispatch(Action::SetRequestGroups(None))
    };
    html! {
        <fieldset class="group-choice">
            <legend class="field-hint">
                { "Evaluated as a member of" }
                if what_if { <span class="tag what-if">{ "what if" }</span> }
            </legend>
            { for workspace.groups.iter().map(|group| {
                let member = effective.contains(&group.name);
                let onchange = {
                    let dispatch = dispatch.clone();
                    let mut next = effective.clone();
                    if member {
                        next.retain(|g| g != &group.name);
                    } else {
                        next.push(group.name.clone());
                    }
                    let groups = if next == user.groups { None } else { Some(next) };
                    move |_: Event| dispatch.dispatch(Action::SetRequestGroups(groups.clone()))
                };
                html! {
                    <label class="check" key={group.name.clone()}>
                        <input type="checkbox" checked={member} {onchange}
                            aria-label={format!("Count {name} as a member of {}", group.name)} />
                        <span>{ group.name.clone() }</span>
                    </label>
                }
            }) }
            if what_if {
                <button class="link-button" onclick={reset}>{ format!("Use {name}'s own groups") }</button>
            }
        </fieldset>
    }
}
