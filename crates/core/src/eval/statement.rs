//! Whether one statement applies to a request: its Action, Resource,
//! Principal and Condition elements. Two forms share the rules: a fast
//! check for the decision alone, and a traced one that records why.

use crate::condition::{ClauseNote, clause_holds, evaluate_clause};
use crate::matching::action_matches;
use crate::matching::arn::{
    RequestedResource, ResourceMatch, resource_entry_matches, resource_matches_requested,
};
use crate::policy::{Polarity, PrincipalBlock, PrincipalValue, Statement};
use crate::request::KeyLookup;
use crate::response::{
    ConditionTrace, ElementTrace, EntryTrace, StatementReason, StatementRole, StatementTrace,
};
use crate::source::Spanned;
use std::sync::Arc;

use super::principal_match::{CallerIds, Grant, not_principal_excludes, principal_grant};

/// The request as the statement matcher sees it.
#[derive(Debug, Clone)]
pub struct Subject<'a> {
    /// The requested action.
    pub action: &'a str,
    /// The requested resource.
    pub resource: &'a str,
    /// The requested resource, its ARN split once for every entry.
    pub requested: RequestedResource<'a>,
    /// The caller.
    pub principal: &'a crate::principal::Principal,
    /// The caller's identifiers, computed when a `Principal` element first
    /// needs them.
    pub caller: std::cell::OnceCell<CallerIds<'a>>,
    /// Every context key, derived ones included.
    pub context: &'a dyn KeyLookup,
    /// "no Action entry matches `…`", made once for the statements of
    /// the evaluation whose Action no entry matches.
    no_action_match: std::cell::OnceCell<Arc<str>>,
    /// "no Resource entry matches `…`", likewise.
    no_resource_match: std::cell::OnceCell<Arc<str>>,
    /// Where the other sentences are put together before they are
    /// shared, so each costs one allocation.
    scratch: std::cell::RefCell<String>,
}

impl<'a> Subject<'a> {
    /// `parts` then `tail`, as one shared sentence.
    fn sentence(&self, parts: &[&str], tail: &str) -> Arc<str> {
        let mut scratch = self.scratch.borrow_mut();
        scratch.clear();
        scratch.reserve(parts.iter().map(|p| p.len()).sum::<usize>() + tail.len());
        for part in parts {
            scratch.push_str(part);
        }
        scratch.push_str(tail);
        Arc::from(scratch.as_str())
    }

    /// The request as the matcher sees it.
    pub fn new(request: &'a crate::request::Request, context: &'a dyn KeyLookup) -> Subject<'a> {
        Subject {
            action: &request.action,
            resource: &request.resource,
            requested: RequestedResource::new(&request.resource),
            principal: &request.principal,
            caller: std::cell::OnceCell::new(),
            context,
            no_action_match: std::cell::OnceCell::new(),
            no_resource_match: std::cell::OnceCell::new(),
            scratch: std::cell::RefCell::new(String::new()),
        }
    }

    /// The caller's identifiers.
    pub fn caller(&self) -> &CallerIds<'a> {
        self.caller.get_or_init(|| CallerIds::new(self.principal))
    }
}

/// Whether a statement applies, and for a statement with a `Principal`,
/// how it names the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applies {
    /// How the caller is named; `Direct` when there is no Principal element
    /// (identity-based policies, SCPs).
    pub grant: Grant,
}

/// The fast check: does `statement` apply to the request?
pub fn statement_applies(
    statement: &Statement,
    subject: &Subject<'_>,
    variables: bool,
) -> Option<Applies> {
    let grant = elements_apply(statement, subject, variables)?;
    if !statement
        .conditions
        .iter()
        .all(|c| clause_holds(c, subject.context, variables))
    {
        return None;
    }
    Some(Applies { grant })
}

