//! What the editor says about the parts of a policy, as Markdown for
//! hovers and completion details: actions (access level, resource types
//! and their ARN formats), action patterns, condition keys, condition
//! operators and policy elements.

use std::fmt::Write as _;

use iamplay_catalog::{AccessLevel, Action, ConditionKey, KeyScope, ValueType, services};
use iamplay_core::policy::{BaseOperator, ConditionOperator, OperatorFamily, SetQualifier};

/// What a hover says of actions and condition keys before AWS's service
/// data has arrived (it is fetched once the first decision is on screen).
const LOADING: &str = "AWS's service data is still loading…";

/// How many actions a pattern's hover lists by name.
const LISTED_ACTIONS: usize = 12;

/// Markdown about an `Action` entry: one action, or what a wildcard
/// pattern matches.
pub(crate) fn action_entry(entry: &str) -> String {
    let Some(catalog) = services() else {
        return LOADING.to_owned();
    };
    if entry == "*" {
        return format!(
            "**`*`** matches every action: all {} of them",
            catalog.action_count()
        );
    }
    if !entry.contains(['*', '?']) {
        return match catalog.action(entry) {
            Some(action) => action_details(action),
            None if entry.contains(':') => {
                format!("**`{entry}`** is not an action the service data knows")
            }
            None => format!("**`{entry}`** needs a service prefix, as in `ec2:DescribeInstances`"),
        };
    }
    let matched = catalog.expand_action_pattern(entry);
    if matched.is_empty() {
        return format!("**`{entry}`** matches no action");
    }
    let mut text = format!(
        "**`{entry}`** matches {} action{}",
        matched.len(),
        if matched.len() == 1 { "" } else { "s" }
    );
    let by_level: Vec<String> = ACCESS_LEVELS
        .iter()
        .filter_map(|level| {
            let count = matched
                .iter()
                .filter(|a| a.access_level() == *level)
                .count();
            (count > 0).then(|| format!("{level} {count}"))
        })
        .collect();
    let _ = write!(text, " ({})\n\n", by_level.join(", "));
    for action in matched.iter().take(LISTED_ACTIONS) {
        let _ = writeln!(text, "- `{action}` · {}", action.access_level());
    }
    if matched.len() > LISTED_ACTIONS {
        let _ = writeln!(text, "- and {} more", matched.len() - LISTED_ACTIONS);
    }
    text
}

/// Every access level, in the Service Authorization Reference's order.
const ACCESS_LEVELS: [AccessLevel; 5] = [
    AccessLevel::List,
    AccessLevel::Read,
    AccessLevel::Write,
    AccessLevel::PermissionsManagement,
    AccessLevel::Tagging,
];

/// Markdown about one action: its access level, service, and resource
/// types with their ARN formats.
pub(crate) fn action_details(action: Action<'_>) -> String {
    let mut text = format!(
        "**`{action}`** · {} access\n\n{}\n\n",
        action.access_level(),
        action.service().name()
    );
    if action.supports_only_wildcard_resource() {
        text.push_str(
            "No resource types: the action has no resource-level permissions, so \
             `\"Resource\"` must be `\"*\"`\n",
        );
        return text;
    }
    text.push_str("Resource types (\\* required):\n\n");
    for resource in action.resource_types() {
        let _ = writeln!(
            text,
            "- `{}`{} `{}`",
            resource.name(),
            if resource.required() { "\\*" } else { "" },
            resource.arn_format()
        );
    }
    text
}

/// The one-line detail of an action in the completion list.
pub(crate) fn action_detail(action: Action<'_>) -> String {
    format!("{} · {}", action.access_level(), action.service().name())
}

/// Markdown about a condition key as written in a policy.
pub(crate) fn condition_key(name: &str) -> String {
    let Some(catalog) = services() else {
        return LOADING.to_owned();
    };
    match catalog.condition_key(name) {
        Some(key) => key_details(key),
        None => format!("**`{name}`** is not a condition key the service data knows"),
    }
}

/// Markdown about a catalog condition key: type, scope and the operator
/// families it works with.
pub(crate) fn key_details(key: ConditionKey<'_>) -> String {
    let families: Vec<&str> = key.operator_families().map(ValueType::as_str).collect();
    let mut text = format!("**`{}`** · {}\n\n", key.name(), key.key_type());
    match key.scope() {
        KeyScope::Global => text.push_str("Global condition key"),
        KeyScope::Service(prefix) => {
            let _ = write!(text, "Condition key of `{prefix}`");
        }
    }
    if !families.is_empty() {
        let _ = write!(text, "; works with {} operators", families.join(" and "));
    }
    if key.key_type().multivalued {
        text.push_str(
            "\n\nMultivalued: compare it with `ForAnyValue:` or `ForAllValues:` operators",
        );
    }
    text
}

