//! The TypeScript declarations of the arguments and results, added to the
//! generated `.d.ts` next to the functions' signatures.
//!
//! The result types mirror the serde form of `iamplay_core::response`
//! (`crates/core/src/response.rs`): keys in snake_case, exactly as
//! `iamplay eval --format json` prints a response. Core's `Response` is
//! `Explanation` here: a `Response` would hide the fetch API's, which the
//! generated `init` takes.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const RESULTS: &'static str = r#"
/** How serious a problem is; only `error` makes a result's `ok` false. */
export type Severity = "error" | "security_warning" | "warning" | "suggestion";

/**
 * The text a problem's `line` and `column` count in:
 * - `policy`: the policy given to `validate`;
 * - `workspace`: the workspace given to `evaluate`, `explain` or `Workspace.load`;
 * - `request`: the request given to `evaluate` or `explain`;
 * - `document`: the text of the document named by `document` (a document
 *   written as a string, a text set with `setDocument`, or an AWS managed
 *   policy from the catalog);
 * - `arguments`: no text; the problem is with an argument as a whole (1:1).
 *
 * An argument given as an object is read as `JSON.stringify(value, null, 2)`.
 */
export type ProblemSource = "policy" | "workspace" | "request" | "document" | "file" | "arguments";

/** A parse error, a lint finding, or a problem with the arguments. */
export interface Problem {
  severity: Severity;
  /** A stable kebab-case identifier, e.g. `"unknown-element"`. */
  code: string;
  /** What is wrong: lowercase, no final period, user input in backticks. */
  message: string;
  /** Line of the first character, from 1. */
  line: number;
  /** Column of the first character, from 1, in UTF-16 code units. */
  column: number;
  /** Line just past the last character. */
  end_line: number;
  /** Column just past the last character. */
  end_column: number;
  /** How to fix it, when there is a hint. */
  help?: string;
  /** The text `line` and `column` count in. */
  source: ProblemSource;
  /** The name of the policy the problem is in, inside a workspace. */
  policy?: string;
  /** The id of the document the problem is in, inside a workspace, as `setDocument` takes it. */
  document?: DocumentId;
}

/**
 * A document of a workspace, by name: `managed/P`, `aws/ARN`, `group/G/P`,
 * `user/U/P`, `role/R/P` (inline policies), `trust/R`, `org/P`,
 * `resource/N`, `endpoint/ID` (a VPC endpoint's policy), `request/N/session`, `request/N/policy/M` (`given` for
 * N: a request given on its own). `%` in a name is written `%25`, `/` `%2F`.
 */
export type DocumentId = string;

/** A call that could not be answered; `problems` holds at least one `error`, errors first. */
export interface Failure {
  ok: false;
  problems: Problem[];
}

/** `validate`'s answer: `ok` is false when any problem is an `error`. */
export interface ValidateResult {
  ok: boolean;
  problems: Problem[];
}

/**
 * `evaluate`'s answer. `problems` of a successful answer: from the one-shot
 * `evaluate`, the workspace's warnings and errors in policies that do not
 * apply to this request, and the given request's own; from a `Workspace`
 * handle, the given request's own alone (the workspace's are in
 * `diagnostics()`). A failure from a handle lists the problems of the
 * policy that kept the request from being answered.
 */
export type EvaluateResult =
  | {
      ok: true;
      decision: Decision;
      summary: string;
      deciding: StatementRef[];
      overridden: StatementRef[];
      blocked_by: Blocked | null;
      missing_context_keys: string[];
      /**
       * Problems of the request itself, beside the decision (an action AWS
       * does not have, a context key nothing defines, a value of the wrong
       * type, a resource the action never acts on), with a "did you mean"
       * in `help` where there is one; the decision does not depend on them.
       */
      request_findings: Problem[];
      problems: Problem[];
    }
  | Failure;

/** `authorize`'s answer: the decision alone (`problems` as `evaluate`'s from a handle). */
export type AuthorizeResult = { ok: true; decision: Decision; problems: Problem[] } | Failure;

/** `explain`'s answer: the full response with every trace, and what would change the decision. */
export type ExplainResult =
  | {
      ok: true;
      response: Explanation;
      counterfactuals: Counterfactuals;
      request_findings: Problem[];
      problems: Problem[];
    }
  | Failure;

/** Something `importFile` left out or could not resolve, at its line and column in the file when known. */
export interface ImportNote {
  message: string;
  line?: number;
  column?: number;
}

