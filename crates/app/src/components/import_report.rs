//! After importing anything but a workspace file (authorization details,
//! a CloudFormation template, a Terraform plan or state): what the file
//! was read as and what was imported, then, each at its line and column
//! in the file, the values left as placeholders and what was left out.

use std::rc::Rc;

use web_sys::HtmlElement;
use yew::{
    Html, KeyboardEvent, Properties, function_component, html, use_effect_with, use_node_ref,
};

use super::Dispatch;
use super::confirm_dialog::code_spans;
use crate::state::import_file::ImportNote;
use crate::state::{Action, ImportReport};

/// Properties of [`ImportReportDialog`].
#[derive(Properties, PartialEq)]
pub struct ImportReportDialogProps {
    /// The report.
    pub report: Rc<ImportReport>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// A dialog with the import's summary and what it skipped.
#[function_component(ImportReportDialog)]
pub fn import_report_dialog(props: &ImportReportDialogProps) -> Html {
    let button = use_node_ref();
    {
        let button = button.clone();
        use_effect_with((), move |()| {
            if let Some(button) = button.cast::<HtmlElement>() {
                // Moving the focus into the dialog is a convenience.
                let _ = button.focus();
            }
        });
    }
    let close = {
        let dispatch = props.dispatch.clone();
        move |_| dispatch.dispatch(Action::DismissImportReport)
    };
    let onkeydown = {
        let dispatch = props.dispatch.clone();
        move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                dispatch.dispatch(Action::DismissImportReport);
            }
        }
    };
    let report = &props.report;
    let file = report.file_name.as_deref();
    html! {
        <div class="modal-backdrop" {onkeydown}>
            <div class="modal import-report" role="dialog" aria-modal="true"
                aria-labelledby="import-title" data-testid="import-report">
                <h2 id="import-title" class="modal-title">{ code_spans(&format!("Imported {}", report.format)) }</h2>
                <p>{ code_spans(&report.summary) }</p>
                if !report.placeholders.is_empty() {
                    <h3 class="import-list-title">{ format!("Placeholders ({})", report.placeholders.len()) }</h3>
                    <p class="hint">{ code_spans("Values the file alone does not give stand in the workspace as `<unresolved:…>` placeholders: replace them with real values before trusting a decision that depends on them.") }</p>
                    <ul class="usage-list skipped-list" data-testid="import-placeholders">
                        { for report.placeholders.iter().map(|note| line(note, file)) }
                    </ul>
                }
                if !report.skipped.is_empty() {
                    <h3 class="import-list-title">{ format!("Left out or changed ({})", report.skipped.len()) }</h3>
                    <ul class="usage-list skipped-list" data-testid="import-skipped">
                        { for report.skipped.iter().map(|note| line(note, file)) }
                    </ul>
                }
                if report.placeholders.is_empty() && report.skipped.is_empty() {
                    <p class="hint">{ "Nothing was left out." }</p>
                }
                <div class="modal-actions">
                    <button ref={button} class="button primary" onclick={close}>{ "OK" }</button>
                </div>
            </div>
        </div>
    }
}

/// One note, after its place in the file when it has one
/// (`FILE:LINE:COLUMN`).
fn line(note: &ImportNote, file: Option<&str>) -> Html {
    let place = note.place.as_ref().map(|place| match file {
        Some(file) => format!("{file}:{place}"),
        None => place.clone(),
    });
    html! {
        <li>
            if let Some(place) = place {
                <code class="note-place">{ place }</code>{ " " }
            }
            { code_spans(&capitalize(&note.message)) }
        </li>
    }
}

/// `text` with its first letter in upper case.
fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
