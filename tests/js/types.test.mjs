// The TypeScript declarations (`iamplay.d.ts`) against what the API
// returns. Every request of the case suite (tests/cases) and of the
// examples goes through the handle and the one-shot functions; every result
// is written as a typed constant into a `.ts` file, and `tsc --strict`
// checks those files against the declarations. An object literal in a typed
// position is checked both ways: a key the declarations lack is an error
// (excess property check), a key they require that the result lacks is an
// error, and a string must be one of its union's literals. So a change to
// the Rust result types that the declarations do not follow fails here.
//
// Needs the package that `cargo xtask js` builds (IAMPLAY_JS_PACKAGE, else
// target/js) and `npm ci` in tests/js (TypeScript, pinned); `cargo xtask
// test` does both.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { before, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const packageDir = process.env.IAMPLAY_JS_PACKAGE ?? join(root, "target", "js");
const tsc = join(here, "node_modules", "typescript", "bin", "tsc");

/**
 * The API, loaded once at the module's top level. Not in a `before` hook:
 * Node 20 starts a file's top-level `before` hooks together, so the hook
 * below that type-checks the results could run before the package is
 * loaded (it did, on a slower machine).
 */
const api = await import(pathToFileURL(join(packageDir, "iamplay.js")).href);
await api.default({ module_or_path: await readFile(join(packageDir, "iamplay_bg.wasm")) });

/** The compiler options: strict, nothing emitted, the declarations checked too. */
const tsconfig = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    target: "es2022",
    module: "es2022",
    moduleResolution: "bundler",
    // esnext.disposable: the generated classes declare `[Symbol.dispose]`.
    lib: ["es2022", "esnext.disposable", "dom"],
    types: [],
  },
  include: ["*.ts"],
};

/**
 * Type-checks `files` ({ name: text }) with the package's declarations in
 * a temporary folder; returns tsc's exit status and output, and the
 * folder when `keep` is set (else it is deleted).
 */
