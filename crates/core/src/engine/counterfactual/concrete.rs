//! A `Resource` entry made concrete: one ARN the entry matches, as close
//! to the request's own resource as the entry allows, so that "on
//! `arn:aws:s3:::bucket-a/reports/q1.csv`" reads as the request with only
//! what the policy insists on changed.
//!
//! The rules, deterministic and written in `docs/semantics.md`:
//!
//! - policy variables (in a policy whose `Version` enables them) take the
//!   request's values, `${aws:username}` the caller's name; an entry
//!   whose variable has no value and no default gives nothing;
//! - each of the ARN's first five segments (partition, service, region,
//!   account) without a wildcard is kept; one with a wildcard takes the
//!   request's segment when that is not empty and matches, else a whole
//!   `*` is `aws`, the action's service, `us-east-1` or the caller's
//!   account;
//! - the resource part is taken `/` by `/` the same way: a wildcard
//!   segment takes the request's segment at that place when it matches,
//!   and a final `/*` the rest of the request's path; otherwise a whole
//!   `*` segment is `example`;
//! - any wildcard left (inside a segment, or in an entry that is not an
//!   ARN) is `x`. An entry that is `*` alone gives nothing: it covers
//!   every resource already.

use crate::matching::Pattern;
use crate::request::KeyLookup;
use crate::variables::{TextPiece, pieces, variable_value};

/// One character of an entry with its variables resolved: a literal, or
/// a wildcard written in the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Literal(char),
    /// `*`.
    AnyRun,
    /// `?`.
    AnyChar,
}

/// What fills a whole-`*` segment that the request does not fill.
pub(super) struct Defaults<'a> {
    /// The action's service prefix, e.g. `s3`.
    pub service: &'a str,
    /// The caller's account, when it has one.
    pub account: Option<&'a str>,
}

/// A concrete resource that `entry` matches, near `requested` (the
/// request's resource); `None` for `*` or an unresolved variable.
pub(super) fn concrete(
    entry: &str,
    variables: Option<&dyn KeyLookup>,
    requested: &str,
    defaults: &Defaults<'_>,
) -> Option<String> {
    let tokens = tokens(entry, variables)?;
    if tokens.iter().all(|t| *t == Token::AnyRun) {
        return None;
    }
    let fields: Vec<&[Token]> = tokens.splitn(6, |t| *t == Token::Literal(':')).collect();
    let [arn, partition, service, region, account, resource] = fields[..] else {
        // Not an ARN: its wildcards filled alone.
        return Some(filled(&tokens, None, "x"));
    };
    if arn != ARN {
        return Some(filled(&tokens, None, "x"));
    }
    let hint = crate::matching::arn::RequestedResource::new(requested).segments();
    let at = |i: usize| hint.map(|h| h[i]);
    let mut out = String::from("arn");
    for (i, (field, whole)) in [
        (partition, "aws"),
        (service, defaults.service),
        (region, "us-east-1"),
        (account, defaults.account.unwrap_or("123456789012")),
    ]
    .into_iter()
    .enumerate()
    {
        out.push(':');
        out.push_str(&filled(field, at(i + 1), whole));
    }
    out.push(':');
    let hint_path: Vec<&str> = at(5).map(|r| r.split('/').collect()).unwrap_or_default();
    let segments: Vec<&[Token]> = resource.split(|t| *t == Token::Literal('/')).collect();
    let last = segments.len() - 1;
    for (j, segment) in segments.into_iter().enumerate() {
        if j > 0 {
            out.push('/');
        }
        let rest = hint_path
            .get(j..)
            .filter(|r| !r.is_empty() && r.iter().all(|s| !s.is_empty()));
        match rest {
            // A final `/*` takes the rest of the request's path.
            Some(rest) if j == last && segment == [Token::AnyRun] => out.push_str(&rest.join("/")),
            _ => out.push_str(&filled(segment, hint_path.get(j).copied(), "example")),
        }
    }
    Some(out)
}

/// `arn`, the first segment of an ARN.
const ARN: &[Token] = &[
    Token::Literal('a'),
    Token::Literal('r'),
    Token::Literal('n'),
];

