//! Whether two wildcard patterns (`*`, `?`) can match a common string:
//! used to tell that a `Resource` entry can never match any ARN of an
//! action's resource types. Linear in the product of the pattern lengths.

/// Whether some string matches both `a` and `b`.
pub fn globs_overlap(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // reach[i][j]: the prefixes a[..i] and b[..j] can match a common string.
    let (n, m) = (a.len(), b.len());
    let mut reach = vec![vec![false; m + 1]; n + 1];
    reach[0][0] = true;
    for i in 0..=n {
        for j in 0..=m {
            if !reach[i][j] {
                continue;
            }
            // a `*` may match nothing
            if i < n && a[i] == '*' {
                reach[i + 1][j] = true;
            }
            if j < m && b[j] == '*' {
                reach[i][j + 1] = true;
            }
            if i < n && j < m {
                let (x, y) = (a[i], b[j]);
                match (x, y) {
                    ('*', '*') => {
                        reach[i + 1][j + 1] = true;
                    }
                    // a `*` absorbs one character of the other side and stays
                    ('*', _) => {
                        reach[i][j + 1] = true;
                    }
                    (_, '*') => {
                        reach[i + 1][j] = true;
                    }
                    ('?', _) | (_, '?') => reach[i + 1][j + 1] = true,
                    _ if x == y => reach[i + 1][j + 1] = true,
                    _ => {}
                }
            }
        }
    }
    reach[n][m]
}

/// Whether some ARN matches both ARN patterns under the `Resource`
/// element's rules: wildcards stay within each of the first five
/// colon-separated segments; the resource part matches as one glob.
/// Patterns that are not six-part ARNs are compared as plain globs.
pub fn arn_patterns_overlap(a: &str, b: &str) -> bool {
    match (split_arn(a), split_arn(b)) {
        (Some(x), Some(y)) => x.iter().zip(y.iter()).all(|(p, q)| globs_overlap(p, q)),
        _ => globs_overlap(a, b),
    }
}

fn split_arn(text: &str) -> Option<[&str; 6]> {
    let mut parts = text.splitn(6, ':');
    let out = [
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    ];
    (out[0] == "arn").then_some(out)
}

#[cfg(test)]
mod tests {
    use super::{arn_patterns_overlap, globs_overlap};

    #[test]
    fn overlapping_patterns() {
        assert!(arn_patterns_overlap(
            "arn:aws:iam::1:user/*",
            "arn:*:iam::*:user/*"
        ));
        assert!(globs_overlap("*", "anything"));
        assert!(globs_overlap("a?c", "abc"));
        assert!(globs_overlap("a*z", "*b*"));
        assert!(globs_overlap("", ""));
        assert!(globs_overlap("*", ""));
        assert!(globs_overlap("x*", "*y"));
        // as plain globs the partition `*` may run over colons
        assert!(globs_overlap(
            "arn:aws:iam::1:user/*",
            "arn:*:iam::*:role/*"
        ));
    }

    #[test]
    fn disjoint_patterns() {
        assert!(!arn_patterns_overlap(
            "arn:aws:iam::1:user/*",
            "arn:*:iam::*:role/*"
        ));
        assert!(!arn_patterns_overlap(
            "arn:aws:s3:::b/*",
            "arn:*:ec2:*:*:instance/*"
        ));
        assert!(!globs_overlap("abc", "abd"));
        assert!(!globs_overlap("a?", "a"));
    }
}