async function typeCheck(files, { keep = false } = {}) {
  assert.ok(existsSync(tsc), `TypeScript is not installed: run \`npm ci\` in ${here} (cargo xtask test does)`);
  const dir = await mkdtemp(join(tmpdir(), "iamplay-types-"));
  await copyFile(join(packageDir, "iamplay.d.ts"), join(dir, "iamplay.d.ts"));
  await writeFile(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const run = spawnSync(process.execPath, [tsc, "-p", dir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (!keep) await rm(dir, { recursive: true, force: true });
  return { status: run.status, output: `${run.stdout}${run.stderr}`, dir };
}

/** A module that declares each of `constants` ({ name: [type, value] }) with its type. */
function typed(constants) {
  const types = new Set(Object.values(constants).map(([type]) => type.replace(/\[\]$/, "")));
  const lines = [`import type { ${[...types].sort().join(", ")} } from "./iamplay.js";`];
  for (const [name, [type, value]] of Object.entries(constants)) {
    lines.push(`export const ${name}: ${type} = ${JSON.stringify(value, null, 1)};`);
  }
  return lines.join("\n") + "\n";
}

/**
 * What the declarations can tell apart in a value: its keys, which are
 * null, and its enum-like strings (a word such as `ExplicitDeny` or
 * `key_missing`); other strings and numbers are all alike.
 */
function shape(value) {
  return JSON.stringify(value, (_, v) => {
    if (typeof v === "number") return 0;
    if (typeof v === "string") return /^[A-Za-z_]{1,40}$/.test(v) ? v : "";
    return v;
  });
}

/** The shapes kept so far, by declared type, across every workspace file. */
const seen = new Map();

/**
 * Keeps the values of `type` whose shape was not kept before: tsc checks
 * each shape once, not each of thousands of results.
 */
function distinct(type, values) {
  if (!seen.has(type)) seen.set(type, new Set());
  const kept = seen.get(type);
  return values.filter((value) => {
    const key = shape(value);
    if (kept.has(key)) return false;
    kept.add(key);
    return true;
  });
}

/** A document text that parses as JSON but is no valid policy. */
const brokenPolicy = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Acton": "s3:*"}]}';

/** Every result one workspace file gives, by the declared type it must have. */
function resultsOf(file) {
  const ws = api.Workspace.load(file);
  try {
    const requests = file.requests ?? [];
    const documents = ws.documents();
    const evaluated = [];
    const explained = [];
    const authorized = [];
    for (let i = 0; i < requests.length; i++) {
      authorized.push(ws.authorize(i));
      evaluated.push(ws.evaluate(i));
      explained.push(ws.explain(i));
      // As a request given alone: its own documents are read for it.
      const { expect, ...given } = requests[i];
      evaluated.push(api.evaluate(file, given));
    }
    // Failures: no such saved request, an unknown user, a request that is no request.
    evaluated.push(ws.evaluate(requests.length), ws.evaluate({ principal: "nobody-here", action: "s3:GetObject" }), ws.evaluate({}));
    authorized.push(ws.authorize(requests.length), ws.authorize({ principal: "nobody-here", action: "s3:GetObject" }));
    explained.push(api.explain(file, requests.length));
    const validated = documents.filter((d) => d.text !== null).map((d) => api.validate(d.text, d.kind));
    const set = [ws.setDocument("managed/no such policy", "{}"), ws.setDocument(42, "{}")];
    const editable = documents.find((d) => !d.read_only);
    if (editable) {
      set.push(ws.setDocument(editable.id, brokenPolicy));
      // Requests the broken policy applies to fail with its problems.
      for (let i = 0; i < requests.length; i++) evaluated.push(ws.evaluate(i));
      set.push(ws.setDocument(editable.id, editable.text));
    }
    return {
      workspace: ["WorkspaceFile", file],
      authorized: ["AuthorizeResult[]", distinct("AuthorizeResult", authorized)],
      evaluated: ["EvaluateResult[]", distinct("EvaluateResult", evaluated)],
      explained: ["ExplainResult[]", distinct("ExplainResult", explained)],
      diagnostics: ["DiagnosticsResult", ws.diagnostics()],
      documents: ["DocumentInfo[]", documents],
      validated: ["ValidateResult[]", distinct("ValidateResult", validated)],
      set: ["SetDocumentResult[]", distinct("SetDocumentResult", set)],
    };
  } finally {
    ws.free();
  }
}

/** The workspace files of the case suite and the examples. */
async function workspaceFiles() {
  const files = [];
  for (const folder of [join(root, "tests", "cases"), join(root, "examples")]) {
    for (const name of (await readdir(folder)).filter((n) => n.endsWith(".json")).sort()) {
      files.push([`${basename(folder)}-${name.replace(/\.json$/, "")}`, JSON.parse(await readFile(join(folder, name), "utf8"))]);
    }
  }
  return files;
}

/** How the declarations say the API is called, checked against them. */
const usage = `
import init, { Workspace, evaluate, explain, validate, expandAction, version, hasCatalog } from "./iamplay.js";
import type { WorkspaceFile, RequestSpec, AuthorizeResult, EvaluateResult, ExplainResult, DiagnosticsResult, DocumentInfo,
  SetDocumentResult, ValidateResult, ExpandActionResult, Decision, Problem } from "./iamplay.js";

export async function use(file: WorkspaceFile, request: RequestSpec, bytes: Uint8Array): Promise<Decision | Problem[]> {
  await init({ module_or_path: bytes });
  const ws: Workspace = Workspace.load(file);
  const fromText: Workspace = Workspace.load(JSON.stringify(file));
  fromText.free();
  const byIndex: EvaluateResult = ws.evaluate(0);
  const decided: AuthorizeResult = ws.authorize(request);
  const given: EvaluateResult = ws.evaluate(request);
  const explained: ExplainResult = ws.explain(JSON.stringify(request));
  const problems: DiagnosticsResult = ws.diagnostics();
  const documents: DocumentInfo[] = ws.documents();
  const set: SetDocumentResult = ws.setDocument(documents[0].id, { Version: "2012-10-17", Statement: [] });
  ws.free();
  const once: EvaluateResult = evaluate(file, 0);
  const full: ExplainResult = explain(JSON.stringify(file), request);
  const valid: ValidateResult = validate("{}", "scp");
  const expanded: ExpandActionResult = expandAction("iam:Get*");
  const about: [string, boolean] = [version(), hasCatalog()];
  void [decided, given, explained, problems, set, once, full, valid, expanded, about];
  return byIndex.ok ? byIndex.decision : byIndex.problems;
}
`;

/** tsc's verdict on every result, and on `drift.ts`: results made to differ from the declarations. */
let checked;

before(async () => {
  const files = { "usage.ts": usage };
  let requests = 0;
  for (const [name, file] of await workspaceFiles()) {
    requests += file.requests?.length ?? 0;
    files[`${name}.ts`] = typed(resultsOf(file));
  }
  assert.ok(requests >= 300, `the case suite has only ${requests} requests`);
  files["functions.ts"] = typed({
    invalid: ["ValidateResult[]", [api.validate("{"), api.validate(brokenPolicy, "resource"), api.validate(null), api.validate("{}", "bogus")]],
    expanded: ["ExpandActionResult[]", [api.expandAction("iam:Get*"), api.expandAction("nosuchservice:*"), api.expandAction(7)]],
    unloaded: ["DiagnosticsResult", api.Workspace.load("{").diagnostics()],
  });
  // A decision that is none of the three, a key the declarations lack, and
  // a required key missing: each must be an error, or the check is blind.
  const result = api.evaluate(JSON.parse(await readFile(join(root, "tests", "cases", "scps.json"), "utf8")), 0);
  assert.equal(result.ok, true);
  const drifted = [{ ...result, decision: "Maybe" }, { ...result, extra_key: 1 }, (({ summary, ...rest }) => rest)(result)];
  files["drift.ts"] = typed({ drifted: ["EvaluateResult[]", drifted] });
  checked = await typeCheck(files, { keep: true });
  const lines = checked.output.split("\n").filter((line) => line.includes("error TS"));
  checked.drift = lines.filter((line) => /(^|\/)drift\.ts\(/.test(line));
  checked.others = lines.filter((line) => !/(^|\/)drift\.ts\(/.test(line));
  if (checked.others.length === 0) await rm(checked.dir, { recursive: true, force: true });
});

/** tsc's errors grouped by message: the first place of each, and how many there are. */
function grouped(lines) {
  const groups = new Map();
  for (const line of lines) {
    const message = line.replace(/^.*?error (TS\d+)/, "$1");
    const group = groups.get(message) ?? { first: line, count: 0 };
    group.count += 1;
    groups.set(message, group);
  }
  return [...groups.values()].map(({ first, count }) => `${count} × ${first}`);
}

test("every result of the case suite and the examples has its declared type", () => {
  assert.deepEqual(
    grouped(checked.others),
    [],
    `tsc finds results that differ from iamplay.d.ts (the files are in ${checked.dir})`,
  );
});

test("the check fails on results that drift from the declarations", () => {
  assert.equal(checked.drift.length, 3, checked.drift.join("\n"));
  for (const expected of [/"Maybe"/, /extra_key/, /summary/]) assert.ok(checked.drift.some((line) => expected.test(line)), `no error for ${expected}`);
});