/** `importFile`'s answer: `workspace` is a workspace file's text, for `Workspace.load`. */
export type ImportResult =
  | {
      ok: true;
      /** What the file was read as, e.g. "a CloudFormation template (YAML)". */
      format: string;
      workspace: string;
      skipped: ImportNote[];
      placeholders: ImportNote[];
      problems: Problem[];
    }
  | Failure;

/** `importFile`'s options. */
export interface ImportOptions {
  /** The file's name: tells YAML from JSON, and names the stack. */
  fileName?: string;
  /** The account of the imported entities (`AWS::AccountId`). */
  account?: string;
  /** The region (`AWS::Region`). */
  region?: string;
}

/** `expandAction`'s answer: `service:Action` names, sorted. */
export type ExpandActionResult = { ok: true; actions: string[]; problems: Problem[] } | Failure;

/** `diagnostics()`'s answer: `ok` is false when any problem is an `error` or the workspace did not load. */
export interface DiagnosticsResult {
  ok: boolean;
  problems: Problem[];
}

/**
 * `setDocument`'s answer: `ok: true` when the text was set; `problems` are
 * then the document's, in its new text (errors included: a text that does
 * not parse is kept, and requests it applies to fail until it is fixed).
 */
export type SetDocumentResult = { ok: true; problems: Problem[] } | Failure;

/** One document of a workspace, as `documents()` lists it. */
export interface DocumentInfo {
  /** What `setDocument` takes. */
  id: DocumentId;
  /** The policy's name as people see it, e.g. `Force_MFA`, `ROLE trust policy`. */
  name: string;
  kind: PolicyKind;
  /** An AWS managed policy from the catalog: `setDocument` refuses it. */
  read_only: boolean;
  /** Whether it has errors (then requests it applies to are not answered). */
  has_errors: boolean;
  /** Its text as last set. */
  text: string | null;
}

/** AWS's three outcomes. */
export type Decision = "Allowed" | "ExplicitDeny" | "ImplicitDeny";

export type Effect = "Allow" | "Deny";

/** The kinds of policy AWS evaluates. */
export type PolicyType =
  | "service_control_policy"
  | "resource_control_policy"
  | "vpc_endpoint"
  | "resource_based"
  | "identity_based"
  | "permissions_boundary"
  | "session_policy";

/** A 1-based line and a column in UTF-16 code units. */
export interface Position {
  line: number;
  column: number;
}

/** Where an element is in its policy's text: a byte range and its positions. */
export interface Loc {
  span: { start: number; end: number };
  start: Position;
  end: Position;
}

/** One statement of one consulted policy. */
export interface StatementRef {
  /** Index into `explain`'s `response.policies`. */
  policy: number;
  policy_name: string;
  policy_type: PolicyType;
  /** The statement's index in its policy, from 0. */
  statement: number;
  sid: string | null;
  effect: Effect;
  loc: Loc;
}

/** Why an otherwise allowed request was blocked. */
export interface Blocked {
  policy_type: PolicyType;
  /** For SCPs and RCPs, the level that gave no allow. */
  level?: string;
  reason: string;
}

/** One entry of a policy element, as written. */
export interface EntryTrace {
  text: string;
  loc: Loc;
}

/** How one element (Action, Resource, Principal or their Not forms) fared. */
export interface ElementTrace {
  element: "Action" | "NotAction" | "Resource" | "NotResource" | "Principal" | "NotPrincipal";
  satisfied: boolean;
  matched_entry: EntryTrace | null;
  /** Entries with a policy variable that had no value in the request. */
  unresolved?: EntryTrace[];
  detail: string;
  loc: Loc;
}

/** What decided a condition clause beyond the plain comparison. */
export type ClauseNote =
  | "compared"
  | "key_missing"
  | "if_exists_missing"
  | "null_check"
  | "for_all_values_empty"
  | "for_any_value_empty"
  | "invalid_policy_value"
  | "unresolved_variable"
  | "invalid_request_value";

/** How one condition clause fared. */
export interface ConditionTrace {
  /** As written, e.g. `ForAnyValue:StringLike`. */
  operator: string;
  key: string;
  /** The request's values for the key; `null` when absent. */
  request_values: string[] | null;
  /** The policy's values after policy-variable substitution. */
  policy_values: string[];
  holds: boolean;
  note: ClauseNote;
  operator_loc: Loc;
  loc: Loc;
}

/** The role a statement played in the decision. */
export type StatementRole = "not_applicable" | "deciding" | "overridden" | "applies";

