//! The access matrix view: the workspace's users and roles across, the
//! chosen actions down (typed, picked from the catalog, or a whole service
//! as `ec2:*`), each cell coloured by the decision with the request
//! panel's context (the MFA switch among it). Clicking a cell loads its
//! request. Only the rows in view are in the page, so a whole service for
//! ten principals redraws as fast as a few rows.

use std::rc::Rc;

use yew::{
    AttrValue, Callback, Html, Properties, SubmitEvent, function_component, html, use_effect_with,
    use_node_ref, use_state,
};

use super::action_input::ActionInput;
use super::change_impact::ChangesBar;
use super::confirm_dialog::code_spans;
use super::export::ExportButtons;
use super::{Dispatch, Panel};
use crate::service_data::ServiceData;
use crate::state::baseline::Baseline;
use crate::state::change_impact::{CellChange, Impact};
use crate::state::matrix::{Cell, Matrix, ResourceFrom};
use crate::state::request::{MFA_AGE, MFA_PRESENT};
use crate::state::{Action, RequestDraft, TeachAction};
use crate::teach::matrix_svg::matrix_svg;
use crate::teach::svg::Styling;

/// The height of a row in pixels (as `web/teaching.css` draws it).
const ROW_HEIGHT: f64 = 24.0;
/// The height of the column heads in pixels (as `web/teaching.css`).
const HEAD_HEIGHT: f64 = 120.0;
/// Rows drawn beyond those in view, above and below.
const OVERSCAN: usize = 8;
/// Rows in view before the grid is measured.
const FIRST_VIEW: usize = 40;

/// Properties of [`AccessMatrix`].
#[derive(Properties, PartialEq)]
pub struct AccessMatrixProps {
    /// The matrix, once decided.
    pub matrix: Option<Rc<Matrix>>,
    /// Why it is not up to date, if it is not.
    pub stale: Option<String>,
    /// The actions and patterns asked for.
    pub patterns: Rc<Vec<String>>,
    /// The patterns that match no action.
    pub unmatched: Rc<Vec<String>>,
    /// The request panel's request (its context applies to every cell).
    pub request: Rc<RequestDraft>,
    /// The baseline, for the "Changes since baseline" mode.
    #[prop_or_default]
    pub baseline: Option<Rc<Baseline>>,
    /// Where AWS's service data stands: the rows wait for it.
    pub services: ServiceData,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// The access matrix panel.
#[function_component(AccessMatrix)]
pub fn access_matrix(props: &AccessMatrixProps) -> Html {
    let typed = use_state(String::new);
    let on_type = {
        let typed = typed.clone();
        Callback::from(move |text: String| typed.set(text))
    };
    let add = {
        let typed = typed.clone();
        let dispatch = props.dispatch.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            if !typed.trim().is_empty() {
                dispatch.dispatch(Action::Teach(TeachAction::AddMatrixActions(
                    (*typed).clone(),
                )));
                typed.set(String::new());
            }
        }
    };
    let teach = |action: TeachAction| {
        let dispatch = props.dispatch.clone();
        move |_| dispatch.dispatch(Action::Teach(action.clone()))
    };
    let services = service_suggestions(&props.patterns);
    html! {
        <Panel title="Access matrix" class="matrix-panel">
            <div class="matrix-tools">
                <form class="matrix-add" onsubmit={add}>
                    <label class="field-label" for="matrix-action">{ "Actions" }</label>
                    <ActionInput id="matrix-action" value={AttrValue::from((*typed).clone())} on_change={on_type}
                        services_ready={props.services == ServiceData::Ready} />
                    <button class="button small primary" type="submit">{ "Add" }</button>
                </form>
                <div class="matrix-patterns" role="group" aria-label="Actions in the matrix">
                    { for props.patterns.iter().enumerate().map(|(i, pattern)| html! {
                        <span class="chip pattern-chip mono" key={pattern.clone()} data-pattern={pattern.clone()}>
                            { pattern.clone() }
                            <button class="chip-remove" aria-label={format!("Remove {pattern}")}
                                onclick={teach(TeachAction::RemoveMatrixAction(i))}>{ "×" }</button>
                        </span>
                    }) }
                    { for services.iter().map(|service| html! {
                        <button class="chip mono suggestion-chip" title={format!("Every {service} action")}
                            onclick={teach(TeachAction::AddMatrixActions(service.clone()))}>
                            { format!("+ {service}") }
                        </button>
                    }) }
                    <button class="link-button" onclick={teach(TeachAction::ResetMatrixActions)}
                        title="The actions of the workspace's saved requests">{ "Reset" }</button>
                </div>
                { for props.unmatched.iter().map(|pattern| html! {
                    <p class="field-warning">{ code_spans(&format!("`{pattern}` matches no action of the catalog")) }</p>
                }) }
                <p class="field-hint matrix-context" data-testid="matrix-context">
                    { context_summary(&props.request) }
                </p>
                if let Some(baseline) = &props.baseline {
                    <ChangesBar baseline={Rc::clone(baseline)} dispatch={props.dispatch.clone()} />
                }
            </div>
            { grid(props) }
        </Panel>
    }
}

