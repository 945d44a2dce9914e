//! The request context: who asks, to do what, on which resource, with
//! which context keys. Reference: `reference_policies_evaluation-logic.md`
//! ("Processing the request context").

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// A scalar context value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    /// `true` / `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// Text.
    String(String),
}

impl Scalar {
    /// The value as AWS sees it in a string comparison.
    pub fn to_text(&self) -> String {
        match self {
            Scalar::Bool(b) => b.to_string(),
            Scalar::Number(n) => format_number(*n),
            Scalar::String(s) => s.clone(),
        }
    }
}

/// Formats a number without a trailing `.0` for integers; otherwise as
/// Rust's `{}` writes it.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        (n as i64).to_string()
    } else {
        shortest_decimal(n)
    }
}

/// `n` as Rust's `{}` writes it: the fewest significant digits that read
/// back as `n` (the closest such number), in plain (never exponent)
/// notation. Core's float formatting does the same but weighs about 15
/// KB in the JavaScript API's `.wasm`. This writes `n`'s exact decimal
/// value, then rounds it to 1, 2, ... significant digits and keeps the
/// first that parses back to `n` (parsing is correctly rounded).
fn shortest_decimal(n: f64) -> String {
    if n.is_nan() {
        return "NaN".to_owned();
    }
    let sign = if n.is_sign_negative() { "-" } else { "" };
    let x = n.abs();
    if x.is_infinite() {
        return format!("{sign}inf");
    }
    let (digits, point) = exact_decimal(x);
    for significant in 1..digits.len() {
        let rest = &digits[significant..];
        // Half rounds up, as Rust's does; on an exact tie, the number
        // below may read back where the one above does not.
        let tries: &[bool] = if rest == [5] {
            &[true, false]
        } else {
            &[rest[0] >= 5]
        };
        for &up in tries {
            let (rounded, at) = round_to(&digits, point, significant, up);
            let text = plain(&rounded, at);
            if text.parse::<f64>() == Ok(x) {
                return format!("{sign}{text}");
            }
        }
    }
    // The exact value always reads back.
    format!("{sign}{}", plain(&digits, point))
}

/// The exact decimal value of a finite `x` ≥ 0: its digits (most
/// significant first, no leading or trailing zeros; `[0]` for zero) and
/// how many of them come before the decimal point (negative: that many
/// zeros after the point first).
fn exact_decimal(x: f64) -> (Vec<u8>, i64) {
    let bits = x.to_bits();
    let biased = i64::try_from((bits >> 52) & 0x7ff).unwrap_or(0);
    let fraction = bits & ((1 << 52) - 1);
    // x = mantissa × 2^exponent.
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    // Least significant digit first while multiplying.
    let mut digits: Vec<u8> = mantissa
        .to_string()
        .bytes()
        .rev()
        .map(|b| b - b'0')
        .collect();
    let times = |digits: &mut Vec<u8>, factor: u64| {
        let mut carry = 0;
        for d in digits.iter_mut() {
            let v = u64::from(*d) * factor + carry;
            *d = (v % 10) as u8;
            carry = v / 10;
        }
        while carry > 0 {
            digits.push((carry % 10) as u8);
            carry /= 10;
        }
    };
    // m × 2^e, or m × 5^-e / 10^-e; by 2^30 or 5^13 at a time.
    let (base, chunk, count) = if exponent >= 0 {
        (2u64, 30, exponent)
    } else {
        (5, 13, -exponent)
    };
    let mut left = count;
    while left > 0 {
        let step = left.min(chunk);
        times(&mut digits, base.pow(u32::try_from(step).unwrap_or(0)));
        left -= step;
    }
    digits.reverse();
    let whole =
        i64::try_from(digits.len()).unwrap_or(i64::MAX) - if exponent < 0 { count } else { 0 };
    let leading = digits.iter().take_while(|&&d| d == 0).count();
    digits.drain(..leading.min(digits.len() - 1));
    let point = whole - i64::try_from(leading).unwrap_or(0);
    while digits.len() > 1 && digits.last() == Some(&0) {
        digits.pop();
    }
    (digits, point)
}

