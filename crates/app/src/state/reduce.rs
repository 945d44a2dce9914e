//! How each [`Action`] changes the [`State`].

use std::rc::Rc;

use iamplay_core::Loc;
use iamplay_core::workspace::Workspace;

use super::attachments::{
    add_membership, attach, detach, move_membership, remove_membership, set_boundary,
};
use super::import_file::read_import;
use super::problems::list_problems;
use super::request::PrincipalChoice;
use super::workspace_ops::{
    create, delete, duplicate, new_policy_cursor, rename, set_endpoint_vpc, usages,
};
use super::{
    Action, DocumentRef, EntityRef, Fix, ListedProblem, PendingDelete, ProblemPlace, ProblemsPanel,
    Reveal, State,
};
use crate::aws_policies::{AwsPolicies, Loading};
use crate::service_data::ServiceData;

/// What an action changed, which decides what to recompute.
enum Change {
    /// Nothing the evaluation depends on.
    Nothing,
    /// The request.
    Request,
    /// One document's text.
    Document(DocumentRef),
    /// The workspace's entities or the AWS managed policies available.
    Structure,
}

impl State {
    /// Applies `action`, then recomputes what it changed.
    pub(super) fn apply(&mut self, action: Action) {
        let change = match self.change(action) {
            Ok(change) => change,
            Err(notice) => {
                self.notice = Some(notice.into());
                Change::Nothing
            }
        };
        match change {
            Change::Nothing => {}
            Change::Request => self.after_request_change(),
            Change::Document(document) => {
                let updated = match document.text_in(&self.workspace) {
                    Some(text) => self
                        .engine
                        .borrow_mut()
                        .set_document(&document, text)
                        .is_ok(),
                    None => false,
                };
                if updated {
                    self.problem_counts = self.engine.borrow().problem_counts();
                } else {
                    self.recompile();
                }
                self.refresh_evaluation();
                self.open(&document);
            }
            Change::Structure => {
                self.generation += 1;
                self.recompile();
                self.keep_references_valid();
                self.refresh_evaluation();
                match self.document.clone() {
                    Some(document) => self.open(&document),
                    None => self.editor = None,
                }
            }
        }
    }

    /// Lints every document again now that AWS's service data is there:
    /// the findings count, the Problems list and the open document's
    /// squiggles follow, and the request's findings with the evaluation.
    fn services_arrived(&mut self) {
        self.services = ServiceData::now();
        {
            let mut engine = self.engine.borrow_mut();
            engine.relint();
            self.problems = Rc::new(engine.reference_problems());
            self.problem_counts = engine.problem_counts();
        }
        self.refresh_evaluation();
        if let Some(document) = self.document.clone() {
            self.open(&document);
        }
    }

    /// Re-evaluates after a change to the request only: the open
    /// document's diagnostics stay, its highlights follow the decision.
    fn after_request_change(&mut self) {
        let before = Rc::clone(&self.evaluation);
        self.refresh_evaluation();
        if !Rc::ptr_eq(&before, &self.evaluation)
            && let Some(editor) = &self.editor
        {
            self.editor = Some(Rc::new(editor.with_highlights(&self.evaluation)));
        }
    }

    /// Hands the changed workspace (and the AWS managed policies
    /// available) to the engine, which parses again only the documents
    /// whose text changed.
    fn recompile(&mut self) {
        let mut engine = self.engine.borrow_mut();
        engine.replace(&self.workspace, &self.aws);
        self.problems = Rc::new(engine.reference_problems());
        self.problem_counts = engine.problem_counts();
        if engine.attaches_unknown_policies() {
            self.aws_wanted = true;
        }
    }

