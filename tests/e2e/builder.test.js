// The seed scenario built from an empty workspace with the workspace
// panel alone (a policy whose text is pasted into the editor, two groups,
// a user and its memberships) reaches the seed's decisions.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  DENY_SID,
  SEED_POLICY,
  assertNoErrors,
  editorText,
  expectDecision,
  openPlayground,
  shot,
  pasteIntoEditor,
  typeInto,
} from "./playground.js";

// Creates an entity with the section's "+" button and the name form.
async function create(page, noun, name) {
  await page.getByRole("button", { name: `New ${noun}`, exact: true }).click();
  const input = page.getByLabel(`Name of the new ${noun}`);
  await input.fill(name);
  await input.press("Enter");
  await page.locator(`[data-entity="${noun} \`${name}\`"]`).waitFor();
}

test("the scenario built from an empty workspace decides the same", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await page.getByTestId("new-workspace").click();
    await page.getByText("No policies yet.").waitFor();
    assert.match(await page.getByTestId("summary").innerText(), /^Add a user or role to the workspace .*, then pick it as the principal$/);
    assert.equal((await page.getByTestId("principal").locator("option").first().innerText()).trim(), "No users or roles yet");

    // The policy: create it, then paste the Force_MFA text over the
    // starting document.
    await create(page, "policy", "Force_MFA");
    await page.getByTestId("editor-title").filter({ hasText: "Force_MFA" }).waitFor();
    await page.locator(".policy-editor .monaco-editor .view-lines").click();
    await page.keyboard.press("ControlOrMeta+a");
    await pasteIntoEditor(page, SEED_POLICY);
    assert.equal(await editorText(page), SEED_POLICY, "the pasted text, as pasted");

    // The groups and their policies.
    await create(page, "group", "Force_MFA");
    await page.getByLabel("Attach a customer managed policy to group Force_MFA").selectOption("Force_MFA");
    await page.getByText("attached to group Force_MFA").waitFor();
    await create(page, "group", "EC2_Full_Access");
    await page.getByRole("button", { name: "Attach an AWS managed policy to group EC2_Full_Access" }).click();
    await page.getByLabel("Search AWS managed policies").fill("AmazonEC2FullAccess");
    await page.getByRole("button", { name: "Attach AmazonEC2FullAccess", exact: true }).click();
    await page.locator('[data-entity="AWS managed policy `AmazonEC2FullAccess`"]').waitFor();

    // The user, in both groups in order.
    await create(page, "user", "mfa-user-1");
    const join = page.getByLabel("Add mfa-user-1 to a group");
    await join.selectOption("Force_MFA");
    await page.getByLabel("Add mfa-user-1 to a group").selectOption("EC2_Full_Access");
    await page.getByRole("button", { name: "Move EC2_Full_Access down" }).waitFor();

    // The request: row 1, then row 4, then row 2.
    await page.getByLabel("Principal", { exact: true }).selectOption("user:mfa-user-1");
    await typeInto(page, "Action", "ec2:DescribeInstances");
    const mfa = page.getByRole("switch", { name: /Signed in with MFA/ });
    await mfa.click();
    await mfa.click();
    assert.equal(await mfa.getAttribute("aria-checked"), "false");
    let summary = await expectDecision(page, "explicit-deny", "for row 1 ");
    assert.match(summary, new RegExp(`Force_MFA › ${DENY_SID} — it overrides the Allow in AmazonEC2FullAccess › statement 1`));
    await typeInto(page, "Action", "iam:ChangePassword");
    await typeInto(page, "Resource", "arn:aws:iam::111122223333:user/mfa-user-1");
    summary = await expectDecision(page, "allowed", "for row 4 ");
    assert.match(summary, /AllowIndividualUserToSeeTheirAccountInformation/);
    await typeInto(page, "Action", "ec2:DescribeInstances");
    await typeInto(page, "Resource", "*");
    await mfa.click();
    summary = await expectDecision(page, "allowed", "for row 2 ");
    assert.match(summary, /Allowed by AmazonEC2FullAccess › statement 1/);
    await shot(page, "builder.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("deleting a policy in use asks first and says what uses it", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await page.getByRole("button", { name: "Delete policy Force_MFA" }).click();
    const dialog = page.getByRole("alertdialog");
    assert.match(await dialog.innerText(), /Delete policy Force_MFA\?[\s\S]*attached to group Force_MFA/);
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent),
      "Cancel",
      "Cancel has the focus",
    );
    await shot(page, "confirm-delete.png");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await expectDecision(page, "explicit-deny");
    await page.getByRole("button", { name: "Delete policy Force_MFA" }).click();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await expectDecision(page, "allowed", "without Force_MFA ");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});
