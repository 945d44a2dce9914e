// Embeds: the documentation-like demo page (web/embed-demo.html) holds two
// embeds that work side by side, each on its own workspace (the seed
// scenario; a plain hand-written link, read-only, without the policy
// tabs); each shows its policy as highlighted text and loads Monaco only
// when the reader clicks it to edit (the read-only one never); "Open in
// playground" carries an embed's work to the full page; the share
// dialog's embed code makes a working <iframe>; `request=N` picks a saved
// request and `hide=` leaves panels out; AWS's service data that cannot
// be loaded is said in one line.

import assert from "node:assert/strict";
import { test } from "node:test";

import { baseUrl, waitUntil } from "./browser.js";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";

import { assertNoErrors, holdServiceData, openPlayground, serviceData, shot } from "./playground.js";

// Saves a screenshot of the whole demo page, both embeds in it.
async function fullShot(page, name) {
  const dir = fileURLToPath(new URL("./screenshots/", import.meta.url));
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: `${dir}${name}`, fullPage: true });
  console.log(`screenshot: ${dir}${name}`);
}

// The decision an embed shows (in `frame`).
async function frameDecision(frame) {
  const badge = frame.locator("[data-testid=decision]");
  await badge.waitFor();
  return badge.getAttribute("data-decision");
}

// Waits until the embed in `frame` shows decision `kind`.
async function expectFrameDecision(frame, kind, message) {
  await waitUntil(async () => (await frameDecision(frame)) === kind, `${message}: the decision becomes ${kind}`, 10_000);
}

// The frame of the <iframe> with this id.
async function frameOf(page, id) {
  return (await page.locator(`#${id}`).elementHandle()).contentFrame();
}

// The text of the editor in `frame`.
function frameEditorText(frame) {
  return frame.evaluate(() => window.__editors.filter((e) => e.getDomNode()?.isConnected).at(-1).getModel().getValue());
}

