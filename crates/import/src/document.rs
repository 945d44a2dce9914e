//! Policy documents built by the import (from YAML or JSON objects, from
//! Terraform's `aws_iam_policy_document` blocks, from Lambda permissions),
//! written as the workspace writes JSON: two-space indentation, one member
//! per line, arrays of scalars on one line when they fit.

use iamplay_core::json::{Json, JsonValue, Member};
use iamplay_core::workspace::write_json;
use iamplay_core::{Loc, Spanned};

/// A JSON value without a location (the import builds it).
pub(crate) fn json(value: JsonValue) -> Json {
    Json {
        value,
        loc: Loc::default(),
    }
}

/// A JSON string.
pub(crate) fn string(s: impl Into<String>) -> Json {
    json(JsonValue::String(s.into()))
}

/// A JSON object from its members in order.
pub(crate) fn object(members: Vec<(String, Json)>) -> Json {
    json(JsonValue::Object(
        members
            .into_iter()
            .map(|(key, value)| Member {
                key: Spanned::new(key, Loc::default()),
                value,
            })
            .collect(),
    ))
}

/// A string, or an array of strings when there is more than one, as IAM
/// writes single values.
pub(crate) fn one_or_many(mut items: Vec<String>) -> Json {
    if items.len() == 1
        && let Some(one) = items.pop()
    {
        return string(one);
    }
    json(JsonValue::Array(items.into_iter().map(string).collect()))
}

/// The document's text in the workspace style.
pub(crate) fn pretty(value: &Json) -> String {
    write_json(value)
}
