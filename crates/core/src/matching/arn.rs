//! Amazon Resource Names: parsing, and matching under the `Resource`
//! element's rules and the ARN condition operators.
//! Reference: `reference_policies_elements_resource.md`,
//! `reference_identifiers.md`, `reference_policies_elements_condition_operators.md`.
//!
//! The matching rules:
//! - An ARN is `arn:partition:service:region:account:resource`; the
//!   resource part is everything after the fifth colon and may itself hold
//!   `:` and `/`.
//! - A pattern that is an ARN is matched segment by segment, case-sensitive.
//!   In the first five segments a `*` or `?` stays within its segment and
//!   never crosses a `:` ("You can use wildcard characters (* and ?)
//!   within ARN segments (the parts separated by colons)"; the `ArnLike`
//!   example where "the first asterisk matches only `us-east-2`"). In the
//!   resource part a `*` runs over anything, `:` and `/` included ("The
//!   asterisk (*) character can expand to replace everything within a
//!   segment, including characters like a forward slash").
//! - A pattern that is an ARN never matches a value that is not one (such
//!   as the `*` resource of actions without resource-level permissions).
//! - A pattern that starts with `arn:` but has fewer than six parts has a
//!   segment missing and matches nothing.
//! - Any other pattern (`*`, text not starting with `arn:`) is matched as
//!   one glob against the whole value, so `*` matches everything.
//! - The service segment takes wildcards like any other: AWS forbids them
//!   there ("You can't use a wildcard in the service segment"), which is a
//!   validation finding, not a matching rule.

use crate::request::KeyLookup;
use crate::variables::{
    Resolved, TextPiece, has_variables, pieces, substitute_glob_into, substitute_pattern,
};

use super::pattern::{Pattern, glob_match, wildcard_match};

/// The six parts of an ARN: `arn:partition:service:region:account:resource`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arn<'a> {
    /// e.g. `aws`.
    pub partition: &'a str,
    /// e.g. `iam`.
    pub service: &'a str,
    /// e.g. `us-east-1`, or empty.
    pub region: &'a str,
    /// e.g. `111122223333`, or empty.
    pub account: &'a str,
    /// Everything after the fifth colon, colons included.
    pub resource: &'a str,
}

impl<'a> Arn<'a> {
    /// Splits an ARN into its parts; `None` if it is not `arn:` with at
    /// least six colon-separated parts.
    pub fn parse(text: &'a str) -> Option<Arn<'a>> {
        split_arn(text).map(Arn::from_segments)
    }

    fn from_segments([_, partition, service, region, account, resource]: [&'a str; 6]) -> Self {
        Arn {
            partition,
            service,
            region,
            account,
            resource,
        }
    }

    /// The six segments in order, starting with the literal `arn`.
    pub fn segments(&self) -> [&'a str; 6] {
        [
            "arn",
            self.partition,
            self.service,
            self.region,
            self.account,
            self.resource,
        ]
    }
}

/// How every ARN starts.
const ARN_PREFIX: &str = "arn:";

/// Splits at the first five colons; the first segment must be `arn`.
fn split_arn(text: &str) -> Option<[&str; 6]> {
    if !text.starts_with(ARN_PREFIX) {
        return None;
    }
    let mut colons = [0usize; 5];
    let mut found = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if b == b':' {
            let Some(slot) = colons.get_mut(found) else {
                break;
            };
            *slot = i;
            found += 1;
        }
    }
    (found == colons.len())
        .then(|| segments_at(text, colons))
        .flatten()
}

/// The six segments of `text` around the five colons at `colons`.
fn segments_at(text: &str, [c0, c1, c2, c3, c4]: [usize; 5]) -> Option<[&str; 6]> {
    Some([
        text.get(..c0)?,
        text.get(c0 + 1..c1)?,
        text.get(c1 + 1..c2)?,
        text.get(c2 + 1..c3)?,
        text.get(c3 + 1..c4)?,
        text.get(c4 + 1..)?,
    ])
}

/// Like [`split_arn`], but a colon inside a policy variable
/// (`${aws:PrincipalAccount}`) does not split.
fn split_arn_template(text: &str) -> Option<[&str; 6]> {
    let mut colons = [0usize; 5];
    let mut found = 0;
    'scan: for (at, piece) in pieces(text) {
        if let TextPiece::Text(plain) = piece {
            for (i, _) in plain.match_indices(':') {
                let Some(slot) = colons.get_mut(found) else {
                    break 'scan;
                };
                *slot = at + i;
                found += 1;
            }
        }
    }
    if found < colons.len() {
        return None;
    }
    let segments = segments_at(text, colons)?;
    (segments[0] == "arn").then_some(segments)
}

