//! The center column: the open policy in the editor, with its name and
//! kind above it.

use std::rc::Rc;

use yew::{Html, Properties, function_component, html};

use super::confirm_dialog::code_spans;
use super::editor_loader::EditorLoader;
use super::{Dispatch, PolicyEditor, Reveal};
use crate::state::editor_view::model_key;
use crate::state::{Action, EditorView};
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
    let Some(view) = props.editor.as_ref() else {
        return html! {
            <section class="column editor-column" aria-label="Policy editor">
                <header class="editor-header">
                    <span class="editor-kind">{ "No policy open" }</span>
                </header>
                <div class="editor-empty">
                    <p>{ "Select a policy in the workspace to edit it, or create one with the + next to “Customer managed policies”." }</p>
                </div>
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
    let status = match (errors, findings) {
        (0, 0) => String::new(),
        (0, n) => format!("{n} finding{}", if n == 1 { "" } else { "s" }),
        (e, 0) => format!("{e} error{}", if e == 1 { "" } else { "s" }),
        (e, n) => format!(
            "{e} error{} · {n} finding{}",
            if e == 1 { "" } else { "s" },
            if n == 1 { "" } else { "s" }
        ),
    };
    html! {
        <section class="column editor-column" aria-label="Policy editor">
            <header class="editor-header">
                <span class="editor-tab" aria-current="page" data-testid="editor-title">{ document.name().to_owned() }</span>
                <span class="editor-kind">{ code_spans(&document.kind_label()) }{ " · JSON" }</span>
                if !status.is_empty() {
                    <span class={yew::classes!("editor-status", (errors > 0).then_some("has-errors"))}
                        data-testid="editor-status">{ status }</span>
                }
            </header>
            <EditorLoader text={view.text.clone()} read_only={props.read_only || document.read_only()}
                defer={props.defer_editor}>
                <PolicyEditor document_key={model_key(props.opened, &view.document)} text={view.text.clone()}
                    read_only={props.read_only || document.read_only()} kind={view.kind}
                    diagnostics={Rc::clone(&view.diagnostics)} highlights={Rc::clone(&view.highlights)}
                    reveal={props.reveal} {on_change} />
            </EditorLoader>
        </section>
    }
}
