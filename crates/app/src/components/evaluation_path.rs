//! The decision panel's evaluation path: AWS's evaluation flow drawn as
//! SVG, the request's way through it highlighted, with SVG and PNG
//! downloads. The drawing is [`crate::teach::path`]'s; this component
//! only puts it on the page.

use std::rc::Rc;

use iamplay_core::response::Response;
use yew::{AttrValue, Callback, Html, Properties, function_component, html, use_memo};

use super::export::ExportButtons;
use crate::teach::path::{PathDiagram, path_svg};
use crate::teach::svg::Styling;

/// Properties of [`EvaluationPath`].
#[derive(Properties, PartialEq)]
pub struct EvaluationPathProps {
    /// The response whose path is drawn.
    pub response: Rc<Response>,
    /// The request in a line, written above the diagram in files.
    pub caption: AttrValue,
}

/// The evaluation path section.
#[function_component(EvaluationPath)]
pub fn evaluation_path(props: &EvaluationPathProps) -> Html {
    let drawn = use_memo(Rc::clone(&props.response), |response| {
        let diagram = PathDiagram::of(response);
        let svg = path_svg(&diagram, Styling::Page);
        (diagram, AttrValue::from(svg))
    });
    let export = {
        let drawn = Rc::clone(&drawn);
        let caption = props.caption.to_string();
        Callback::from(move |()| {
            path_svg(
                &drawn.0.clone().with_caption(caption.clone()),
                Styling::Standalone,
            )
        })
    };
    html! {
        <section class="evaluation-path" aria-labelledby="evaluation-path-title" data-testid="evaluation-path">
            <div class="section-bar">
                <h3 class="group-title" id="evaluation-path-title">{ "Evaluation path" }</h3>
                <ExportButtons name="evaluation-path" what="the evaluation path" svg={export} />
            </div>
            <div class="path-figure">{ Html::from_html_unchecked(drawn.1.clone()) }</div>
        </section>
    }
}