/// The outcome of matching one `Resource` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceMatch {
    /// The entry matches the requested resource.
    Matched,
    /// It does not.
    NotMatched,
    /// The entry uses a policy variable with no value in the request and
    /// no default, so it matches nothing (`reference_policies_variables.md`).
    Unresolved {
        /// The variable as written, e.g. `aws:username`.
        variable: String,
    },
}

impl ResourceMatch {
    /// Whether the entry matches; an unresolved entry does not.
    pub fn is_match(&self) -> bool {
        matches!(self, ResourceMatch::Matched)
    }
}

impl From<bool> for ResourceMatch {
    fn from(matched: bool) -> Self {
        if matched {
            ResourceMatch::Matched
        } else {
            ResourceMatch::NotMatched
        }
    }
}

/// Matches a `Resource`/`NotResource` entry against the requested resource.
///
/// `variables` is `Some` when the policy's `Version` enables policy
/// variables; `${...}` is then substituted from those context keys (the
/// substituted text matched literally), else `${...}` is literal text.
///
/// Variables are substituted only in the resource part, after the fifth
/// colon: "You can't use a variable to replace parts of the ARN before the
/// fifth colon" (`reference_policies_variables.md`), so `${...}` in the
/// first five segments is taken as written. In an entry that is not an ARN
/// they are substituted everywhere. An unresolved variable gives
/// [`ResourceMatch::Unresolved`] whatever the other segments hold.
///
/// Allocates only when the entry holds `${` and variables are enabled.
pub fn resource_matches(
    pattern: &str,
    resource: &str,
    variables: Option<&dyn KeyLookup>,
) -> ResourceMatch {
    resource_matches_requested(pattern, &RequestedResource::new(resource), variables)
}

/// The requested resource, split into its ARN segments when first
/// needed and then kept: a request matched against many `Resource`
/// entries splits its ARN once.
#[derive(Debug, Clone)]
pub struct RequestedResource<'a> {
    text: &'a str,
    segments: std::cell::OnceCell<Option<[&'a str; 6]>>,
}

impl<'a> RequestedResource<'a> {
    /// The resource as requested (an ARN, or `*`).
    pub fn new(text: &'a str) -> Self {
        RequestedResource {
            text,
            segments: std::cell::OnceCell::new(),
        }
    }

    /// The resource's text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Its six ARN segments, `None` when it is not an ARN.
    pub fn segments(&self) -> Option<[&'a str; 6]> {
        *self.segments.get_or_init(|| split_arn(self.text))
    }

    /// The account segment of the ARN, when it is an ARN with one.
    pub fn account(&self) -> Option<&'a str> {
        self.segments()
            .map(|[_, _, _, _, account, _]| account)
            .filter(|a| !a.is_empty())
    }
}

/// Whether `pattern` matches the requested resource, for the decision
/// alone: [`resource_matches_requested`] is [`ResourceMatch::Matched`].
/// An entry with policy variables is first checked without substituting
/// them: its first five segments, and the literal text its resource part
/// starts with, must match already (an entry that fails there cannot
/// match whatever its variables hold, and which variable is unresolved
/// does not matter to the decision).
pub fn resource_entry_matches(
    pattern: &str,
    requested: &RequestedResource<'_>,
    variables: Option<&dyn KeyLookup>,
) -> bool {
    match_entry(pattern, requested, variables, true).is_match()
}