/// Whether the statement's Action, Resource and Principal elements match
/// the request, its conditions aside: how the caller is named when they
/// do. Counterfactuals look for statements that only a condition keeps
/// from applying.
#[inline]
pub(crate) fn elements_apply(
    statement: &Statement,
    subject: &Subject<'_>,
    variables: bool,
) -> Option<Grant> {
    let action_hit = statement
        .action
        .entries
        .iter()
        .any(|e| action_matches(&e.value, subject.action));
    if action_hit != (statement.action.polarity == Polarity::Positive) {
        return None;
    }
    if let Some(block) = &statement.resource {
        let vars = variables.then_some(subject.context);
        let hit = block
            .entries
            .iter()
            .any(|e| resource_entry_matches(&e.value, &subject.requested, vars));
        if hit != (block.polarity == Polarity::Positive) {
            return None;
        }
    }
    match &statement.principal {
        None => Some(Grant::Direct),
        Some(block) => Some(principal_applies(block, subject.caller())?.0),
    }
}

/// Whether a Principal block lets the statement apply; the grant and the
/// matched entry index (for `NotPrincipal`, `None`).
pub(crate) fn principal_applies(
    block: &PrincipalBlock,
    caller: &CallerIds<'_>,
) -> Option<(Grant, Option<usize>)> {
    match block.polarity {
        Polarity::Positive => principal_grant(&block.value, caller),
        Polarity::Negated => match not_principal_excludes(&block.value, caller) {
            Some(_) => None,
            None => Some((Grant::Direct, None)),
        },
    }
}

fn entry(e: &Spanned<String>) -> EntryTrace {
    EntryTrace {
        text: e.value.clone(),
        loc: e.loc,
    }
}

/// The traced check: the same rules as [`statement_applies`], with the
/// reasons. Also returns the grant when the statement applies.
pub fn trace_statement(
    statement: &Statement,
    subject: &Subject<'_>,
    variables: bool,
) -> (StatementTrace, Option<Applies>) {
    // Elements are checked in order, and checking stops at the first one
    // that does not match: the rest cannot change the outcome, and tracing
    // them for every statement of a large account costs most of the time.
    let action = trace_action(statement, subject);
    let mut unchecked = !action.satisfied;
    let resource = if unchecked {
        None
    } else {
        trace_resource(statement, subject, variables)
    };
    unchecked |= resource.as_ref().is_some_and(|r| !r.satisfied);
    let principal = if unchecked {
        None
    } else {
        statement
            .principal
            .as_ref()
            .map(|block| trace_principal(block, subject.caller()))
    };
    unchecked |= principal.as_ref().is_some_and(|p| !p.satisfied);
    let grant = match &statement.principal {
        None => Some(Grant::Direct),
        Some(_) if unchecked => None,
        Some(block) => principal_applies(block, subject.caller()).map(|(g, _)| g),
    };
    let conditions: Vec<ConditionTrace> = if unchecked {
        Vec::new()
    } else {
        statement
            .conditions
            .iter()
            .map(|clause| {
                let outcome = evaluate_clause(clause, subject.context, variables);
                ConditionTrace {
                    operator: clause.operator.value.to_string(),
                    key: clause.key.value.clone(),
                    request_values: outcome.request_values,
                    policy_values: outcome.policy_values,
                    holds: outcome.holds,
                    note: outcome.note,
                    operator_loc: clause.operator.loc,
                    loc: clause.loc,
                }
            })
            .collect()
    };
    let elements_ok = !unchecked;
    let conditions_ok = conditions.iter().all(|c| c.holds);
    let applies = elements_ok && conditions_ok;
    let reason = statement_reason(&action, resource.as_ref(), principal.as_ref(), &conditions);
    let trace = StatementTrace {
        index: statement.index,
        sid: statement.sid.as_ref().map(|s| s.value.clone()),
        effect: statement.effect.value,
        applies,
        role: StatementRole::NotApplicable,
        unchecked,
        action,
        resource,
        principal,
        conditions,
        reason,
        loc: statement.loc,
    };
    let result = if applies {
        grant.map(|grant| Applies { grant })
    } else {
        None
    };
    (trace, result)
}

