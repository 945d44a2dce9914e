//! The request context: who asks, to do what, on which resource, with
//! which context keys. Reference: `reference_policies_evaluation-logic.md`
//! ("Processing the request context").

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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ContextKeys {
    entries: Vec<ContextEntry>,
}

impl ContextKeys {
    /// No keys.
    pub fn new() -> Self {
        Self::default()
    }

    /// Looks a key up, ignoring case.
    pub fn get(&self, key: &str) -> Option<&ContextEntry> {
        self.entries
            .iter()
            .find(|e| e.key.eq_ignore_ascii_case(key))
    }

    /// Sets a key, replacing any value under the same name in any case.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<ContextValue>) {
        let key = key.into();
        let value = value.into();
        match self
            .entries
            .iter_mut()
            .find(|e| e.key.eq_ignore_ascii_case(&key))
        {
            Some(entry) => {
                entry.key = key;
                entry.value = value;
            }
            None => self.entries.push(ContextEntry { key, value }),
        }
    }

    /// Removes a key, ignoring case.
    pub fn remove(&mut self, key: &str) {
        self.entries.retain(|e| !e.key.eq_ignore_ascii_case(key));
    }

    /// Whether the key is present.
    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
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
