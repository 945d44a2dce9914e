//! Dates for the `Date...` operators: ISO 8601 (the W3C profile) and
//! epoch seconds, read without any date library.
//! Reference: `reference_policies_elements_condition_operators.md`, "Date
//! condition operators" ("one of the W3C implementations of the ISO 8601
//! date formats or in epoch (UNIX) time").
//!
//! Accepted forms:
//! - `YYYY-MM`, `YYYY-MM-DD`: midnight UTC at the start of that month or day;
//! - `YYYY-MM-DDThh:mm`, `...Thh:mm:ss`, `...Thh:mm:ss.s` (any number of
//!   fraction digits, kept to the nanosecond), each followed by `Z`,
//!   `+hh:mm`, `-hh:mm` (or `+hhmm`), or by nothing, which means UTC;
//! - epoch seconds: digits with an optional `-` and fraction (`1577836800`,
//!   `1577836800.5`). Text made only of digits is always epoch seconds, so
//!   the W3C year-only form `YYYY` is read as seconds, not as a year.
//!
//! Two dates compare as instants: `2020-01-01T10:00:00+02:00` equals
//! `2020-01-01T08:00:00Z`, and `2020-01-01` equals `2020-01-01T00:00:00Z`.

/// A point in time: seconds since 1970-01-01T00:00:00Z and nanoseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant {
    /// Whole seconds since the epoch (negative before 1970).
    pub secs: i64,
    /// Nanoseconds within the second, below 1 000 000 000.
    pub nanos: u32,
}

const NANOS_PER_SEC: u32 = 1_000_000_000;

impl Instant {
    /// Reads an ISO 8601 date or epoch seconds; `None` if it is neither.
    pub fn parse(text: &str) -> Option<Instant> {
        let digits = text.strip_prefix('-').unwrap_or(text);
        if digits.bytes().next().is_some_and(|b| b.is_ascii_digit())
            && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        {
            return parse_epoch(text);
        }
        parse_iso(text)
    }

    /// Epoch seconds given as a JSON number; `None` if not finite or out
    /// of range.
    pub fn from_epoch_seconds(seconds: f64) -> Option<Instant> {
        const LIMIT: f64 = 9.0e15;
        if !seconds.is_finite() || seconds.abs() > LIMIT {
            return None;
        }
        let whole = seconds.floor();
        let nanos = ((seconds - whole) * f64::from(NANOS_PER_SEC)).round();
        // `as` is exact here: both values are whole and within range.
        let (secs, nanos) = (whole as i64, nanos as u32);
        Some(if nanos >= NANOS_PER_SEC {
            Instant {
                secs: secs + 1,
                nanos: 0,
            }
        } else {
            Instant { secs, nanos }
        })
    }
}

/// `[-]digits[.digits]`.
fn parse_epoch(text: &str) -> Option<Instant> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() || (digits.contains('.') && frac.is_empty()) {
        return None;
    }
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: i64 = int.parse().ok()?;
    let nanos = fraction_nanos(frac);
    Some(match (negative, nanos) {
        (false, _) => Instant { secs, nanos },
        (true, 0) => Instant {
            secs: secs.checked_neg()?,
            nanos: 0,
        },
        (true, n) => Instant {
            secs: secs.checked_neg()?.checked_sub(1)?,
            nanos: NANOS_PER_SEC - n,
        },
    })
}

/// Fraction digits as nanoseconds, digits beyond the ninth dropped.
fn fraction_nanos(frac: &str) -> u32 {
    let mut nanos = 0;
    let mut scale = NANOS_PER_SEC;
    for b in frac.bytes().take(9) {
        scale /= 10;
        nanos += u32::from(b - b'0') * scale;
    }
    nanos
}

/// A byte cursor over the text being read.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let found = self.peek() == Some(b);
        if found {
            self.pos += 1;
        }
        found
    }

    /// Exactly `count` ASCII digits as a number.
    fn number(&mut self, count: usize) -> Option<u32> {
        let digits = self.bytes.get(self.pos..self.pos + count)?;
        let mut value = 0;
        for &b in digits {
            if !b.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u32::from(b - b'0');
        }
        self.pos += count;
        Some(value)
    }

    fn done(&self) -> bool {
        self.pos == self.bytes.len()
    }
}

fn parse_iso(text: &str) -> Option<Instant> {
    let mut c = Cursor {
        bytes: text.as_bytes(),
        pos: 0,
    };
    let year = c.number(4)?;
    if !c.eat(b'-') {
        return None;
    }
    let month = c.number(2)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let has_day = c.eat(b'-');
    let day = if has_day { c.number(2)? } else { 1 };
    if day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(i64::from(year), month, day);
    let mut secs = days * 86_400;
    let mut nanos = 0;
    if !c.done() {
        // A time needs the full date.
        if !has_day || !c.eat(b'T') {
            return None;
        }
        let hour = c.number(2)?;
        if !c.eat(b':') {
            return None;
        }
        let minute = c.number(2)?;
        let second = if c.eat(b':') { c.number(2)? } else { 0 };
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        if c.eat(b'.') {
            let start = c.pos;
            while c.peek().is_some_and(|b| b.is_ascii_digit()) {
                c.pos += 1;
            }
            let frac = text.get(start..c.pos)?;
            if frac.is_empty() {
                return None;
            }
            nanos = fraction_nanos(frac);
        }
        secs += i64::from(hour * 3600 + minute * 60 + second);
        secs -= offset_seconds(&mut c)?;
    }
    c.done().then_some(Instant { secs, nanos })
}

