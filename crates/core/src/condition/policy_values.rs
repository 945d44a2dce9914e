//! The policy values of one condition clause, read once, to decide many
//! request values: each request value costs a hash lookup, a binary
//! search or a comparison with the smallest or largest policy value,
//! not a comparison with every policy value. So a set operator over N
//! request values and M policy values costs O(N + M) (O(M log M) for
//! IP ranges), where comparing every pair cost O(N × M).
//!
//! Only wildcard patterns (`StringLike` and `ArnLike` values with `*` or
//! `?`) are still tried one by one, each distinct pattern once per
//! request value.
//!
//! Deciding one request value here must give what comparing it with
//! each policy value by [`compare_written`](super::compare::compare_written)
//! (or the substituted operand) and ORing gives; the tests in
//! `tests/condition_agreement.rs` hold the two side by side.

use std::borrow::Cow;
use std::collections::HashSet;
use std::net::IpAddr;

use crate::matching::{Arn, ArnPattern, Pattern, PatternPart};
use crate::policy::{BaseOperator, ConditionValue, OperatorFamily};
use crate::request::{KeyLookup, Scalar};
use crate::source::Spanned;
use crate::variables::scalar_text;

use super::binary;
use super::boolean::parse_bool;
use super::compare::{Comparison, Operand, request_bool};
use super::date::Instant;
use super::ip::{Cidr, parse_address};
use super::numeric::Decimal;

/// How a request value came out against all the policy values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Some policy value matches it.
    Match,
    /// None does.
    NoMatch,
    /// It cannot be read for the operator (so it matches nothing).
    Unreadable,
}

/// The policy values of a clause, read for the positive operator.
#[derive(Debug)]
pub(crate) struct PolicyValues<'a> {
    /// The positive operator (`StringEquals` for `StringNotEquals`).
    base: BaseOperator,
    read: Read<'a>,
    /// The first value whose variable has no value: the variable's name.
    pub unresolved: Option<String>,
    /// Whether some value cannot be read for the operator.
    pub invalid: bool,
    /// Whether some value was read: only then is a request value compared
    /// at all, and so only then can it be unreadable.
    any_read: bool,
}

/// The values read, by family.
#[derive(Debug)]
enum Read<'a> {
    /// String and ARN operators: values matched exactly, and wildcard
    /// patterns (each distinct one once).
    Texts {
        exact: HashSet<Cow<'a, str>>,
        patterns: HashSet<Operand<'a>>,
    },
    /// `StringEqualsIgnoreCase`: each value with every character lowercased.
    Folded(HashSet<String>),
    /// Numbers: normalised for text requests, as `f64` bits for number
    /// requests, and the extremes for the ordering operators.
    Numbers {
        exact: HashSet<(bool, &'a str, &'a str)>,
        floats: HashSet<u64>,
        least: Option<Decimal<'a>>,
        greatest: Option<Decimal<'a>>,
        least_float: f64,
        greatest_float: f64,
    },
    /// Dates: the instants, and the extremes.
    Dates {
        exact: HashSet<Instant>,
        least: Option<Instant>,
        greatest: Option<Instant>,
    },
    /// `Bool`: which of the two values the policy lists.
    Bools { yes: bool, no: bool },
    /// `BinaryEquals`: the decoded bytes.
    Bytes(HashSet<Vec<u8>>),
    /// `IpAddress`: the ranges, merged and sorted, per address family.
    Ranges {
        v4: Vec<(u128, u128)>,
        v6: Vec<(u128, u128)>,
    },
    /// `Null` never compares values.
    Nothing,
}

impl<'a> PolicyValues<'a> {
    /// Reads `values` for the positive operator `base`, substituting
    /// policy variables from `variables` (when given and the operator
    /// takes them) once per value.
    pub(crate) fn prepare(
        base: BaseOperator,
        values: &'a [Spanned<ConditionValue>],
        variables: Option<&dyn KeyLookup>,
    ) -> PolicyValues<'a> {
        let mut prepared = PolicyValues {
            base,
            read: Read::empty(base),
            unresolved: None,
            invalid: false,
            any_read: false,
        };
        for value in values {
            match Operand::prepare(base, &value.value, variables) {
                Operand::Unresolved(variable) => {
                    prepared.unresolved.get_or_insert(variable);
                }
                operand => {
                    if prepared.read.add(base, operand) {
                        prepared.any_read = true;
                    } else {
                        prepared.invalid = true;
                    }
                }
            }
        }
        prepared.read.finish();
        prepared
    }

    /// Whether some policy value matches `request`.
    pub(crate) fn decide(&self, request: &Scalar) -> Verdict {
        if !self.any_read {
            return Verdict::NoMatch;
        }
        match self.read.decide(self.base, request) {
            Some(true) => Verdict::Match,
            Some(false) => Verdict::NoMatch,
            None => Verdict::Unreadable,
        }
    }
}

