//! Changes of the request's context keys, found in the conditions that
//! decided or blocked:
//!
//! - each clause of a deciding statement (a Deny that denies, an Allow
//!   that allows), made to fail;
//! - the failing clauses of a statement whose Action, Resource and
//!   Principal match but whose conditions keep it from applying (an Allow
//!   when the request is implicitly denied, a Deny when it is allowed),
//!   made to hold together.
//!
//! A multi-factor sign-in stays coherent: `aws:MultiFactorAuthPresent`
//! true comes with an `aws:MultiFactorAuthAge`, and the other way round.

use crate::condition::clause_holds;
use crate::eval::context::EvalContext;
use crate::eval::statement::{Subject, elements_apply};
use crate::policy::{ConditionClause, Effect, Statement};
use crate::request::{ContextKeys, ContextValue, Request, Scalar};
use crate::response::Decision;

use super::change::{Change, KeySetting};
use super::clause::{Edit, Want, proposals, sample};
use super::{Search, verdict};

const MFA_PRESENT: &str = "aws:MultiFactorAuthPresent";
const MFA_AGE: &str = "aws:MultiFactorAuthAge";

/// Tries the context changes of the request's conditions.
pub(super) fn search(search: &mut Search<'_>) {
    let candidates = candidates(search);
    for edits in candidates {
        if !search.spend() {
            return;
        }
        let mut request = search.resolved.request.clone();
        apply(&mut request.context, &edits);
        let after = verdict(&search.resolved.policies, &request);
        if search.flips(&after) {
            search.keep(change(edits), after);
        }
    }
}

/// The sets of key edits to try, each once, in the order the statements
/// are consulted.
fn candidates(search: &Search<'_>) -> Vec<Vec<Edit>> {
    let request = &search.resolved.request;
    let decision = search.before.decision;
    let order = search.resolved.policies.in_order();
    let context = EvalContext::new(&request.context, &request.principal);
    let subject = Subject::new(request, &context);
    let given = &search.spec.context;
    let editable = |key: &str| editable(search, key);
    let mut out: Vec<Vec<Edit>> = Vec::new();
    let mut push = |edits: Vec<Edit>| {
        let edits = coherent(edits, &request.context, given);
        if !edits.is_empty() && !out.contains(&edits) {
            out.push(edits);
        }
    };
    for (p, (applied, _, _)) in order.iter().enumerate() {
        let variables = applied.policy.variables_enabled();
        for s in &applied.policy.statements {
            if s.conditions.is_empty() {
                continue;
            }
            let deciding = search
                .before
                .deciding
                .iter()
                .any(|d| d.policy == p && d.statement == s.index);
            let effect = s.effect.value;
            if deciding {
                // Any one clause failing stops the statement applying.
                for c in &s.conditions {
                    if let Some(edit) =
                        first_working(c, Want::Fail, request, given, variables, &editable)
                    {
                        push(vec![edit]);
                    }
                }
                continue;
            }
            let blocked_by_condition = matches!(
                (decision, effect),
                (Decision::ImplicitDeny, Effect::Allow) | (Decision::Allowed, Effect::Deny)
            ) && elements_apply(s, &subject, variables).is_some();
            if blocked_by_condition
                && let Some(edits) = all_hold(s, request, given, variables, &editable)
            {
                push(edits);
            }
        }
    }
    out
}

/// Whether a change may set or remove `key`: not the keys the principal
/// gives (its name, ARN, account, type, tags), which are who asks, not
/// how; a key is removed only when the request itself gives it.
fn editable(search: &Search<'_>, key: &str) -> bool {
    let derived = search
        .resolved
        .request
        .principal
        .derived_key_names()
        .iter()
        .any(|k| k.eq_ignore_ascii_case(key));
    let tag = key
        .get(..17)
        .is_some_and(|p| p.eq_ignore_ascii_case("aws:PrincipalTag/"));
    !derived && !tag
}

