// The served page in headless Chromium: the app shell, the Monaco editor
// holding the seed Force_MFA policy, Monaco's workers loaded from files
// and only when needed (neither for reading or typing a policy; both when
// the reader formats the document), nothing fetched from elsewhere, and a
// clean console.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";

import { baseUrl, launch, screenshot, waitUntil } from "./browser.js";

const SEED_POLICY = await readFile(
  new URL("../../examples/seed/force-mfa.policy.json", import.meta.url),
  "utf8",
);

// Monaco's workers. Neither starts with the editor: the page's Monaco has
// no feature that asks the editor worker about every document (its links
// detection is left out, xtask/tools/monaco/editor.js), and the JSON worker
// waits for a Format Document (Shift+Alt+F), which starts both (the
// editor worker makes the JSON formatter's edits minimal).
const WORKERS = ["monaco/editor.worker.js", "monaco/json.worker.js"];

// Opens the page in a fresh browser, recording what it loads and logs, and
// waits for Monaco to show the policy.
async function openPlayground(colorScheme) {
  const browser = await launch({ colorScheme });
  const { context } = browser;
  const page = context.pages()[0] ?? (await context.newPage());
  const log = {
    console: [],
    pageErrors: [],
    requests: [],
    failed: [],
    workers: [],
    statuses: new Map(),
  };
  page.on("console", (message) => log.console.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => log.pageErrors.push(String(error)));
  page.on("worker", (worker) => log.workers.push(worker.url()));
  context.on("request", (request) => log.requests.push(request.url()));
  context.on("response", (response) => log.statuses.set(response.url(), response.status()));
  context.on("requestfailed", (request) =>
    log.failed.push(`${request.url()}: ${request.failure()?.errorText}`),
  );
  await page.goto(baseUrl(), { waitUntil: "load" });
  await page.locator(".policy-editor .monaco-editor .view-lines").waitFor();
  return { browser, page, log };
}

// The worker scripts Monaco started, as paths relative to the page.
function startedWorkers(log) {
  return WORKERS.filter((path) => log.workers.includes(new URL(path, baseUrl()).href));
}

// What every test checks at the end: nothing loaded from elsewhere, no
// failed request, no error in the console, and Monaco never fell back to
// running its workers on the main thread.
function assertCleanRun(log) {
  const origin = new URL(baseUrl()).origin;
  const foreign = log.requests.filter(
    (url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url),
  );
  assert.deepEqual(foreign, [], "the page loads nothing from the internet");
  assert.deepEqual(log.failed, [], "no request fails");
  assert.deepEqual(log.pageErrors, [], "no uncaught exception");
  const errors = log.console.filter((line) => line.startsWith("error:"));
  assert.deepEqual(errors, [], "no error in the browser console");
  const fallbacks = log.console.filter((line) => line.includes("Could not create web worker"));
  assert.deepEqual(fallbacks, [], "Monaco's workers start from files");
}

test("the page shows the app shell with the seed policy in Monaco", { timeout: 90_000 }, async () => {
  const { browser, page, log } = await openPlayground("light");
  try {
    assert.equal(await page.title(), "IAM Policy Playground");
    assert.deepEqual(await page.locator(".panel-title").allInnerTexts(), [
      "WORKSPACE",
      "REQUEST",
      "DECISION",
      "WHY: THE EVALUATION",
    ]);
    assert.equal(await page.locator(".editor-tab").innerText(), "Force_MFA");

    // The editor holds the seed policy, byte for byte, and shows its start.
    const text = await page.evaluate(() => window.monaco.editor.getModels()[0].getValue());
    assert.equal(text, SEED_POLICY);
    const visible = (await page.locator(".view-lines").innerText()).replace(/\u00a0/g, " ");
    assert.match(visible, /"Version": "2012-10-17"/);
    assert.match(visible, /"Sid": "AllowAllUsersToListAccounts"/);
    assert.ok(
      await page.locator(".monaco-editor.vs").count(),
      "light page, light editor theme",
    );

    // No worker is started for reading the policy.
    await page.waitForTimeout(1500);
    assert.deepEqual(startedWorkers(log), [], "no worker before a format");

    // The folding arrows take no box until the margin is hovered
    // (web/editor.css), so the icon font is fetched then, not with the page.
    const iconFont = new URL("monaco/codicon.ttf", baseUrl()).href;
    assert.ok(!log.requests.includes(iconFont), "no icon font before the margin is hovered");
    await page.locator(".policy-editor .margin-view-overlays").hover();
    await waitUntil(() => log.requests.includes(iconFont), "hovering the margin fetches the icon font");
    assert.ok(await page.locator(".policy-editor .codicon-folding-expanded").first().isVisible());
    await page.mouse.move(0, 0);

    await page.evaluate(() => document.fonts.ready);
    const saved = await screenshot(page, "screenshot-light.png");
    console.log(`screenshot: ${saved}`);

    // Formatting starts both workers (from their files) and formats.
    await page.evaluate(() => {
      const model = window.monaco.editor.getModels()[0];
      model.setValue(model.getValue().replace('"Version": "2012-10-17",', '"Version":"2012-10-17",'));
    });
    await page.locator(".policy-editor .monaco-editor .view-lines").click();
    await page.keyboard.press("Shift+Alt+F");
    await waitUntil(
      () => startedWorkers(log).length === WORKERS.length,
      `formatting starts ${WORKERS.join(" and ")} (started: ${log.workers.join(", ") || "none"})`,
    );
    await waitUntil(
      () => page.evaluate(() => window.monaco.editor.getModels()[0].getValue().includes('"Version": "2012-10-17",')),
      "the JSON formatter puts the space back",
    );
    for (const path of WORKERS) {
      const url = new URL(path, baseUrl()).href;
      await waitUntil(() => log.statuses.has(url), `the answer to ${path}`);
      assert.equal(log.statuses.get(url), 200, `Monaco's request for ${path} succeeds`);
      const response = await page.request.get(url);
      assert.match(response.headers()["content-type"], /^text\/javascript/);
    }

    // Breaking the document gives a syntax marker (the playground's parser).
    await page.evaluate(() => {
      window.monaco.editor.getModels()[0].setValue('{ "Version": "2012-10-17", ');
    });
    await waitUntil(
      () => page.evaluate(() => window.monaco.editor.getModelMarkers({}).length > 0),
      "the broken document gets a marker",
    );

    assertCleanRun(log);
  } finally {
    await browser.close();
  }
});

test("a dark colour scheme gives a dark page and a dark editor", { timeout: 90_000 }, async () => {
  const { browser, page, log } = await openPlayground("dark");
  try {
    assert.ok(await page.locator(".monaco-editor.vs-dark").count(), "dark editor theme");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [red, green, blue] = background.match(/\d+/g).map(Number);
    assert.ok(red + green + blue < 3 * 64, `the page background ${background} is dark`);
    await page.evaluate(() => document.fonts.ready);
    const saved = await screenshot(page, "screenshot-dark.png");
    console.log(`screenshot: ${saved}`);
    assertCleanRun(log);
  } finally {
    await browser.close();
  }
});