/// The time zone designator as seconds east of UTC; none means UTC.
fn offset_seconds(c: &mut Cursor<'_>) -> Option<i64> {
    if c.done() || c.eat(b'Z') {
        return Some(0);
    }
    let sign = if c.eat(b'+') {
        1
    } else if c.eat(b'-') {
        -1
    } else {
        return None;
    };
    let hours = c.number(2)?;
    c.eat(b':');
    let minutes = c.number(2)?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    Some(sign * i64::from(hours * 3600 + minutes * 60))
}

fn is_leap_year(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given proleptic Gregorian date, counting
/// in 400-year cycles of 146 097 days with years starting in March (so
/// the leap day ends the year).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let cycle = year.div_euclid(400);
    let year_of_cycle = year.rem_euclid(400);
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_cycle = year_of_cycle * 365 + year_of_cycle / 4 - year_of_cycle / 100 + day_of_year;
    // 719 468 days from 0000-03-01 to 1970-01-01.
    cycle * 146_097 + day_of_cycle - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Instant {
        Instant::parse(text).unwrap_or_else(|| panic!("`{text}` should parse"))
    }

    fn secs(s: i64) -> Instant {
        Instant { secs: s, nanos: 0 }
    }

    #[test]
    fn calendar_arithmetic() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1970, 1, 2), 1);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2020, 1, 1), 18_262);
        assert_eq!(days_from_civil(2024, 2, 29), 19_782);
        assert_eq!(days_from_civil(1600, 1, 1), -135_140);
    }

    // reference_policies_elements_condition_operators.md, "Date condition
    // operators": the `aws:TokenIssueTime` example and the W3C forms.
    #[test]
    fn iso_forms() {
        assert_eq!(at("2020-01-01T00:00:01Z"), secs(1_577_836_801));
        assert_eq!(at("2020-01-01"), secs(1_577_836_800));
        assert_eq!(at("2020-01"), secs(1_577_836_800));
        assert_eq!(at("2020-01-01T00:00Z"), secs(1_577_836_800));
        assert_eq!(at("2020-01-01T00:00:00"), secs(1_577_836_800));
        assert_eq!(
            at("2020-01-01T00:00:00.25Z"),
            Instant {
                secs: 1_577_836_800,
                nanos: 250_000_000
            }
        );
        assert_eq!(
            at("2020-01-01T00:00:00.1234567891Z"),
            Instant {
                secs: 1_577_836_800,
                nanos: 123_456_789
            }
        );
        assert_eq!(at("2024-02-29T23:59:59Z"), secs(1_709_251_199));
    }

    #[test]
    fn offsets_compare_as_instants() {
        assert_eq!(at("2020-01-01T10:00:00+02:00"), at("2020-01-01T08:00:00Z"));
        assert_eq!(at("2020-01-01T10:00:00+0200"), at("2020-01-01T08:00:00Z"));
        assert_eq!(at("2019-12-31T19:00:00-05:00"), at("2020-01-01T00:00:00Z"));
        assert_eq!(at("2020-01-01T05:30+05:30"), at("2020-01-01"));
        assert!(at("2020-01-01T10:00:00+02:00") < at("2020-01-01T09:00:00Z"));
    }

    #[test]
    fn epoch_seconds() {
        assert_eq!(at("1577836800"), at("2020-01-01T00:00:00Z"));
        assert_eq!(at("0"), secs(0));
        assert_eq!(at("-1"), secs(-1));
        assert_eq!(
            at("-1.25"),
            Instant {
                secs: -2,
                nanos: 750_000_000
            }
        );
        assert_eq!(
            at("1.5"),
            Instant {
                secs: 1,
                nanos: 500_000_000
            }
        );
        assert_eq!(
            Instant::from_epoch_seconds(1_577_836_800.0),
            Some(secs(1_577_836_800))
        );
        assert_eq!(
            Instant::from_epoch_seconds(-0.5),
            Some(Instant {
                secs: -1,
                nanos: 500_000_000
            })
        );
        assert_eq!(Instant::from_epoch_seconds(f64::NAN), None);
        assert_eq!(Instant::from_epoch_seconds(f64::INFINITY), None);
    }

    #[test]
    fn rejects_bad_dates() {
        for text in [
            "",
            "abc",
            "2020",
            "2020-13-01",
            "2020-00-01",
            "2019-02-29",
            "2020-04-31",
            "2020-01-00",
            "2020-1-1",
            "2020-01-01T",
            "2020-01-01T24:00:00Z",
            "2020-01-01T10:60:00Z",
            "2020-01-01T10:00:60Z",
            "2020-01-01T10Z",
            "2020-01-01T10:00:00.Z",
            "2020-01-01T10:00:00+2:00",
            "2020-01-01T10:00:00+24:00",
            "2020-01-01T10:00:00X",
            "2020-01-01 10:00:00Z",
            "2020-01T10:00Z",
            "2020-01-01T10:00:00Zjunk",
            "1.",
            ".5",
            "1..2",
            "99999999999999999999",
        ] {
            if text == "2020" {
                // Digits only: epoch seconds, not a year.
                assert_eq!(Instant::parse(text), Some(secs(2020)));
                continue;
            }
            assert_eq!(Instant::parse(text), None, "`{text}`");
        }
    }
}
