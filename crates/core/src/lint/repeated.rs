//! Entries written more than once in one `Action` / `NotAction` or
//! `Resource` / `NotResource` element. A repeat changes nothing (the
//! entries of an element are ORed), so it is reported once per distinct
//! entry, with how many times it appears, and the other findings look at
//! each distinct entry only once: a pasted list that repeats `"s3:*"`
//! thousands of times costs what one `"s3:*"` costs.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::code::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::policy::{Polarity, Policy, Statement};
use crate::source::Spanned;

/// The entries of one element grouped by what they mean.
#[derive(Debug)]
pub(crate) struct Distinct<'p> {
    /// The first occurrence of each distinct entry, in document order.
    #[cfg_attr(
        not(any(feature = "catalog", test)),
        expect(dead_code, reason = "only the catalog's findings look at each entry")
    )]
    pub first: Vec<&'p Spanned<String>>,
    /// Distinct entries written more than once: the first repeat (the
    /// second occurrence) and how many times the entry appears in all.
    pub repeats: Vec<(&'p Spanned<String>, usize)>,
}

/// Groups `entries` by `key` (the entry as compared: actions ignore ASCII
/// case, resources do not). Linear in the number of entries.
pub(crate) fn distinct<'p>(
    entries: &'p [Spanned<String>],
    key: impl Fn(&str) -> Cow<'_, str>,
) -> Distinct<'p> {
    // For each key: its slot in `first`, its first repeat, its count.
    let mut seen: HashMap<Cow<'p, str>, (usize, Option<usize>, usize)> = HashMap::new();
    let mut first = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let slot = seen.entry(key(&entry.value)).or_insert_with(|| {
            first.push(entry);
            (first.len() - 1, None, 0)
        });
        slot.2 += 1;
        if slot.2 == 2 {
            slot.1 = Some(i);
        }
    }
    let mut repeats: Vec<(usize, &'p Spanned<String>, usize)> = seen
        .into_values()
        .filter_map(|(slot, repeat, count)| {
            let repeat = entries.get(repeat?)?;
            Some((slot, repeat, count))
        })
        .collect();
    repeats.sort_by_key(|&(slot, _, _)| slot);
    Distinct {
        first,
        repeats: repeats
            .into_iter()
            .map(|(_, entry, count)| (entry, count))
            .collect(),
    }
}

/// Action names compare ignoring ASCII case, as IAM compares them.
pub(crate) fn action_key(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// Resources compare exactly.
pub(crate) fn resource_key(text: &str) -> Cow<'_, str> {
    Cow::Borrowed(text)
}

/// One finding per entry repeated within an element of a statement.
pub fn lint_repeated(policy: &Policy) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for statement in &policy.statements {
        repeated_in(statement, &mut out);
    }
    out
}

fn repeated_in(statement: &Statement, out: &mut Vec<Diagnostic>) {
    let action = &statement.action;
    let actions = distinct(&action.entries, action_key);
    report(&actions, element(action.polarity, "Action"), out);
    if let Some(resource) = &statement.resource {
        let resources = distinct(&resource.entries, resource_key);
        report(&resources, element(resource.polarity, "Resource"), out);
    }
}

/// The element's name as written: `Action` or `NotAction`, ...
fn element(polarity: Polarity, positive: &str) -> Cow<'_, str> {
    match polarity {
        Polarity::Positive => Cow::Borrowed(positive),
        Polarity::Negated => Cow::Owned(format!("Not{positive}")),
    }
}

fn report(found: &Distinct<'_>, element: Cow<'_, str>, out: &mut Vec<Diagnostic>) {
    for &(entry, count) in &found.repeats {
        out.push(
            Diagnostic::new(
                Severity::Suggestion,
                Code::RepeatedEntry,
                format!(
                    "`{}` appears {} times in `{element}`",
                    entry.value,
                    thousands(count)
                ),
                entry.loc,
            )
            .with_help("list each entry once: the repeats change nothing"),
        );
    }
}

/// `4000` as `4,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Loc;

    fn entries(texts: &[&str]) -> Vec<Spanned<String>> {
        texts
            .iter()
            .map(|t| Spanned::new((*t).to_owned(), Loc::default()))
            .collect()
    }

    #[test]
    fn groups_entries_in_document_order() {
        let list = entries(&["s3:*", "iam:Get*", "S3:*", "s3:*", "iam:get*", "ec2:X"]);
        let found = distinct(&list, action_key);
        let first: Vec<&str> = found.first.iter().map(|e| e.value.as_str()).collect();
        assert_eq!(first, ["s3:*", "iam:Get*", "ec2:X"]);
        let repeats: Vec<(&str, usize)> = found
            .repeats
            .iter()
            .map(|(e, n)| (e.value.as_str(), *n))
            .collect();
        // each reported at its first repeat, as written there
        assert_eq!(repeats, [("S3:*", 3), ("iam:get*", 2)]);
        let exact = distinct(&list, resource_key);
        assert_eq!(exact.first.len(), 5);
        assert_eq!(exact.repeats.len(), 1);
    }

    #[test]
    fn writes_thousands() {
        assert_eq!(thousands(2), "2");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(4000), "4,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
