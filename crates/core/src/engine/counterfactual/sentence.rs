//! The sentence of a counterfactual: the change, then what the request
//! gets after it, e.g. "Without the Deny statement Force_MFA ›
//! DoNotAllowAnythingOtherThanAboveUnlessMFAd, this request is allowed by
//! AmazonEC2FullAccess › statement 1."

use crate::engine::DocumentId;
use crate::eval::Verdict;
use crate::request::{ContextValue, Request, Scalar, format_number};
use crate::response::{Decision, StatementRef};

use super::change::{Change, KeySetting};

/// The sentence for `change` of `request` and the verdict after it.
pub(super) fn sentence(change: &Change, request: &Request, after: &Verdict) -> String {
    format!("{}, {}.", what_changes(change, request), outcome(after))
}

/// "With `k` = v and without `j`", "Without the Deny statement X",
/// "With an Allow of `a` on `r` in a new inline policy `P` of user `u`",
/// "As role `r`", "On resource `arn`", "With `P` detached from group `g`".
fn what_changes(change: &Change, request: &Request) -> String {
    match change {
        Change::Context { set, remove } => {
            let set: Vec<String> = set.iter().map(setting).collect();
            let remove: Vec<String> = remove.iter().map(|k| format!("`{k}`")).collect();
            match (set.is_empty(), remove.is_empty()) {
                (false, true) => format!("With {}", and(&set)),
                (true, _) => format!("Without {}", and(&remove)),
                (false, false) => format!("With {} and without {}", and(&set), and(&remove)),
            }
        }
        Change::RemoveStatements {
            statements,
            deleted,
        } => {
            let labels: Vec<String> = statements.iter().map(|s| s.label.clone()).collect();
            let noun = if statements.len() == 1 {
                "statement"
            } else {
                "statements"
            };
            let mut out = format!("Without the {noun} {}", and(&labels));
            if !deleted.is_empty() {
                let names: Vec<String> = deleted
                    .iter()
                    .map(|d| match d.name() {
                        Some(name) => format!("`{name}`"),
                        None => format!("`{d}`"),
                    })
                    .collect();
                let (noun, pronoun) = if deleted.len() == 1 {
                    ("policy", "it is")
                } else {
                    ("policies", "they are")
                };
                out.push_str(&format!(
                    " (which leaves the {noun} {} with no statement, so {pronoun} deleted too)",
                    and(&names)
                ));
            }
            out
        }
        Change::AddPolicy { document, .. } => {
            let (owner, name) = match document {
                DocumentId::Inline(owner, name) => (owner.describe(), name.clone()),
                other => (other.to_string(), String::new()),
            };
            format!(
                "With an Allow of `{}` on `{}` in a new inline policy `{name}` of {owner}",
                request.action, request.resource
            )
        }
        Change::Principal { entity, name } => format!("As {} `{name}`", entity.describe()),
        Change::Resource { arn } => format!("On resource `{arn}`"),
        Change::Detach { attachments } => {
            let each: Vec<String> = attachments
                .iter()
                .map(|a| {
                    let name = a.document.name().unwrap_or(&a.listed);
                    format!("`{name}` detached from {}", a.owner().describe())
                })
                .collect();
            format!("With {}", and(&each))
        }
    }
}

/// "`key` = value".
fn setting(s: &KeySetting) -> String {
    format!("`{}` = {}", s.key, value(&s.value))
}

/// A value as a sentence writes it: numbers and booleans bare, text in
/// backticks, a list in brackets.
fn value(v: &ContextValue) -> String {
    let scalar = |s: &Scalar| match s {
        Scalar::Bool(b) => b.to_string(),
        Scalar::Number(n) => format_number(*n),
        Scalar::String(t) => format!("`{t}`"),
    };
    match v {
        ContextValue::Single(s) => scalar(s),
        ContextValue::List(items) => {
            let items: Vec<String> = items.iter().map(scalar).collect();
            format!("[{}]", items.join(", "))
        }
    }
}

/// "this request is allowed by X", "… is explicitly denied by X", "… is
/// implicitly denied: reason".
fn outcome(after: &Verdict) -> String {
    let labels: Vec<String> = after.deciding.iter().map(StatementRef::label).collect();
    match after.decision {
        Decision::Allowed if labels.is_empty() => "this request is allowed".to_owned(),
        Decision::Allowed => format!("this request is allowed by {}", and(&labels)),
        Decision::ExplicitDeny => format!("this request is explicitly denied by {}", and(&labels)),
        Decision::ImplicitDeny => match &after.blocked_by {
            Some(b) => format!("this request is implicitly denied: {}", b.reason),
            None => "this request is implicitly denied: no policy allows it".to_owned(),
        },
    }
}

/// "a", "a and b", "a, b and c".
fn and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}
