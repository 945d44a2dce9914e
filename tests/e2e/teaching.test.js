// Teaching with the playground (issue 7): the evaluation path drawn for
// the seed's row 1 and row 2, every lesson of the gallery loaded with each
// of its requests giving the decision it expects, predict-then-reveal with
// its score, and the path exported as SVG and PNG.
//
// The decisions come from the lessons' files (examples/*.json), whose
// expectations cite the AWS IAM User Guide; the path follows
// reference_policies_evaluation-logic.md ("Determining whether a request
// is allowed or denied within an account").

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";

import { screenshot, waitUntil } from "./browser.js";
import {
  DENY_SID,
  addUser,
  assertNoErrors,
  decision,
  expectDecision,
  openPlayground,
  shot,
  switchWorkspace,
} from "./playground.js";

// The lessons in the order of examples/README.md's table.
const README = await readFile(new URL("../../examples/README.md", import.meta.url), "utf8");
const LESSON_FILES = [...README.matchAll(/^\| `([a-z0-9-]+\.json)` \|/gm)].map((m) => m[1]);
const LESSONS = await Promise.all(
  LESSON_FILES.map(async (file) =>
    JSON.parse(await readFile(new URL(`../../examples/${file}`, import.meta.url), "utf8")),
  ),
);

// How the page spells a decision (`data-decision`).
const KIND = { Allowed: "allowed", ExplicitDeny: "explicit-deny", ImplicitDeny: "implicit-deny" };

// The step of the path for `key` (e.g. `explicit_deny_check`).
function step(page, key) {
  return page.locator(`[data-testid=evaluation-path] .path-node[data-step="${key}"]`);
}

// Opens the gallery and loads lesson `index` (counting from 0).
async function loadLesson(page, index) {
  await page.getByTestId("open-gallery").click();
  const gallery = page.getByTestId("gallery");
  await gallery.waitFor();
  await gallery.locator(`.lesson-card[data-lesson="${index}"] [data-testid=load-lesson]`).click();
  await page.locator(`[data-testid=lesson-bar][data-lesson="${index}"]`).waitFor();
  await gallery.waitFor({ state: "detached" });
}

// Waits for a download started by `click` and returns its bytes and name.
async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

