//! Condition keys: their value types, the operator families they work
//! with, and templated names such as `aws:RequestTag/${TagKey}`.

use crate::glob::{cmp_ignore_ascii_case, glob_match};
use std::cmp::Ordering;
use std::fmt;

/// The type of a condition key's values, as the Service Authorization
/// Reference names them; also the family of condition operators that
/// compares such values (reference_policies_elements_condition_operators.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ValueType {
    /// Text: `StringEquals`, `StringLike`, ...
    String,
    /// An ARN: `ArnEquals`, `ArnLike`, ...
    Arn,
    /// `true` or `false`: `Bool`.
    Bool,
    /// A date and time: `DateEquals`, `DateLessThan`, ...
    Date,
    /// A number: `NumericEquals`, `NumericLessThan`, ...
    Numeric,
    /// An IP address or CIDR range: `IpAddress`, `NotIpAddress`.
    IpAddress,
    /// Base-64 encoded bytes: `BinaryEquals`.
    Binary,
}

impl ValueType {
    /// The name the Service Authorization Reference uses (`ARN`, `IPAddress`).
    pub fn as_str(self) -> &'static str {
        match self {
            ValueType::String => "String",
            ValueType::Arn => "ARN",
            ValueType::Bool => "Bool",
            ValueType::Date => "Date",
            ValueType::Numeric => "Numeric",
            ValueType::IpAddress => "IPAddress",
            ValueType::Binary => "Binary",
        }
    }

    /// All value types, in declaration order.
    pub const ALL: [ValueType; 7] = [
        ValueType::String,
        ValueType::Arn,
        ValueType::Bool,
        ValueType::Date,
        ValueType::Numeric,
        ValueType::IpAddress,
        ValueType::Binary,
    ];

    /// The data files' one-letter code (lower case).
    pub(crate) fn from_code(code: u8) -> Option<ValueType> {
        Some(match code.to_ascii_lowercase() {
            b's' => ValueType::String,
            b'a' => ValueType::Arn,
            b'b' => ValueType::Bool,
            b'd' => ValueType::Date,
            b'n' => ValueType::Numeric,
            b'i' => ValueType::IpAddress,
            b'y' => ValueType::Binary,
            _ => return None,
        })
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for ValueType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The type of a condition key: its value type and whether the request
/// context can hold several values for it (a multivalued key, which takes
/// the `ForAllValues:`/`ForAnyValue:` set operators; see
/// reference_policies_single-vs-multi-valued-condition-keys.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyType {
    /// The type of each value.
    pub value: ValueType,
    /// Whether the key is multivalued (`ArrayOfString`, ...).
    pub multivalued: bool,
}

impl KeyType {
    /// Decodes a data-file type letter (upper case = multivalued).
    pub(crate) fn from_code(code: &str) -> Option<KeyType> {
        match code.as_bytes() {
            [c] => Some(KeyType {
                value: ValueType::from_code(*c)?,
                multivalued: c.is_ascii_uppercase(),
            }),
            _ => None,
        }
    }
}

impl fmt::Display for KeyType {
    /// The Service Authorization Reference's spelling: `String`,
    /// `ArrayOfString`, `ARN`, `ArrayOfARN`, ...
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.multivalued {
            f.write_str("ArrayOf")?;
        }
        f.write_str(self.value.as_str())
    }
}

/// A set of operator families, one bit per [`ValueType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct OperatorSet(u8);

impl OperatorSet {
    /// Decodes a data-file operator list such as `as`.
    pub(crate) fn from_codes(codes: &str) -> Option<OperatorSet> {
        let mut bits = 0;
        for code in codes.bytes() {
            if code.is_ascii_uppercase() {
                return None;
            }
            bits |= ValueType::from_code(code)?.bit();
        }
        (bits != 0).then_some(OperatorSet(bits))
    }

