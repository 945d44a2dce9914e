//! A titled panel, the frame of the workspace, request and decision columns.

use yew::{AttrValue, Children, Classes, Html, Properties, classes, function_component, html};

/// Properties of [`Panel`].
#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// The heading shown at the top of the panel.
    pub title: AttrValue,
    /// Extra CSS classes for the panel's `<section>`.
    #[prop_or_default]
    pub class: Classes,
    /// The panel's content.
    #[prop_or_default]
    pub children: Children,
}

/// A `<section>` with a heading and a scrolling body.
#[function_component(Panel)]
pub fn panel(props: &PanelProps) -> Html {
    html! {
        <section class={classes!("panel", props.class.clone())} aria-label={props.title.clone()}>
            <h2 class="panel-title">{ props.title.clone() }</h2>
            <div class="panel-body">{ props.children.clone() }</div>
        </section>
    }
}
