// Loading in order: the shell of index.html paints before any script (a
// screenshot with the app's wasm blocked is not blank and shows the
// title and "Loading the editor…"); the decision shows before Monaco
// (with Monaco's module blocked, the decision is there and the policy is
// highlighted text), nor for AWS's service data (fetched after it); once
// Monaco has loaded it takes over, and the JSON
// worker is not loaded; files come precompressed; the compact embed at
// 520 px shows the MFA switch and the context keys the conditions ask
// for without scrolling; and embed.js turns a page's three policy blocks
// into embeds.

import assert from "node:assert/strict";
import { test } from "node:test";
import { inflateSync } from "node:zlib";

import { baseUrl, waitUntil } from "./browser.js";
import { embedPage, servePage } from "./load-bench.mjs";
import { assertNoErrors, openPlayground, shot } from "./playground.js";

// How many different byte values the pixels of a PNG's first rows take
// (after PNG's row filters): a blank screenshot has one or two.
function distinctBytes(png) {
  const chunks = [];
  let at = 8;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString("ascii", at + 4, at + 8);
    if (type === "IDAT") {
      chunks.push(png.subarray(at + 8, at + 8 + length));
    }
    at += 12 + length;
  }
  const pixels = inflateSync(Buffer.concat(chunks));
  return new Set(pixels.subarray(0, 400_000)).size;
}

// The bottom of `selector`'s element and of every box that clips it, in
// `frame`: whether it is drawn whole without scrolling anything.
async function visibleWithoutScrolling(frame, selector) {
  return frame.evaluate((wanted) => {
    const element = document.querySelector(wanted);
    if (!element) {
      return { visible: false, why: `no ${wanted}` };
    }
    const rect = element.getBoundingClientRect();
    if (rect.height === 0) {
      return { visible: false, why: "not drawn" };
    }
    for (let box = element.parentElement; box; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (/(auto|scroll|hidden)/.test(style.overflowY)) {
        const outer = box.getBoundingClientRect();
        if (rect.top < outer.top - 1 || rect.bottom > outer.bottom + 1) {
          return { visible: false, why: `clipped by ${box.className || box.tagName} (${rect.bottom} > ${outer.bottom})` };
        }
      }
    }
    const inView = rect.top >= 0 && rect.bottom <= window.innerHeight + 1;
    return { visible: inView, why: inView ? "" : `below the fold (${rect.bottom} > ${window.innerHeight})` };
  }, selector);
}

test("the shell paints before any script", { timeout: 120_000 }, async () => {
  const { browser, page } = await openPlayground({ ready: false, url: "about:blank" });
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    // No app: its wasm never arrives.
    await page.route("**/*.wasm", (route) => route.abort());
    await page.goto(baseUrl(), { waitUntil: "domcontentloaded" });
    const shell = page.getByTestId("shell");
    await shell.waitFor();
    assert.match(await shell.innerText(), /IAM Policy Playground/);
    assert.match(await shell.innerText(), /Loading the editor…/);
    const path = await shot(page, "shell-1440x900.png");
    const png = await page.screenshot();
    assert.ok(distinctBytes(png) > 8, `the shell's screenshot is not blank (${path})`);
  } finally {
    await browser.close();
  }
});

