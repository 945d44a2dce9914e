//! The answer of `Workspace.evaluate` in its common case (no problem and
//! no request finding to list), handed to JavaScript as numbers and UTF-8
//! text instead of JSON: `evaluated.js` builds the same plain object from
//! them. Writing JSON in Rust and parsing it in JavaScript costs several
//! times the evaluation itself; these numbers and bytes are read in place
//! from the WebAssembly memory.
//!
//! Strings go through a table that both sides keep ([`StringTable`] here,
//! `strings` in `evaluated.js`): a string sent once (a policy's name, a
//! Sid, a summary asked again) is sent again as its number alone, so the
//! common repeated answer decodes no text at all. The table is bounded;
//! past its budget both sides empty it.
//!
//! The layout (every entry one `u32`): whether the table was emptied
//! first (0 or 1), decision, summary, the deciding statements (their
//! count, then each reference), the overridden ones likewise, whether a
//! policy type blocked (0 or 1, then its type, level or [`NONE`],
//! reason), the missing context keys (their count, then each key). A
//! reference is its policy, policy name, policy type, statement, Sid or
//! [`NONE`], effect, and its place: span start and end, start line and
//! column, end line and column. A string is its number in the table; a
//! number the table did not have yet is followed by the string's length
//! in UTF-16 code units, and its text is the next in the text, where new
//! strings follow each other in order. Enumerations are numbered as
//! `evaluated.js` names them; `tests/js/api.test.mjs` checks that both
//! ways give equal answers.

use std::cell::{Cell, RefCell};

use iamplay_core::eval::Verdict;
use iamplay_core::policy::Effect;
use iamplay_core::response::{Decision, PolicyType, StatementRef};
use wasm_bindgen::prelude::*;

/// An absent optional string.
const NONE: u32 = u32::MAX;

/// How many strings the table keeps before it is emptied.
const TABLE_STRINGS: usize = 4096;

/// How many bytes of text the table keeps before it is emptied.
const TABLE_BYTES: usize = 1 << 20;

#[wasm_bindgen(module = "/src/evaluated.js")]
extern "C" {
    /// Gives `evaluated.js` the WebAssembly memory it reads answers from.
    #[wasm_bindgen(js_name = useMemory)]
    fn use_memory(memory: JsValue);

    /// The plain object of an `evaluate` answer, from its numbers (at
    /// byte `numbers` of the memory; the layout says where they end) and
    /// the UTF-8 text of its new strings (`length` bytes at byte `text`).
    fn evaluated(numbers: usize, text: usize, length: usize) -> JsValue;
}

/// The strings JavaScript has already been sent, by their number there.
///
/// Found again through a direct-mapped index rather than a hash map: a
/// string's hash picks one of [`SLOTS`] slots, which remembers the last
/// string that took it. A string whose slot holds another one is sent
/// again under a new number (and takes the slot), so a collision costs a
/// resend, never a wrong string, and each lookup is one hash and one
/// comparison.
struct StringTable {
    /// The strings by number.
    strings: Vec<String>,
    /// Each slot's string by number, or [`NONE`].
    slots: Vec<u32>,
    /// The bytes of every string in `strings`.
    bytes: usize,
}

/// How many slots the table's index has: `1 << SLOT_BITS`.
const SLOTS: usize = 1 << SLOT_BITS;
const SLOT_BITS: u32 = 12;

impl Default for StringTable {
    fn default() -> Self {
        StringTable {
            strings: Vec::new(),
            slots: vec![NONE; SLOTS],
            bytes: 0,
        }
    }
}

impl StringTable {
    /// Whether the table has reached its budget.
    fn is_full(&self) -> bool {
        self.strings.len() >= TABLE_STRINGS || self.bytes >= TABLE_BYTES
    }

    /// `text`'s number, if JavaScript has it; else the number it gets,
    /// as `Err`.
    fn number(&mut self, text: &str) -> Result<u32, u32> {
        // The hash's top bits, the best mixed.
        let slot = usize::try_from(hash(text) >> (64 - SLOT_BITS)).unwrap_or_default();
        let known = self.slots.get(slot).copied().unwrap_or(NONE);
        let found = usize::try_from(known)
            .ok()
            .and_then(|number| self.strings.get(number));
        if found.is_some_and(|found| same_text(found, text)) {
            return Ok(known);
        }
        let number = u32::try_from(self.strings.len()).unwrap_or(NONE - 1);
        self.strings.push(text.to_owned());
        self.bytes = self.bytes.saturating_add(text.len());
        if let Some(taken) = self.slots.get_mut(slot) {
            *taken = number;
        }
        Err(number)
    }
}

/// A quick hash of `text`, eight bytes at a time (the multiply-and-rotate
/// of rustc's `FxHasher`; the table only needs its strings spread).
fn hash(text: &str) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let step = |hash: u64, word: u64| (hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    let mut hash = 0;
    let mut rest = text.as_bytes();
    while let Some((word, tail)) = rest.split_first_chunk::<8>() {
        hash = step(hash, u64::from_le_bytes(*word));
        rest = tail;
    }
    for &byte in rest {
        hash = step(hash, u64::from(byte));
    }
    hash
}

