//! A forgiving JSON scanner: where in a policy document's tree a cursor
//! is, even while the document is half typed and does not parse.
//!
//! Completion and hover need to know "the cursor is in a value of
//! `Action` in the second statement", not a syntax tree: this reads the
//! tokens before the cursor and keeps a stack of the objects and arrays
//! it is in. Strings end at the end of their line, so an unterminated
//! string being typed does not swallow the rest of the document.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// `{`
    OpenObject,
    /// `}`
    CloseObject,
    /// `[`
    OpenArray,
    /// `]`
    CloseArray,
    /// `:`
    Colon,
    /// `,`
    Comma,
    /// A string; `terminated` when its closing quote is on the same line.
    String {
        /// Whether the closing quote is there.
        terminated: bool,
    },
    /// Anything else: numbers, `true`, `false`, `null`, stray words.
    Word,
}

/// A token and its byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// The first byte.
    pub start: usize,
    /// One past the last byte (past the closing quote of a string).
    pub end: usize,
}

impl Token {
    /// The byte range of the token's text without its quotes.
    pub(crate) fn content(&self) -> (usize, usize) {
        match self.kind {
            TokenKind::String { terminated } => {
                let end = if terminated { self.end - 1 } else { self.end };
                (self.start + 1, end.max(self.start + 1))
            }
            _ => (self.start, self.end),
        }
    }

    /// The token's text without quotes (escape sequences left as written).
    pub(crate) fn text<'t>(&self, text: &'t str) -> &'t str {
        let (start, end) = self.content();
        text.get(start..end).unwrap_or_default()
    }
}

/// The tokens of `text` from byte `from` on.
pub(crate) fn tokens(text: &str, from: usize) -> Tokens<'_> {
    Tokens {
        bytes: text.as_bytes(),
        at: from.min(text.len()),
    }
}

/// An iterator over tokens; see [`tokens`].
pub(crate) struct Tokens<'t> {
    bytes: &'t [u8],
    at: usize,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let bytes = self.bytes;
        while bytes.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
        let start = self.at;
        let first = *bytes.get(start)?;
        let structural = match first {
            b'{' => Some(TokenKind::OpenObject),
            b'}' => Some(TokenKind::CloseObject),
            b'[' => Some(TokenKind::OpenArray),
            b']' => Some(TokenKind::CloseArray),
            b':' => Some(TokenKind::Colon),
            b',' => Some(TokenKind::Comma),
            _ => None,
        };
        if let Some(kind) = structural {
            self.at += 1;
            return Some(Token {
                kind,
                start,
                end: self.at,
            });
        }
        if first == b'"' {
            let mut at = start + 1;
            let terminated = loop {
                match bytes.get(at) {
                    None | Some(b'\n' | b'\r') => break false,
                    Some(b'"') => {
                        at += 1;
                        break true;
                    }
                    Some(b'\\')
                        if bytes
                            .get(at + 1)
                            .is_some_and(|b| !matches!(b, b'\n' | b'\r')) =>
                    {
                        at += 2;
                    }
                    Some(_) => at += 1,
                }
            };
            self.at = at;
            return Some(Token {
                kind: TokenKind::String { terminated },
                start,
                end: at,
            });
        }
        let mut at = start;
        while bytes
            .get(at)
            .is_some_and(|b| !b.is_ascii_whitespace() && !b"{}[]:,\"".contains(b))
        {
            at += 1;
        }
        self.at = at;
        Some(Token {
            kind: TokenKind::Word,
            start,
            end: at,
        })
    }
}

/// Whether a container is an object or an array.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Container {
    /// `{ ... }`
    Object,
    /// `[ ... ]`
    Array,
}

/// Where in an object the scanner is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// After `{` or `,`: a key comes next.
    Key,
    /// After a key: `:` comes next.
    Colon,
    /// After `:` (or in an array): a value comes next.
    Value,
    /// After a value: `,` or the closing bracket comes next.
    AfterValue,
}

