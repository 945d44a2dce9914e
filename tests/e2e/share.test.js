// Links and kept work: a share link opens the same workspace, request and
// decision in a browser that has never seen it; edits survive a reload
// (even one right after typing) and a visit without the link; named
// workspaces switch without losing anything; a malformed, future-version
// or truncated link says so and shows the last good workspace; a plain,
// hand-written link opens.

import assert from "node:assert/strict";
import { test } from "node:test";

import { baseUrl, waitUntil } from "./browser.js";
import {
  addUser,
  assertNoErrors,
  editorText,
  expectDecision,
  openPlayground,
  selectInEditor,
  shot,
  switchWorkspace,
  typeInto,
} from "./playground.js";
import { shareLink, typeAtEndOfLine, waitForSaved, work } from "./keeping.js";

// Waits until the page shows a policy and a decision.
async function ready(page) {
  await page.locator(".policy-editor .monaco-editor .view-lines").waitFor();
  await page.locator("[data-testid=decision]").waitFor();
}

// Loads `url` afresh (a fragment-only change would not reload the page).
async function load(page, url) {
  await page.goto("about:blank");
  await page.goto(url, { waitUntil: "load" });
}

test("a share link opens the same workspace, request and decision in a fresh browser", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  let other;
  try {
    const historyLength = await page.evaluate(() => history.length);
    // Edit the policy (rename a Sid) and the request.
    const text = await editorText(page);
    const sid = "AllowIndividualUserToSeeTheirAccountInformation";
    const at = text.indexOf(sid);
    await selectInEditor(page, at, at + sid.length);
    await page.keyboard.type("SeeOwnAccountViaLink");
    await typeInto(page, "Action", "iam:ChangePassword");
    await typeInto(page, "Resource", "arn:aws:iam::111122223333:user/mfa-user-1");
    await page.getByRole("switch", { name: /Signed in with MFA/ }).click();
    const summary = await expectDecision(page, "allowed");
    assert.match(summary, /Allowed by Force_MFA › SeeOwnAccountViaLink/);
    const before = await work(page);

    const link = await shareLink(page);
    assert.ok(link.startsWith(`${baseUrl().replace(/\/$/, "")}/#w1.`), link);
    assert.match(link, /#w1\.[A-Za-z0-9_-]+$/, "base64url data after the version");
    await shot(page, "share-dialog.png");
    await page.getByTestId("share").click();
    await page.getByTestId("share-dialog").waitFor();
    await shot(page, "share-dialog-open.png");
    await page.keyboard.press("Escape");
    assert.equal(
      await page.evaluate(() => history.length),
      historyLength,
      "editing replaces the link in the address bar without adding history entries",
    );

    other = await openPlayground({ url: link });
    await expectDecision(other.page, "allowed", "in the fresh browser ");
    const after = await work(other.page);
    assert.deepEqual(after, before, "the same policy text, request and decision");
    assert.equal(await other.page.locator('.statement[data-statement="SeeOwnAccountViaLink"]').count(), 1);
    await shot(other.page, "share-opened.png");
    assertNoErrors(errors);
    assertNoErrors(other.errors);
  } finally {
    await other?.browser.close();
    await browser.close();
  }
});

