// The access matrix (issue 7) on the seed scenario: every `ec2:*` action
// is explicitly denied to both users without MFA and allowed with it (the
// Force_MFA Deny with NotAction `iam:*` and a Null condition on
// aws:MultiFactorAuthAge; ../../../shared/scenarios/README.md, rows 1 and
// 2), a click on a cell loads its request, and the matrix downloads as SVG
// and PNG. Opened before AWS's service data has arrived, it says it is
// loading, then fills in.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";

import { baseUrl, screenshot, waitUntil } from "./browser.js";
import { assertNoErrors, expectDecision, holdServiceData, openPlayground, shot } from "./playground.js";

const ROW_HEIGHT = 24;

// Switches to the access matrix and waits for its grid.
export async function openMatrix(page) {
  await page.getByTestId("view-matrix").click();
  await page.getByTestId("matrix-grid").waitFor();
}

// Adds actions (or patterns) through the matrix's action input.
export async function addActions(page, text) {
  const input = page.getByLabel("Actions", { exact: true });
  await input.fill(text);
  await input.press("Escape");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.locator(`.pattern-chip[data-pattern="${text}"]`).waitFor();
}

// Removes every pattern but `keep`.
export async function keepOnly(page, keep) {
  for (;;) {
    const others = page.locator(`.pattern-chip:not([data-pattern="${keep}"])`);
    if ((await others.count()) === 0) {
      return;
    }
    await others.first().locator(".chip-remove").click();
  }
}

// The totals over every cell: { rows, allowed, explicit, implicit }.
export async function totals(page) {
  const summary = page.getByTestId("matrix-summary");
  const number = async (name) => Number(await summary.getAttribute(name));
  return {
    rows: Number(await page.getByTestId("matrix-grid").getAttribute("data-rows")),
    allowed: await number("data-allowed"),
    explicit: await number("data-explicit-deny"),
    implicit: await number("data-implicit-deny"),
  };
}

// The decisions of the cells in the page (the rows in view).
function shownCells(page) {
  return page.locator(".matrix-rows .matrix-cell").evaluateAll((cells) => cells.map((c) => c.dataset.decision));
}

