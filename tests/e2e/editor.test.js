// The policy editor as a person uses it: completion while typing an
// action, hovering an action, Format Document, the marks on the deciding
// and overridden statements, markers on findings and on broken JSON, and
// the keyboard (accessibility help, tabbing out). Each test saves
// screenshots, light and dark.

import assert from "node:assert/strict";
import { test } from "node:test";

import { screenshot, waitUntil } from "./browser.js";
import {
  DENY_SID,
  EDITOR,
  SEED_POLICY,
  editorText,
  expectDecision,
  openPlayground,
  pasteIntoEditor,
} from "./playground.js";

// Runs `body` (a function of the editor, in the page) and returns its
// result.
function inEditor(page, body, argument = null) {
  return page.evaluate(
    ([source, find, arg]) => {
      // eslint-disable-next-line no-eval
      const editor = (0, eval)(find);
      // eslint-disable-next-line no-new-func
      return new Function("editor", "arg", `return (${source})(editor, arg);`)(editor, arg);
    },
    [body.toString(), EDITOR, argument],
  );
}

// Puts the cursor at the end of the first line holding `needle` and gives
// the editor the focus.
async function cursorAtEndOfLine(page, needle) {
  await inEditor(
    page,
    (editor, text) => {
      const model = editor.getModel();
      const line = model.getLinesContent().findIndex((l) => l.includes(text)) + 1;
      editor.focus();
      editor.setPosition({ lineNumber: line, column: model.getLineMaxColumn(line) });
      editor.revealLineInCenter(line);
    },
    needle,
  );
}

// The point on screen of the character `into` characters into the first
// occurrence of `needle`, scrolled into view.
function pointAt(page, needle, into = 2) {
  return inEditor(
    page,
    (editor, [text, offset]) => {
      const model = editor.getModel();
      const position = model.getPositionAt(model.getValue().indexOf(text) + offset);
      editor.revealPositionInCenter(position);
      const visible = editor.getScrolledVisiblePosition(position);
      const box = editor.getDomNode().getBoundingClientRect();
      return { x: box.left + visible.left + 3, y: box.top + visible.top + visible.height / 2 };
    },
    [needle, into],
  );
}

// The rows of the open suggestion list, as they read.
function suggestionRows(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll(".suggest-widget.visible .monaco-list-row")].map((row) =>
      row.innerText.replace(/\s+/g, " ").trim(),
    ),
  );
}

// The start lines of the decorations whose class list has `name`.
function decoratedLines(page, name) {
  return inEditor(
    page,
    (editor, className) =>
      editor
        .getModel()
        .getAllDecorations()
        .filter((d) => (d.options.className || "").split(" ").includes(className))
        .map((d) => d.range.startLineNumber),
    name,
  );
}

// The editor's markers (parse errors and lint findings) on the model on
// screen.
function markers(page) {
  return inEditor(page, (editor) =>
    window.monaco.editor
      .getModelMarkers({ owner: "iamplay", resource: editor.getModel().uri })
      .map((m) => ({
        line: m.startLineNumber,
        column: m.startColumn,
        severity: m.severity,
        message: m.message,
      })),
  );
}

// Lets Monaco's widgets finish fading in before a screenshot.
function settle(page) {
  return page.waitForTimeout(300);
}

// Puts the cursor at the start of the document without a selection, so
// that the statement marks show unobstructed.
function clearSelection(page) {
  return inEditor(page, (editor) => editor.setPosition({ lineNumber: 1, column: 1 }));
}

function assertNoErrors(errors) {
  assert.deepEqual(errors, [], "no error in the page or its console");
}