/// The first proposed edit of `clause`'s key under which it does what is
/// wanted. A key is removed only when the request gives it (`given`), not
/// when resolution filled it in.
fn first_working(
    clause: &ConditionClause,
    want: Want,
    request: &Request,
    given: &ContextKeys,
    variables: bool,
    editable: &dyn Fn(&str) -> bool,
) -> Option<Edit> {
    if !editable(&clause.key.value) {
        return None;
    }
    proposals(clause, want).into_iter().find(|edit| {
        if edit.1.is_none() && !given.contains(&edit.0) {
            return false;
        }
        let mut context = request.context.clone();
        apply(&mut context, std::slice::from_ref(edit));
        let eval = EvalContext::new(&context, &request.principal);
        clause_holds(clause, &eval, variables) == (want == Want::Hold)
    })
}

/// Edits under which every clause of `statement` holds, when one edit
/// per failing clause does it without two of them disagreeing on a key.
fn all_hold(
    statement: &Statement,
    request: &Request,
    given: &ContextKeys,
    variables: bool,
    editable: &dyn Fn(&str) -> bool,
) -> Option<Vec<Edit>> {
    let context = EvalContext::new(&request.context, &request.principal);
    let mut edits: Vec<Edit> = Vec::new();
    for c in &statement.conditions {
        if clause_holds(c, &context, variables) {
            continue;
        }
        let edit = first_working(c, Want::Hold, request, given, variables, editable)?;
        match edits.iter().find(|e| e.0.eq_ignore_ascii_case(&edit.0)) {
            Some(same) if *same == edit => {}
            Some(_) => return None,
            None => edits.push(edit),
        }
    }
    Some(edits)
}

/// Keeps a multi-factor sign-in coherent: setting the age (or
/// `aws:MultiFactorAuthPresent` true) sets the other when the request
/// lacks it; removing the age (or setting the flag false) removes the
/// age and clears the flag. Edits that change nothing are dropped, and
/// removals of keys the request does not give (`given`).
fn coherent(mut edits: Vec<Edit>, context: &ContextKeys, given: &ContextKeys) -> Vec<Edit> {
    let find = |edits: &[Edit], key: &str| edits.iter().position(|e| e.0.eq_ignore_ascii_case(key));
    let present_true = Some(ContextValue::Single(Scalar::Bool(true)));
    let present_false = Some(ContextValue::Single(Scalar::Bool(false)));
    let age = find(&edits, MFA_AGE).map(|i| edits[i].1.is_some());
    let flag = find(&edits, MFA_PRESENT).map(|i| edits[i].1 == present_true);
    match (age, flag) {
        (Some(true), None) => edits.insert(0, (MFA_PRESENT.to_owned(), present_true)),
        (Some(false), None) if given.contains(MFA_PRESENT) => {
            edits.insert(0, (MFA_PRESENT.to_owned(), present_false));
        }
        (None, Some(true)) if !context.contains(MFA_AGE) => {
            edits.push((
                MFA_AGE.to_owned(),
                Some(ContextValue::Single(sample(MFA_AGE))),
            ));
        }
        (None, Some(false)) if given.contains(MFA_AGE) => edits.push((MFA_AGE.to_owned(), None)),
        _ => {}
    }
    edits.retain(|(key, value)| match (value, context.get(key)) {
        (Some(v), Some(have)) => *v != have.value,
        (Some(_), None) => true,
        (None, _) => given.contains(key),
    });
    edits
}

/// Makes `edits` in `context`.
fn apply(context: &mut ContextKeys, edits: &[Edit]) {
    for (key, value) in edits {
        match value {
            Some(v) => context.insert(key.clone(), v.clone()),
            None => context.remove(key),
        }
    }
}

/// The change `edits` make, as the response tells it.
fn change(edits: Vec<Edit>) -> Change {
    let mut set = Vec::new();
    let mut remove = Vec::new();
    for (key, value) in edits {
        match value {
            Some(value) => set.push(KeySetting { key, value }),
            None => remove.push(key),
        }
    }
    Change::Context { set, remove }
}
