// Editing the policy in Monaco re-evaluates without any click: deleting
// the Deny statement allows the request and undoing it denies it again;
// text that does not parse keeps the last decision, marked stale, with an
// error marker at the broken line and the text left as typed.

import assert from "node:assert/strict";
import { test } from "node:test";

import { waitUntil } from "./browser.js";
import {
  DENY_SID,
  SEED_POLICY,
  assertNoErrors,
  decision,
  editorText,
  errorMarkers,
  expectDecision,
  openPlayground,
  shot,
  selectInEditor,
} from "./playground.js";

// The Deny statement with the comma before it, as written in the seed.
function denyStatementRange(text) {
  const sid = text.indexOf(DENY_SID);
  const open = text.lastIndexOf("{", sid);
  const comma = text.lastIndexOf(",", open);
  const close = text.indexOf("\n        }", sid) + "\n        }".length;
  return [comma, close];
}

test("deleting the Deny statement allows; undo denies again", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await expectDecision(page, "explicit-deny");
    assert.equal(await editorText(page), SEED_POLICY);
    const [start, end] = denyStatementRange(SEED_POLICY);
    await selectInEditor(page, start, end);
    await page.keyboard.press("Delete");
    const summary = await expectDecision(page, "allowed", "after the Deny is deleted ");
    assert.match(summary, /Allowed by AmazonEC2FullAccess › statement 1/);
    assert.ok(!(await editorText(page)).includes(DENY_SID));
    await shot(page, "deny-deleted.png");

    await page.keyboard.press("ControlOrMeta+z");
    await expectDecision(page, "explicit-deny", "after undo ");
    assert.equal(await editorText(page), SEED_POLICY, "undo restores the text exactly");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("broken JSON: a marker at the line, the text kept, the decision stale", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await expectDecision(page, "explicit-deny");
    // Delete the comma after `"Effect": "Deny"`.
    const effect = SEED_POLICY.indexOf('"Effect": "Deny",');
    const comma = effect + '"Effect": "Deny"'.length;
    await selectInEditor(page, comma, comma + 1);
    await page.keyboard.press("Delete");
    const broken = SEED_POLICY.slice(0, comma) + SEED_POLICY.slice(comma + 1);
    assert.equal(await editorText(page), broken, "the text stays as typed");

    const stale = await page.getByTestId("stale").innerText();
    assert.match(stale, /Force_MFA/);
    const shown = await decision(page);
    assert.deepEqual(shown, { text: "Explicit deny", kind: "explicit-deny", stale: true });

    // The missing comma is noticed at the end of line 61 or where line 62
    // starts (the editor's lines count from 1).
    const effectLine = SEED_POLICY.slice(0, effect).split("\n").length;
    const markers = await (async () => {
      for (let i = 0; i < 100; i += 1) {
        const found = await errorMarkers(page);
        if (found.length) {
          return found;
        }
        await page.waitForTimeout(100);
      }
      return [];
    })();
    assert.ok(markers.length > 0, "an error marker appears");
    assert.ok(
      markers.some((m) => m.line === effectLine || m.line === effectLine + 1),
      `a marker at line ${effectLine} or ${effectLine + 1}: ${JSON.stringify(markers)}`,
    );
    await shot(page, "broken-json.png");

    // Typing the comma back makes the decision current again.
    await page.keyboard.type(",");
    await expectDecision(page, "explicit-deny");
    assert.equal((await decision(page)).stale, false);
    assert.equal(await editorText(page), SEED_POLICY);
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

// A workspace whose customer managed policy has the seed policy's name and
// another text.
const OTHER_WORKSPACE = {
  format: "iamplay-workspace",
  version: 1,
  policies: [
    {
      name: "Force_MFA",
      document: {
        Version: "2012-10-17",
        Statement: [{ Sid: "OnlyThis", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
      },
    },
  ],
  users: [{ name: "alice", managedPolicies: ["Force_MFA"] }],
  requests: [{ principal: "alice", action: "s3:GetObject" }],
};

test("undo stays within the workspace: a policy of the same name in another workspace never gets the old text back", { timeout: 90_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    await expectDecision(page, "explicit-deny");
    const [start, end] = denyStatementRange(SEED_POLICY);
    await selectInEditor(page, start, end);
    await page.keyboard.press("Delete");
    await expectDecision(page, "allowed", "after the Deny is deleted ");

    // Another workspace with its own `Force_MFA` opens over the edited seed.
    await page.getByTestId("import-workspace").setInputFiles({
      name: "other.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(OTHER_WORKSPACE, null, 2)),
    });
    await waitUntil(async () => (await editorText(page)).includes("OnlyThis"), "the imported Force_MFA opens in the editor");
    const imported = await editorText(page);
    const models = await page.evaluate(() => window.monaco.editor.getModels().map((m) => m.uri.toString()));
    assert.equal(models.length, 1, `only the open workspace's policy has a model: ${models}`);

    // Undo in the editor has nothing of the other workspace to bring back.
    await page.locator(".policy-editor .monaco-editor .view-lines").click();
    await page.keyboard.press("ControlOrMeta+z");
    await page.waitForTimeout(500);
    assert.equal(await editorText(page), imported, "the imported text stays");
    await expectDecision(page, "allowed", "after undo ");

    // Typing in the imported policy goes on in the same model, keystroke
    // after keystroke.
    const allow = imported.indexOf('"Allow"') + 1;
    await selectInEditor(page, allow, allow + "Allow".length);
    const modelBefore = await page.evaluate(() => window.monaco.editor.getModels().map((m) => m.uri.toString()));
    await page.keyboard.type("Deny");
    await expectDecision(page, "explicit-deny", "after the Allow becomes a Deny ");
    assert.equal(await editorText(page), imported.replace('"Allow"', '"Deny"'));
    const modelAfter = await page.evaluate(() => window.monaco.editor.getModels().map((m) => m.uri.toString()));
    assert.deepEqual(modelAfter, modelBefore, "the same model all along");
    await shot(page, "undo-within-workspace.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});
