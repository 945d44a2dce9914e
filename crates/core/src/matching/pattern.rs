//! Wildcard patterns (`*` any run, `?` one character) matched in linear
//! time, without regular expressions or backtracking.
//!
//! A pattern is a list of *segments* separated by `*`. The first segment
//! must match at the start of the text, the last at the end, and each
//! segment in between at its leftmost position after the previous one
//! (and before the last).
//! Because every segment matches a fixed number of characters, the
//! leftmost placement always leaves the most room for what follows, so no
//! backtracking is ever needed: matching costs O(n·k) for a text of `n`
//! bytes and segments of at most `k` characters, and never allocates.
//!
//! `?` stands for exactly one Unicode scalar value (one `char`), not one
//! byte, so `caf?` matches `café`.

/// One piece of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
///
/// Build one with [`Pattern::glob`] or the `push_*` methods, which merge
/// neighbouring literals and repeated `*`; a hand-built `parts` list that
/// is not merged still matches correctly.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Pattern {
    /// The parts in order.
    pub parts: Vec<PatternPart>,
}

impl Pattern {
    /// An empty pattern, which matches only the empty text.
    pub fn new() -> Pattern {
        Pattern::default()
    }

    /// Compiles glob text: `*` and `?` are wildcards, all else literal.
    pub fn glob(text: &str) -> Pattern {
        let mut pattern = Pattern::new();
        pattern.push_glob(text);
        pattern
    }

    /// A pattern matching exactly `text`: `*` and `?` in it are literal.
    pub fn literal(text: &str) -> Pattern {
        let mut pattern = Pattern::new();
        pattern.push_literal(text);
        pattern
    }

    /// Appends glob text: `*` and `?` become wildcards.
    pub fn push_glob(&mut self, text: &str) {
        let mut rest = text;
        while let Some(at) = rest.find(['*', '?']) {
            let (literal, tail) = rest.split_at(at);
            self.push_literal(literal);
            if tail.starts_with('*') {
                self.push_any_run();
            } else {
                self.push_any_char();
            }
            rest = tail.get(1..).unwrap_or_default();
        }
        self.push_literal(rest);
    }

    /// Appends literal text (merged with a literal just before it).
    pub fn push_literal(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.parts.last_mut() {
            Some(PatternPart::Literal(previous)) => previous.push_str(text),
            _ => self.parts.push(PatternPart::Literal(text.to_owned())),
        }
    }

    /// Appends `*` (a `*` right after another is dropped).
    pub fn push_any_run(&mut self) {
        if self.parts.last() != Some(&PatternPart::AnyRun) {
            self.parts.push(PatternPart::AnyRun);
        }
    }

    /// Appends `?`.
    pub fn push_any_char(&mut self) {
        self.parts.push(PatternPart::AnyChar);
    }

    /// Whether the pattern has any `*` or `?`.
    pub fn has_wildcards(&self) -> bool {
        self.parts
            .iter()
            .any(|p| !matches!(p, PatternPart::Literal(_)))
    }

    /// Whether `text` matches the whole pattern.
    ///
    /// With `ignore_ascii_case`, ASCII letters compare without case; other
    /// characters always compare exactly. Does not allocate.
    pub fn matches(&self, text: &str, ignore_ascii_case: bool) -> bool {
        let is_star = |p: &PatternPart| matches!(p, PatternPart::AnyRun);
        let parts = self.parts.as_slice();
        let (Some(first), Some(last)) = (
            parts.iter().position(is_star),
            parts.iter().rposition(is_star),
        ) else {
            return PartsSegment(parts).match_at(text, 0, ignore_ascii_case) == Some(text.len());
        };
        let head = PartsSegment(parts.get(..first).unwrap_or_default());
        let tail = PartsSegment(parts.get(last + 1..).unwrap_or_default());
        let middle = parts.get(first + 1..last).unwrap_or_default();
        let middles = middle.split(is_star).map(PartsSegment);
        match_starred(head, middles, tail, text, ignore_ascii_case)
    }
}

