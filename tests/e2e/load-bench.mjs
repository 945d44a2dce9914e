// The load benchmark of the playground (`cargo xtask bench`): what a first
// visit costs, in a fresh headless Chromium (new profile: nothing cached)
// at 1440 × 900, served from loopback by `cargo xtask serve`'s server
// (precompressed files, Content-Encoding). The browser first opens a
// not-found address of the same server, so that the time Chromium takes
// to start its renderer process (a browser in use has one spare) is not
// counted; nothing of the page is cached by it.
//
// For the page, cold on loopback and through a link throttled to
// 20 Mbit/s with 40 ms latency (the DevTools protocol's
// Network.emulateNetworkConditions):
// - first paint: `first-contentful-paint`, which is the shell of
//   index.html (its own HTML and CSS, before any script);
// - decision on screen: the first frame after the decision badge shows a
//   decision (a MutationObserver notes it, a requestAnimationFrame after
//   it the frame);
// - bytes before the decision: the transfer size (compressed bodies and
//   headers, Resource Timing) of the page and of every file it had
//   received by then; and the bytes of everything it loads within 3 s
//   with nobody touching it (Monaco and AWS's service data included);
// - service data installed: when the page has fetched and installed
//   `services.txt`, which it asks for once the decision is painted.
// The floor: a one-line page's first paint in the same fresh browser.
// For documentation pages: a page of five policy blocks turned into
// embeds by `embed.js`, cold on loopback, until all five show a decision
// (a viewport tall enough to show all five).
//
// Environment: IAMPLAY_BASE_URL (the built page), CHROMIUM (the browser),
// LOAD_BENCH_RUNS (runs of each, default 5; the median is printed).

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

import { CHROMIUM_FLAGS, baseUrl } from "./browser.js";

const RUNS = Number(process.env.LOAD_BENCH_RUNS || 5);
const SETTLE_MS = 3000;

// 20 Mbit/s both ways, 40 ms added latency.
export const THROTTLED = {
  offline: false,
  latency: 40,
  downloadThroughput: (20 * 1000 * 1000) / 8,
  uploadThroughput: (20 * 1000 * 1000) / 8,
};

// In every frame, before its scripts: note (as epoch milliseconds) when
// the decision badge first shows a decision, and the frame after.
function watchDecision() {
  const now = () => performance.timeOrigin + performance.now();
  let painted;
  // One promise the bench awaits (a single call into the page, instead
  // of polling it, which would take the page's main thread while it loads).
  window.__decisionPainted = new Promise((resolve) => {
    painted = resolve;
  });
  const check = () => {
    if (window.__decisionAt) {
      return;
    }
    const badge = document.querySelector("[data-testid=decision]");
    const kind = badge?.getAttribute("data-decision");
    if (kind && kind !== "none") {
      window.__decisionAt = now();
      requestAnimationFrame(() => {
        window.__decisionPaintedAt = now();
        painted(window.__decisionPaintedAt);
      });
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["data-decision"],
  });
  // When AWS's service data (fetched after the decision) is installed.
  new MutationObserver(() => {
    if (!window.__servicesAt && document.documentElement.getAttribute("data-services")) {
      window.__servicesAt = now();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-services"] });
}

// A fresh Chromium with an empty profile; `close` removes the profile.
export async function freshBrowser(viewport = { width: 1440, height: 900 }) {
  const userDataDir = await mkdtemp(join(tmpdir(), "iamplay-load-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
    deviceScaleFactor: 1,
  });
  await context.addInitScript(watchDecision);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

// Waits (one call into the frame) until its decision is painted; the
// epoch milliseconds of that frame.
async function decisionPainted(frame, timeout = 30_000) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out waiting for the decision")), timeout);
  });
  try {
    return await Promise.race([frame.evaluate(() => window.__decisionPainted), late]);
  } finally {
    clearTimeout(timer);
  }
}

// One cold load of the page: { paint, decision, services, bytesBefore,
// bytesSettled, files }.
export async function loadOnce({ throttled = false, url = baseUrl() } = {}) {
  const browser = await freshBrowser();
  try {
    const { page, context } = browser;
    if (throttled) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", THROTTLED);
    }
    await page.goto(new URL("/not-found", url).href);
    await page.goto(url, { waitUntil: "commit" });
    await decisionPainted(page);
    await page.waitForTimeout(SETTLE_MS);
    return await page.evaluate(() => {
      const [navigation] = performance.getEntriesByType("navigation");
      const origin = performance.timeOrigin;
      const decision = window.__decisionPaintedAt - origin;
      const paint = performance
        .getEntriesByType("paint")
        .find((entry) => entry.name === "first-contentful-paint");
      const resources = performance.getEntriesByType("resource");
      const sum = (entries) => entries.reduce((total, entry) => total + entry.transferSize, 0);
      const before = resources.filter((entry) => entry.responseEnd <= window.__decisionAt - origin);
      return {
        paint: paint?.startTime ?? Number.NaN,
        decision,
        services: (window.__servicesAt ?? Number.NaN) - origin,
        bytesBefore: navigation.transferSize + sum(before),
        bytesSettled: navigation.transferSize + sum(resources),
        files: before.map((entry) => `${new URL(entry.name).pathname} ${entry.transferSize}`),
      };
    });
  } finally {
    await browser.close();
  }
}