/// The entry's characters, variables resolved to literal text.
fn tokens(entry: &str, variables: Option<&dyn KeyLookup>) -> Option<Vec<Token>> {
    let glob = |text: &str, out: &mut Vec<Token>| {
        out.extend(text.chars().map(|c| match c {
            '*' => Token::AnyRun,
            '?' => Token::AnyChar,
            c => Token::Literal(c),
        }));
    };
    let mut out = Vec::with_capacity(entry.len());
    let Some(context) = variables else {
        glob(entry, &mut out);
        return Some(out);
    };
    for (_, piece) in pieces(entry) {
        match piece {
            TextPiece::Text(text) => glob(text, &mut out),
            TextPiece::Escape(c) => out.push(Token::Literal(c)),
            TextPiece::Variable(v) => {
                let value = match variable_value(v.name, context) {
                    Some(value) => value.into_owned(),
                    None => v.default?.to_owned(),
                };
                out.extend(value.chars().map(Token::Literal));
            }
        }
    }
    Some(out)
}

/// `tokens` as text: the request's `hint` when it is not empty and
/// matches, else `whole` for a lone `*`, else literals kept and every
/// wildcard `x`.
fn filled(tokens: &[Token], hint: Option<&str>, whole: &str) -> String {
    if tokens.iter().all(|t| literal(*t)) {
        return tokens.iter().filter_map(|t| as_char(*t)).collect();
    }
    if let Some(hint) = hint.filter(|h| !h.is_empty())
        && pattern(tokens).matches(hint, false)
    {
        return hint.to_owned();
    }
    if tokens == [Token::AnyRun] {
        return whole.to_owned();
    }
    tokens.iter().map(|t| as_char(*t).unwrap_or('x')).collect()
}

fn literal(t: Token) -> bool {
    matches!(t, Token::Literal(_))
}

fn as_char(t: Token) -> Option<char> {
    match t {
        Token::Literal(c) => Some(c),
        Token::AnyRun | Token::AnyChar => None,
    }
}

/// The tokens as a pattern (a `*` or `?` that a variable's value brought
/// stays literal).
fn pattern(tokens: &[Token]) -> Pattern {
    let mut p = Pattern::new();
    let mut buf = [0; 4];
    for t in tokens {
        match t {
            Token::Literal(c) => p.push_literal(c.encode_utf8(&mut buf)),
            Token::AnyRun => p.push_any_run(),
            Token::AnyChar => p.push_any_char(),
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::ContextKeys;

    const DEFAULTS: Defaults<'static> = Defaults {
        service: "s3",
        account: Some("111122223333"),
    };

    fn made(entry: &str, requested: &str) -> Option<String> {
        concrete(entry, None, requested, &DEFAULTS)
    }

    #[test]
    fn a_trailing_star_takes_the_rest_of_the_requested_path() {
        assert_eq!(
            made(
                "arn:aws:s3:::bucket-a/*",
                "arn:aws:s3:::bucket-b/reports/q1.csv"
            )
            .as_deref(),
            Some("arn:aws:s3:::bucket-a/reports/q1.csv")
        );
        assert_eq!(
            made("arn:aws:s3:::bucket-a/*", "*").as_deref(),
            Some("arn:aws:s3:::bucket-a/example")
        );
    }

    #[test]
    fn wildcard_segments_take_the_requests_or_the_callers() {
        assert_eq!(
            made(
                "arn:aws:ec2:*:*:instance/*",
                "arn:aws:ec2:eu-west-1:444455556666:volume/v-1"
            )
            .as_deref(),
            Some("arn:aws:ec2:eu-west-1:444455556666:instance/v-1")
        );
        assert_eq!(
            made("arn:aws:iam::*:user/dev-*", "*").as_deref(),
            Some("arn:aws:iam::111122223333:user/dev-x")
        );
        assert_eq!(
            made("arn:*:dynamodb:*:*:table/T?", "*").as_deref(),
            Some("arn:aws:dynamodb:us-east-1:111122223333:table/Tx")
        );
    }

    #[test]
    fn star_alone_and_unresolved_variables_give_nothing() {
        assert_eq!(made("*", "arn:aws:s3:::b/k"), None);
        let empty = ContextKeys::new();
        assert_eq!(
            concrete(
                "arn:aws:s3:::home/${aws:username}/*",
                Some(&empty),
                "*",
                &DEFAULTS
            ),
            None
        );
        let mut keys = ContextKeys::new();
        keys.insert("aws:username", "ana");
        assert_eq!(
            concrete(
                "arn:aws:s3:::home/${aws:username}/${*}",
                Some(&keys),
                "*",
                &DEFAULTS
            )
            .as_deref(),
            Some("arn:aws:s3:::home/ana/*")
        );
    }

    #[test]
    fn an_entry_that_is_not_an_arn_has_its_wildcards_filled() {
        assert_eq!(made("bucket-*", "*").as_deref(), Some("bucket-x"));
    }
}