impl std::fmt::Display for Pattern {
    /// Writes the pattern as glob text; literal `*`, `?` and `$` are
    /// written as the policy variables `${*}`, `${?}` and `${$}`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for part in &self.parts {
            match part {
                PatternPart::AnyRun => f.write_str("*")?,
                PatternPart::AnyChar => f.write_str("?")?,
                PatternPart::Literal(text) => {
                    for c in text.chars() {
                        match c {
                            '*' => f.write_str("${*}")?,
                            '?' => f.write_str("${?}")?,
                            '$' => f.write_str("${$}")?,
                            c => write!(f, "{c}")?,
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// Whether `text` matches glob `pattern` (`*`, `?`). Does not allocate.
pub fn wildcard_match(pattern: &str, text: &str, ignore_ascii_case: bool) -> bool {
    glob_match(pattern.as_bytes(), text, ignore_ascii_case)
}

/// [`wildcard_match`] on the pattern's UTF-8 bytes (which must be whole
/// characters, as in any `&str`).
pub(crate) fn glob_match(pattern: &[u8], text: &str, ignore_case: bool) -> bool {
    // A glob always matches its own text: `*` covers a `*`, `?` a `?`.
    if bytes_equal(pattern, text.as_bytes(), ignore_case) {
        return true;
    }
    let Some(first) = pattern.iter().position(|&b| b == b'*') else {
        return GlobSegment(pattern).match_at(text, 0, ignore_case) == Some(text.len());
    };
    let head = GlobSegment(pattern.get(..first).unwrap_or_default());
    let rest = pattern.get(first + 1..).unwrap_or_default();
    let last = rest.iter().rposition(|&b| b == b'*');
    let (middle, tail) = match last {
        Some(last) => (
            rest.get(..last).unwrap_or_default(),
            rest.get(last + 1..).unwrap_or_default(),
        ),
        None => (&[][..], rest),
    };
    let middles = middle.split(|&b| b == b'*').map(GlobSegment);
    match_starred(head, middles, GlobSegment(tail), text, ignore_case)
}

/// Whether an `Action` entry (e.g. `iam:Get*`, `*`) matches the requested
/// action (e.g. `iam:GetUser`). Case-insensitive, as AWS compares actions
/// (`reference_policies_elements_action.md`: "The prefix and the action
/// name are case insensitive").
pub fn action_matches(pattern: &str, action: &str) -> bool {
    // Compare the literal start directly: most entries differ from the
    // action before their first wildcard, if they have one at all.
    let (p, a) = (pattern.as_bytes(), action.as_bytes());
    for (&x, &y) in p.iter().zip(a) {
        if x == y && x != b'*' && x != b'?' {
            continue;
        }
        if x == b'*' || x == b'?' {
            return glob_match(p, action, true);
        }
        if !same_letter(x, y) {
            return false;
        }
    }
    // One ran out: equal lengths match; a longer pattern matches only
    // through a wildcard (`iam:Get*` against `iam:Get`).
    match p.get(a.len()) {
        None => p.len() == a.len(),
        Some(_) => {
            p.iter().skip(a.len()).any(|&b| b == b'*' || b == b'?') && glob_match(p, action, true)
        }
    }
}

/// Whether `a` and `b` are equal ignoring ASCII case, as
/// `str::eq_ignore_ascii_case` decides (through [`bytes_equal`]): for
/// the lookups made for every statement (context keys by name).
pub(crate) fn eq_ignore_case(a: &str, b: &str) -> bool {
    bytes_equal(a.as_bytes(), b.as_bytes(), true)
}

/// Whether bytes `x` and `y`, which differ, are one ASCII letter in two
/// cases (`u8::eq_ignore_ascii_case` without its call: an action is
/// compared with every entry of every statement, and most differ at once).
fn same_letter(x: u8, y: u8) -> bool {
    x ^ y == 0x20 && (x | 0x20).is_ascii_lowercase()
}

/// A run of pattern text without `*`: literals and `?` only.
///
/// Positions are byte offsets into the text and always fall on character
/// boundaries: literal bytes come from whole characters of valid UTF-8,
/// and `?` steps over one whole character.
trait Segment {
    /// Where the match ends when the segment starts at byte `start`.
    fn match_at(&self, text: &str, start: usize, ignore_case: bool) -> Option<usize>;
    /// Where the match starts when the segment ends at byte `end`.
    fn match_before(&self, text: &str, end: usize, ignore_case: bool) -> Option<usize>;
    /// The first byte any match must start with, if fixed.
    fn first_byte(&self) -> Option<u8>;
    /// The segment's text when it has no `?`.
    fn as_literal(&self) -> Option<&str>;
}

/// Text length from which a literal segment is searched for with
/// [`str::find`] rather than position by position.
const LONG_TEXT: usize = 64;

/// Matches a pattern with at least one `*`: `head*middle*...*tail`. The
/// head is anchored at the start, the tail at the end, and each middle
/// segment is placed leftmost between them.
fn match_starred<S: Segment>(
    head: S,
    middles: impl Iterator<Item = S>,
    tail: S,
    text: &str,
    ignore_case: bool,
) -> bool {
    let Some(mut pos) = head.match_at(text, 0, ignore_case) else {
        return false;
    };
    let Some(tail_start) = tail.match_before(text, text.len(), ignore_case) else {
        return false;
    };
    if tail_start < pos {
        return false;
    }
    // The middles must fit between the head and the tail.
    let Some(room) = text.get(..tail_start) else {
        return false;
    };
    for middle in middles {
        match find_leftmost(&middle, room, pos, ignore_case) {
            Some(end) => pos = end,
            None => return false,
        }
    }
    true
}

/// The end of the leftmost match of `segment` starting at or after `from`.
fn find_leftmost<S: Segment>(
    segment: &S,
    text: &str,
    from: usize,
    ignore_case: bool,
) -> Option<usize> {
    let bytes = text.as_bytes();
    // On long texts a plain literal is found with the standard library's
    // linear-time substring search instead of trying every position.
    if !ignore_case
        && text.len().saturating_sub(from) > LONG_TEXT
        && let Some(literal) = segment.as_literal()
    {
        let at = text.get(from..)?.find(literal)?;
        return Some(from + at + literal.len());
    }
    let first = segment.first_byte();
    let mut start = from;
    loop {
        if let Some(first) = first {
            // A literal's first byte is ASCII or a UTF-8 lead byte, so any
            // place it occurs is a character boundary.
            let skip = bytes
                .get(start..)?
                .iter()
                .position(|&b| byte_equal(b, first, ignore_case))?;
            start += skip;
        }
        if let Some(end) = segment.match_at(text, start, ignore_case) {
            return Some(end);
        }
        start = next_char_end(bytes, start)?;
    }
}

fn byte_equal(a: u8, b: u8, ignore_case: bool) -> bool {
    a == b || (ignore_case && same_letter(a, b))
}

fn bytes_equal(a: &[u8], b: &[u8], ignore_case: bool) -> bool {
    if ignore_case {
        a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| byte_equal(x, y, true))
    } else {
        a == b
    }
}

/// The end of `literal` when it appears at `start`.
fn literal_at(text: &str, start: usize, literal: &str, ignore_case: bool) -> Option<usize> {
    let end = start.checked_add(literal.len())?;
    let found = text.as_bytes().get(start..end)?;
    bytes_equal(found, literal.as_bytes(), ignore_case).then_some(end)
}

/// The start of `literal` when it appears just before `end`.
fn literal_before(text: &str, end: usize, literal: &str, ignore_case: bool) -> Option<usize> {
    let start = end.checked_sub(literal.len())?;
    literal_at(text, start, literal, ignore_case).map(|_| start)
}

/// The end of the character starting at byte `start` (a boundary).
fn next_char_end(text: &[u8], start: usize) -> Option<usize> {
    let width = match *text.get(start)? {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    Some(start + width)
}

/// The start of the character ending at byte `end` (a boundary).
fn prev_char_start(text: &[u8], end: usize) -> Option<usize> {
    let mut start = end.checked_sub(1)?;
    while text.get(start).is_some_and(|&b| (0x80..0xc0).contains(&b)) {
        start = start.checked_sub(1)?;
    }
    Some(start)
}

/// A segment of raw glob text, where `?` is a wildcard.
struct GlobSegment<'p>(&'p [u8]);

impl Segment for GlobSegment<'_> {
    fn match_at(&self, text: &str, start: usize, ignore_case: bool) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut pos = start;
        for &p in self.0 {
            if p == b'?' {
                pos = next_char_end(bytes, pos)?;
            } else if byte_equal(*bytes.get(pos)?, p, ignore_case) {
                pos += 1;
            } else {
                return None;
            }
        }
        Some(pos)
    }

    fn match_before(&self, text: &str, end: usize, ignore_case: bool) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut pos = end;
        for &p in self.0.iter().rev() {
            if p == b'?' {
                pos = prev_char_start(bytes, pos)?;
            } else {
                pos = pos.checked_sub(1)?;
                if !byte_equal(*bytes.get(pos)?, p, ignore_case) {
                    return None;
                }
            }
        }
        Some(pos)
    }

    fn first_byte(&self) -> Option<u8> {
        self.0.first().copied().filter(|&b| b != b'?')
    }

    fn as_literal(&self) -> Option<&str> {
        if self.0.contains(&b'?') {
            return None;
        }
        std::str::from_utf8(self.0).ok()
    }
}

/// A segment of compiled parts, containing no [`PatternPart::AnyRun`].
struct PartsSegment<'p>(&'p [PatternPart]);

