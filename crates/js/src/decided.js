// The result of `Workspace.authorize` when it has no problems to list,
// built here in JavaScript: cheaper than writing it as JSON text in Rust
// and parsing that, which would cost more than the decision itself.
// `code` is the index of the decision, as `crates/js/src/ask.rs` numbers it.

const DECISIONS = ["Allowed", "ExplicitDeny", "ImplicitDeny"];

export function decided(code) {
  return { ok: true, decision: DECISIONS[code], problems: [] };
}
