//! The playground's state: the workspace, what is selected and open in the
//! editor, the request being built, and the latest evaluation. A Yew
//! [`Reducible`]: components send [`Action`]s, and every action
//! re-evaluates the request synchronously, so the decision on screen always
//! answers what is on screen.

pub mod attachments;
pub mod baseline;
pub mod change_impact;
pub mod counterfactuals;
pub mod editor_view;
pub mod entities;
pub mod evaluation;
pub mod findings;
pub mod import_file;
pub mod lessons;
pub mod matrix;
pub mod problems;
mod reduce;
pub mod request;
pub mod score;
pub mod snapshot;
pub mod teaching;
#[cfg(test)]
mod tests;
pub mod what_if;
pub mod workspace_ops;

use std::cell::RefCell;
use std::rc::Rc;

use iamplay_catalog::ManagedPolicies;
use iamplay_core::workspace::Workspace;
use yew::Reducible;

use crate::aws_policies::AwsPolicies;
use crate::seed::{SEED_POLICY_NAME, SEED_PRESETS, seed_workspace};
use crate::service_data::ServiceData;
pub use editor_view::{EditorView, HighlightKind, Reveal, StatementHighlight};
pub use entities::{DocumentRef, EntityRef, Owner};
pub use evaluation::{Engine, Evaluation};
pub use findings::{Fix, RequestFinding};
pub use import_file::ImportReport;
pub use problems::{ListedProblem, ProblemCounts, ProblemPlace, ProblemsPanel};
pub use request::{ContextInput, InputValue, PrincipalChoice, RequestDraft};
pub use score::Prediction;
pub use snapshot::Snapshot;
pub use teaching::{TeachAction, Teaching, View};
pub use what_if::WhatIfAction;
pub use workspace_ops::NewEntity;

/// A saved request offered as a one-click preset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preset {
    /// A short label for the button.
    pub label: String,
    /// The saved request's name, as the button's tooltip.
    pub title: String,
    /// The request it sets.
    pub draft: RequestDraft,
}

/// The workspace as the panels that list its entities see it: equal as
/// long as no entity changed (its `generation` is the same), so typing in
/// the editor does not draw those panels again.
#[derive(Clone, Debug)]
pub struct Outline {
    /// The workspace.
    pub workspace: Rc<Workspace>,
    /// Counts the changes to the workspace's entities.
    pub generation: u64,
}

impl PartialEq for Outline {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
    }
}

/// A delete that waits for the user to confirm it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingDelete {
    /// What would be deleted.
    pub entity: EntityRef,
    /// What uses it, one phrase each.
    pub usages: Vec<String>,
}

