//! Importing by drag-and-drop: a file dropped anywhere on the page is
//! imported as the "Import…" button does (a workspace file, the output of
//! `aws iam get-account-authorization-details`, a CloudFormation template
//! in JSON or YAML, or `terraform show -json` of a plan or a state). While
//! a file is dragged over the page, an overlay says what dropping it does.

use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::DragEvent;
use yew::{Html, Properties, function_component, html, use_effect_with, use_mut_ref, use_state_eq};

use super::WorkspaceOpener;

/// Properties of [`ImportDropZone`].
#[derive(Properties, PartialEq)]
pub struct ImportDropZoneProps {
    /// Opens the dropped file without losing the user's own work.
    pub opener: WorkspaceOpener,
}

/// Listens for files dropped on the page; draws the overlay.
#[function_component(ImportDropZone)]
pub fn import_drop_zone(props: &ImportDropZoneProps) -> Html {
    let dragging = use_state_eq(|| false);
    // The listeners outlive renders; they read the latest opener from here.
    let opener = use_mut_ref(|| props.opener.clone());
    *opener.borrow_mut() = props.opener.clone();
    {
        let dragging = dragging.setter();
        use_effect_with((), move |()| {
            let options = EventListenerOptions {
                phase: EventListenerPhase::Capture,
                passive: false,
            };
            let listeners = web_sys::window().map(|window| {
                let over = {
                    let dragging = dragging.clone();
                    EventListener::new_with_options(&window, "dragover", options, move |event| {
                        if carries_files(event) {
                            event.prevent_default();
                            dragging.set(true);
                        }
                    })
                };
                let leave = {
                    let dragging = dragging.clone();
                    EventListener::new_with_options(&window, "dragleave", options, move |event| {
                        // Leaving the window: no element to go to.
                        let left = event
                            .dyn_ref::<web_sys::MouseEvent>()
                            .is_some_and(|e| e.related_target().is_none());
                        if left {
                            dragging.set(false);
                        }
                    })
                };
                let drop =
                    EventListener::new_with_options(&window, "drop", options, move |event| {
                        if !carries_files(event) {
                            return;
                        }
                        event.prevent_default();
                        event.stop_propagation();
                        dragging.set(false);
                        let file = event
                            .dyn_ref::<DragEvent>()
                            .and_then(DragEvent::data_transfer)
                            .and_then(|data| data.files())
                            .and_then(|files| files.get(0));
                        if let Some(file) = file {
                            let opener = opener.borrow().clone();
                            wasm_bindgen_futures::spawn_local(async move {
                                let text = JsFuture::from(file.text()).await.ok();
                                let text = text.and_then(|t| t.as_string()).unwrap_or_default();
                                opener.import(&file.name(), text);
                            });
                        }
                    });
                [over, leave, drop]
            });
            move || drop(listeners)
        });
    }
    if !*dragging {
        return Html::default();
    }
    html! {
        <div class="drop-overlay" data-testid="drop-overlay">
            <div class="drop-message">
                <strong>{ "Drop to import" }</strong>
                <span>{ "a workspace file, a CloudFormation template (JSON or YAML), " }
                    <code>{ "terraform show -json" }</code>{ " of a plan or state, or the output of " }
                    <code>{ "aws iam get-account-authorization-details" }</code></span>
            </div>
        </div>
    }
}

/// Whether a drag event carries files (not text dragged in the editor).
fn carries_files(event: &web_sys::Event) -> bool {
    event
        .dyn_ref::<DragEvent>()
        .and_then(DragEvent::data_transfer)
        .is_some_and(|data| data.types().includes(&"Files".into(), 0))
}
