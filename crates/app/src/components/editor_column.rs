//! The center column: the open policy in the editor, with its name and
//! kind above it.

use std::rc::Rc;

use yew::{Html, Properties, function_component, html};

use super::confirm_dialog::code_spans;
use super::editor_loader::EditorLoader;
use super::problems_list::{PROBLEMS_BUTTON_ID, PROBLEMS_PANEL_ID, ProblemsList};
use super::{Dispatch, PolicyEditor, Reveal};
use crate::state::editor_view::model_key;
use crate::state::{Action, EditorView, ProblemCounts, ProblemsPanel};
use iamplay_core::Severity;

/// Properties of [`EditorColumn`].
#[derive(Properties, PartialEq)]
pub struct EditorColumnProps {
    /// The open document, if any.
    pub editor: Option<Rc<EditorView>>,
    /// The latest request to show a statement.
    pub reveal: Option<Reveal>,
    /// Which workspace opened in the page the document belongs to
    /// ([`State::opened`](crate::state::State::opened)): the editor keeps
    /// one model per document per workspace opened.
    pub opened: u64,
    /// Whether no document may be edited (a read-only embed).
    #[prop_or_default]
    pub read_only: bool,
    /// Whether the problem count is a button that opens the Problems
    /// list (the playground; not an embed).
    #[prop_or_default]
    pub problems_list: bool,
    /// How many problems the workspace has.
    #[prop_or_default]
    pub problem_counts: ProblemCounts,
    /// How many problems the request has.
    #[prop_or_default]
    pub request_problems: usize,
    /// The Problems list, while it is open.
    #[prop_or_default]
    pub problems: Option<Rc<ProblemsPanel>>,
    /// Whether Monaco waits until the reader focuses the policy (embeds):
    /// see [`EditorLoader`](super::editor_loader::EditorLoader).
    #[prop_or_default]
    pub defer_editor: bool,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// The editor column.
#[function_component(EditorColumn)]
pub fn editor_column(props: &EditorColumnProps) -> Html {
    let panel = props.problems.as_ref().map(|panel| {
        html! { <ProblemsList panel={Rc::clone(panel)} dispatch={props.dispatch.clone()} /> }
    });
    let Some(view) = props.editor.as_ref() else {
        return html! {
            <section class="column editor-column" aria-label="Policy editor">
                <header class="editor-header">
                    <span class="editor-kind">{ "No policy open" }</span>
                    { problems_button(props, 0, 0) }
                </header>
                <div class="editor-empty">
                    <p>{ "Select a policy in the workspace to edit it, or create one with the + next to “Customer managed policies”." }</p>
                </div>
                { panel.clone().unwrap_or_default() }
            </section>
        };
    };
    let document = view.document.clone();
    let on_change = {
        let dispatch = props.dispatch.clone();
        let document = document.clone();
        move |text: String| dispatch.dispatch(Action::Edit(document.clone(), text))
    };
    let errors = view
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let findings = view.diagnostics.len() - errors;
    let status = status(errors, findings);
    let status = if props.problems_list {
        problems_button(props, errors, findings)
    } else if status.is_empty() {
        Html::default()
    } else {
        html! {
            <span class={yew::classes!("editor-status", (errors > 0).then_some("has-errors"))}
                data-testid="editor-status">{ status }</span>
        }
    };
    html! {
        <section class="column editor-column" aria-label="Policy editor">
            <header class="editor-header">
                <span class="editor-tab" aria-current="page" data-testid="editor-title">{ document.name().to_owned() }</span>
                <span class="editor-kind">{ code_spans(&document.kind_label()) }{ " · JSON" }</span>
                { status }
            </header>
            <EditorLoader text={view.text.clone()} read_only={props.read_only || document.read_only()}
                defer={props.defer_editor}>
                <PolicyEditor document_key={model_key(props.opened, &view.document)} text={view.text.clone()}
                    read_only={props.read_only || document.read_only()} kind={view.kind}
                    diagnostics={Rc::clone(&view.diagnostics)} highlights={Rc::clone(&view.highlights)}
                    reveal={props.reveal} {on_change} />
            </EditorLoader>
            { panel.unwrap_or_default() }
        </section>
    }
}

/// "1 error · 3 findings" for the open document; empty without any.
fn status(errors: usize, findings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, findings) {
        (0, 0) => String::new(),
        (0, n) => plural(n, "finding"),
        (e, 0) => plural(e, "error"),
        (e, n) => format!("{} · {}", plural(e, "error"), plural(n, "finding")),
    }
}

/// The button that opens the Problems list: the open document's
/// problems (`errors`, `findings`) and how many the rest of the workspace
/// and the request have; nothing when there are none anywhere.
fn problems_button(props: &EditorColumnProps, errors: usize, findings: usize) -> Html {
    if !props.problems_list {
        return Html::default();
    }
    let here = errors + findings;
    let elsewhere = (props.problem_counts.total() + props.request_problems).saturating_sub(here);
    let open = props.problems.is_some();
    if here + elsewhere == 0 && !open {
        return Html::default();
    }
    let mut label = status(errors, findings);
    if elsewhere > 0 {
        if label.is_empty() {
            label = format!(
                "{elsewhere} problem{} elsewhere",
                if elsewhere == 1 { "" } else { "s" }
            );
        } else {
            label.push_str(&format!(" · {elsewhere} elsewhere"));
        }
    }
    if label.is_empty() {
        label = "No problems".to_owned();
    }
    let onclick = {
        let dispatch = props.dispatch.clone();
        move |_| dispatch.dispatch(Action::ShowProblems(!open))
    };
    let errors_anywhere = errors > 0 || props.problem_counts.errors > 0;
    html! {
        <button id={PROBLEMS_BUTTON_ID} data-testid="editor-status"
            class={yew::classes!("editor-status", "problems-button", errors_anywhere.then_some("has-errors"))}
            aria-expanded={open.to_string()} aria-controls={open.then_some(PROBLEMS_PANEL_ID)}
            title="List every problem of the workspace and the request" {onclick}>
            { label }
        </button>
    }
}