impl<'a> Read<'a> {
    fn empty(base: BaseOperator) -> Read<'a> {
        match base.family() {
            OperatorFamily::String if base == BaseOperator::StringEqualsIgnoreCase => {
                Read::Folded(HashSet::new())
            }
            OperatorFamily::String | OperatorFamily::Arn => Read::Texts {
                exact: HashSet::new(),
                patterns: HashSet::new(),
            },
            OperatorFamily::Numeric => Read::Numbers {
                exact: HashSet::new(),
                floats: HashSet::new(),
                least: None,
                greatest: None,
                least_float: f64::INFINITY,
                greatest_float: f64::NEG_INFINITY,
            },
            OperatorFamily::Date => Read::Dates {
                exact: HashSet::new(),
                least: None,
                greatest: None,
            },
            OperatorFamily::Bool => Read::Bools {
                yes: false,
                no: false,
            },
            OperatorFamily::Binary => Read::Bytes(HashSet::new()),
            OperatorFamily::Ip => Read::Ranges {
                v4: Vec::new(),
                v6: Vec::new(),
            },
            OperatorFamily::Null => Read::Nothing,
        }
    }

    /// Adds one policy value (not an unresolved one); `false` if it
    /// cannot be read for the operator.
    fn add(&mut self, base: BaseOperator, operand: Operand<'a>) -> bool {
        match self {
            Read::Texts { exact, patterns } => {
                add_text(base, operand, exact, patterns);
                true
            }
            Read::Folded(folded) => {
                folded.insert(fold(operand_text(&operand)));
                true
            }
            Read::Numbers {
                exact,
                floats,
                least,
                greatest,
                least_float,
                greatest_float,
            } => {
                let Operand::Written(text) = operand else {
                    return false;
                };
                let Some(number) = Decimal::parse(text) else {
                    return false;
                };
                exact.insert(number.key());
                let float = number.to_f64();
                floats.insert(float_key(float));
                *least_float = least_float.min(float);
                *greatest_float = greatest_float.max(float);
                if least.is_none_or(|l| number.compare(l).is_lt()) {
                    *least = Some(number);
                }
                if greatest.is_none_or(|g| number.compare(g).is_gt()) {
                    *greatest = Some(number);
                }
                true
            }
            Read::Dates {
                exact,
                least,
                greatest,
            } => {
                let Some(instant) = Instant::parse(operand_text(&operand)) else {
                    return false;
                };
                exact.insert(instant);
                *least = Some(least.map_or(instant, |l| l.min(instant)));
                *greatest = Some(greatest.map_or(instant, |g| g.max(instant)));
                true
            }
            Read::Bools { yes, no } => match parse_bool(operand_text(&operand)) {
                Some(true) => {
                    *yes = true;
                    true
                }
                Some(false) => {
                    *no = true;
                    true
                }
                None => false,
            },
            Read::Bytes(set) => match binary::decode(operand_text(&operand)) {
                Some(bytes) => {
                    set.insert(bytes.collect());
                    true
                }
                None => false,
            },
            Read::Ranges { v4, v6 } => match Cidr::parse(operand_text(&operand)) {
                Some(range) => {
                    let (list, interval) = match range.address {
                        IpAddr::V4(_) => (v4, interval(&range)),
                        IpAddr::V6(_) => (v6, interval(&range)),
                    };
                    list.push(interval);
                    true
                }
                None => false,
            },
            // `Null` is decided before values are compared.
            Read::Nothing => false,
        }
    }

    /// Sorts and merges what needs it, once every value is in.
    fn finish(&mut self) {
        if let Read::Ranges { v4, v6 } = self {
            merge(v4);
            merge(v6);
        }
    }

    /// Whether some value matches `request` under the positive operator
    /// `base`; `None` when the request value cannot be read for it.
    fn decide(&self, base: BaseOperator, request: &Scalar) -> Option<bool> {
        use BaseOperator as B;
        match self {
            Read::Texts { exact, patterns } => {
                let text = scalar_text(request);
                Some(
                    exact.contains(text.as_ref())
                        || patterns
                            .iter()
                            .any(|p| p.compare(base, request) == Comparison::Match),
                )
            }
            Read::Folded(folded) => Some(folded.contains(&fold(&scalar_text(request)))),
            Read::Numbers {
                exact,
                floats,
                least,
                greatest,
                least_float,
                greatest_float,
            } => match request {
                Scalar::Number(n) if n.is_nan() => None,
                Scalar::Number(n) => Some(match base {
                    B::NumericLessThan => n < greatest_float,
                    B::NumericLessThanEquals => n <= greatest_float,
                    B::NumericGreaterThan => n > least_float,
                    B::NumericGreaterThanEquals => n >= least_float,
                    _ => floats.contains(&float_key(*n)),
                }),
                Scalar::String(s) => {
                    let actual = Decimal::parse(s)?;
                    Some(match base {
                        B::NumericLessThan => greatest.is_some_and(|g| actual.compare(g).is_lt()),
                        B::NumericLessThanEquals => {
                            greatest.is_some_and(|g| actual.compare(g).is_le())
                        }
                        B::NumericGreaterThan => least.is_some_and(|l| actual.compare(l).is_gt()),
                        B::NumericGreaterThanEquals => {
                            least.is_some_and(|l| actual.compare(l).is_ge())
                        }
                        _ => exact.contains(&actual.key()),
                    })
                }
                Scalar::Bool(_) => None,
            },
            Read::Dates {
                exact,
                least,
                greatest,
            } => {
                let actual = match request {
                    Scalar::Number(n) => Instant::from_epoch_seconds(*n),
                    Scalar::String(s) => Instant::parse(s),
                    Scalar::Bool(_) => None,
                }?;
                Some(match base {
                    B::DateLessThan => greatest.is_some_and(|g| actual < g),
                    B::DateLessThanEquals => greatest.is_some_and(|g| actual <= g),
                    B::DateGreaterThan => least.is_some_and(|l| actual > l),
                    B::DateGreaterThanEquals => least.is_some_and(|l| actual >= l),
                    _ => exact.contains(&actual),
                })
            }
            Read::Bools { yes, no } => Some(if request_bool(request)? { *yes } else { *no }),
            Read::Bytes(set) => match request {
                Scalar::String(s) => {
                    let actual: Vec<u8> = binary::decode(s)?.collect();
                    Some(set.contains(&actual))
                }
                _ => None,
            },
            Read::Ranges { v4, v6 } => match request {
                Scalar::String(s) => Some(match parse_address(s)? {
                    IpAddr::V4(ip) => in_ranges(v4, u128::from(u32::from(ip))),
                    IpAddr::V6(ip) => in_ranges(v6, u128::from(ip)),
                }),
                _ => None,
            },
            Read::Nothing => Some(false),
        }
    }
}

