// Helpers for the tests of links, saved work, embeds and imports: read
// the page's share link, wait for the work to be saved, make packed links
// the way the page does (raw DEFLATE, base64url, `#w1.`), and read what
// the page shows of the work.

import { deflateRawSync } from "node:zlib";

import { waitUntil } from "./browser.js";
import { EDITOR } from "./playground.js";

// Opens the share dialog, waits for the link and returns it; closes the
// dialog.
export async function shareLink(page) {
  await page.getByTestId("share").click();
  const field = page.getByTestId("share-link");
  const link = await waitUntil(
    async () => (await field.inputValue()) || null,
    "the share dialog shows the link",
    10_000,
  );
  await page.getByRole("button", { name: "Close", exact: true }).click();
  return link;
}

// Waits until the page has saved the latest change: its fragment is a
// packed link other than `before`. Returns the fragment.
export async function waitForSaved(page, before = "") {
  return waitUntil(
    async () => {
      const hash = await page.evaluate(() => location.hash);
      return hash.startsWith("#w1.") && hash !== before ? hash : null;
    },
    "the page saves the work and updates its link",
    10_000,
  );
}

// The fragment of a packed link carrying `snapshotText` (the snapshot
// format of crates/app/src/persist/envelope.rs).
export function packedFragment(snapshotText) {
  return `#w1.${deflateRawSync(Buffer.from(snapshotText, "utf8")).toString("base64url")}`;
}

// What the page shows of the work: editor title and text, the request's
// fields and the decision.
export async function work(page) {
  const badge = page.locator("[data-testid=decision]");
  return {
    document: (await page.getByTestId("editor-title").innerText()).trim(),
    text: await page.evaluate(`${EDITOR}.getModel().getValue()`),
    principal: await page.getByLabel("Principal", { exact: true }).inputValue(),
    action: await page.getByLabel("Action", { exact: true }).inputValue(),
    resource: await page.getByLabel("Resource", { exact: true }).inputValue(),
    mfa: await page.getByRole("switch", { name: /Signed in with MFA/ }).getAttribute("aria-checked"),
    decision: await badge.getAttribute("data-decision"),
    summary: (await page.getByTestId("summary").innerText()).trim(),
  };
}

// Types `text` at the end of the editor's line `line` (counting from 1).
export async function typeAtEndOfLine(page, line, text) {
  await page.evaluate(
    ([find, at]) => {
      // eslint-disable-next-line no-eval
      const editor = (0, eval)(find);
      const column = editor.getModel().getLineMaxColumn(at);
      editor.focus();
      editor.setPosition({ lineNumber: at, column });
    },
    [EDITOR, line],
  );
  await page.keyboard.type(text);
}

// Records Content-Security-Policy violations in `window.__violations`
// (add before the page loads).
export function recordViolations() {
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
}