/// [`resource_matches`] against a [`RequestedResource`], whose ARN is
/// split once for all the entries it is matched against.
pub fn resource_matches_requested(
    pattern: &str,
    requested: &RequestedResource<'_>,
    variables: Option<&dyn KeyLookup>,
) -> ResourceMatch {
    match_entry(pattern, requested, variables, false)
}

/// [`resource_matches_requested`]; with `decision_only`, an entry whose
/// literal parts already fail is `NotMatched` before its variables are
/// looked up (see [`resource_entry_matches`]).
fn match_entry(
    pattern: &str,
    requested: &RequestedResource<'_>,
    variables: Option<&dyn KeyLookup>,
    decision_only: bool,
) -> ResourceMatch {
    let resource = requested.text;
    if pattern == "*" {
        return ResourceMatch::Matched;
    }
    let variables = variables.filter(|_| has_variables(pattern));
    let Some(segments) = split_arn(pattern) else {
        if pattern.starts_with(ARN_PREFIX) {
            return ResourceMatch::NotMatched;
        }
        return match variables {
            None => wildcard_match(pattern, resource, false).into(),
            Some(context) => match substitute_pattern(pattern, context) {
                Resolved::Value(whole) => whole.matches(resource, false).into(),
                Resolved::Unresolved(variable) => ResourceMatch::Unresolved { variable },
            },
        };
    };
    let [head @ .., resource_part] = segments;
    let variables = variables.filter(|_| has_variables(resource_part));
    let requested = requested.segments();
    let head_matches = requested.is_some_and(|[requested_head @ .., _]| {
        head.iter()
            .zip(requested_head)
            .all(|(p, r)| wildcard_match(p, r, false))
    });
    if decision_only && variables.is_some() {
        let literal = resource_part
            .bytes()
            .position(|b| matches!(b, b'$' | b'*' | b'?'))
            .and_then(|end| resource_part.as_bytes().get(..end))
            .unwrap_or_default();
        let literal_matches =
            requested.is_some_and(|[.., part]| part.as_bytes().starts_with(literal));
        if !head_matches || !literal_matches {
            return ResourceMatch::NotMatched;
        }
    }
    // The resource part with its variables substituted: in a stack buffer
    // when it is plain glob text, else compiled.
    let mut buf: [u8; SUBSTITUTION_BUFFER];
    let substituted = match variables {
        None => Substituted::AsWritten,
        Some(context) => match substitute_glob_into(resource_part, context, {
            buf = [0; SUBSTITUTION_BUFFER];
            &mut buf
        }) {
            Some(Resolved::Value(len)) => Substituted::Glob(buf.get(..len).unwrap_or_default()),
            Some(Resolved::Unresolved(variable)) => {
                return ResourceMatch::Unresolved { variable };
            }
            None => match substitute_pattern(resource_part, context) {
                Resolved::Value(p) => Substituted::Pattern(p),
                Resolved::Unresolved(variable) => {
                    return ResourceMatch::Unresolved { variable };
                }
            },
        },
    };
    let Some([.., requested_part]) = requested else {
        return ResourceMatch::NotMatched;
    };
    let part_matches = match &substituted {
        Substituted::AsWritten => wildcard_match(resource_part, requested_part, false),
        Substituted::Glob(glob) => glob_match(glob, requested_part, false),
        Substituted::Pattern(p) => p.matches(requested_part, false),
    };
    (head_matches && part_matches).into()
}

/// Room for a resource part with its variables substituted before
/// falling back to a heap-allocated [`Pattern`].
const SUBSTITUTION_BUFFER: usize = 512;

/// A resource part ready to match.
enum Substituted<'a> {
    /// No variables to substitute.
    AsWritten,
    /// Substituted into glob text (no literal `*` or `?` came in).
    Glob(&'a [u8]),
    /// Substituted into a pattern keeping literal `*` and `?` literal.
    Pattern(Pattern),
}