for (const colorScheme of ["light", "dark"]) {
  test(`both embeds of the demo page work side by side (${colorScheme})`, { timeout: 120_000 }, async () => {
    const { browser, page, errors } = await openPlayground({
      colorScheme,
      url: `${baseUrl()}embed-demo.html`,
      ready: false,
    });
    try {
      const seed = await frameOf(page, "embed-seed");
      const plain = await frameOf(page, "embed-plain");
      await seed.getByTestId("policy-text").waitFor();
      await plain.getByTestId("policy-text").waitFor();
      // The seed scenario on its first saved request: the explicit deny.
      assert.equal(await frameDecision(seed), "explicit-deny");
      assert.match(await seed.getByTestId("policy-text").innerText(), /"Sid": "AllowAllUsersToListAccounts"/);
      assert.equal(await seed.getByTestId("policy-text-note").innerText(), "Click to edit");
      // The plain link: its policy, read-only, no tabs, no workspace panel.
      assert.equal(await frameDecision(plain), "explicit-deny");
      assert.match(await plain.getByTestId("summary").innerText(), /Explicitly denied by Policy › NeverDelete/);
      assert.match(await plain.locator(".policy-text").getAttribute("aria-label"), /read-only/);
      // Neither has loaded Monaco yet.
      for (const frame of [seed, plain]) {
        assert.equal(await frame.evaluate(() => typeof window.monaco), "undefined", "no Monaco before the reader edits");
      }
      // The embed's document title is the workspace's name, as its bar says.
      assert.equal(await seed.evaluate(() => document.title), await seed.getByTestId("embed-title").innerText());
      assert.equal(await plain.locator(".embed-tabs").count(), 0);
      assert.equal(await plain.locator(".panel[aria-label=Workspace]").count(), 0);
      if (colorScheme === "light") {
        await fullShot(page, "embed-demo.png");
      } else {
        await fullShot(page, "embed-demo-dark.png");
        assertNoErrors(errors);
        return;
      }

      const open = plain.getByTestId("open-in-playground");
      const first = await waitUntil(
        async () => ((await open.getAttribute("href")) ?? "").includes("#w1.") && (await open.getAttribute("href")),
        "the embed's link is made",
        10_000,
      );

      // Each embed keeps to itself: MFA on in one, another action in the other.
      await seed.getByRole("switch", { name: /Signed in with MFA/ }).click();
      await expectFrameDecision(seed, "allowed", "the seed embed with MFA");
      assert.equal(await frameDecision(plain), "explicit-deny", "the other embed is unchanged");
      const action = plain.getByLabel("Action", { exact: true });
      await action.click();
      await action.press("ControlOrMeta+a");
      await action.pressSequentially("s3:GetObject");
      await action.press("Escape");
      await expectFrameDecision(plain, "allowed", "the plain embed on s3:GetObject");
      assert.equal(await frameDecision(seed), "allowed", "the seed embed is unchanged");

      // The read-only policy ignores typing and never loads Monaco.
      const before = await plain.getByTestId("policy-text").innerText();
      await plain.getByTestId("policy-text").click();
      await page.keyboard.type("xyz");
      assert.equal(await plain.getByTestId("policy-text").innerText(), before, "nothing typed into the read-only policy");
      assert.equal(await plain.evaluate(() => typeof window.monaco), "undefined", "no Monaco in a read-only embed");

      // Clicking the editable policy loads the editor, focused, on the same text.
      await seed.getByTestId("policy-text").click();
      await seed.locator(".policy-editor .monaco-editor .view-lines").waitFor();
      assert.equal(await seed.getByTestId("policy-editor").getAttribute("data-read-only"), "false");
      assert.match(await frameEditorText(seed), /"Effect": "Deny"/);
      await waitUntil(
        () => seed.evaluate(() => document.activeElement?.closest(".monaco-editor") !== null),
        "the editor has the focus",
        10_000,
      );

      // "Open in playground" carries the embed's work to the full page.
      const href = await waitUntil(
        async () => {
          const value = await open.getAttribute("href");
          return value !== first && (await open.getAttribute("aria-disabled")) === null ? value : null;
        },
        "the embed's link follows its work",
        10_000,
      );
      assert.ok(!href.includes("embed"), `the full page, not an embed: ${href}`);
      const [full] = await Promise.all([page.context().waitForEvent("page"), open.click()]);
      await full.waitForLoadState("load");
      await full.locator(".columns").waitFor();
      await waitUntil(
        async () => (await full.locator("[data-testid=decision]").getAttribute("data-decision")) === "allowed",
        "the full page shows the embed's decision",
        10_000,
      );
      assert.equal(await full.getByLabel("Action", { exact: true }).inputValue(), "s3:GetObject");
      assert.equal(await full.getByLabel("Principal", { exact: true }).inputValue(), "user:analyst");
      assert.equal(await full.getByTestId("policy-editor").getAttribute("data-read-only"), "false", "editable on the full page");
      await shot(full, "embed-opened-in-playground.png");
      assertNoErrors(errors);
    } finally {
      await browser.close();
    }
  });
}

