//! Numbers for the `Numeric...` operators: integers and decimals, read
//! exactly (no floating-point rounding) when both sides are text.
//! Reference: `reference_policies_elements_condition_operators.md`,
//! "Numeric condition operators" ("an integer or decimal value").
//!
//! Accepted: an optional `+` or `-`, digits, and an optional `.` with
//! digits, with at least one digit in all (`10`, `-1.5`, `0.25`, `.5`,
//! `5.`). Not accepted: exponents (`1e3`), spaces, `NaN`, `Infinity`.

use std::cmp::Ordering;

/// A decimal number read from text, normalised so that equal numbers
/// (`1`, `1.0`, `01`, `+1`) compare equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal<'a> {
    /// The text as written.
    text: &'a str,
    /// Whether the number is below zero (never set for zero).
    negative: bool,
    /// Integer digits without leading zeros.
    int: &'a str,
    /// Fraction digits without trailing zeros.
    frac: &'a str,
}

impl<'a> Decimal<'a> {
    /// Reads a decimal; `None` if `text` is not one.
    pub fn parse(text: &'a str) -> Option<Decimal<'a>> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) {
            return None;
        }
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        let is_zero = int.is_empty() && frac.is_empty();
        Some(Decimal {
            text,
            negative: negative && !is_zero,
            int,
            frac,
        })
    }

    /// The nearest `f64`, to compare with a number given as a JSON number.
    pub fn to_f64(self) -> f64 {
        // The grammar above is a subset of what `f64::from_str` accepts.
        self.text.parse().unwrap_or(f64::NAN)
    }

    fn magnitude_cmp(self, other: Decimal<'_>) -> Ordering {
        self.int
            .len()
            .cmp(&other.int.len())
            .then_with(|| self.int.cmp(other.int))
            .then_with(|| self.frac.cmp(other.frac))
    }

    /// What identifies the number: equal numbers, however written, have
    /// equal keys (sign, integer digits, fraction digits).
    pub(crate) fn key(self) -> (bool, &'a str, &'a str) {
        (self.negative, self.int, self.frac)
    }

    /// Exact comparison.
    pub fn compare(self, other: Decimal<'_>) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.magnitude_cmp(other),
            (true, true) => other.magnitude_cmp(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp(a: &str, b: &str) -> Ordering {
        Decimal::parse(a)
            .unwrap()
            .compare(Decimal::parse(b).unwrap())
    }

    #[test]
    fn equal_numbers_in_different_forms() {
        for (a, b) in [
            ("1", "1.0"),
            ("1", "01"),
            ("1", "+1"),
            ("0", "-0"),
            ("0", "0.000"),
            (".5", "0.5"),
            ("5.", "5"),
            ("-2.50", "-2.5"),
        ] {
            assert_eq!(cmp(a, b), Ordering::Equal, "{a} = {b}");
        }
    }

    #[test]
    fn ordering() {
        for (a, b) in [
            ("9", "10"),
            ("0.5", "0.51"),
            ("0.51", "0.6"),
            ("-10", "-9"),
            ("-0.1", "0"),
            ("-1", "1"),
            ("3599", "3600"),
            ("9007199254740992", "9007199254740993"),
            ("1.000000000000000001", "1.000000000000000002"),
        ] {
            assert_eq!(cmp(a, b), Ordering::Less, "{a} < {b}");
            assert_eq!(cmp(b, a), Ordering::Greater, "{b} > {a}");
        }
    }

    #[test]
    fn rejects_non_numbers() {
        for text in [
            "", "-", "+", ".", "abc", "1e3", " 1", "1 ", "1.2.3", "NaN", "inf", "--1", "0x10",
            "1,5",
        ] {
            assert_eq!(Decimal::parse(text), None, "`{text}`");
        }
    }

    #[test]
    fn converts_to_f64() {
        assert_eq!(Decimal::parse("+1.5").unwrap().to_f64(), 1.5);
        assert_eq!(Decimal::parse(".5").unwrap().to_f64(), 0.5);
        assert_eq!(Decimal::parse("5.").unwrap().to_f64(), 5.0);
    }
}