    /// Drops the selection, open document, principal and VPC endpoint
    /// when they no longer exist.
    fn keep_references_valid(&mut self) {
        if let Some(selected) = &self.selected
            && !selected.exists_in(&self.workspace)
        {
            self.selected = None;
        }
        if let Some(document) = &self.document
            && !EntityRef::Document(document.clone()).exists_in(&self.workspace)
        {
            self.document = None;
        }
        let principal_exists = match &self.request.principal {
            Some(PrincipalChoice::User(name)) => {
                self.workspace.users.iter().any(|u| &u.name == name)
            }
            Some(PrincipalChoice::Role(name)) => {
                self.workspace.roles.iter().any(|r| &r.name == name)
            }
            None => true,
        };
        if !principal_exists {
            let request = Rc::make_mut(&mut self.request);
            request.principal = None;
            request.groups = None;
        }
        if let Some(endpoint) = &self.request.vpc_endpoint
            && !self.workspace.endpoints.iter().any(|e| &e.id == endpoint)
        {
            Rc::make_mut(&mut self.request).vpc_endpoint = None;
        }
        if let Some(groups) = &self.request.groups {
            let kept: Vec<String> = groups
                .iter()
                .filter(|g| self.workspace.groups.iter().any(|x| &x.name == *g))
                .cloned()
                .collect();
            if &kept != groups {
                Rc::make_mut(&mut self.request).groups = Some(kept);
            }
        }
    }

    /// Replaces the whole workspace, keeping the AWS managed policies
    /// already loaded.
    fn replace_with(&mut self, fresh: State) {
        let aws = Rc::clone(&self.aws);
        let reloaded = aws.is_loaded();
        let generation = self.generation + 1;
        let opened = self.opened + 1;
        *self = fresh;
        self.generation = generation;
        self.opened = opened;
        if reloaded {
            self.aws = aws;
            self.recompile();
            self.refresh_evaluation();
            self.open_selected_document();
        }
    }

    /// Changes the state for `action`; says what changed, or why nothing
    /// did.
    fn change(&mut self, action: Action) -> Result<Change, String> {
        match action {
            Action::NewWorkspace => {
                self.replace_with(State::empty());
                Ok(Change::Nothing)
            }
            Action::LoadSeed => {
                self.replace_with(State::seed());
                Ok(Change::Nothing)
            }
            Action::Import { file_name, text } => {
                let (workspace, report) = read_import(&text, file_name.as_deref())?;
                self.replace_with(imported(workspace));
                self.import_report = report.map(Rc::new);
                Ok(Change::Nothing)
            }
            Action::Restore(snapshot) => {
                self.replace_with(State::restored(&snapshot));
                Ok(Change::Nothing)
            }
            Action::DismissImportReport => {
                self.import_report = None;
                Ok(Change::Nothing)
            }
            Action::Select(entity) => {
                self.selected = Some(entity.clone());
                if let EntityRef::Document(document) = entity {
                    self.open(&document);
                }
                Ok(Change::Nothing)
            }
            Action::Create(kind, name) => {
                let name = name.trim().to_owned();
                let entity = create(self.workspace_mut(), &kind, &name)?;
                self.after_create(&entity);
                self.select_and_open(entity);
                Ok(Change::Structure)
            }
            Action::Rename(entity, name) => {
                let name = name.trim().to_owned();
                let renamed = rename(self.workspace_mut(), &entity, &name)?;
                self.follow_rename(&entity, &renamed);
                Ok(Change::Structure)
            }
            Action::Duplicate(entity) => {
                let aws = Rc::clone(&self.aws);
                let copy = duplicate(self.workspace_mut(), &entity, aws.as_ref())?;
                self.select_and_open(copy);
                Ok(Change::Structure)
            }
            Action::Delete(entity) => {
                let uses = self.usages(&entity);
                if uses.is_empty() {
                    delete(self.workspace_mut(), &entity)?;
                    Ok(Change::Structure)
                } else {
                    self.pending_delete = Some(Rc::new(PendingDelete {
                        entity,
                        usages: uses,
                    }));
                    Ok(Change::Nothing)
                }
            }
            Action::ConfirmDelete => match self.pending_delete.take() {
                Some(pending) => {
                    delete(self.workspace_mut(), &pending.entity)?;
                    Ok(Change::Structure)
                }
                None => Ok(Change::Nothing),
            },
            Action::CancelDelete => {
                self.pending_delete = None;
                Ok(Change::Nothing)
            }
            Action::Attach(owner, policy) => {
                attach(self.workspace_mut(), &owner, &policy)?;
                Ok(Change::Structure)
            }
            Action::Detach(owner, policy) => {
                detach(self.workspace_mut(), &owner, &policy)?;
                Ok(Change::Structure)
            }
            Action::AddMembership { user, group } => {
                add_membership(self.workspace_mut(), &user, &group)?;
                Ok(Change::Structure)
            }
            Action::RemoveMembership { user, group } => {
                remove_membership(self.workspace_mut(), &user, &group)?;
                Ok(Change::Structure)
            }
            Action::MoveMembership { user, group, up } => {
                move_membership(self.workspace_mut(), &user, &group, up)?;
                Ok(Change::Structure)
            }
            Action::SetBoundary(owner, boundary) => {
                set_boundary(self.workspace_mut(), &owner, boundary.as_deref())?;
                Ok(Change::Structure)
            }
            Action::SetEndpointVpc { endpoint, vpc } => {
                set_endpoint_vpc(self.workspace_mut(), &endpoint, vpc.as_deref())?;
                Ok(Change::Structure)
            }
            Action::Edit(document, text) => self.edit(document, text),
            Action::RevealStatement { policy, statement } => {
                self.reveal_statement(policy, statement);
                Ok(Change::Nothing)
            }
            // Not through `change_request`, whose first step copies the
            // request (then the page would save and rewrite its link).
            Action::ServicesArrived => {
                self.services_arrived();
                Ok(Change::Nothing)
            }
            Action::ServicesFailed(why) => {
                self.services = ServiceData::Failed(why.as_str().into());
                Err(format!(
                    "AWS's service data could not be loaded ({why}): the findings that need it, \
                     action completion and the access matrix are not available"
                ))
            }
            Action::ShowProblems(open) => {
                self.problems_panel = open.then(|| Rc::new(ProblemsPanel::default()));
                Ok(Change::Nothing)
            }
            Action::RevealProblem(index) => {
                self.reveal_problem(index);
                Ok(Change::Nothing)
            }
            Action::RevealExplanation(index) => {
                self.reveal_explanation(index);
                Ok(Change::Nothing)
            }
            request_action => self.change_request(request_action),
        }
    }

