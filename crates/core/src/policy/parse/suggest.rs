//! "Did you mean ...?" hints for misspelt element, principal type and
//! condition operator names.

use crate::policy::operator::{BaseOperator, ConditionOperator, SetQualifier};

use std::sync::OnceLock;

/// Names longer than this are not compared (keeps the edit distance cheap
/// on hostile input).
const MAX_COMPARED_LEN: usize = 64;

/// The closest of `candidates` to `name`: a case-insensitive match first,
/// then the nearest by edit distance (ignoring case) if it is close
/// enough: at most 2 edits from a candidate of 5 or more bytes, 1 from a
/// shorter one; the first candidate wins a tie. Returns the candidate and
/// whether only the case differs.
///
/// Only candidates whose length is within the limit of `name`'s are
/// compared, each in a few word operations per character ([`BitName`]).
pub(crate) fn closest<'c, I>(name: &str, candidates: I) -> Option<(&'c str, bool)>
where
    I: IntoIterator<Item = &'c str>,
{
    if name.len() > MAX_COMPARED_LEN {
        return None;
    }
    let table = Candidates::new(candidates.into_iter().collect());
    let (index, case_only) = table.nearest(name)?;
    Some((*table.names.get(index)?, case_only))
}

/// The characters of `text`, ASCII letters lowercased.
fn lower_chars(text: &str) -> Vec<char> {
    text.chars().map(|c| c.to_ascii_lowercase()).collect()
}

/// Names to suggest from, with what comparing them needs worked out once.
struct Candidates<S> {
    names: Vec<S>,
    /// Each name's characters, ASCII letters lowercased.
    lower: Vec<Vec<char>>,
    /// Each name's [`Letters`].
    letters: Vec<Letters>,
    /// (length in characters, index) of each name, sorted: the names
    /// close enough in length to be within a few edits are a range.
    by_length: Vec<(usize, usize)>,
}

/// How many times each character occurs in a name, characters grouped
/// into 32 bins. An edit changes one count (a substitution two, one
/// down and one up), so names whose counts differ by more than the limit
/// in either direction are further apart than it: a quick test before
/// the edit distance.
#[derive(Debug, Clone, Copy)]
struct Letters([u8; 32]);

impl Letters {
    fn of(chars: &[char]) -> Letters {
        let mut counts = [0u8; 32];
        for &c in chars {
            if let Some(count) = counts.get_mut(c as usize % 32) {
                *count = count.saturating_add(1);
            }
        }
        Letters(counts)
    }

    /// A lower bound of the edit distance between the two names.
    fn distance_at_least(&self, other: &Letters) -> usize {
        // at most 32 × 255: no overflow in 16 bits, and the loop vectorizes
        let (mut missing, mut extra) = (0u16, 0u16);
        for (&a, &b) in self.0.iter().zip(&other.0) {
            missing += u16::from(a.saturating_sub(b));
            extra += u16::from(b.saturating_sub(a));
        }
        usize::from(missing.max(extra))
    }
}

impl<S: AsRef<str>> Candidates<S> {
    fn new(names: Vec<S>) -> Self {
        let lower: Vec<Vec<char>> = names.iter().map(|n| lower_chars(n.as_ref())).collect();
        let letters = lower.iter().map(|l| Letters::of(l)).collect();
        let mut by_length: Vec<(usize, usize)> = lower.iter().map(Vec::len).zip(0..).collect();
        by_length.sort_unstable();
        Candidates {
            names,
            lower,
            letters,
            by_length,
        }
    }

    /// [`closest`] among the names: the index of the one found and
    /// whether only the case differs.
    fn nearest(&self, name: &str) -> Option<(usize, bool)> {
        if name.len() > MAX_COMPARED_LEN {
            return None;
        }
        if let Some(same) = self
            .names
            .iter()
            .position(|c| c.as_ref().eq_ignore_ascii_case(name))
        {
            return Some((same, true));
        }
        let wanted = lower_chars(name);
        let bits = BitName::new(&wanted)?;
        let letters = Letters::of(&wanted);
        // No limit exceeds 2 edits, and an edit changes the length by at most one.
        let from = self
            .by_length
            .partition_point(|&(len, _)| len + 2 < wanted.len());
        let mut best: Option<(usize, usize)> = None;
        for &(len, i) in self.by_length.get(from..).unwrap_or_default() {
            if len > wanted.len() + 2 {
                break;
            }
            let (Some(candidate), Some(other), Some(counts)) =
                (self.names.get(i), self.lower.get(i), self.letters.get(i))
            else {
                continue;
            };
            let limit = if candidate.as_ref().len() >= 5 { 2 } else { 1 };
            // Only as close as the best so far can still win (on its index).
            let limit = best.map_or(limit, |(d, _)| limit.min(d));
            if letters.distance_at_least(counts) > limit {
                continue;
            }
            if let Some(distance) = bits.distance_within(other, limit)
                && best.is_none_or(|b| (distance, i) < b)
            {
                best = Some((distance, i));
            }
        }
        best.map(|(_, i)| (i, false))
    }
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
/// set qualifier and `IfExists`, where allowed. Built once.
fn operator_spellings() -> &'static Candidates<String> {
    static SPELLINGS: OnceLock<Candidates<String>> = OnceLock::new();
    SPELLINGS.get_or_init(|| {
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
        Candidates::new(names)
    })
}

