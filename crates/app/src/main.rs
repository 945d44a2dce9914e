//! Mounts the IAM Policy Playground on the page built by trunk from
//! `index.html`.

fn main() {
    yew::Renderer::<iamplay_app::App>::new().render();
}