test("the share dialog's embed code, `request=N` and `hide=`", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    // The embed code, with the policy tabs and the request left out and a
    // read-only editor.
    await page.getByTestId("share").click();
    await page.getByTestId("embed-show-workspace").uncheck();
    await page.getByTestId("embed-show-request").uncheck();
    await page.getByTestId("embed-read-only").check();
    const code = await waitUntil(
      async () => (await page.getByTestId("embed-code").inputValue()) || null,
      "the embed code is shown",
      10_000,
    );
    assert.match(code, /^<iframe src="[^"]+\?embed&amp;hide=workspace,request&amp;readonly#w1\.[A-Za-z0-9_-]+" title="IAM Policy Playground: [^"]*" /);
    await shot(page, "share-embed-code.png");
    await page.keyboard.press("Escape");

    // Pasted into a page, it embeds the workspace.
    await page.goto(`${baseUrl()}embed-demo.html`);
    await page.evaluate((html) => {
      document.querySelector("main").insertAdjacentHTML("afterbegin", `<div id="pasted">${html}</div>`);
    }, code);
    const pasted = await (await page.locator("#pasted iframe").elementHandle()).contentFrame();
    await pasted.locator("[data-testid=embed]").waitFor();
    await expectFrameDecision(pasted, "explicit-deny", "the pasted embed");
    assert.equal(await pasted.locator(".request-panel").count(), 0, "no request panel");
    assert.match(await pasted.locator(".policy-text").getAttribute("aria-label"), /read-only/);

    // `request=2`: the seed's second saved request (MFA, allowed).
    await page.goto(`${baseUrl()}?embed&request=2&hide=workspace`);
    await page.locator("[data-testid=embed]").waitFor();
    await waitUntil(
      async () => (await page.locator("[data-testid=decision]").getAttribute("data-decision")) === "allowed",
      "request 2 is allowed",
      10_000,
    );
    assert.equal(await page.getByRole("switch", { name: /Signed in with MFA/ }).getAttribute("aria-checked"), "true");

    // A request that does not exist and an unknown panel: said, not fatal.
    await page.goto("about:blank");
    await page.goto(`${baseUrl()}?embed&request=99&hide=sidebar`);
    await page.locator("[data-testid=embed]").waitFor();
    const notices = await page.getByTestId("link-notice").allInnerTexts();
    assert.equal(notices.length, 2, notices.join("\n"));
    assert.match(notices.join("\n"), /no panel sidebar to hide/);
    assert.match(notices.join("\n"), /There is no saved request 99: the workspace has 14\./);
    await page.locator("[data-testid=decision]").waitFor();
    await shot(page, "embed-notices.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("an embed says in one line that AWS's service data did not load, and keeps its decision", { timeout: 120_000 }, async () => {
  const { browser, page } = await openPlayground({ ready: false, url: "about:blank" });
  const embed = `${baseUrl()}?embed&hide=workspace#policy=${encodeURIComponent(
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }),
  )}&action=s3:GetObject&resource=arn:aws:s3:::reports/q1.csv`;
  try {
    // While the data loads, and once it is there: no line.
    const release = await holdServiceData(page);
    await page.goto(embed, { waitUntil: "load" });
    await expectFrameDecision(page, "allowed", "the embed, its data held back");
    assert.equal(await page.getByTestId("services-failed").count(), 0, "nothing said while it loads");
    release();
    await serviceData(page);
    assert.equal(await page.getByTestId("services-failed").count(), 0, "nothing said once it is there");

    // `services.txt` not found: one line says what is missing, the
    // decision stays.
    await page.unroute("**/services.txt");
    await page.route("**/services.txt", (route) => route.fulfill({ status: 404, body: "not found" }));
    await page.goto("about:blank");
    await page.setViewportSize({ width: 720, height: 420 });
    await page.goto(embed, { waitUntil: "load" });
    await page.locator("html[data-services=failed]").waitFor({ state: "attached" });
    const note = page.getByTestId("services-failed");
    await note.waitFor();
    assert.match(await note.innerText(), /service data did not load: action hints .* are missing/);
    assert.match(await note.getAttribute("title"), /could not be loaded: .*404/);
    assert.equal(await note.getAttribute("role"), "status");
    const box = await note.boundingBox();
    assert.ok(box.height < 30, `one short line (${box.height} px)`);
    await expectFrameDecision(page, "allowed", "the embed without its data");
    await shot(page, "embed-services-failed.png");
  } finally {
    await browser.close();
  }
});

test("\"Predict first\" works in an embed: the decision waits for the reader's guess", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground({ ready: false, url: "about:blank" });
  const embed = `${baseUrl()}?embed&hide=workspace#policy=${encodeURIComponent(
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" }] }),
  )}&action=s3:DeleteObject&resource=arn:aws:s3:::reports/q1.csv`;
  try {
    await page.setViewportSize({ width: 1000, height: 520 });
    await page.goto(embed, { waitUntil: "load" });
    await expectFrameDecision(page, "explicit-deny", "the embed");
    const predict = page.getByTestId("predict-switch");
    // In the decision panel's title row, beside "Decision".
    const title = await page.locator(".decision-panel .panel-title").boundingBox();
    const box = await predict.boundingBox();
    assert.ok(box.y >= title.y && box.y + box.height <= title.y + title.height + 1, "the switch sits in the title row");
    await predict.click();
    assert.equal(await predict.getAttribute("aria-checked"), "true");
    await waitUntil(async () => (await page.locator("[data-testid=decision]").count()) === 0, "the decision is hidden");
    await page.locator('[data-guess="explicit-deny"]').click();
    await expectFrameDecision(page, "explicit-deny", "after the guess");
    assert.equal(await page.getByTestId("predict-result").getAttribute("data-correct"), "true");
    assert.equal(await page.getByTestId("predict-score").innerText(), "Score 1 / 1");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});