    /// The request and AWS-list actions.
    fn change_request(&mut self, action: Action) -> Result<Change, String> {
        let request = Rc::make_mut(&mut self.request);
        match action {
            Action::SetPrincipal(principal) => {
                if request.principal != principal {
                    request.groups = None;
                }
                request.principal = principal;
            }
            Action::SetRequestGroups(groups) => request.groups = groups,
            Action::SetAction(action) => request.action = action,
            Action::SetResource(resource) => request.resource = resource,
            Action::SetVpcEndpoint(endpoint) => request.vpc_endpoint = endpoint,
            Action::SetMfa(on) => request.set_mfa(on),
            Action::AddContextKey(key) => request.add_key(&key),
            Action::SetContextValue(key, value) => request.set(&key, value),
            Action::RemoveContextKey(key) => request.remove(&key),
            Action::ApplyFix(Fix::Action(action)) => request.action = action,
            Action::ApplyFix(Fix::ContextKey { from, to }) => request.rename_key(&from, &to),
            Action::ApplyPreset(index) => {
                let preset = self
                    .presets
                    .get(index)
                    .ok_or_else(|| format!("there is no preset {}", index + 1))?;
                *request = preset.draft.clone();
            }
            Action::WantAwsPolicies => {
                self.aws_wanted = true;
                return Ok(Change::Nothing);
            }
            Action::AwsPoliciesLoading => {
                Rc::make_mut(&mut self.aws).list = Loading::Loading;
                return Ok(Change::Nothing);
            }
            Action::AwsPoliciesLoaded(list) => {
                self.aws = Rc::new(AwsPolicies {
                    list: Loading::Loaded(list),
                });
                return Ok(Change::Structure);
            }
            Action::AwsPoliciesFailed(why) => {
                Rc::make_mut(&mut self.aws).list = Loading::Failed(why.clone());
                return Err(format!(
                    "the AWS managed policies could not be loaded: {why}"
                ));
            }
            Action::DismissNotice => return Ok(Change::Nothing),
            other => return Err(format!("unexpected action {other:?}")),
        }
        Ok(Change::Request)
    }

