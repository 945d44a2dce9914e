//! A small static file server for the built page (`dist/`): GET and HEAD,
//! one thread per connection, the right MIME types (`application/wasm`
//! among them), nothing outside the served folder. A file with a
//! precompressed copy beside it (`F.br`, `F.gz`, written by
//! `precompress.rs`) is sent as that copy with `Content-Encoding` when the
//! client's `Accept-Encoding` takes it. Every answer allows any origin
//! (`Access-Control-Allow-Origin: *`): the files are public, and a
//! documentation page elsewhere loads `embed.js` as a module, which needs it.
//! Files named after their content are kept by the browser for good; the
//! rest are asked again each time (`cache_control`).

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crate::precompress::Coding;

/// A listening server; [`Server::serve`] answers requests.
pub struct Server {
    listener: TcpListener,
    root: Arc<PathBuf>,
}

impl Server {
    /// Listens on `127.0.0.1:port` (port 0: any free port) and will serve
    /// the files under `root`.
    pub fn bind(root: &Path, port: u16) -> Result<Self, String> {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .map_err(|error| format!("cannot listen on 127.0.0.1:{port}: {error}"))?;
        Ok(Self {
            listener,
            root: Arc::new(root.to_path_buf()),
        })
    }

    /// The address the server listens on.
    pub fn address(&self) -> Result<SocketAddr, String> {
        self.listener
            .local_addr()
            .map_err(|error| format!("cannot read the server's address: {error}"))
    }

    /// Answers requests until the process ends.
    pub fn serve(self) {
        for stream in self.listener.incoming().flatten() {
            let root = Arc::clone(&self.root);
            thread::spawn(move || {
                // A client that hangs up mid-answer is not our problem.
                let _ = answer(stream, &root);
            });
        }
    }

    /// Answers requests on a background thread.
    pub fn spawn(self) {
        thread::spawn(move || self.serve());
    }
}

/// How long a kept-alive connection may wait for its next request.
const IDLE_TIMEOUT: Duration = Duration::from_secs(5);

/// Answers the requests of one connection, one after the other, until
/// the client closes it (or asks to), stays idle for [`IDLE_TIMEOUT`], or
/// sends a request that is not a GET or a HEAD. Keeping connections open
/// spares the browser a new one for every file: a page of five embeds
/// asks for about forty over its six connections to the origin.
fn answer(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IDLE_TIMEOUT))?;
    // Each answer is written as its head, then its body: sent at once,
    // not held back until the client acknowledges the head.
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut stream = stream;
    while answer_one(&mut reader, &mut stream, root)? {}
    Ok(())
}

/// Reads one request from `reader` and answers it on `stream`; whether
/// the connection may carry another.
fn answer_one(
    reader: &mut BufReader<TcpStream>,
    stream: &mut TcpStream,
    root: &Path,
) -> std::io::Result<bool> {
    let mut request_line = String::new();
    if reader.read_line(&mut request_line)? == 0 {
        return Ok(false);
    }
    // Of the headers, `Accept-Encoding` changes the answer and
    // `Connection: close` ends the connection after it.
    let mut accepted = Vec::new();
    let mut keep_alive = true;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("accept-encoding") {
                accepted.extend(accepted_codings(value));
            } else if name.trim().eq_ignore_ascii_case("connection")
                && value.trim().eq_ignore_ascii_case("close")
            {
                keep_alive = false;
            }
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    if method != "GET" && method != "HEAD" {
        // It may have a body this server does not read: the connection
        // ends with the answer.
        let head = Head::plain("405 Method Not Allowed", "text/plain");
        respond(stream, &head, b"", true)?;
        return Ok(false);
    }
    answer_request(stream, root, target, method == "GET", &accepted)?;
    Ok(keep_alive)
}

