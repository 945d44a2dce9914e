//! Export for teaching material: an SVG drawing (the evaluation path, the
//! access matrix) downloaded as an `.svg` file, or as a `.png` drawn from
//! the same SVG onto a canvas.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlAnchorElement, HtmlCanvasElement, HtmlImageElement};
use yew::{AttrValue, Callback, Html, Properties, function_component, html};

/// The largest side of a PNG in pixels (browsers refuse larger canvases).
const MAX_SIDE: f64 = 16_000.0;

/// Properties of [`ExportButtons`].
#[derive(Properties, PartialEq)]
pub struct ExportButtonsProps {
    /// The file name without its extension, e.g. `evaluation-path`.
    pub name: AttrValue,
    /// What is exported, for the buttons' labels ("the evaluation path").
    pub what: AttrValue,
    /// Writes the standalone SVG.
    pub svg: Callback<(), String>,
}

/// "SVG" and "PNG" download buttons.
#[function_component(ExportButtons)]
pub fn export_buttons(props: &ExportButtonsProps) -> Html {
    let svg = {
        let make = props.svg.clone();
        let name = props.name.clone();
        move |_| download_svg(&make.emit(()), &format!("{name}.svg"))
    };
    let png = {
        let make = props.svg.clone();
        let name = props.name.clone();
        move |_| {
            let text = make.emit(());
            let file = format!("{name}.png");
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(error) = download_png(&text, &file).await {
                    gloo::console::error!("the PNG could not be made:", error);
                }
            });
        }
    };
    html! {
        <span class="export-buttons" role="group" aria-label={format!("Download {}", props.what)}>
            <button class="button small" onclick={svg} data-export="svg"
                title={format!("Download {} as an SVG file", props.what)}>{ "SVG" }</button>
            <button class="button small" onclick={png} data-export="png"
                title={format!("Download {} as a PNG image", props.what)}>{ "PNG" }</button>
        </span>
    }
}

/// Downloads `svg` as `file`.
pub fn download_svg(svg: &str, file: &str) {
    let blob = gloo::file::Blob::new_with_options(svg, Some("image/svg+xml"));
    download_blob(&web_sys::Blob::from(blob), file);
}

/// Offers `blob` as a download named `file`, through a link clicked
/// once; the object URL is revoked when the link is dropped.
fn download_blob(blob: &web_sys::Blob, file: &str) {
    let url = gloo::file::ObjectUrl::from(blob.clone());
    let document = gloo::utils::document();
    let Ok(link) = document
        .create_element("a")
        .map(JsCast::unchecked_into::<HtmlAnchorElement>)
    else {
        return;
    };
    link.set_href(&url);
    link.set_download(file);
    link.click();
    // Keep the URL alive until the browser has started the download.
    gloo::timers::callback::Timeout::new(10_000, move || drop(url)).forget();
}

/// Draws `svg` onto a canvas (twice the size when it stays within the
/// limits, for sharp text) and downloads it as a PNG named `file`.
pub async fn download_png(svg: &str, file: &str) -> Result<(), JsValue> {
    let (width, height) = svg_size(svg).ok_or("the SVG has no size")?;
    let scale = if width.max(height) * 2.0 <= MAX_SIDE {
        2.0
    } else {
        (MAX_SIDE / width.max(height)).min(1.0)
    };
    // A `data:` URL: the page's Content-Security-Policy lets images come
    // from the page itself and from `data:` only.
    let url = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(svg))
    );
    let image = HtmlImageElement::new()?;
    image.set_width(width as u32);
    image.set_height(height as u32);
    image.set_src(&url);
    JsFuture::from(image.decode()).await?;
    let canvas: HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")?
        .unchecked_into();
    canvas.set_width((width * scale).ceil() as u32);
    canvas.set_height((height * scale).ceil() as u32);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or("no 2d context")?
        .unchecked_into();
    context.scale(scale, scale)?;
    context.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, width, height)?;
    let png = JsFuture::from(js_sys::Promise::new(&mut |resolve, _reject| {
        // A canvas of the page's own drawing is never tainted.
        let _ = canvas.to_blob_with_type(&resolve, "image/png");
    }))
    .await?;
    let png: web_sys::Blob = png.dyn_into()?;
    download_blob(&png, file);
    Ok(())
}

/// The `width` and `height` of the `<svg>` element of `svg`.
fn svg_size(svg: &str) -> Option<(f64, f64)> {
    let head = svg.get(..svg.find('>')?)?;
    let attribute = |name: &str| -> Option<f64> {
        let start = head.find(&format!(" {name}=\""))? + name.len() + 3;
        let rest = head.get(start..)?;
        rest.get(..rest.find('"')?)?.parse().ok()
    };
    Some((attribute("width")?, attribute("height")?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_is_read_from_the_svg_element() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" class="x" width="360" height="512.5" viewBox="0 0 360 512.5"><rect width="9" height="9"/></svg>"#;
        assert_eq!(svg_size(svg), Some((360.0, 512.5)));
        assert_eq!(svg_size("<svg>"), None);
    }
}
