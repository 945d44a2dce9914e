// Driving the playground as a person would: open the page, read the
// decision, type into the editor and the request fields, click.
//
// Editor edits go through Monaco itself (selections and key presses in
// the editor, or its clipboard-free `insertText`), never through the
// app's state.

import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

import { baseUrl, launch, waitUntil } from "./browser.js";

export const SEED_POLICY = await readFile(
  new URL("../../examples/seed/force-mfa.policy.json", import.meta.url),
  "utf8",
);

export const DENY_SID = "DoNotAllowAnythingOtherThanAboveUnlessMFAd";

// Before the page's scripts run: when Monaco puts its API on
// `window.monaco`, record every editor it creates (Monaco 0.32's API has
// no list of editors), so that the tests can select text in the editor
// and read its model. Nothing of the app is touched.
function recordEditors() {
  let api;
  window.__editors = [];
  Object.defineProperty(window, "monaco", {
    configurable: true,
    get: () => api,
    set(value) {
      api = value;
      value?.editor?.onDidCreateEditor((editor) => window.__editors.push(editor));
    },
  });
}

// The editor on screen (in the page's context).
export const EDITOR = "window.__editors.filter((e) => e.getDomNode()?.isConnected).at(-1)";

// Opens the page (or `url`) in a fresh browser and, unless `ready` is
// false, waits for Monaco, the first decision and AWS's service data
// (fetched after the first decision; the lint findings that need it,
// completion and the access matrix come with it). Records page errors
// and console errors.
export async function openPlayground({ colorScheme = "light", url = baseUrl(), ready = true } = {}) {
  const browser = await launch({ colorScheme });
  const { context } = browser;
  await context.addInitScript(recordEditors);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") {
      errors.push(message.text());
    }
  });
  await page.goto(url, { waitUntil: "load" });
  if (ready) {
    await page.locator(".policy-editor .monaco-editor .view-lines").waitFor();
    await page.locator("[data-testid=decision]").waitFor();
    await serviceData(page);
  }
  return { browser, page, errors };
}

// Holds back AWS's service data (`services.txt`) until the returned
// function is called, to see the page before it arrives.
export async function holdServiceData(page) {
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await page.route("**/services.txt", async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

// Waits until the page has installed AWS's service data, which it fetches
// once its first decision is on screen (`<html data-services="ready">`).
export async function serviceData(page) {
  await page.locator("html[data-services=ready]").waitFor({ state: "attached" });
}

// The decision on screen: { text, kind, stale }.
export async function decision(page) {
  const badge = page.locator("[data-testid=decision]");
  return {
    text: (await badge.innerText()).trim(),
    kind: await badge.getAttribute("data-decision"),
    stale: (await badge.getAttribute("data-stale")) === "true",
  };
}

// Waits until the decision is `kind` (`allowed`, `explicit-deny`,
// `implicit-deny`) and returns the summary sentence.
export async function expectDecision(page, kind, message = "") {
  await waitUntil(
    async () => (await decision(page)).kind === kind,
    `the decision becomes ${kind} ${message}(it is ${(await decision(page)).kind})`,
    10_000,
  );
  return (await page.locator("[data-testid=summary]").innerText()).trim();
}

// The text of the model the editor shows.
export function editorText(page) {
  return page.evaluate(`${EDITOR}.getModel().getValue()`);
}

// Selects the text between `start` and `end` (offsets into the editor's
// text) in the editor and gives the editor the focus.
export async function selectInEditor(page, start, end) {
  await page.evaluate(
    ([from, to, find]) => {
      // eslint-disable-next-line no-eval
      const editor = (0, eval)(find);
      const model = editor.getModel();
      const a = model.getPositionAt(from);
      const b = model.getPositionAt(to);
      editor.focus();
      editor.setSelection({
        startLineNumber: a.lineNumber,
        startColumn: a.column,
        endLineNumber: b.lineNumber,
        endColumn: b.column,
      });
    },
    [start, end, EDITOR],
  );
}

// Pastes `text` into the editor where its cursor is, as Ctrl+V does: a
// `paste` event on the editor's input element with the text on its
// clipboard data (headless Chromium has no system clipboard to use).
export async function pasteIntoEditor(page, text) {
  await page.evaluate((pasted) => {
    const data = new DataTransfer();
    data.setData("text/plain", pasted);
    const input = document.activeElement;
    input.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

// The error markers of the editor's model: [{ line, message }].
export function errorMarkers(page) {
  return page.evaluate((find) => {
    // eslint-disable-next-line no-eval
    const model = (0, eval)(find).getModel();
    return window.monaco.editor
      .getModelMarkers({ resource: model.uri })
      .filter((marker) => marker.severity === window.monaco.MarkerSeverity.Error)
      .map((marker) => ({ line: marker.startLineNumber, message: marker.message }));
  }, EDITOR);
}

// Replaces the text of a request field (by its label) as a person types.
export async function typeInto(page, label, text) {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  await field.press("ControlOrMeta+a");
  await field.pressSequentially(text);
  await field.press("Escape");
}

// The statements the decision panel lists for `policy`: [{ label, role }].
export function statements(page, policy) {
  return page
    .locator(`.policy-trace[data-policy="${policy}"] .statement`)
    .evaluateAll((items) =>
      items.map((item) => ({
        label: item.getAttribute("data-statement"),
        role: item.getAttribute("data-role"),
      })),
    );
}

// Saves a screenshot of the page as `name` in `tests/e2e/screenshots/`
// (the README's screenshots are the shell test's, which
// `--update-screenshots` writes into `docs/`); returns its path.
export async function shot(page, name) {
  const dir = fileURLToPath(new URL("./screenshots/", import.meta.url));
  await mkdir(dir, { recursive: true });
  const path = `${dir}${name}`;
  await page.screenshot({ path });
  console.log(`screenshot: ${path}`);
  return path;
}

// Adds a user named `name` with the workspace panel's "New user" button.
export async function addUser(page, name) {
  await page.getByRole("button", { name: "New user", exact: true }).click();
  await page.getByLabel("Name of the new user").fill(name);
  await page.getByLabel("Name of the new user").press("Enter");
  await page.locator(`[data-entity="user \`${name}\`"]`).waitFor();
}

// Opens saved workspace `name` from the "Workspace" menu.
export async function switchWorkspace(page, name) {
  await page.getByTestId("workspaces").click();
  await page.getByTestId("workspace-item").filter({ hasText: name }).click();
}

// Fails if the page logged errors.
export function assertNoErrors(errors) {
  assert.deepEqual(errors, [], "no error on the page or in the console");
}
