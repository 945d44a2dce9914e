//! Condition operators: `StringEquals`, `ForAnyValue:StringLike`,
//! `NumericLessThanIfExists`, `Null`, ...
//! Reference: `reference_policies_elements_condition_operators.md`.

use serde::{Deserialize, Serialize};

/// The set qualifier in front of an operator, for multi-valued keys.
/// Reference: `reference_policies_multi-value-conditions.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SetQualifier {
    /// `ForAllValues:`: every request value must match some policy value.
    ForAllValues,
    /// `ForAnyValue:`: at least one request value must match.
    ForAnyValue,
}

impl SetQualifier {
    /// The prefix without the colon.
    pub fn as_str(self) -> &'static str {
        match self {
            SetQualifier::ForAllValues => "ForAllValues",
            SetQualifier::ForAnyValue => "ForAnyValue",
        }
    }
}

/// The families of operators, which decide how values are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OperatorFamily {
    /// String comparison.
    String,
    /// Numbers.
    Numeric,
    /// Dates (ISO 8601 or epoch seconds).
    Date,
    /// `Bool`.
    Bool,
    /// `BinaryEquals` (base-64).
    Binary,
    /// `IpAddress` / `NotIpAddress` (CIDR).
    Ip,
    /// ARN comparison.
    Arn,
    /// `Null`: whether the key is absent.
    Null,
}

macro_rules! base_operators {
    ($($variant:ident => $name:literal, $family:ident, $negated:literal;)*) => {
        /// A condition operator without qualifier or `IfExists`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum BaseOperator {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant,
            )*
        }

        impl BaseOperator {
            /// Every operator, in the order of the User Guide.
            pub const ALL: &'static [BaseOperator] = &[$(BaseOperator::$variant),*];

            /// The operator's name as written in policies.
            pub fn as_str(self) -> &'static str {
                match self { $(BaseOperator::$variant => $name,)* }
            }

            /// The family that decides how values are compared.
            pub fn family(self) -> OperatorFamily {
                match self { $(BaseOperator::$variant => OperatorFamily::$family,)* }
            }

            /// Whether this is a negated operator (`StringNotEquals`,
            /// `NotIpAddress`, ...), which holds when no value matches.
            pub fn is_negated(self) -> bool {
                match self { $(BaseOperator::$variant => $negated,)* }
            }

            /// Looks up an operator by its exact (case-sensitive) name.
            pub fn from_name(name: &str) -> Option<BaseOperator> {
                match name { $($name => Some(BaseOperator::$variant),)* _ => None }
            }
        }
    };
}

base_operators! {
    StringEquals => "StringEquals", String, false;
    StringNotEquals => "StringNotEquals", String, true;
    StringEqualsIgnoreCase => "StringEqualsIgnoreCase", String, false;
    StringNotEqualsIgnoreCase => "StringNotEqualsIgnoreCase", String, true;
    StringLike => "StringLike", String, false;
    StringNotLike => "StringNotLike", String, true;
    NumericEquals => "NumericEquals", Numeric, false;
    NumericNotEquals => "NumericNotEquals", Numeric, true;
    NumericLessThan => "NumericLessThan", Numeric, false;
    NumericLessThanEquals => "NumericLessThanEquals", Numeric, false;
    NumericGreaterThan => "NumericGreaterThan", Numeric, false;
    NumericGreaterThanEquals => "NumericGreaterThanEquals", Numeric, false;
    DateEquals => "DateEquals", Date, false;
    DateNotEquals => "DateNotEquals", Date, true;
    DateLessThan => "DateLessThan", Date, false;
    DateLessThanEquals => "DateLessThanEquals", Date, false;
    DateGreaterThan => "DateGreaterThan", Date, false;
    DateGreaterThanEquals => "DateGreaterThanEquals", Date, false;
    Bool => "Bool", Bool, false;
    BinaryEquals => "BinaryEquals", Binary, false;
    IpAddress => "IpAddress", Ip, false;
    NotIpAddress => "NotIpAddress", Ip, true;
    ArnEquals => "ArnEquals", Arn, false;
    ArnLike => "ArnLike", Arn, false;
    ArnNotEquals => "ArnNotEquals", Arn, true;
    ArnNotLike => "ArnNotLike", Arn, true;
    Null => "Null", Null, false;
}

