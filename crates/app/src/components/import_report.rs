//! After importing `aws iam get-account-authorization-details` output:
//! what was imported and, one line each, what the import left out.

use std::rc::Rc;

use web_sys::HtmlElement;
use yew::{
    Html, KeyboardEvent, Properties, function_component, html, use_effect_with, use_node_ref,
};

use super::Dispatch;
use super::confirm_dialog::code_spans;
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
    let skipped = &props.report.skipped;
    html! {
        <div class="modal-backdrop" {onkeydown}>
            <div class="modal import-report" role="dialog" aria-modal="true"
                aria-labelledby="import-title" data-testid="import-report">
                <h2 id="import-title" class="modal-title">{ "Imported the account's authorization details" }</h2>
                <p>{ code_spans(&props.report.summary) }</p>
                if skipped.is_empty() {
                    <p class="hint">{ "Nothing was left out." }</p>
                } else {
                    <p>{ format!("Left out or changed ({}):", skipped.len()) }</p>
                    <ul class="usage-list skipped-list" data-testid="import-skipped">
                        { for skipped.iter().map(|line| html! { <li>{ code_spans(&capitalize(line)) }</li> }) }
                    </ul>
                }
                <div class="modal-actions">
                    <button ref={button} class="button primary" onclick={close}>{ "OK" }</button>
                </div>
            </div>
        </div>
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