    /// Takes in the editor's text of `document`.
    fn edit(&mut self, document: DocumentRef, text: String) -> Result<Change, String> {
        if document.read_only() {
            return Err(format!(
                "`{}` is an AWS managed policy and cannot be edited; duplicate it to edit a copy",
                document.name()
            ));
        }
        if document.text_in(&self.workspace) == Some(text.as_str()) {
            return Ok(Change::Nothing);
        }
        if let DocumentRef::Endpoint(id) = &document
            && let Some(endpoint) = self
                .workspace_mut()
                .endpoints
                .iter_mut()
                .find(|e| &e.id == id)
            && endpoint.policy.is_none()
        {
            // An endpoint on AWS's default policy gets a policy of its own.
            endpoint.policy = Some(iamplay_core::workspace::Document::new(text));
            self.document = Some(document);
            return Ok(Change::Structure);
        }
        let target = document.document_mut(self.workspace_mut()).ok_or_else(|| {
            format!(
                "there is no {}",
                EntityRef::Document(document.clone()).describe()
            )
        })?;
        target.text = text;
        Ok(Change::Document(document))
    }

    /// Opens the statement of the response's policy in the editor and
    /// asks the editor to show it.
    fn reveal_statement(&mut self, policy: usize, statement: usize) {
        let Some(response) = self.evaluation.response.clone() else {
            return;
        };
        let Some(Some(document)) = self.evaluation.documents.get(policy).cloned() else {
            return;
        };
        let Some(trace) = response
            .policies
            .get(policy)
            .and_then(|p| p.statements.get(statement))
        else {
            return;
        };
        self.open_at(&document, trace.loc);
    }

    /// After creating `entity`: a new policy opens with the cursor in its
    /// statement's `Action` (the editor takes the focus); the
    /// workspace's only user becomes the request's principal when there
    /// is none.
    fn after_create(&mut self, entity: &EntityRef) {
        match entity {
            EntityRef::Document(DocumentRef::Customer(_) | DocumentRef::Inline(..)) => {
                self.reveal_at(new_policy_cursor());
            }
            EntityRef::User(name)
                if self.workspace.users.len() == 1 && self.request.principal.is_none() =>
            {
                let request = Rc::make_mut(&mut self.request);
                request.principal = Some(PrincipalChoice::User(name.clone()));
                request.groups = None;
            }
            _ => {}
        }
    }

    /// Asks the editor to select `loc` in the open document and take the
    /// focus.
    fn reveal_at(&mut self, loc: Loc) {
        self.nonce = self.nonce.wrapping_add(1);
        self.reveal = Some(Reveal {
            loc,
            nonce: self.nonce,
        });
    }

    /// Opens `document` (selected) in the editor with `loc` revealed.
    fn open_at(&mut self, document: &DocumentRef, loc: Loc) {
        self.selected = Some(EntityRef::Document(document.clone()));
        if self.document.as_ref() != Some(document) {
            self.open(document);
        }
        self.reveal_at(loc);
    }

    /// Reveals the Problems panel's problem `index`: in its document
    /// when the editor opens it; it becomes the panel's current one.
    fn reveal_problem(&mut self, index: usize) {
        let Some(panel) = &self.problems_panel else {
            return;
        };
        let Some(problem) = panel.list.get(index).cloned() else {
            return;
        };
        if let ProblemPlace::Document {
            document: Some(document),
            loc,
            ..
        } = &problem.place
        {
            self.open_at(document, *loc);
        }
        if let Some(panel) = &mut self.problems_panel {
            Rc::make_mut(panel).current = Some(index);
        }
    }

    /// Reveals the finding of the evaluation's explanation `index`, with
    /// the Problems panel open on it.
    fn reveal_explanation(&mut self, index: usize) {
        let Some(explanation) = self.evaluation.explained.get(index).cloned() else {
            return;
        };
        self.open_at(&explanation.document, explanation.finding.loc);
        let list = self.problem_list();
        let current = list.iter().position(|p| {
            p.message == explanation.finding.message
                && matches!(&p.place, ProblemPlace::Document { document: Some(d), loc, .. }
                    if *d == explanation.document && *loc == explanation.finding.loc)
        });
        self.problems_panel = Some(Rc::new(ProblemsPanel {
            list: Rc::new(list),
            current,
        }));
    }

    /// Every problem of the workspace and of the request.
    fn problem_list(&self) -> Vec<ListedProblem> {
        list_problems(
            &self.engine.borrow().all_problems(),
            &self.evaluation.findings,
        )
    }

