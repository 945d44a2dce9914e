//! The decision with what decided it, without the trace: the
//! statements that decided, the Allows a Deny overrode, what blocked an
//! implicit deny, the one-sentence summary and the context keys a
//! condition asked for and the request lacked. The same answer as those
//! parts of [`evaluate`](super::evaluate)'s [`Response`], for a caller
//! that shows them and not every statement's reasons (the JavaScript
//! API's `evaluate`); the case suite checks both agree.

use crate::condition::clause_holds;
use crate::matching::action_matches;
use crate::matching::arn::{ResourceMatch, resource_matches_requested};
use crate::matching::pattern::eq_ignore_case;
use crate::policy::{Polarity, Statement};
use crate::request::Request;
use crate::response::{Blocked, Decision, Response, StatementRef};

use super::context::EvalContext;
use super::decide::{Consulted, Hit, decide};
use super::principal_match::Grant;
use super::statement::{Applies, Subject, principal_applies};
use super::{PolicySet, caller_identity, facts, summary, variable_names};

/// The decision and why, without the trace.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Verdict {
    /// The decision.
    pub decision: Decision,
    /// One sentence that says why.
    pub summary: String,
    /// The statements that decided (see [`Response::deciding`]).
    pub deciding: Vec<StatementRef>,
    /// Allows that apply but were overridden by a Deny.
    pub overridden: Vec<StatementRef>,
    /// The policy type that blocked an otherwise allowed request.
    pub blocked_by: Option<Blocked>,
    /// Context keys that a condition asked for and the request lacked.
    pub missing_context_keys: Vec<String>,
    /// Problems of the request itself (see [`Response::request_findings`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_findings: Vec<crate::engine::Problem>,
}

impl From<Response> for Verdict {
    fn from(response: Response) -> Verdict {
        Verdict {
            decision: response.decision,
            summary: response.summary,
            deciding: response.deciding,
            overridden: response.overridden,
            blocked_by: response.blocked_by,
            missing_context_keys: response.missing_context_keys,
            request_findings: response.request_findings,
        }
    }
}

/// The verdict on `request` under `policies`.
pub fn verdict(policies: &PolicySet<'_>, request: &Request) -> Verdict {
    if caller_identity::needs_no_permission(request) {
        // Rare, and worded from the full answer.
        return super::evaluate(policies, request).into();
    }
    let context = EvalContext::new(&request.context, &request.principal);
    let subject = Subject::new(request, &context);
    let in_order = policies.in_order();
    let mut consulted = Vec::with_capacity(in_order.len());
    // Every policy's hits in one list, each policy's a range of it: no
    // allocation per policy.
    let mut hits = Vec::new();
    let mut missing = MissingKeys::default();
    for &(applied, policy_type, level) in &in_order {
        let variables = applied.policy.variables_enabled();
        let first = hits.len();
        for s in &applied.policy.statements {
            if let Some(a) = missing.check(s, &subject, variables) {
                hits.push(Hit {
                    statement: s.index,
                    effect: s.effect.value,
                    grant: a.grant,
                });
            }
        }
        consulted.push(Consulted {
            policy_type,
            level,
            implicit: false,
            hits: first..hits.len(),
        });
    }
    let outcome = decide(
        policies,
        &consulted,
        &hits,
        &facts(request, &subject.requested),
        false,
    );
    let to_ref = |&(p, s): &(usize, usize)| -> Option<StatementRef> {
        let &(applied, policy_type, _) = in_order.get(p)?;
        let statement = applied.policy.statements.iter().find(|st| st.index == s)?;
        Some(StatementRef {
            policy: p,
            policy_name: std::sync::Arc::clone(&applied.name),
            policy_type,
            statement: s,
            sid: statement.sid.as_ref().map(|sid| sid.value.clone()),
            effect: statement.effect.value,
            loc: statement.loc,
        })
    };
    let deciding: Vec<_> = outcome.deciding.iter().filter_map(to_ref).collect();
    let overridden: Vec<_> = outcome.overridden.iter().filter_map(to_ref).collect();
    let summary = summary::sentence(
        outcome.decision,
        &deciding,
        &overridden,
        outcome.blocked.as_ref(),
        request,
    );
    Verdict {
        decision: outcome.decision,
        summary,
        deciding,
        overridden,
        blocked_by: outcome.blocked,
        missing_context_keys: missing.keys,
        request_findings: Vec::new(),
    }
}

/// The context keys a statement that could apply asks for and the
/// request lacks: the variables of a Resource entry that have no value,
/// and the keys of its conditions, once each (ignoring case), in the
/// order the trace finds them.
#[derive(Debug, Default)]
struct MissingKeys {
    keys: Vec<String>,
}

impl MissingKeys {
    fn push(&mut self, key: &str) {
        if !self.keys.iter().any(|have| eq_ignore_case(have, key)) {
            self.keys.push(key.to_owned());
        }
    }

    /// Whether `statement` applies (as [`statement_applies`] decides),
    /// noting the keys it lacks as the trace finds them: the elements in
    /// order (Action, Resource, Principal) up to the first that fails,
    /// then every condition.
    ///
    /// [`statement_applies`]: super::statement::statement_applies
    fn check(
        &mut self,
        statement: &Statement,
        subject: &Subject<'_>,
        variables: bool,
    ) -> Option<Applies> {
        let action = &statement.action;
        let hit = action
            .entries
            .iter()
            .any(|e| action_matches(&e.value, subject.action));
        if hit != (action.polarity == Polarity::Positive) {
            return None;
        }
        let mut unresolved = Vec::new();
        if let Some(block) = &statement.resource {
            let vars = variables.then_some(subject.context);
            let mut matched = false;
            for e in &block.entries {
                match resource_matches_requested(&e.value, &subject.requested, vars) {
                    ResourceMatch::Matched => matched = true,
                    ResourceMatch::NotMatched => {}
                    ResourceMatch::Unresolved { .. } => unresolved.push(e.value.as_str()),
                }
            }
            if matched != (block.polarity == Polarity::Positive) {
                // The trace stops at the Resource, whose unresolved
                // entries are the reason.
                self.push_variables(&unresolved);
                return None;
            }
        }
        let grant = match &statement.principal {
            None => Grant::Direct,
            Some(block) => principal_applies(block, subject.caller())?.0,
        };
        self.push_variables(&unresolved);
        let mut holds = true;
        for clause in &statement.conditions {
            if subject.context.get(&clause.key.value).is_none() {
                self.push(&clause.key.value);
            }
            holds = holds && clause_holds(clause, subject.context, variables);
        }
        holds.then_some(Applies { grant })
    }

    /// The variables of the entries in `texts`.
    fn push_variables(&mut self, texts: &[&str]) {
        for text in texts {
            for name in variable_names(text) {
                self.push(&name);
            }
        }
    }
}
