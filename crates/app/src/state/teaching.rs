//! The teaching side of the state: which view is on screen (the
//! playground or the access matrix), the scenario gallery and the lesson
//! loaded, predict-then-reveal with its score, and the access matrix.
//!
//! [`TeachAction`]s arrive as [`Action::Teach`]; after every action,
//! [`State::refresh_teaching`] keeps the teaching state in step with the
//! rest (a workspace replaced, the decision hidden or shown, the matrix
//! decided again when what it depends on changed and it is on screen).

use std::cell::RefCell;
use std::rc::Rc;

use iamplay_core::response::Decision;
use iamplay_core::workspace::{Resource, Workspace, write_workspace};
use yew::AttrValue;

use super::lessons::{LESSONS, LessonCard, SEED_LESSON, is_pristine, lesson_requests};
use super::matrix::{Matrix, MatrixAction, compute_matrix, matrix_actions, matrix_principals};
use super::score::{Prediction, Predictions};
use super::{Action, ContextInput, Engine, RequestDraft, State};

/// The most saved requests' actions the matrix starts with.
const DEFAULT_ROWS: usize = 24;

/// The lesson on screen, as its bar shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonView {
    /// The lesson: title, sentences, requests and their expectations.
    pub card: LessonCard,
    /// The saved request the request panel holds, if it holds one.
    pub current: Option<usize>,
    /// The decision on screen, unless it is hidden.
    pub decision: Option<Decision>,
    /// Per request, whether its expected decision may be shown (not while
    /// the learner is still to predict it).
    pub revealed: Rc<Vec<bool>>,
    /// The name of the workspace put aside, if any.
    pub put_aside: Option<AttrValue>,
}

/// What the page shows in the middle.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// The workspace, the policy editor, the request and the decision.
    #[default]
    Playground,
    /// The access matrix in place of the editor.
    Matrix,
}

/// Everything that changes the teaching state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TeachAction {
    /// Show the playground or the access matrix.
    SetView(View),
    /// Open the scenario gallery.
    OpenGallery,
    /// Close it.
    CloseGallery,
    /// Load lesson `i` of [`LESSONS`]; the workspace on screen is put
    /// aside first unless it is a lesson, the seed or empty as it opened.
    LoadLesson(usize),
    /// Hide the lesson bar (the workspace stays).
    CloseLesson,
    /// Bring back the workspace put aside (the lesson is put aside in its
    /// place when it was changed).
    RestorePutAside,
    /// Set the request to the workspace's saved request `i`.
    ApplySavedRequest(usize),
    /// Turn predict-then-reveal on or off.
    SetPredict(bool),
    /// The learner's prediction for the request on screen.
    Guess(Decision),
    /// Add actions or patterns to the matrix (separated by commas or
    /// spaces).
    AddMatrixActions(String),
    /// Remove the matrix's pattern at this index.
    RemoveMatrixAction(usize),
    /// Back to the saved requests' actions.
    ResetMatrixActions,
    /// Load the request of a cell (action row, principal column).
    OpenCell {
        /// The row.
        action: usize,
        /// The column.
        principal: usize,
    },
}

/// A workspace put aside when a lesson replaced it.
#[derive(Clone, Debug, PartialEq)]
pub struct PutAside {
    /// The workspace.
    pub workspace: Rc<Workspace>,
    /// The request that was on screen.
    pub request: Rc<RequestDraft>,
    /// What to call it.
    pub name: String,
}

/// What the matrix was computed from (it is computed again when any of
/// these changed).
#[derive(Clone, Debug)]
struct MatrixKey {
    workspace: Rc<Workspace>,
    engine: Rc<RefCell<Engine>>,
    /// The engine's [`Engine::revision`]: it changes in place.
    revision: u64,
    context: Vec<ContextInput>,
    rows: Rc<Vec<MatrixAction>>,
}

impl MatrixKey {
    fn same(&self, other: &MatrixKey) -> bool {
        Rc::ptr_eq(&self.workspace, &other.workspace)
            && Rc::ptr_eq(&self.engine, &other.engine)
            && self.revision == other.revision
            && Rc::ptr_eq(&self.rows, &other.rows)
            && self.context == other.context
    }
}

