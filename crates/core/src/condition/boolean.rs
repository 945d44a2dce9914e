//! `true` / `false` for the `Bool` and `Null` operators.
//! Reference: `reference_policies_elements_condition_operators.md`,
//! "Boolean condition operators" and "Condition operator to check
//! existence of condition keys".
//!
//! The User Guide writes the values in lower case and does not say whether
//! case matters; they are read ignoring ASCII case (`True`, `FALSE`), and
//! any other text is not a boolean.

/// Reads `true` or `false`, ignoring ASCII case.
pub fn parse_bool(text: &str) -> Option<bool> {
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_booleans() {
        assert_eq!(parse_bool("true"), Some(true));
        assert_eq!(parse_bool("TRUE"), Some(true));
        assert_eq!(parse_bool("False"), Some(false));
        assert_eq!(parse_bool("yes"), None);
        assert_eq!(parse_bool("1"), None);
        assert_eq!(parse_bool(" true"), None);
        assert_eq!(parse_bool(""), None);
    }
}