fn trace_action(statement: &Statement, subject: &Subject<'_>) -> ElementTrace {
    let block = &statement.action;
    let hit = block
        .entries
        .iter()
        .find(|e| action_matches(&e.value, subject.action));
    let positive = block.polarity == Polarity::Positive;
    let action = subject.action;
    let (element, detail) =
        match (positive, hit) {
            (true, Some(e)) => (
                "Action",
                subject.sentence(&["`", action, "` matches `", &e.value, "`"], ""),
            ),
            (true, None) => (
                "Action",
                Arc::clone(subject.no_action_match.get_or_init(|| {
                    subject.sentence(&["no Action entry matches `", action, "`"], "")
                })),
            ),
            (false, Some(e)) => (
                "NotAction",
                subject.sentence(
                    &["`", action, "` is excluded by NotAction `", &e.value, "`"],
                    "",
                ),
            ),
            (false, None) => (
                "NotAction",
                subject.sentence(
                    &["`", action, "` is not in NotAction, so it is covered"],
                    "",
                ),
            ),
        };
    ElementTrace {
        element: element.into(),
        satisfied: hit.is_some() == positive,
        matched_entry: hit.map(entry),
        unresolved: Vec::new(),
        detail,
        loc: block.loc,
    }
}

fn trace_resource(
    statement: &Statement,
    subject: &Subject<'_>,
    variables: bool,
) -> Option<ElementTrace> {
    let block = statement.resource.as_ref()?;
    let vars = variables.then_some(subject.context);
    let mut hit = None;
    let mut unresolved = Vec::new();
    let mut unresolved_names = Vec::new();
    for e in &block.entries {
        match resource_matches_requested(&e.value, &subject.requested, vars) {
            ResourceMatch::Matched => {
                if hit.is_none() {
                    hit = Some(e);
                }
            }
            ResourceMatch::NotMatched => {}
            ResourceMatch::Unresolved { variable } => {
                unresolved.push(entry(e));
                unresolved_names.push(variable);
            }
        }
    }
    let positive = block.polarity == Polarity::Positive;
    let element = if positive { "Resource" } else { "NotResource" };
    let resource = subject.resource;
    let unmatched_variables = if unresolved_names.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = unresolved_names
            .iter()
            .map(|n| format!("`${{{n}}}`"))
            .collect();
        format!(
            " ({} has no value in the request, so that entry matches nothing)",
            names.join(", ")
        )
    };
    let tail = unmatched_variables.as_str();
    let detail = match (positive, hit) {
        (true, Some(e)) => subject.sentence(&["`", resource, "` matches `", &e.value, "`"], tail),
        // The one sentence shared by every statement here that no entry
        // matches.
        (true, None) if tail.is_empty() => {
            Arc::clone(subject.no_resource_match.get_or_init(|| {
                subject.sentence(&["no Resource entry matches `", resource, "`"], "")
            }))
        }
        (true, None) => subject.sentence(&["no Resource entry matches `", resource, "`"], tail),
        (false, Some(e)) => subject.sentence(
            &[
                "`",
                resource,
                "` is excluded by NotResource `",
                &e.value,
                "`",
            ],
            tail,
        ),
        (false, None) => subject.sentence(
            &["`", resource, "` is not in NotResource, so it is covered"],
            tail,
        ),
    };
    Some(ElementTrace {
        element: element.into(),
        satisfied: hit.is_some() == positive,
        matched_entry: hit.map(entry),
        unresolved,
        detail,
        loc: block.loc,
    })
}