/// The text of an operand that is not a compiled pattern.
fn operand_text<'o>(operand: &'o Operand<'_>) -> &'o str {
    match operand {
        Operand::Written(text) => text,
        Operand::Text(text) => text,
        // Patterns are made only for string and ARN operators, which do
        // not ask for their text.
        Operand::Glob(_) | Operand::Arn(_) | Operand::Unresolved(_) => "",
    }
}

/// Files a string or ARN operand as exact text when it holds no
/// wildcard, else as a pattern (each distinct one once). An ARN pattern
/// that can never match (`arn:` with a segment missing) is dropped.
fn add_text<'a>(
    base: BaseOperator,
    operand: Operand<'a>,
    exact: &mut HashSet<Cow<'a, str>>,
    patterns: &mut HashSet<Operand<'a>>,
) {
    let wildcards = matches!(
        base,
        BaseOperator::StringLike | BaseOperator::ArnEquals | BaseOperator::ArnLike
    );
    let is_arn = base.family() == OperatorFamily::Arn;
    let literal: Option<Cow<'a, str>> = match &operand {
        Operand::Written(text) => {
            if wildcards && text.contains(['*', '?']) {
                None
            } else if is_arn && text.starts_with("arn:") && Arn::parse(text).is_none() {
                return;
            } else {
                Some(Cow::Borrowed(*text))
            }
        }
        Operand::Text(text) => Some(Cow::Owned(text.clone())),
        Operand::Glob(pattern) => literal_text(pattern).map(Cow::Owned),
        Operand::Arn(ArnPattern::Incomplete) => return,
        Operand::Arn(ArnPattern::Whole(pattern)) => literal_text(pattern).map(Cow::Owned),
        Operand::Arn(ArnPattern::Segments(segments)) => {
            let texts: Option<Vec<String>> = segments.iter().map(literal_text).collect();
            match texts {
                // A colon in one of the first five segments: no ARN has
                // that segment, since ARNs split at their first five colons.
                Some(texts) if texts.iter().take(5).any(|t| t.contains(':')) => return,
                Some(texts) => Some(Cow::Owned(texts.join(":"))),
                None => None,
            }
        }
        Operand::Unresolved(_) => return,
    };
    match literal {
        Some(text) => exact.insert(text),
        None => patterns.insert(operand),
    };
}