/// One enclosing object or array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Level {
    /// Object or array.
    pub container: Container,
    /// The byte offset of its opening bracket.
    pub start: usize,
    /// For an object: the key whose value holds the cursor (`None` while
    /// the cursor is at a key).
    pub key: Option<String>,
    phase: Phase,
}

/// Whether the cursor is at a key or at a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// An object's key.
    Key,
    /// A value: an object member's or an array element.
    Value,
}

/// The string or word the cursor is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Typed {
    /// The token.
    pub token: Token,
    /// The cursor's byte offset.
    pub cursor: usize,
}

impl Typed {
    /// Whether the token is a string (rather than a bare word).
    pub(crate) fn quoted(&self) -> bool {
        matches!(self.token.kind, TokenKind::String { .. })
    }

    /// The text from the start of the token's content to the cursor.
    pub(crate) fn prefix<'t>(&self, text: &'t str) -> &'t str {
        let (start, _) = self.token.content();
        text.get(start..self.cursor.max(start)).unwrap_or_default()
    }
}

/// Where a cursor is in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Location {
    /// The enclosing objects and arrays, outermost first.
    pub levels: Vec<Level>,
    /// Key or value.
    pub slot: Slot,
    /// The string or word the cursor is in, if any.
    pub typed: Option<Typed>,
}

/// One step of the path from the document's root to a slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Segment<'l> {
    /// The value of this key of an object.
    Key(&'l str),
    /// An element of an array.
    Element,
}

impl Location {
    /// The path from the root to the slot: one segment per level, except
    /// that an object whose key is being typed adds none.
    pub(crate) fn path(&self) -> Vec<Segment<'_>> {
        self.levels
            .iter()
            .filter_map(|level| match level.container {
                Container::Array => Some(Segment::Element),
                Container::Object => level.key.as_deref().map(Segment::Key),
            })
            .collect()
    }
}

/// Where the cursor at byte `cursor` of `text` is; `None` where nothing
/// can be typed that a policy could hold (outside the root object, after
/// a key before its colon, after a value before its comma).
pub(crate) fn locate(text: &str, cursor: usize) -> Option<Location> {
    let cursor = cursor.min(text.len());
    let mut levels: Vec<Level> = Vec::new();
    let mut closed_root = false;
    for token in tokens(text, 0) {
        if token.start >= cursor {
            break;
        }
        let (content_start, content_end) = token.content();
        let inside = match token.kind {
            TokenKind::String { terminated } => {
                cursor >= content_start && (cursor <= content_end || !terminated)
            }
            TokenKind::Word => cursor <= token.end,
            _ => false,
        };
        if inside {
            let level = levels.last()?;
            let slot = match level.phase {
                Phase::Key => Slot::Key,
                Phase::Value => Slot::Value,
                Phase::Colon | Phase::AfterValue => return None,
            };
            return Some(Location {
                levels,
                slot,
                typed: Some(Typed { token, cursor }),
            });
        }
        if closed_root {
            return None;
        }
        step(&mut levels, token, text);
        closed_root = levels.is_empty();
    }
    if closed_root {
        return None;
    }
    let slot = match levels.last()?.phase {
        Phase::Key => Slot::Key,
        Phase::Value => Slot::Value,
        Phase::Colon | Phase::AfterValue => return None,
    };
    Some(Location {
        levels,
        slot,
        typed: None,
    })
}