/** How one statement fared. */
export interface StatementTrace {
  /** Index in its policy, from 0. */
  index: number;
  sid: string | null;
  effect: Effect;
  applies: boolean;
  role: StatementRole;
  /**
   * Whether an element did not match, so the elements after it (in the order
   * Action, Resource, Principal, Condition) were not checked: `resource` and
   * `principal` are then `null` and `conditions` empty.
   */
  unchecked: boolean;
  action: ElementTrace;
  resource: ElementTrace | null;
  principal: ElementTrace | null;
  conditions: ConditionTrace[];
  reason: string;
  loc: Loc;
}

/** How one consulted policy fared; locations count in its own text. */
export interface PolicyTrace {
  name: string;
  policy_type: PolicyType;
  /** Where it comes from, e.g. "attached to group `Force_MFA`". */
  attachment: string;
  /** For SCPs and RCPs, the organization level. */
  level?: string;
  /** The document it is, e.g. `managed/Force_MFA`, `group/Admins/inline`, `aws/ARN`; absent for built-in policies (`FullAWSAccess`). */
  id?: DocumentId;
  /** Whether AWS attaches it implicitly (`RCPFullAWSAccess`). */
  implicit: boolean;
  statements: StatementTrace[];
}

/** The steps of AWS's evaluation flow. */
export type StepKind =
  | "permission_not_required"
  | "explicit_deny_check"
  | "service_control_policies"
  | "resource_control_policies"
  | "vpc_endpoint_policy"
  | "resource_based_policy"
  | "identity_based_policies"
  | "permissions_boundary"
  | "session_policy";

export type StepOutcome =
  | "not_present"
  | "continue"
  | "allow"
  | "explicit_deny"
  | "implicit_deny"
  | "not_reached";

/** One step of the evaluation path. */
export interface Step {
  kind: StepKind;
  outcome: StepOutcome;
  /** Indexes into `Explanation.policies`. */
  policies: number[];
  note: string;
}

/** A context key of the evaluated request. */
export interface ContextKeyTrace {
  key: string;
  values: string[];
  /** Whether it was filled in from the principal rather than given. */
  derived: boolean;
}

/** A context key set to a value by a counterfactual. */
export interface KeySetting {
  key: string;
  value: ContextValue;
}

/** One statement of a workspace document. */
export interface StatementAt {
  document: DocumentId;
  /** Its index in the document, from 0. */
  statement: number;
  /** `Policy › Sid` or `Policy › statement N`. */
  label: string;
}

/** A managed policy attached to a user, group or role of the workspace. */
export interface Attachment {
  /** The policy (`aws/ARN` for an AWS managed policy). */
  document: DocumentId;
  entity: "user" | "group" | "role";
  /** The user's, group's or role's name. */
  name: string;
  /** The policy as the entity lists it: its name or ARN. */
  listed: string;
}

/** What a counterfactual changes. */
export type Change =
  /** The request's context keys: some set, some removed. */
  | { kind: "context"; set: KeySetting[]; remove: string[] }
  /** Statements removed; documents left without any are deleted (`deleted`). */
  | { kind: "remove_statements"; statements: StatementAt[]; deleted?: DocumentId[] }
  /** A new inline policy (`user/U/P` or `role/R/P`) of the request's user or role, with its text. */
  | { kind: "add_policy"; document: DocumentId; text: string }
  /** AWS managed policies (which cannot be edited) detached from the request's user, its groups or its role. */
  | { kind: "detach"; attachments: Attachment[] }
  /** The same request made by another user or role of the workspace. */
  | { kind: "principal"; entity: "user" | "role"; name: string }
  /** The same request on another resource the workspace names for its action (its account the workspace's, the ARN's or the caller's). */
  | { kind: "resource"; arn: string };

/** One change that gives the request another decision, verified by evaluating it. */
export interface Counterfactual {
  change: Change;
  /** e.g. "With `aws:MultiFactorAuthPresent` = true and `aws:MultiFactorAuthAge` = 60, this request is allowed by AmazonEC2FullAccess › statement 1." */
  sentence: string;
  /** The decision after the change. */
  decision: Decision;
  /** What decides it after the change (`policy` counts the changed evaluation's policies). */
  deciding: StatementRef[];
  blocked_by: Blocked | null;
}

/** What would change a request's decision. */
export interface Counterfactuals {
  /** The request's decision as it is. */
  decision: Decision;
  /** Context changes first, then policy changes, then other principals, then other resources. */
  list: Counterfactual[];
  /** How many changes were evaluated (at most 32). */
  evaluations: number;
  /** Whether changes were left untried: the evaluations ran out, or more other resources were left than are tried (16). */
  capped: boolean;
}