// Waits for a download started by `click` and returns its bytes and name.
async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test("the matrix of the seed: ec2:* is denied without MFA and allowed with it; a cell loads its request", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await openMatrix(page);
    // The saved requests' actions come first: a user's own password is
    // allowed without MFA, listing users is implicitly denied (row 8).
    const own = page.locator('.matrix-row[data-action="iam:ChangePassword"] .matrix-cell');
    assert.deepEqual(await own.evaluateAll((c) => c.map((x) => x.dataset.decision)), ["allowed", "allowed"]);
    const list = page.locator('.matrix-row[data-action="iam:ListUsers"] .matrix-cell');
    assert.deepEqual(await list.evaluateAll((c) => c.map((x) => x.dataset.decision)), ["implicit-deny", "implicit-deny"]);

    await addActions(page, "ec2:*");
    await page.evaluate(() => document.fonts.ready);
    console.log(`screenshot: ${await screenshot(page, "access-matrix.png")}`);
    await keepOnly(page, "ec2:*");
    const grid = page.getByTestId("matrix-grid");
    await waitUntil(async () => (await totals(page)).allowed === 0, "only EC2 rows, none allowed");
    let sum = await totals(page);
    assert.ok(sum.rows > 500, `every EC2 action (${sum.rows})`);
    assert.equal(sum.explicit, sum.rows * 2, "every cell of both users is an explicit deny");
    for (const name of ["mfa-user-1", "mfa-user-2"]) {
      const head = grid.locator(`.matrix-principal[data-principal="${name}"]`);
      assert.equal(Number(await head.getAttribute("data-explicit-deny")), sum.rows);
    }
    assert.deepEqual([...new Set(await shownCells(page))], ["explicit-deny"]);
    // Only the rows in view are in the page.
    const rendered = await page.locator(".matrix-rows .matrix-row").count();
    assert.ok(rendered < 100, `${rendered} rows in the page for ${sum.rows}`);

    // The MFA switch of the request panel applies to every cell.
    await page.getByRole("switch", { name: /Signed in with MFA/ }).click();
    await waitUntil(async () => (await totals(page)).allowed === sum.rows * 2, "every EC2 cell allowed with MFA");
    assert.deepEqual([...new Set(await shownCells(page))], ["allowed"]);
    assert.match(await page.getByTestId("matrix-context").innerText(), /signed in with MFA/);

    // The last rows draw when scrolled to.
    await grid.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await waitUntil(
      async () =>
        Number(await page.locator(".matrix-rows .matrix-row").last().getAttribute("aria-rowindex")) === sum.rows + 1,
      "the last row is drawn",
    );
    assert.deepEqual([...new Set(await shownCells(page))], ["allowed"]);

    // A click on a cell loads its request: mfa-user-2, the row's action
    // and resource, the MFA context kept.
    const action = await page.locator(".matrix-rows .matrix-row").nth(12).getAttribute("data-action");
    const row = page.locator(`.matrix-rows .matrix-row[data-action="${action}"]`);
    await row.locator('.matrix-cell[data-principal="mfa-user-2"]').click();
    assert.equal(await page.getByLabel("Principal", { exact: true }).inputValue(), "user:mfa-user-2");
    assert.equal(await page.getByLabel("Action", { exact: true }).inputValue(), action);
    assert.match(await page.getByLabel("Resource", { exact: true }).inputValue(), /^(\*|arn:aws:ec2:)/);
    await expectDecision(page, "allowed", `for ${action} `);
    await waitUntil(
      async () => (await row.locator('.matrix-cell[data-principal="mfa-user-2"]').getAttribute("aria-pressed")) === "true",
      "the cell of the request on screen is marked",
    );

    // Without MFA again: the request and the matrix both deny.
    await page.getByRole("switch", { name: /Signed in with MFA/ }).click();
    await expectDecision(page, "explicit-deny");
    await waitUntil(async () => (await totals(page)).explicit === sum.rows * 2, "denied again without MFA");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("the matrix follows the policies: detaching the only Allow of EC2 leaves it implicitly denied", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await openMatrix(page);
    const cells = page.locator('.matrix-row[data-action="ec2:DescribeInstances"] .matrix-cell');
    const decisions = () => cells.evaluateAll((c) => c.map((x) => x.dataset.decision).join(" "));
    // Row 1: without MFA, the Force_MFA Deny applies.
    assert.equal(await decisions(), "explicit-deny explicit-deny");
    // Row 2: with MFA, AmazonEC2FullAccess allows.
    await page.getByRole("switch", { name: /Signed in with MFA/ }).click();
    await waitUntil(async () => (await decisions()) === "allowed allowed", "allowed with MFA");
    // Detach AmazonEC2FullAccess from its group in the workspace panel,
    // which stays beside the matrix: nothing denies and nothing allows
    // (reference_policies_evaluation-logic.md: an implicit deny).
    await page.getByRole("button", { name: /^EC2_Full_Access/ }).first().click();
    await page.getByRole("button", { name: /Detach AmazonEC2FullAccess/ }).click();
    await waitUntil(async () => (await decisions()) === "implicit-deny implicit-deny", "implicitly denied");
    await shot(page, "matrix-after-detach.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("the matrix downloads as SVG and as PNG", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await openMatrix(page);
    const svg = await download(page, () => page.locator('.matrix-summary [data-export="svg"]').click());
    assert.equal(svg.name, "access-matrix.svg");
    const text = svg.bytes.toString("utf8");
    assert.match(text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(text, /mfa-user-1, ec2:DescribeInstances: explicit deny/);
    assert.match(text, /mfa-user-2, iam:ChangePassword: allowed/);
    const png = await download(page, () => page.locator('.matrix-summary [data-export="png"]').click());
    assert.equal(png.name, "access-matrix.png");
    assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], "a PNG file");
    assert.ok(png.bytes.readUInt32BE(16) > 1000, "twice the drawing's width");
    await shot(page, "matrix-downloaded.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

for (const colorScheme of ["dark"]) {
  test(`a screenshot of the access matrix (${colorScheme})`, { timeout: 90_000 }, async () => {
    const { browser, page, errors } = await openPlayground({ colorScheme });
    try {
      await openMatrix(page);
      await addActions(page, "ec2:*");
      await page.evaluate(() => document.fonts.ready);
      console.log(`screenshot: ${await screenshot(page, "access-matrix-dark.png")}`);
      assertNoErrors(errors);
    } finally {
      await browser.close();
    }
  });
}

// Seed row 6 (issue 14, point 7): a user creates its own virtual MFA
// device. The matrix asks each user for its own `mfa/NAME` (not `mfa/*`),
// as the walkthrough's `mfa/${aws:username}` expects: allowed for both
// users, with MFA on as without it; the rule is written under the grid.
test("the matrix asks for the caller's own MFA device: row 6 is allowed with MFA on", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await openMatrix(page);
    const row = page.locator('.matrix-row[data-action="iam:CreateVirtualMFADevice"]');
    if ((await row.count()) === 0) {
      await addActions(page, "iam:CreateVirtualMFADevice");
    }
    await page.getByRole("switch", { name: /Signed in with MFA/ }).click();
    await waitUntil(async () => /signed in with MFA/.test(await page.getByTestId("matrix-context").innerText()), "MFA on");
    const cells = row.locator(".matrix-cell");
    await waitUntil(
      async () => (await cells.evaluateAll((c) => c.map((x) => x.dataset.decision))).every((d) => d === "allowed"),
      "both users may create their own MFA device",
    );
    assert.equal(await cells.count(), 2);
    assert.match(await row.locator(".matrix-resource").innerText(), /^arn:aws:iam::111122223333:mfa\/‹own user›$/);
    const rule = page.getByTestId("matrix-own-rule");
    assert.ok(await rule.isVisible(), "the rule is written under the matrix");
    assert.match(await rule.innerText(), /MFA device as arn:aws:iam::ACCOUNT:mfa\/NAME/);

    // A click on mfa-user-2's cell loads its own device as the resource.
    await row.locator('.matrix-cell[data-principal="mfa-user-2"]').click();
    assert.equal(await page.getByLabel("Resource", { exact: true }).inputValue(), "arn:aws:iam::111122223333:mfa/mfa-user-2");
    await expectDecision(page, "allowed", "for mfa-user-2's own device ");
    await shot(page, "matrix-own-mfa.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("the matrix waits for AWS's service data, then fills in", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground({ ready: false, url: "about:blank" });
  try {
    const release = await holdServiceData(page);
    await page.goto(baseUrl(), { waitUntil: "load" });
    await expectDecision(page, "explicit-deny");
    await page.getByTestId("view-matrix").click();
    const loading = page.getByTestId("matrix-loading");
    await loading.waitFor();
    assert.equal(await loading.innerText(), "Loading AWS service data…");
    release();
    await page.getByTestId("matrix-grid").waitFor();
    assert.equal(await loading.count(), 0);
    const { rows, explicit } = await totals(page);
    assert.ok(rows > 0, "the actions of the seed's saved requests");
    assert.ok(explicit > 0, "EC2 denied without MFA");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});