/// `digits` (with the point after `point` of them) cut to `significant`
/// digits, and one added to the last when rounding `up`; trailing zeros
/// dropped.
fn round_to(digits: &[u8], point: i64, significant: usize, up: bool) -> (Vec<u8>, i64) {
    let mut head = digits[..significant].to_vec();
    let mut point = point;
    if up {
        let mut i = head.len();
        loop {
            if i == 0 {
                // 99…9 rounds up to 100…0: one more whole digit.
                head.insert(0, 1);
                head.pop();
                point += 1;
                break;
            }
            i -= 1;
            if head[i] == 9 {
                head[i] = 0;
            } else {
                head[i] += 1;
                break;
            }
        }
    }
    while head.len() > 1 && head.last() == Some(&0) {
        head.pop();
    }
    (head, point)
}

/// Digits with the point after `point` of them, in plain notation:
/// `([1, 5], 1)` is `1.5`, `([1, 5], 4)` is `1500`, `([1, 5], -1)` is
/// `0.015`.
fn plain(digits: &[u8], point: i64) -> String {
    let text: String = digits.iter().map(|&d| char::from(b'0' + d)).collect();
    let len = i64::try_from(text.len()).unwrap_or(i64::MAX);
    let zeros = |n: i64| "0".repeat(usize::try_from(n).unwrap_or(0));
    if point <= 0 {
        format!("0.{}{text}", zeros(-point))
    } else if point >= len {
        text + &zeros(point - len)
    } else {
        let (whole, fraction) = text.split_at(usize::try_from(point).unwrap_or(0));
        format!("{whole}.{fraction}")
    }
}

/// A context key's value: one scalar, or a list for multi-valued keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ContextValue {
    /// A multi-valued key's set of values (possibly empty).
    List(Vec<Scalar>),
    /// A single-valued key.
    Single(Scalar),
}

impl ContextValue {
    /// Every value as text; a single value gives a list of one.
    pub fn texts(&self) -> crate::response::ContextKeyValues {
        match self {
            ContextValue::List(items) => {
                crate::response::ContextKeyValues::List(items.iter().map(Scalar::to_text).collect())
            }
            ContextValue::Single(s) => crate::response::ContextKeyValues::One(s.to_text()),
        }
    }

    /// Whether this is a multi-valued (list) value.
    pub fn is_multi(&self) -> bool {
        matches!(self, ContextValue::List(_))
    }
}

impl From<&str> for ContextValue {
    fn from(s: &str) -> Self {
        ContextValue::Single(Scalar::String(s.to_owned()))
    }
}

impl From<String> for ContextValue {
    fn from(s: String) -> Self {
        ContextValue::Single(Scalar::String(s))
    }
}

impl From<bool> for ContextValue {
    fn from(b: bool) -> Self {
        ContextValue::Single(Scalar::Bool(b))
    }
}

impl From<f64> for ContextValue {
    fn from(n: f64) -> Self {
        ContextValue::Single(Scalar::Number(n))
    }
}

/// One context key with its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContextEntry {
    /// The key as given, e.g. `aws:MultiFactorAuthAge`.
    pub key: String,
    /// Its value.
    pub value: ContextValue,
}

/// Looks up a request's context keys by name, ignoring case.
pub trait KeyLookup {
    /// The entry for `key`, if the request has it.
    fn get(&self, key: &str) -> Option<&ContextEntry>;

    /// The value of single-valued `key` as text, as a policy variable
    /// stands for it; `None` when the key is absent or multivalued. A
    /// lookup whose keys are made on demand can answer without making
    /// the whole entry.
    fn variable_text(&self, key: &str) -> Option<std::borrow::Cow<'_, str>> {
        match &self.get(key)?.value {
            ContextValue::Single(scalar) => Some(crate::variables::scalar_text(scalar)),
            ContextValue::List(_) => None,
        }
    }
}

/// Names the lookup without its entries: a `Debug` supertrait would put
/// every implementor's `Debug` (and float formatting for its numbers) in
/// each `dyn KeyLookup`'s vtable, and so in the JavaScript API's `.wasm`.
impl std::fmt::Debug for dyn KeyLookup + '_ {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyLookup")
    }
}