test("the path of the seed's row 1 leaves at the explicit deny check, named by the Force_MFA Deny", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await expectDecision(page, "explicit-deny");
    const path = page.getByTestId("evaluation-path");
    await path.waitFor();
    // The explicit deny check is on the path, denies, and is the exit.
    const check = step(page, "explicit_deny_check");
    assert.equal(await check.getAttribute("data-outcome"), "explicit_deny");
    assert.equal(await check.getAttribute("data-on-path"), "true");
    assert.equal(await check.getAttribute("data-exit"), "true");
    const deny = check.locator(`.path-policy[data-policy="Force_MFA"]`);
    assert.equal(await deny.getAttribute("data-effect"), "deny");
    const statement = check.locator(".path-statement");
    assert.equal(await statement.first().getAttribute("data-statement"), DENY_SID);
    assert.match(await check.textContent(), new RegExp(DENY_SID));
    const exit = path.locator(".path-exit.taken");
    assert.equal(await exit.count(), 1);
    assert.equal(await exit.getAttribute("data-exit"), "explicit-deny");
    assert.equal(await path.locator(".path-decision").getAttribute("data-decision"), "explicit-deny");
    // Every step of the flow is drawn: those that do not apply are greyed,
    // those after the decision are not reached.
    assert.equal(await path.locator(".path-node").count(), 7);
    assert.equal(await step(page, "service_control_policies").getAttribute("data-outcome"), "not_present");
    assert.equal(await step(page, "identity_based_policies").getAttribute("data-outcome"), "not_reached");
    assert.equal(await step(page, "identity_based_policies").getAttribute("data-on-path"), "false");

    // Row 2 (with MFA): live with the decision, the request goes down every
    // step and the identity-based policies allow.
    await page.getByRole("switch", { name: /Signed in with MFA/ }).click();
    await expectDecision(page, "allowed");
    await waitUntil(
      async () => (await step(page, "identity_based_policies").getAttribute("data-outcome")) === "allow",
      "the identity-based step allows once MFA is on",
    );
    assert.equal(await step(page, "explicit_deny_check").getAttribute("data-outcome"), "continue");
    assert.equal(await path.locator(".path-exit.taken").count(), 0);
    assert.equal(await path.locator(".path-decision").getAttribute("data-decision"), "allowed");
    const allow = step(page, "identity_based_policies").locator('.path-policy[data-policy="AmazonEC2FullAccess"]');
    assert.equal(await allow.getAttribute("data-effect"), "allow");
    await shot(page, "path-row1.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

for (const colorScheme of ["light", "dark"]) {
  test(`a screenshot of the evaluation path (${colorScheme})`, { timeout: 90_000 }, async () => {
    const { browser, page, errors } = await openPlayground({ colorScheme });
    try {
      // Tall enough for the decision and its whole path.
      await page.setViewportSize({ width: 1360, height: 1600 });
      await expectDecision(page, "explicit-deny");
      await page.getByTestId("evaluation-path").waitFor();
      // Show the decision and its path together at the top of the panel.
      await page.evaluate(() => {
        const body = document.querySelector(".decision-panel .panel-body");
        const badge = document.querySelector("[data-testid=decision]");
        body.scrollTop = badge.getBoundingClientRect().top - body.getBoundingClientRect().top + body.scrollTop - 8;
      });
      await page.evaluate(() => document.fonts.ready);
      const name = colorScheme === "light" ? "evaluation-path.png" : "evaluation-path-dark.png";
      console.log(`screenshot: ${await screenshot(page, name)}`);
      assertNoErrors(errors);
    } finally {
      await browser.close();
    }
  });
}

test("every lesson of the gallery loads, and each of its requests gives its expected decision", { timeout: 240_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await page.getByTestId("open-gallery").click();
    const cards = page.getByTestId("gallery").locator(".lesson-card");
    assert.equal(await cards.count(), LESSONS.length, "a card per lesson of examples/README.md");
    for (const [i, lesson] of LESSONS.entries()) {
      const card = cards.nth(i);
      assert.equal((await card.locator(".lesson-title").innerText()).trim(), lesson.name);
      assert.equal((await card.locator(".lesson-text").innerText()).trim(), lesson.description);
      await card.locator(".lesson-requests summary").click();
      const expected = await card.locator(".lesson-requests .expect-tag").allInnerTexts();
      assert.equal(expected.length, lesson.requests.length);
    }
    await shot(page, "gallery.png");
    await page.keyboard.press("Escape");
    await page.getByTestId("gallery").waitFor({ state: "detached" });

    for (const [index, lesson] of LESSONS.entries()) {
      await loadLesson(page, index);
      const bar = page.getByTestId("lesson-bar");
      assert.ok((await bar.locator("#lesson-bar-title").innerText()).includes(lesson.name), lesson.name);
      assert.equal((await page.getByTestId("lesson-description").innerText()).trim(), lesson.description);
      const buttons = bar.locator(".lesson-request");
      assert.equal(await buttons.count(), lesson.requests.length, lesson.name);
      for (const [r, request] of lesson.requests.entries()) {
        const kind = KIND[request.expect.decision];
        const button = buttons.nth(r);
        assert.equal(await button.getAttribute("data-expect"), kind, `${lesson.name}, request ${r + 1}`);
        await button.click();
        await expectDecision(page, kind, `for "${request.name}" `);
        assert.equal(await button.getAttribute("aria-pressed"), "true");
        // The expectation is shown next to the request, met.
        assert.match(await button.locator(".expect-tag").innerText(), /✓/);
        assert.equal(await page.locator(".path-decision").getAttribute("data-decision"), kind);
      }
    }
    await shot(page, "lesson-bar.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("a lesson loaded over your own work opens as a new named workspace; yours stays saved", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    // Some work of one's own: a third user.
    await addUser(page, "learner");

    const lesson = LESSON_FILES.indexOf("implicit-deny.json");
    await page.getByTestId("open-gallery").click();
    assert.match(await page.getByTestId("gallery").innerText(), /yours stays saved/);
    await page.getByTestId("gallery").locator(`.lesson-card[data-lesson="${lesson}"] [data-testid=load-lesson]`).click();
    await page.locator(`[data-testid=lesson-bar][data-lesson="${lesson}"]`).waitFor();
    await waitUntil(
      async () => (await page.getByTestId("workspace-name").innerText()) === LESSONS[lesson].name,
      "the lesson opens as a workspace named after it",
    );
    assert.equal(await page.locator('[data-entity="user `learner`"]').count(), 0);

    // The workspaces menu brings the user's own work back.
    await switchWorkspace(page, "My workspace");
    await page.locator('[data-entity="user `learner`"]').waitFor();
    assert.equal(await page.getByTestId("workspace-name").innerText(), "My workspace");
    await shot(page, "lesson-over-own-work.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("predict, then reveal: the decision stays hidden until the guess, and the score runs", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    const lesson = LESSON_FILES.indexOf("deny-overrides-allow.json");
    await loadLesson(page, lesson);
    await page.getByTestId("predict-switch").click();
    const score = page.getByTestId("predict-score");
    await score.waitFor();
    assert.equal(await score.innerText(), "Score 0 / 0");
    const hidden = async () => {
      // The editor's marks go with the next render; under load that can
      // come after the click returns.
      await waitUntil(
        async () => (await page.locator(".monaco-editor .iamplay-line").count()) === 0,
        "the editor's statement marks are cleared",
      );
      assert.equal(await page.locator("[data-testid=decision]").count(), 0, "no decision on screen");
      assert.equal(await page.getByTestId("evaluation-path").count(), 0, "no path on screen");
      assert.equal(await page.locator(".policy-trace").count(), 0, "no trace on screen");
      assert.equal(await page.locator(".monaco-editor .iamplay-line").count(), 0, "no statement marked in the editor");
    };
    await hidden();
    const bar = page.getByTestId("lesson-bar");
    // The expectations wait for the guesses too.
    assert.deepEqual(
      [...new Set(await bar.locator(".expect-tag").allInnerTexts())].map((t) => t.trim()),
      ["?"],
    );

    // Request 2: Alice deletes a report in production-data (explicit deny).
    await bar.locator('.lesson-request[data-request="2"]').click();
    await hidden();
    await page.locator('[data-guess="explicit-deny"]').click();
    await expectDecision(page, "explicit-deny");
    await page.getByTestId("evaluation-path").waitFor();
    assert.ok(await page.locator(".policy-trace").count(), "the trace appears");
    assert.equal(await page.getByTestId("predict-result").getAttribute("data-correct"), "true");
    assert.equal(await score.innerText(), "Score 1 / 1");
    await shot(page, "predict-revealed.png");

    // Request 1 (allowed), guessed wrong.
    await bar.locator('.lesson-request[data-request="1"]').click();
    await hidden();
    await page.locator('[data-guess="implicit-deny"]').click();
    await expectDecision(page, "allowed");
    assert.equal(await page.getByTestId("predict-result").getAttribute("data-correct"), "false");
    assert.match(await page.getByTestId("predict-result").innerText(), /You predicted Implicit deny; AWS decides Allowed/);
    assert.equal(await score.innerText(), "Score 1 / 2");

    // Back to request 2: revealed already, and counted once.
    await bar.locator('.lesson-request[data-request="2"]').click();
    await expectDecision(page, "explicit-deny");
    assert.equal(await score.innerText(), "Score 1 / 2");

    // Another lesson starts the score again, still predicting.
    await bar.getByTestId("next-lesson").click();
    await page.locator(`[data-testid=lesson-bar][data-lesson="${lesson + 1}"]`).waitFor();
    await waitUntil(async () => (await score.innerText()) === "Score 0 / 0", "the score starts again");
    await hidden();
    await page.getByTestId("predict-switch").click();
    await page.locator("[data-testid=decision]").waitFor();
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("the evaluation path downloads as SVG and as PNG", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await expectDecision(page, "explicit-deny");
    const path = page.getByTestId("evaluation-path");
    const svg = await download(page, () => path.locator('[data-export="svg"]').click());
    assert.equal(svg.name, "evaluation-path.svg");
    const text = svg.bytes.toString("utf8");
    assert.match(text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(text, /<style>/, "the file carries its colours");
    assert.match(text, new RegExp(DENY_SID));
    assert.match(text, /user mfa-user-1 → ec2:DescribeInstances on \*, without MFA/, "the request above the diagram");
    assert.match(text, /<\/svg>$/);

    const png = await download(page, () => path.locator('[data-export="png"]').click());
    assert.equal(png.name, "evaluation-path.png");
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG file");
    // The image is twice the diagram's size: 744 pixels wide.
    assert.equal(png.bytes.readUInt32BE(16), 744);
    assert.ok(png.bytes.length > 10_000, `a drawing, not an empty image (${png.bytes.length} bytes)`);
    await shot(page, "path-downloaded.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});