/// What the rows were expanded from.
#[derive(Clone, Debug, PartialEq)]
struct RowsKey {
    patterns: Rc<Vec<String>>,
    /// Whether AWS's service data was there (no rows before).
    services: bool,
    account: String,
    resources: Vec<Resource>,
}

/// The access matrix's part of the state.
#[derive(Clone, Debug, Default)]
pub struct MatrixState {
    /// The actions and patterns asked for, in order.
    pub patterns: Rc<Vec<String>>,
    /// The patterns that match no action.
    pub unmatched: Rc<Vec<String>>,
    /// The latest matrix (kept, marked stale, while a policy does not
    /// parse).
    pub matrix: Option<Rc<Matrix>>,
    /// Why the matrix on screen is not up to date.
    pub stale: Option<String>,
    rows: Rc<Vec<MatrixAction>>,
    rows_key: Option<RowsKey>,
    key: Option<MatrixKey>,
}

/// The teaching state.
#[derive(Clone, Debug)]
pub struct Teaching {
    /// The view on screen.
    pub view: View,
    /// Whether the gallery is open.
    pub gallery_open: bool,
    /// The lesson loaded (index into [`LESSONS`]), while its workspace is
    /// on screen.
    pub lesson: Option<usize>,
    /// The workspace a lesson replaced.
    pub put_aside: Option<Rc<PutAside>>,
    /// Whether predict-then-reveal is on.
    pub predict: bool,
    /// The guesses since the lesson (or workspace) loaded.
    pub predictions: Predictions,
    /// The access matrix.
    pub matrix: MatrixState,
    /// Set on a teaching state made for a new workspace and not yet
    /// carried over from the one before.
    fresh: bool,
}

impl Default for Teaching {
    fn default() -> Self {
        Teaching {
            view: View::Playground,
            gallery_open: false,
            lesson: None,
            put_aside: None,
            predict: false,
            predictions: Predictions::default(),
            matrix: MatrixState::default(),
            fresh: true,
        }
    }
}

impl Teaching {
    /// The teaching state of a new state around `workspace`.
    pub(super) fn new(workspace: &Workspace) -> Teaching {
        Teaching {
            matrix: MatrixState {
                patterns: Rc::new(default_patterns(workspace)),
                ..MatrixState::default()
            },
            ..Teaching::default()
        }
    }

    /// The teaching state for a workspace that replaced another: the view,
    /// the predict switch and the workspace put aside stay; the lesson,
    /// the guesses and the matrix's actions start again.
    fn carried_over(&self, workspace: &Workspace) -> Teaching {
        Teaching {
            view: self.view,
            predict: self.predict,
            put_aside: self.put_aside.clone(),
            matrix: MatrixState {
                patterns: Rc::new(default_patterns(workspace)),
                ..MatrixState::default()
            },
            fresh: false,
            ..Teaching::default()
        }
    }
}

/// The matrix's first actions for `workspace`: the actions of its saved
/// requests, without repeats.
pub fn default_patterns(workspace: &Workspace) -> Vec<String> {
    let mut patterns: Vec<String> = Vec::new();
    for spec in &workspace.requests {
        let action = spec.action.trim();
        if !action.is_empty() && !patterns.iter().any(|p| p.eq_ignore_ascii_case(action)) {
            patterns.push(action.to_owned());
        }
    }
    patterns.truncate(DEFAULT_ROWS);
    patterns
}

impl State {
    /// Whether the decision is hidden: predict-then-reveal is on and the
    /// learner has not guessed the request on screen yet.
    pub fn hides_decision(&self) -> bool {
        self.teaching.predict
            && self.evaluation.response.is_some()
            && self.teaching.predictions.guess_for(&self.request).is_none()
    }

    /// Predict-then-reveal as the decision panel shows it.
    pub fn prediction(&self) -> Prediction {
        let teaching = &self.teaching;
        Prediction {
            on: teaching.predict,
            hidden: self.hides_decision(),
            guess: teaching.predictions.guess_for(&self.request).cloned(),
            score: teaching.predictions.score(),
            request: AttrValue::from(request_line(&self.request)),
        }
    }

