//! Counterfactuals: for a request and its decision, the single changes
//! that would give another decision ("with MFA, this request is allowed
//! by AmazonEC2FullAccess › statement 1"), each found by evaluating the
//! changed request or workspace, never guessed.
//!
//! Four kinds of change are tried, each verified by one evaluation:
//!
//! - the request's context keys, from the conditions that decided or
//!   blocked ([`context`]);
//! - the workspace's policies: the deciding statements removed, or for an
//!   implicit deny the smallest Allow added ([`policy`]); deciding AWS
//!   managed policies, which cannot be edited, detached ([`detach`]);
//! - another user or role of the workspace asking the same
//!   ([`principal`]);
//! - the same request on another resource the workspace names for its
//!   action ([`resource`]).
//!
//! The work is bounded: at most [`MAX_EVALUATIONS`] changes are
//! evaluated, and [`Counterfactuals::capped`] says when some were left
//! untried. The rules are written in `docs/semantics.md`.

mod change;
mod clause;
mod concrete;
mod context;
mod detach;
mod policy;
mod principal;
mod resource;
mod sentence;

use serde::{Deserialize, Serialize};

use crate::eval::{Verdict, verdict};
use crate::response::{Blocked, Decision, StatementRef};
use crate::workspace::RequestSpec;

use super::resolve::{GivenDocuments, RequestDocuments, Resolved, resolve};
use super::{Engine, ResolveError};

pub use change::{AttachedTo, Attachment, Change, EntityKind, KeySetting, StatementAt};

/// The most changes evaluated for one request.
pub const MAX_EVALUATIONS: usize = 32;

/// The most other principals reported for one request.
const MAX_PRINCIPALS: usize = 3;

/// The most other resources reported for one request.
const MAX_RESOURCES: usize = 3;

/// The most other resources tried for one request (half the budget, so
/// that other principals are tried too).
pub const MAX_RESOURCE_TRIES: usize = MAX_EVALUATIONS / 2;

/// One change that gives the request another decision, with that decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Counterfactual {
    /// What changes.
    pub change: Change,
    /// One sentence that says the change and its outcome, e.g. "With
    /// `aws:MultiFactorAuthPresent` = true and `aws:MultiFactorAuthAge` =
    /// 60, this request is allowed by AmazonEC2FullAccess › statement 1."
    pub sentence: String,
    /// The decision after the change.
    pub decision: Decision,
    /// The statements that decide it after the change (their `policy`
    /// indexes count the policies of the changed evaluation).
    pub deciding: Vec<StatementRef>,
    /// For an implicit deny after the change, what blocks it.
    pub blocked_by: Option<Blocked>,
}

/// The counterfactuals of one request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Counterfactuals {
    /// The request's decision as it is.
    pub decision: Decision,
    /// Every change found, context changes first, then policy changes,
    /// then other principals, then other resources.
    pub list: Vec<Counterfactual>,
    /// How many changes were evaluated.
    pub evaluations: usize,
    /// Whether changes were left untried: [`MAX_EVALUATIONS`] were
    /// spent, or the other resources to try were more than the search
    /// tries.
    pub capped: bool,
}

impl Engine {
    /// The changes that would give `request` another decision, each
    /// verified by evaluating it. A session policy or policies given with
    /// `request` are parsed for it, as [`Engine::evaluate`] does.
    pub fn counterfactuals(&self, request: &RequestSpec) -> Result<Counterfactuals, ResolveError> {
        let given = GivenDocuments::parsed(request)?;
        self.search(request, RequestDocuments::Given(&given))
    }

    /// The counterfactuals of saved request `index` (from 0).
    pub fn counterfactuals_saved(&self, index: usize) -> Result<Counterfactuals, ResolveError> {
        let spec = self.saved_spec(index)?;
        self.search(spec, RequestDocuments::Saved(index))
    }

