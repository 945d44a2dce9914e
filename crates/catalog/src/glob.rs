//! Wildcard matching for action patterns (`iam:Get*`) and templated
//! condition keys: `*` matches any run of characters (possibly empty), `?`
//! exactly one character, everything else itself ignoring ASCII case, as
//! IAM compares actions and condition key names.

use std::cmp::Ordering;

/// Whether `text` matches the whole of `pattern`.
///
/// Runs in O(pattern × text) at worst, without recursion: after a
/// mismatch it only retries from the most recent `*`, which is enough
/// because an earlier `*` could never match more usefully.
pub(crate) fn glob_match(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    // After a `*`: the pattern position after it and the text position
    // the `*` currently stops at.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some(b'*') => {
                pi += 1;
                star = Some((pi, ti));
            }
            Some(b'?') => {
                pi += 1;
                ti += char_len(t, ti);
            }
            Some(c) if t.get(ti).is_some_and(|x| c.eq_ignore_ascii_case(x)) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((after_star, stop)) => {
                    let next = stop + char_len(t, stop);
                    star = Some((after_star, next));
                    pi = after_star;
                    ti = next;
                }
                None => return false,
            },
        }
    }
    p.get(pi..)
        .is_some_and(|rest| rest.iter().all(|c| *c == b'*'))
}

/// Whether `pattern` holds a wildcard.
pub(crate) fn has_wildcard(pattern: &str) -> bool {
    pattern.contains(['*', '?'])
}

/// The length of the UTF-8 character starting at byte `at` (1 past the end).
fn char_len(text: &[u8], at: usize) -> usize {
    match text.get(at) {
        Some(b) if *b >= 0xF0 => 4,
        Some(b) if *b >= 0xE0 => 3,
        Some(b) if *b >= 0xC0 => 2,
        _ => 1,
    }
}

/// Compares two strings ignoring ASCII case, as the data files sort names.
pub(crate) fn cmp_ignore_ascii_case(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// Whether `haystack` contains `needle`, ignoring ASCII case.
pub(crate) fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_and_question_mark() {
        // reference_policies_elements_action.md: wildcards `*` and `?`,
        // action names compared case-insensitively.
        assert!(glob_match("iam:Get*", "iam:GetUser"));
        assert!(glob_match("iam:get*", "IAM:GetUser"));
        assert!(glob_match("iam:Get*", "iam:Get"));
        assert!(!glob_match("iam:Get*", "iam:ListUsers"));
        assert!(glob_match("*:Describe*", "ec2:DescribeInstances"));
        assert!(glob_match("ec2:Describe?nstances", "ec2:DescribeInstances"));
        assert!(!glob_match(
            "ec2:Describe?Instances",
            "ec2:DescribeInstances"
        ));
        assert!(glob_match("*", ""));
        assert!(!glob_match("?", ""));
        assert!(glob_match("a*b*c", "axxbyyc"));
        assert!(!glob_match("a*b*c", "axxbyy"));
        assert!(glob_match("*a*a*a*", "banana-a"));
        assert!(glob_match("é?", "éü"));
        assert!(!glob_match("abc", "ab"));
        assert!(!glob_match("ab", "abc"));
    }

    #[test]
    fn case_insensitive_helpers() {
        assert_eq!(cmp_ignore_ascii_case("EC2", "ec2"), Ordering::Equal);
        assert_eq!(cmp_ignore_ascii_case("a", "B"), Ordering::Less);
        assert!(contains_ignore_ascii_case("AmazonEC2FullAccess", "ec2full"));
        assert!(!contains_ignore_ascii_case("AmazonS3", "ec2"));
        assert!(contains_ignore_ascii_case("x", ""));
    }
}