fn trace_principal(block: &PrincipalBlock, caller: &CallerIds<'_>) -> ElementTrace {
    let who = caller.principal.describe();
    let entry_at = |i: Option<usize>| -> Option<EntryTrace> {
        match (&block.value, i) {
            (PrincipalValue::Map { entries }, Some(i)) => entries.get(i).map(|e| entry(&e.id)),
            (PrincipalValue::Anyone { loc }, _) => Some(EntryTrace {
                text: "*".to_owned(),
                loc: *loc,
            }),
            _ => None,
        }
    };
    match block.polarity {
        Polarity::Positive => {
            let grant = principal_grant(&block.value, caller);
            let matched = grant.and_then(|(_, i)| entry_at(i));
            let detail = match (grant, &matched) {
                (Some((g, _)), Some(e)) => format!(
                    "{who} is named by `{}`{}",
                    e.text,
                    match g {
                        Grant::Account => " (the account)",
                        Grant::Role => " (the role behind the session)",
                        Grant::Direct => "",
                    }
                ),
                (Some(_), None) => format!("{who} is named"),
                (None, _) => format!("no Principal entry names {who}"),
            };
            ElementTrace {
                element: "Principal".into(),
                satisfied: grant.is_some(),
                matched_entry: matched,
                unresolved: Vec::new(),
                detail: detail.into(),
                loc: block.loc,
            }
        }
        Polarity::Negated => {
            let excluded = not_principal_excludes(&block.value, caller);
            let matched = excluded.and_then(|i| entry_at(Some(i)));
            let detail = match &matched {
                Some(e) => format!("{who} is excluded by NotPrincipal `{}`", e.text),
                None => format!("{who} is not excluded by NotPrincipal, so it is covered"),
            };
            ElementTrace {
                element: "NotPrincipal".into(),
                satisfied: excluded.is_none(),
                matched_entry: matched,
                unresolved: Vec::new(),
                detail: detail.into(),
                loc: block.loc,
            }
        }
    }
}

fn statement_reason(
    action: &ElementTrace,
    resource: Option<&ElementTrace>,
    principal: Option<&ElementTrace>,
    conditions: &[ConditionTrace],
) -> StatementReason {
    if std::iter::once(action)
        .chain(resource)
        .chain(principal)
        .any(|element| !element.satisfied)
    {
        return StatementReason::FirstUnmatchedElement;
    }
    if let Some(failed) = conditions.iter().find(|c| !c.holds) {
        return StatementReason::Text(format!("condition {}", describe_condition(failed)));
    }
    // Every part, joined by "; ", written into one string.
    let mut text = String::with_capacity(160);
    for element in std::iter::once(action).chain(resource).chain(principal) {
        if !text.is_empty() {
            text.push_str("; ");
        }
        text.push_str(&element.detail);
    }
    for c in conditions {
        text.push_str("; condition ");
        text.push_str(&describe_condition(c));
    }
    StatementReason::Text(text)
}

/// One phrase for a condition clause, e.g. "`Null` `aws:MultiFactorAuthAge`
/// = `true` holds: the key is absent".
pub fn describe_condition(c: &ConditionTrace) -> String {
    let mut out = String::with_capacity(96);
    out.push('`');
    out.push_str(&c.operator);
    out.push(' ');
    out.push_str(&c.key);
    out.push_str("` = [");
    quoted_list(&mut out, &c.policy_values);
    out.push_str("] ");
    out.push_str(if c.holds { "holds: " } else { "fails: " });
    match &c.request_values {
        None => out.push_str("the key is absent from the request"),
        Some(values) if values.is_empty() => out.push_str("the request has an empty set"),
        Some(values) => {
            out.push_str("the request has ");
            quoted_list(&mut out, values);
        }
    }
    out.push_str(match c.note {
        ClauseNote::IfExistsMissing => " (IfExists: an absent key passes)",
        ClauseNote::ForAllValuesEmpty => " (ForAllValues on an empty set is true)",
        ClauseNote::ForAnyValueEmpty => " (ForAnyValue on an empty set is false)",
        ClauseNote::InvalidPolicyValue => " (a policy value cannot be read for this operator)",
        ClauseNote::UnresolvedVariable => " (a policy variable has no value)",
        _ => "",
    });
    out
}

/// Appends each value in backticks, separated by `, `.
fn quoted_list(out: &mut String, values: &[String]) {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(v);
        out.push('`');
    }
}
