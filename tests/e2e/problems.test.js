// The Problems list (issue 14, point 3): "3 findings" is a button that
// opens a list of every finding of the workspace and of the request,
// each with its severity, document, line:column and message; a click on
// one opens its document with the finding selected; the keyboard alone
// opens, walks and closes it (Escape gives the focus back). Seed row 8's
// implicit deny ("no Resource entry matches `*`") links to the finding
// that explains it. The findings that need AWS's service data come with
// it, after the first decision; when it cannot be loaded, a notice says so
// and the playground goes on.

import assert from "node:assert/strict";
import { test } from "node:test";

import { baseUrl, waitUntil } from "./browser.js";
import { EDITOR, assertNoErrors, expectDecision, holdServiceData, openPlayground, shot, typeInto } from "./playground.js";

// Where the editor's selection starts (the finding is selected): { line, column }.
function cursor(page) {
  return page.evaluate((find) => {
    // eslint-disable-next-line no-eval
    const selection = (0, eval)(find).getSelection();
    return { line: selection.startLineNumber, column: selection.startColumn };
  }, EDITOR);
}

// The rows of the list: [{ severity, source, position, message }].
function rows(page) {
  return page.getByTestId("problem").evaluateAll((items) =>
    items.map((item) => ({
      severity: item.querySelector(".severity")?.textContent.trim().toLowerCase(),
      source: item.querySelector(".problem-source")?.textContent.trim(),
      position: item.querySelector(".problem-position")?.textContent.trim(),
      message: item.querySelector(".problem-message")?.textContent.trim(),
    })),
  );
}

test("the Problems list shows every finding and reveals one in the editor", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await typeInto(page, "Action", "ec2:DescribeInstancess");
    const button = page.locator("#problems-button");
    await waitUntil(async () => /3 findings · 1 elsewhere/.test(await button.innerText()), "the button counts the request's finding too");
    assert.equal(await button.getAttribute("aria-expanded"), "false");

    // Keyboard: Enter on the button opens the list with the focus in it.
    await button.focus();
    await page.keyboard.press("Enter");
    const panel = page.getByTestId("problems-panel");
    await panel.waitFor();
    assert.equal(await button.getAttribute("aria-expanded"), "true");
    const listed = await rows(page);
    assert.deepEqual(
      listed.map((r) => [r.severity, r.source, r.position]),
      [
        ["warning", "Force_MFA", "12:17"],
        ["warning", "Force_MFA", "28:17"],
        ["warning", "Force_MFA", "38:13"],
        ["warning", "request", ""],
      ],
    );
    assert.match(listed[0].message, /This statement never applies: iam:ListAccountAliases and iam:ListUsers support only \*/);
    assert.match(listed[3].message, /ec2:DescribeInstancess is not an action of ec2/);
    assert.ok(
      await page.evaluate(() => Boolean(document.activeElement?.closest("[data-testid=problems-panel]"))),
      "the focus is in the list",
    );
    await shot(page, "problems-list.png");

    // Another document open, then the second finding: Force_MFA opens
    // with the cursor on it and the focus in the editor.
    await page.locator('[data-entity="AWS managed policy `AmazonEC2FullAccess`"]').click();
    await page.getByTestId("editor-title").filter({ hasText: "AmazonEC2FullAccess" }).waitFor();
    await page.getByTestId("problem").nth(1).locator("button").click();
    await page.getByTestId("editor-title").filter({ hasText: "Force_MFA" }).waitFor();
    await waitUntil(async () => (await cursor(page)).line === 28, "the finding is selected");
    assert.deepEqual(await cursor(page), { line: 28, column: 17 });
    assert.ok(await page.evaluate(() => Boolean(document.activeElement?.closest(".monaco-editor"))), "the editor has the focus");

    // The request's finding moves the focus to the Action field.
    await page.getByTestId("problem").nth(3).locator("button").click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "request-action");

    // Escape closes the list and gives the focus back to the button.
    await page.getByTestId("problem").first().locator("button").focus();
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    assert.equal(await page.evaluate(() => document.activeElement?.id), "problems-button");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("row 8's implicit deny links to the finding that explains it", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await page.locator('[data-preset="4"]').click();
    await expectDecision(page, "implicit-deny", "for row 8 ");
    const statement = page.locator('.policy-trace[data-policy="Force_MFA"] .statement[data-statement="AllowAllUsersToListAccounts"]');
    assert.match(await statement.locator(".reason").innerText(), /no Resource entry matches \*/);
    const link = statement.getByTestId("explaining-finding");
    assert.equal(await link.getAttribute("data-code"), "resource-never-matches");
    assert.match(await link.innerText(), /resource-never-matches at 12:17/);
    assert.equal(await page.getByTestId("explaining-finding").count(), 1, "only the statement a finding explains");
    await shot(page, "problems-row8.png");

    await link.getByRole("button").click();
    const current = page.getByTestId("problems-panel").locator(".problem.current");
    await current.waitFor();
    assert.match(await current.innerText(), /Force_MFA\s+12:17/);
    await waitUntil(async () => (await cursor(page)).line === 12, "the editor shows the finding");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("the seed's findings come with AWS's service data, after the decision", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground({ ready: false, url: "about:blank" });
  try {
    const release = await holdServiceData(page);
    await page.goto(baseUrl(), { waitUntil: "load" });
    await page.locator(".policy-editor .monaco-editor .view-lines").waitFor();
    await expectDecision(page, "explicit-deny");
    assert.equal(await page.locator("#problems-button").count(), 0, "no finding before the service data");
    assert.equal(await page.locator("html[data-services]").count(), 0);

    release();
    const button = page.locator("#problems-button");
    await waitUntil(
      async () => /^3 findings/.test(await button.innerText().catch(() => "")),
      "the seed's three findings once the service data is there",
    );
    await page.locator("html[data-services=ready]").waitFor({ state: "attached" });
    // The request's action gets its hint (access level, resources) from
    // the same data, without the request being touched.
    await waitUntil(
      async () => /List · no resource-level permissions/.test(await page.locator("#request-column").innerText()),
      "the action's hint once the service data is there",
    );
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("service data that cannot be loaded is said, and the decision stays", { timeout: 120_000 }, async () => {
  const { browser, page } = await openPlayground({ ready: false, url: "about:blank" });
  try {
    await page.route("**/services.txt", (route) => route.fulfill({ status: 404, body: "not found" }));
    await page.goto(baseUrl(), { waitUntil: "load" });
    await page.locator("html[data-services=failed]").waitFor({ state: "attached" });
    const notice = page.getByTestId("notice");
    await notice.waitFor();
    assert.match(await notice.innerText(), /service data could not be loaded .*404/);
    await expectDecision(page, "explicit-deny");
    assert.equal(await page.locator("#problems-button").count(), 0, "no finding that needs the data");
  } finally {
    await browser.close();
  }
});
