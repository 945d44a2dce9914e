//! The problems of the request itself, shown with the decision so that
//! nobody takes an answer to a misspelt request at face value: each with
//! its severity, what is wrong, and the hint; a "did you mean" that names
//! an action or a context key is a button that makes the change.

use std::rc::Rc;

use iamplay_core::Severity;
use yew::{Html, Properties, function_component, html};

use super::Dispatch;
use super::confirm_dialog::code_spans;
use crate::state::{Action, Fix, RequestFinding};

/// Properties of [`RequestFindings`].
#[derive(Properties, PartialEq)]
pub struct RequestFindingsProps {
    /// The findings of the latest evaluation.
    pub findings: Rc<Vec<RequestFinding>>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// The list of the request's problems; nothing when it has none.
#[function_component(RequestFindings)]
pub fn request_findings(props: &RequestFindingsProps) -> Html {
    if props.findings.is_empty() {
        return Html::default();
    }
    html! {
        <ul class="request-findings" role="status" aria-label="Problems of the request"
            data-testid="request-findings">
            { for props.findings.iter().map(|finding| item(finding, &props.dispatch)) }
        </ul>
    }
}

/// One finding.
fn item(finding: &RequestFinding, dispatch: &Dispatch) -> Html {
    let severity = finding.severity.as_str();
    let class = match finding.severity {
        Severity::Error => "error",
        Severity::SecurityWarning | Severity::Warning => "warning",
        Severity::Suggestion => "suggestion",
    };
    let help = match (&finding.fix, &finding.help) {
        (Some(fix), _) => fix_button(fix, dispatch),
        (None, Some(help)) => {
            html! { <p class="finding-help">{ code_spans(&capitalize(help)) }</p> }
        }
        (None, None) => Html::default(),
    };
    html! {
        <li class={yew::classes!("request-finding", class)} data-testid="request-finding"
            data-code={finding.code.as_str()}>
            <span class={yew::classes!("tag", "severity", class)}>{ severity }</span>
            <p class="finding-message">{ code_spans(&capitalize(&finding.message)) }</p>
            { help }
        </li>
    }
}

/// "Did you mean [X]?", with X a button that applies the fix.
fn fix_button(fix: &Fix, dispatch: &Dispatch) -> Html {
    let (value, label) = match fix {
        Fix::Action(action) => (action.clone(), format!("Use {action} as the action")),
        Fix::ContextKey { from, to } => (to.clone(), format!("Rename context key {from} to {to}")),
    };
    let onclick = {
        let dispatch = dispatch.clone();
        let fix = fix.clone();
        move |_| dispatch.dispatch(Action::ApplyFix(fix.clone()))
    };
    html! {
        <p class="finding-help">
            { "Did you mean " }
            <span class="fix-choice">
                <button class="chip mono fix" aria-label={label} title="Apply this suggestion to the request"
                    data-testid="apply-fix" {onclick}>{ value }</button>
                { "?" }
            </span>
        </p>
    }
}

/// `text` with its first letter in upper case (messages are written in
/// lower case).
fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