/// Answers a GET (`with_body`) or HEAD of `target` with `accepted` codings.
fn answer_request(
    stream: &mut TcpStream,
    root: &Path,
    target: &str,
    with_body: bool,
    accepted: &[Coding],
) -> std::io::Result<()> {
    let not_found = Head::plain("404 Not Found", "text/plain; charset=utf-8");
    let Some(path) = resolve(root, target) else {
        return respond(stream, &not_found, b"not found\n", with_body);
    };
    let coded = Coding::PREFERRED
        .into_iter()
        .filter(|coding| accepted.contains(coding))
        .find_map(|coding| {
            fs::read(coding.beside(&path))
                .ok()
                .map(|body| (coding, body))
        });
    let (coding, body) = match coded {
        Some((coding, body)) => (Some(coding), body),
        None => match fs::read(&path) {
            Ok(body) => (None, body),
            Err(_) => return respond(stream, &not_found, b"not found\n", with_body),
        },
    };
    let head = Head {
        status: "200 OK",
        content_type: mime_type(&path),
        coding,
        cache: cache_control(root, &path),
    };
    respond(stream, &head, &body, with_body)
}

/// What an answer's head says besides the body's length.
struct Head<'a> {
    status: &'a str,
    content_type: &'a str,
    /// The body's `Content-Encoding`, when it is a precompressed copy.
    coding: Option<Coding>,
    cache: &'a str,
}

impl<'a> Head<'a> {
    /// An answer of the server's own: not compressed, not kept.
    fn plain(status: &'a str, content_type: &'a str) -> Self {
        Head {
            status,
            content_type,
            coding: None,
            cache: NO_CACHE,
        }
    }
}

/// Writes a whole answer: `head`, and `body` when `with_body` (its
/// length either way).
fn respond(
    stream: &mut TcpStream,
    head: &Head<'_>,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    let Head {
        status,
        content_type,
        coding,
        cache,
    } = head;
    let mut text = format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n");
    if let Some(coding) = coding {
        text.push_str(&format!(
            "Content-Encoding: {}\r\nVary: Accept-Encoding\r\n",
            coding.token()
        ));
    }
    text.push_str(&format!(
        "Content-Length: {}\r\nCache-Control: {cache}\r\nX-Content-Type-Options: nosniff\r\n\
         Access-Control-Allow-Origin: *\r\n\r\n",
        body.len()
    ));
    stream.write_all(text.as_bytes())?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The codings an `Accept-Encoding` value takes (`br;q=1.0, gzip`): every
/// listed one without `q=0`.
fn accepted_codings(value: &str) -> Vec<Coding> {
    value
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';').map(str::trim);
            let name = parts.next()?;
            let refused = parts.any(|parameter| {
                parameter
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            if refused {
                return None;
            }
            Coding::PREFERRED
                .into_iter()
                .find(|coding| name.eq_ignore_ascii_case(coding.token()))
        })
        .collect()
}