test("typing an action suggests the service's actions with their access levels", { timeout: 90_000 }, async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { browser, page, errors } = await openPlayground({ colorScheme });
    try {
      await cursorAtEndOfLine(page, '"iam:ListUsers"');
      await page.keyboard.type(",");
      await page.keyboard.press("Enter");
      // A quote opens the list of service prefixes.
      await page.keyboard.type('"ec', { delay: 50 });
      await waitUntil(
        async () => (await suggestionRows(page)).some((row) => row.startsWith("ec2 ")),
        "the service prefixes are suggested",
      );
      // After the colon, the service's actions, each with its access level.
      await page.keyboard.type("2:Describe", { delay: 50 });
      const rows = await waitUntil(async () => {
        const found = await suggestionRows(page);
        return found.some((row) => row.startsWith("ec2:DescribeAccountAttributes")) && found;
      }, "the EC2 Describe actions are suggested");
      assert.ok(
        rows.some((row) => /^ec2:DescribeAccountAttributes .*\bList\b/.test(row)),
        `a Describe action with its access level: ${rows.slice(0, 4).join(" | ")}`,
      );
      assert.ok(
        rows.some((row) => /^ec2:Describe\* .*\d+ actions/.test(row)),
        "the pattern for all of them, with a count",
      );
      await page.keyboard.type("Instances", { delay: 30 });
      await waitUntil(
        async () => (await suggestionRows(page))[0]?.startsWith("ec2:DescribeInstances "),
        "ec2:DescribeInstances comes first",
      );
      // Ctrl+Space shows the selected action's details: its access level
      // and that it has no resource-level permissions.
      await page.keyboard.press("Control+Space");
      const details = page.locator(".suggest-details").filter({ hasText: "List access" });
      await details.waitFor();
      await settle(page);
      assert.match(await details.innerText(), /"Resource"` must be `"\*"|"Resource" must be "\*"/);
      console.log(`screenshot: ${await screenshot(page, `editor-completion-${colorScheme}.png`)}`);

      await page.keyboard.press("Enter");
      const text = await editorText(page);
      assert.match(text, /"iam:ListUsers",\n\s+"ec2:DescribeInstances"\n/, "the entry is complete");
      // The app got the edit: the policy parses and still decides row 1.
      await expectDecision(page, "explicit-deny", "after the completed edit ");
      assertNoErrors(errors);
    } finally {
      await browser.close();
    }
  }
});