    /// The lesson bar, while a lesson is on screen.
    pub fn lesson_view(&self) -> Option<LessonView> {
        let index = self.teaching.lesson?;
        let drafts: Vec<RequestDraft> = self
            .workspace
            .requests
            .iter()
            .map(RequestDraft::from_spec)
            .collect();
        let predictions = &self.teaching.predictions;
        Some(LessonView {
            card: LessonCard {
                index,
                title: self.workspace.name.clone().unwrap_or_default(),
                description: self.workspace.description.clone().unwrap_or_default(),
                requests: lesson_requests(&self.workspace),
            },
            current: drafts.iter().position(|d| *d == *self.request),
            decision: if self.hides_decision() {
                None
            } else {
                self.evaluation.response.as_ref().map(|r| r.decision)
            },
            revealed: Rc::new(
                drafts
                    .iter()
                    .map(|d| !self.teaching.predict || predictions.guess_for(d).is_some())
                    .collect(),
            ),
            put_aside: self
                .teaching
                .put_aside
                .as_ref()
                .map(|p| AttrValue::from(p.name.clone())),
        })
    }

    /// The teaching state, to change it.
    fn teaching_mut(&mut self) -> &mut Teaching {
        let teaching = Rc::make_mut(&mut self.teaching);
        teaching.fresh = false;
        teaching
    }

    /// Applies a [`TeachAction`].
    pub(super) fn teach(&mut self, action: TeachAction) {
        match action {
            TeachAction::SetView(view) => self.teaching_mut().view = view,
            TeachAction::OpenGallery => self.teaching_mut().gallery_open = true,
            TeachAction::CloseGallery => self.teaching_mut().gallery_open = false,
            TeachAction::LoadLesson(index) => self.load_lesson(index),
            TeachAction::CloseLesson => self.teaching_mut().lesson = None,
            TeachAction::RestorePutAside => self.restore_put_aside(),
            TeachAction::ApplySavedRequest(index) => {
                match self
                    .workspace
                    .requests
                    .get(index)
                    .map(RequestDraft::from_spec)
                {
                    Some(draft) => self.set_request(draft),
                    None => {
                        self.notice =
                            Some(format!("there is no saved request {}", index + 1).into())
                    }
                }
            }
            TeachAction::SetPredict(on) => self.teaching_mut().predict = on,
            TeachAction::Guess(guess) => {
                let answer = match (&self.evaluation.response, &self.evaluation.stale) {
                    (Some(response), None) => response.decision,
                    _ => return,
                };
                let request = Rc::clone(&self.request);
                self.teaching_mut()
                    .predictions
                    .record(&request, guess, answer);
            }
            TeachAction::AddMatrixActions(text) => {
                let matrix = &mut self.teaching_mut().matrix;
                let mut patterns = (*matrix.patterns).clone();
                for pattern in text.split([',', ' ', '\n', '\t']).map(str::trim) {
                    if !pattern.is_empty()
                        && !patterns.iter().any(|p| p.eq_ignore_ascii_case(pattern))
                    {
                        patterns.push(pattern.to_owned());
                    }
                }
                matrix.patterns = Rc::new(patterns);
            }
            TeachAction::RemoveMatrixAction(index) => {
                let matrix = &mut self.teaching_mut().matrix;
                let mut patterns = (*matrix.patterns).clone();
                if index < patterns.len() {
                    patterns.remove(index);
                }
                matrix.patterns = Rc::new(patterns);
            }
            TeachAction::ResetMatrixActions => {
                let patterns = Rc::new(default_patterns(&self.workspace));
                self.teaching_mut().matrix.patterns = patterns;
            }
            TeachAction::OpenCell { action, principal } => {
                let draft = self
                    .teaching
                    .matrix
                    .matrix
                    .as_ref()
                    .and_then(|m| m.request_of(action, principal, &self.request));
                if let Some(draft) = draft {
                    self.set_request(draft);
                }
            }
        }
    }

    /// Sets the whole request and evaluates it.
    fn set_request(&mut self, draft: RequestDraft) {
        if *self.request == draft {
            return;
        }
        self.request = Rc::new(draft);
        let before = Rc::clone(&self.evaluation);
        self.refresh_evaluation();
        if !Rc::ptr_eq(&before, &self.evaluation)
            && let Some(editor) = &self.editor
        {
            self.editor = Some(Rc::new(editor.with_highlights(&self.evaluation)));
        }
    }

