//! `Principal` / `NotPrincipal`: `"*"` or a map of principal types to
//! identifiers, and where each policy kind allows them.
//! Reference: `reference_policies_grammar.md` (principal_block, and the
//! grammar notes), `reference_policies_elements_principal.md`,
//! `reference_policies_elements_notprincipal.md`.

use super::reader::{Reader, join, kind_phrase, quote};
use super::{codes, suggest};
use crate::json::{Json, JsonValue, Member};
use crate::policy::ast::{
    Polarity, PolicyKind, PrincipalBlock, PrincipalEntry, PrincipalType, PrincipalValue,
};

/// The keys of a principal map.
const PRINCIPAL_TYPES: [PrincipalType; 4] = [
    PrincipalType::Aws,
    PrincipalType::Service,
    PrincipalType::Federated,
    PrincipalType::CanonicalUser,
];

/// Reads one `Principal` or `NotPrincipal` element, reporting it when the
/// policy kind does not allow it. Returns `None` when the value is
/// unusable.
pub(super) fn principal_block(
    reader: &mut Reader,
    polarity: Polarity,
    member: &Member,
) -> Option<PrincipalBlock> {
    let element = member.key.value.as_str();
    check_allowed(reader, polarity, member);
    let value = principal_value(reader, element, &member.value)?;
    if reader.kind == PolicyKind::ResourceControl
        && polarity == Polarity::Positive
        && !matches!(value, PrincipalValue::Anyone { .. })
    {
        reader.error_with_help(
            codes::INVALID_PRINCIPAL,
            "in a resource control policy `Principal` must be `\"*\"`",
            member.value.loc,
            "use `\"Principal\": \"*\"` and narrow it with conditions such as `aws:PrincipalArn`",
        );
    }
    Some(PrincipalBlock {
        polarity,
        value,
        loc: join(member.key.loc, member.value.loc),
    })
}

fn check_allowed(reader: &mut Reader, polarity: Polarity, member: &Member) {
    let element = member.key.value.as_str();
    let help = match (reader.kind, polarity) {
        (PolicyKind::Identity, _) => {
            "the principal of an identity-based policy is the user, group or role it is \
             attached to; remove this element"
        }
        (PolicyKind::ServiceControl, _) => {
            "a service control policy applies to the accounts it is attached to; \
             remove this element"
        }
        (PolicyKind::ResourceControl, Polarity::Negated) => {
            "use `\"Principal\": \"*\"` and narrow it with conditions such as `aws:PrincipalArn`"
        }
        (PolicyKind::Resource, _) | (PolicyKind::ResourceControl, Polarity::Positive) => return,
    };
    reader.error_with_help(
        codes::PRINCIPAL_NOT_ALLOWED,
        format!("`{element}` is not allowed in {}", kind_phrase(reader.kind)),
        member.key.loc,
        help,
    );
}

fn principal_value(reader: &mut Reader, element: &str, value: &Json) -> Option<PrincipalValue> {
    match &value.value {
        JsonValue::String(s) if s == "*" => Some(PrincipalValue::Anyone { loc: value.loc }),
        JsonValue::String(s) => {
            reader.error_with_help(
                codes::INVALID_PRINCIPAL,
                format!(
                    "`{element}` must be `\"*\"` or an object of principal types, found {}",
                    quote(s)
                ),
                value.loc,
                format!("name the principal type, e.g. `{{\"AWS\": \"{s}\"}}`"),
            );
            None
        }
        JsonValue::Object(members) if members.is_empty() => {
            reader.error_with_help(
                codes::EMPTY_VALUE,
                format!("`{element}` names no principal"),
                value.loc,
                "add a principal type such as `\"AWS\": \"arn:aws:iam::111122223333:root\"`",
            );
            None
        }
        JsonValue::Object(members) => {
            let mut entries = Vec::new();
            for member in reader.unique_members(members, "principal type") {
                let name = member.key.value.as_str();
                let Some(principal_type) = PRINCIPAL_TYPES.into_iter().find(|t| t.as_str() == name)
                else {
                    unknown_type(reader, member);
                    continue;
                };
                for id in reader.string_list(name, "principal", &member.value) {
                    entries.push(PrincipalEntry { principal_type, id });
                }
            }
            Some(PrincipalValue::Map { entries })
        }
        _ => {
            reader.wrong_type(
                &format!("`{element}`"),
                "`\"*\"` or an object of principal types",
                value,
            );
            None
        }
    }
}

fn unknown_type(reader: &mut Reader, member: &Member) {
    let name = member.key.value.as_str();
    let help = suggest::did_you_mean(
        name,
        PRINCIPAL_TYPES.map(PrincipalType::as_str),
        "principal types",
    )
    .unwrap_or_else(|| "use `AWS`, `Service`, `Federated` or `CanonicalUser`".to_owned());
    reader.error_with_help(
        codes::UNKNOWN_PRINCIPAL_TYPE,
        format!("unknown principal type {}", quote(name)),
        member.key.loc,
        help,
    );
}
