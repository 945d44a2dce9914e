// The result of `Workspace.evaluate` when it has no problems or request
// findings to list, built here from the numbers and the UTF-8 text that
// `crates/js/src/wire.rs` writes in the WebAssembly memory (its header
// describes the layout and the string table). The object is the one the
// JSON path gives, field for field and in the same order;
// `tests/js/api.test.mjs` compares the two.

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

/** The WebAssembly memory, given once by `useMemory`. */
let memory = null;
/**
 * The memory as words, made again when the memory grows: growing it
 * detaches the old buffer, whose views then have no bytes.
 */
let words = new Uint32Array(0);
/** The strings Rust has sent, by their number (Rust's `StringTable`). */
const strings = [];

export function useMemory(wasmMemory) {
  memory = wasmMemory;
  words = new Uint32Array(0);
}

/** Where the answer being read is: its next word, and its next new string's start in `text`. */
let at = 0;
let cursor = 0;
let text = "";

/** The next string: a number the table has, or a new one with its length. */
function string() {
  const number = words[at++];
  if (number < strings.length) return strings[number];
  const end = cursor + words[at++];
  const value = text.substring(cursor, end);
  cursor = end;
  strings.push(value);
  return value;
}

/** The next string, or null where Rust wrote none. */
function optional() {
  if (words[at] === NONE) {
    at++;
    return null;
  }
  return string();
}

/** The next list of statement references (deciding or overridden). */
function references() {
  const out = [];
  for (let n = words[at++]; n > 0; n--) {
    const policy = words[at++];
    const policy_name = string();
    const policy_type = POLICY_TYPES[words[at++]];
    const statement = words[at++];
    const sid = optional();
    const effect = EFFECTS[words[at++]];
    out.push({
      policy,
      policy_name,
      policy_type,
      statement,
      sid,
      effect,
      loc: {
        span: { start: words[at], end: words[at + 1] },
        start: { line: words[at + 2], column: words[at + 3] },
        end: { line: words[at + 4], column: words[at + 5] },
      },
    });
    at += 6;
  }
  return out;
}

export function evaluated(numbersAt, textAt, textLength) {
  if (words.byteLength === 0) words = new Uint32Array(memory.buffer);
  // The module-level readers above, rather than closures made per call.
  text = textLength === 0 ? "" : DECODER.decode(new Uint8Array(memory.buffer, textAt, textLength));
  cursor = 0;
  at = numbersAt >>> 2;
  if (words[at++] === 1) strings.length = 0;
  const decision = DECISIONS[words[at++]];
  const summary = string();
  const deciding = references();
  const overridden = references();
  let blocked_by = null;
  if (words[at++] === 1) {
    const policy_type = POLICY_TYPES[words[at++]];
    const level = optional();
    const reason = string();
    blocked_by = level === null ? { policy_type, reason } : { policy_type, level, reason };
  }
  const missing_context_keys = [];
  for (let n = words[at++]; n > 0; n--) {
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
