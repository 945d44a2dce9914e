//! One statement: `Sid`, `Effect`, `Principal`/`NotPrincipal`,
//! `Action`/`NotAction`, `Resource`/`NotResource` and `Condition`.
//! Reference: `reference_policies_grammar.md` (statement),
//! `reference_policies_elements_sid.md`, `reference_policies_elements_effect.md`,
//! `reference_policies_elements_action.md`, `reference_policies_elements_notaction.md`,
//! `reference_policies_elements_resource.md`, `reference_policies_elements_notresource.md`.

use super::document::POLICY_ELEMENTS;
use super::reader::{Reader, join, kind_phrase, quote};
use super::{codes, condition, principal, suggest};
use crate::diagnostic::{Diagnostic, Severity};
use crate::json::{Json, Member};
use crate::policy::ast::{ActionBlock, Effect, Polarity, PolicyKind, ResourceBlock, Statement};
use crate::source::{Loc, Spanned};

/// The elements a statement may contain.
pub(super) const STATEMENT_ELEMENTS: [&str; 9] = [
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

/// The members of one statement, sorted by element, first occurrence of
/// each name only.
#[derive(Default)]
struct Elements<'j> {
    sid: Option<&'j Member>,
    effect: Option<&'j Member>,
    principal: Vec<(Polarity, &'j Member)>,
    action: Vec<(Polarity, &'j Member)>,
    resource: Vec<(Polarity, &'j Member)>,
    condition: Option<&'j Member>,
}

/// Reads the statement at `index` (from 0). Returns `None` when it cannot
/// be built; the reader then holds an error.
pub(super) fn statement(reader: &mut Reader, index: usize, json: &Json) -> Option<Statement> {
    let Some(members) = json.as_object() else {
        reader.wrong_type("each statement", "an object", json);
        return None;
    };
    let elements = elements(reader, members);
    let opening = json.opening_loc();

    let sid = elements.sid.and_then(|m| sid(reader, index, &m.value));
    let effect = match elements.effect {
        Some(member) => effect(reader, &member.value),
        None => {
            reader.error_with_help(
                codes::MISSING_ELEMENT,
                "statement has no `Effect`",
                opening,
                "add `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`",
            );
            None
        }
    };

    let principal = either(
        reader,
        &elements.principal,
        ["Principal", "NotPrincipal"],
        principal::principal_block,
    )
    .flatten();
    if elements.principal.is_empty() {
        missing_principal(reader, opening);
    }
    if let (Some(effect), Some((Polarity::Negated, member))) = (&effect, elements.principal.first())
        && effect.value == Effect::Allow
    {
        not_principal_with_allow(reader, member);
    }

    let action = either(
        reader,
        &elements.action,
        ["Action", "NotAction"],
        action_block,
    );
    if action.is_none() {
        reader.error_with_help(
            codes::MISSING_ELEMENT,
            "statement has no `Action` or `NotAction`",
            opening,
            "add the actions it applies to, e.g. `\"Action\": \"s3:GetObject\"`",
        );
    }

    let resource = either(
        reader,
        &elements.resource,
        ["Resource", "NotResource"],
        resource_block,
    );
    if resource.is_none() && reader.kind != PolicyKind::Resource {
        reader.error_with_help(
            codes::MISSING_ELEMENT,
            "statement has no `Resource` or `NotResource`",
            opening,
            format!(
                "{} needs `Resource`; `\"Resource\": \"*\"` means every resource",
                kind_phrase(reader.kind)
            ),
        );
    }

    let conditions = elements
        .condition
        .map(|member| condition::conditions(reader, &member.value))
        .unwrap_or_default();

    Some(Statement {
        index,
        sid,
        effect: effect?,
        principal,
        action: action?,
        resource,
        conditions,
        loc: json.loc,
    })
}

/// Sorts the members of a statement by element, reporting duplicate and
/// unknown ones.
fn elements<'j>(reader: &mut Reader, members: &'j [Member]) -> Elements<'j> {
    let mut elements = Elements::default();
    for member in reader.unique_members(members, "element") {
        match member.key.value.as_str() {
            "Sid" => elements.sid = Some(member),
            "Effect" => elements.effect = Some(member),
            "Principal" => elements.principal.push((Polarity::Positive, member)),
            "NotPrincipal" => elements.principal.push((Polarity::Negated, member)),
            "Action" => elements.action.push((Polarity::Positive, member)),
            "NotAction" => elements.action.push((Polarity::Negated, member)),
            "Resource" => elements.resource.push((Polarity::Positive, member)),
            "NotResource" => elements.resource.push((Polarity::Negated, member)),
            "Condition" => elements.condition = Some(member),
            other => unknown_statement_element(reader, other, member),
        }
    }
    elements
}

/// Reads an element that has a positive and a negated form (`Action` /
/// `NotAction`, ...). Both are read when both are present, so problems in
/// either are reported, and the pair is reported at the second; the first
/// is kept. `None` when neither is present.
fn either<T>(
    reader: &mut Reader,
    found: &[(Polarity, &Member)],
    [positive, negated]: [&str; 2],
    read: impl Fn(&mut Reader, Polarity, &Member) -> T,
) -> Option<T> {
    if let Some((_, second)) = found.get(1) {
        reader.error_with_help(
            codes::CONFLICTING_ELEMENTS,
            format!("a statement cannot have both `{positive}` and `{negated}`"),
            second.key.loc,
            format!("keep one: `{negated}` matches everything except what it lists"),
        );
    }
    let blocks: Vec<T> = found
        .iter()
        .map(|&(polarity, member)| read(reader, polarity, member))
        .collect();
    blocks.into_iter().next()
}

fn unknown_statement_element(reader: &mut Reader, name: &str, member: &Member) {
    let help = if POLICY_ELEMENTS.contains(&name) {
        format!("`{name}` belongs at the top level of the policy, not in a statement")
    } else {
        suggest::did_you_mean(name, STATEMENT_ELEMENTS, "element names").unwrap_or_else(|| {
            "a statement may contain `Sid`, `Effect`, `Principal`, `NotPrincipal`, `Action`, \
             `NotAction`, `Resource`, `NotResource` and `Condition`"
                .to_owned()
        })
    };
    reader.error_with_help(
        codes::UNKNOWN_ELEMENT,
        format!("unknown statement element {}", quote(name)),
        member.key.loc,
        help,
    );
}

/// `Sid`: a string; in identity-based policies only A-Z, a-z and 0-9
/// (`reference_policies_elements_sid.md`), and unique within the policy.
fn sid(reader: &mut Reader, index: usize, value: &Json) -> Option<Spanned<std::sync::Arc<str>>> {
    let Some(text) = value.as_str() else {
        reader.wrong_type("`Sid`", "a string", value);
        return None;
    };
    if reader.kind == PolicyKind::Identity
        && let Some(bad) = text.chars().find(|c| !c.is_ascii_alphanumeric())
    {
        let shown = if bad == ' ' {
            "a space".to_owned()
        } else {
            format!("`{bad}`")
        };
        reader.report(
            Diagnostic::new(
                Severity::Warning,
                codes::INVALID_SID,
                format!("`Sid` may contain only A-Z, a-z and 0-9, found {shown}"),
                value.loc,
            )
            .with_help("IAM rejects other characters in the `Sid` of an identity-based policy"),
        );
    }
    if !text.is_empty()
        && let Some(earlier) = reader.note_sid(text, index)
    {
        reader.report(
            Diagnostic::new(
                Severity::Warning,
                codes::DUPLICATE_SID,
                format!("duplicate `Sid` {}", quote(text)),
                value.loc,
            )
            .with_help(format!(
                "statement {} has the same `Sid`; in IAM each `Sid` must be unique within a policy",
                earlier + 1
            )),
        );
    }
    Some(Spanned::new(text.into(), value.loc))
}

/// `Effect`: exactly `Allow` or `Deny` (`reference_policies_elements_effect.md`).
fn effect(reader: &mut Reader, value: &Json) -> Option<Spanned<Effect>> {
    let Some(text) = value.as_str() else {
        reader.wrong_type("`Effect`", "a string", value);
        return None;
    };
    let effect = match text {
        "Allow" => Effect::Allow,
        "Deny" => Effect::Deny,
        _ => {
            let help = suggest::did_you_mean(text, ["Allow", "Deny"], "`Effect` values")
                .unwrap_or_else(|| "use `Allow` or `Deny`".to_owned());
            reader.error_with_help(
                codes::INVALID_EFFECT,
                format!(
                    "invalid `Effect` {}; it must be `Allow` or `Deny`",
                    quote(text)
                ),
                value.loc,
                help,
            );
            return None;
        }
    };
    Some(Spanned::new(effect, value.loc))
}

fn missing_principal(reader: &mut Reader, opening: Loc) {
    match reader.kind {
        PolicyKind::Resource => reader.error_with_help(
            codes::MISSING_ELEMENT,
            "statement has no `Principal` or `NotPrincipal`",
            opening,
            "a resource-based policy must say whom it applies to, e.g. \
             `\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}`",
        ),
        PolicyKind::ResourceControl => reader.error_with_help(
            codes::MISSING_ELEMENT,
            "statement has no `Principal`",
            opening,
            "a resource control policy needs `\"Principal\": \"*\"`",
        ),
        PolicyKind::Identity | PolicyKind::ServiceControl => {}
    }
}

/// `NotPrincipal` with `Allow` grants to everyone not listed, anonymous
/// callers included (`reference_policies_elements_notprincipal.md`).
fn not_principal_with_allow(reader: &mut Reader, member: &Member) {
    reader.report(
        Diagnostic::new(
            Severity::SecurityWarning,
            codes::NOT_PRINCIPAL_WITH_ALLOW,
            "`NotPrincipal` with `\"Effect\": \"Allow\"` allows every principal not listed, \
             including anonymous users",
            member.key.loc,
        )
        .with_help("list the principals to allow in `Principal` instead"),
    );
}

fn polarity_name(
    polarity: Polarity,
    positive: &'static str,
    negated: &'static str,
) -> &'static str {
    match polarity {
        Polarity::Positive => positive,
        Polarity::Negated => negated,
    }
}