/// `ArnEquals`: each of the six parts compared, wildcards allowed.
/// Case-sensitive; `${...}` is literal text (see [`arn_like_substituted`]).
/// Does not allocate.
pub fn arn_equals(pattern: &str, value: &str) -> bool {
    match (split_arn(pattern), split_arn(value)) {
        (Some(p), Some(v)) => p.iter().zip(v).all(|(p, v)| wildcard_match(p, v, false)),
        (Some(_), None) => false,
        (None, _) if pattern.starts_with(ARN_PREFIX) => false,
        (None, _) => wildcard_match(pattern, value, false),
    }
}

/// `ArnLike`: as `arn_equals` (AWS documents both as case-sensitive
/// per-part matching with `*` and `?`).
pub fn arn_like(pattern: &str, value: &str) -> bool {
    arn_equals(pattern, value)
}

/// `ArnEquals`/`ArnLike` with policy variables substituted from `context`
/// in every segment (conditions have no "resource part only" rule). A
/// colon inside `${...}` does not split segments; substituted text is
/// literal. `Unresolved` when a variable has no value and no default.
pub fn arn_like_substituted(pattern: &str, value: &str, context: &dyn KeyLookup) -> Resolved<bool> {
    match ArnPattern::substituted(pattern, context) {
        Resolved::Value(compiled) => Resolved::Value(compiled.matches(value)),
        Resolved::Unresolved(variable) => Resolved::Unresolved(variable),
    }
}

/// An ARN condition value compiled once, with its policy variables
/// substituted, to match many request values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ArnPattern {
    /// An ARN: one pattern per segment, the six of them.
    Segments(Vec<Pattern>),
    /// Not an ARN: one glob over the whole value.
    Whole(Pattern),
    /// Starts with `arn:` but has a segment missing: matches nothing.
    Incomplete,
}

impl ArnPattern {
    /// Compiles `pattern`, substituting its policy variables from `context`
    /// in every segment.
    pub fn substituted(pattern: &str, context: &dyn KeyLookup) -> Resolved<ArnPattern> {
        let Some(segments) = split_arn_template(pattern) else {
            if pattern.starts_with(ARN_PREFIX) {
                return Resolved::Value(ArnPattern::Incomplete);
            }
            return match substitute_pattern(pattern, context) {
                Resolved::Value(whole) => Resolved::Value(ArnPattern::Whole(whole)),
                Resolved::Unresolved(variable) => Resolved::Unresolved(variable),
            };
        };
        let mut compiled = Vec::with_capacity(segments.len());
        for segment in segments {
            match substitute_pattern(segment, context) {
                Resolved::Value(p) => compiled.push(p),
                Resolved::Unresolved(variable) => return Resolved::Unresolved(variable),
            }
        }
        Resolved::Value(ArnPattern::Segments(compiled))
    }

