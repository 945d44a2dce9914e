//! The answer of `Workspace.evaluate` in its common case (no problem and
//! no request finding to list), handed to JavaScript as numbers and one
//! UTF-8 text instead of JSON: `evaluated.js` builds the same plain object
//! from them. Writing JSON in Rust and parsing it in JavaScript costs
//! several times the evaluation itself; these numbers and bytes are read
//! in place from the WebAssembly memory and the text is decoded once.
//!
//! The layout (every entry one `u32`; a string is its start and length in
//! UTF-16 code units in the decoded text, where the strings follow each
//! other in order):
//! decision, summary, the deciding statements (their count, then each
//! reference), the overridden ones likewise, whether a policy type
//! blocked (0 or 1, then its type, level or [`NONE`], reason), the
//! missing context keys (their count, then each key). A reference is its
//! policy, policy name, policy type, statement, Sid or [`NONE`], effect,
//! and its place: span start and end, start line and column, end line
//! and column. Enumerations are numbered as `evaluated.js` names them;
//! `tests/js/api.test.mjs` checks that both ways give equal answers.

use std::cell::RefCell;

use iamplay_core::eval::Verdict;
use iamplay_core::policy::Effect;
use iamplay_core::response::{Decision, PolicyType, StatementRef};
use wasm_bindgen::prelude::*;

/// An absent optional string.
const NONE: u32 = u32::MAX;

#[wasm_bindgen(module = "/src/evaluated.js")]
extern "C" {
    /// The plain object of an `evaluate` answer, from its numbers and the
    /// UTF-8 bytes of its text.
    fn evaluated(numbers: &[u32], text: &[u8]) -> JsValue;
}

/// The buffers an answer is written to, kept between calls.
#[derive(Default)]
struct Wire {
    numbers: Vec<u32>,
    text: String,
    /// The length of `text` in UTF-16 code units.
    text_units: u32,
}

thread_local! {
    static WIRE: RefCell<Wire> = RefCell::new(Wire::default());
}

/// `verdict` as the plain object `evaluate` returns, with no problems
/// and no request findings (the caller has checked there are none).
pub fn to_js(verdict: &Verdict) -> JsValue {
    WIRE.with(|wire| {
        let mut wire = wire.borrow_mut();
        wire.numbers.clear();
        wire.text.clear();
        wire.text_units = 0;
        wire.write(verdict);
        evaluated(&wire.numbers, wire.text.as_bytes())
    })
}

impl Wire {
    fn write(&mut self, verdict: &Verdict) {
        self.numbers.push(decision_code(verdict.decision));
        self.string(&verdict.summary);
        self.references(&verdict.deciding);
        self.references(&verdict.overridden);
        match &verdict.blocked_by {
            None => self.numbers.push(0),
            Some(blocked) => {
                self.numbers.push(1);
                self.numbers.push(policy_type_code(blocked.policy_type));
                self.optional(blocked.level.as_deref());
                self.string(&blocked.reason);
            }
        }
        self.number(verdict.missing_context_keys.len());
        for key in &verdict.missing_context_keys {
            self.string(key);
        }
    }

    fn references(&mut self, references: &[StatementRef]) {
        self.number(references.len());
        for reference in references {
            self.number(reference.policy);
            self.string(&reference.policy_name);
            self.numbers.push(policy_type_code(reference.policy_type));
            self.number(reference.statement);
            self.optional(reference.sid.as_deref());
            self.numbers.push(match reference.effect {
                Effect::Allow => 0,
                Effect::Deny => 1,
            });
            let loc = reference.loc;
            self.numbers.extend([
                loc.span.start,
                loc.span.end,
                loc.start.line,
                loc.start.column,
                loc.end.line,
                loc.end.column,
            ]);
        }
    }

    /// A count or an index (no answer holds four thousand million).
    fn number(&mut self, n: usize) {
        self.numbers.push(u32::try_from(n).unwrap_or(NONE - 1));
    }

    fn string(&mut self, text: &str) {
        let units = utf16_len(text);
        self.numbers.extend([self.text_units, units]);
        self.text.push_str(text);
        self.text_units = self.text_units.saturating_add(units);
    }

    fn optional(&mut self, text: Option<&str>) {
        match text {
            Some(text) => self.string(text),
            None => self.numbers.push(NONE),
        }
    }
}

/// The decision's number: its place in `evaluated.js`'s `DECISIONS`.
fn decision_code(decision: Decision) -> u32 {
    match decision {
        Decision::Allowed => 0,
        Decision::ExplicitDeny => 1,
        Decision::ImplicitDeny => 2,
    }
}

/// The policy type's number: its place in `evaluated.js`'s `POLICY_TYPES`.
fn policy_type_code(policy_type: PolicyType) -> u32 {
    match policy_type {
        PolicyType::ServiceControlPolicy => 0,
        PolicyType::ResourceControlPolicy => 1,
        PolicyType::VpcEndpoint => 2,
        PolicyType::ResourceBased => 3,
        PolicyType::IdentityBased => 4,
        PolicyType::PermissionsBoundary => 5,
        PolicyType::SessionPolicy => 6,
    }
}

/// The length of `text` in UTF-16 code units: one for each character,
/// two for those beyond the Basic Multilingual Plane (four bytes in
/// UTF-8), counted from the bytes without decoding them.
fn utf16_len(text: &str) -> u32 {
    let units = text
        .bytes()
        .map(|b| match b {
            0x80..=0xBF => 0,
            0xF0..=0xFF => 2,
            _ => 1,
        })
        .sum::<usize>();
    u32::try_from(units).unwrap_or(NONE - 1)
}

#[cfg(test)]
mod tests {
    use super::utf16_len;

    #[test]
    fn utf16_lengths_count_code_units() {
        for text in [
            "",
            "Force_MFA",
            "A › B — C",
            "zoë",
            "😀",
            "a😀b€",
            "\u{10FFFF}",
        ] {
            assert_eq!(
                utf16_len(text) as usize,
                text.encode_utf16().count(),
                "{text}"
            );
        }
    }
}
