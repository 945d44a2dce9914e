//! The baseline: the workspace as it was loaded, or as the user last
//! marked it ("Set as baseline"), compiled by an engine of its own once
//! the workspace moves away from it. Against it the playground answers
//! "what does my edit change?": the decision panel says when the request
//! on screen had another decision in the baseline, and the access matrix's
//! "Changes since baseline" mode colours every cell that gained or lost
//! access ([`super::change_impact`]).
//!
//! Everything is computed only when on screen, and again only when what
//! it depends on changed: the baseline's matrix once per baseline, rows
//! and context (not on every keystroke), the comparison with the
//! workspace's matrix whenever that one is decided again.

use std::rc::Rc;

use iamplay_core::response::Decision;
use iamplay_core::workspace::Workspace;

use super::change_impact::{Impact, impact};
use super::matrix::{Matrix, compute_matrix, matrix_principals};
use super::{ContextInput, Engine, RequestDraft, State, View};
use crate::aws_policies::AwsPolicies;

/// What the baseline's matrix was decided for.
#[derive(Clone, Debug)]
struct MatrixKey {
    engine: Rc<Engine>,
    rows: Rc<Vec<super::matrix::MatrixAction>>,
    context: Vec<ContextInput>,
    vpc_endpoint: Option<String>,
}

impl MatrixKey {
    fn same(&self, other: &MatrixKey) -> bool {
        Rc::ptr_eq(&self.engine, &other.engine)
            && Rc::ptr_eq(&self.rows, &other.rows)
            && self.context == other.context
            && self.vpc_endpoint == other.vpc_endpoint
    }
}

/// The baseline and what was computed against it.
#[derive(Clone, Debug, Default)]
pub struct Baseline {
    /// The workspace changes are counted from; `None` until the first
    /// action after a workspace opened (it is the workspace before it).
    pub workspace: Option<Rc<Workspace>>,
    /// Whether the user set it ("Set as baseline") rather than it being
    /// the workspace as loaded.
    pub marked: bool,
    /// Whether the access matrix shows the changes since the baseline.
    pub show_changes: bool,
    /// The baseline's decision for the request on screen, when it differs
    /// from the decision on screen (and that one is shown).
    pub decision_then: Option<Decision>,
    /// The workspace's matrix compared with the baseline's, while the
    /// matrix shows the changes.
    pub impact: Option<Rc<Impact>>,
    /// Why the baseline's matrix could not be decided, if it could not.
    pub problem: Option<String>,
    /// [`State::opened`] when it was taken: a workspace opened since
    /// takes a new baseline.
    taken_at: Option<u64>,
    /// The baseline compiled, with the AWS managed policies it was
    /// compiled with.
    engine: Option<(Rc<Engine>, Rc<AwsPolicies>)>,
    matrix: Option<(MatrixKey, Rc<Matrix>)>,
    /// The workspace's matrix and the baseline's the impact compares.
    impact_of: Option<(Rc<Matrix>, Rc<Matrix>)>,
}

/// Equal when the page shows the same (the caches aside).
impl PartialEq for Baseline {
    fn eq(&self, other: &Self) -> bool {
        let same_workspace = match (&self.workspace, &other.workspace) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_workspace
            && self.marked == other.marked
            && self.show_changes == other.show_changes
            && self.decision_then == other.decision_then
            && self.impact == other.impact
            && self.problem == other.problem
    }
}

impl Baseline {
    /// A baseline of `workspace`, taken while `opened` workspaces had
    /// been opened.
    fn of(workspace: Rc<Workspace>, opened: u64, show_changes: bool) -> Baseline {
        Baseline {
            workspace: Some(workspace),
            taken_at: Some(opened),
            show_changes,
            ..Baseline::default()
        }
    }

    /// The baseline's engine, compiled now if it is not yet (or was
    /// compiled with other AWS managed policies).
    fn engine(&mut self, aws: &Rc<AwsPolicies>) -> Option<Rc<Engine>> {
        let workspace = self.workspace.as_ref()?;
        let fresh = match &self.engine {
            Some((engine, with)) if Rc::ptr_eq(with, aws) || **with == **aws => {
                return Some(Rc::clone(engine));
            }
            _ => Rc::new(Engine::new(workspace, aws)),
        };
        self.engine = Some((Rc::clone(&fresh), Rc::clone(aws)));
        Some(fresh)
    }
}

impl State {
    /// Marks the workspace on screen as the baseline.
    pub(super) fn set_baseline(&mut self) {
        let show_changes = self.baseline.show_changes;
        let mut baseline = Baseline::of(Rc::clone(&self.workspace), self.opened, show_changes);
        baseline.marked = true;
        self.baseline = Rc::new(baseline);
    }

    /// Turns the matrix's "Changes since baseline" mode on or off.
    pub(super) fn show_changes(&mut self, on: bool) {
        Rc::make_mut(&mut self.baseline).show_changes = on;
    }