/// Moves the stack of levels past one token.
fn step(levels: &mut Vec<Level>, token: Token, text: &str) {
    match token.kind {
        TokenKind::OpenObject | TokenKind::OpenArray => {
            let (container, phase) = if token.kind == TokenKind::OpenObject {
                (Container::Object, Phase::Key)
            } else {
                (Container::Array, Phase::Value)
            };
            levels.push(Level {
                container,
                start: token.start,
                key: None,
                phase,
            });
        }
        TokenKind::CloseObject | TokenKind::CloseArray => {
            let container = if token.kind == TokenKind::CloseObject {
                Container::Object
            } else {
                Container::Array
            };
            // Forgiving: close up to the innermost matching container.
            if let Some(at) = levels.iter().rposition(|l| l.container == container) {
                levels.truncate(at);
                value_done(levels);
            }
        }
        TokenKind::Colon => {
            if let Some(level) = levels.last_mut()
                && level.phase == Phase::Colon
            {
                level.phase = Phase::Value;
            }
        }
        TokenKind::Comma => {
            if let Some(level) = levels.last_mut() {
                match level.container {
                    Container::Object => {
                        level.phase = Phase::Key;
                        level.key = None;
                    }
                    Container::Array => level.phase = Phase::Value,
                }
            }
        }
        TokenKind::String { .. } | TokenKind::Word => {
            if let Some(level) = levels.last_mut() {
                if level.container == Container::Object && level.phase == Phase::Key {
                    level.key = Some(token.text(text).to_owned());
                    level.phase = Phase::Colon;
                } else {
                    value_done(levels);
                }
            }
        }
    }
}

/// Marks the innermost level's value as complete.
fn value_done(levels: &mut [Level]) {
    if let Some(level) = levels.last_mut() {
        level.phase = Phase::AfterValue;
    }
}

/// One member of an object, as far as completion and hover need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Member {
    /// The key.
    pub key: String,
    /// The string values: the value itself, or the strings directly in an
    /// array value.
    pub strings: Vec<String>,
}

/// The members of the object whose `{` is at byte `start` of `text`.
pub(crate) fn members(text: &str, start: usize) -> Vec<Member> {
    let mut found: Vec<Member> = Vec::new();
    let mut tokens = tokens(text, start);
    if tokens.next().map(|t| t.kind) != Some(TokenKind::OpenObject) {
        return found;
    }
    // The containers inside the object, innermost last.
    let mut inner: Vec<Container> = Vec::new();
    let mut expecting_key = true;
    for token in tokens {
        match token.kind {
            TokenKind::OpenObject => inner.push(Container::Object),
            TokenKind::OpenArray => inner.push(Container::Array),
            TokenKind::CloseObject | TokenKind::CloseArray if inner.pop().is_none() => break,
            TokenKind::Comma if inner.is_empty() => expecting_key = true,
            TokenKind::Colon if inner.is_empty() => expecting_key = false,
            TokenKind::String { .. } if inner.is_empty() && expecting_key => {
                found.push(Member {
                    key: token.text(text).to_owned(),
                    strings: Vec::new(),
                });
            }
            TokenKind::String { .. } if inner.is_empty() || inner == [Container::Array] => {
                if let Some(member) = found.last_mut() {
                    member.strings.push(token.text(text).to_owned());
                }
            }
            _ => {}
        }
    }
    found
}