/// The one-line detail of a condition key in the completion list.
pub(crate) fn key_detail(key: ConditionKey<'_>) -> String {
    match key.scope() {
        KeyScope::Global => format!("{} · global", key.key_type()),
        KeyScope::Service(prefix) => format!("{} · {prefix}", key.key_type()),
    }
}

/// Markdown about a condition operator as written.
pub(crate) fn operator(name: &str) -> String {
    match ConditionOperator::parse(name) {
        Ok(operator) => operator_details(operator),
        Err(error) => format!("**`{name}`**: {error}"),
    }
}

/// Markdown about a condition operator: what it compares and how the set
/// qualifier and `IfExists` change it
/// (reference_policies_elements_condition_operators.md).
pub(crate) fn operator_details(operator: ConditionOperator) -> String {
    let mut text = format!(
        "**`{operator}`** · {}\n\n{}",
        family_name(operator.base.family()),
        base_meaning(operator.base)
    );
    match operator.qualifier {
        Some(SetQualifier::ForAllValues) => text.push_str(
            "\n\n`ForAllValues:` every value of the key in the request must match one of \
             the policy's values; it also holds when the request has no value for the key",
        ),
        Some(SetQualifier::ForAnyValue) => text.push_str(
            "\n\n`ForAnyValue:` at least one value of the key in the request must match \
             one of the policy's values",
        ),
        None => {}
    }
    if operator.if_exists {
        text.push_str("\n\n`IfExists`: when the request has no value for the key, it holds");
    }
    text
}

/// The name of an operator family in a detail line.
pub(crate) fn family_name(family: OperatorFamily) -> &'static str {
    match family {
        OperatorFamily::String => "String operator",
        OperatorFamily::Numeric => "Numeric operator",
        OperatorFamily::Date => "Date operator",
        OperatorFamily::Bool => "Boolean operator",
        OperatorFamily::Binary => "Binary operator",
        OperatorFamily::Ip => "IP address operator",
        OperatorFamily::Arn => "ARN operator",
        OperatorFamily::Null => "Existence check",
    }
}

/// What a base operator compares, in a few words.
fn base_meaning(base: BaseOperator) -> &'static str {
    use BaseOperator as B;
    match base {
        B::StringEquals => "Exact match, case-sensitive",
        B::StringNotEquals => "No value matches exactly (case-sensitive)",
        B::StringEqualsIgnoreCase => "Exact match, ignoring case",
        B::StringNotEqualsIgnoreCase => "No value matches, ignoring case",
        B::StringLike => "Case-sensitive match with `*` and `?` wildcards",
        B::StringNotLike => "No value matches, with `*` and `?` wildcards",
        B::NumericEquals => "The numbers are equal",
        B::NumericNotEquals => "The numbers differ",
        B::NumericLessThan => "The request's number is less than the policy's",
        B::NumericLessThanEquals => "The request's number is at most the policy's",
        B::NumericGreaterThan => "The request's number is greater than the policy's",
        B::NumericGreaterThanEquals => "The request's number is at least the policy's",
        B::DateEquals => "The dates are the same instant",
        B::DateNotEquals => "The dates differ",
        B::DateLessThan => "The request's date is before the policy's",
        B::DateLessThanEquals => "The request's date is at or before the policy's",
        B::DateGreaterThan => "The request's date is after the policy's",
        B::DateGreaterThanEquals => "The request's date is at or after the policy's",
        B::Bool => "The key's value is `true` or `false` as given",
        B::BinaryEquals => "The base-64 encoded bytes are equal",
        B::IpAddress => "The address is in the given IP address or CIDR range",
        B::NotIpAddress => "The address is outside every given range",
        B::ArnEquals | B::ArnLike => {
            "Each of the ARN's six colon-separated parts matches, with `*` and `?` \
             wildcards (`ArnEquals` and `ArnLike` are the same)"
        }
        B::ArnNotEquals | B::ArnNotLike => {
            "No ARN matches part by part (`ArnNotEquals` and `ArnNotLike` are the same)"
        }
        B::Null => "`true`: the request has no value for the key; `false`: it has one",
    }
}

/// The catalog value type an operator family compares, `None` for `Null`
/// (which works with any key).
pub(crate) fn family_value_type(family: OperatorFamily) -> Option<ValueType> {
    Some(match family {
        OperatorFamily::String => ValueType::String,
        OperatorFamily::Numeric => ValueType::Numeric,
        OperatorFamily::Date => ValueType::Date,
        OperatorFamily::Bool => ValueType::Bool,
        OperatorFamily::Binary => ValueType::Binary,
        OperatorFamily::Ip => ValueType::IpAddress,
        OperatorFamily::Arn => ValueType::Arn,
        OperatorFamily::Null => return None,
    })
}

