// embed.js: turns the policy blocks of a documentation page into live
// embeds of the IAM Policy Playground.
//
//   <script type="module" src="https://PLAYGROUND/embed.js"></script>
//
// Every `<pre data-iamplay>` block, and every `<code class="language-iam-policy">`
// (what mdBook, Docusaurus and MkDocs write for a fenced ```iam-policy
// block), becomes an `<iframe>` of the playground's embed (`?embed`) on
// that policy, when it comes near the screen (IntersectionObserver), so a
// long page loads only what its reader sees. The block's text is the
// policy document; it travels in the embed's link as a plain link's
// `policy=` (docs/sharing.md), so nothing is uploaded anywhere.
//
// Attributes, on the `<pre>` or its `<code>`:
//
//   data-request   the request, as a plain link's parameters:
//                  `action=s3:GetObject&resource=arn:aws:s3:::reports/q1.csv`,
//                  with `principal=`, `mfa=true` and context keys
//                  (`aws:SourceIp=192.0.2.7`) as needed; default: every
//                  action (`*`) on every resource, by the user `alice`
//   data-readonly  the policy cannot be edited in the embed
//   data-height    the embed's height in pixels (default 420)
//   data-hide      panels to leave out: `request`, `decision` (comma-separated)
//   data-title     the iframe's title, for screen readers (default: the
//                  embed's own title, "IAM policy example")
//
// The playground is found next to this script (its URL without
// `embed.js`). Loaded from another site, the playground's server must send
// `Access-Control-Allow-Origin` for this file (`cargo xtask serve` does).

const PLAYGROUND = new URL("./", import.meta.url);

// The app's `.wasm`, relative to the playground: `cargo xtask build` names
// it here (xtask/src/page_order.rs); null in the source.
const APP_WASM = null;
// Where the embeds' `app-wasm.js` looks for bytes to borrow.
const LENT_WASM = "__iamplayAppWasm";
const SELECTOR = "pre[data-iamplay], code.language-iam-policy";
const DEFAULT_HEIGHT = 420;
const TITLE = "IAM policy example";

// The element that carries the attributes and is replaced: the `<pre>`
// around a `<code>`, else the block itself.
function blockOf(element) {
  const pre = element.closest("pre");
  return pre ?? element;
}

// The value of attribute `name` on the block or its `<code>`.
function attribute(block, name) {
  if (block.hasAttribute(name)) {
    return block.getAttribute(name);
  }
  const code = block.querySelector("code");
  return code && code.hasAttribute(name) ? code.getAttribute(name) : null;
}

// The embed's address for a block.
export function embedUrl(block, base = PLAYGROUND) {
  const query = ["embed", "hide=workspace"];
  const hide = attribute(block, "data-hide");
  if (hide) {
    query[1] = `hide=${["workspace", ...hide.split(",").map((name) => name.trim())].join(",")}`;
  }
  const readonly = attribute(block, "data-readonly");
  if (readonly !== null && readonly !== "false") {
    query.push("readonly");
  }
  let fragment = `policy=${encodeURIComponent(block.textContent.trim())}`;
  const request = attribute(block, "data-request");
  if (request) {
    fragment += `&${request.trim().replace(/^[#&?]/, "")}`;
  }
  return new URL(`?${query.join("&")}#${fragment}`, base).href;
}

// On a page of the playground's own origin, fetches the app's `.wasm`
// once, when the first embed is made, and lends it to every embed (their
// `app-wasm.js` borrows it from this window): each embed would otherwise
// ask for it only once its own files have come, behind those of the
// others. A page of another origin cannot lend to its embeds (their first
// fetches it for the others).
function lendWasm() {
  if (!APP_WASM || PLAYGROUND.origin !== location.origin || window[LENT_WASM]) {
    return;
  }
  const url = new URL(APP_WASM, PLAYGROUND).href;
  const bytes = fetch(url).then((answer) => {
    if (!answer.ok) {
      throw new Error(`the app's .wasm: ${answer.status} ${answer.statusText}`);
    }
    return answer.arrayBuffer();
  });
  window[LENT_WASM] = { url, bytes };
  // Failed bytes are not lent: each embed fetches its own.
  bytes.catch(() => {
    delete window[LENT_WASM];
  });
}

// Replaces a block with its embed.
function embed(block) {
  if (block.dataset.iamplayDone) {
    return;
  }
  block.dataset.iamplayDone = "true";
  lendWasm();
  const frame = document.createElement("iframe");
  frame.src = embedUrl(block);
  frame.title = attribute(block, "data-title") || TITLE;
  const height = Number.parseInt(attribute(block, "data-height") ?? "", 10);
  frame.height = String(Number.isFinite(height) && height > 0 ? height : DEFAULT_HEIGHT);
  frame.className = "iamplay-embed";
  frame.setAttribute("data-iamplay-embed", "");
  frame.style.cssText = "display:block;width:100%;margin:1em 0;border:1px solid #d0d7de;border-radius:8px;";
  block.replaceWith(frame);
}

// Every block of the page, once each.
function blocks(root = document) {
  const found = new Set();
  for (const element of root.querySelectorAll(SELECTOR)) {
    found.add(blockOf(element));
  }
  return [...found].filter((block) => !block.dataset.iamplayDone);
}

// Embeds the blocks as they come near the screen.
export function start(root = document) {
  const pending = blocks(root);
  if (!("IntersectionObserver" in window)) {
    pending.forEach(embed);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          embed(entry.target);
        }
      }
    },
    { rootMargin: "300px 0px" },
  );
  pending.forEach((block) => observer.observe(block));
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => start(), { once: true });
} else {
  start();
}