    /// The families a service key of this value type works with: its own,
    /// and String for ARN keys (ARN values are strings, and AWS documents
    /// ARN keys such as `aws:SourceArn` as working with both).
    pub(crate) fn for_value_type(value: ValueType) -> OperatorSet {
        match value {
            ValueType::Arn => OperatorSet(ValueType::Arn.bit() | ValueType::String.bit()),
            other => OperatorSet(other.bit()),
        }
    }

    fn contains(self, value: ValueType) -> bool {
        self.0 & value.bit() != 0
    }
}

/// The stored form of a condition key.
#[derive(Debug, Clone)]
pub(crate) struct KeyData {
    /// The name as the catalog spells it, e.g. `aws:RequestTag/${TagKey}`.
    pub name: &'static str,
    pub key_type: KeyType,
    pub operators: OperatorSet,
    /// For global keys: whether the SAR lists the key per action.
    pub per_action: bool,
    /// For templated names: the name as a glob (`aws:RequestTag/?*`).
    pub template: Option<Box<str>>,
}

impl KeyData {
    pub(crate) fn new(
        name: &'static str,
        key_type: KeyType,
        operators: OperatorSet,
        per_action: bool,
    ) -> KeyData {
        KeyData {
            name,
            key_type,
            operators,
            per_action,
            template: template_glob(name),
        }
    }

    /// Whether `key` (a name written in a policy) is this key: equal
    /// ignoring ASCII case, or filling each `${...}`/`<...>` placeholder of a
    /// templated name with at least one character.
    pub(crate) fn matches(&self, key: &str) -> bool {
        cmp_ignore_ascii_case(self.name, key) == Ordering::Equal
            || self
                .template
                .as_deref()
                .is_some_and(|glob| glob_match(glob, key))
    }
}

/// Turns a templated key name into a glob: each `${Name}` or `<name>`
/// placeholder becomes `?*` (one or more characters). `None` when the name
/// has no placeholder, or holds a `*` or `?` of its own.
fn template_glob(name: &str) -> Option<Box<str>> {
    if name.contains(['*', '?']) || !(name.contains("${") || name.contains('<')) {
        return None;
    }
    let mut glob = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(start) = rest.find(['$', '<']) {
        let (before, from) = rest.split_at(start);
        glob.push_str(before);
        let close = if from.starts_with("${") {
            '}'
        } else if from.starts_with('<') {
            '>'
        } else {
            glob.push('$');
            rest = from.get(1..).unwrap_or("");
            continue;
        };
        match from.find(close) {
            Some(end) => {
                glob.push_str("?*");
                rest = from.get(end + 1..).unwrap_or("");
            }
            None => {
                glob.push_str(from);
                rest = "";
            }
        }
    }
    glob.push_str(rest);
    Some(glob.into_boxed_str())
}

/// Where a condition key is defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyScope<'c> {
    /// A global key (`aws:*`), available across services.
    Global,
    /// A key the service with this prefix defines (`iam`, `s3`, ...).
    Service(&'c str),
}

/// A condition key in the catalog.
#[derive(Clone, Copy)]
pub struct ConditionKey<'c> {
    pub(crate) data: &'c KeyData,
    pub(crate) scope: KeyScope<'c>,
}

