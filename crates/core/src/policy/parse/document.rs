//! The policy document: `Version`, `Id` and `Statement`.
//! Reference: `reference_policies_grammar.md` (policy, version_block,
//! id_block, statement_block), `reference_policies_elements_version.md`,
//! `reference_policies_elements_id.md`, `reference_policies_elements_statement.md`.

use super::reader::{Reader, quote};
use super::statement::{self, STATEMENT_ELEMENTS};
use super::{codes, suggest};
use crate::diagnostic::{Diagnostic, Severity};
use crate::json::{Json, JsonValue, Member};
use crate::policy::ast::{Policy, PolicyKind, PolicyVersion, Statement};
use crate::source::Spanned;

/// The elements a policy document may contain.
pub(super) const POLICY_ELEMENTS: [&str; 3] = ["Version", "Id", "Statement"];

/// Reads the whole document. Returns `None` when it is unusable; the
/// reader then holds at least one error.
pub(super) fn policy(reader: &mut Reader, json: &Json) -> Option<Policy> {
    let Some(members) = json.as_object() else {
        reader.error_with_help(
            codes::WRONG_TYPE,
            format!(
                "a policy document must be a JSON object, found {}",
                json.kind_name()
            ),
            json.opening_loc(),
            "a policy looks like `{\"Version\": \"2012-10-17\", \"Statement\": [...]}`",
        );
        return None;
    };
    let mut version = None;
    let mut id = None;
    let mut statements: Option<Vec<Statement>> = None;
    let mut saw_statement = false;
    for member in reader.unique_members(members, "element") {
        match member.key.value.as_str() {
            "Version" => version = self::version(reader, &member.value),
            "Id" => id = self::id(reader, member),
            "Statement" => {
                saw_statement = true;
                statements = self::statements(reader, &member.value);
            }
            other => unknown_policy_element(reader, other, member),
        }
    }
    if !saw_statement {
        reader.error_with_help(
            codes::MISSING_ELEMENT,
            "policy has no `Statement`",
            json.opening_loc(),
            "add `\"Statement\": [...]` with at least one statement",
        );
    }
    Some(Policy {
        version,
        id,
        statements: statements?,
        loc: json.loc,
    })
}

fn unknown_policy_element(reader: &mut Reader, name: &str, member: &Member) {
    let help = if STATEMENT_ELEMENTS.contains(&name) {
        format!("`{name}` belongs inside a statement: `\"Statement\": [{{\"{name}\": ...}}]`")
    } else {
        suggest::did_you_mean(name, POLICY_ELEMENTS, "element names")
            .unwrap_or_else(|| "a policy may contain `Version`, `Id` and `Statement`".to_owned())
    };
    reader.error_with_help(
        codes::UNKNOWN_ELEMENT,
        format!("unknown policy element {}", quote(name)),
        member.key.loc,
        help,
    );
}

fn version(reader: &mut Reader, value: &Json) -> Option<Spanned<PolicyVersion>> {
    let Some(text) = value.as_str() else {
        reader.error_with_help(
            codes::WRONG_TYPE,
            format!("`Version` must be a string, found {}", value.kind_name()),
            value.loc,
            "use `\"2012-10-17\"`",
        );
        return None;
    };
    let version = match text {
        "2012-10-17" => PolicyVersion::V2012_10_17,
        "2008-10-17" => PolicyVersion::V2008_10_17,
        _ => {
            reader.error_with_help(
                codes::INVALID_VERSION,
                format!("unknown policy language version {}", quote(text)),
                value.loc,
                "use `2012-10-17`",
            );
            return None;
        }
    };
    Some(Spanned::new(version, value.loc))
}

fn id(reader: &mut Reader, member: &Member) -> Option<Spanned<String>> {
    let Some(text) = member.value.as_str() else {
        reader.wrong_type("`Id`", "a string", &member.value);
        return None;
    };
    if reader.kind == PolicyKind::Identity {
        // "It must not be included in identity-based policies."
        // (reference_policies_grammar.md, policy grammar notes)
        reader.report(
            Diagnostic::new(
                Severity::Warning,
                codes::ID_IN_IDENTITY_POLICY,
                "`Id` must not be included in an identity-based policy",
                member.key.loc,
            )
            .with_help("remove `Id`; it is for resource-based policies such as S3 bucket policies"),
        );
    }
    Some(Spanned::new(text.to_owned(), member.value.loc))
}

/// Reads `Statement`: one statement object or an array of them.
fn statements(reader: &mut Reader, value: &Json) -> Option<Vec<Statement>> {
    match &value.value {
        JsonValue::Object(_) => Some(vec![statement::statement(reader, 0, value)?]),
        JsonValue::Array(items) if items.is_empty() => {
            reader.error(
                codes::EMPTY_VALUE,
                "`Statement` must contain at least one statement",
                value.loc,
            );
            None
        }
        JsonValue::Array(items) => {
            let mut statements = Vec::with_capacity(items.len());
            let mut complete = true;
            for (index, item) in items.iter().enumerate() {
                match statement::statement(reader, index, item) {
                    Some(statement) => statements.push(statement),
                    None => complete = false,
                }
            }
            complete.then_some(statements)
        }
        _ => {
            reader.wrong_type("`Statement`", "an object or an array of objects", value);
            None
        }
    }
}
