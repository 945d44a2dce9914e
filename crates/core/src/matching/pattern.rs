//! Wildcard patterns (`*` any run, `?` one character) matched in linear
//! time, without regular expressions or backtracking.

/// One piece of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternPart {
    /// Text that must appear exactly (or ignoring ASCII case).
    Literal(String),
    /// `*`: any run of characters, possibly empty.
    AnyRun,
    /// `?`: exactly one character.
    AnyChar,
}

/// A compiled wildcard pattern. Text from substituted policy variables is
/// pushed as [`PatternPart::Literal`], so it never acts as a wildcard.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pattern {
    /// The parts in order.
    pub parts: Vec<PatternPart>,
}

impl Pattern {
    /// Compiles glob text: `*` and `?` are wildcards, all else literal.
    pub fn glob(text: &str) -> Pattern {
        let _ = text;
        unimplemented!()
    }

    /// Whether `text` matches the whole pattern.
    pub fn matches(&self, text: &str, ignore_ascii_case: bool) -> bool {
        let _ = (text, ignore_ascii_case);
        unimplemented!()
    }
}

/// Whether `text` matches glob `pattern` (`*`, `?`).
pub fn wildcard_match(pattern: &str, text: &str, ignore_ascii_case: bool) -> bool {
    Pattern::glob(pattern).matches(text, ignore_ascii_case)
}

/// Whether an `Action` entry (e.g. `iam:Get*`, `*`) matches the requested
/// action (e.g. `iam:GetUser`). Case-insensitive, as AWS compares actions.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    wildcard_match(pattern, action, true)
}