test("edits are kept across reloads, visits without the link and named workspaces", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    const first = await waitForSaved(page);
    // An edit, then a reload at once: the save happens as the page goes.
    await typeAtEndOfLine(page, 1, " ");
    await typeInto(page, "Action", "iam:ListUsers");
    await page.reload({ waitUntil: "load" });
    await ready(page);
    assert.equal(await page.getByLabel("Action", { exact: true }).inputValue(), "iam:ListUsers");
    assert.ok((await editorText(page)).startsWith("{ \n"), "the edit typed just before the reload");

    // Another edit, saved, and the page opened again without its link.
    await typeInto(page, "Resource", "arn:aws:iam::111122223333:user/*");
    await waitForSaved(page, first);
    const before = await work(page);
    await page.goto("about:blank");
    await page.goto(baseUrl(), { waitUntil: "load" });
    await ready(page);
    assert.deepEqual(await work(page), before, "the autosaved work, without a link");

    // A second named workspace starts empty; the first keeps its work.
    await page.getByTestId("workspaces").click();
    await page.getByTestId("workspace-new").click();
    await page.getByLabel("Name of the new workspace").fill("Scratch");
    await page.getByLabel("Name of the new workspace").press("Enter");
    await page.getByText("No policies yet.").waitFor();
    assert.equal(await page.getByTestId("workspace-name").innerText(), "Scratch");
    await page.reload({ waitUntil: "load" });
    await page.getByText("No policies yet.").waitFor();
    assert.equal(await page.getByTestId("workspace-name").innerText(), "Scratch");

    // "Reset to the seed scenario" fills the open workspace only.
    await page.getByTestId("workspaces").click();
    await page.getByTestId("workspace-reset").click();
    await expectDecision(page, "explicit-deny", "on the seed's first request ");
    await page.getByTestId("workspaces").click();
    await page.getByTestId("workspaces-menu").waitFor();
    await shot(page, "workspaces-menu.png");
    await page.getByTestId("workspace-item").filter({ hasText: "My workspace" }).click();
    await waitUntil(
      async () => (await page.getByLabel("Action", { exact: true }).inputValue()) === "iam:ListUsers",
      "the first workspace's request comes back",
      10_000,
    );
    assert.deepEqual(await work(page), before, "switching back restores the first workspace");

    // Renaming and deleting.
    await page.getByTestId("workspaces").click();
    await page.getByTestId("workspace-rename").click();
    await page.getByLabel("New name of the workspace").fill("Walkthrough notes");
    await page.getByLabel("New name of the workspace").press("Enter");
    assert.equal(await page.getByTestId("workspace-name").innerText(), "Walkthrough notes");
    await page.getByTestId("workspaces").click();
    await page.getByTestId("workspace-item").filter({ hasText: "Scratch" }).click();
    await page.getByTestId("workspaces").click();
    await page.getByTestId("workspace-delete").click();
    await page.getByTestId("workspace-delete-confirm").click();
    await waitUntil(
      async () => (await page.getByTestId("workspace-name").innerText()) === "Walkthrough notes",
      "deleting the open workspace opens the other",
      10_000,
    );
    assert.deepEqual(await work(page), before);
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("a malformed, future-version or truncated link says so and shows the last good workspace", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground({ colorScheme: "dark" });
  try {
    // The last good workspace: the seed with another request.
    await typeInto(page, "Action", "iam:ListUsers");
    await typeInto(page, "Resource", "arn:aws:iam::111122223333:user/*");
    await expectDecision(page, "allowed");
    const saved = await waitForSaved(page);
    const good = await work(page);
    const base = baseUrl();
    // Cut on a multiple of four characters: whole bytes, incomplete data.
    const data = saved.slice("#w1.".length);
    const truncated = `#w1.${data.slice(0, Math.floor(data.length / 8) * 4)}`;
    const cases = [
      ["#w1.not*base64url", /This link could not be opened[\s\S]*\* at character 4 is not base64url/],
      ["#w2.AAAA", /newer version of the playground \(link format 2; this page reads format 1\)/],
      [truncated, /cut short or damaged/],
      ["#hello-there", /not a playground link/],
      ["#policy=%7B&acton=s3:GetObject", /unknown parameter acton/],
    ];
    for (const [fragment, message] of cases) {
      await load(page, `${base}${fragment}`);
      const notice = page.getByTestId("link-notice");
      await notice.waitFor();
      const text = await notice.innerText();
      assert.match(text, message, `the message for ${fragment.slice(0, 40)}`);
      assert.match(text, /Showing your last workspace, My workspace, instead/);
      await ready(page);
      assert.deepEqual(await work(page), good, `the last good workspace for ${fragment.slice(0, 40)}`);
      assert.equal(await page.evaluate(() => location.hash), fragment, "the broken link stays in the address bar");
      if (fragment === truncated) {
        await shot(page, "link-truncated-dark.png");
      }
    }
    // Dismissing the message; the page works on.
    await page.getByTestId("link-notice").getByRole("button", { name: "Dismiss" }).click();
    assert.equal(await page.getByTestId("link-notice").count(), 0);
    await typeInto(page, "Action", "ec2:DescribeInstances");
    await expectDecision(page, "explicit-deny", "for EC2 without MFA ");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("a plain, hand-written link opens its policy and request", { timeout: 90_000 }, async () => {
  const policy = JSON.stringify(
    {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" }],
    },
    null,
    2,
  );
  const fragment =
    `#policy=${encodeURIComponent(policy)}&action=s3:GetObject` +
    `&resource=${encodeURIComponent("arn:aws:s3:::reports/q1.csv")}&principal=analyst`;
  const { browser, page, errors } = await openPlayground({ url: `${baseUrl()}${fragment}` });
  try {
    const summary = await expectDecision(page, "allowed");
    assert.match(summary, /Allowed by Policy › statement 1/);
    assert.equal(await editorText(page), policy, "the policy exactly as written in the link");
    assert.equal(await page.getByLabel("Principal", { exact: true }).inputValue(), "user:analyst");
    await typeInto(page, "Action", "s3:PutObject");
    await expectDecision(page, "implicit-deny");
    // The page replaces the plain link with a packed one as it saves.
    await waitForSaved(page);
    await shot(page, "plain-link.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("a link pasted into the address bar of the open page opens in a workspace of its own", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await waitForSaved(page);
    const policy = '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}';
    await page.evaluate((hash) => {
      location.hash = hash;
    }, `#policy=${encodeURIComponent(policy)}&action=s3:GetObject`);
    await expectDecision(page, "explicit-deny", "for the pasted link ");
    assert.equal(await editorText(page), policy);
    assert.equal(await page.getByTestId("workspace-name").innerText(), "Shared link");
    await page.getByTestId("workspaces").click();
    const items = page.getByTestId("workspace-item");
    assert.deepEqual((await items.allInnerTexts()).map((t) => t.replace("✓", "").trim()), ["My workspace", "Shared link"]);
    assert.equal(await items.filter({ hasText: "Shared link" }).getAttribute("aria-current"), "true");
    await page.getByTestId("workspace-item").filter({ hasText: "My workspace" }).click();
    await page.getByTestId("editor-title").filter({ hasText: "Force_MFA" }).waitFor();

    // A broken one says so and changes nothing.
    await page.evaluate(() => {
      location.hash = "#w1.AAAA";
    });
    const notice = page.getByTestId("keep-notice");
    await notice.waitFor();
    assert.match(await notice.innerText(), /This link could not be opened[\s\S]*cut short or damaged[\s\S]*Showing the workspace that was open instead/);
    assert.equal(await page.getByTestId("workspace-name").innerText(), "My workspace");
    await expectDecision(page, "explicit-deny", "on the seed ");
    await shot(page, "link-pasted.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

// Opens the playground in a second tab of the same browser (the same
// storage), recording its errors with the first tab's.
async function openSecondTab(browser, errors) {
  const tab = await browser.context.newPage();
  tab.on("pageerror", (error) => errors.push(String(error)));
  await tab.goto(baseUrl(), { waitUntil: "load" });
  await ready(tab);
  return tab;
}

test("two tabs keep each other's named workspaces", { timeout: 120_000 }, async () => {
  const { browser, page: tabA, errors } = await openPlayground();
  try {
    const tabB = await openSecondTab(browser, errors);

    // Each tab makes a workspace of its own and puts a user in it.
    const make = async (tab, name, user) => {
      await tab.getByTestId("workspaces").click();
      await tab.getByTestId("workspace-new").click();
      await tab.getByLabel("Name of the new workspace").fill(name);
      await tab.getByLabel("Name of the new workspace").press("Enter");
      await tab.getByText("No policies yet.").waitFor();
      await addUser(tab, user);
    };
    await make(tabA, "Alpha", "ann");
    await make(tabB, "Beta", "bob");
    // Let both save.
    await tabA.waitForTimeout(1_000);

    // Each tab's menu lists both, and each workspace holds its own user.
    for (const tab of [tabA, tabB]) {
      await tab.getByTestId("workspaces").click();
      const names = await tab.getByTestId("workspace-item").allInnerTexts();
      assert.deepEqual(names.map((n) => n.replace("✓", "").trim()), ["My workspace", "Alpha", "Beta"]);
      await tab.getByTestId("workspaces").click();
    }
    await switchWorkspace(tabA, "Beta");
    await tabA.locator('[data-entity="user `bob`"]').waitFor();
    await switchWorkspace(tabA, "Alpha");
    await tabA.locator('[data-entity="user `ann`"]').waitFor();
    await shot(tabA, "two-tabs.png");

    // After a reload, the open workspace and all three are there.
    await tabB.close();
    await tabA.reload({ waitUntil: "load" });
    await tabA.locator('[data-entity="user `ann`"]').waitFor();
    await tabA.getByTestId("workspaces").click();
    assert.equal(await tabA.getByTestId("workspace-item").count(), 3);
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("changes saved in another tab to the open workspace are offered, not lost", { timeout: 120_000 }, async () => {
  const { browser, page: tabA, errors } = await openPlayground();
  try {
    const tabB = await openSecondTab(browser, errors);
    await waitForSaved(tabA);
    await waitForSaved(tabB);
    assert.equal(await tabA.getByTestId("other-tab-notice").count(), 0, "no notice for the same work");

    // Tab A changes the workspace both have open; tab B is told and loads it.
    await addUser(tabA, "ann");
    await tabB.getByTestId("other-tab-notice").waitFor({ timeout: 10_000 });
    await shot(tabB, "other-tab-notice.png");
    await tabB.getByTestId("load-other-tab").click();
    await tabB.locator('[data-entity="user `ann`"]').waitFor();
    await waitUntil(async () => (await tabB.getByTestId("other-tab-notice").count()) === 0, "the notice goes");

    // Loading saves nothing new, so tab A is not told about its own work.
    await tabA.waitForTimeout(1_500);
    assert.equal(await tabA.getByTestId("other-tab-notice").count(), 0, "tab A has nothing to load");

    // A change of the tab's own clears the notice: its work is the saved one.
    await addUser(tabA, "amy");
    await tabB.getByTestId("other-tab-notice").waitFor({ timeout: 10_000 });
    await addUser(tabB, "bob");
    await waitUntil(async () => (await tabB.getByTestId("other-tab-notice").count()) === 0, "the notice goes with tab B's save");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});
