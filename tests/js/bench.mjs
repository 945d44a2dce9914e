// The JavaScript API's speed in Node: the seed scenario's request 0
// (mfa-user-1 without MFA, ec2:DescribeInstances: explicit deny) asked of
// a `Workspace` handle loaded once (the decision alone with `authorize`, the
// decision with what decided it with `evaluate`), and the same through the
// one-shot `evaluate`, which reads and compiles the workspace on every call. Each
// call is timed on its own; the median and 95th percentile are printed.
//
// Run by `cargo xtask bench` after `cargo xtask js` (the package in
// IAMPLAY_JS_PACKAGE, else target/js). BENCH_CALLS (default 20000) sets
// the calls timed through the handle; the one-shot function gets a tenth
// of them (at least 1,000).

import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const packageDir = process.env.IAMPLAY_JS_PACKAGE ?? join(root, "target", "js");
const calls = Number(process.env.BENCH_CALLS ?? 20000);
if (!Number.isInteger(calls) || calls < 10000) {
  throw new Error(`BENCH_CALLS must be a whole number of at least 10000, found ${process.env.BENCH_CALLS}`);
}

const api = await import(pathToFileURL(join(packageDir, "iamplay.js")).href);
await api.default({ module_or_path: await readFile(join(packageDir, "iamplay_bg.wasm")) });

const workspace = JSON.parse(await readFile(join(root, "examples", "force-mfa.json"), "utf8"));
if (!api.hasCatalog()) {
  const document = await readFile(join(root, "examples", "seed", "AmazonEC2FullAccess.policy.json"), "utf8");
  workspace.awsManagedPolicies = [{ name: "AmazonEC2FullAccess", document }];
}
const text = JSON.stringify(workspace);

/** Times `call` `n` times, one call at a time, after as many warm-up calls; checks each answer. */
function time(n, call) {
  for (let i = 0; i < Math.min(n, 2000); i++) check(call());
  const samples = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    const result = call();
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
    if (result.decision !== "ExplicitDeny") check(result);
  }
  samples.sort();
  const at = (q) => samples[Math.min(n - 1, Math.floor(q * n))];
  return { n, median: at(0.5), p95: at(0.95) };
}

/** Every answer must be the seed's row 1. */
function check(result) {
  if (!result.ok || result.decision !== "ExplicitDeny") {
    throw new Error(`unexpected answer: ${JSON.stringify(result).slice(0, 500)}`);
  }
}

/** Time for a request given as an object rather than by its index. */
const { expect: _, ...request } = workspace.requests[0];

const ws = api.Workspace.load(workspace);
const rows = [
  ["Workspace handle: ws.authorize(0) (the decision alone)", time(calls, () => ws.authorize(0))],
  ["Workspace handle: ws.evaluate(0)", time(calls, () => ws.evaluate(0))],
  ["Workspace handle: ws.evaluate({ principal, action, ... })", time(calls, () => ws.evaluate(request))],
  ["one-shot: evaluate(workspace text, 0)", time(Math.max(1000, calls / 10), () => api.evaluate(text, 0))],
  ["one-shot: evaluate(workspace object, 0)", time(Math.max(1000, calls / 10), () => api.evaluate(workspace, 0))],
];
ws.free();

const format = (us) => `${us.toFixed(2)} µs`.padStart(11);
console.log(`\nseed request 0 (${api.hasCatalog() ? "build with the catalog" : "build without the catalog"}, ${packageDir}), Node ${process.version}`);
console.log(`${"call".padEnd(60)} ${"calls".padStart(7)} ${"median".padStart(11)} ${"p95".padStart(11)}`);
for (const [name, { n, median, p95 }] of rows) {
  console.log(`${name.padEnd(60)} ${String(n).padStart(7)} ${format(median)} ${format(p95)}`);
}
