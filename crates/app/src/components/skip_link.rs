//! "Skip to request": the page's first focusable element, hidden until it
//! has the focus, that moves the focus past the top bar, the workspace
//! and the editor to the request's principal.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::{Html, MouseEvent, function_component, html};

/// The element the link moves the focus to: the request's first field.
const TARGET_ID: &str = "request-principal";

/// The skip link.
#[function_component(SkipLink)]
pub fn skip_link() -> Html {
    let onclick = |event: MouseEvent| {
        // The page's address keeps its own fragment (shared links).
        event.prevent_default();
        if let Some(target) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(TARGET_ID))
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = target.focus();
            target.scroll_into_view();
        }
    };
    html! {
        <a class="skip-link" href={format!("#{TARGET_ID}")} data-testid="skip-link" {onclick}>
            { "Skip to request" }
        </a>
    }
}