test("hovering an action shows its access level and resource types", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    const point = await pointAt(page, "iam:ChangePassword", 5);
    await page.mouse.move(point.x, point.y);
    const hover = page.locator(".monaco-hover:not(.hidden)").filter({ hasText: "ChangePassword" });
    await hover.waitFor();
    const shown = await hover.innerText();
    assert.match(shown, /iam:ChangePassword · Write access/);
    assert.match(shown, /Resource types/);
    assert.match(shown, /user\* arn:\$\{Partition\}:iam::\$\{Account\}:user\//);
    await settle(page);
    console.log(`screenshot: ${await screenshot(page, "editor-hover-action.png")}`);

    // A condition key: its type.
    await page.mouse.move(0, 0);
    await page.locator(".monaco-hover:not(.hidden)").waitFor({ state: "hidden" });
    const key = await pointAt(page, "aws:MultiFactorAuthAge", 6);
    await page.mouse.move(key.x, key.y);
    await page
      .locator(".monaco-hover:not(.hidden)")
      .filter({ hasText: "aws:MultiFactorAuthAge · Numeric" })
      .waitFor();
    await settle(page);
    console.log(`screenshot: ${await screenshot(page, "editor-hover-key.png")}`);
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("Format Document re-indents the policy and the app gets the text", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    const minified = JSON.stringify(JSON.parse(SEED_POLICY));
    await cursorAtEndOfLine(page, '"Version"');
    await page.keyboard.press("Control+A");
    await pasteIntoEditor(page, minified);
    await waitUntil(async () => (await editorText(page)) === minified, "the pasted policy");
    await waitUntil(
      async () => JSON.stringify(await decoratedLines(page, "iamplay-line-deny")) === "[1]",
      "the deciding Deny is marked on the one line",
    );

    await page.keyboard.press("Shift+Alt+F");
    const formatted = JSON.stringify(JSON.parse(SEED_POLICY), null, 4);
    await waitUntil(
      async () => (await editorText(page)) === formatted,
      "Format Document indents the policy with four spaces",
    );
    // The app re-read the formatted text: the Deny's mark moved to its
    // statement's lines, which only the app's parse of the text knows.
    const denyLine = formatted.split("\n").findIndex((l) => l.includes(DENY_SID));
    await waitUntil(async () => {
      const lines = await decoratedLines(page, "iamplay-line-deny");
      return lines.length === 1 && lines[0] === denyLine;
    }, `the Deny's mark starts on line ${denyLine}, above its Sid`);
    await expectDecision(page, "explicit-deny", "after formatting ");

    // Undo brings the minified text back, as one step.
    await page.keyboard.press("Control+Z");
    await waitUntil(async () => (await editorText(page)) === minified, "undo restores the text");
    console.log(`screenshot: ${await screenshot(page, "format-document.png")}`);
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("the deciding Deny is red, the overridden Allow struck through and read-only", { timeout: 90_000 }, async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { browser, page, errors } = await openPlayground({ colorScheme });
    try {
      await expectDecision(page, "explicit-deny");
      // Clicking the deciding statement in the decision reveals it.
      await page.getByRole("button", { name: new RegExp(`^Deny statement ${DENY_SID}`) }).click();
      const deny = page.locator(".policy-editor .iamplay-line-deny");
      await deny.first().waitFor();
      assert.ok(await page.locator(".policy-editor .iamplay-glyph-deny").count(), "an icon in the margin");
      const label = await page
        .locator(".policy-editor .iamplay-label-deny")
        .first()
        .evaluate((node) => getComputedStyle(node, "::after").content);
      assert.equal(label, '"Deny decides"', "a label after the statement's first line");
      const tint = await deny.first().evaluate((node) => getComputedStyle(node).backgroundColor);
      const [red, green] = tint.match(/[\d.]+/g).map(Number);
      assert.ok(red > green, `the Deny's lines are tinted red (${tint})`);
      const denyLines = await decoratedLines(page, "iamplay-line-deny");
      const sidLine = (await editorText(page)).split("\n").findIndex((l) => l.includes(DENY_SID)) + 1;
      assert.equal(denyLines[0], sidLine - 1, "the mark starts at the statement's `{`");
      await clearSelection(page);
      await inEditor(page, (editor, line) => editor.revealLineInCenter(line), sidLine);
      await settle(page);
      console.log(`screenshot: ${await screenshot(page, `editor-deciding-deny-${colorScheme}.png`)}`);

      // The Allow the Deny overrode, in the read-only AWS managed policy.
      await page.getByRole("button", { name: /^Allow statement statement 1, overridden/ }).click();
      await page.getByTestId("editor-title").filter({ hasText: "AmazonEC2FullAccess" }).waitFor();
      await page.locator(".policy-editor .iamplay-line-overridden").first().waitFor();
      assert.ok(await page.locator(".policy-editor .iamplay-text-overridden").count(), "struck through");
      // The label is a decoration of its own, drawn a frame after the
      // line's, and drawn again when the decorations are (a node read
      // after it was replaced has no style): read where it is now.
      const labelled = () => {
        const node = document.querySelector(".policy-editor .iamplay-label-overridden");
        return node ? getComputedStyle(node, "::after").content : "no label";
      };
      await page
        .waitForFunction((wanted) => {
          const node = document.querySelector(".policy-editor .iamplay-label-overridden");
          return node && getComputedStyle(node, "::after").content === wanted;
        }, '"overridden by a Deny"', { timeout: 5_000 })
        .catch(() => {});
      assert.equal(await page.evaluate(labelled), '"overridden by a Deny"', "labelled as overridden");
      await clearSelection(page);
      const before = await editorText(page);
      await page.keyboard.type("x");
      assert.equal(await editorText(page), before, "an AWS managed policy is read-only");
      await page
        .locator(".monaco-editor-overlaymessage")
        .filter({ hasText: "read-only" })
        .waitFor();
      await settle(page);
      console.log(`screenshot: ${await screenshot(page, `editor-overridden-${colorScheme}.png`)}`);
      assertNoErrors(errors);
    } finally {
      await browser.close();
    }
  }
});

test("findings and syntax errors are markers at their exact place", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    // The seed's lint findings are markers; hovering one shows it.
    const findings = await waitUntil(async () => {
      const found = await markers(page);
      return found.length > 0 && found;
    }, "the seed policy's findings are markers");
    const first = findings[0];
    const point = await inEditor(
      page,
      (editor, at) => {
        const position = { lineNumber: at.line, column: at.column + 2 };
        editor.revealPositionInCenter(position);
        const visible = editor.getScrolledVisiblePosition(position);
        const box = editor.getDomNode().getBoundingClientRect();
        return { x: box.left + visible.left, y: box.top + visible.top + visible.height / 2 };
      },
      first,
    );
    await page.mouse.move(point.x, point.y);
    await page
      .locator(".monaco-hover:not(.hidden)")
      .filter({ hasText: first.message.split("\n")[0] })
      .waitFor();
    await settle(page);
    console.log(`screenshot: ${await screenshot(page, "editor-marker-finding.png")}`);

    // A stray character: an error marker exactly on it.
    await cursorAtEndOfLine(page, '"Version"');
    await page.keyboard.press("End");
    await page.keyboard.type(" %");
    const line = (await editorText(page)).split("\n").findIndex((l) => l.includes('"Version"')) + 1;
    const column = (await editorText(page)).split("\n")[line - 1].indexOf("%") + 1;
    const errorsShown = await waitUntil(async () => {
      const found = (await markers(page)).filter((m) => m.severity === 8);
      return found.length > 0 && found;
    }, "an error marker for the broken JSON");
    assert.deepEqual(
      [errorsShown[0].line, errorsShown[0].column],
      [line, column],
      `the error marker is on the \`%\`: ${JSON.stringify(errorsShown[0])}`,
    );
    // Hovering it shows the parser's message.
    const stray = await pointAt(page, "%", 0);
    await page.mouse.move(stray.x, stray.y);
    await page.locator(".monaco-hover:not(.hidden)").filter({ hasText: "iamplay(" }).waitFor();
    await settle(page);
    console.log(`screenshot: ${await screenshot(page, "editor-marker-error.png")}`);
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("keyboard: accessibility help; Tab leaves the editor, and Ctrl+M makes it indent", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    const label = await page.locator(".policy-editor textarea").getAttribute("aria-label");
    assert.match(label, /^Policy document \(JSON\)/);
    assert.match(label, /Alt\+F1/);

    await cursorAtEndOfLine(page, '"Version"');
    await page.keyboard.press("Alt+F1");
    const help = page.locator(".accessibilityHelpWidget");
    await help.waitFor();
    assert.match(await help.innerText(), /Tab/);
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "hidden" });

    // Tab moves the focus on (issue 14: tabbing through the page must not
    // indent the policy); after Ctrl+M it types a tab, and Ctrl+M again
    // gives Tab back to the page.
    const inEditorNow = () =>
      page.evaluate(() => Boolean(document.activeElement?.closest(".monaco-editor")));
    await cursorAtEndOfLine(page, '"Version"');
    await page.keyboard.press("Tab");
    assert.equal(await inEditorNow(), false, "Tab leaves the editor by default");
    assert.equal(await editorText(page), SEED_POLICY, "and typed nothing");
    await cursorAtEndOfLine(page, '"Version"');
    await page.keyboard.press("Control+M");
    await page.keyboard.press("Tab");
    assert.ok(await inEditorNow(), "after Ctrl+M, Tab stays in the editor");
    assert.notEqual(await editorText(page), SEED_POLICY, "and indents");
    await page.keyboard.press("Control+Z");
    await page.keyboard.press("Control+M");
    await page.keyboard.press("Tab");
    assert.equal(await inEditorNow(), false, "after Ctrl+M again, Tab leaves the editor");
    assert.equal(await editorText(page), SEED_POLICY, "the indent undone, nothing else typed");
    console.log(`screenshot: ${await screenshot(page, "editor-keyboard.png")}`);
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("an allowed request marks the deciding Allow green", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await page.getByRole("button", { name: /EC2 with MFA/ }).click();
    await expectDecision(page, "allowed");
    await page.getByRole("button", { name: /^Allow statement statement 1, deciding/ }).click();
    await page.getByTestId("editor-title").filter({ hasText: "AmazonEC2FullAccess" }).waitFor();
    await page.locator(".policy-editor .iamplay-line-allow").first().waitFor();
    assert.ok(await page.locator(".policy-editor .iamplay-glyph-allow").count(), "an icon in the margin");
    assert.equal(
      await page.locator(".policy-editor .iamplay-line-overridden").count(),
      0,
      "nothing is overridden when the Allow decides",
    );
    await clearSelection(page);
    await settle(page);
    console.log(`screenshot: ${await screenshot(page, "editor-deciding-allow.png")}`);
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});
