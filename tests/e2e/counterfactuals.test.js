// "What would change it" and change impact (issue 15) on the seed
// scenario. Row 1 (mfa-user-1, ec2:DescribeInstances, no MFA) is
// explicitly denied by the Force_MFA Deny; the decision panel lists,
// worded by the core, the two single changes that flip it: signing in
// with MFA, and the Deny gone (AmazonEC2FullAccess then allows it). "Try
// it" signs in, "Back" undoes it, "Show statement" opens the Deny; with
// Predict first on they wait for the guess. Deleting the Deny in the
// editor makes the panel say the baseline (the seed as loaded) denied the
// request, and the access matrix's "Changes since baseline" mode counts
// every ec2:* cell of both users as gained. Row 2's AmazonEC2FullAccess
// is detached rather than edited, and another user's password points at
// the caller's own user.

import assert from "node:assert/strict";
import { test } from "node:test";

import { waitUntil } from "./browser.js";
import {
  DENY_SID,
  SEED_POLICY,
  assertNoErrors,
  editorText,
  expectDecision,
  openPlayground,
  selectInEditor,
  shot,
} from "./playground.js";

const MFA =
  "With aws:MultiFactorAuthPresent = true and aws:MultiFactorAuthAge = 60, " +
  "this request is allowed by AmazonEC2FullAccess › statement 1.";
const NO_DENY =
  `Without the statement Force_MFA › ${DENY_SID}, ` +
  "this request is allowed by AmazonEC2FullAccess › statement 1.";

// The counterfactuals listed: [{ sentence, kind, decision, button }].
function counterfactuals(page) {
  return page.getByTestId("counterfactual").evaluateAll((items) =>
    items.map((item) => ({
      sentence: item.querySelector(".counterfactual-sentence").innerText.trim(),
      kind: item.dataset.kind,
      decision: item.dataset.decision,
      button: item.querySelector("button")?.innerText.trim() ?? null,
    })),
  );
}

// The button of the counterfactual that says `sentence`.
function buttonOf(page, sentence) {
  return page.getByTestId("counterfactual").filter({ hasText: sentence }).getByTestId("counterfactual-try");
}

// The Deny statement with the comma before it, as written in the seed.
function denyStatementRange(text) {
  const sid = text.indexOf(DENY_SID);
  const open = text.lastIndexOf("{", sid);
  const comma = text.lastIndexOf(",", open);
  const close = text.indexOf("\n        }", sid) + "\n        }".length;
  return [comma, close];
}