/// A policy element: its name and what it is for
/// (reference_policies_elements.md).
pub(crate) struct Element {
    /// The name as written.
    pub name: &'static str,
    /// What it does, in one sentence.
    pub summary: &'static str,
}

/// The top-level elements of a policy.
pub(crate) const POLICY_ELEMENTS: [Element; 3] = [
    Element {
        name: "Version",
        summary: "The policy language version; use `2012-10-17`, which supports policy variables",
    },
    Element {
        name: "Id",
        summary: "An optional identifier for the policy",
    },
    Element {
        name: "Statement",
        summary: "The statements: one object, or an array of them",
    },
];

/// The elements of a statement.
pub(crate) const STATEMENT_ELEMENTS: [Element; 9] = [
    Element {
        name: "Sid",
        summary: "An optional name for the statement",
    },
    Element {
        name: "Effect",
        summary: "Whether the statement allows or denies: `Allow` or `Deny`",
    },
    Element {
        name: "Principal",
        summary: "Who the statement applies to (resource-based policies only)",
    },
    Element {
        name: "NotPrincipal",
        summary: "Everyone except the listed principals (resource-based policies only)",
    },
    Element {
        name: "Action",
        summary: "The actions the statement covers, as `service:Action`; `*` and `?` are wildcards",
    },
    Element {
        name: "NotAction",
        summary: "Every action except the listed ones",
    },
    Element {
        name: "Resource",
        summary: "The resources the statement covers, as ARNs; `*` and `?` are wildcards",
    },
    Element {
        name: "NotResource",
        summary: "Every resource except the listed ones",
    },
    Element {
        name: "Condition",
        summary: "When the statement applies: operators, each comparing condition keys \
                  with values",
    },
];

/// Markdown about a policy or statement element name.
pub(crate) fn element(name: &str) -> Option<String> {
    POLICY_ELEMENTS
        .iter()
        .chain(STATEMENT_ELEMENTS.iter())
        .find(|element| element.name == name)
        .map(|element| format!("**`{}`**\n\n{}", element.name, element.summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Access levels and resource types come from the Service Authorization
    // Reference (reference_policies_elements_action.md links it).
    #[test]
    fn an_action_shows_its_access_level_and_resource_types() {
        let text = action_entry("ec2:RunInstances");
        assert!(
            text.starts_with("**`ec2:RunInstances`** · Write access"),
            "{text}"
        );
        assert!(text.contains("- `instance`\\* `arn:"), "{text}");
    }

    #[test]
    fn an_action_without_resource_types_says_star() {
        let text = action_entry("ec2:DescribeInstances");
        assert!(text.contains("List access"), "{text}");
        assert!(text.contains("`\"Resource\"` must be `\"*\"`"), "{text}");
    }

    #[test]
    fn a_wildcard_counts_and_lists_what_it_matches() {
        let count = iamplay_catalog::catalog()
            .expand_action_pattern("iam:Get*")
            .len();
        let text = action_entry("iam:Get*");
        assert!(
            text.starts_with(&format!("**`iam:Get*`** matches {count} actions")),
            "{text}"
        );
        assert!(text.contains("- `iam:GetAccessKeyLastUsed` · "), "{text}");
        assert!(text.contains("more"), "{text}");
        assert_eq!(
            action_entry("iam:Nope*"),
            "**`iam:Nope*`** matches no action"
        );
    }

    #[test]
    fn unknown_actions_say_so() {
        assert_eq!(
            action_entry("ec2:DescribeEverything"),
            "**`ec2:DescribeEverything`** is not an action the service data knows"
        );
    }

    // reference_policies_condition-keys.md: aws:MultiFactorAuthPresent is a
    // Boolean key.
    #[test]
    fn condition_keys_show_their_type() {
        let text = condition_key("aws:MultiFactorAuthPresent");
        assert!(
            text.starts_with("**`aws:MultiFactorAuthPresent`** · Bool"),
            "{text}"
        );
        assert!(text.contains("Global condition key"), "{text}");
    }

    #[test]
    fn operators_explain_qualifier_and_if_exists() {
        let text = operator("ForAnyValue:StringLikeIfExists");
        assert!(text.contains("String operator"), "{text}");
        assert!(text.contains("`ForAnyValue:`"), "{text}");
        assert!(text.contains("`IfExists`"), "{text}");
        assert_eq!(
            operator("StringEqual"),
            "**`StringEqual`**: unknown condition operator `StringEqual`"
        );
    }
}