/// The file under `root` that a request target names (`/` is
/// `index.html`); `None` for anything that would leave `root` or is not a
/// file.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    let decoded = percent_decode(path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|component| !matches!(component, Component::Normal(_)))
    {
        return None;
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// The `Cache-Control` of a file that may change from one build to the
/// next: asked again each time.
const NO_CACHE: &str = "no-cache";

/// The `Cache-Control` of a file whose name carries the hash of its
/// content: it never changes under that name.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// How the browser may keep `path` (under `root`): [`IMMUTABLE`] for the
/// files trunk and the build name after their content at the top of the
/// page's folder (`iamplay-app-<hash>.js`, `..._bg.wasm`,
/// `app-<hash>.css`, `start-<hash>.js`), else [`NO_CACHE`]: the page,
/// `embed.js`, the data files, Monaco's files and wasm-bindgen's
/// snippets (whose folder hash names the crate, not the content). Kept,
/// the embeds of one page share one download of each: the browser's
/// cache hands the others the first one's answer.
fn cache_control(root: &Path, path: &Path) -> &'static str {
    let top_level = path.parent() == Some(root);
    let stem = path
        .file_name()
        .and_then(|name| name.to_str())
        .and_then(|name| name.split('.').next())
        .map(|stem| stem.strip_suffix("_bg").unwrap_or(stem));
    let hashed = stem
        .and_then(|stem| stem.rsplit_once('-'))
        .is_some_and(|(_, hash)| {
            (15..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
        });
    if top_level && hashed {
        IMMUTABLE
    } else {
        NO_CACHE
    }
}

/// Decodes `%XX` escapes; `None` on a malformed escape or invalid UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte == b'%' {
            let hex = text.get(at + 1..at + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            at += 3;
        } else {
            decoded.push(byte);
            at += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// The `Content-Type` of a file, by its extension.
pub fn mime_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|extension| extension.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("ttf") => "font/ttf",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::{
        IMMUTABLE, NO_CACHE, accepted_codings, cache_control, mime_type, percent_decode, resolve,
    };
    use crate::precompress::Coding;
    use std::path::Path;

    #[test]
    fn accept_encoding_lists_the_codings_not_refused() {
        assert_eq!(
            accepted_codings("gzip, deflate, br, zstd"),
            [Coding::Gzip, Coding::Brotli]
        );
        assert_eq!(accepted_codings("br;q=0, GZIP;q=0.5"), [Coding::Gzip]);
        assert!(accepted_codings("identity").is_empty());
    }

    #[test]
    fn wasm_and_javascript_have_the_types_browsers_require() {
        assert_eq!(mime_type(Path::new("app_bg.wasm")), "application/wasm");
        assert_eq!(
            mime_type(Path::new("monaco/json.worker.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(mime_type(Path::new("favicon.svg")), "image/svg+xml");
        assert_eq!(mime_type(Path::new("monaco/codicon.ttf")), "font/ttf");
        assert_eq!(mime_type(Path::new("README")), "application/octet-stream");
    }

    #[test]
    fn requests_cannot_leave_the_served_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert!(resolve(root, "/src/main.rs").is_some());
        assert!(resolve(root, "/src/main.rs?cache=1").is_some());
        assert!(resolve(root, "/../Cargo.toml").is_none());
        assert!(resolve(root, "/src/%2e%2e/%2e%2e/Cargo.toml").is_none());
        assert!(resolve(root, "/missing.txt").is_none());
    }

    #[test]
    fn files_named_after_their_content_are_kept() {
        let root = Path::new("/dist");
        for kept in [
            "iamplay-app-d617763207be8879.js",
            "iamplay-app-d617763207be8879_bg.wasm",
            "app-40f825bd8f4374a2.css",
            "start-a087c71431bc8907.js",
            "favicon-fbb590f1cb09c26.svg",
        ] {
            assert_eq!(cache_control(root, &root.join(kept)), IMMUTABLE, "{kept}");
        }
        for asked_again in [
            "index.html",
            "embed.js",
            "app-wasm.js",
            "services.txt",
            "embed-demo.html",
            "monaco/editor.js",
            "snippets/iamplay-app-2c242bde295fad8b/src/components/load_editor.js",
            "not-a-hash-zzzzzzzzzzzzzzzz.js",
        ] {
            assert_eq!(
                cache_control(root, &root.join(asked_again)),
                NO_CACHE,
                "{asked_again}"
            );
        }
    }

    #[test]
    fn one_connection_carries_several_requests() {
        use std::io::{BufRead, BufReader, Read, Write};
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let server = super::Server::bind(&root, 0).expect("a free port");
        let address = server.address().expect("its address");
        server.spawn();
        let mut stream = std::net::TcpStream::connect(address).expect("connected");
        let mut reader = BufReader::new(stream.try_clone().expect("a second handle"));
        // One answer: its status line and its body (read by its length).
        let mut next = |path: &str, close: bool| -> (String, Vec<u8>) {
            let connection = if close { "Connection: close\r\n" } else { "" };
            write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n{connection}\r\n").expect("sent");
            let mut status = String::new();
            reader.read_line(&mut status).expect("a status line");
            let mut length = 0;
            loop {
                let mut header = String::new();
                reader.read_line(&mut header).expect("a header");
                if header.trim().is_empty() {
                    break;
                }
                if let Some(value) = header.strip_prefix("Content-Length:") {
                    length = value.trim().parse().expect("a length");
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).expect("the body");
            (status.trim().to_owned(), body)
        };
        let main = std::fs::read(root.join("main.rs")).expect("main.rs");
        assert_eq!(
            next("/main.rs", false),
            ("HTTP/1.1 200 OK".to_owned(), main.clone())
        );
        assert_eq!(next("/nothing.rs", false).0, "HTTP/1.1 404 Not Found");
        assert_eq!(next("/main.rs", true), ("HTTP/1.1 200 OK".to_owned(), main));
        let mut rest = Vec::new();
        reader
            .read_to_end(&mut rest)
            .expect("closed after `Connection: close`");
        assert!(rest.is_empty());
    }

    #[test]
    fn percent_escapes_decode() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/bad%2"), None);
        assert_eq!(percent_decode("/bad%zz"), None);
    }
}
