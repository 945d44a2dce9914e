// Smoke test of the JavaScript API as a Node user meets it: the ES module
// and `.wasm` that `cargo xtask js` builds (into target/js, or the folder
// in IAMPLAY_JS_PACKAGE). Run with `node --test tests/js/` after
// `cargo xtask js`; `cargo xtask test` does both.

import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { before, describe, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const packageDir = process.env.IAMPLAY_JS_PACKAGE ?? join(root, "target", "js");

/** The API, loaded once. */
let api;

before(async () => {
  const module = await import(pathToFileURL(join(packageDir, "iamplay.js")).href);
  // In Node the module cannot fetch its .wasm: hand it the bytes.
  await module.default({ module_or_path: await readFile(join(packageDir, "iamplay_bg.wasm")) });
  api = module;
});

/** The seed scenario; the build without the catalog needs the AWS managed policy carried in it. */
async function seedWorkspace() {
  const workspace = JSON.parse(await readFile(join(root, "examples", "force-mfa.json"), "utf8"));
  if (!api.hasCatalog()) {
    const document = await readFile(join(root, "examples", "seed", "AmazonEC2FullAccess.policy.json"), "utf8");
    workspace.awsManagedPolicies = [{ name: "AmazonEC2FullAccess", document }];
  }
  return workspace;
}

/** A deciding statement as the workspace format's `expect.deciding` names it: `Policy/Sid` or `Policy/N`. */
const statementKey = (s) => `${s.policy_name}/${s.sid ?? s.statement + 1}`;

/** Checks that `problem` is a well-formed problem object. */
function assertProblem(problem) {
  assert.equal(typeof problem.message, "string");
  assert.ok(problem.message.length > 0);
  for (const key of ["line", "column", "end_line", "end_column"]) {
    assert.ok(Number.isInteger(problem[key]) && problem[key] >= 1, `${key} of ${JSON.stringify(problem)}`);
  }
  assert.ok(["error", "security_warning", "warning", "suggestion"].includes(problem.severity));
  assert.ok(["policy", "workspace", "request", "document", "arguments"].includes(problem.source));
}

/** Checks a failure: `ok` false and at least one error. */
function assertFailure(result, code) {
  assert.equal(result.ok, false, JSON.stringify(result));
  result.problems.forEach(assertProblem);
  assert.ok(result.problems.some((p) => p.severity === "error"), JSON.stringify(result));
  if (code) assert.ok(result.problems.some((p) => p.code === code), `no \`${code}\` in ${JSON.stringify(result.problems)}`);
}

/** The workspace files of the case suite and the examples, by name. */
async function workspaceFiles() {
  const files = [];
  for (const folder of [join(root, "tests", "cases"), join(root, "examples")]) {
    for (const name of (await readdir(folder)).filter((n) => n.endsWith(".json")).sort()) {
      files.push([name, JSON.parse(await readFile(join(folder, name), "utf8"))]);
    }
  }
  return files;
}

/** `result` without its `problems`, as JSON text (which keeps the order of its fields). */
const withoutProblems = ({ problems, ...rest }) => JSON.stringify(rest);

describe("the handle's evaluate builds its common answer in JavaScript (crates/js/src/wire.rs)", () => {
  test("it equals the JSON answer of the one-shot evaluate for every request of the cases and examples", async () => {
    let compared = 0;
    const seen = new Set();
    for (const [name, file] of await workspaceFiles()) {
      const ws = api.Workspace.load(file);
      try {
        for (let i = 0; i < (file.requests ?? []).length; i++) {
          const fast = ws.evaluate(i);
          const json = api.evaluate(file, i);
          assert.equal(withoutProblems(fast), withoutProblems(json), `${name} request ${i}`);
          if (fast.ok && fast.problems.length === 0 && fast.request_findings.length === 0) {
            compared++;
            seen.add(fast.decision);
            for (const s of [...fast.deciding, ...fast.overridden]) seen.add(s.policy_type);
            if (fast.blocked_by) seen.add(`blocked ${fast.blocked_by.policy_type}`);
          }
        }
      } finally {
        ws.free();
      }
    }
    assert.ok(compared >= 100, `only ${compared} answers took the JavaScript path`);
    for (const kind of ["Allowed", "ExplicitDeny", "ImplicitDeny", "identity_based", "resource_based", "service_control_policy"]) {
      assert.ok(seen.has(kind), `no answer with ${kind} took the JavaScript path`);
    }
    assert.ok([...seen].some((k) => k.startsWith("blocked ")), "no blocked answer took the JavaScript path");
  });

  test("text beyond ASCII keeps its UTF-16 lengths", () => {
    const policy = (sid) => JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Sid: sid, Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
    });
    const file = {
      users: [{ name: "zoë", inlinePolicies: [{ name: "Zugriff", document: policy("Ünïcode😀Sid") }] }],
      requests: [{ principal: "zoë", action: "s3:GetObject", resource: "arn:aws:s3:::bücher/😀" }],
    };
    const ws = api.Workspace.load(file);
    try {
      const fast = ws.evaluate(0);
      assert.equal(fast.decision, "Allowed");
      assert.equal(fast.deciding[0].sid, "Ünïcode😀Sid");
      assert.equal(withoutProblems(fast), withoutProblems(api.evaluate(file, 0)));
    } finally {
      ws.free();
    }
  });

  test("strings sent once are sent by number, and the table empties past its budget", () => {
    // Each implicit deny's summary names its resource, so every request
    // below sends one new string; 5,000 of them pass the table's budget of
    // 4,096 strings (crates/js/src/wire.rs), so both sides empty it once.
    const file = {
      users: [{ name: "ana", inlinePolicies: [{ name: "Reader", document: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::docs/*" }],
      }) }] }],
      requests: [{ principal: "ana", action: "s3:GetObject", resource: "arn:aws:s3:::docs/a" }],
    };
    const ws = api.Workspace.load(file);
    try {
      const allowed = withoutProblems(api.evaluate(file, 0));
      assert.equal(withoutProblems(ws.evaluate(0)), allowed);
      for (let i = 0; i < 5000; i++) {
        const resource = `arn:aws:s3:::other/${i}`;
        const answer = ws.evaluate({ principal: "ana", action: "s3:GetObject", resource });
        assert.equal(answer.decision, "ImplicitDeny");
        assert.ok(answer.summary.includes(`\`s3:GetObject\` on \`${resource}\``), answer.summary);
        // Strings sent before (and, after the table emptied, sent again).
        if (i % 500 === 0) assert.equal(withoutProblems(ws.evaluate(0)), allowed, `after ${i} new strings`);
      }
      assert.equal(withoutProblems(ws.evaluate(0)), allowed);
      assert.equal(withoutProblems(ws.evaluate(0)), allowed);
    } finally {
      ws.free();
    }
  });
});

describe("the seed scenario (shared/scenarios/README.md: 14 expected decisions)", () => {
  test("every saved request, by index, gives its expected decision and deciding statements", async () => {
    const workspace = await seedWorkspace();
    assert.equal(workspace.requests.length, 14);
    const findings = api.Workspace.load(workspace).diagnostics().problems;
    workspace.requests.forEach((request, index) => {
      const result = api.evaluate(workspace, index);
      assert.equal(result.ok, true, `${request.name}: ${JSON.stringify(result.problems)}`);
      assert.equal(result.decision, request.expect.decision, request.name);
      assert.deepEqual(result.deciding.map(statementKey), request.expect.deciding, request.name);
      assert.equal(typeof result.summary, "string");
      // The one-shot function lists the workspace's problems with each answer.
      assert.deepEqual(result.problems, findings, request.name);
    });
  });

  // With the catalog, the linter knows that iam:ListUsers and the other
  // list actions support only `*` as the resource, so Force_MFA's three
  // statements that name `user/*` for them never apply (docs/semantics.md,
  // "ARN segments"; seed row 8). Without it, there is nothing to say.
  test("the seed's lint findings: three warnings with the catalog, placed in the workspace text", async () => {
    const workspace = await seedWorkspace();
    const ws = api.Workspace.load(workspace);
    const { ok, problems } = ws.diagnostics();
    ws.free();
    assert.equal(ok, true);
    assert.equal(problems.length, api.hasCatalog() ? 3 : 0, JSON.stringify(problems));
    const text = JSON.stringify(workspace, null, 2).split("\n");
    for (const p of problems) {
      assert.deepEqual([p.code, p.severity, p.document, p.source], ["resource-never-matches", "warning", "managed/Force_MFA", "workspace"]);
      // At the `Resource` element, or at its entry.
      assert.match(text[p.line - 1].slice(p.column - 1), /^"(Resource"|arn:)/);
      assert.match(text.slice(p.line - 1, p.end_line).join("\n"), /"arn:aws:iam::111122223333:user\//);
    }
  });

  test("a request given as an object, and the workspace as JSON text, give the same answers", async () => {
    const workspace = await seedWorkspace();
    const text = JSON.stringify(workspace);
    for (const { expect, ...request } of workspace.requests) {
      const result = api.evaluate(text, request);
      assert.equal(result.ok, true, JSON.stringify(result.problems));
      assert.equal(result.decision, expect.decision, request.name);
    }
  });

  test("explain gives the full trace of row 1: the Force_MFA Deny decides, the EC2 Allow is overridden", async () => {
    const result = api.explain(await seedWorkspace(), 0);
    assert.equal(result.ok, true);
    const { response } = result;
    assert.equal(response.decision, "ExplicitDeny");
    assert.match(response.summary, /DoNotAllowAnythingOtherThanAboveUnlessMFAd/);
    assert.deepEqual(response.deciding.map(statementKey), ["Force_MFA/DoNotAllowAnythingOtherThanAboveUnlessMFAd"]);
    assert.deepEqual(response.overridden.map(statementKey), ["AmazonEC2FullAccess/1"]);
    const forceMfa = response.policies.find((p) => p.name === "Force_MFA");
    assert.equal(forceMfa.policy_type, "identity_based");
    const deny = forceMfa.statements.find((s) => s.sid === "DoNotAllowAnythingOtherThanAboveUnlessMFAd");
    assert.equal(deny.role, "deciding");
    assert.equal(deny.action.element, "NotAction");
    assert.equal(deny.conditions[0].operator, "Null");
    assert.equal(deny.conditions[0].holds, true);
    assert.equal(deny.conditions[0].request_values, null);
    assert.equal(response.steps[0].kind, "explicit_deny_check");
    assert.equal(response.steps[0].outcome, "explicit_deny");
    assert.ok(response.context.some((c) => c.key === "aws:username" && c.derived));
    assert.ok(Number.isInteger(deny.loc.start.line));
  });

  test("explain says what would change row 1: MFA, or the Force_MFA Deny removed", async () => {
    const { counterfactuals } = api.explain(await seedWorkspace(), 0);
    assert.equal(counterfactuals.decision, "ExplicitDeny");
    assert.equal(counterfactuals.capped, false);
    const [mfa, removal] = counterfactuals.list;
    assert.equal(mfa.change.kind, "context");
    assert.deepEqual(mfa.change.set, [
      { key: "aws:MultiFactorAuthPresent", value: true },
      { key: "aws:MultiFactorAuthAge", value: 60 },
    ]);
    assert.equal(mfa.decision, "Allowed");
    assert.deepEqual(mfa.deciding.map(statementKey), ["AmazonEC2FullAccess/1"]);
    assert.equal(removal.change.kind, "remove_statements");
    assert.equal(removal.change.statements[0].document, "managed/Force_MFA");
    assert.match(removal.sentence, /^Without the statement Force_MFA › DoNotAllowAnythingOtherThanAboveUnlessMFAd, this request is allowed/);
  });

  test("an AWS managed policy the build cannot find is a warning that says why", async () => {
    const workspace = JSON.parse(await readFile(join(root, "examples", "force-mfa.json"), "utf8"));
    const result = api.evaluate(workspace, 1);
    assert.equal(result.ok, true);
    if (api.hasCatalog()) {
      assert.equal(result.decision, "Allowed");
      assert.deepEqual(result.problems.filter((p) => p.code === "unresolved-reference"), []);
    } else {
      // Row 2 is allowed only by AmazonEC2FullAccess, which is missing.
      assert.equal(result.decision, "ImplicitDeny");
      const [problem] = result.problems;
      assert.equal(problem.code, "unresolved-reference");
      assert.equal(problem.severity, "warning");
      assert.match(problem.message, /AmazonEC2FullAccess/);
      assert.match(problem.help, /awsManagedPolicies/);
    }
  });

  test("a condition key the request lacks is reported as missing", async () => {
    const workspace = await seedWorkspace();
    const result = api.evaluate(workspace, { principal: "mfa-user-1", action: "ec2:DescribeInstances" });
    assert.equal(result.ok, true);
    // Without aws:MultiFactorAuthAge, Null is true and the Deny applies.
    assert.equal(result.decision, "ExplicitDeny");
    assert.ok(result.missing_context_keys.includes("aws:MultiFactorAuthAge"), JSON.stringify(result));
  });
});

describe("the Workspace handle", () => {
  test("loads once, answers by index or request, takes an edit of one document", async () => {
    const ws = api.Workspace.load(await seedWorkspace());
    try {
      assert.equal(ws.evaluate(0).decision, "ExplicitDeny");
      assert.equal(ws.evaluate(1).decision, "Allowed");
      for (let i = 0; i < 14; i++) assert.equal(ws.authorize(i).decision, ws.evaluate(i).decision);
      assert.deepEqual(ws.authorize(0), { ok: true, decision: "ExplicitDeny", problems: [] });
      assert.equal(ws.explain({ principal: "mfa-user-1", action: "ec2:DescribeInstances" }).response.decision, "ExplicitDeny");
      const ids = ws.documents().map((d) => d.id);
      assert.deepEqual(ids, ["managed/Force_MFA", "aws/arn:aws:iam::aws:policy/AmazonEC2FullAccess"]);
      // Force_MFA without its Deny: AmazonEC2FullAccess allows row 1.
      const allowOnly = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:ListUsers", Resource: "*" }] };
      assert.deepEqual(ws.setDocument("managed/Force_MFA", allowOnly), { ok: true, problems: [] });
      assert.equal(ws.evaluate(0).decision, "Allowed");
      // A text that does not parse is kept, and fails the requests it applies to.
      const set = ws.setDocument("managed/Force_MFA", '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow"}]}');
      assert.equal(set.ok, true);
      assert.ok(set.problems.some((p) => p.severity === "error" && p.source === "document" && p.document === "managed/Force_MFA"));
      assertFailure(ws.evaluate(0), "policy-has-errors");
      assert.equal(ws.diagnostics().ok, false);
      assertFailure(ws.setDocument("managed/Nope", "{}"), "unknown-document");
      assertFailure(ws.setDocument("nonsense", "{}"), "invalid-argument");
    } finally {
      ws.free();
    }
  });

  test("a workspace that cannot be read gives a handle that says why", () => {
    const ws = api.Workspace.load('{"users": [');
    const { ok, problems } = ws.diagnostics();
    assert.equal(ok, false);
    assert.equal(problems[0].code, "json-syntax");
    assertFailure(ws.evaluate(0), "json-syntax");
    assert.deepEqual(ws.documents(), []);
    ws.free();
  });
});

describe("validate", () => {
  // reference_policies_elements_condition_operators.md: the operator is `StringEquals`.
  const broken = [
    "{",
    '  "Version": "2012-10-17",',
    '  "Statement": [{',
    '    "Effect": "Allow",',
    '    "Action": "s3:GetObject",',
    '    "Resource": "arn:aws:s3:::bucket/*",',
    '    "Condition": { "StringEqual": { "aws:username": "alice" } }',
    "  }]",
    "}",
  ].join("\n");

  test("a broken policy gives an error object with its line and column", () => {
    const result = api.validate(broken);
    assertFailure(result, "unknown-operator");
    const [problem] = result.problems;
    assert.equal(problem.message, "unknown condition operator `StringEqual`");
    assert.equal(problem.source, "policy");
    assert.deepEqual([problem.line, problem.column, problem.end_line, problem.end_column], [7, 20, 7, 33]);
    assert.match(problem.help, /StringEquals/);
  });

  test("a JSON syntax error points at where the text breaks off", () => {
    const result = api.validate('{"Version": "2012-10-17", "Statement": [');
    assertFailure(result, "json-syntax");
    assert.equal(result.problems[0].line, 1);
    assert.equal(result.problems[0].column, 41);
  });

  test("a valid policy is ok, and an object works like its text", () => {
    const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" }] };
    assert.deepEqual(api.validate(JSON.stringify(policy)), { ok: true, problems: [] });
    assert.deepEqual(api.validate(policy), { ok: true, problems: [] });
    assert.equal(api.validate(policy, "identity").ok, true);
  });

  test("the policy kind changes the rules: a resource-based policy needs a Principal", () => {
    // reference_policies_elements_principal.md: resource-based policies must name a Principal.
    const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" }] };
    assertFailure(api.validate(policy, "resource"));
  });
});

describe("nothing throws", () => {
  const circular = {};
  circular.self = circular;
  const odd = [undefined, null, 42, true, 10n, Symbol("s"), () => 1, circular, [], "", "{", { toJSON() { throw new Error("no"); } }];

  test("validate returns an error object for any argument", () => {
    for (const value of odd) assertFailure(api.validate(value));
    assertFailure(api.validate("{}", "bogus"), "invalid-kind");
    assertFailure(api.validate("{}", 7), "invalid-kind");
  });

  test("evaluate and explain return error objects for any workspace or request", async () => {
    const workspace = await seedWorkspace();
    for (const fn of [api.evaluate, api.explain]) {
      for (const value of odd) assertFailure(fn(value, 0));
      for (const value of [undefined, -1, 1.5, 14, NaN, Infinity, 10n, Symbol("s"), circular, "{", {}, { principal: "nobody", action: "s3:GetObject" }]) {
        assertFailure(fn(workspace, value));
      }
    }
    assertFailure(api.evaluate(workspace, 14), "unknown-request");
    // evaluate lists errors first.
    const broken = api.evaluate({ users: [{ name: "alice", nmae: "x" }], requests: [{}] }, 0);
    assertFailure(broken);
    assert.equal(broken.problems[0].severity, "error");
    assertFailure(api.evaluate(circular, 0), "not-json");
    assertFailure(api.evaluate(workspace, { principal: "nobody", action: "s3:GetObject" }), "unknown-user");
  });

  test("expandAction returns an error object for a non-string pattern", () => {
    for (const value of [undefined, null, 42, {}, Symbol("s")]) assertFailure(api.expandAction(value), "invalid-argument");
  });
});

describe("problems in a workspace", () => {
  test("an error in a policy written inline is placed in the workspace text", () => {
    const workspace = [
      "{",
      '  "policies": [{',
      '    "name": "Broken",',
      '    "document": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Acton": "s3:*", "Resource": "*" }] }',
      "  }],",
      '  "users": [{ "name": "alice", "managedPolicies": ["Broken"] }]',
      "}",
    ].join("\n");
    const result = api.evaluate(workspace, { principal: "alice", action: "s3:GetObject" });
    assertFailure(result, "policy-has-errors");
    const problem = result.problems.find((p) => p.code === "unknown-element");
    assert.ok(problem, JSON.stringify(result.problems));
    assert.equal(problem.policy, "Broken");
    assert.equal(problem.source, "workspace");
    assert.equal(problem.line, 4);
    assert.equal(problem.column, workspace.split("\n")[3].indexOf('"Acton"') + 1);
    assert.equal(problem.end_column, problem.column + '"Acton"'.length);
  });

  test("an error in a workspace file is placed at its key", () => {
    const result = api.evaluate('{\n  "users": [{ "nmae": "alice" }]\n}', 0);
    assertFailure(result);
    const problem = result.problems.find((p) => p.code === "unknown-key");
    assert.deepEqual([problem.source, problem.line, problem.column], ["workspace", 2, 15]);
  });
});

describe("expandAction", () => {
  test("expands a pattern from the catalog, or says the build has none", () => {
    const result = api.expandAction("iam:Get*");
    if (api.hasCatalog()) {
      assert.equal(result.ok, true);
      assert.ok(result.actions.includes("iam:GetUser"));
      assert.ok(result.actions.every((a) => a.toLowerCase().startsWith("iam:get")));
      assert.deepEqual(api.expandAction("IAM:getuser").actions, ["iam:GetUser"]);
      const none = api.expandAction("nosuchservice:*");
      assert.deepEqual(none.actions, []);
      assert.equal(none.problems[0].code, "no-matching-action");
    } else {
      assertFailure(result, "no-catalog");
      assert.match(result.problems[0].message, /`iam:Get\*`/);
    }
  });
});

describe("importFile", () => {
  test("reads a CloudFormation template into a workspace, with its placeholders, or says the build has none", async () => {
    const text = await readFile(join(root, "tests", "fixtures", "iac", "reports-stack.yaml"), "utf8");
    const result = api.importFile(text, { fileName: "reports-stack.yaml" });
    if (!api.hasCatalog()) {
      assertFailure(result, "no-catalog");
      return;
    }
    assert.equal(result.ok, true, JSON.stringify(result.problems));
    assert.equal(result.format, "a CloudFormation template (YAML)");
    assert.ok(result.placeholders.length > 0);
    assert.ok(result.placeholders.every((n) => n.line >= 1 && n.column >= 1));
    const ws = api.Workspace.load(result.workspace);
    assert.ok(ws.documents().some((d) => d.kind !== undefined));
    ws.free();
  });

  test("a malformed template is a failure at its line and column, never a throw", () => {
    if (!api.hasCatalog()) return;
    const result = api.importFile("Resources:\n  A: [unclosed\n", { fileName: "bad.yaml" });
    assert.equal(result.ok, false);
    assert.equal(result.problems[0].source, "file");
    assert.ok(result.problems[0].line >= 1);
    assertFailure(api.importFile(42), "invalid-argument");
  });
});

test("version is the package's", async () => {
  const pkg = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8"));
  assert.equal(api.version(), pkg.version);
});
