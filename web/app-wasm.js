// app-wasm.js: fetches the app's `.wasm` for the app's start, once for
// all the embeds of a documentation page.
//
// `cargo xtask build` (xtask/src/page_order.rs) puts this module first of
// the page's scripts (`web/page-files.js` adds them to `<head>` once the
// shell is painted), `async` (it runs as soon as it arrives, while the app's start
// module waits for the page's stylesheets), with the `.wasm`'s address in
// `data-wasm`. The start asks `fetch` for that address: it gets this
// module's response. Trunk's `<link rel="preload">` of the `.wasm` stays
// for page-sized windows (`media`); this fetch takes its response.
//
// The embeds of one page (`embed.js`, or several `?embed` iframes) are
// same-origin frames of one renderer, shorter than the preload's `media`.
// With a preload each fetched, decompressed and hashed the 1.9 MB `.wasm`
// by itself, all at once, holding the browser's six connections to the
// server while the rest of their files waited. Here the first embed fetches it and the others
// borrow its bytes (a sibling frame is found through `parent.frames`,
// which a cross-origin parent allows; a frame of another origin throws
// and is skipped); V8 compiles identical bytes once. On a page of the
// playground's own origin, `embed.js` fetches them in the page itself as
// soon as it makes the first embed, and every embed borrows them. An embed whose
// lender fails, or is slower than 10 s, fetches the `.wasm` itself.

const script = document.querySelector("script[data-wasm]");
const url = script ? new URL(script.dataset.wasm, location.href).href : null;
const KEY = "__iamplayAppWasm";
const PATIENCE_MS = 10_000;

// The shared bytes of `url` that a same-origin parent (`embed.js` on a
// page of the playground's origin) or sibling frame fetches.
function lender() {
  if (window.parent === window) {
    return null;
  }
  const frames = window.parent.frames;
  const candidates = [window.parent];
  for (let i = 0; i < frames.length; i += 1) {
    if (frames[i] !== window) {
      candidates.push(frames[i]);
    }
  }
  for (const candidate of candidates) {
    try {
      const shared = candidate[KEY];
      if (shared && shared.url === url) {
        return shared.bytes;
      }
    } catch {
      // A frame of another origin.
    }
  }
  return null;
}

// `bytes` as the response of a fetch of the `.wasm`.
function response(bytes) {
  return new Response(bytes, { headers: { "Content-Type": "application/wasm" } });
}

// Fetches the `.wasm`; an error for anything but 200.
async function fetchBytes(nativeFetch) {
  const answer = await nativeFetch(url);
  if (!answer.ok) {
    throw new Error(`the app's .wasm: ${answer.status} ${answer.statusText}`);
  }
  return answer.arrayBuffer();
}

// The response the app's start gets: borrowed bytes, or this frame's own
// fetch (an embed shares its bytes; the full page keeps the response as
// it streams, so that compiling starts while it downloads).
function start(nativeFetch) {
  const borrowed = lender();
  if (borrowed) {
    const patience = new Promise((_, reject) => {
      setTimeout(() => reject(new Error("the lending embed is too slow")), PATIENCE_MS);
    });
    return Promise.race([borrowed, patience])
      .catch(() => fetchBytes(nativeFetch))
      .then(response);
  }
  if (window.parent === window) {
    return nativeFetch(url);
  }
  const bytes = fetchBytes(nativeFetch);
  window[KEY] = { url, bytes };
  // Failed bytes are not lent: the next embed fetches its own.
  bytes.catch(() => {
    delete window[KEY];
  });
  return bytes.then(response);
}

// Whether the app's start surely has not asked for the `.wasm` yet: it
// runs once the page is parsed and its stylesheets are there (a module
// that is not `async` waits for both).
function startIsAhead() {
  return (
    document.readyState === "loading" ||
    [...document.querySelectorAll('link[rel="stylesheet"]')].some((link) => !link.sheet)
  );
}

if (url) {
  const nativeFetch = window.fetch.bind(window);
  // Fetched (or borrowed) at once while the start is surely ahead; else
  // when the start asks, if it has not asked already (then this is all
  // too late, and the start has its own fetch).
  let answer = startIsAhead() ? start(nativeFetch) : undefined;
  window.fetch = function fetch(input, init) {
    const asked = input instanceof Request ? input.url : String(input);
    if (answer !== null && new URL(asked, location.href).href === url) {
      const given = answer ?? start(nativeFetch);
      answer = null;
      return given;
    }
    return nativeFetch(input, init);
  };
}