/// `Action` / `NotAction`: `*` or `service:action` patterns.
fn action_block(reader: &mut Reader, polarity: Polarity, member: &Member) -> ActionBlock {
    let element = polarity_name(polarity, "Action", "NotAction");
    let entries = reader.string_list(element, "action", &member.value);
    for entry in &entries {
        check_action(reader, element, entry);
    }
    ActionBlock {
        polarity,
        entries,
        loc: join(member.key.loc, member.value.loc),
    }
}

/// Checks the `service:action` form of one action (grammar notes,
/// `action_string`). Wildcards are allowed anywhere.
fn check_action(reader: &mut Reader, element: &str, entry: &Spanned<String>) {
    let action = entry.value.as_str();
    if action == "*" {
        return;
    }
    let help = match action.split_once(':') {
        None => format!(
            "write the service prefix, a colon and the action name, e.g. `s3:GetObject`; \
             a lone `*` in `{element}` means every action"
        ),
        Some(("", name)) => format!("add the service prefix before the colon, e.g. `iam:{name}`"),
        Some((service, "")) => {
            format!(
                "add the action name after the colon, or `{service}:*` for every action of `{service}`"
            )
        }
        Some(_) => return,
    };
    reader.error_with_help(
        codes::INVALID_ACTION,
        format!(
            "action {} is not of the form `service:action`",
            quote(action)
        ),
        entry.loc,
        help,
    );
}

/// `Resource` / `NotResource`: `*` or resource patterns (usually ARNs).
fn resource_block(reader: &mut Reader, polarity: Polarity, member: &Member) -> ResourceBlock {
    let element = polarity_name(polarity, "Resource", "NotResource");
    let entries = reader.string_list(element, "resource", &member.value);
    ResourceBlock {
        polarity,
        entries,
        loc: join(member.key.loc, member.value.loc),
    }
}
