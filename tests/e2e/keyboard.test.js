// The keyboard and the first minute (issue 14, points 4 and 6): Tab
// leaves the editor (Monaco's tab focus mode is on, and the hint under
// the editor says Ctrl+M changes it), so tabbing through the whole page
// never changes the policy; "Skip to request" is the first stop and
// reaches the principal in two keys; long lines wrap unless turned off;
// the action's completion list closes on Enter; a new policy takes the
// focus with the cursor in its Action; the only user becomes the
// principal; and at 1440 × 900 the MFA switch, the context keys and the
// decision are all in view.

import assert from "node:assert/strict";
import { test } from "node:test";

import { waitUntil } from "./browser.js";
import { EDITOR, addUser, assertNoErrors, editorText, expectDecision, openPlayground, shot } from "./playground.js";

// Where the focus is: the element's test id or tag and name, and whether
// it is in the editor.
function focused() {
  const element = document.activeElement;
  if (!element || element === document.body) {
    return null;
  }
  return {
    testid: element.dataset?.testid ?? null,
    id: element.id,
    name: (element.getAttribute("aria-label") || element.textContent || "").trim().slice(0, 60),
    inEditor: Boolean(element.closest(".monaco-editor")),
  };
}

test("Tab goes through the whole page and out of the editor without changing the policy", { timeout: 150_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    const before = await editorText(page);
    await page.keyboard.press("Tab");
    let focus = await page.evaluate(focused);
    assert.equal(focus?.testid, "skip-link", `the first stop is "Skip to request" (${JSON.stringify(focus)})`);
    const link = await page.getByTestId("skip-link").boundingBox();
    assert.ok(link && link.y >= 0, "the focused skip link is on screen");

    let editorStops = 0;
    let leftEditor = false;
    let wasInEditor = false;
    const names = [];
    for (let i = 0; i < 160; i += 1) {
      await page.keyboard.press("Tab");
      focus = await page.evaluate(focused);
      if (wasInEditor && focus && !focus.inEditor) {
        leftEditor = true;
      }
      wasInEditor = Boolean(focus?.inEditor);
      if (focus?.inEditor) {
        editorStops += 1;
      }
      names.push(focus ? focus.testid || focus.name : "(page)");
      if (focus?.testid === "skip-link") {
        break;
      }
    }
    assert.ok(editorStops >= 1, `Tab reaches the editor (${names.join(" | ")})`);
    assert.ok(editorStops <= 2, `Tab does not stay in the editor (${editorStops} stops)`);
    assert.ok(leftEditor, "the next Tab leaves the editor");
    for (const expected of ["tab-mode", "wrap-lines", "principal", "mfa-switch"]) {
      assert.ok(names.includes(expected), `Tab reaches ${expected} (${names.join(" | ")})`);
    }
    assert.equal(await editorText(page), before, "tabbing through the page changed nothing in the policy");

    // "Skip to request" (the focus is on it again): Enter, and the
    // principal has the focus.
    if (focus?.testid !== "skip-link") {
      await page.getByTestId("skip-link").focus();
    }
    await page.keyboard.press("Enter");
    focus = await page.evaluate(focused);
    assert.equal(focus?.id, "request-principal", "Enter on the skip link moves the focus to the principal");

    // Ctrl+M in the editor makes Tab indent, and the hint says so; the
    // hint switches it back.
    const hint = page.getByTestId("tab-mode");
    assert.match(await hint.innerText(), /Tab\s*moves focus · Ctrl\+M: Tab indents/);
    await page.locator(".policy-editor .monaco-editor .view-lines").click();
    await page.keyboard.press("ControlOrMeta+m");
    await waitUntil(async () => (await hint.getAttribute("data-tab-moves-focus")) === "false", "Ctrl+M switches Tab to indenting");
    assert.match(await hint.innerText(), /Tab\s*indents · Ctrl\+M: Tab moves focus/);
    await hint.click();
    await waitUntil(async () => (await hint.getAttribute("data-tab-moves-focus")) === "true", "the hint switches it back");
    assert.equal(await editorText(page), before);
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("long lines wrap in the editor unless turned off", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    const wrapping = () =>
      page.evaluate((find) => {
        // eslint-disable-next-line no-eval
        const editor = (0, eval)(find);
        return editor.getOption(window.monaco.editor.EditorOption.wordWrap);
      }, EDITOR);
    const toggle = page.getByTestId("wrap-lines");
    assert.equal(await toggle.getAttribute("aria-checked"), "true");
    assert.equal(await wrapping(), "on");
    await toggle.click();
    await waitUntil(async () => (await wrapping()) === "off", "long lines no longer wrap");
    assert.equal(await toggle.getAttribute("aria-checked"), "false");
    await page.reload();
    await page.locator(".policy-editor .monaco-editor .view-lines").waitFor();
    assert.equal(await page.getByTestId("wrap-lines").getAttribute("aria-checked"), "false", "the choice is kept");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("completion closes on Enter; a new policy takes the focus in its Action; the only user is the principal", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    const action = page.getByLabel("Action", { exact: true });
    await action.click();
    await action.press("ControlOrMeta+a");
    await action.pressSequentially("ec2:DescribeInst");
    const list = page.getByRole("listbox", { name: "Actions" });
    await list.waitFor();
    await action.press("Enter");
    await list.waitFor({ state: "detached" });
    assert.equal(await action.inputValue(), "ec2:DescribeInst", "Enter with nothing highlighted keeps the text");

    await page.getByTestId("new-workspace").click();
    await page.getByText("No policies yet.").waitFor();
    await addUser(page, "alice");
    await waitUntil(
      async () => (await page.getByLabel("Principal", { exact: true }).inputValue()) === "user:alice",
      "the only user becomes the principal",
    );

    await page.getByRole("button", { name: "New policy", exact: true }).click();
    await page.getByLabel("Name of the new policy").fill("Scratch");
    await page.getByLabel("Name of the new policy").press("Enter");
    await page.getByTestId("editor-title").filter({ hasText: "Scratch" }).waitFor();
    await waitUntil(() => page.evaluate(() => Boolean(document.activeElement?.closest(".monaco-editor"))), "the editor has the focus");
    await page.keyboard.type("s3:ListAllMyBuckets");
    await waitUntil(
      async () => (await editorText(page)).includes('"Action": "s3:ListAllMyBuckets"'),
      "what is typed goes into the statement's Action",
    );
    assert.match(await editorText(page), /"Effect": "Allow"/);
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

// Whether the centre of `locator` shows that element (nothing covers it)
// inside the viewport.
async function inView(page, locator) {
  const handle = await locator.elementHandle();
  return page.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + Math.min(box.height / 2, 10);
    if (y < 0 || y > window.innerHeight || x < 0 || x > window.innerWidth) {
      return false;
    }
    const top = document.elementFromPoint(x, y);
    return Boolean(top && (element === top || element.contains(top)));
  }, handle);
}

test("at 1440 × 900 the request's MFA switch and context keys and the decision are in view", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    for (const [width, height] of [
      [1440, 900],
      [1280, 720],
    ]) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      await shot(page, `first-screen-${width}x${height}.png`);
      if (width !== 1440) {
        continue;
      }
      for (const [what, locator] of [
        ["the MFA switch", page.getByTestId("mfa-switch")],
        ["the context keys", page.getByTestId("context-keys")],
        ["the key field", page.getByLabel("Context key to add")],
        ["the decision", page.getByTestId("decision")],
        ["its sentence", page.getByTestId("summary")],
      ]) {
        assert.ok(await inView(page, locator), `${what} is in view at ${width} × ${height}`);
      }
    }
    // Editing the request keeps the decision in view.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByLabel("Resource", { exact: true }).click();
    await page.getByTestId("mfa-switch").click();
    await expectDecision(page, "allowed");
    assert.ok(await inView(page, page.getByTestId("decision")), "the decision stays in view at 1280 × 720");
    assert.ok(await inView(page, page.getByTestId("summary")), "its sentence stays in view at 1280 × 720");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});
