//! Mounts the IAM Policy Playground on the page built by trunk from
//! `index.html`, once it knows what to open (a link, the saved work, an
//! embed).

use std::rc::Rc;

fn main() {
    wasm_bindgen_futures::spawn_local(async {
        let boot = iamplay_app::persist::boot().await;
        let props = iamplay_app::AppProps {
            boot: Some(Rc::new(boot)),
        };
        yew::Renderer::<iamplay_app::App>::with_props(props).render();
        remove_shell();
    });
}

/// Removes the page's shell (`#shell` in `index.html`: the title and the
/// panels' outlines, drawn before any script), now that the app is drawn.
fn remove_shell() {
    let shell = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("shell"));
    if let Some(shell) = shell {
        shell.remove();
    }
}
