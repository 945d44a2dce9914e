//! One consulted policy in the decision panel: its statements, each
//! matched or not, with the entry that matched and each condition's
//! values and result. Clicking a statement opens it in the editor.

use std::rc::Rc;

use iamplay_core::response::{
    ConditionTrace, ElementTrace, Response, StatementRole, StatementTrace,
};
use yew::{Html, Properties, function_component, html, use_state};

use super::Dispatch;
use super::confirm_dialog::code_spans;
use crate::state::Action;
use crate::state::problems::Explanation;

/// One policy of a response. Two are equal when the policy's trace is, so
/// a new response re-renders only the policies whose trace changed.
#[derive(Clone, Debug)]
pub struct TraceOf {
    /// The response.
    pub response: Rc<Response>,
    /// Which of its policies.
    pub index: usize,
}

impl PartialEq for TraceOf {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
            && (Rc::ptr_eq(&self.response, &other.response)
                || self.response.policies.get(self.index)
                    == other.response.policies.get(other.index))
    }
}

/// Properties of [`PolicyTraceView`].
#[derive(Properties, PartialEq)]
pub struct PolicyTraceProps {
    /// The policy.
    pub trace: TraceOf,
    /// How many policies the response has (few: all open at first).
    pub policies: usize,
    /// Whether the policy can be opened in the editor.
    pub openable: bool,
    /// The findings that explain why statements of the response do not
    /// apply (an implicit deny's).
    #[prop_or_default]
    pub explained: Rc<Vec<Explanation>>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// The trace of one policy.
#[function_component(PolicyTraceView)]
pub fn policy_trace_view(props: &PolicyTraceProps) -> Html {
    let trace = props.trace.response.policies.get(props.trace.index);
    let applies = trace.is_some_and(|t| t.statements.iter().any(|s| s.applies));
    let expanded = use_state(|| None::<bool>);
    let Some(trace) = trace else {
        return Html::default();
    };
    let open = expanded.unwrap_or(applies || props.policies <= 4);
    let toggle = {
        let expanded = expanded.clone();
        move |_| expanded.set(Some(!open))
    };
    let mut place = trace.policy_type.describe().to_owned();
    if let Some(level) = &trace.level {
        place.push_str(&format!(" at {level}"));
    }
    let list_id = format!("policy-trace-{}", props.trace.index);
    html! {
        <li class="policy-trace" data-policy={trace.name.to_string()}>
            <div class="policy-head">
                <button class="expander" aria-expanded={open.to_string()} aria-controls={list_id.clone()}
                    aria-label={format!("{} the statements of {}", if open { "Hide" } else { "Show" }, trace.name)}
                    onclick={toggle}>{ if open { "▾" } else { "▸" } }</button>
                <div class="policy-title">
                    <span class="policy-name">{ trace.name.clone() }</span>
                    <span class="policy-where">{ place }{ " · " }{ code_spans(&trace.attachment) }</span>
                </div>
                if !applies {
                    <span class="tag muted">{ "no statement applies" }</span>
                }
            </div>
            if open {
                <ol class="statements" id={list_id}>
                    { for trace.statements.iter().enumerate().map(|(i, statement)| statement_view(props, i, statement)) }
                </ol>
            }
        </li>
    }
}

/// One statement: effect, label and role, why, and its checks.
fn statement_view(props: &PolicyTraceProps, i: usize, statement: &StatementTrace) -> Html {
    let label = match &statement.sid {
        Some(sid) if !sid.is_empty() => sid.to_string(),
        _ => format!("statement {}", statement.index + 1),
    };
    let role = statement.role.label();
    let role_class = match statement.role {
        StatementRole::Deciding => "deciding",
        StatementRole::Overridden => "overridden",
        StatementRole::Applies => "applies",
        StatementRole::NotApplicable => "not-applicable",
    };
    let effect = statement.effect.as_str();
    let reveal = {
        let dispatch = props.dispatch.clone();
        let policy = props.trace.index;
        move |_| {
            dispatch.dispatch(Action::RevealStatement {
                policy,
                statement: i,
            })
        }
    };
    let checks = html! {
        <ul class="checks">
            { element_check(&statement.action) }
            { for statement.resource.iter().map(element_check) }
            { for statement.principal.iter().map(element_check) }
            { for statement.conditions.iter().map(condition_check) }
        </ul>
    };
    let head = html! {
        <>
            <span class={yew::classes!("effect", effect.to_ascii_lowercase())}>{ effect }</span>
            <span class="statement-label">{ label.clone() }</span>
            <span class={yew::classes!("role-tag", role_class)}>{ role }</span>
        </>
    };
    html! {
        <li class={yew::classes!("statement", role_class, effect.to_ascii_lowercase())}
            data-statement={label.clone()} data-role={role_class}>
            if props.openable {
                <button class="statement-head" onclick={reveal}
                    title="Show this statement in the editor"
                    aria-label={format!("{effect} statement {label}, {role}: show it in the editor")}>
                    { head }
                </button>
            } else {
                <div class="statement-head">{ head }</div>
            }
            <p class="reason">{ code_spans(statement.reason()) }</p>
            { explanation_link(props, i) }
            if statement.applies {
                { checks }
            } else {
                <details class="statement-more">
                    <summary>{ "Each element" }</summary>
                    { checks }
                </details>
            }
        </li>
    }
}

/// The finding that explains why statement `i` does not apply, as a link
/// that reveals it (in the editor, and in the Problems list).
fn explanation_link(props: &PolicyTraceProps, i: usize) -> Html {
    let Some((index, explanation)) = props
        .explained
        .iter()
        .enumerate()
        .find(|(_, e)| e.policy == props.trace.index && e.statement == i)
    else {
        return Html::default();
    };
    let onclick = {
        let dispatch = props.dispatch.clone();
        move |_| dispatch.dispatch(Action::RevealExplanation(index))
    };
    let finding = &explanation.finding;
    let place = format!("{}:{}", finding.loc.start.line, finding.loc.start.column);
    html! {
        <p class="explained-by" data-testid="explaining-finding" data-code={finding.code.as_str()}>
            <span class={yew::classes!("tag", "severity", "warning")}>{ finding.severity.as_str() }</span>
            { " A finding explains it: " }
            <button class="link-button" {onclick}
                aria-label={format!("Show the finding at {place} of {}", explanation.document.name())}>
                { format!("{} at {place}", finding.code.as_str()) }
            </button>
            <span class="explained-message">{ " — " }{ code_spans(&finding.message) }</span>
        </p>
    }
}

/// An Action, Resource or Principal element: whether it lets the
/// statement apply, and why.
fn element_check(element: &ElementTrace) -> Html {
    html! {
        <li class={yew::classes!("check-row", if element.satisfied { "ok" } else { "fail" })}>
            <span class="check-mark" aria-hidden="true">{ if element.satisfied { "✓" } else { "✗" } }</span>
            <span class="check-element">{ element.element.clone() }</span>
            <span class="check-detail">{ code_spans(&element.detail) }</span>
        </li>
    }
}

/// One condition clause: operator, key, request and policy values, result.
fn condition_check(condition: &ConditionTrace) -> Html {
    let request = match &condition.request_values {
        Some(values) if values.is_empty() => "no values".to_owned(),
        Some(values) => values.join(", "),
        None => "absent".to_owned(),
    };
    let note = condition.note.describe();
    html! {
        <li class={yew::classes!("check-row", "condition", if condition.holds { "ok" } else { "fail" })}>
            <span class="check-mark" aria-hidden="true">{ if condition.holds { "✓" } else { "✗" } }</span>
            <span class="check-element">{ "Condition" }</span>
            <span class="check-detail">
                <code>{ condition.operator.clone() }</code>{ " " }
                <code>{ condition.key.clone() }</code>
                <span class="values">
                    { "request: " }<code>{ request }</code>
                    { " · policy: " }<code>{ condition.policy_values.join(", ") }</code>
                    { " → " }<strong>{ if condition.holds { "holds" } else { "does not hold" } }</strong>
                    if let Some(note) = note { { format!(" ({note})") } }
                </span>
            </span>
        </li>
    }
}