impl<'c> ConditionKey<'c> {
    /// The key's name as the catalog spells it; templated keys keep their
    /// placeholder (`aws:RequestTag/${TagKey}`, `s3:ExistingObjectTag/<key>`).
    pub fn name(&self) -> &'c str {
        self.data.name
    }

    /// Its value type and whether it is multivalued.
    pub fn key_type(&self) -> KeyType {
        self.data.key_type
    }

    /// Whether the key is global (`aws:*`) or a service's own.
    pub fn scope(&self) -> KeyScope<'c> {
        self.scope
    }

    /// Whether this is a global key (`aws:*`).
    pub fn is_global(&self) -> bool {
        self.scope == KeyScope::Global
    }

    /// Whether the name has a placeholder such as `${TagKey}`.
    pub fn is_template(&self) -> bool {
        self.data.template.is_some()
    }

    /// Whether `key`, as written in a policy, names this key (ignoring
    /// ASCII case; a placeholder matches one or more characters).
    pub fn matches(&self, key: &str) -> bool {
        self.data.matches(key)
    }

    /// Whether condition operators of `family` can compare this key's
    /// values (e.g. `NumericLessThan` needs [`ValueType::Numeric`]). Global
    /// keys list their families by hand from the User Guide
    /// (`aws:EpochTime` works with Date and Numeric operators); service keys
    /// work with their own value type's family, ARN keys also with String.
    pub fn works_with(&self, family: ValueType) -> bool {
        self.data.operators.contains(family)
    }

    /// The operator families this key works with.
    pub fn operator_families(&self) -> impl Iterator<Item = ValueType> + 'c {
        let operators = self.data.operators;
        ValueType::ALL
            .into_iter()
            .filter(move |t| operators.contains(*t))
    }

    /// For a global key: whether the Service Authorization Reference lists
    /// it action by action (`aws:RequestTag/${TagKey}`, `aws:ResourceTag/${TagKey}`,
    /// `aws:TagKeys`), so only some actions support it. Always `false` for
    /// other global keys, which any request can carry, and `true` for
    /// service keys.
    pub fn is_per_action(&self) -> bool {
        !self.is_global() || self.data.per_action
    }
}

impl fmt::Debug for ConditionKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConditionKey")
            .field("name", &self.data.name)
            .field("type", &self.data.key_type.to_string())
            .field("scope", &self.scope)
            .finish()
    }
}

impl PartialEq for ConditionKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.data, other.data)
    }
}

impl Eq for ConditionKey<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &'static str) -> KeyData {
        KeyData::new(
            name,
            KeyType {
                value: ValueType::String,
                multivalued: false,
            },
            OperatorSet::for_value_type(ValueType::String),
            false,
        )
    }

    #[test]
    fn templates_match_one_or_more_characters() {
        // reference_policies_condition-keys.md#condition-keys-requesttag:
        // `aws:RequestTag/tag-key`, tag keys compared case-insensitively.
        let request_tag = key("aws:RequestTag/${TagKey}");
        assert!(request_tag.matches("aws:RequestTag/Env"));
        assert!(request_tag.matches("AWS:requesttag/cost-center:team/a"));
        assert!(request_tag.matches("aws:RequestTag/${TagKey}"));
        assert!(!request_tag.matches("aws:RequestTag/"));
        assert!(!request_tag.matches("aws:RequestTagX"));
        let object_tag = key("s3:ExistingObjectTag/<key>");
        assert!(object_tag.matches("s3:ExistingObjectTag/classification"));
        assert!(!object_tag.matches("s3:ExistingObjectTag"));
        let middle = key("token.actions.githubusercontent.com/${SubPath}:actor");
        assert!(middle.matches("token.actions.githubusercontent.com/org/repo:actor"));
        assert!(!middle.matches("token.actions.githubusercontent.com/:actor"));
        let plain = key("aws:SourceIp");
        assert!(plain.matches("aws:sourceip"));
        assert!(!plain.matches("aws:SourceIpX"));
    }

    #[test]
    fn type_codes() {
        let multi = KeyType::from_code("S");
        assert_eq!(
            multi,
            Some(KeyType {
                value: ValueType::String,
                multivalued: true
            })
        );
        assert_eq!(
            multi.map(|t| t.to_string()).as_deref(),
            Some("ArrayOfString")
        );
        assert_eq!(KeyType::from_code("x"), None);
        assert_eq!(KeyType::from_code("ss"), None);
        assert_eq!(OperatorSet::from_codes(""), None);
        assert_eq!(OperatorSet::from_codes("S"), None);
    }
}
