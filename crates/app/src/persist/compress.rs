//! Raw DEFLATE (RFC 1951) through the browser's `CompressionStream` and
//! `DecompressionStream` (format `deflate-raw`): no compression code in
//! the app itself.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableStream, ReadableWritablePair, Response};

#[wasm_bindgen]
extern "C" {
    /// A `CompressionStream` or `DecompressionStream`: a transform stream
    /// `pipeThrough` takes (web-sys has them only as unstable APIs).
    #[wasm_bindgen(js_name = TransformStream)]
    type CodecStream;

    #[wasm_bindgen(catch, constructor, js_class = "CompressionStream")]
    fn compression(format: &str) -> Result<CodecStream, JsValue>;

    #[wasm_bindgen(catch, constructor, js_class = "DecompressionStream")]
    fn decompression(format: &str) -> Result<CodecStream, JsValue>;
}

/// The format of both streams.
const FORMAT: &str = "deflate-raw";

/// `bytes` compressed with raw DEFLATE.
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let stream = CodecStream::compression(FORMAT)
        .map_err(|_| "this browser cannot compress (no `CompressionStream`)".to_owned())?;
    run(bytes, stream).await
}

/// `bytes` decompressed from raw DEFLATE; an error when they are not
/// complete DEFLATE data.
pub async fn inflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let stream = CodecStream::decompression(FORMAT)
        .map_err(|_| "this browser cannot decompress (no `DecompressionStream`)".to_owned())?;
    run(bytes, stream).await
}

/// Pipes `bytes` through `stream` and collects what comes out.
async fn run(bytes: &[u8], stream: CodecStream) -> Result<Vec<u8>, String> {
    let failed = |_| "the data did not go through".to_owned();
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = Blob::new_with_u8_array_sequence(&parts).map_err(failed)?;
    let source: ReadableStream = blob.stream();
    let output = source.pipe_through(stream.unchecked_ref::<ReadableWritablePair>());
    let response = Response::new_with_opt_readable_stream(Some(&output)).map_err(failed)?;
    let buffer = JsFuture::from(response.array_buffer().map_err(failed)?)
        .await
        .map_err(failed)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