/// A full condition operator: optional set qualifier, base operator, and
/// optional `IfExists` suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ConditionOperator {
    /// `ForAllValues:` or `ForAnyValue:`, if present.
    pub qualifier: Option<SetQualifier>,
    /// The operator proper.
    pub base: BaseOperator,
    /// Whether `IfExists` was appended.
    pub if_exists: bool,
}

/// Why an operator name could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OperatorError {
    /// Not an operator at all.
    #[error("unknown condition operator `{0}`")]
    Unknown(String),
    /// A set qualifier that is not `ForAllValues` or `ForAnyValue`.
    #[error("unknown set operator `{0}`; use `ForAllValues` or `ForAnyValue`")]
    UnknownQualifier(String),
    /// `NullIfExists` and friends.
    #[error("`{0}` cannot take `IfExists`")]
    IfExistsNotAllowed(String),
    /// `ForAnyValue:Null` and friends.
    #[error("`{0}` cannot take a set operator")]
    QualifierNotAllowed(String),
}

impl ConditionOperator {
    /// Reads an operator name such as `ForAnyValue:StringLikeIfExists`.
    /// Names are case-sensitive, as AWS reads them.
    pub fn parse(name: &str) -> Result<ConditionOperator, OperatorError> {
        let (qualifier, rest) = match name.split_once(':') {
            Some(("ForAllValues", rest)) => (Some(SetQualifier::ForAllValues), rest),
            Some(("ForAnyValue", rest)) => (Some(SetQualifier::ForAnyValue), rest),
            Some((q, _)) => return Err(OperatorError::UnknownQualifier(q.to_owned())),
            None => (None, name),
        };
        let (base_name, if_exists) = match rest.strip_suffix("IfExists") {
            Some(base) => (base, true),
            None => (rest, false),
        };
        let base = BaseOperator::from_name(base_name)
            .ok_or_else(|| OperatorError::Unknown(name.to_owned()))?;
        if base == BaseOperator::Null && if_exists {
            return Err(OperatorError::IfExistsNotAllowed("Null".to_owned()));
        }
        if base == BaseOperator::Null && qualifier.is_some() {
            return Err(OperatorError::QualifierNotAllowed("Null".to_owned()));
        }
        Ok(ConditionOperator {
            qualifier,
            base,
            if_exists,
        })
    }
}

impl std::fmt::Display for ConditionOperator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(q) = self.qualifier {
            write!(f, "{}:", q.as_str())?;
        }
        f.write_str(self.base.as_str())?;
        if self.if_exists {
            f.write_str("IfExists")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_qualifier_base_and_if_exists() {
        let op = ConditionOperator::parse("ForAnyValue:StringLikeIfExists").unwrap();
        assert_eq!(op.qualifier, Some(SetQualifier::ForAnyValue));
        assert_eq!(op.base, BaseOperator::StringLike);
        assert!(op.if_exists);
        assert_eq!(op.to_string(), "ForAnyValue:StringLikeIfExists");
    }

    #[test]
    fn rejects_unknown_and_misplaced_parts() {
        assert_eq!(
            ConditionOperator::parse("StringEqual"),
            Err(OperatorError::Unknown("StringEqual".into()))
        );
        assert_eq!(
            ConditionOperator::parse("ForSomeValues:StringEquals"),
            Err(OperatorError::UnknownQualifier("ForSomeValues".into()))
        );
        assert!(ConditionOperator::parse("NullIfExists").is_err());
        assert!(ConditionOperator::parse("stringequals").is_err());
    }
}