test("the page asks for its scripts and wasm only once the shell is parsed and painted", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground();
  try {
    const timing = await page.evaluate(() =>
      performance.getEntriesByType("resource").map(({ name, startTime, responseEnd }) => ({
        path: new URL(name).pathname,
        startTime,
        responseEnd,
      })),
    );
    const lister = timing.find(({ path }) => path.endsWith("/page-files.js"));
    assert.ok(lister, `page-files.js was loaded (${timing.map(({ path }) => path).join(", ")})`);
    const code = timing.filter(({ path }) => /\.(js|wasm)$/.test(path) && path !== lister.path);
    assert.ok(code.some(({ path }) => path.endsWith(".wasm")), "the app's wasm is among them");
    for (const { path, startTime } of code) {
      assert.ok(
        startTime >= lister.responseEnd,
        `${path} is asked for at ${startTime.toFixed(1)} ms, after page-files.js (received at ${lister.responseEnd.toFixed(1)} ms)`,
      );
    }
    // page-files.js waits up to 300 ms for the report of the first paint.
    const paint = await page.evaluate(
      () => performance.getEntriesByType("paint").find(({ name }) => name === "first-contentful-paint")?.startTime,
    );
    assert.ok(paint !== undefined, "the first paint is reported");
    if (paint < 250) {
      for (const { path, startTime } of code) {
        assert.ok(startTime >= paint, `${path} is asked for at ${startTime.toFixed(1)} ms, after the first paint at ${paint.toFixed(1)} ms`);
      }
    }
    assert.equal(await page.locator("template#page-files").count(), 0, "the list is gone once used");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("the decision shows before Monaco, which then takes over", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground({ ready: false, url: "about:blank" });
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    const requested = [];
    const encodings = new Map();
    page.on("response", (response) => {
      const path = new URL(response.url()).pathname;
      requested.push(path);
      encodings.set(path, response.headers()["content-encoding"]);
    });
    // Monaco and AWS's service data held back until the decision is on
    // screen: the decision waits for neither.
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    for (const file of ["**/monaco/editor.js", "**/services.txt"]) {
      await page.route(file, async (route) => {
        await held;
        await route.continue();
      });
    }
    await page.goto(baseUrl(), { waitUntil: "domcontentloaded" });
    const badge = page.getByTestId("decision");
    await waitUntil(
      async () => ["explicit-deny", "allowed", "implicit-deny"].includes(await badge.getAttribute("data-decision").catch(() => null)),
      "a decision without Monaco",
    );
    assert.equal(await badge.getAttribute("data-decision"), "explicit-deny");
    assert.equal(await page.getByTestId("shell").count(), 0, "the shell is gone");
    const text = page.getByTestId("policy-text");
    assert.match(await text.innerText(), /"Version": "2012-10-17"/);
    assert.equal(await page.locator(".policy-text .tok-key").first().innerText(), '"Version"');
    assert.equal(await page.getByTestId("policy-text-note").innerText(), "Loading the editor…");
    assert.equal(await page.evaluate(() => typeof window.monaco), "undefined");
    await shot(page, "before-monaco-1440x900.png");

    release();
    await page.locator(".policy-editor .monaco-editor .view-lines").waitFor();
    assert.equal(await page.getByTestId("policy-text").count(), 0, "the editor took over");
    await page.waitForTimeout(1000);
    await shot(page, "loaded-1440x900.png");
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForTimeout(300);
    await shot(page, "loaded-1280x720.png");

    assert.ok(!requested.some((path) => path.endsWith("json.worker.js")), "no JSON worker until a format");
    const wasm = requested.find((path) => path.endsWith(".wasm"));
    assert.equal(encodings.get(wasm), "br", "the wasm comes brotli-compressed");
    assert.equal(encodings.get("/monaco/editor.js"), "br", "Monaco comes brotli-compressed");
    await page.locator("html[data-services=ready]").waitFor({ state: "attached" });
    assert.equal(encodings.get("/services.txt"), "br", "the service data comes brotli-compressed");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("the compact embed shows the MFA switch, the keys the conditions ask for and the decision's sentence at 520 px", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground({ ready: false, url: "about:blank" });
  try {
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(`${baseUrl()}embed-demo.html`);
    const frame = await (await page.locator("#embed-seed").elementHandle()).contentFrame();
    await frame.getByTestId("decision").waitFor();
    assert.equal(await page.locator("#embed-seed").getAttribute("height"), "520");
    const mfa = await visibleWithoutScrolling(frame, "[data-testid=mfa-switch]");
    assert.ok(mfa.visible, `the MFA switch is visible: ${mfa.why}`);
    const asked = await frame.locator("[data-testid=missing-keys] button, [data-testid=context-keys] li").count();
    if (asked > 0) {
      const keys = await visibleWithoutScrolling(frame, "[data-testid=missing-keys], [data-testid=context-keys]");
      assert.ok(keys.visible, `the context keys are visible: ${keys.why}`);
    }
    // The decision's headline and its whole sentence, below the request.
    const sentence = await visibleWithoutScrolling(frame, "[data-testid=summary]");
    assert.ok(sentence.visible, `the decision's sentence is visible: ${sentence.why}`);
    await page.locator("#embed-seed").screenshot({ path: new URL("./screenshots/embed-520.png", import.meta.url).pathname });
    // The switch works where it is.
    await frame.getByTestId("mfa-switch").click();
    await waitUntil(async () => (await frame.getByTestId("decision").getAttribute("data-decision")) === "allowed", "allowed with MFA");
    assert.equal(await frame.evaluate(() => document.title), "Delegate MFA management (Force_MFA)");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("an embed of a policy without conditions, 750 × 420 as in an mdBook page: its own action, the frame filled", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground({ ready: false, url: "about:blank" });
  const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });
  try {
    await page.setViewportSize({ width: 750, height: 420 });
    // As embed.js writes a fenced block without `data-request`.
    await page.goto(`${baseUrl()}?embed&hide=workspace#policy=${encodeURIComponent(policy)}`);
    await waitUntil(async () => (await page.getByTestId("decision").getAttribute("data-decision").catch(() => null)) === "allowed", "allowed: the policy's own action");
    assert.equal(await page.locator("#request-action").inputValue(), "s3:GetObject");
    const action = await visibleWithoutScrolling(page.mainFrame(), "#request-action");
    assert.ok(action.visible, `the action is in view, not below the MFA switch: ${action.why}`);
    const height = await page.evaluate(() => document.querySelector("[data-testid=embed]").getBoundingClientRect().height);
    assert.equal(Math.round(height), 420, "the embed fills its frame");
    await shot(page, "embed-750x420.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

test("embed.js turns a page's three policy blocks into embeds", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground({ ready: false, url: "about:blank" });
  try {
    await page.setViewportSize({ width: 1100, height: 1200 });
    await servePage(page.context(), "three-blocks.html", embedPage(3));
    // Who asks for the app's .wasm: on a page of the playground's origin,
    // embed.js once, for every embed (web/embed.js, web/app-wasm.js).
    const wasmAskers = [];
    page.context().on("request", (request) => {
      if (request.url().endsWith(".wasm")) wasmAskers.push(request.frame() === page.mainFrame() ? "page" : "embed");
    });
    await page.goto(`${baseUrl()}three-blocks.html`);
    await waitUntil(async () => (await page.locator("iframe[data-iamplay-embed]").count()) >= 2, "the blocks in view become embeds");
    assert.equal(await page.locator("pre[data-iamplay]").count() + (await page.locator("iframe[data-iamplay-embed]").count()), 3);
    // The third comes when it is scrolled near.
    await page.locator("h2", { hasText: "Example 3" }).scrollIntoViewIfNeeded();
    await waitUntil(async () => (await page.locator("iframe[data-iamplay-embed]").count()) === 3, "all three blocks are embeds");
    const frames = [];
    for (const handle of await page.locator("iframe[data-iamplay-embed]").elementHandles()) {
      frames.push(await handle.contentFrame());
    }
    for (const [i, frame] of frames.entries()) {
      await waitUntil(
        async () => (await frame.getByTestId("decision").getAttribute("data-decision").catch(() => null)) === "allowed",
        `embed ${i + 1} allows its s3:GetObject (data-request)`,
      );
      assert.match(await frame.getByTestId("policy-text").innerText(), new RegExp(`bucket-${i}`));
      assert.equal(await frame.evaluate(() => typeof window.monaco), "undefined", "no Monaco before the reader edits");
    }
    assert.deepEqual(wasmAskers, ["page"], "the .wasm is fetched once, by embed.js, and lent to the three embeds");
    assert.equal(await page.locator("iframe[data-iamplay-embed]").nth(0).getAttribute("height"), "300", "data-height");
    assert.match(await frames[1].locator(".policy-text").getAttribute("aria-label"), /read-only/, "data-readonly");
    assert.doesNotMatch(await frames[0].locator(".policy-text").getAttribute("aria-label"), /read-only/);
    await page.locator("iframe[data-iamplay-embed]").nth(0).scrollIntoViewIfNeeded();
    await shot(page, "embed-js-three-blocks.png");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});

// A site that publishes the built page in a folder (a GitHub Pages project
// site, `https://example.org/play/`): every request under `/play/` is
// answered by the test server's file of the same name; anything outside it
// is not found, as it would not be there.
async function publishInFolder(context, folder) {
  const root = new URL(baseUrl());
  const outside = [];
  await context.route(`${root.origin}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.startsWith(`/${folder}/`)) {
      url.pathname = url.pathname.slice(folder.length + 1);
      await route.continue({ url: url.href });
    } else {
      outside.push(url.pathname);
      await route.fulfill({ status: 404, body: "not in this site" });
    }
  });
  return { url: `${root.origin}/${folder}/`, outside };
}

test("published in a folder, the page and embed.js find their own files", { timeout: 120_000 }, async () => {
  const { browser, page, errors } = await openPlayground({ ready: false, url: "about:blank" });
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    const site = await publishInFolder(page.context(), "play");
    await page.goto(site.url);
    await waitUntil(async () => (await page.getByTestId("decision").getAttribute("data-decision").catch(() => null)) === "explicit-deny", "the seed's decision");
    await page.locator(".policy-editor .monaco-editor .view-lines").waitFor();
    await page.locator("html[data-services=ready]").waitFor({ state: "attached" });
    assert.deepEqual(site.outside, [], "nothing asked for outside the folder");

    // A documentation page elsewhere on the site, with embed.js from the folder.
    const docs = `${new URL(baseUrl()).origin}/docs/three.html`;
    await page.context().route(docs, (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/html; charset=utf-8",
        body: embedPage(3).replace('src="embed.js"', 'src="../play/embed.js"'),
      }),
    );
    await page.goto(docs);
    await waitUntil(async () => page.frames().length === 4, "three embeds");
    for (const frame of page.frames().slice(1)) {
      assert.ok(frame.url().startsWith(site.url), `the embed is the folder's page: ${frame.url()}`);
      await waitUntil(async () => (await frame.locator("[data-testid=decision]").getAttribute("data-decision").catch(() => null)) === "allowed", "an embed's decision");
    }
    assert.deepEqual(site.outside, [], "nothing asked for outside the folder");
    assertNoErrors(errors);
  } finally {
    await browser.close();
  }
});