/// Whether `a` and `b` are the same text, compared eight bytes at a time:
/// the wasm target's `memcmp` compares one byte at a time, and a string
/// found again (a summary of a hundred bytes or more) is compared whole.
fn same_text(a: &str, b: &str) -> bool {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    while let (Some((x, a_tail)), Some((y, b_tail))) =
        (a.split_first_chunk::<8>(), b.split_first_chunk::<8>())
    {
        if u64::from_ne_bytes(*x) != u64::from_ne_bytes(*y) {
            return false;
        }
        (a, b) = (a_tail, b_tail);
    }
    a == b
}

/// The buffers an answer is written to, kept between calls.
#[derive(Default)]
struct Wire {
    numbers: Vec<u32>,
    /// The text of the strings this answer sends for the first time.
    text: String,
    table: StringTable,
}

thread_local! {
    static WIRE: RefCell<Wire> = RefCell::new(Wire::default());
    static MEMORY_GIVEN: Cell<bool> = const { Cell::new(false) };
}

/// `verdict` as the plain object `evaluate` returns, with no problems
/// and no request findings (the caller has checked there are none).
pub fn to_js(verdict: &Verdict) -> JsValue {
    if !MEMORY_GIVEN.replace(true) {
        use_memory(wasm_bindgen::memory());
    }
    WIRE.with(|wire| {
        let mut wire = wire.borrow_mut();
        wire.write(verdict);
        evaluated(
            wire.numbers.as_ptr() as usize,
            wire.text.as_ptr() as usize,
            wire.text.len(),
        )
    })
}

impl Wire {
    fn write(&mut self, verdict: &Verdict) {
        self.numbers.clear();
        self.text.clear();
        // Emptied before an answer, never during one: an answer adds a few
        // dozen strings at most, so the table passes its budget by no more.
        let emptied = self.table.is_full();
        if emptied {
            self.table = StringTable::default();
        }
        self.numbers.push(u32::from(emptied));
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

    /// `text` by its number in the table, with its length and text when
    /// the table did not have it yet.
    fn string(&mut self, text: &str) {
        match self.table.number(text) {
            Ok(number) => self.numbers.push(number),
            Err(number) => {
                self.numbers.extend([number, utf16_len(text)]);
                self.text.push_str(text);
            }
        }
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
    use super::{SLOT_BITS, StringTable, TABLE_STRINGS, hash, same_text, utf16_len};

    #[test]
    fn a_string_sent_once_is_found_again_by_its_number() {
        let mut table = StringTable::default();
        assert_eq!(table.number("Force_MFA"), Err(0));
        assert_eq!(table.number("AmazonEC2FullAccess"), Err(1));
        assert_eq!(table.number("Force_MFA"), Ok(0));
        assert_eq!(table.number("AmazonEC2FullAccess"), Ok(1));
    }

    #[test]
    fn a_string_whose_slot_another_holds_is_sent_again() {
        let slot = |text: &str| hash(text) >> (64 - SLOT_BITS);
        let names: Vec<String> = (0..10_000).map(|i| format!("statement {i}")).collect();
        let (first, second) = names
            .iter()
            .enumerate()
            .find_map(|(i, a)| {
                names[..i]
                    .iter()
                    .find(|b| slot(b) == slot(a))
                    .map(|b| (b, a))
            })
            .expect("two of 10,000 names share one of 4,096 slots");
        let mut table = StringTable::default();
        assert_eq!(table.number(first), Err(0));
        assert_eq!(
            table.number(second),
            Err(1),
            "a different string, never the first's number"
        );
        assert_eq!(table.number(second), Ok(1));
        assert_eq!(table.number(first), Err(2), "sent again under a new number");
    }

    #[test]
    fn the_table_is_full_at_its_budget() {
        let mut table = StringTable::default();
        for i in 0..TABLE_STRINGS {
            assert!(!table.is_full());
            let _ = table.number(&i.to_string());
        }
        assert!(table.is_full());
        let mut long = StringTable::default();
        let _ = long.number(&"x".repeat(super::TABLE_BYTES));
        assert!(long.is_full());
    }

    #[test]
    fn texts_are_the_same_only_byte_for_byte() {
        let long = "Explicitly denied by Force_MFA › DoNotAllowAnythingOtherThanAboveUnlessMFAd";
        for (a, b, same) in [
            ("", "", true),
            ("abc", "abc", true),
            ("abc", "abd", false),
            ("abc", "abcd", false),
            ("12345678", "12345678", true),
            ("12345678", "12345679", false),
            ("123456781", "123456782", false),
            (long, long, true),
        ] {
            assert_eq!(same_text(a, b), same, "{a:?} {b:?}");
        }
        let other = long.replacen('F', "f", 1);
        assert!(!same_text(long, &other), "a difference in a middle word");
        let tail = format!("{}!", &long[..long.len() - 1]);
        assert!(!same_text(long, &tail), "a difference in the remainder");
    }

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