/// The text a pattern without wildcards matches; `None` if it has some.
fn literal_text(pattern: &Pattern) -> Option<String> {
    let mut text = String::new();
    for part in &pattern.parts {
        match part {
            PatternPart::Literal(literal) => text.push_str(literal),
            PatternPart::AnyRun | PatternPart::AnyChar => return None,
        }
    }
    Some(text)
}

/// `text` with every character lowercased, as
/// [`equals_ignore_case`](super::string::equals_ignore_case) compares.
fn fold(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.chars().flat_map(char::to_lowercase).collect()
    }
}

/// An `f64` as a hash key: `-0` and `0` are equal numbers.
fn float_key(n: f64) -> u64 {
    if n == 0.0 { 0 } else { n.to_bits() }
}

/// The first and last address of a range, as numbers.
fn interval(range: &Cidr) -> (u128, u128) {
    match range.address {
        IpAddr::V4(net) => {
            let mask = u32::MAX
                .checked_shl(32 - u32::from(range.prefix))
                .unwrap_or(0);
            let first = u32::from(net) & mask;
            (u128::from(first), u128::from(first | !mask))
        }
        IpAddr::V6(net) => {
            let mask = u128::MAX
                .checked_shl(128 - u32::from(range.prefix))
                .unwrap_or(0);
            let first = u128::from(net) & mask;
            (first, first | !mask)
        }
    }
}

/// Sorts ranges and merges those that overlap.
fn merge(ranges: &mut Vec<(u128, u128)>) {
    ranges.sort_unstable();
    let mut merged: Vec<(u128, u128)> = Vec::with_capacity(ranges.len());
    for &(first, last) in ranges.iter() {
        match merged.last_mut() {
            Some(previous) if first <= previous.1 => previous.1 = previous.1.max(last),
            _ => merged.push((first, last)),
        }
    }
    *ranges = merged;
}

