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
//!   ARN) is `x` (a `*` or `?` that a variable's value or `${*}` brings
//!   too: the result then does not match its entry, and is dropped). An
//!   entry that is `*` alone gives nothing: it covers every resource
//!   already.

use crate::matching::arn::RequestedResource;
use crate::matching::wildcard_match;
use crate::request::KeyLookup;
use crate::variables::substitute_text;

/// What fills a whole-`*` segment that the request does not fill.
pub(super) struct Defaults<'a> {
    /// The action's service prefix, e.g. `s3`.
    pub service: &'a str,
    /// The caller's account, when it has one.
    pub account: Option<&'a str>,
}

/// A concrete resource that `entry` matches, near `requested` (the
/// request's resource); `None` for `*` or an unresolved variable. (A
/// wildcard a variable's value brings is filled too; the caller checks
/// that the entry covers the result.)
pub(super) fn concrete(
    entry: &str,
    variables: Option<&dyn KeyLookup>,
    requested: &str,
    defaults: &Defaults<'_>,
) -> Option<String> {
    let text = match variables {
        Some(context) => substitute_text(entry, context).value()?,
        None => entry.to_owned(),
    };
    if text.bytes().all(|b| b == b'*') {
        return None;
    }
    let fields: Vec<&str> = text.splitn(6, ':').collect();
    let ["arn", partition, service, region, account, resource] = fields[..] else {
        // Not an ARN: its wildcards filled alone.
        return Some(filled(&text, None, "x"));
    };
    let hint = RequestedResource::new(requested).segments();
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
    let segments: Vec<&str> = resource.split('/').collect();
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
            Some(rest) if j == last && segment == "*" => out.push_str(&rest.join("/")),
            _ => out.push_str(&filled(segment, hint_path.get(j).copied(), "example")),
        }
    }
    Some(out)
}

/// `pattern` as text: the request's `hint` when it is not empty and
/// matches, else `whole` for a lone `*`, else with every wildcard `x`.
fn filled(pattern: &str, hint: Option<&str>, whole: &str) -> String {
    if !pattern.contains(['*', '?']) {
        return pattern.to_owned();
    }
    match hint {
        Some(hint) if !hint.is_empty() && wildcard_match(pattern, hint, false) => hint.to_owned(),
        _ if pattern == "*" => whole.to_owned(),
        _ => pattern.replace(['*', '?'], "x"),
    }
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
                "arn:aws:s3:::home/${aws:username}/*",
                Some(&keys),
                "*",
                &DEFAULTS
            )
            .as_deref(),
            Some("arn:aws:s3:::home/ana/example")
        );
    }

    #[test]
    fn an_entry_that_is_not_an_arn_has_its_wildcards_filled() {
        assert_eq!(made("bucket-*", "*").as_deref(), Some("bucket-x"));
    }
}
