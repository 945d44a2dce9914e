// Launches the Chromium the tests drive, and finds the page to test.
//
// `cargo xtask test` sets the environment: IAMPLAY_BASE_URL (the built page,
// served on a free local port), CHROMIUM (the browser binary) and
// IAMPLAY_SCREENSHOT_DIR (where screenshots go).

import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

// No sandbox (the tests may run as root), no GPU, and no background
// connections: the machine has no internet access, and a page that works
// offline is part of what the tests check.
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// The URL of the page under test.
export function baseUrl() {
  const url = process.env.IAMPLAY_BASE_URL;
  if (!url) {
    throw new Error(
      "IAMPLAY_BASE_URL is not set: run the end-to-end tests with `cargo xtask test`",
    );
  }
  return url;
}

// Starts headless Chromium with a fresh profile. `colorScheme` is
// "light" or "dark". Returns the browser context and a `close` that also
// removes the profile.
export async function launch({ colorScheme = "light" } = {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), "iamplay-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1360, height: 820 },
    deviceScaleFactor: 1,
    colorScheme,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

// Saves a screenshot of `page` as `name` in the screenshot folder;
// returns its path.
export async function screenshot(page, name) {
  const dir = process.env.IAMPLAY_SCREENSHOT_DIR || "screenshots";
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await page.screenshot({ path });
  return path;
}

// Polls `check` (which may be async) until it returns a truthy value, or
// fails after `timeout` milliseconds with `message`.
export async function waitUntil(check, message, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms: ${message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
