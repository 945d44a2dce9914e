//! The app shell in a real browser: `cargo xtask test` runs these with
//! `wasm-bindgen-test-runner` in headless Chromium.

#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use iamplay_app::App;
use iamplay_app::seed::SEED_POLICY_DOCUMENT;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The page's stylesheet, which gives the columns and the editor their
/// sizes.
const STYLESHEET: &str = include_str!("../../../web/style.css");

/// Mounts the app, styled as on the real page, into a fresh element of the
/// test page and returns it.
fn mount_app() -> Element {
    let document = gloo::utils::document();
    if document
        .query_selector("style#playground")
        .ok()
        .flatten()
        .is_none()
    {
        let style = document
            .create_element("style")
            .expect("create a style element");
        style.set_id("playground");
        style.set_text_content(Some(STYLESHEET));
        gloo::utils::head()
            .append_child(&style)
            .expect("attach the stylesheet");
    }
    let host = document
        .create_element("div")
        .expect("create a host element");
    host.set_attribute("style", "width: 1200px; height: 700px")
        .expect("size the host element");
    gloo::utils::body()
        .append_child(&host)
        .expect("attach the host element");
    yew::Renderer::<App>::with_root(host.clone()).render();
    host
}

/// Waits (up to five seconds) until `selector` matches inside `root`.
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..100 {
        if let Ok(Some(found)) = root.query_selector(selector) {
            return found;
        }
        yew::platform::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("nothing matches `{selector}` after five seconds");
}

/// The three columns are there with their panel headings, in order (the
/// right column holds the request, the decision and its evaluation).
#[wasm_bindgen_test]
async fn shell_has_workspace_editor_request_and_decision() {
    let root = mount_app();
    wait_for(&root, ".columns").await;
    let headings = root
        .query_selector_all(".panel-title")
        .expect("query the panel headings");
    let titles: Vec<String> = (0..headings.length())
        .filter_map(|i| headings.item(i))
        .filter_map(|node| node.text_content())
        .collect();
    assert_eq!(
        titles,
        ["Workspace", "Request", "Decision", "Why: the evaluation"]
    );
    let columns = root
        .query_selector_all(".columns > .column, .columns > .panel")
        .expect("query the columns");
    assert_eq!(columns.length(), 3, "three columns side by side");
}

/// Monaco starts inside the editor column and holds the seed policy.
#[wasm_bindgen_test]
async fn editor_opens_with_the_seed_policy() {
    let root = mount_app();
    let editor = wait_for(&root, ".policy-editor .monaco-editor").await;
    let lines = wait_for(&editor, ".view-lines .view-line").await;
    let host = editor
        .dyn_into::<HtmlElement>()
        .expect("the editor is an HTML element");
    assert!(
        host.offset_height() > 100,
        "the editor has room to show the policy"
    );
    // Monaco renders the first lines of the document; the seed's first line
    // is the opening brace.
    let first = lines.text_content().unwrap_or_default();
    let expected = SEED_POLICY_DOCUMENT.lines().next().unwrap_or_default();
    assert_eq!(first.trim(), expected.trim());
    let text = root
        .query_selector(".view-lines")
        .ok()
        .flatten()
        .and_then(|node| node.text_content())
        .unwrap_or_default();
    assert!(
        text.contains("2012-10-17"),
        "the policy's Version is on screen: {text}"
    );
}