    /// Whether the workspace differs from the baseline (as an object: an
    /// edit undone by hand still counts, and compares equal cell by cell).
    pub fn changed_since_baseline(&self) -> bool {
        self.baseline
            .workspace
            .as_ref()
            .is_some_and(|w| !Rc::ptr_eq(w, &self.workspace))
    }

    /// Brings the baseline in step after an action: taken when a
    /// workspace opened (the workspace before the first action on it),
    /// the baseline's decision for the request on screen, and the
    /// matrix's comparison when it is on screen in "Changes since
    /// baseline" mode.
    pub(super) fn refresh_baseline(&mut self, previous: &State) {
        if self.baseline.taken_at != Some(self.opened) {
            // The first action on a workspace: the baseline is the
            // workspace before it; a workspace opened: that workspace, the
            // mode carried over from the one before.
            let (workspace, show_changes) = if previous.opened == self.opened {
                (Rc::clone(&previous.workspace), self.baseline.show_changes)
            } else {
                (Rc::clone(&self.workspace), previous.baseline.show_changes)
            };
            self.baseline = Rc::new(Baseline::of(workspace, self.opened, show_changes));
        }
        let decision_then = self.baseline_decision();
        if self.baseline.decision_then != decision_then {
            Rc::make_mut(&mut self.baseline).decision_then = decision_then;
        }
        self.refresh_impact();
    }

    /// The baseline's decision for the request on screen, when it differs
    /// from the one shown.
    fn baseline_decision(&mut self) -> Option<Decision> {
        if !self.changed_since_baseline()
            || self.hides_decision()
            || self.evaluation.stale.is_some()
        {
            return None;
        }
        let now = self.evaluation.response.as_ref()?.decision;
        let spec = self.request.to_spec().ok()?;
        let aws = Rc::clone(&self.aws);
        let engine = Rc::make_mut(&mut self.baseline).engine(&aws)?;
        let then = engine.decision(&spec).ok()?;
        (then != now).then_some(then)
    }

    /// Compares the matrix on screen with the baseline's when the mode is
    /// on; drops the comparison when it is off.
    fn refresh_impact(&mut self) {
        let wanted = self.teaching.view == View::Matrix && self.baseline.show_changes;
        let after = match (&self.teaching.matrix.matrix, wanted) {
            (Some(matrix), true) => Rc::clone(matrix),
            _ => {
                if self.baseline.impact.is_some() || self.baseline.problem.is_some() {
                    let baseline = Rc::make_mut(&mut self.baseline);
                    baseline.impact = None;
                    baseline.impact_of = None;
                    baseline.problem = None;
                }
                return;
            }
        };
        let before = if self.changed_since_baseline() {
            match self.baseline_matrix(&after) {
                Ok(before) => before,
                Err(problem) => {
                    let baseline = Rc::make_mut(&mut self.baseline);
                    baseline.impact = None;
                    baseline.impact_of = None;
                    baseline.problem = Some(problem);
                    return;
                }
            }
        } else {
            Rc::clone(&after)
        };
        if let Some((a, b)) = &self.baseline.impact_of
            && Rc::ptr_eq(a, &after)
            && Rc::ptr_eq(b, &before)
        {
            return;
        }
        let found = if Rc::ptr_eq(&before, &after) {
            Impact::none(&after)
        } else {
            impact(&before, &after)
        };
        let baseline = Rc::make_mut(&mut self.baseline);
        baseline.impact = Some(Rc::new(found));
        baseline.impact_of = Some((after, before));
        baseline.problem = None;
    }

    /// The baseline's matrix for the rows of `after` and the request's
    /// context, decided again only when one of them changed.
    fn baseline_matrix(&mut self, after: &Matrix) -> Result<Rc<Matrix>, String> {
        let aws = Rc::clone(&self.aws);
        let Some(engine) = Rc::make_mut(&mut self.baseline).engine(&aws) else {
            return Err("there is no baseline".to_owned());
        };
        let key = MatrixKey {
            engine: Rc::clone(&engine),
            rows: Rc::clone(&after.actions),
            context: self.request.context.clone(),
            vpc_endpoint: self.request.vpc_endpoint.clone(),
        };
        if let Some((k, matrix)) = &self.baseline.matrix
            && k.same(&key)
        {
            return Ok(Rc::clone(matrix));
        }
        let principals = self
            .baseline
            .workspace
            .as_deref()
            .map(matrix_principals)
            .unwrap_or_default();
        let draft = RequestDraft {
            context: key.context.clone(),
            vpc_endpoint: key.vpc_endpoint.clone(),
            ..RequestDraft::default()
        };
        let matrix = compute_matrix(&engine, principals, Rc::clone(&key.rows), &draft)
            .map(Rc::new)
            .map_err(|error| format!("the baseline's matrix: {error}"))?;
        Rc::make_mut(&mut self.baseline).matrix = Some((key, Rc::clone(&matrix)));
        Ok(matrix)
    }
}

#[cfg(test)]
mod tests {
    use yew::Reducible;