test("row 1 shows the MFA and the Deny-removal counterfactuals; Try it, Back, Show statement", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    await expectDecision(page, "explicit-deny");
    await page.getByTestId("counterfactual").first().waitFor();
    const listed = await counterfactuals(page);
    const mfa = listed.find((c) => c.sentence === MFA);
    const noDeny = listed.find((c) => c.sentence === NO_DENY);
    assert.deepEqual(mfa, { sentence: MFA, kind: "context", decision: "allowed", button: "Try it" }, JSON.stringify(listed));
    assert.deepEqual(noDeny, { sentence: NO_DENY, kind: "policy", decision: "allowed", button: "Show statement" });
    await page.getByTestId("what-would-change").scrollIntoViewIfNeeded();
    await shot(page, "what-would-change.png");

    // Try it: the request signs in with MFA and is allowed.
    await buttonOf(page, MFA).click();
    const summary = await expectDecision(page, "allowed", "after Try it ");
    assert.match(summary, /AmazonEC2FullAccess/);
    assert.equal(await page.getByTestId("mfa-switch").getAttribute("aria-checked"), "true");
    // The allowed request's own counterfactuals: without MFA it is denied.
    await waitUntil(
      async () => (await counterfactuals(page)).some((c) => c.decision === "explicit-deny"),
      "the allowed request lists what would deny it",
    );
    // Back: the request without MFA again.
    await page.getByTestId("what-if-back-button").click();
    await expectDecision(page, "explicit-deny", "after Back ");
    assert.equal(await page.getByTestId("what-if-back").count(), 0);

    // Show statement: the Deny in the editor, its Sid in view.
    await buttonOf(page, NO_DENY).click();
    assert.equal(await editorText(page), SEED_POLICY);
    await waitUntil(
      async () => (await page.locator(".policy-editor .view-lines").innerText()).includes(DENY_SID),
      "the Deny's Sid is in view",
    );
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("row 2: Detach it detaches AmazonEC2FullAccess; another user's password: Try it puts the caller's own user in the request; Back undoes each", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    // Row 2 is allowed by AmazonEC2FullAccess, which cannot be edited:
    // the change offered is detaching it.
    await page.getByRole("button", { name: "2 · EC2 with MFA" }).click();
    await expectDecision(page, "allowed");
    const detach = page
      .getByTestId("counterfactual")
      .filter({ hasText: "With AmazonEC2FullAccess detached from group EC2_Full_Access, this request is implicitly denied" });
    await detach.waitFor();
    assert.equal(await detach.getAttribute("data-kind"), "policy");
    const detachButton = detach.getByTestId("counterfactual-try");
    assert.equal((await detachButton.innerText()).trim(), "Detach it");
    await detachButton.click();
    await expectDecision(page, "implicit-deny", "after Detach it ");
    await page.getByTestId("what-if-back-button").click();
    await expectDecision(page, "allowed", "after Back ");

    // mfa-user-1 changing mfa-user-2's password (the seed's row 5): the
    // Allow names the caller's own user.
    const ownUser = "arn:aws:iam::111122223333:user/mfa-user-1";
    const otherUser = "arn:aws:iam::111122223333:user/mfa-user-2";
    await page.getByRole("button", { name: "4 · Own password" }).click();
    await expectDecision(page, "allowed");
    await page.locator("#request-resource").fill(otherUser);
    await expectDecision(page, "implicit-deny", "on another user ");
    const resource = page.getByTestId("counterfactual").filter({ hasText: `On resource ${ownUser}, this request is allowed` });
    await resource.waitFor();
    assert.equal(await resource.getAttribute("data-kind"), "resource");
    await resource.getByTestId("counterfactual-try").click();
    await expectDecision(page, "allowed", "after Try it ");
    assert.equal(await page.locator("#request-resource").inputValue(), ownUser);
    await page.getByTestId("what-if-back-button").click();
    await expectDecision(page, "implicit-deny", "after Back ");
    assert.equal(await page.locator("#request-resource").inputValue(), otherUser);
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("row 8: Add it adds the smallest Allow as an inline policy and opens it; Back deletes it", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await page.getByRole("button", { name: "8 · List users" }).click();
    await expectDecision(page, "implicit-deny");
    const add = page.getByTestId("counterfactual").filter({ hasText: "in a new inline policy AllowIamListUsers of user mfa-user-1" });
    await add.waitFor();
    assert.equal(await add.getAttribute("data-decision"), "allowed");
    await add.getByTestId("counterfactual-try").click();
    await expectDecision(page, "allowed", "after Add it ");
    await page.getByTestId("editor-title").filter({ hasText: "AllowIamListUsers" }).waitFor();
    assert.match(await editorText(page), /"Action": "iam:ListUsers"/);
    await page.getByTestId("what-if-back-button").click();
    await expectDecision(page, "implicit-deny", "after Back ");
    await waitUntil(
      async () => (await page.getByTestId("editor-title").filter({ hasText: "AllowIamListUsers" }).count()) === 0,
      "the added policy is gone from the editor",
    );
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("with Predict first on, the counterfactuals wait for the guess", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await expectDecision(page, "explicit-deny");
    await page.getByTestId("counterfactual").first().waitFor();
    await page.getByTestId("predict-switch").click();
    await waitUntil(async () => (await page.getByTestId("what-would-change").count()) === 0, "the list hides");
    await page.locator("[data-guess=explicit-deny]").click();
    await page.getByTestId("counterfactual").first().waitFor();
    assert.ok((await counterfactuals(page)).some((c) => c.sentence === MFA));
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("dropping the Deny: the baseline denied row 1, and every ec2:* cell of both users gained access", { timeout: 180_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    await expectDecision(page, "explicit-deny");
    const [start, end] = denyStatementRange(SEED_POLICY);
    await selectInEditor(page, start, end);
    await page.keyboard.press("Delete");
    await expectDecision(page, "allowed", "after the Deny is deleted ");
    const note = page.getByTestId("since-baseline");
    await note.waitFor();
    assert.equal(await note.getAttribute("data-decision"), "explicit-deny");
    assert.match(await note.innerText(), /In the workspace as loaded, this request was explicit deny\./);

    await page.getByTestId("view-matrix").click();
    await page.getByTestId("matrix-grid").waitFor();
    const input = page.getByLabel("Actions", { exact: true });
    await input.fill("ec2:*");
    await input.press("Escape");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.locator('.pattern-chip[data-pattern="ec2:*"]').waitFor();
    for (;;) {
      const others = page.locator('.pattern-chip:not([data-pattern="ec2:*"])');
      if ((await others.count()) === 0) {
        break;
      }
      await others.first().locator(".chip-remove").click();
    }
    await page.getByTestId("changes-switch").click();
    const summary = page.getByTestId("changes-summary");
    await summary.waitFor();
    const rows = Number(await page.getByTestId("matrix-grid").getAttribute("data-rows"));
    assert.ok(rows > 500, `${rows} ec2 actions`);
    await waitUntil(
      async () => Number(await summary.getAttribute("data-gained")) === rows * 2,
      `every cell of both users gained (${await summary.getAttribute("data-gained")} of ${rows * 2})`,
    );
    assert.equal(await summary.getAttribute("data-lost"), "0");
    const heads = await page
      .locator(".matrix-principal")
      .evaluateAll((h) => h.map((x) => [x.dataset.principal, Number(x.dataset.gained), Number(x.dataset.lost)]));
    assert.deepEqual(heads, [
      ["mfa-user-1", rows, 0],
      ["mfa-user-2", rows, 0],
    ]);
    const shown = await page.locator(".matrix-rows .matrix-cell").evaluateAll((c) => c.map((x) => x.dataset.change));
    assert.ok(shown.length > 0 && shown.every((c) => c === "gained"), JSON.stringify(shown.slice(0, 4)));
    await shot(page, "changes-since-baseline.png");

    // Set as baseline: nothing changed since.
    await page.getByTestId("set-baseline").click();
    await waitUntil(async () => (await summary.getAttribute("data-gained")) === "0", "no change since the new baseline");
    assert.equal(await page.getByTestId("since-baseline").count(), 0);
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});