    fn search(
        &self,
        spec: &RequestSpec,
        docs: RequestDocuments<'_>,
    ) -> Result<Counterfactuals, ResolveError> {
        let resolved = resolve(&self.workspace, &self.documents, &self.layout, spec, docs)?;
        let before = verdict(&resolved.policies, &resolved.request);
        let mut search = Search {
            engine: self,
            spec,
            docs,
            resolved,
            before,
            evaluations: 0,
            capped: false,
            found: Vec::new(),
        };
        // The policy change first: one evaluation that answers the
        // question people ask most ("and without that Deny?").
        policy::search(&mut search);
        detach::search(&mut search);
        context::search(&mut search);
        // Other resources before other principals: a workspace of many
        // users cannot spend the whole budget before a resource is tried.
        resource::search(&mut search);
        principal::search(&mut search);
        // Context changes first, then the policy change, then principals,
        // then resources (no sort: a stable sort's code weighs in the
        // JavaScript API's `.wasm`).
        let (mut list, rest): (Vec<_>, Vec<_>) = search
            .found
            .into_iter()
            .partition(|c| matches!(c.change, Change::Context { .. }));
        let (policies, rest): (Vec<_>, Vec<_>) = rest
            .into_iter()
            .partition(|c| !matches!(c.change, Change::Principal { .. } | Change::Resource { .. }));
        let (principals, resources): (Vec<_>, Vec<_>) = rest
            .into_iter()
            .partition(|c| matches!(c.change, Change::Principal { .. }));
        list.extend(policies);
        list.extend(principals);
        list.extend(resources);
        Ok(Counterfactuals {
            decision: search.before.decision,
            list,
            evaluations: search.evaluations,
            capped: search.capped,
        })
    }
}

/// What [`Search::try_request_change`] did with a change.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tried {
    /// The changed request could not be made or resolved: nothing spent.
    Skipped,
    /// Evaluated; the decision stays.
    Evaluated,
    /// Evaluated, and kept: it flips the decision.
    Kept,
}

/// The search for one request's counterfactuals: the request resolved,
/// its verdict, the evaluations spent and the changes found.
struct Search<'e> {
    engine: &'e Engine,
    spec: &'e RequestSpec,
    docs: RequestDocuments<'e>,
    resolved: Resolved<'e>,
    before: Verdict,
    evaluations: usize,
    capped: bool,
    found: Vec<Counterfactual>,
}

impl Search<'_> {
    /// Takes one evaluation from the budget; `false` (and the search is
    /// marked capped) when none is left.
    fn spend(&mut self) -> bool {
        if self.evaluations >= MAX_EVALUATIONS {
            self.capped = true;
            return false;
        }
        self.evaluations += 1;
        true
    }

    /// Whether `after` is another decision than the request's.
    fn flips(&self, after: &Verdict) -> bool {
        after.decision != self.before.decision
    }

    /// Tries `change`, a change to the request itself (principal,
    /// resource): the changed request is resolved again and evaluated,
    /// and the change is kept when it flips the decision. `None` when the
    /// budget is spent; otherwise whether it was evaluated and whether it
    /// was kept.
    fn try_request_change(&mut self, change: Change) -> Option<Tried> {
        let Some(spec) = change.apply_to_request(self.spec) else {
            return Some(Tried::Skipped);
        };
        let engine = self.engine;
        let Ok(resolved) = resolve(
            &engine.workspace,
            &engine.documents,
            &engine.layout,
            &spec,
            self.docs,
        ) else {
            return Some(Tried::Skipped);
        };
        if !self.spend() {
            return None;
        }
        let after = verdict(&resolved.policies, &resolved.request);
        if self.flips(&after) {
            self.keep(change, after);
            return Some(Tried::Kept);
        }
        Some(Tried::Evaluated)
    }

    /// Keeps `change` with its outcome.
    fn keep(&mut self, change: Change, after: Verdict) {
        let sentence = sentence::sentence(&change, &self.resolved.request, &after);
        self.found.push(Counterfactual {
            change,
            sentence,
            decision: after.decision,
            deciding: after.deciding,
            blocked_by: after.blocked_by,
        });
    }
}