    /// The workspace and request on screen, to put aside; `unnamed` names
    /// a workspace without a name.
    fn put_aside_now(&self, unnamed: &str) -> Rc<PutAside> {
        Rc::new(PutAside {
            workspace: Rc::clone(&self.workspace),
            request: Rc::clone(&self.request),
            name: self
                .workspace
                .name
                .clone()
                .unwrap_or_else(|| unnamed.to_owned()),
        })
    }

    /// Loads a lesson, putting the workspace on screen aside first when
    /// it holds work of the user's own.
    fn load_lesson(&mut self, index: usize) {
        let Some(lesson) = LESSONS.get(index) else {
            return;
        };
        let before = Rc::clone(&self.teaching);
        let put_aside = if is_pristine(&self.workspace) {
            before.put_aside.clone()
        } else {
            Some(self.put_aside_now("your workspace"))
        };
        if lesson.file == SEED_LESSON {
            self.apply(Action::LoadSeed);
        } else {
            self.apply(Action::Import {
                file_name: None,
                text: lesson.text.to_owned(),
            });
        }
        let mut teaching = before.carried_over(&self.workspace);
        teaching.lesson = Some(index);
        teaching.put_aside = put_aside;
        self.teaching = Rc::new(teaching);
    }

    /// Brings back the workspace put aside; the lesson on screen takes its
    /// place when it was changed.
    fn restore_put_aside(&mut self) {
        let before = Rc::clone(&self.teaching);
        let Some(put_aside) = before.put_aside.clone() else {
            return;
        };
        let lesson_changed = !is_pristine(&self.workspace);
        let replaced = self.put_aside_now("the lesson");
        self.apply(Action::Import {
            file_name: None,
            text: write_workspace(&put_aside.workspace),
        });
        let mut teaching = before.carried_over(&self.workspace);
        teaching.put_aside = lesson_changed.then_some(replaced);
        self.teaching = Rc::new(teaching);
        self.set_request((*put_aside.request).clone());
    }

    /// Brings the teaching state in step after an action: carried over
    /// when the workspace was replaced, the editor's highlights hidden
    /// while the decision is, and the matrix decided again when it is on
    /// screen and what it depends on changed.
    pub(super) fn refresh_teaching(&mut self, previous: &State) {
        if self.teaching.fresh && !Rc::ptr_eq(&self.teaching, &previous.teaching) {
            self.teaching = Rc::new(previous.teaching.carried_over(&self.workspace));
        }
        let hidden = self.hides_decision();
        if hidden || previous.hides_decision() {
            let shown = if hidden {
                super::Evaluation::default()
            } else {
                (*self.evaluation).clone()
            };
            if let Some(editor) = &self.editor {
                let view = editor.with_highlights(&shown);
                if view.highlights != editor.highlights {
                    self.editor = Some(Rc::new(view));
                }
            }
        }
        if self.teaching.view == View::Matrix {
            self.refresh_matrix();
        }
    }

    /// Decides the matrix again if what it depends on changed.
    fn refresh_matrix(&mut self) {
        let rows_key = RowsKey {
            patterns: Rc::clone(&self.teaching.matrix.patterns),
            services: iamplay_catalog::has_services(),
            account: self.workspace.account.clone(),
            resources: self.workspace.resources.clone(),
        };
        if self.teaching.matrix.rows_key.as_ref() != Some(&rows_key) {
            let (rows, unmatched) = matrix_actions(&rows_key.patterns, &self.workspace);
            let matrix = &mut self.teaching_mut().matrix;
            matrix.rows = Rc::new(rows);
            matrix.unmatched = Rc::new(unmatched);
            matrix.rows_key = Some(rows_key);
        }
        let key = MatrixKey {
            workspace: Rc::clone(&self.workspace),
            engine: Rc::clone(&self.engine),
            revision: self.engine.borrow().revision(),
            context: self.request.context.clone(),
            rows: Rc::clone(&self.teaching.matrix.rows),
        };
        if self
            .teaching
            .matrix
            .key
            .as_ref()
            .is_some_and(|k| k.same(&key))
        {
            return;
        }
        let principals = matrix_principals(&self.workspace);
        let result = compute_matrix(
            &self.engine.borrow(),
            principals,
            Rc::clone(&key.rows),
            &self.request,
        );
        let matrix = &mut self.teaching_mut().matrix;
        match result {
            Ok(computed) => {
                matrix.matrix = Some(Rc::new(computed));
                matrix.stale = None;
            }
            Err(error) => matrix.stale = Some(error.to_string()),
        }
        matrix.key = Some(key);
    }
}

