//! Text comparison for the string operators.
//! Reference: `reference_policies_elements_condition_operators.md`,
//! "String condition operators".

/// `StringEqualsIgnoreCase`: equal after Unicode lower-casing of every
/// character (so `É` equals `é`, not only ASCII letters). The User Guide
/// says only "ignoring case"; full Unicode case-insensitivity is what a
/// reader expects for names in any script. Does not allocate.
pub fn equals_ignore_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_case() {
        assert!(equals_ignore_case("JohnDoe", "johndoe"));
        assert!(equals_ignore_case("ÉCOLE", "école"));
        assert!(equals_ignore_case("Straße", "STRAßE"));
        assert!(!equals_ignore_case("johndoe", "johndoe "));
        assert!(!equals_ignore_case("a", "b"));
        assert!(equals_ignore_case("", ""));
    }
}