/// The first token at or after byte `from` of `text`.
pub(crate) fn next_token(text: &str, from: usize) -> Option<Token> {
    tokens(text, from).next()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits a test document at its `|`, the cursor.
    fn at_cursor(marked: &str) -> (String, usize) {
        let cursor = marked.find('|').expect("the test text has a `|` cursor");
        (marked.replacen('|', "", 1), cursor)
    }

    fn locate_marked(marked: &str) -> Option<(Vec<String>, Slot, Option<String>)> {
        let (text, cursor) = at_cursor(marked);
        let location = locate(&text, cursor)?;
        let path = location
            .path()
            .iter()
            .map(|segment| match segment {
                Segment::Key(key) => (*key).to_owned(),
                Segment::Element => "[]".to_owned(),
            })
            .collect();
        let prefix = location.typed.map(|typed| typed.prefix(&text).to_owned());
        Some((path, location.slot, prefix))
    }

    fn path(segments: &[&str]) -> Vec<String> {
        segments.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn tokens_cover_strings_words_and_brackets() {
        let text = "{\"a\\\"b\": [true, 1]}";
        let kinds: Vec<TokenKind> = tokens(text, 0).map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                TokenKind::OpenObject,
                TokenKind::String { terminated: true },
                TokenKind::Colon,
                TokenKind::OpenArray,
                TokenKind::Word,
                TokenKind::Comma,
                TokenKind::Word,
                TokenKind::CloseArray,
                TokenKind::CloseObject,
            ]
        );
        let key = tokens(text, 0).nth(1).expect("a key token");
        assert_eq!(key.text(text), "a\\\"b");
    }

    #[test]
    fn an_unterminated_string_ends_at_its_line() {
        let text = "[\"ec2:Desc\n, \"x\"]";
        let first = tokens(text, 0).nth(1).expect("a string token");
        assert_eq!(first.kind, TokenKind::String { terminated: false });
        assert_eq!(first.text(text), "ec2:Desc");
        assert_eq!(tokens(text, 0).count(), 5);
    }

    #[test]
    fn policy_level_key() {
        assert_eq!(locate_marked("{\n  |\n}"), Some((vec![], Slot::Key, None)));
        assert_eq!(
            locate_marked("{\n  \"Ver|\"\n}"),
            Some((vec![], Slot::Key, Some("Ver".to_owned())))
        );
    }

    #[test]
    fn statement_keys_in_an_array_and_alone() {
        assert_eq!(
            locate_marked("{\"Statement\": [{\"Effect\": \"Allow\", |}]}"),
            Some((path(&["Statement", "[]"]), Slot::Key, None))
        );
        assert_eq!(
            locate_marked("{\"Statement\": {\"|\"}}"),
            Some((path(&["Statement"]), Slot::Key, Some(String::new())))
        );
    }

    #[test]
    fn values_of_effect_and_actions() {
        assert_eq!(
            locate_marked("{\"Statement\": [{\"Effect\": \"Al|"),
            Some((
                path(&["Statement", "[]", "Effect"]),
                Slot::Value,
                Some("Al".to_owned())
            ))
        );
        assert_eq!(
            locate_marked("{\"Statement\": [{\"Action\": [\"iam:Get*\", \"ec2:Desc|\"]}]}"),
            Some((
                path(&["Statement", "[]", "Action", "[]"]),
                Slot::Value,
                Some("ec2:Desc".to_owned())
            ))
        );
        assert_eq!(
            locate_marked("{\"Statement\": [{\"Action\": |"),
            Some((path(&["Statement", "[]", "Action"]), Slot::Value, None))
        );
    }

    #[test]
    fn condition_operators_and_keys() {
        let doc = "{\"Statement\": [{\"Condition\": {\"Bool\": {\"aws:Multi|\": \"true\"}}}]}";
        assert_eq!(
            locate_marked(doc),
            Some((
                path(&["Statement", "[]", "Condition", "Bool"]),
                Slot::Key,
                Some("aws:Multi".to_owned())
            ))
        );
        assert_eq!(
            locate_marked("{\"Statement\": [{\"Condition\": {|}}]}"),
            Some((path(&["Statement", "[]", "Condition"]), Slot::Key, None))
        );
    }

    #[test]
    fn no_location_between_a_key_and_its_colon_or_after_a_value() {
        assert_eq!(locate_marked("{\"Effect\" |"), None);
        assert_eq!(locate_marked("{\"Effect\": \"Allow\" |"), None);
        assert_eq!(locate_marked("{} |"), None);
    }

    #[test]
    fn closed_objects_leave_the_path() {
        let doc = "{\"Statement\": [{\"Condition\": {\"Bool\": {}}, \"Action\": \"|\"}]}";
        assert_eq!(
            locate_marked(doc),
            Some((
                path(&["Statement", "[]", "Action"]),
                Slot::Value,
                Some(String::new())
            ))
        );
    }

    #[test]
    fn members_list_keys_and_string_values() {
        let text = "{\"Effect\": \"Allow\", \"Action\": [\"ec2:RunInstances\", \"iam:Get*\"], \
                    \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}}}";
        let found = members(text, 0);
        let keys: Vec<&str> = found.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["Effect", "Action", "Condition"]);
        assert_eq!(found[0].strings, ["Allow"]);
        assert_eq!(found[1].strings, ["ec2:RunInstances", "iam:Get*"]);
        assert!(found[2].strings.is_empty());
    }
}