/**
 * The full answer to one request: `Response` of `crates/core/src/response.rs`
 * (named otherwise here so as not to hide the fetch API's `Response`).
 */
export interface Explanation {
  decision: Decision;
  /** One sentence that says why. */
  summary: string;
  /** Every applicable Deny for an explicit deny; the granting Allows for an allow; empty for an implicit deny. */
  deciding: StatementRef[];
  /** Allows that apply but were overridden by a Deny. */
  overridden: StatementRef[];
  blocked_by: Blocked | null;
  /** Every consulted policy, in evaluation order. */
  policies: PolicyTrace[];
  /** The path through AWS's evaluation flow. */
  steps: Step[];
  /** Context keys a condition asked for that the request lacked. */
  missing_context_keys: string[];
  /** The request's context keys, derived ones included. */
  context: ContextKeyTrace[];
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const ARGUMENTS: &'static str = r#"
/** The kind of policy `validate` checks; `"identity"` when absent. */
export type PolicyKind = "identity" | "resource" | "scp" | "rcp";

/** A policy document: the policy as an object, or its JSON text. */
export type PolicyDocument = string | { Version?: string; Id?: string; Statement: unknown };

/** A context value: one scalar, or an array for a multi-valued key. */
export type ContextValue = string | number | boolean | (string | number | boolean)[];

/** A request (docs/workspace-format.md, "Requests"). */
export interface RequestSpec {
  name?: string;
  /** A user name, an ARN, or an object naming a user, role session, service, root or anonymous caller. */
  principal:
    | string
    | { user: string; groups?: string[] }
    | { role: string; session?: string }
    | { arn: string }
    | { service: string }
    | { root: string }
    | { anonymous: true };
  action: string;
  /** The resource ARN; `"*"` when absent. */
  resource?: string;
  resourceAccount?: string;
  context?: Record<string, ContextValue>;
  sessionPolicy?: PolicyDocument;
  policies?: {
    identity?: PolicyDocument | PolicyDocument[];
    permissionsBoundary?: PolicyDocument;
    resource?: PolicyDocument;
    scps?: (PolicyDocument | PolicyDocument[])[];
    rcps?: (PolicyDocument | PolicyDocument[])[];
  };
  /** The id of the workspace's VPC endpoint the request comes through. */
  vpcEndpoint?: string;
  expect?: Decision | { decision: Decision; deciding?: string[]; blockedBy?: string };
  reference?: string;
}

/** A managed policy of a workspace. */
export interface ManagedPolicy {
  name: string;
  path?: string;
  description?: string;
  document: PolicyDocument;
}

/** An inline policy. */
export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

/**
 * A workspace file (docs/workspace-format.md); `Workspace` is the handle
 * `Workspace.load` returns.
 */
export interface WorkspaceFile {
  format?: "iamplay-workspace";
  version?: 1;
  name?: string;
  description?: string;
  reference?: string;
  account?: string;
  policies?: ManagedPolicy[];
  /** AWS managed policies carried in the workspace; the build without the catalog knows no others. */
  awsManagedPolicies?: ManagedPolicy[];
  groups?: { name: string; path?: string; managedPolicies?: string[]; inlinePolicies?: InlinePolicy[] }[];
  users?: {
    name: string;
    path?: string;
    account?: string;
    groups?: string[];
    managedPolicies?: string[];
    inlinePolicies?: InlinePolicy[];
    permissionsBoundary?: string;
    tags?: Record<string, string>;
    id?: string;
  }[];
  roles?: {
    name: string;
    path?: string;
    account?: string;
    managedPolicies?: string[];
    inlinePolicies?: InlinePolicy[];
    permissionsBoundary?: string;
    tags?: Record<string, string>;
    trustPolicy?: PolicyDocument;
    id?: string;
  }[];
  organization?: {
    accounts?: string[];
    managementAccount?: string;
    policies?: ManagedPolicy[];
    levels?: { name: string; scps?: string[]; rcps?: string[] }[];
  };
  resources?: {
    name?: string;
    arn?: string | string[];
    arns?: string | string[];
    account?: string;
    policy: PolicyDocument;
    policyRequired?: boolean;
  }[];
  /** VPC endpoints; a request through one must be allowed by its policy too. */
  endpoints?: { id: string; vpc?: string; policy?: PolicyDocument }[];
  requests?: RequestSpec[];
}
"#;