/// The request in a line: who, what, on which resource, and whether
/// signed in with MFA.
pub fn request_line(request: &RequestDraft) -> String {
    let who = match &request.principal {
        Some(super::PrincipalChoice::User(name)) => format!("user {name}"),
        Some(super::PrincipalChoice::Role(name)) => format!("role {name} (session)"),
        None => "nobody".to_owned(),
    };
    let mfa = match request.value(super::request::MFA_PRESENT) {
        Some(super::InputValue::Bool(true)) => ", signed in with MFA",
        Some(_) => ", without MFA",
        None => "",
    };
    format!(
        "{who} → {} on {}{mfa}",
        request.action.trim(),
        request.resource_or_wildcard()
    )
}

#[cfg(test)]
mod tests {
    use yew::Reducible;

    use super::*;
    use crate::state::PrincipalChoice;
    use crate::state::matrix::Cell;

    fn run(state: Rc<State>, actions: impl IntoIterator<Item = TeachAction>) -> Rc<State> {
        actions
            .into_iter()
            .fold(state, |state, action| state.reduce(Action::Teach(action)))
    }

    fn decision(state: &State) -> Decision {
        state
            .evaluation
            .response
            .as_ref()
            .expect("a response")
            .decision
    }

    fn lesson_index(file: &str) -> usize {
        LESSONS
            .iter()
            .position(|l| l.file == file)
            .expect("the lesson")
    }

    // Every lesson loads in one click, and each of its saved requests gives
    // the decision it expects (examples/README.md; the expectations come
    // from the User Guide sections the requests cite).
    #[test]
    fn every_lesson_loads_and_its_requests_give_their_expected_decisions() {
        let mut state = Rc::new(State::seed());
        for (index, lesson) in LESSONS.iter().enumerate() {
            state = run(state, [TeachAction::LoadLesson(index)]);
            assert_eq!(state.teaching.lesson, Some(index), "{}", lesson.file);
            let requests = state.workspace.requests.clone();
            assert!(!requests.is_empty());
            for (i, spec) in requests.iter().enumerate() {
                state = run(state, [TeachAction::ApplySavedRequest(i)]);
                let expected = spec.expect.as_ref().expect("an expectation").decision;
                assert_eq!(
                    decision(&state),
                    expected,
                    "{} request {}: {:?}",
                    lesson.file,
                    i + 1,
                    spec.name
                );
            }
        }
    }

    #[test]
    fn a_changed_workspace_is_put_aside_and_comes_back() {
        let seed = Rc::new(State::seed());
        let edited = seed.reduce(Action::Create(
            crate::state::NewEntity::User,
            "learner".to_owned(),
        ));
        assert_eq!(edited.workspace.users.len(), 3);
        let lesson = run(
            Rc::clone(&edited),
            [TeachAction::LoadLesson(lesson_index(
                "deny-overrides-allow.json",
            ))],
        );
        assert_eq!(
            lesson.workspace.name.as_deref(),
            Some("Deny overrides allow")
        );
        let put_aside = lesson.teaching.put_aside.as_ref().expect("put aside");
        assert_eq!(put_aside.workspace.users.len(), 3);
        let back = run(lesson, [TeachAction::RestorePutAside]);
        assert_eq!(*back.workspace, *edited.workspace);
        assert_eq!(*back.request, *edited.request);
        assert!(
            back.teaching.put_aside.is_none(),
            "the lesson was unchanged"
        );
        assert_eq!(back.teaching.lesson, None);

        // The seed as it opened is not worth keeping.
        let lesson = run(Rc::new(State::seed()), [TeachAction::LoadLesson(1)]);
        assert!(lesson.teaching.put_aside.is_none());
    }

