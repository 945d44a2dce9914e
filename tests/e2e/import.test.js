// Importing and exporting: the output of `aws iam get-account-authorization-details`
// (tests/fixtures/authorization-details.json: a user in two groups, a role
// with a permissions boundary, inline and managed policies, a
// service-linked role) becomes a workspace whose decisions are AWS's, with
// a list of what was skipped; the exported workspace file dropped on the
// page gives the same workspace back; a broken file says where.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { waitUntil } from "./browser.js";
import { addUser, assertNoErrors, expectDecision, openPlayground, shot, switchWorkspace, typeInto } from "./playground.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/authorization-details.json", import.meta.url));
// A CloudFormation template in YAML (issue 16): a role with an inline
// policy, a managed policy and a boundary, an instance profile, a group
// with a user, a bucket and its policy, and a value imported from another
// stack that the file alone cannot give.
const TEMPLATE = fileURLToPath(new URL("../fixtures/iac/reports-stack.yaml", import.meta.url));

// Sets the request: principal (`user:NAME` or `role:NAME`), action, resource.
async function request(page, principal, action, resource) {
  await page.getByLabel("Principal", { exact: true }).selectOption(principal);
  await typeInto(page, "Action", action);
  await typeInto(page, "Resource", resource);
}

// Drops a file named `name` holding `text` on the page, as a person drags
// it from their desktop; `over` only drags it over.
async function dropFile(page, name, text, { over = false, type = "application/json" } = {}) {
  await page.evaluate(
    ([fileName, content, onlyOver, mime]) => {
      const data = new DataTransfer();
      data.items.add(new File([content], fileName, { type: mime }));
      const target = document.querySelector(".columns");
      const init = { dataTransfer: data, bubbles: true, cancelable: true };
      target.dispatchEvent(new DragEvent("dragover", init));
      if (!onlyOver) {
        target.dispatchEvent(new DragEvent("drop", init));
      }
    },
    [name, text, over, type],
  );
}

for (const colorScheme of ["light", "dark"]) {
  test(`authorization details import with AWS's decisions and what was skipped (${colorScheme})`, { timeout: 120_000 }, async () => {
    const { browser, page, errors } = await openPlayground({ colorScheme });
    try {
      await page.getByTestId("import-workspace").setInputFiles(FIXTURE);
      const report = page.getByTestId("import-report");
      await report.waitFor();
      assert.match(await report.innerText(), /2 users, 2 groups, 1 role and 3 customer managed policies/);
      const skipped = await page.getByTestId("import-skipped").locator("li").allInnerTexts();
      assert.ok(skipped.some((s) => /service-linked role \(path \/aws-service-role\/\): AWSServiceRoleForSupport/.test(s)), skipped.join("\n"));
      assert.ok(skipped.some((s) => /instance profile of role web/.test(s)), skipped.join("\n"));
      assert.ok(skipped.some((s) => /non-default versions of 3 policies/.test(s)), skipped.join("\n"));
      await shot(page, `import-report-${colorScheme}.png`);
      await page.getByRole("button", { name: "OK", exact: true }).click();
      assert.equal(await report.count(), 0);
      if (colorScheme === "dark") {
        assertNoErrors(errors);
        return;
      }

      // reference_policies_evaluation-logic.md: an Allow in a policy of one
      // of the user's groups allows the request.
      await request(page, "user:maria", "s3:PutObject", "arn:aws:s3:::payments-artifacts/releases/v1.zip");
      assert.match(await expectDecision(page, "allowed", "maria publishing a release "), /Allowed by DeployArtifacts › PublishReleases/);
      // An explicit Deny in the user's inline policy overrides any Allow.
      await request(page, "user:maria", "iam:CreateAccessKey", "arn:aws:iam::444455556666:user/engineering/maria");
      assert.match(await expectDecision(page, "explicit-deny", "maria creating an access key "), /Explicitly denied by NoAccessKeys › ConsoleOnly/);
      // reference_policies_boundaries.md: the role's boundary does not allow
      // s3:PutObject, so the managed policy's Allow does not take effect.
      await request(page, "role:web", "s3:PutObject", "arn:aws:s3:::payments-artifacts/releases/v1.zip");
      await expectDecision(page, "implicit-deny", "the web role publishing past its boundary ");
      await request(page, "role:web", "s3:GetObject", "arn:aws:s3:::payments-config/web/app.json");
      assert.match(await expectDecision(page, "allowed", "the web role reading its configuration "), /Allowed by ReadAppConfig › WebConfig/);
      await request(page, "user:ci-deployer", "s3:GetObject", "arn:aws:s3:::payments-config/web/app.json");
      await expectDecision(page, "implicit-deny", "ci-deployer reading the configuration ");
      await shot(page, "import-decisions.png");
      assertNoErrors(errors);
    } finally {
      await browser.close();
    }
  });
}

