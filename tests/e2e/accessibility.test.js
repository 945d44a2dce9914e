// Keyboard and screen readers: every control the Tab key reaches has a
// name and a visible focus ring, the decision is announced when it
// changes, and the page follows the dark colour scheme.

import assert from "node:assert/strict";
import { test } from "node:test";

import { assertNoErrors, expectDecision, openPlayground, shot } from "./playground.js";

// What the focused element is: its tag, accessible name (as a screen
// reader would find it, roughly) and whether a focus outline shows.
function describeFocus() {
  const element = document.activeElement;
  if (!element || element === document.body) {
    return null;
  }
  const labelled = element.getAttribute("aria-labelledby");
  const name =
    element.getAttribute("aria-label") ||
    (labelled && document.getElementById(labelled)?.textContent) ||
    (element.id && document.querySelector(`label[for="${element.id}"]`)?.textContent) ||
    element.closest("label")?.textContent ||
    element.textContent ||
    element.getAttribute("title") ||
    "";
  const style = getComputedStyle(element);
  const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const ringed =
    outlined ||
    getComputedStyle(element.closest(".file-button") ?? element).outlineStyle !== "none";
  return {
    tag: element.tagName.toLowerCase(),
    name: name.trim().replace(/\s+/g, " ").slice(0, 60),
    ringed,
    inEditor: Boolean(element.closest(".monaco-editor")),
  };
}

test("the Tab key reaches named controls with a visible focus ring", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    const seen = [];
    for (let i = 0; i < 70; i += 1) {
      await page.keyboard.press("Tab");
      const focus = await page.evaluate(describeFocus);
      if (!focus || focus.inEditor) {
        // Tab leaves the editor (Monaco's tab focus mode is on at first).
        continue;
      }
      seen.push(focus);
    }
    const names = seen.map((f) => f.name);
    for (const expected of ["Seed scenario", "Empty workspace", "New policy", "Force_MFA", "Principal", "Action", "Resource", "Signed in with MFA"]) {
      assert.ok(
        names.some((name) => name.includes(expected)),
        `Tab reaches "${expected}" (reached: ${names.join(" | ")})`,
      );
    }
    const unnamed = seen.filter((f) => !f.name);
    assert.deepEqual(unnamed, [], "every control has a name");
    const unringed = seen.filter((f) => !f.ringed);
    assert.deepEqual(unringed, [], "every focused control shows a focus ring");
    assert.ok(
      seen.some((f) => f.name.startsWith("Deny statement DoNotAllow")),
      `the statements of the decision are reachable (reached: ${names.join(" | ")})`,
    );
    await shot(page, "tab-focus-ring.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("the decision is announced, and keyboard alone changes it", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground({ colorScheme: "dark" });
  try {
    const live = page.locator(".decision[aria-live=polite]");
    assert.equal(await live.count(), 1, "the decision is in a live region");
    await page.getByRole("switch", { name: /Signed in with MFA/ }).focus();
    await page.keyboard.press("Space");
    await expectDecision(page, "allowed", "after Space on the MFA switch ");
    // The action combobox: type, pick a completion with the arrow keys.
    const action = page.getByLabel("Action", { exact: true });
    await action.focus();
    await action.press("ControlOrMeta+a");
    await action.pressSequentially("s3:ListAllMyBu");
    await page.getByRole("option", { name: /s3:ListAllMyBuckets/ }).waitFor();
    await action.press("ArrowDown");
    await action.press("Enter");
    assert.equal(await action.inputValue(), "s3:ListAllMyBuckets");
    // Row 11: with MFA, no policy allows S3.
    await expectDecision(page, "implicit-deny", "for s3:ListAllMyBuckets ");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [red, green, blue] = background.match(/\d+/g).map(Number);
    assert.ok(red + green + blue < 3 * 64, `the page background ${background} is dark`);
    await shot(page, "keyboard-dark.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("on a 400 px screen every button of the top bar is on screen (the bar wraps)", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await page.setViewportSize({ width: 400, height: 800 });
    await page.waitForTimeout(300);
    const outside = await page.evaluate(() =>
      [...document.querySelectorAll(".top-bar button, .top-bar .file-button")]
        .filter((control) => {
          const box = control.getBoundingClientRect();
          return box.width === 0 || box.left < 0 || box.right > window.innerWidth;
        })
        .map((control) => control.textContent.trim()),
    );
    assert.deepEqual(outside, [], "no button of the top bar is cut off");
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, "no sideways scroll");
    await shot(page, "top-bar-400.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});
