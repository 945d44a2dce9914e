// Nothing in a shared link or an imported file can run script: markup in
// a policy's name, a Sid, a context value or the request's action is shown
// as text, never parsed; and the page's Content-Security-Policy allows
// only its own files (an inline event handler is refused), without any
// violation in normal use.

import assert from "node:assert/strict";
import { test } from "node:test";

import { baseUrl, waitUntil } from "./browser.js";
import { assertNoErrors, editorText, expectDecision, openPlayground, shot } from "./playground.js";
import { packedFragment, recordViolations } from "./keeping.js";

const EVIL = "<img src=x onerror=window.__pwned=1>";

// A workspace file with the markup in a policy's name, its Sid, a
// condition's value and the workspace's name.
const WORKSPACE = {
  format: "iamplay-workspace",
  version: 1,
  name: EVIL,
  policies: [
    {
      name: EVIL,
      document: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: EVIL,
            Effect: "Allow",
            Action: "s3:GetObject",
            Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalTag/team": EVIL } },
          },
        ],
      },
    },
  ],
  users: [{ name: "alice", managedPolicies: [EVIL] }],
  requests: [{ principal: "alice", action: "s3:GetObject", context: { "aws:PrincipalTag/team": EVIL } }],
};

// The snapshot a link carries (crates/app/src/persist/envelope.rs), with
// the markup in a context value too.
const SNAPSHOT = `{"playground": 1,
"request": {"principal": {"user": "alice"}, "action": "s3:GetObject", "resource": "",
            "context": [{"key": "aws:PrincipalTag/team", "text": ${JSON.stringify(EVIL)}}]},
"selected": {"policy": ${JSON.stringify(EVIL)}}, "open": {"policy": ${JSON.stringify(EVIL)}},
"workspace": ${JSON.stringify(WORKSPACE, null, 2)}}`;

// Opens `url` with CSP violations and script injections recorded.
async function open(url, colorScheme = "light") {
  const opened = await openPlayground({ colorScheme, url: "about:blank", ready: false });
  await opened.page.context().addInitScript(recordViolations);
  await opened.page.goto(url, { waitUntil: "load" });
  await opened.page.locator("[data-testid=decision]").waitFor();
  // Monaco loads after the first decision: wait for the editor too.
  await opened.page.locator(".policy-editor .monaco-editor .view-lines").waitFor();
  return opened;
}

// Asserts that no markup from the workspace became an element and no
// script ran, and that no CSP violation happened.
async function assertInert(page) {
  // Give any injected handler time to fire.
  await page.waitForTimeout(500);
  const found = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    images: document.querySelectorAll("img").length,
    violations: window.__violations,
  }));
  assert.deepEqual(found, { pwned: null, images: 0, violations: [] });
}

test("markup in a shared link is shown as text and runs nothing", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await open(`${baseUrl()}${packedFragment(SNAPSHOT)}`);
  try {
    const summary = await expectDecision(page, "allowed");
    assert.equal(summary, `Allowed by ${EVIL} › ${EVIL}`, "names and Sids as plain text");
    assert.equal((await page.getByTestId("editor-title").innerText()).trim(), EVIL);
    assert.match(await editorText(page), /"Sid": "<img src=x onerror=window.__pwned=1>"/);
    assert.equal(await page.getByLabel("Value of aws:PrincipalTag/team").inputValue(), EVIL);
    await page.locator(`.entity-name`, { hasText: EVIL }).first().waitFor();
    await assertInert(page);
    await shot(page, "security-link.png");

    // The embed code escapes the workspace's name in its title.
    await page.getByTestId("share").click();
    const code = await waitUntil(async () => (await page.getByTestId("embed-code").inputValue()) || null, "the embed code", 10_000);
    assert.ok(code.includes('title="IAM Policy Playground: &lt;img src=x onerror=window.__pwned=1&gt;"'), code);
    await page.keyboard.press("Escape");

    // The page's policy allows only its own scripts: an inline handler
    // added by hand is refused, and the refusal is reported.
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
    const probe = await page.evaluate(async () => {
      document.body.insertAdjacentHTML("beforeend", '<img id="probe" src="x" onerror="window.__probe = 1">');
      await new Promise((resolve) => setTimeout(resolve, 500));
      document.getElementById("probe").remove();
      return { ran: window.__probe ?? null, violations: window.__violations.splice(0) };
    });
    assert.equal(probe.ran, null, "the inline handler did not run");
    assert.ok(probe.violations.some((v) => v.startsWith("script-src")), probe.violations.join("\n"));
    // The refusal is logged as a console error, which is what the probe wanted.
    errors.splice(0);
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("markup in a plain link and in an imported file is shown as text and runs nothing", { timeout: 120_000 }, async () => {
  const policy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: EVIL, Effect: "Deny", Action: "*", Resource: "*" }],
  });
  const fragment =
    `#policy=${encodeURIComponent(policy)}&action=${encodeURIComponent(EVIL)}` +
    `&aws:SourceIp=${encodeURIComponent(EVIL)}&principal=${encodeURIComponent(EVIL)}`;
  const { browser, page, errors } = await open(`${baseUrl()}${fragment}`, "dark");
  try {
    await expectDecision(page, "explicit-deny");
    assert.equal(await page.getByLabel("Action", { exact: true }).inputValue(), EVIL);
    assert.equal(await page.getByLabel("Value of aws:SourceIp").inputValue(), EVIL);
    assert.match(await page.getByTestId("summary").innerText(), new RegExp(`Explicitly denied by Policy › ${EVIL}`));
    await assertInert(page);
    await shot(page, "security-plain-link-dark.png");

    await page.getByTestId("import-workspace").setInputFiles({
      name: "evil.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(WORKSPACE, null, 2)),
    });
    await expectDecision(page, "allowed", "for the imported workspace ");
    assert.equal(await page.getByTestId("summary").innerText(), `Allowed by ${EVIL} › ${EVIL}`);
    await assertInert(page);
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});