/// `ec2:*`-style suggestions for the services of the patterns not yet
/// there whole.
fn service_suggestions(patterns: &[String]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for pattern in patterns {
        if let Some((service, _)) = pattern.split_once(':') {
            let whole = format!("{}:*", service.to_ascii_lowercase());
            if !service.is_empty()
                && !service.contains('*')
                && !patterns.iter().any(|p| p.eq_ignore_ascii_case(&whole))
                && !found.contains(&whole)
            {
                found.push(whole);
            }
        }
    }
    found.truncate(4);
    found
}

/// The request panel's context in a sentence.
fn context_summary(request: &RequestDraft) -> String {
    let mfa = if request.mfa() {
        "signed in with MFA"
    } else {
        "not signed in with MFA"
    };
    let others = request
        .context
        .iter()
        .filter(|c| {
            !c.key.eq_ignore_ascii_case(MFA_PRESENT) && !c.key.eq_ignore_ascii_case(MFA_AGE)
        })
        .count();
    match others {
        0 => format!("Every cell is asked {mfa} (the request panel's context)."),
        1 => format!("Every cell is asked {mfa}, with 1 more context key of the request panel."),
        n => format!("Every cell is asked {mfa}, with {n} more context keys of the request panel."),
    }
}

/// The rule for a caller's own IAM resources, written under the grid.
const OWN_RESOURCE_RULE: &str = "A user's own IAM resources are asked for as its own: its user (for its password and login profile, access keys, SSH public keys, service-specific credentials and signing certificates) as `arn:aws:iam::ACCOUNT:user/NAME` and its MFA device as `arn:aws:iam::ACCOUNT:mfa/NAME`, as a self-service policy's `${aws:username}` resources expect (the walkthrough's rows 4, 6 and 7). A role asks for `*` there.";

