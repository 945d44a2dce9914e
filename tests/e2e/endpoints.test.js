// VPC endpoints in the builder and the request panel (issue 13, point 3):
// an endpoint added with its id and VPC opens its policy (AWS's default,
// written out) in the editor; a request made through it carries
// `aws:SourceVpce` and must be allowed by that policy, and a Deny there
// denies (`vpc-endpoints-access.md`, "Endpoint policies"). The request's
// endpoint travels with the share link.

import assert from "node:assert/strict";
import { test } from "node:test";

import { waitUntil } from "./browser.js";
import { shareLink } from "./keeping.js";
import {
  assertNoErrors,
  editorText,
  expectDecision,
  openPlayground,
  pasteIntoEditor,
  selectInEditor,
  shot,
} from "./playground.js";

const DENY_EC2 = `{
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
        {"Sid": "NoEc2ThroughHere", "Effect": "Deny", "Principal": "*", "Action": "ec2:*", "Resource": "*"}
    ]
}
`;

test("a request through a VPC endpoint is decided by the endpoint's policy", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  let other;
  try {
    // Seed row 2: mfa-user-1 with MFA may describe instances.
    await page.locator('[data-preset="2"]').click();
    await expectDecision(page, "allowed");
    assert.equal(await page.getByTestId("vpc-endpoint").count(), 0, "no endpoint to pick in the seed");

    await page.getByRole("button", { name: "New VPC endpoint", exact: true }).click();
    await page.getByLabel("Id of the new VPC endpoint").fill("vpce-1a2b3c4d");
    await page.getByLabel("VPC of the new endpoint (optional)").fill("vpc-111bbb22");
    await page.getByLabel("VPC of the new endpoint (optional)").press("Enter");
    await page.locator('[data-entity="VPC endpoint `vpce-1a2b3c4d`"]').waitFor();
    await waitUntil(
      async () => (await page.getByTestId("editor-title").innerText()).trim() === "vpce-1a2b3c4d",
      "the endpoint's policy opens in the editor",
    );
    assert.match(await editorText(page), /"Principal": "\*"/);

    const endpoint = page.getByTestId("vpc-endpoint");
    assert.equal(await endpoint.inputValue(), "", "none by default");
    await endpoint.selectOption("vpce-1a2b3c4d");
    await expectDecision(page, "allowed", "through an endpoint whose policy allows everything ");
    await page.locator('.path-node[data-step="vpc_endpoint_policy"][data-on-path="true"]').first().waitFor();

    const text = await editorText(page);
    await selectInEditor(page, 0, text.length);
    await pasteIntoEditor(page, DENY_EC2);
    const summary = await expectDecision(page, "explicit-deny", "once the endpoint policy denies EC2 ");
    assert.match(summary, /NoEc2ThroughHere/);
    await shot(page, "vpc-endpoint.png");

    await endpoint.selectOption("");
    await expectDecision(page, "allowed", "not through the endpoint ");
    await endpoint.selectOption("vpce-1a2b3c4d");
    await expectDecision(page, "explicit-deny");

    const link = await shareLink(page);
    other = await openPlayground({ url: link });
    await expectDecision(other.page, "explicit-deny", "in a fresh browser from the link ");
    assert.equal(await other.page.getByTestId("vpc-endpoint").inputValue(), "vpce-1a2b3c4d");
    assertNoErrors(errors);
    assertNoErrors(other.errors);
  } finally {
    await other?.browser.close();
    await browser.close();
  }
});
