//! Findings that need no service data.

use crate::code::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::caller_identity::GET_CALLER_IDENTITY;
use crate::policy::{
    BaseOperator, ConditionValue, Effect, Polarity, Policy, PolicyKind, PolicyVersion,
};
use crate::variables::has_variables;

/// Findings on the policy language itself:
/// - a missing or old `Version` where `${...}` is used (the text is then
///   literal; `reference_policies_elements_version.md`);
/// - a `Null` condition value other than `true` / `false`;
/// - `Allow` with `NotAction` or `NotResource` (security warning: it grants
///   everything not listed; `reference_policies_elements_notaction.md`).
pub fn lint_basic(policy: &Policy, kind: PolicyKind) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let variables_used = policy.statements.iter().any(|s| {
        s.resource
            .iter()
            .flat_map(|r| &r.entries)
            .any(|e| has_variables(&e.value))
            || s.conditions
                .iter()
                .flat_map(|c| &c.values)
                .any(|v| has_variables(v.value.as_text()))
    });
    if variables_used && !policy.variables_enabled() {
        let (loc, message) = match &policy.version {
            Some(v) => (
                v.loc,
                format!(
                    "policy variables such as `${{aws:username}}` are literal text under `Version` `{}`",
                    v.value.as_str()
                ),
            ),
            None => (
                policy.loc,
                "policy variables such as `${aws:username}` are literal text in a policy without `Version`".to_owned(),
            ),
        };
        out.push(
            Diagnostic::new(
                Severity::Warning,
                Code::VariablesNeedVersion,
                message,
                first_line(loc),
            )
            .with_help(format!(
                "add `\"Version\": \"{}\"`",
                PolicyVersion::V2012_10_17.as_str()
            )),
        );
    }
    for statement in &policy.statements {
        if statement.action.polarity == Polarity::Positive {
            for entry in &statement.action.entries {
                if entry.value.eq_ignore_ascii_case(GET_CALLER_IDENTITY) {
                    out.push(
                        Diagnostic::new(
                            Severity::Suggestion,
                            Code::NoPermissionNeeded,
                            format!(
                                "`{}` has no effect here: AWS allows `{GET_CALLER_IDENTITY}` to every authenticated caller without any permission, and no policy can deny it",
                                entry.value
                            ),
                            entry.loc,
                        )
                        .with_help("remove the entry; to keep a caller from learning its identity there is no policy to write"),
                    );
                }
            }
        }
        for clause in &statement.conditions {
            if clause.operator.value.base != BaseOperator::Null {
                continue;
            }
            for value in &clause.values {
                let ok = match &value.value {
                    ConditionValue::Bool(_) => true,
                    ConditionValue::String(s) => s == "true" || s == "false",
                    ConditionValue::Number(_) => false,
                };
                if !ok {
                    out.push(
                        Diagnostic::error(
                            Code::NullValue,
                            format!(
                                "the `Null` operator takes `true` or `false`, not `{}`",
                                value.value.as_text()
                            ),
                            value.loc,
                        )
                        .with_help("`true` checks the key is absent, `false` that it is present"),
                    );
                }
            }
        }
        if statement.effect.value == Effect::Allow && kind != PolicyKind::ServiceControl {
            if statement.action.polarity == Polarity::Negated {
                out.push(
                    Diagnostic::new(
                        Severity::SecurityWarning,
                        Code::AllowNotAction,
                        "`Allow` with `NotAction` allows every action not listed, including those of services added later",
                        first_line(statement.action.loc),
                    )
                    .with_help("list the actions to allow in `Action` instead"),
                );
            }
            if let Some(r) = statement
                .resource
                .as_ref()
                .filter(|r| r.polarity == Polarity::Negated)
            {
                out.push(
                    Diagnostic::new(
                        Severity::SecurityWarning,
                        Code::AllowNotResource,
                        "`Allow` with `NotResource` allows every resource not listed, including those created later",
                        first_line(r.loc),
                    )
                    .with_help("list the resources to allow in `Resource` instead"),
                );
            }
        }
    }
    out
}

/// The location cut to the first line, so a marker does not cover a whole block.
fn first_line(mut loc: crate::source::Loc) -> crate::source::Loc {
    if loc.end.line != loc.start.line {
        loc.end = loc.start;
        loc.end.column = loc.start.column.saturating_add(1);
        loc.span.end = loc.span.start.saturating_add(1);
    }
    loc
}