    /// Whether `value` matches, segment by segment for an ARN pattern.
    pub fn matches(&self, value: &str) -> bool {
        match self {
            ArnPattern::Segments(segments) => split_arn(value).is_some_and(|requested| {
                segments.len() == requested.len()
                    && segments
                        .iter()
                        .zip(requested)
                        .all(|(p, r)| p.matches(r, false))
            }),
            ArnPattern::Whole(whole) => whole.matches(value, false),
            ArnPattern::Incomplete => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::ContextKeys;

    #[test]
    fn parses_six_parts() {
        let arn = Arn::parse("arn:aws:iam::111122223333:user/division_abc/JaneDoe").unwrap();
        assert_eq!(arn.partition, "aws");
        assert_eq!(arn.service, "iam");
        assert_eq!(arn.region, "");
        assert_eq!(arn.account, "111122223333");
        assert_eq!(arn.resource, "user/division_abc/JaneDoe");
        let arn = Arn::parse("arn:aws:logs:us-east-1:1:log-group:g:log-stream:s").unwrap();
        assert_eq!(arn.resource, "log-group:g:log-stream:s");
        assert_eq!(arn.segments()[3], "us-east-1");
        assert_eq!(Arn::parse("arn:aws:s3:::").unwrap().resource, "");
        assert_eq!(Arn::parse("*"), None);
        assert_eq!(Arn::parse("arn:aws:iam::1"), None);
        assert_eq!(Arn::parse("urn:aws:iam::1:x"), None);
        assert_eq!(Arn::parse("ARN:aws:iam::1:x"), None);
    }

    fn matched(pattern: &str, resource: &str) -> bool {
        resource_matches(pattern, resource, None) == ResourceMatch::Matched
    }

    // reference_policies_elements_resource.md, "Using wildcards in
    // resource ARNs": the S3 list of objects matched and not matched.
    #[test]
    fn star_spans_slashes_in_resource_part() {
        let pattern = "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*";
        for object in [
            "DOC-EXAMPLE-BUCKET/1/test/object.jpg",
            "DOC-EXAMPLE-BUCKET/1/2/test/object.jpg",
            "DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg",
            "DOC-EXAMPLE-BUCKET/1/2/3/test/4/object.jpg",
            "DOC-EXAMPLE-BUCKET/1///test///object.jpg",
            "DOC-EXAMPLE-BUCKET/1/test/.jpg",
            "DOC-EXAMPLE-BUCKET//test/object.jpg",
            "DOC-EXAMPLE-BUCKET/1/test/",
        ] {
            assert!(
                matched(pattern, &format!("arn:aws:s3:::{object}")),
                "{object}"
            );
        }
        for object in [
            "DOC-EXAMPLE-BUCKET/1-test/object.jpg",
            "DOC-EXAMPLE-BUCKET/test/object.jpg",
            "DOC-EXAMPLE-BUCKET/1/2/test.jpg",
        ] {
            assert!(
                !matched(pattern, &format!("arn:aws:s3:::{object}")),
                "{object}"
            );
        }
    }

    // reference_identifiers.md, "Using wildcards and paths in ARNs".
    #[test]
    fn iam_paths() {
        let john = "arn:aws:iam::111122223333:user/JohnDoe";
        let jane = "arn:aws:iam::111122223333:user/division_abc/subdivision_xyz/JaneDoe";
        assert!(matched("arn:aws:iam::111122223333:user/*", john));
        assert!(matched("arn:aws:iam::111122223333:user/*", jane));
        assert!(!matched(
            "arn:aws:iam::111122223333:user/division_abc*",
            john
        ));
        assert!(matched(
            "arn:aws:iam::111122223333:user/division_abc*",
            jane
        ));
        assert!(matched(
            "arn:aws:iam::*:user/division_abc/subdivision_xyz/JaneDoe",
            jane
        ));
        assert!(!matched("arn:aws:iam::*:user/JaneDoe", jane));
    }

    #[test]
    fn resource_rules() {
        let user = "arn:aws:iam::111122223333:user/Bob";
        assert!(matched("*", user));
        assert!(matched("*", "*"));
        // Case-sensitive.
        assert!(!matched("arn:aws:iam::111122223333:user/bob", user));
        assert!(!matched("arn:aws:IAM::111122223333:user/Bob", user));
        // `?` is one character within a segment.
        assert!(matched("arn:aws:iam::11112222333?:user/Bob", user));
        assert!(!matched("arn:aws:iam::1111222233?:user/Bob", user));
        // A `*` in the first five segments stays within its segment.
        assert!(matched(
            "arn:aws:sqs:*:*:queue1",
            "arn:aws:sqs:us-east-2:1:queue1"
        ));
        assert!(!matched("arn:*:queue1", "arn:aws:sqs:us-east-2:1:queue1"));
        assert!(!matched(
            "arn:aws:sqs:*:queue1",
            "arn:aws:sqs:us-east-2:1:queue1"
        ));
        // In the resource part it crosses colons.
        assert!(matched(
            "arn:aws:logs:us-east-1:1:log-group:*",
            "arn:aws:logs:us-east-1:1:log-group:g:log-stream:s"
        ));
        // The seed scenario, request 8: `iam:ListUsers` has resource `*`,
        // which an ARN pattern never matches.
        assert!(!matched("arn:aws:iam::111122223333:user/*", "*"));
        // An ARN pattern with a segment missing matches nothing.
        assert!(!matched("arn:aws:s3*", "arn:aws:s3:::bucket"));
        // A pattern that is not an ARN is one glob over the whole value.
        assert!(matched("arn*", "arn:aws:s3:::bucket"));
        assert!(!matched("bucket", "arn:aws:s3:::bucket"));
    }

    fn seed_context() -> ContextKeys {
        let mut keys = ContextKeys::new();
        keys.insert("aws:username", "mfa-user-1");
        keys.insert("aws:PrincipalAccount", "111122223333");
        keys.insert("aws:userid", "odd*name");
        keys
    }

    // reference_policies_variables.md, "Resource element"; the seed
    // scenario's requests 4 and 5.
    #[test]
    fn resource_variables() {
        let ctx = seed_context();
        let pattern = "arn:aws:iam::111122223333:user/${aws:username}";
        assert_eq!(
            resource_matches(
                pattern,
                "arn:aws:iam::111122223333:user/mfa-user-1",
                Some(&ctx)
            ),
            ResourceMatch::Matched
        );
        assert_eq!(
            resource_matches(
                pattern,
                "arn:aws:iam::111122223333:user/mfa-user-2",
                Some(&ctx)
            ),
            ResourceMatch::NotMatched
        );
        // Without `Version` 2012-10-17, `${...}` is literal text.
        assert_eq!(
            resource_matches(pattern, "arn:aws:iam::111122223333:user/mfa-user-1", None),
            ResourceMatch::NotMatched
        );
        assert_eq!(
            resource_matches(pattern, pattern, None),
            ResourceMatch::Matched
        );
        // "the resource that includes a policy variable with no value will
        // not match any resource".
        assert_eq!(
            resource_matches(
                "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*",
                "arn:aws:s3:::bucket/x/y",
                Some(&ctx)
            ),
            ResourceMatch::Unresolved {
                variable: "aws:PrincipalTag/team".into()
            }
        );
        // "Specifying default values".
        assert!(
            resource_matches(
                "arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team, 'company-wide'}",
                "arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide",
                Some(&ctx)
            )
            .is_match()
        );
        // Substituted values are literal: `odd*name` does not match `oddXname`.
        assert!(
            resource_matches(
                "arn:aws:s3:::b/${aws:userid}",
                "arn:aws:s3:::b/odd*name",
                Some(&ctx)
            )
            .is_match()
        );
        assert!(
            !resource_matches(
                "arn:aws:s3:::b/${aws:userid}",
                "arn:aws:s3:::b/oddXname",
                Some(&ctx)
            )
            .is_match()
        );
    }

    // A resource part too long for the stack buffer is substituted on the
    // heap with the same result.
    #[test]
    fn long_resource_parts_with_variables() {
        let ctx = seed_context();
        let long = "d/".repeat(400);
        let pattern = format!("arn:aws:s3:::b/{long}${{aws:username}}/*");
        let resource = format!("arn:aws:s3:::b/{long}mfa-user-1/x");
        assert!(resource_matches(&pattern, &resource, Some(&ctx)).is_match());
        let other = format!("arn:aws:s3:::b/{long}mfa-user-2/x");
        assert!(!resource_matches(&pattern, &other, Some(&ctx)).is_match());
    }

    // reference_policies_variables.md, "Special characters": `${*}` is a
    // literal star in a Resource.
    #[test]
    fn literal_star_in_resource() {
        let ctx = seed_context();
        let pattern = "arn:aws:s3:::bucket/${*}/*";
        assert!(resource_matches(pattern, "arn:aws:s3:::bucket/*/a", Some(&ctx)).is_match());
        assert!(!resource_matches(pattern, "arn:aws:s3:::bucket/x/a", Some(&ctx)).is_match());
        assert!(resource_matches("arn:aws:s3:::a${?}b", "arn:aws:s3:::a?b", Some(&ctx)).is_match());
        assert!(
            !resource_matches("arn:aws:s3:::a${?}b", "arn:aws:s3:::axb", Some(&ctx)).is_match()
        );
    }

    // "You can't use a variable to replace parts of the ARN before the
    // fifth colon": there it is text as written.
    #[test]
    fn no_variables_before_the_fifth_colon() {
        let ctx = seed_context();
        assert!(
            !resource_matches(
                "arn:aws:iam::${aws:PrincipalAccount}:user/x",
                "arn:aws:iam::111122223333:user/x",
                Some(&ctx)
            )
            .is_match()
        );
    }

    // reference_policies_elements_condition_operators.md, "Amazon Resource
    // Name (ARN) condition operators".
    #[test]
    fn arn_condition_operators() {
        let pattern = "arn:aws:someservice:*:111122223333:finance/*";
        let value = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt";
        assert!(!arn_like(pattern, value));
        assert!(wildcard_match(pattern, value, false));
        assert!(arn_equals(
            "arn:aws:sns:*:123456789012:TOPIC-*",
            "arn:aws:sns:us-east-1:123456789012:TOPIC-ID"
        ));
        assert!(!arn_equals(
            "arn:aws:sns:*:123456789012:topic-*",
            "arn:aws:sns:us-east-1:123456789012:TOPIC-ID"
        ));
        assert!(arn_equals("*", "anything"));
        assert!(!arn_equals("arn:aws:sns:*", "arn:aws:sns:us-east-1:1:t"));
        assert!(!arn_equals("arn:aws:sns:*:*:*", "not-an-arn"));
    }

    #[test]
    fn arn_condition_variables_anywhere() {
        let ctx = seed_context();
        let like = |p: &str, v: &str| arn_like_substituted(p, v, &ctx);
        assert_eq!(
            like(
                "arn:aws:sns:*:${aws:PrincipalAccount}:topic",
                "arn:aws:sns:us-east-1:111122223333:topic"
            ),
            Resolved::Value(true)
        );
        assert_eq!(
            like(
                "arn:aws:sns:*:${aws:PrincipalAccount}:topic",
                "arn:aws:sns:us-east-1:999999999999:topic"
            ),
            Resolved::Value(false)
        );
        assert_eq!(
            like(
                "arn:aws:iam::*:user/${aws:username}",
                "arn:aws:iam::1:user/mfa-user-1"
            ),
            Resolved::Value(true)
        );
        assert_eq!(
            like(
                "arn:aws:iam::*:user/${aws:nothing}",
                "arn:aws:iam::1:user/x"
            ),
            Resolved::Unresolved("aws:nothing".into())
        );
        assert_eq!(like("${aws:username}", "mfa-user-1"), Resolved::Value(true));
    }

    // The decision-only check skips substituting an entry whose literal
    // parts fail; it must agree with the full match on every entry.
    #[test]
    fn the_decision_only_check_agrees_with_the_full_match() {
        let mut keys = ContextKeys::new();
        keys.insert("aws:username", "mfa-user-1");
        let patterns = [
            "*",
            "arn:aws:iam::111122223333:user/${aws:username}",
            "arn:aws:iam::111122223333:mfa/${aws:username}",
            "arn:aws:iam::*:user/${aws:username}",
            "arn:aws:iam::444455556666:user/${aws:username}",
            "arn:aws:iam::111122223333:user/${aws:missing}",
            "arn:aws:iam::111122223333:user/${aws:missing, 'mfa-user-1'}",
            "arn:aws:iam::111122223333:u*/${aws:username}",
            "arn:aws:s3:::bucket/${aws:username}/*",
            "${aws:username}",
            "arn:aws:iam::111122223333:user/mfa-user-?",
        ];
        let resources = [
            "arn:aws:iam::111122223333:user/mfa-user-1",
            "arn:aws:iam::111122223333:mfa/mfa-user-1",
            "arn:aws:s3:::bucket/mfa-user-1/key",
            "mfa-user-1",
            "*",
        ];
        for pattern in patterns {
            for resource in resources {
                let requested = RequestedResource::new(resource);
                for variables in [None, Some(&keys as &dyn KeyLookup)] {
                    assert_eq!(
                        resource_entry_matches(pattern, &requested, variables),
                        resource_matches(pattern, resource, variables).is_match(),
                        "{pattern} against {resource}"
                    );
                }
            }
        }
    }
}
