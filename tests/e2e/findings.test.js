// The request's own problems, next to the decision (issue 13, point 4): a
// misspelt action is still decided as AWS would decide it (the seed's
// `ec2:*` matches `ec2:DescribeInstancess`), but the decision panel says
// first that AWS has no such action, with the catalog's "did you mean";
// choosing the suggestion fixes the request and the warning goes. A
// misspelt context key is renamed the same way.

import assert from "node:assert/strict";
import { test } from "node:test";

import { waitUntil } from "./browser.js";
import { assertNoErrors, expectDecision, openPlayground, shot, typeInto } from "./playground.js";

for (const colorScheme of ["light", "dark"]) {
  test(`a misspelt action shows a warning whose suggestion fixes it (${colorScheme})`, { timeout: 90_000 }, async () => {
    const { browser, page, errors } = await openPlayground({ colorScheme });
    try {
      const findings = page.getByTestId("request-findings");
      await expectDecision(page, "explicit-deny");
      assert.equal(await findings.count(), 0, "the seed's request has no problem");
      await page.getByTestId("mfa-switch").click();
      await expectDecision(page, "allowed", "with MFA ");

      await typeInto(page, "Action", "ec2:DescribeInstancess");
      await findings.waitFor();
      await expectDecision(page, "allowed", "for the misspelt action, as AWS would decide ");
      const finding = findings.getByTestId("request-finding");
      assert.equal(await finding.count(), 1);
      assert.equal(await finding.getAttribute("data-code"), "unknown-action");
      const text = await finding.innerText();
      assert.match(text, /warning/i);
      assert.match(text, /ec2:DescribeInstancess.*is not an action of.*ec2/s);
      assert.match(text, /Did you mean\s+ec2:DescribeInstances\s*\?/);
      // The warning stands between the decision and the sentence that says why.
      const order = await page.evaluate(() => {
        const badge = document.querySelector("[data-testid=decision]");
        const list = document.querySelector("[data-testid=request-findings]");
        const summary = document.querySelector("[data-testid=summary]");
        const follows = (a, b) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
        return follows(badge, list) && follows(list, summary);
      });
      assert.ok(order, "the findings come after the decision and before its reason");
      await shot(page, `request-findings-${colorScheme}.png`);

      await page.getByRole("button", { name: "Use ec2:DescribeInstances as the action" }).click();
      await waitUntil(async () => (await findings.count()) === 0, "the warning goes once the suggestion is chosen", 10_000);
      assert.equal(await page.getByLabel("Action", { exact: true }).inputValue(), "ec2:DescribeInstances");
      await expectDecision(page, "allowed", "for the real action ");
      if (colorScheme === "dark") {
        assertNoErrors(errors);
        return;
      }

      // A context key nothing defines, with its value kept when renamed.
      await page.getByLabel("Context key to add").fill("aws:SourceIpp");
      await page.getByRole("button", { name: "Add key", exact: true }).click();
      await page.getByLabel("Value of aws:SourceIpp").fill("203.0.113.5");
      await findings.waitFor();
      const keyFinding = findings.locator('[data-code="unknown-condition-key"]');
      assert.match(await keyFinding.innerText(), /aws:SourceIpp/);
      await page.getByRole("button", { name: "Rename context key aws:SourceIpp to aws:SourceIp" }).click();
      await waitUntil(async () => (await findings.count()) === 0, "the key warning goes once renamed", 10_000);
      assert.equal(await page.getByLabel("Value of aws:SourceIp", { exact: true }).inputValue(), "203.0.113.5");
      assertNoErrors(errors);
    } finally {
      await browser.close();
    }
  });
}
