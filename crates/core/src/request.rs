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

/// Formats a number without a trailing `.0` for integers.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
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
    pub fn texts(&self) -> Vec<String> {
        match self {
            ContextValue::List(items) => items.iter().map(Scalar::to_text).collect(),
            ContextValue::Single(s) => vec![s.to_text()],
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
pub trait KeyLookup: std::fmt::Debug {
    /// The entry for `key`, if the request has it.
    fn get(&self, key: &str) -> Option<&ContextEntry>;
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
                .position(|e| e.key.eq_ignore_ascii_case(key))
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
        if let Some(account) = &self.resource_account {
            return Some(account.clone());
        }
        let from_arn = crate::matching::Arn::parse(&self.resource)
            .map(|arn| arn.account)
            .filter(|a| !a.is_empty());
        match from_arn {
            Some(a) => Some(a.to_owned()),
            None => self.principal.account().map(str::to_owned),
        }
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
        assert_eq!(seven.value.texts(), ["seven"]);
        assert!(keys.contains("Test:Key99"));
        keys.remove("test:KEY99");
        assert!(!keys.contains("test:key99"));
        assert!(keys.contains("test:key98"));
        // order kept, and a round trip through JSON keeps the index
        let json = serde_json::to_string(&keys).expect("serializes");
        let back: ContextKeys = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, keys);
        assert_eq!(
            back.get("test:key98").map(|e| e.value.texts()),
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
            keys.get("k3").map(|e| e.value.texts()),
            Some(vec!["v3".to_owned()])
        );
    }
}
