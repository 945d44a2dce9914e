//! The Problems list under the editor: every finding of the workspace and
//! of the request, each with its severity, document, line:column and
//! message. A finding in a document is a button that opens the document
//! with the finding selected; one of the request moves the focus to the
//! request field it is about. Escape closes the list and gives the focus
//! back to the button that opened it.

use std::rc::Rc;

use iamplay_core::{Code, Severity};
use web_sys::HtmlElement;
use yew::{
    Html, KeyboardEvent, Properties, function_component, html, use_effect_with, use_node_ref,
};

use super::Dispatch;
use super::confirm_dialog::code_spans;
use crate::state::{Action, ListedProblem, ProblemPlace, ProblemsPanel};

/// The id of the button that opens and closes the list (in the editor's
/// header).
pub const PROBLEMS_BUTTON_ID: &str = "problems-button";

/// The id of the list's panel, for the button's `aria-controls`.
pub const PROBLEMS_PANEL_ID: &str = "problems-panel";

/// Properties of [`ProblemsList`].
#[derive(Properties, PartialEq)]
pub struct ProblemsListProps {
    /// The open panel.
    pub panel: Rc<ProblemsPanel>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// The panel; its first problem (or the current one) takes the focus
/// when it opens from the button.
#[function_component(ProblemsList)]
pub fn problems_list(props: &ProblemsListProps) -> Html {
    let list_ref = use_node_ref();
    {
        let list_ref = list_ref.clone();
        let linked = props.panel.current.is_some();
        use_effect_with((), move |()| {
            // Opened from the button: the focus goes into the list. Opened
            // from a link in the decision, the editor has it.
            if !linked
                && let Some(first) = list_ref
                    .cast::<HtmlElement>()
                    .and_then(|list| list.query_selector("button").ok().flatten())
                    .and_then(|b| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(b).ok())
            {
                let _ = first.focus();
            }
        });
    }
    let onkeydown = {
        let dispatch = props.dispatch.clone();
        move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                event.stop_propagation();
                dispatch.dispatch(Action::ShowProblems(false));
                focus_by_id(PROBLEMS_BUTTON_ID);
            }
        }
    };
    let close = {
        let dispatch = props.dispatch.clone();
        move |_| {
            dispatch.dispatch(Action::ShowProblems(false));
            focus_by_id(PROBLEMS_BUTTON_ID);
        }
    };
    let list = &props.panel.list;
    html! {
        <section id={PROBLEMS_PANEL_ID} class="problems-panel" aria-labelledby="problems-title"
            data-testid="problems-panel" {onkeydown}>
            <header class="problems-head">
                <h2 id="problems-title" class="problems-title">{ "Problems" }</h2>
                <span class="problems-count">{ count_label(list) }</span>
                <button class="icon-button problems-close" aria-label="Close the Problems list"
                    title="Close (Escape)" onclick={close}>{ "×" }</button>
            </header>
            if list.is_empty() {
                <p class="problems-empty">{ "No problems in the workspace or the request." }</p>
            } else {
                <ol class="problems-list" ref={list_ref}>
                    { for list.iter().enumerate().map(|(i, problem)| {
                        item(i, problem, props.panel.current == Some(i), &props.dispatch)
                    }) }
                </ol>
            }
        </section>
    }
}

/// One problem: a button when it can be revealed.
fn item(index: usize, problem: &ListedProblem, current: bool, dispatch: &Dispatch) -> Html {
    let class = match problem.severity {
        Severity::Error => "error",
        Severity::SecurityWarning | Severity::Warning => "warning",
        Severity::Suggestion => "suggestion",
    };
    let content = html! {
        <>
            <span class={yew::classes!("tag", "severity", class)}>{ problem.severity.as_str() }</span>
            <span class="problem-source">{ problem.source().to_owned() }</span>
            <span class="problem-position mono">{ problem.position().unwrap_or_default() }</span>
            <span class="problem-message">{ code_spans(&capitalize(&problem.message)) }</span>
        </>
    };
    let revealable = matches!(
        problem.place,
        ProblemPlace::Document {
            document: Some(_),
            ..
        } | ProblemPlace::Request
    );
    let item_class = yew::classes!("problem", class, current.then_some("current"));
    if !revealable {
        return html! {
            <li class={item_class} data-testid="problem" data-code={problem.code.as_str()}>
                <div class="problem-item">{ content }</div>
            </li>
        };
    }
    let onclick = {
        let dispatch = dispatch.clone();
        let request_field = match problem.place {
            ProblemPlace::Request => Some(request_field(problem.code)),
            _ => None,
        };
        move |_| {
            dispatch.dispatch(Action::RevealProblem(index));
            if let Some(id) = request_field {
                focus_by_id(id);
            }
        }
    };
    let label = match problem.position() {
        Some(position) => format!("Show in the editor: {} at {position}", problem.source()),
        None => "Go to the request".to_owned(),
    };
    html! {
        <li class={item_class} data-testid="problem" data-code={problem.code.as_str()}>
            <button class="problem-item" title={label} aria-current={current.then_some("true")}
                {onclick}>
                { content }
            </button>
        </li>
    }
}

/// The request field a request finding is about.
fn request_field(code: Code) -> &'static str {
    match code {
        Code::ResourceFitsNoType | Code::ResourceNotSupported => "request-resource",
        Code::UnknownConditionKey | Code::ContextValueType => "context-key-input",
        _ => "request-action",
    }
}

/// "3 problems: 1 error, 2 warnings".
fn count_label(list: &[ListedProblem]) -> String {
    let errors = list
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let total = list.len();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match errors {
        0 => plural(total, "problem"),
        _ => format!("{} ({})", plural(total, "problem"), plural(errors, "error")),
    }
}

/// Gives the focus to the element with this id, if there is one.
fn focus_by_id(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(e).ok())
    {
        let _ = element.focus();
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