/// Whether `address` lies in one of the sorted, disjoint `ranges`.
fn in_ranges(ranges: &[(u128, u128)], address: u128) -> bool {
    let after = ranges.partition_point(|&(first, _)| first <= address);
    after
        .checked_sub(1)
        .and_then(|i| ranges.get(i))
        .is_some_and(|&(_, last)| address <= last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{ContextKeys, ContextValue};
    use crate::source::Loc;

    /// Policy and request texts: readable and unreadable for each family,
    /// wildcards, variables, literal and broken ARNs, overlapping ranges.
    const TEXTS: &[&str] = &[
        "",
        "a",
        "A",
        "a*",
        "*",
        "?",
        "é",
        "É",
        "caf?",
        "${aws:username}",
        "${aws:nothing}",
        "${aws:nothing, 'a'}",
        "${*}",
        "a${?}",
        "x${aws:username}*",
        "1",
        "1.0",
        "-0",
        "0",
        "10",
        "-2.5",
        ".5",
        "abc",
        "1e3",
        "true",
        "FALSE",
        "2020-01-01",
        "2020-01-01T02:00:00+02:00",
        "2020-01-01T00:00:00Z",
        "1577836800",
        "203.0.113.0/24",
        "203.0.113.5",
        "203.0.0.0/16",
        "10.0.0.0/8",
        "::/0",
        "2001:db8::/32",
        "2001:db8::1",
        "::ffff:203.0.113.7",
        "QQ==",
        "QQ",
        "Zm9v",
        "arn:aws:s3:::b/*",
        "arn:aws:s3:::b/x",
        "arn:aws:s3",
        "arn:aws:sns:*:${aws:PrincipalAccount}:t",
        "arn:aws:sns:us-east-1:111122223333:t",
        "arn:aws:sns:us-east-1:${aws:username}:t",
        "arn:aws:sns:*",
    ];

    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n as u64) as usize
        }
    }

    fn request(rng: &mut Rng) -> Scalar {
        match rng.below(6) {
            0 => Scalar::Number(
                [
                    0.0,
                    -0.0,
                    1.0,
                    10.0,
                    -2.5,
                    0.5,
                    1_577_836_800.0,
                    f64::NAN,
                    f64::INFINITY,
                ][rng.below(9)],
            ),
            1 => Scalar::Bool(rng.below(2) == 0),
            _ => Scalar::String(TEXTS[rng.below(TEXTS.len())].to_owned()),
        }
    }

    /// Every request value decided against the prepared values agrees
    /// with comparing it with each policy value in turn.
    #[test]
    fn deciding_agrees_with_comparing_every_pair() {
        let mut context = ContextKeys::new();
        context.insert("aws:username", "a");
        context.insert("aws:PrincipalAccount", "111122223333");
        context.insert("aws:list", ContextValue::List(vec![]));
        let mut rng = Rng(0x0123_4567_89ab_cdef);
        let bases: Vec<BaseOperator> = BaseOperator::ALL
            .iter()
            .copied()
            .filter(|b| *b != BaseOperator::Null)
            .map(super::super::compare::positive)
            .collect();
        let mut seen = [0usize; 3];
        for case in 0..4_000 {
            let base = bases[rng.below(bases.len())];
            let values: Vec<Spanned<ConditionValue>> = (0..rng.below(12))
                .map(|_| {
                    let text = TEXTS[rng.below(TEXTS.len())].to_owned();
                    let value = match rng.below(8) {
                        0 => ConditionValue::Bool(rng.below(2) == 0),
                        1 if Decimal::parse(&text).is_some() => ConditionValue::Number(text),
                        _ => ConditionValue::String(text),
                    };
                    Spanned::new(value, Loc::default())
                })
                .collect();
            let variables: Option<&dyn KeyLookup> = (rng.below(3) > 0).then_some(&context);
            let prepared = PolicyValues::prepare(base, &values, variables);
            let operands: Vec<Operand<'_>> = values
                .iter()
                .map(|v| Operand::prepare(base, &v.value, variables))
                .collect();
            let unresolved = operands.iter().find_map(|o| match o {
                Operand::Unresolved(name) => Some(name.clone()),
                _ => None,
            });
            assert_eq!(prepared.unresolved, unresolved, "case {case}");
            for _ in 0..8 {
                let r = request(&mut rng);
                let pairs: Vec<Comparison> = operands.iter().map(|o| o.compare(base, &r)).collect();
                let expected = if pairs.contains(&Comparison::Match) {
                    Verdict::Match
                } else if pairs.contains(&Comparison::InvalidRequest) {
                    Verdict::Unreadable
                } else {
                    Verdict::NoMatch
                };
                seen[expected as usize] += 1;
                assert_eq!(
                    prepared.decide(&r),
                    expected,
                    "case {case}: {base:?} {values:?} against {r:?}"
                );
                assert_eq!(
                    prepared.invalid,
                    pairs.contains(&Comparison::InvalidPolicy),
                    "case {case}: {base:?} {values:?}"
                );
            }
        }
        // Each outcome comes up often.
        assert!(seen.iter().all(|&n| n > 2_000), "{seen:?}");
    }

    #[test]
    fn ranges_merge_and_are_searched() {
        let mut ranges = vec![(10, 20), (15, 30), (40, 50), (0, 1), (31, 39)];
        merge(&mut ranges);
        assert_eq!(ranges, [(0, 1), (10, 30), (31, 39), (40, 50)]);
        for (address, inside) in [(0, true), (2, false), (9, false), (30, true), (35, true)] {
            assert_eq!(in_ranges(&ranges, address), inside, "{address}");
        }
        assert!(!in_ranges(&ranges, 51));
        assert!(!in_ranges(&[], 0));
    }
}