/// Everything that changes the state.
#[derive(Clone, Debug)]
pub enum Action {
    /// Replace the workspace with an empty one.
    NewWorkspace,
    /// Replace the workspace with the seed scenario.
    LoadSeed,
    /// Replace the workspace with one read from an imported file: a
    /// workspace file, `aws iam get-account-authorization-details` output,
    /// a CloudFormation template or `terraform show -json` output
    /// (`state/import_file.rs`).
    Import {
        /// The file's name, when known (it tells YAML templates apart and
        /// names the stack).
        file_name: Option<String>,
        /// The file's text.
        text: String,
    },
    /// Replace everything with a snapshot (a link, a saved workspace).
    Restore(Rc<Snapshot>),
    /// Hide the report of the last import.
    DismissImportReport,
    /// Select an entity in the workspace panel (a policy also opens in
    /// the editor).
    Select(EntityRef),
    /// Create an entity with this name.
    Create(NewEntity, String),
    /// Rename an entity.
    Rename(EntityRef, String),
    /// Add a copy of an entity.
    Duplicate(EntityRef),
    /// Delete an entity; asks first when something uses it.
    Delete(EntityRef),
    /// Go ahead with the delete that waits.
    ConfirmDelete,
    /// Drop the delete that waits.
    CancelDelete,
    /// Attach a managed policy (name or ARN) to a group, user or role.
    Attach(Owner, String),
    /// Detach a managed policy (as listed) from a group, user or role.
    Detach(Owner, String),
    /// Add a user to a group.
    AddMembership {
        /// The user.
        user: String,
        /// The group.
        group: String,
    },
    /// Take a user out of a group.
    RemoveMembership {
        /// The user.
        user: String,
        /// The group.
        group: String,
    },
    /// Move a user's membership one place earlier or later.
    MoveMembership {
        /// The user.
        user: String,
        /// The group.
        group: String,
        /// Earlier (`true`) or later.
        up: bool,
    },
    /// Set or clear the permissions boundary of a user or role.
    SetBoundary(Owner, Option<String>),
    /// Set or clear the VPC of a VPC endpoint.
    SetEndpointVpc {
        /// The endpoint's id.
        endpoint: String,
        /// The VPC's id, e.g. `vpc-111bbb22`.
        vpc: Option<String>,
    },
    /// The editor's text of a document after an edit.
    Edit(DocumentRef, String),
    /// Open the statement `statement` of the policy at `policy` in the
    /// response's list in the editor, and show it.
    RevealStatement {
        /// Index into the response's policies.
        policy: usize,
        /// Index into that policy's statements.
        statement: usize,
    },
    /// Set the caller.
    SetPrincipal(Option<PrincipalChoice>),
    /// Evaluate the user with these groups instead of its own (`None`:
    /// its own).
    SetRequestGroups(Option<Vec<String>>),
    /// Set the action.
    SetAction(String),
    /// Set the resource.
    SetResource(String),
    /// Make the request through a VPC endpoint of the workspace (by id),
    /// or not through one.
    SetVpcEndpoint(Option<String>),
    /// The "signed in with MFA" switch.
    SetMfa(bool),
    /// Add a context key with an empty value of its type.
    AddContextKey(String),
    /// Set a context key's value.
    SetContextValue(String, InputValue),
    /// Remove a context key.
    RemoveContextKey(String),
    /// Apply the fix a request finding suggests.
    ApplyFix(Fix),
    /// Open (`true`) or close the Problems panel.
    ShowProblems(bool),
    /// Reveal the problem at this place in the Problems panel's list: its
    /// document opens in the editor with the problem selected.
    RevealProblem(usize),
    /// Reveal the finding that explains why a statement of an implicit
    /// deny does not apply (by its place in the evaluation's
    /// `explained`), with the Problems panel open on it.
    RevealExplanation(usize),
    /// Set the request from a preset.
    ApplyPreset(usize),
    /// The AWS managed policy list is needed (the picker opened).
    WantAwsPolicies,
    /// The list is being fetched.
    AwsPoliciesLoading,
    /// The list arrived.
    AwsPoliciesLoaded(Rc<ManagedPolicies>),
    /// The list could not be fetched or read.
    AwsPoliciesFailed(String),
    /// AWS's service data was installed in the catalog: every document is
    /// linted again, the request's findings and the matrix follow.
    ServicesArrived,
    /// AWS's service data could not be fetched or read.
    ServicesFailed(String),
    /// Hide the notice.
    DismissNotice,
    /// The gallery, predict-then-reveal, the access matrix
    /// (`state/teaching.rs`).
    Teach(TeachAction),
    /// Counterfactuals' tries and the baseline (`state/what_if.rs`).
    WhatIf(WhatIfAction),
}

/// The whole state of the playground.
#[derive(Clone, Debug)]
pub struct State {
    /// The workspace; documents' text is exactly what the user typed.
    pub workspace: Rc<Workspace>,
    /// The entity selected in the workspace panel.
    pub selected: Option<EntityRef>,
    /// The document open in the editor.
    pub document: Option<DocumentRef>,
    /// The open document as the editor shows it.
    pub editor: Option<Rc<EditorView>>,
    /// The latest request to scroll to a statement.
    pub reveal: Option<Reveal>,
    /// The request being built.
    pub request: Rc<RequestDraft>,
    /// The latest evaluation.
    pub evaluation: Rc<Evaluation>,
    /// The presets.
    pub presets: Rc<Vec<Preset>>,
    /// A delete waiting for confirmation.
    pub pending_delete: Option<Rc<PendingDelete>>,
    /// What went wrong with the last action, if anything.
    pub notice: Option<Rc<str>>,
    /// What the last import of authorization details skipped.
    pub import_report: Option<Rc<ImportReport>>,
    /// Problems with references between the workspace's entities.
    pub problems: Rc<Vec<String>>,
    /// How many problems the workspace's documents and references have.
    pub problem_counts: ProblemCounts,
    /// The Problems panel, while it is open.
    pub problems_panel: Option<Rc<ProblemsPanel>>,
    /// The AWS managed policies available.
    pub aws: Rc<AwsPolicies>,
    /// Whether the full AWS managed policy list should be fetched.
    pub aws_wanted: bool,
    /// Where AWS's service data stands (fetched after the first decision).
    pub services: ServiceData,
    /// Counts the changes to the workspace's entities (not to documents'
    /// text).
    pub generation: u64,
    /// Counts the workspaces opened over one another in this page (the
    /// seed, an empty one, an import, a saved one, a lesson). The editor
    /// keeps its models, and so its undo histories, per workspace opened:
    /// an undo never brings back another workspace's text.
    pub opened: u64,
    /// The view, the lesson, predictions and the access matrix.
    pub teaching: Rc<Teaching>,
    /// What would change the decision, and the way back from a try.
    pub counterfactuals: Rc<counterfactuals::WhatWouldChange>,
    /// The baseline and what changed since.
    pub baseline: Rc<baseline::Baseline>,
    /// The workspace compiled by the core's engine, shared between
    /// successive states and kept in step with `workspace`: a cache, never
    /// observable except through `evaluation`, `editor`, `problems` and
    /// the matrix.
    engine: Rc<RefCell<Engine>>,
    /// The next reveal's nonce.
    nonce: u32,
}