/// The totals, the resource rule, the export buttons and the grid.
fn grid(props: &AccessMatrixProps) -> Html {
    match &props.services {
        ServiceData::Ready => {}
        ServiceData::Loading => {
            return html! { <p class="empty" data-testid="matrix-loading">{ "Loading AWS service data…" }</p> };
        }
        ServiceData::Failed(why) => {
            return html! {
                <p class="field-warning" data-testid="matrix-loading">
                    { code_spans(&format!("The access matrix needs AWS's service data, which could not be loaded: {why}")) }
                </p>
            };
        }
    }
    let Some(matrix) = props.matrix.as_ref() else {
        return html! { <p class="empty">{ "Add actions to see who may do them." }</p> };
    };
    if matrix.principals.is_empty() {
        return html! { <p class="empty">{ "The workspace has no users or roles: add one to see what it may do." }</p> };
    }
    if matrix.actions.is_empty() {
        return html! { <p class="empty">{ "Add actions (for example `ec2:*`) to see who may do them." }</p> };
    }
    let total = matrix.totals();
    let export = {
        let matrix = Rc::clone(matrix);
        let caption = format!(
            "Access matrix · {}",
            context_summary(&props.request).trim_end_matches('.')
        );
        Callback::from(move |()| matrix_svg(&matrix, &caption, Styling::Standalone))
    };
    html! {
        <>
            <div class="matrix-summary">
                <p data-testid="matrix-summary" data-allowed={total.allowed.to_string()}
                    data-explicit-deny={total.explicit.to_string()} data-implicit-deny={total.implicit.to_string()}>
                    { format!("{} actions × {} principals: ", matrix.actions.len(), matrix.principals.len()) }
                    <span class="matrix-count allowed">{ format!("{} allowed", total.allowed) }</span>{ " · " }
                    <span class="matrix-count explicit-deny">{ format!("{} explicit deny", total.explicit) }</span>{ " · " }
                    <span class="matrix-count implicit-deny">{ format!("{} implicit deny", total.implicit) }</span>
                </p>
                <ExportButtons name="access-matrix" what="the access matrix" svg={export} />
            </div>
            if let Some(why) = &props.stale {
                <p class="stale-note" data-testid="matrix-stale"><span class="tag stale-tag">{ "stale" }</span>{ code_spans(why) }</p>
            }
            { for matrix.problems.iter().map(|p| html! { <p class="field-warning">{ code_spans(p) }</p> }) }
            <details class="matrix-rule">
                <summary>{ "Which resource each row asks for" }</summary>
                <p>{ code_spans("`*` for an action without resource-level permissions; otherwise the first ARN of the workspace's resources that fits the action; otherwise the ARN format of the action's required resource type in the workspace's account and `us-east-1`, with the caller's own name for `${UserName}` and an MFA device's `${MfaTokenIdWithPath}` (a user) or `${RoleName}` (a role), shown as `‹own user›` or `‹own role›`, and `*` for any other part (any instance, any bucket). Hover over a row to see its resource.") }</p>
            </details>
            <Rows matrix={Rc::clone(matrix)} request={Rc::clone(&props.request)}
                stale={props.stale.is_some()} impact={changes(props)} dispatch={props.dispatch.clone()} />
            <p class="matrix-own-rule" data-testid="matrix-own-rule">
                { code_spans(OWN_RESOURCE_RULE) }
            </p>
        </>
    }
}

/// The comparison with the baseline, while the matrix shows it.
fn changes(props: &AccessMatrixProps) -> Option<Rc<Impact>> {
    props
        .baseline
        .as_ref()
        .filter(|b| b.show_changes)
        .and_then(|b| b.impact.clone())
}

/// Properties of [`Rows`].
#[derive(Properties, PartialEq)]
struct RowsProps {
    matrix: Rc<Matrix>,
    request: Rc<RequestDraft>,
    stale: bool,
    /// The changes since the baseline, in that mode.
    impact: Option<Rc<Impact>>,
    dispatch: Dispatch,
}

