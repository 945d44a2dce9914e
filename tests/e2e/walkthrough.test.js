// The seed walkthrough (../../../shared/scenarios/README.md), replayed as
// a newcomer would: the page opens on row 1, the request fields and the
// "signed in with MFA" switch change the decision, a preset gives row 14,
// and a click on a statement opens it in the editor.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  DENY_SID,
  assertNoErrors,
  decision,
  editorText,
  expectDecision,
  openPlayground,
  shot,
  statements,
  typeInto,
} from "./playground.js";

test("the walkthrough: denied without MFA, own password allowed, allowed with MFA", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    // Row 1: mfa-user-1 without MFA, ec2:DescribeInstances on `*`.
    assert.equal(await page.getByLabel("Principal", { exact: true }).inputValue(), "user:mfa-user-1");
    assert.equal(await page.getByLabel("Action", { exact: true }).inputValue(), "ec2:DescribeInstances");
    assert.equal(await page.getByRole("switch", { name: /Signed in with MFA/ }).getAttribute("aria-checked"), "false");
    let summary = await expectDecision(page, "explicit-deny");
    assert.equal((await decision(page)).text, "Explicit deny");
    assert.match(summary, new RegExp(`Explicitly denied by Force_MFA › ${DENY_SID}`));
    assert.match(summary, /it overrides the Allow in AmazonEC2FullAccess › statement 1/);
    const force = await statements(page, "Force_MFA");
    assert.deepEqual(force.find((s) => s.label === DENY_SID), { label: DENY_SID, role: "deciding" });
    const ec2 = await statements(page, "AmazonEC2FullAccess");
    assert.deepEqual(ec2[0], { label: "statement 1", role: "overridden" }, "the overridden Allow is shown");
    // The Null condition of the Deny, with the request's missing value.
    const deny = page.locator(`.statement[data-statement="${DENY_SID}"] .condition`);
    assert.match(await deny.innerText(), /Null\s+aws:MultiFactorAuthAge[\s\S]*request: absent[\s\S]*policy: true[\s\S]*holds/);
    // The key the condition asks for is one click from being added.
    assert.match(await page.locator("[data-testid=missing-keys]").innerText(), /aws:MultiFactorAuthAge/);
    // Derived keys show as such.
    assert.match(await page.locator("[data-testid=context-keys]").innerText(), /aws:username\s+mfa-user-1\s+from the principal/);
    // The editor marks the deciding Deny.
    await shot(page, "walkthrough-row1.png");

    // Row 4: the user's own password, without MFA.
    await typeInto(page, "Action", "iam:ChangePassword");
    await typeInto(page, "Resource", "arn:aws:iam::111122223333:user/mfa-user-1");
    summary = await expectDecision(page, "allowed", "for iam:ChangePassword ");
    assert.match(summary, /Allowed by Force_MFA › AllowIndividualUserToSeeTheirAccountInformation/);
    assert.equal(await page.locator("[data-testid=resource-warning]").count(), 0, "the ARN fits the action");

    // A resource the action cannot act on is flagged.
    await typeInto(page, "Resource", "arn:aws:s3:::bucket");
    await page.locator("[data-testid=resource-warning]").waitFor();

    // Row 2: back to EC2, then the MFA switch.
    await typeInto(page, "Action", "ec2:DescribeInstances");
    await page.getByRole("button", { name: "*", exact: true }).click();
    assert.equal(await page.getByLabel("Resource", { exact: true }).inputValue(), "*");
    await expectDecision(page, "explicit-deny", "for EC2 without MFA ");
    await page.getByRole("switch", { name: /Signed in with MFA/ }).click();
    summary = await expectDecision(page, "allowed", "once MFA is on ");
    assert.match(summary, /Allowed by AmazonEC2FullAccess › statement 1/);
    assert.equal(await page.getByLabel("Value of aws:MultiFactorAuthAge").inputValue(), "120");
    await shot(page, "walkthrough-mfa.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("row 14: a user only in EC2_Full_Access is allowed EC2 without MFA", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await page.getByRole("button", { name: /Only EC2_Full_Access/ }).click();
    assert.equal(await page.getByLabel("Principal", { exact: true }).inputValue(), "user:mfa-user-2");
    const summary = await expectDecision(page, "allowed");
    assert.match(summary, /Allowed by AmazonEC2FullAccess › statement 1/);
    assert.equal(
      await page.getByLabel("Count mfa-user-2 as a member of Force_MFA").isChecked(),
      false,
      "the request counts only EC2_Full_Access",
    );
    // The same with the "what if" memberships, from row 1 as mfa-user-2.
    await page.getByRole("button", { name: /EC2, no MFA/ }).click();
    await page.getByLabel("Principal", { exact: true }).selectOption("user:mfa-user-2");
    await expectDecision(page, "explicit-deny", "while in Force_MFA ");
    await page.getByLabel("Count mfa-user-2 as a member of Force_MFA").uncheck();
    await expectDecision(page, "allowed", "once out of Force_MFA ");
    await shot(page, "row14.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("a statement in the decision opens in the editor, AWS managed ones read-only", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await page.getByRole("button", { name: /^Allow statement statement 1, overridden/ }).click();
    await page.getByTestId("editor-title").filter({ hasText: "AmazonEC2FullAccess" }).waitFor();
    assert.match(await editorText(page), /"ec2:\*"/);
    assert.match(await page.locator(".editor-kind").innerText(), /read-only/);
    await page.getByRole("button", { name: new RegExp(`^Deny statement ${DENY_SID}`) }).click();
    await page.getByTestId("editor-title").filter({ hasText: "Force_MFA" }).waitFor();
    assert.match(await editorText(page), new RegExp(DENY_SID));
    await shot(page, "statement-revealed.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});