    /// Lists the problems again while the Problems panel is open; the
    /// current one stays current while it is at the same place.
    pub(super) fn refresh_problems_panel(&mut self) {
        let Some(panel) = &self.problems_panel else {
            return;
        };
        let list = self.problem_list();
        if *panel.list == list {
            return;
        }
        let current = panel
            .current
            .filter(|&i| panel.list.get(i).is_some() && panel.list.get(i) == list.get(i));
        self.problems_panel = Some(Rc::new(ProblemsPanel {
            list: Rc::new(list),
            current,
        }));
    }

    /// The workspace, to change it.
    fn workspace_mut(&mut self) -> &mut Workspace {
        Rc::make_mut(&mut self.workspace)
    }

    /// Selects a new entity, and opens it when it is a document (the
    /// editor's view is built once the workspace is compiled again).
    fn select_and_open(&mut self, entity: EntityRef) {
        if let EntityRef::Document(document) = &entity {
            self.document = Some(document.clone());
        }
        self.selected = Some(entity);
    }

    /// Points the selection, the open document and the request at the
    /// new name of a renamed entity.
    fn follow_rename(&mut self, old: &EntityRef, new: &EntityRef) {
        if self.selected.as_ref() == Some(old) {
            self.selected = Some(new.clone());
        }
        let renamed_document = |document: &DocumentRef| -> Option<DocumentRef> {
            match (old, new, document) {
                (EntityRef::Document(o), EntityRef::Document(n), d) if o == d => Some(n.clone()),
                (_, _, DocumentRef::Inline(owner, name))
                    if EntityRef::from(owner.clone()) == *old =>
                {
                    let owner = new.owner()?;
                    Some(DocumentRef::Inline(owner, name.clone()))
                }
                _ => None,
            }
        };
        if let Some(document) = self.document.as_ref().and_then(renamed_document) {
            self.document = Some(document);
        }
        if let Some(EntityRef::Document(document)) = &self.selected
            && let Some(renamed) = renamed_document(document)
        {
            self.selected = Some(EntityRef::Document(renamed));
        }
        let request = Rc::make_mut(&mut self.request);
        match (old, new, &mut request.principal) {
            (EntityRef::User(o), EntityRef::User(n), Some(PrincipalChoice::User(p)))
            | (EntityRef::Role(o), EntityRef::Role(n), Some(PrincipalChoice::Role(p)))
                if p == o =>
            {
                n.clone_into(p);
            }
            _ => {}
        }
        if let (
            EntityRef::Document(DocumentRef::Endpoint(o)),
            EntityRef::Document(DocumentRef::Endpoint(n)),
            Some(endpoint),
        ) = (old, new, &mut request.vpc_endpoint)
            && endpoint == o
        {
            n.clone_into(endpoint);
        }
        if let (EntityRef::Group(o), EntityRef::Group(n), Some(groups)) =
            (old, new, &mut request.groups)
        {
            for group in groups.iter_mut().filter(|g| *g == o) {
                n.clone_into(group);
            }
        }
    }

    /// What uses `entity`: the workspace's references, and the request.
    fn usages(&self, entity: &EntityRef) -> Vec<String> {
        let mut found = usages(&self.workspace, entity);
        let principal = match (&self.request.principal, entity) {
            (Some(PrincipalChoice::User(p)), EntityRef::User(e))
            | (Some(PrincipalChoice::Role(p)), EntityRef::Role(e)) => p == e,
            _ => false,
        };
        if principal {
            found.push("the request's principal".to_owned());
        }
        if let EntityRef::Document(DocumentRef::Endpoint(id)) = entity
            && self.request.vpc_endpoint.as_ref() == Some(id)
        {
            found.push("the request comes through it".to_owned());
        }
        found
    }
}

/// The state for an imported workspace: its first saved request as the
/// request (or its first user), its first policy open.
fn imported(workspace: Workspace) -> State {
    let mut state = State::with_workspace(workspace);
    if let Some(preset) = state.presets.first() {
        state.request = Rc::new(preset.draft.clone());
    } else if let Some(user) = state.workspace.users.first() {
        Rc::make_mut(&mut state.request).principal = Some(PrincipalChoice::User(user.name.clone()));
    }
    state.selected = state
        .workspace
        .policies
        .first()
        .map(|p| EntityRef::Document(DocumentRef::Customer(p.name.clone())));
    state.refresh_evaluation();
    state.open_selected_document();
    state
}
