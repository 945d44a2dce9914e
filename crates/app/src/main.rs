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
        match app_root() {
            Some(root) => {
                yew::Renderer::<iamplay_app::App>::with_root_and_props(root, props).render();
            }
            None => {
                yew::Renderer::<iamplay_app::App>::with_props(props).render();
            }
        }
        remove_shell();
    });
}

/// A new element at the end of `<body>` for the app: Yew empties the
/// element it mounts on, and `<body>` also holds the page's stylesheets
/// (put after the shell by `cargo xtask build`, see
/// `xtask/src/page_order.rs`).
fn app_root() -> Option<web_sys::Element> {
    let document = web_sys::window()?.document()?;
    let root = document.create_element("div").ok()?;
    root.set_id("playground");
    document.body()?.append_child(&root).ok()?;
    Some(root)
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