/// The grid: the heads, then the rows in view.
#[function_component(Rows)]
fn rows(props: &RowsProps) -> Html {
    let scroller = use_node_ref();
    let view = use_state(|| (0_usize, FIRST_VIEW));
    let measure = {
        let scroller = scroller.clone();
        let view = view.clone();
        move || {
            let Some(element) = scroller.cast::<web_sys::Element>() else {
                return;
            };
            let first =
                ((f64::from(element.scroll_top()) - HEAD_HEIGHT).max(0.0) / ROW_HEIGHT) as usize;
            let shown = (f64::from(element.client_height()) / ROW_HEIGHT).ceil() as usize + 1;
            if *view != (first, shown) {
                view.set((first, shown));
            }
        }
    };
    {
        let measure = measure.clone();
        use_effect_with((), move |()| measure());
    }
    let onscroll = move |_| measure();
    let matrix = &props.matrix;
    let (first, shown) = *view;
    let count = matrix.actions.len();
    let from = first.saturating_sub(OVERSCAN).min(count);
    let to = (first + shown + OVERSCAN).min(count);
    let selected = matrix.position_of(&props.request);
    let columns = format!(
        "grid-template-columns: var(--matrix-action) repeat({}, var(--matrix-cell)) minmax(0, 1fr)",
        matrix.principals.len()
    );
    html! {
        <div class={yew::classes!("matrix-scroll", props.stale.then_some("stale"), props.impact.is_some().then_some("changes"))}
            ref={scroller} {onscroll}
            role="grid" aria-label="Decisions by action and principal" aria-rowcount={(count + 1).to_string()}
            aria-colcount={(matrix.principals.len() + 2).to_string()} data-testid="matrix-grid"
            data-rows={count.to_string()}>
            <div class="matrix-row matrix-head" role="row" aria-rowindex="1" style={columns.clone()}>
                <div class="matrix-action-head" role="columnheader">{ "Action" }</div>
                { for matrix.principals.iter().enumerate().map(|(p, principal)| {
                    let counts = matrix.counts(p);
                    let (gained, lost) = props.impact.as_ref().map(|i| i.column(p)).unwrap_or_default();
                    html! {
                        <div class="matrix-principal" role="columnheader" data-principal={principal.name.clone()}
                            data-allowed={counts.allowed.to_string()} data-explicit-deny={counts.explicit.to_string()}
                            data-implicit-deny={counts.implicit.to_string()}
                            data-gained={props.impact.is_some().then(|| gained.to_string())}
                            data-lost={props.impact.is_some().then(|| lost.to_string())}
                            title={format!("{} {}: {} allowed, {} explicit deny, {} implicit deny",
                                principal.kind(), principal.name, counts.allowed, counts.explicit, counts.implicit)}>
                            <span class="matrix-principal-name">{ principal.name.clone() }</span>
                            <span class="matrix-principal-kind">{ principal.kind() }</span>
                        </div>
                    }
                }) }
                <div class="matrix-resource-head" role="columnheader">{ "Resource" }</div>
            </div>
            <div class="matrix-body" style={format!("height: {}px", count as f64 * ROW_HEIGHT)}>
                <div class="matrix-rows" style={format!("transform: translateY({}px)", from as f64 * ROW_HEIGHT)}>
                    { for (from..to).map(|row| row_view(props, row, selected, &columns)) }
                </div>
            </div>
        </div>
    }
}

/// One row: the action, a cell per principal, the resource.
fn row_view(
    props: &RowsProps,
    row: usize,
    selected: Option<(usize, usize)>,
    columns: &str,
) -> Html {
    let matrix = &props.matrix;
    let Some(action) = matrix.actions.get(row) else {
        return Html::default();
    };
    let how = match &action.from {
        ResourceFrom::OnlyWildcard | ResourceFrom::NotInCatalog => String::new(),
        from => format!(" ({})", from.describe().replace('`', "")),
    };
    html! {
        <div class="matrix-row" role="row" key={row} aria-rowindex={(row + 2).to_string()} style={columns.to_owned()}
            data-action={action.action.clone()}>
            <div class="matrix-action mono" role="rowheader" title={action.action.clone()}>{ action.action.clone() }</div>
            { for matrix.principals.iter().enumerate().map(|(p, principal)| {
                let cell = matrix.cell(row, p).unwrap_or(Cell::Unknown);
                let glyph = match cell {
                    Cell::Allowed => "✓",
                    Cell::ExplicitDeny => "✕",
                    Cell::ImplicitDeny => "–",
                    Cell::Unknown => "?",
                };
                let dispatch = props.dispatch.clone();
                let is_selected = selected == Some((row, p));
                let change = props.impact.as_ref().map(|i| i.cell(row, p));
                let mut label = format!("{}, {}: {}", principal.name, action.action, cell.describe());
                if let Some(change) = change.filter(|c| *c != CellChange::Same) {
                    label.push_str(&format!(", {}", change.describe()));
                }
                html! {
                    <div role="gridcell" class="matrix-cell-wrap">
                        <button class={yew::classes!("matrix-cell", cell.class(), is_selected.then_some("selected"),
                                change.map(CellChange::class))}
                            data-decision={cell.class()} data-change={change.map(CellChange::class)} data-principal={principal.name.clone()}
                            aria-label={label.clone()} aria-pressed={is_selected.to_string()}
                            title={label.clone()}
                            onclick={move |_| dispatch.dispatch(Action::Teach(TeachAction::OpenCell { action: row, principal: p }))}>
                            { glyph }
                        </button>
                    </div>
                }
            }) }
            <div class="matrix-resource mono" title={format!("{}{how}", action.resource_label())}>{ action.resource_label() }</div>
        </div>
    }
}