test("the exported workspace file, dropped on the page, gives the workspace back", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await page.getByTestId("import-workspace").setInputFiles(FIXTURE);
    await page.getByRole("button", { name: "OK", exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-workspace").click()]);
    assert.match(download.suggestedFilename(), /\.json$/);
    const exported = await readFile(await download.path(), "utf8");
    assert.match(exported, /"format": "iamplay-workspace"/);
    assert.match(exported, /"name": "maria"/);

    await page.getByTestId("new-workspace").click();
    await page.getByText("No policies yet.").waitFor();
    await dropFile(page, "account.json", exported, { over: true });
    await page.getByTestId("drop-overlay").waitFor();
    await shot(page, "import-drop-overlay.png");
    await dropFile(page, "account.json", exported);
    await waitUntil(async () => (await page.getByTestId("drop-overlay").count()) === 0, "the overlay goes", 5_000);
    await page.locator('[data-entity="user `maria`"]').waitFor();
    assert.equal(await page.getByTestId("import-report").count(), 0, "a workspace file has no report");
    await request(page, "user:maria", "iam:CreateAccessKey", "*");
    await expectDecision(page, "explicit-deny", "after the drop ");

    // The authorization details themselves can be dropped too.
    await dropFile(page, "details.json", await readFile(FIXTURE, "utf8"));
    await page.getByTestId("import-report").waitFor();
    await page.getByRole("button", { name: "OK", exact: true }).click();

    // A broken file says where it is broken, and changes nothing.
    await dropFile(page, "broken.json", '{\n  "format": "iamplay-workspace",\n  "users": [\n');
    const notice = page.getByTestId("notice");
    await notice.waitFor();
    assert.match(await notice.innerText(), /the workspace file could not be read: 4:1/);
    await page.locator('[data-entity="user `maria`"]').waitFor();
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("a file imported over your own work opens as a workspace of its own; yours stays saved", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    // Some work of one's own: a third user in the seed scenario.
    await addUser(page, "learner");

    // A broken file changes nothing and makes no workspace.
    await dropFile(page, "broken.json", "{ \"format\": ");
    await page.getByTestId("notice").waitFor();
    await page.locator('[data-entity="user `learner`"]').waitFor();
    assert.equal(await page.getByTestId("workspace-name").innerText(), "My workspace");

    // The authorization details open as a workspace named after the file.
    await page.getByTestId("import-workspace").setInputFiles(FIXTURE);
    await page.getByTestId("import-report").waitFor();
    await page.getByRole("button", { name: "OK", exact: true }).click();
    await page.locator('[data-entity="user `maria`"]').waitFor();
    await waitUntil(
      async () => (await page.getByTestId("workspace-name").innerText()) === "authorization-details",
      "the import opens as a workspace named after its file",
    );
    assert.equal(await page.locator('[data-entity="user `learner`"]').count(), 0);

    // The imported workspace is the user's work now: "Empty workspace" keeps it too.
    await page.getByTestId("new-workspace").click();
    await page.getByText("No policies yet.").waitFor();
    assert.equal(await page.getByTestId("workspace-name").innerText(), "Empty workspace");

    // The workspaces menu brings both back.
    await switchWorkspace(page, "authorization-details");
    await page.locator('[data-entity="user `maria`"]').waitFor();
    await switchWorkspace(page, "My workspace");
    await page.locator('[data-entity="user `learner`"]').waitFor();
    await shot(page, "import-over-own-work.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("a CloudFormation template dropped on the page brings its roles and policies, and lists its placeholders", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await dropFile(page, "reports-stack.yaml", await readFile(TEMPLATE, "utf8"), { type: "application/x-yaml" });
    const report = page.getByTestId("import-report");
    await report.waitFor();
    const text = await report.innerText();
    assert.match(text, /Imported a CloudFormation template \(YAML\)/);
    assert.match(text, /1 user, 1 group, 1 role, 2 customer managed policies/);

    // What the file alone does not give stays a placeholder, listed where it is.
    const placeholders = await page.getByTestId("import-placeholders").locator("li").allInnerTexts();
    assert.ok(
      placeholders.some((p) => /^reports-stack\.yaml:55:73 .*<unresolved:ImportValue:shared-AuditAccountId>/.test(p)),
      placeholders.join("\n"),
    );
    const skipped = await page.getByTestId("import-skipped").locator("li").allInnerTexts();
    assert.ok(skipped.some((s) => /^reports-stack\.yaml:99:3 .*instance profile `?WebInstanceProfile/.test(s)), skipped.join("\n"));
    assert.ok(skipped.some((s) => /DebugRole.*condition.*IsDev.*is false/.test(s)), skipped.join("\n"));
    await shot(page, "import-cloudformation.png");
    await page.getByRole("button", { name: "OK", exact: true }).click();

    // The template's roles, policies, group and user are the workspace now.
    for (const entity of [
      "role `reports-web`",
      "policy `reports-read`",
      "policy `reports-boundary`",
      "inline policy `WriteReports` of role `reports-web`",
      "group `reports-analysts`",
      "user `dana`",
    ]) {
      await page.locator(`[data-entity="${entity}"]`).waitFor();
    }
    // reference_policies_evaluation-logic.md: the group's managed policy
    // allows dana to read a report; the bucket policy's Deny needs
    // aws:SecureTransport false, which this request does not say.
    await request(page, "user:dana", "s3:GetObject", "arn:aws:s3:::reports-prod-111122223333/daily/2026-11-30.csv");
    assert.match(await expectDecision(page, "allowed", "dana reading a report "), /reports-read/);
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});