    use super::*;
    use crate::state::change_impact::CellChange;
    use crate::state::change_impact::tests::without_the_deny;
    use crate::state::{Action, DocumentRef, TeachAction, WhatIfAction};

    fn force_mfa() -> DocumentRef {
        DocumentRef::Customer("Force_MFA".to_owned())
    }

    fn drop_the_deny(state: Rc<State>) -> Rc<State> {
        let text = force_mfa()
            .text_in(&state.workspace)
            .map(without_the_deny)
            .expect("Force_MFA");
        state.reduce(Action::Edit(force_mfa(), text))
    }

    // The seed as loaded is the baseline: dropping the Force_MFA Deny
    // makes every `ec2:*` cell of both users gain access, and row 1's
    // decision differ from the baseline's.
    #[test]
    fn dropping_the_deny_gains_every_ec2_cell_since_the_seed_as_loaded() {
        let state = [
            TeachAction::SetView(View::Matrix),
            TeachAction::AddMatrixActions("ec2:*".to_owned()),
        ]
        .into_iter()
        .fold(Rc::new(State::seed()), |s, a| s.reduce(Action::Teach(a)));
        let state = state.reduce(Action::WhatIf(WhatIfAction::ShowChanges(true)));
        let impact = state.baseline.impact.clone().expect("an impact");
        assert_eq!((impact.gained, impact.lost), (0, 0));
        assert_eq!(state.baseline.decision_then, None);

        let edited = drop_the_deny(state);
        let matrix = edited.teaching.matrix.matrix.clone().expect("a matrix");
        let impact = edited.baseline.impact.clone().expect("an impact");
        let ec2: Vec<usize> = (0..matrix.actions.len())
            .filter(|&row| matrix.actions[row].action.starts_with("ec2:"))
            .collect();
        assert!(ec2.len() > 500);
        for &row in &ec2 {
            for p in 0..2 {
                assert_eq!(
                    impact.cell(row, p),
                    CellChange::Gained,
                    "{}",
                    matrix.actions[row].action
                );
            }
        }
        assert_eq!(impact.gained, ec2.len() * 2);
        assert_eq!(impact.lost, 0);
        // Row 1 was an explicit deny; now it is allowed.
        assert_eq!(edited.baseline.decision_then, Some(Decision::ExplicitDeny));

        // Typing on: the baseline's matrix is not decided again.
        let again = Rc::clone(&edited).reduce(Action::SetMfa(true));
        let (_, before) = again
            .baseline
            .matrix
            .clone()
            .expect("the baseline's matrix");
        let (_, first) = edited
            .baseline
            .matrix
            .clone()
            .expect("the baseline's matrix");
        assert!(
            !Rc::ptr_eq(&before, &first),
            "another context: decided again"
        );
        let typed = again.reduce(Action::SetAction("ec2:RunInstances".to_owned()));
        let (_, kept) = typed
            .baseline
            .matrix
            .clone()
            .expect("the baseline's matrix");
        assert!(Rc::ptr_eq(&before, &kept));
        // With MFA both allow every EC2 action: nothing changed.
        let impact = typed.baseline.impact.clone().expect("an impact");
        assert_eq!((impact.gained, impact.lost), (0, 0));

        // "Set as baseline": the edit is the baseline now.
        let marked = edited.reduce(Action::WhatIf(WhatIfAction::SetBaseline));
        assert!(marked.baseline.marked);
        assert_eq!(marked.baseline.decision_then, None);
        let impact = marked.baseline.impact.clone().expect("an impact");
        assert_eq!((impact.gained, impact.lost), (0, 0));
    }

    // A new workspace is its own baseline; the mode stays on.
    #[test]
    fn a_workspace_opened_is_the_new_baseline() {
        let state = Rc::new(State::seed()).reduce(Action::WhatIf(WhatIfAction::ShowChanges(true)));
        let edited = drop_the_deny(state);
        assert!(edited.changed_since_baseline());
        let lesson = edited.reduce(Action::Teach(TeachAction::LoadLesson(1)));
        assert!(!lesson.changed_since_baseline());
        assert!(lesson.baseline.show_changes);
        assert!(!lesson.baseline.marked);
        let edited = lesson.reduce(Action::Create(
            crate::state::NewEntity::User,
            "newcomer".to_owned(),
        ));
        assert!(edited.changed_since_baseline());
        assert_eq!(
            edited.baseline.workspace.as_ref().map(|w| w.users.len()),
            Some(edited.workspace.users.len() - 1)
        );
    }

    // While the learner is to predict, the baseline's decision is not
    // said either.
    #[test]
    fn predict_first_hides_the_baseline_decision() {
        let state = drop_the_deny(Rc::new(State::seed()));
        assert_eq!(state.baseline.decision_then, Some(Decision::ExplicitDeny));
        let state = state.reduce(Action::Teach(TeachAction::SetPredict(true)));
        assert_eq!(state.baseline.decision_then, None);
    }
}