impl State {
    /// The seed scenario, with `Force_MFA` open and the first preset (row
    /// 1: `mfa-user-1`, `ec2:DescribeInstances`, no MFA) as the request.
    pub fn seed() -> State {
        let mut state = State::with_workspace(seed_workspace());
        let document = DocumentRef::Customer(SEED_POLICY_NAME.to_owned());
        state.selected = Some(EntityRef::Document(document));
        if let Some(preset) = state.presets.first() {
            state.request = Rc::new(preset.draft.clone());
        }
        state.refresh_evaluation();
        state.open_selected_document();
        state
    }

    /// An empty workspace.
    pub fn empty() -> State {
        State::with_workspace(Workspace::new())
    }

    /// A state around `workspace`, nothing selected, no request; presets
    /// from its saved requests (the seed's chosen rows for the seed).
    fn with_workspace(workspace: Workspace) -> State {
        let aws = Rc::new(AwsPolicies::default());
        let engine = Engine::new(&workspace, &aws);
        let problems = Rc::new(engine.reference_problems());
        let problem_counts = engine.problem_counts();
        let presets = Rc::new(presets_of(&workspace));
        let teaching = Rc::new(Teaching::new(&workspace));
        let mut state = State {
            workspace: Rc::new(workspace),
            selected: None,
            document: None,
            editor: None,
            reveal: None,
            request: Rc::new(RequestDraft::default()),
            evaluation: Rc::new(Evaluation::default()),
            presets,
            pending_delete: None,
            notice: None,
            import_report: None,
            problems,
            problem_counts,
            problems_panel: None,
            aws,
            aws_wanted: false,
            services: ServiceData::now(),
            generation: 0,
            opened: 0,
            teaching,
            counterfactuals: Rc::default(),
            baseline: Rc::default(),
            engine: Rc::new(RefCell::new(engine)),
            nonce: 0,
        };
        state.refresh_evaluation();
        state
    }

    /// The workspace's entities, for the panels that list them.
    pub fn outline(&self) -> Outline {
        Outline {
            workspace: Rc::clone(&self.workspace),
            generation: self.generation,
        }
    }

    /// Re-evaluates the request.
    fn refresh_evaluation(&mut self) {
        let evaluation = Evaluation::of(&self.engine.borrow(), &self.request, &self.evaluation);
        if *self.evaluation != evaluation {
            self.evaluation = Rc::new(evaluation);
        }
        self.refresh_counterfactuals();
    }

    /// Opens the selected entity in the editor when it is a document.
    fn open_selected_document(&mut self) {
        if let Some(EntityRef::Document(document)) = &self.selected {
            let document = document.clone();
            self.open(&document);
        }
    }

    /// Opens `document` in the editor (its diagnostics and highlights
    /// computed afresh).
    fn open(&mut self, document: &DocumentRef) {
        self.document = Some(document.clone());
        self.editor = EditorView::of(
            document,
            &self.workspace,
            &self.engine.borrow(),
            &self.evaluation,
        )
        .map(Rc::new);
    }
}

impl Default for State {
    fn default() -> Self {
        State::seed()
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.notice = None;
        match action {
            Action::Teach(action) => next.teach(action),
            Action::WhatIf(action) => next.what_if(action),
            action => next.apply(action),
        }
        next.refresh_teaching(&self);
        next.refresh_problems_panel();
        next.refresh_what_if(&self);
        Rc::new(next)
    }
}

/// The presets of `workspace`: the seed scenario's chosen rows when it
/// has the seed's fourteen requests, otherwise its first eight saved
/// requests.
fn presets_of(workspace: &Workspace) -> Vec<Preset> {
    let preset = |label: String, spec: &iamplay_core::workspace::RequestSpec| Preset {
        label,
        title: spec.name.clone().unwrap_or_default(),
        draft: RequestDraft::from_spec(spec),
    };
    let is_seed = workspace.requests.len() == 14
        && workspace
            .policies
            .iter()
            .any(|p| p.name == SEED_POLICY_NAME);
    if is_seed {
        SEED_PRESETS
            .iter()
            .filter_map(|(row, label)| {
                let spec = workspace.requests.get(row.checked_sub(1)?)?;
                Some(preset(format!("{row} · {label}"), spec))
            })
            .collect()
    } else {
        workspace
            .requests
            .iter()
            .take(8)
            .enumerate()
            .map(|(i, spec)| {
                let label = spec
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("request {}", i + 1));
                preset(label, spec)
            })
            .collect()
    }
}