// The page of `count` policy blocks that `embed.js` turns into embeds.
export function embedPage(count) {
  const blocks = [];
  for (let i = 0; i < count; i += 1) {
    const policy = JSON.stringify(
      {
        Version: "2012-10-17",
        Statement: [
          { Sid: `Read${i}`, Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::bucket-${i}/*` },
          { Sid: "NeverDelete", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" },
        ],
      },
      null,
      2,
    );
    const readonly = i % 2 === 1 ? " data-readonly" : "";
    blocks.push(
      `<h2>Example ${i + 1}</h2>\n<pre data-iamplay data-height="300"${readonly} data-request="action=s3:GetObject&amp;resource=arn:aws:s3:::bucket-${i}/a.txt">${policy}</pre>`,
    );
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Five embeds</title>
<script type="module" src="embed.js"></script></head>
<body><h1>Five live examples</h1>\n${blocks.join("\n")}\n</body></html>`;
}

// Serves `html` at `path` of the playground's origin in `context`.
export async function servePage(context, path, html) {
  await context.route(`**/${path}`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
  );
}

// One cold load of the five-embed page: ms until every embed shows a decision.
async function embedsOnce() {
  const browser = await freshBrowser({ width: 1280, height: 1900 });
  try {
    const { page, context } = browser;
    await servePage(context, "five-embeds.html", embedPage(5));
    await page.goto(`${baseUrl()}not-found`);
    const started = Date.now();
    await page.goto(`${baseUrl()}five-embeds.html`, { waitUntil: "commit" });
    const origin = await page.evaluate(() => performance.timeOrigin);
    // Each embed's frame is awaited once, as soon as it exists (frames
    // are listed from the protocol's frame tree, not by asking the page).
    const waits = new Map();
    const deadline = started + 30_000;
    while (waits.size < 5 && Date.now() < deadline) {
      for (const frame of page.frames()) {
        if (frame !== page.mainFrame() && !waits.has(frame)) {
          waits.set(frame, decisionPainted(frame));
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (waits.size !== 5) {
      throw new Error("the page did not make five embeds");
    }
    const times = await Promise.all(waits.values());
    const monaco = await page.evaluate(() =>
      performance.getEntriesByType("resource").some((entry) => entry.name.endsWith("/monaco/editor.js")),
    );
    return { all: Math.max(...times) - origin, monaco };
  } finally {
    await browser.close();
  }
}

// The first paint of a one-line page from the same origin, the same way:
// the floor under the shell's first paint on this machine.
async function floorOnce() {
  const browser = await freshBrowser();
  try {
    const { page, context } = browser;
    await servePage(context, "one-line.html", "<!doctype html><title>One line</title><p>One line.</p>");
    await page.goto(`${baseUrl()}not-found`);
    await page.goto(`${baseUrl()}one-line.html`, { waitUntil: "load" });
    return await page.evaluate(
      () =>
        new Promise((resolve) => {
          new PerformanceObserver((list, observer) => {
            const paint = list.getEntries().find((entry) => entry.name === "first-contentful-paint");
            if (paint) {
              observer.disconnect();
              resolve(paint.startTime);
            }
          }).observe({ type: "paint", buffered: true });
        }),
    );
  } finally {
    await browser.close();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const kb = (bytes) => `${(bytes / 1000).toFixed(0)} kB`;

async function main() {
  console.log(`load benchmark: ${RUNS} cold runs each (fresh profile), medians`);
  for (const throttled of [false, true]) {
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) {
      runs.push(await loadOnce({ throttled }));
    }
    const label = throttled ? "throttled 20 Mbit/s, 40 ms" : "loopback";
    console.log(
      `${label.padEnd(28)} first paint (shell) ${median(runs.map((r) => r.paint)).toFixed(0)} ms; ` +
        `decision on screen ${median(runs.map((r) => r.decision)).toFixed(0)} ms; ` +
        `bytes before the decision ${kb(median(runs.map((r) => r.bytesBefore)))}; ` +
        `within ${SETTLE_MS / 1000} s ${kb(median(runs.map((r) => r.bytesSettled)))}; ` +
        `service data installed ${median(runs.map((r) => r.services)).toFixed(0)} ms`,
    );
    if (!throttled) {
      console.log(`  received before the decision: ${runs[0].files.join(", ")}`);
    }
  }
  const floor = [];
  for (let i = 0; i < RUNS; i += 1) {
    floor.push(await floorOnce());
  }
  console.log(
    `${"the browser's floor".padEnd(28)} first paint of a one-line page ${median(floor).toFixed(0)} ms ` +
      "(what this browser and machine take to paint anything)",
  );
  const embeds = [];
  for (let i = 0; i < RUNS; i += 1) {
    embeds.push(await embedsOnce());
  }
  console.log(
    `five embeds (embed.js)      all five decisions on screen ${median(embeds.map((r) => r.all)).toFixed(0)} ms` +
      `; Monaco loaded: ${embeds.some((r) => r.monaco) ? "yes" : "no"}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