    // The seed scenario's row 1 (explicit deny without MFA) and row 4 (the
    // user's own password, allowed): the decision stays hidden until the
    // guess, and the score counts each request once.
    #[test]
    fn predictions_hide_the_decision_until_the_guess_and_keep_score() {
        let state = run(Rc::new(State::seed()), [TeachAction::SetPredict(true)]);
        assert!(state.hides_decision());
        assert!(
            state
                .editor
                .as_ref()
                .is_some_and(|e| e.highlights.is_empty()),
            "the editor does not give the answer away"
        );
        let state = run(state, [TeachAction::Guess(Decision::Allowed)]);
        assert!(!state.hides_decision());
        assert!(
            state
                .editor
                .as_ref()
                .is_some_and(|e| !e.highlights.is_empty())
        );
        assert_eq!(state.teaching.predictions.score(), (0, 1));
        let state = state.reduce(Action::ApplyPreset(2));
        assert!(state.hides_decision(), "a new request is hidden again");
        let state = run(state, [TeachAction::Guess(Decision::Allowed)]);
        assert_eq!(state.teaching.predictions.score(), (1, 2));
        // Loading a lesson starts the score again; the mode stays on.
        let state = run(state, [TeachAction::LoadLesson(2)]);
        assert_eq!(state.teaching.predictions.score(), (0, 0));
        assert!(state.teaching.predict);
        assert!(state.hides_decision());
    }

    // The seed scenario, rows 1 and 2: `ec2:*` is denied without MFA and
    // allowed with it; a cell loads its request.
    #[test]
    fn the_matrix_follows_the_mfa_switch_and_a_cell_loads_its_request() {
        let state = run(
            Rc::new(State::seed()),
            [
                TeachAction::SetView(View::Matrix),
                TeachAction::AddMatrixActions("ec2:*".to_owned()),
            ],
        );
        let matrix = state.teaching.matrix.matrix.clone().expect("a matrix");
        let row = matrix
            .actions
            .iter()
            .position(|a| a.action == "ec2:RunInstances")
            .expect("a row");
        assert_eq!(matrix.cell(row, 0), Some(Cell::ExplicitDeny));
        let state = state.reduce(Action::SetMfa(true));
        let with_mfa = state.teaching.matrix.matrix.clone().expect("a matrix");
        assert!(!Rc::ptr_eq(&matrix, &with_mfa));
        assert_eq!(with_mfa.cell(row, 0), Some(Cell::Allowed));
        // Only the principal's request changed: nothing to decide again.
        let same = state.reduce(Action::SetAction("s3:GetObject".to_owned()));
        assert!(Rc::ptr_eq(
            same.teaching.matrix.matrix.as_ref().expect("a matrix"),
            &with_mfa
        ));
        let opened = run(
            same,
            [TeachAction::OpenCell {
                action: row,
                principal: 1,
            }],
        );
        assert_eq!(
            opened.request.principal,
            Some(PrincipalChoice::User("mfa-user-2".to_owned()))
        );
        assert_eq!(opened.request.action, "ec2:RunInstances");
        assert!(opened.request.mfa());
        assert_eq!(decision(&opened), Decision::Allowed);
    }

    #[test]
    fn a_policy_that_does_not_parse_keeps_the_matrix_marked_stale() {
        let state = run(Rc::new(State::seed()), [TeachAction::SetView(View::Matrix)]);
        assert!(state.teaching.matrix.matrix.is_some());
        let document = crate::state::DocumentRef::Customer("Force_MFA".to_owned());
        let state = state.reduce(Action::Edit(document, "{".to_owned()));
        assert!(state.teaching.matrix.matrix.is_some());
        assert!(
            state
                .teaching
                .matrix
                .stale
                .as_deref()
                .is_some_and(|s| s.contains("Force_MFA"))
        );
    }

    #[test]
    fn the_view_and_the_predict_switch_survive_a_new_workspace() {
        let state = run(
            Rc::new(State::seed()),
            [
                TeachAction::SetView(View::Matrix),
                TeachAction::SetPredict(true),
            ],
        );
        let state = state.reduce(Action::NewWorkspace);
        assert_eq!(state.teaching.view, View::Matrix);
        assert!(state.teaching.predict);
        assert!(state.teaching.matrix.patterns.is_empty());
        let state = state.reduce(Action::LoadSeed);
        assert_eq!(
            state.teaching.matrix.patterns.first().map(String::as_str),
            Some("ec2:DescribeInstances")
        );
    }
}