impl Segment for PartsSegment<'_> {
    fn match_at(&self, text: &str, start: usize, ignore_case: bool) -> Option<usize> {
        let mut pos = start;
        for part in self.0 {
            pos = match part {
                PatternPart::Literal(literal) => literal_at(text, pos, literal, ignore_case)?,
                PatternPart::AnyChar => next_char_end(text.as_bytes(), pos)?,
                PatternPart::AnyRun => return None,
            };
        }
        Some(pos)
    }

    fn match_before(&self, text: &str, end: usize, ignore_case: bool) -> Option<usize> {
        let mut pos = end;
        for part in self.0.iter().rev() {
            pos = match part {
                PatternPart::Literal(literal) => literal_before(text, pos, literal, ignore_case)?,
                PatternPart::AnyChar => prev_char_start(text.as_bytes(), pos)?,
                PatternPart::AnyRun => return None,
            };
        }
        Some(pos)
    }

    fn first_byte(&self) -> Option<u8> {
        for part in self.0 {
            match part {
                PatternPart::Literal(literal) if literal.is_empty() => continue,
                PatternPart::Literal(literal) => return literal.bytes().next(),
                _ => return None,
            }
        }
        None
    }

    fn as_literal(&self) -> Option<&str> {
        match self.0 {
            [PatternPart::Literal(literal)] => Some(literal),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eq_ignore_case_agrees_with_the_standard_library() {
        for (a, b) in [
            ("", ""),
            ("aws:MultiFactorAuthPresent", "AWS:multifactorauthpresent"),
            ("aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge"),
            ("a[", "A{"),
            ("zoë", "ZOË"),
            ("abc", "abcd"),
        ] {
            assert_eq!(eq_ignore_case(a, b), a.eq_ignore_ascii_case(b), "{a} {b}");
        }
    }

    #[test]
    fn same_letter_agrees_with_eq_ignore_ascii_case_on_every_pair() {
        for x in 0..=u8::MAX {
            for y in 0..=u8::MAX {
                if x != y {
                    assert_eq!(same_letter(x, y), x.eq_ignore_ascii_case(&y), "{x} {y}");
                }
            }
        }
    }

    /// Both matchers (raw glob text and compiled parts) must agree.
    fn both(pattern: &str, text: &str, ignore_case: bool) -> bool {
        let raw = wildcard_match(pattern, text, ignore_case);
        let compiled = Pattern::glob(pattern).matches(text, ignore_case);
        assert_eq!(raw, compiled, "`{pattern}` on `{text}`");
        raw
    }

    // reference_policies_elements_condition_operators.md, "String condition
    // operators": `*` is any run, `?` is one character, no partial match
    // without a wildcard.
    #[test]
    fn glob_table() {
        let cases: &[(&str, &str, bool)] = &[
            ("", "", true),
            ("", "a", false),
            ("*", "", true),
            ("*", "anything at all", true),
            ("**", "x", true),
            ("?", "", false),
            ("?", "a", true),
            ("?", "ab", false),
            ("a", "a", true),
            ("a", "A", false),
            ("abc", "abcd", false),
            ("abc", "ab", false),
            ("a*", "a", true),
            ("a*", "abc", true),
            ("a*", "ba", false),
            ("*a", "ba", true),
            ("*a", "ab", false),
            ("a*c", "ac", true),
            ("a*c", "abbbc", true),
            ("a*c", "abbbcd", false),
            ("a*b*c", "abc", true),
            ("a*b*c", "aXbYc", true),
            ("a*b*c", "acb", false),
            ("*ab", "abab", true),
            ("*aab", "aaab", true),
            ("ab*ba", "aba", false),
            ("ab*ba", "abba", true),
            ("a?c", "abc", true),
            ("a?c", "ac", false),
            ("*?", "", false),
            ("*?", "x", true),
            ("?*?", "x", false),
            ("?*?", "xy", true),
            ("home/*/", "home/david/", true),
            ("home/*/", "home/david", false),
            ("t2.*", "t2.micro", true),
            ("t2.*", "m3.medium", false),
        ];
        for &(pattern, text, expected) in cases {
            assert_eq!(
                both(pattern, text, false),
                expected,
                "`{pattern}` on `{text}`"
            );
        }
    }

    // `?` is one Unicode scalar value, however many bytes it takes.
    #[test]
    fn question_mark_takes_one_multibyte_character() {
        assert!(both("caf?", "café", false));
        assert!(!both("caf??", "café", false));
        assert!(both("?", "日", false));
        assert!(both("*?本", "日本", false));
        assert!(both("日*", "日本語", false));
        assert!(both("*語", "日本語", false));
        assert!(!both("*語", "日本", false));
        assert!(both("?🦀?", "a🦀b", false));
        assert!(both("é*", "é", true));
    }

    // reference_policies_elements_action.md: "iam:ListAccessKeys is the
    // same as IAM:listaccesskeys".
    #[test]
    fn actions_ignore_case() {
        assert!(action_matches("iam:ListAccessKeys", "IAM:listaccesskeys"));
        assert!(action_matches("iam:*AccessKey*", "iam:CreateAccessKey"));
        assert!(action_matches("iam:*accesskey*", "iam:UpdateAccessKey"));
        assert!(action_matches("*", "s3:GetObject"));
        assert!(action_matches("s3:*", "S3:GetObject"));
        assert!(action_matches(
            "ec2:Describe?nstances",
            "ec2:DescribeInstances"
        ));
        assert!(!action_matches("iam:*", "ec2:DescribeInstances"));
        assert!(!action_matches("iam:Get*", "iam:ListUsers"));
        assert!(!action_matches("iam:GetUser", "iam:GetUsers"));
        assert!(!action_matches("iam:GetUsers", "iam:GetUser"));
        assert!(action_matches("iam:GetUser*", "iam:GetUser"));
        assert!(action_matches("iam:GetUser?*", "iam:GetUsers"));
        assert!(!action_matches("iam:GetUserX*", "iam:GetUser"));
        assert!(!action_matches("", "iam:GetUser"));
        assert!(action_matches("IAM:GETUSER", "iam:getuser"));
    }

    #[test]
    fn case_sensitive_unless_asked() {
        assert!(!both("ABC*", "abcdef", false));
        assert!(both("ABC*", "abcdef", true));
        assert!(both("*DEF", "abcdef", true));
        assert!(both("a?C", "AbC", true));
    }

    #[test]
    fn literal_parts_never_act_as_wildcards() {
        let mut pattern = Pattern::glob("a/");
        pattern.push_literal("*");
        pattern.push_glob("/*");
        assert!(pattern.matches("a/*/x", false));
        assert!(!pattern.matches("a/b/x", false));
        assert_eq!(pattern.to_string(), "a/${*}/*");
        assert!(Pattern::literal("a?").matches("a?", false));
        assert!(!Pattern::literal("a?").matches("ab", false));
    }

    #[test]
    fn builder_merges_parts() {
        let pattern = Pattern::glob("ab**c?");
        assert_eq!(
            pattern.parts,
            vec![
                PatternPart::Literal("ab".into()),
                PatternPart::AnyRun,
                PatternPart::Literal("c".into()),
                PatternPart::AnyChar,
            ]
        );
        assert!(pattern.has_wildcards());
        assert!(!Pattern::literal("abc").has_wildcards());
    }

    #[test]
    fn unmerged_parts_still_match() {
        let pattern = Pattern {
            parts: vec![
                PatternPart::Literal("a".into()),
                PatternPart::Literal(String::new()),
                PatternPart::Literal("b".into()),
                PatternPart::AnyRun,
                PatternPart::AnyRun,
                PatternPart::Literal(String::new()),
                PatternPart::Literal("c".into()),
            ],
        };
        assert!(pattern.matches("abXc", false));
        assert!(pattern.matches("abc", false));
        assert!(!pattern.matches("acb", false));
    }

    #[test]
    fn literals_found_in_long_texts() {
        let text = format!("{}needle{}", "x".repeat(1000), "y".repeat(1000));
        assert!(both("*needle*", &text, false));
        assert!(both("x*needle*y", &text, false));
        assert!(both("*NEEDLE*", &text, true));
        assert!(!both("*NEEDLE*", &text, false));
        assert!(!both("*needle*z", &text, false));
        assert!(!both("*needle*needle*", &text, false));
        assert!(both("*x*y*", &text, false));
        assert!(both("*n?edle*", &text, false));
    }

    // The brief: a pattern with many stars against a long text must not
    // backtrack exponentially. The result is asserted; the time is bounded
    // by the algorithm (each segment is placed once).
    #[test]
    fn pathological_star_patterns() {
        let text = "a".repeat(100_000);
        assert!(!both("a*a*a*a*a*a*a*b", &text, false));
        assert!(both("a*a*a*a*a*a*a*a", &text, false));
        assert!(!both("*aaaaaaaaaaaaaaaaaaab*", &text, false));
        assert!(both("*?*?*?*?*?*?*?*?*", &text, false));
        let mut with_b = text.clone();
        with_b.push('b');
        assert!(both("a*a*a*a*a*a*a*b", &with_b, false));
        assert!(both("*a?*b", &with_b, true));
    }
}
