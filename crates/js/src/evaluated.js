// The result of `Workspace.evaluate` when it has no problems or request
// findings to list, built here from the numbers and the UTF-8 text that
// `crates/js/src/wire.rs` writes (its header describes the layout). The
// object is the one the JSON path gives, field for field and in the same
// order; `tests/js/api.test.mjs` compares the two.

// The text is written by Rust from its strings, so it is valid UTF-8:
// decoded without the check for invalid bytes, which costs more than the
// decoding itself.
const DECODER = new TextDecoder("utf-8", { ignoreBOM: true });

const DECISIONS = ["Allowed", "ExplicitDeny", "ImplicitDeny"];
const POLICY_TYPES = [
  "service_control_policy",
  "resource_control_policy",
  "vpc_endpoint",
  "resource_based",
  "identity_based",
  "permissions_boundary",
  "session_policy",
];
const EFFECTS = ["Allow", "Deny"];
const NONE = 0xffffffff;

export function evaluated(numbers, bytes) {
  const text = DECODER.decode(bytes);
  let at = 0;
  const string = () => {
    const start = numbers[at];
    const end = start + numbers[at + 1];
    at += 2;
    return text.substring(start, end);
  };
  const optional = () => {
    if (numbers[at] === NONE) {
      at++;
      return null;
    }
    return string();
  };
  const references = () => {
    const out = [];
    for (let n = numbers[at++]; n > 0; n--) {
      const policy = numbers[at++];
      const policy_name = string();
      const policy_type = POLICY_TYPES[numbers[at++]];
      const statement = numbers[at++];
      const sid = optional();
      const effect = EFFECTS[numbers[at++]];
      out.push({
        policy,
        policy_name,
        policy_type,
        statement,
        sid,
        effect,
        loc: {
          span: { start: numbers[at], end: numbers[at + 1] },
          start: { line: numbers[at + 2], column: numbers[at + 3] },
          end: { line: numbers[at + 4], column: numbers[at + 5] },
        },
      });
      at += 6;
    }
    return out;
  };
  const decision = DECISIONS[numbers[at++]];
  const summary = string();
  const deciding = references();
  const overridden = references();
  let blocked_by = null;
  if (numbers[at++] === 1) {
    const policy_type = POLICY_TYPES[numbers[at++]];
    const level = optional();
    const reason = string();
    blocked_by = level === null ? { policy_type, reason } : { policy_type, level, reason };
  }
  const missing_context_keys = [];
  for (let n = numbers[at++]; n > 0; n--) {
    missing_context_keys.push(string());
  }
  return {
    ok: true,
    decision,
    summary,
    deciding,
    overridden,
    blocked_by,
    missing_context_keys,
    request_findings: [],
    problems: [],
  };
}