impl KeyLookup for ContextKeys {
    fn get(&self, key: &str) -> Option<&ContextEntry> {
        ContextKeys::get(self, key)
    }
}

/// The request's context keys. Keys compare case-insensitively, as AWS
/// compares condition key names.
///
/// Serialized as the list of entries. Past a few keys, an index by
/// lowercased name makes looking a key up or setting one cost the same
/// however many keys there are.
#[derive(Debug, Clone, Default)]
pub struct ContextKeys {
    entries: Vec<ContextEntry>,
    /// The position in `entries` of the first entry of each lowercased
    /// name; kept only past [`ContextKeys::SCAN_LIMIT`] entries.
    index: HashMap<String, usize>,
}

impl PartialEq for ContextKeys {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl Serialize for ContextKeys {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.entries.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ContextKeys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let entries = Vec::<ContextEntry>::deserialize(deserializer)?;
        let mut keys = ContextKeys {
            entries,
            index: HashMap::new(),
        };
        keys.reindex();
        Ok(keys)
    }
}

impl ContextKeys {
    /// Up to this many entries, a key is looked up by reading them all
    /// (cheaper than lowercasing it for the index).
    const SCAN_LIMIT: usize = 8;

    /// No keys.
    pub fn new() -> Self {
        Self::default()
    }

    /// The position of the first entry named `key`, ignoring case.
    fn position(&self, key: &str) -> Option<usize> {
        if self.entries.len() <= Self::SCAN_LIMIT {
            self.entries
                .iter()
                .position(|e| crate::matching::pattern::eq_ignore_case(&e.key, key))
        } else {
            self.index.get(&key.to_ascii_lowercase()).copied()
        }
    }

    /// Builds the index again from the entries (the first of each name wins).
    fn reindex(&mut self) {
        self.index.clear();
        if self.entries.len() <= Self::SCAN_LIMIT {
            return;
        }
        for (i, entry) in self.entries.iter().enumerate() {
            self.index
                .entry(entry.key.to_ascii_lowercase())
                .or_insert(i);
        }
    }

    /// Looks a key up, ignoring case.
    pub fn get(&self, key: &str) -> Option<&ContextEntry> {
        self.entries.get(self.position(key)?)
    }

