//! Checking a request's expected decision and deciding statements.

use crate::response::{PolicyType, Response, StatementRef};

use super::model::Expectation;

/// How a deciding statement is named in an expectation: `Policy/Sid`, or
/// `Policy/N` with N counting statements from 1.
pub fn statement_key(r: &StatementRef) -> String {
    match &r.sid {
        Some(sid) if !sid.is_empty() => format!("{}/{}", r.policy_name, sid),
        _ => format!("{}/{}", r.policy_name, r.statement + 1),
    }
}

/// Whether `key` (as written in an expectation) names `r`: by Sid or by
/// 1-based statement number.
fn names(key: &str, r: &StatementRef) -> bool {
    let Some((policy, statement)) = key.rsplit_once('/') else {
        return false;
    };
    if policy != &*r.policy_name {
        return false;
    }
    r.sid.as_deref() == Some(statement) || statement.parse::<usize>().ok() == Some(r.statement + 1)
}

/// Checks `response` against `expect`; the error says what differs.
pub fn check(expect: &Expectation, response: &Response) -> Result<(), String> {
    if expect.decision != response.decision {
        return Err(format!(
            "expected {}, got {}",
            expect.decision.describe(),
            response.decision.describe()
        ));
    }
    if let Some(wanted) = &expect.blocked_by {
        check_blocked(wanted, response)?;
    }
    let Some(keys) = &expect.deciding else {
        return Ok(());
    };
    let missing: Vec<&String> = keys
        .iter()
        .filter(|k| !response.deciding.iter().any(|r| names(k, r)))
        .collect();
    let extra: Vec<String> = response
        .deciding
        .iter()
        .filter(|r| !keys.iter().any(|k| names(k, r)))
        .map(statement_key)
        .collect();
    if missing.is_empty() && extra.is_empty() {
        return Ok(());
    }
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!(
            "expected deciding {} not deciding",
            missing
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !extra.is_empty() {
        parts.push(format!(
            "also deciding: {}",
            extra
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Err(parts.join("; "))
}

/// Checks `blockedBy`: a policy type in the words of
/// [`PolicyType::describe`], optionally ` at LEVEL`.
fn check_blocked(wanted: &str, response: &Response) -> Result<(), String> {
    let (kind, level) = match wanted.split_once(" at ") {
        Some((kind, level)) => (kind, Some(level)),
        None => (wanted, None),
    };
    if !PolicyType::ALL.iter().any(|t| t.describe() == kind) {
        return Err(format!("`blockedBy` `{kind}` names no policy type"));
    }
    match &response.blocked_by {
        None => Err(format!("expected blocked by {kind}, but nothing blocked")),
        Some(b) if b.policy_type.describe() != kind => Err(format!(
            "expected blocked by {kind}, got blocked by {}",
            b.policy_type.describe()
        )),
        Some(b) if level.is_some() && b.level.as_deref() != level => Err(format!(
            "expected blocked at `{}`, got {}",
            level.unwrap_or_default(),
            b.level
                .as_deref()
                .map_or_else(|| "no level".to_owned(), |l| format!("`{l}`"))
        )),
        Some(_) => Ok(()),
    }
}
