//! "Did you mean ...?" hints for misspelt element, principal type and
//! condition operator names.

use crate::policy::operator::{BaseOperator, ConditionOperator, SetQualifier};

/// Names longer than this are not compared (keeps the edit distance cheap
/// on hostile input).
const MAX_COMPARED_LEN: usize = 64;

/// The closest of `candidates` to `name`: a case-insensitive match first,
/// then the nearest by edit distance (ignoring case) if it is close
/// enough. Returns the candidate and whether only the case differs.
pub(crate) fn closest<'c, I>(name: &str, candidates: I) -> Option<(&'c str, bool)>
where
    I: IntoIterator<Item = &'c str>,
{
    if name.len() > MAX_COMPARED_LEN {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let mut best: Option<(&'c str, usize)> = None;
    for candidate in candidates {
        if candidate.eq_ignore_ascii_case(name) {
            return Some((candidate, true));
        }
        let distance = edit_distance(&lower, &candidate.to_ascii_lowercase());
        let limit = if candidate.len() >= 5 { 2 } else { 1 };
        if distance <= limit && best.is_none_or(|(_, d)| distance < d) {
            best = Some((candidate, distance));
        }
    }
    best.map(|(candidate, _)| (candidate, false))
}

/// A "did you mean" hint for `name` among `candidates`; `names` says what
/// the candidates are, for the case-sensitivity remark ("element names").
pub(super) fn did_you_mean<'c, I>(name: &str, candidates: I, names: &str) -> Option<String>
where
    I: IntoIterator<Item = &'c str>,
{
    closest(name, candidates).map(|(candidate, case_only)| {
        if case_only {
            format!("did you mean `{candidate}`? {names} are case-sensitive")
        } else {
            format!("did you mean `{candidate}`?")
        }
    })
}

/// Every valid operator spelling: each base operator with and without a
/// set qualifier and `IfExists`, where allowed.
fn operator_spellings() -> Vec<String> {
    let qualifiers = [
        None,
        Some(SetQualifier::ForAllValues),
        Some(SetQualifier::ForAnyValue),
    ];
    let mut names = Vec::with_capacity(BaseOperator::ALL.len() * 6);
    for &base in BaseOperator::ALL {
        for qualifier in qualifiers {
            for if_exists in [false, true] {
                let name = ConditionOperator {
                    qualifier,
                    base,
                    if_exists,
                }
                .to_string();
                if ConditionOperator::parse(&name).is_ok() {
                    names.push(name);
                }
            }
        }
    }
    names
}

/// A "did you mean" hint for an unknown condition operator.
pub(super) fn operator_hint(name: &str) -> Option<String> {
    let spellings = operator_spellings();
    did_you_mean(
        name,
        spellings.iter().map(String::as_str),
        "condition operator names",
    )
}

/// Levenshtein distance between two short strings, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    // `previous[j]`: the distance between the characters of `a` read so
    // far and the first `j` characters of `b`.
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        let mut left = i + 1;
        current.push(left);
        for ((&cb, &diagonal), &up) in b.iter().zip(&previous).zip(previous.iter().skip(1)) {
            left = (diagonal + usize::from(ca != cb)).min(up + 1).min(left + 1);
            current.push(left);
        }
        previous = current;
    }
    previous.last().copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("resource", "resource"), 0);
        assert_eq!(edit_distance("resources", "resource"), 1);
        assert_eq!(edit_distance("statment", "statement"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn prefers_case_only_matches() {
        let names = ["Action", "NotAction", "Effect"];
        assert_eq!(closest("effect", names), Some(("Effect", true)));
        assert_eq!(closest("Actions", names), Some(("Action", false)));
        assert_eq!(closest("Colour", names), None);
    }

    #[test]
    fn suggests_operators() {
        assert_eq!(
            operator_hint("StringEqual").as_deref(),
            Some("did you mean `StringEquals`?")
        );
        assert_eq!(
            operator_hint("stringequals").as_deref(),
            Some("did you mean `StringEquals`? condition operator names are case-sensitive")
        );
        assert_eq!(
            operator_hint("ForAnyValues:StringLike").as_deref(),
            Some("did you mean `ForAnyValue:StringLike`?")
        );
        assert_eq!(operator_hint("Frobnicate"), None);
    }
}