    /// Sets a key, replacing any value under the same name in any case.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<ContextValue>) {
        let key = key.into();
        let value = value.into();
        if let Some(entry) = self.position(&key).and_then(|i| self.entries.get_mut(i)) {
            entry.key = key;
            entry.value = value;
            return;
        }
        self.entries.push(ContextEntry { key, value });
        match self.entries.len() {
            n if n <= Self::SCAN_LIMIT => {}
            n if n == Self::SCAN_LIMIT + 1 => self.reindex(),
            n => {
                if let Some(entry) = self.entries.last() {
                    self.index.insert(entry.key.to_ascii_lowercase(), n - 1);
                }
            }
        }
    }

    /// Removes a key, ignoring case.
    pub fn remove(&mut self, key: &str) {
        self.entries.retain(|e| !e.key.eq_ignore_ascii_case(key));
        self.reindex();
    }

    /// Whether the key is present.
    pub fn contains(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Every entry in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &ContextEntry> {
        self.entries.iter()
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no keys.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl FromIterator<(String, ContextValue)> for ContextKeys {
    fn from_iter<T: IntoIterator<Item = (String, ContextValue)>>(iter: T) -> Self {
        let mut keys = ContextKeys::new();
        for (k, v) in iter {
            keys.insert(k, v);
        }
        keys
    }
}

/// One request to evaluate: who, what, on which resource, with which
/// context keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The caller.
    pub principal: crate::principal::Principal,
    /// The action, e.g. `ec2:DescribeInstances`.
    pub action: String,
    /// The resource ARN, or `*` for actions without resource-level permissions.
    pub resource: String,
    /// The account that owns the resource; taken from the ARN when absent,
    /// and the caller's account when the ARN has none (S3 buckets, `*`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_account: Option<String>,
    /// Context keys given with the request. Keys that follow from the
    /// principal are added at evaluation unless given here.
    #[serde(default)]
    pub context: ContextKeys,
}

impl Request {
    /// The account that owns the resource (see [`Request::resource_account`]).
    pub fn effective_resource_account(&self) -> Option<String> {
        self.resource_account_str().map(str::to_owned)
    }

    /// [`Request::effective_resource_account`], borrowed from the request.
    pub fn resource_account_str(&self) -> Option<&str> {
        self.resource_account_in(&crate::matching::arn::RequestedResource::new(
            &self.resource,
        ))
    }

    /// [`Request::resource_account_str`] with the request's resource
    /// already split (`requested` is this request's resource).
    pub fn resource_account_in<'r>(
        &'r self,
        requested: &crate::matching::arn::RequestedResource<'r>,
    ) -> Option<&'r str> {
        self.resource_account
            .as_deref()
            .or_else(|| requested.account())
            .or_else(|| self.principal.account())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_keys_are_found_ignoring_case() {
        let mut keys = ContextKeys::new();
        for i in 0..100 {
            keys.insert(format!("test:Key{i}"), f64::from(i));
        }
        assert_eq!(keys.len(), 100);
        keys.insert("TEST:KEY7", "seven");
        assert_eq!(keys.len(), 100);
        let seven = keys.get("test:key7").expect("present");
        assert_eq!(seven.key, "TEST:KEY7");
        assert_eq!(*seven.value.texts(), ["seven"]);
        assert!(keys.contains("Test:Key99"));
        keys.remove("test:KEY99");
        assert!(!keys.contains("test:key99"));
        assert!(keys.contains("test:key98"));
        // order kept, and a round trip through JSON keeps the index
        let json = serde_json::to_string(&keys).expect("serializes");
        let back: ContextKeys = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, keys);
        assert_eq!(
            back.get("test:key98").map(|e| e.value.texts().to_vec()),
            Some(vec!["98".to_owned()])
        );
        assert_eq!(
            back.iter().next().map(|e| e.key.as_str()),
            Some("test:Key0")
        );
    }

    #[test]
    fn a_repeated_key_read_from_json_finds_the_first() {
        let mut entries = String::from("[");
        for i in 0..20 {
            entries.push_str(&format!(r#"{{"key": "k{i}", "value": "v{i}"}},"#));
        }
        entries.push_str(r#"{"key": "K3", "value": "later"}]"#);
        let keys: ContextKeys = serde_json::from_str(&entries).expect("deserializes");
        assert_eq!(keys.len(), 21);
        assert_eq!(
            keys.get("k3").map(|e| e.value.texts().to_vec()),
            Some(vec!["v3".to_owned()])
        );
    }

    /// Checks `format_number` against Rust's `{}` for non-integers and
    /// for integers too large for the `i64` path.
    fn agrees(n: f64) {
        if n.fract() == 0.0 && n.abs() < 1e15 {
            assert_eq!(format_number(n), format!("{}", n as i64));
        } else {
            assert_eq!(format_number(n), format!("{n}"), "bits {:#x}", n.to_bits());
        }
    }

    #[test]
    fn numbers_are_written_as_rusts_display_writes_them() {
        for n in [
            0.5,
            0.1,
            0.2,
            0.3,
            0.1 + 0.2,
            1.5,
            -2.25,
            3600.5,
            1e15,
            1e16,
            1e21,
            1e22,
            1e23,
            2f64.powi(53),
            2f64.powi(53) + 2.0,
            123_456_789.123_456_79,
            1e-7,
            1.5e-10,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            f64::EPSILON,
            9_007_199_254_740_993.0,
            0.000_001,
            1e300,
            -1e-300,
            4.35,
            2.675,
            1.005,
            1e-22,
            1e-23,
            7e22,
            8.5e37,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ] {
            agrees(n);
        }
        // Pseudo-random bit patterns (xorshift), and short decimals.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..5_000 {
            let n = f64::from_bits(next());
            if n.is_finite() {
                agrees(n);
            }
            let whole = (next() % 1_000_000) as f64;
            let places = (next() % 12) as i32;
            agrees(whole / 10f64.powi(places));
        }
    }
}