/// A "did you mean" hint for an unknown condition operator.
pub(super) fn operator_hint(name: &str) -> Option<String> {
    let spellings = operator_spellings();
    let (index, case_only) = spellings.nearest(name)?;
    let candidate = spellings.names.get(index)?;
    Some(if case_only {
        format!("did you mean `{candidate}`? condition operator names are case-sensitive")
    } else {
        format!("did you mean `{candidate}`?")
    })
}

/// A name (at most 64 characters) ready to be compared with many others
/// by edit distance: for each character, the bit mask of the positions
/// where it occurs, so that a comparison costs a few word operations per
/// character of the other name (Myers' bit-parallel algorithm, in the
/// form of Hyyrö, "Explaining and extending the bit-parallel approximate
/// string matching algorithm of Myers", 2001).
struct BitName {
    /// The number of characters.
    len: usize,
    /// The masks of ASCII characters, by code.
    ascii: [u64; 128],
    /// The masks of other characters.
    other: Vec<(char, u64)>,
}

impl BitName {
    /// `None` for a name longer than 64 characters.
    fn new(chars: &[char]) -> Option<BitName> {
        if chars.len() > 64 {
            return None;
        }
        let mut name = BitName {
            len: chars.len(),
            ascii: [0; 128],
            other: Vec::new(),
        };
        for (i, &c) in chars.iter().enumerate() {
            let bit = 1u64 << i;
            match name.ascii.get_mut(c as usize) {
                Some(mask) => *mask |= bit,
                None => match name.other.iter_mut().find(|(o, _)| *o == c) {
                    Some((_, mask)) => *mask |= bit,
                    None => name.other.push((c, bit)),
                },
            }
        }
        Some(name)
    }

    fn mask(&self, c: char) -> u64 {
        match self.ascii.get(c as usize) {
            Some(&mask) => mask,
            None => self
                .other
                .iter()
                .find(|(o, _)| *o == c)
                .map_or(0, |&(_, mask)| mask),
        }
    }

    /// The Levenshtein distance to `other` (by characters) if it is at
    /// most `limit`, else `None`.
    fn distance_within(&self, other: &[char], limit: usize) -> Option<usize> {
        if self.len.abs_diff(other.len()) > limit {
            return None;
        }
        let Some(last) = self.len.checked_sub(1) else {
            return (other.len() <= limit).then_some(other.len());
        };
        let high = 1u64 << last;
        // Vertical deltas of the current column, as bit vectors: `plus`
        // where the distance grows by one going down, `minus` where it
        // shrinks by one. The first column counts 0, 1, 2, ...
        let (mut plus, mut minus) = (u64::MAX, 0u64);
        let mut distance = self.len;
        for &c in other {
            let equal = self.mask(c);
            let xv = equal | minus;
            let xh = ((equal & plus).wrapping_add(plus) ^ plus) | equal;
            let mut horizontal_plus = minus | !(xh | plus);
            let mut horizontal_minus = plus & xh;
            if horizontal_plus & high != 0 {
                distance += 1;
            } else if horizontal_minus & high != 0 {
                distance -= 1;
            }
            // the top row counts 0, 1, 2, ...: a +1 enters from above
            horizontal_plus = (horizontal_plus << 1) | 1;
            horizontal_minus <<= 1;
            plus = horizontal_minus | !(xv | horizontal_plus);
            minus = horizontal_plus & xv;
        }
        (distance <= limit).then_some(distance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain Levenshtein distance, by characters: what the bounded
    /// one must agree with.
    fn edit_distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut previous: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut current = vec![i + 1];
            for (j, &cb) in b.iter().enumerate() {
                let cell = (previous[j] + usize::from(ca != cb))
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1);
                current.push(cell);
            }
            previous = current;
        }
        previous[b.len()]
    }

    fn within(a: &str, b: &str, limit: usize) -> Option<usize> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        BitName::new(&a)?.distance_within(&b, limit)
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(within("resource", "resource", 2), Some(0));
        assert_eq!(within("resources", "resource", 2), Some(1));
        assert_eq!(within("statment", "statement", 2), Some(1));
        assert_eq!(within("", "abc", 3), Some(3));
        assert_eq!(within("", "abc", 2), None);
        assert_eq!(within("kitten", "sitting", 3), Some(3));
        assert_eq!(within("kitten", "sitting", 2), None);
        assert_eq!(within("abcdef", "badcfe", 2), None);
        let long = "ForAllValues:StringNotEqualsIgnoreCaseIfExists-and-some-more-tex";
        assert_eq!(long.len(), 64);
        assert_eq!(within(long, &long.replace("Case", "Cse"), 2), Some(1));
        assert_eq!(within(&format!("{long}x"), long, 2), None);
    }

    #[test]
    fn bounded_distance_agrees_with_the_plain_one() {
        // Every pair of strings over a small alphabet, up to length 5.
        let mut words = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = words
                .iter()
                .filter(|w| w.chars().count() == words.last().map_or(0, |l| l.chars().count()))
                .flat_map(|w| ["a", "b", "é"].map(|c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        for a in words.iter().step_by(3) {
            for b in &words {
                let exact = edit_distance(a, b);
                for limit in 0..4 {
                    let expected = (exact <= limit).then_some(exact);
                    assert_eq!(within(a, b, limit), expected, "{a:?} {b:?} within {limit}");
                }
            }
        }
    }

    #[test]
    fn letter_counts_never_exceed_the_edit_distance() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "StringEquals",
            "stringequal5",
            "éa",
            "a?",
        ];
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let bound = Letters::of(&ca).distance_at_least(&Letters::of(&cb));
                assert!(bound <= edit_distance(a, b), "{a:?} {b:?}");
            }
        }
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
