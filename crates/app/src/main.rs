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
    });
}
