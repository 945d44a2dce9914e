//! The one way every surface (the playground, the JavaScript API, the
//! CLI) works with a workspace: an [`Engine`] loads it, keeps every
//! document parsed and linted, takes edits to one document or to the
//! entities, lists every problem already placed, and answers requests
//! (the decision alone, or the full explanation).
//!
//! ```
//! use iamplay_core::Engine;
//! use iamplay_core::workspace::{NoManagedPolicies, PrincipalSpec, RequestSpec};
//!
//! let text = r#"{
//!   "policies": [{"name": "S3Read", "document": {"Version": "2012-10-17",
//!     "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}],
//!   "users": [{"name": "ana", "managedPolicies": ["S3Read"]}]
//! }"#;
//! let engine = Engine::load(text, Box::new(NoManagedPolicies)).expect("it loads");
//! let request = RequestSpec::new(PrincipalSpec::user("ana"), "s3:GetObject", "arn:aws:s3:::b/k");
//! let response = engine.evaluate(&request).expect("it resolves");
//! assert_eq!(response.decision, iamplay_core::response::Decision::Allowed);
//! ```

pub mod counterfactual;
mod document_id;
mod documents;
mod problem;
pub mod quotas;
pub mod request_findings;
mod resolve;

use crate::Code;
use crate::diagnostic::Severity;
use crate::eval::Verdict;
use crate::policy::PolicyKind;
use crate::request::Request;
use crate::response::{Decision, Response};
use crate::source::{LineIndex, Loc, Position, Span};
use crate::workspace::managed::ManagedPolicySource;
use crate::workspace::{
    Document, InlinePolicy, RequestSpec, Workspace, load_request, load_workspace,
};

pub use counterfactual::{Change, Counterfactual, Counterfactuals};
pub use document_id::{DocumentId, DocumentIdError, Owner, RequestSlot};
pub use documents::CompiledDocument;
pub use problem::{FilePlace, Problem, SourceText};
pub use resolve::{ResolveError, Resolved};

use documents::Documents;
use resolve::{GivenDocuments, Layout, RequestDocuments};

/// A text that documents were written in, with its line starts, to
/// place their problems in it.
#[derive(Debug, Clone)]
struct SourceFile {
    which: SourceText,
    text: String,
    /// Where each line of `text` starts, found once: placing one
    /// location (a statement of an explanation) then costs a binary
    /// search, not a pass over the whole file.
    line_starts: Vec<usize>,
}

impl SourceFile {
    fn new(which: SourceText, text: &str) -> SourceFile {
        SourceFile {
            which,
            line_starts: LineIndex::new(text).into_line_starts(),
            text: text.to_owned(),
        }
    }

    /// The text's line index, without reading the text again.
    fn index(&self) -> LineIndex<'_> {
        LineIndex::with_line_starts(&self.text, &self.line_starts)
    }
}

/// Why a document could not be changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No document of the workspace has this id.
    #[error("there is no document `{0}` in the workspace")]
    UnknownDocument(DocumentId),
    /// The document is an AWS managed policy from the catalog.
    #[error("`{0}` is an AWS managed policy and cannot be changed")]
    ReadOnly(DocumentId),
}

impl EditError {
    /// The problem code that names this error.
    pub fn code(&self) -> Code {
        match self {
            EditError::UnknownDocument(_) => Code::UnknownDocument,
            EditError::ReadOnly(_) => Code::ReadOnlyDocument,
        }
    }
}

/// A workspace, compiled: every document parsed and linted, and what
/// resolution needs worked out, ready to answer many requests.
pub struct Engine {
    workspace: Workspace,
    source: Box<dyn ManagedPolicySource>,
    documents: Documents,
    layout: Layout,
    /// Each saved request as the evaluator sees it (`None` when it does
    /// not resolve), worked out with the layout: what deciding a saved
    /// request does not have to build again.
    saved: Vec<Option<Request>>,
    /// Attachments that name no managed policy, and memberships of groups
    /// that do not exist.
    references: Vec<Problem>,
    /// Warnings from reading the workspace file.
    file_problems: Vec<Problem>,
    /// The texts documents were written in (the workspace file, requests
    /// given as text).
    files: Vec<SourceFile>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("workspace", &self.workspace.name)
            .field("documents", &self.documents.iter().count())
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// Compiles `workspace`; AWS managed policies its entities attach by
    /// name or ARN (and that it does not carry) come from `source`.
    pub fn new(workspace: Workspace, source: Box<dyn ManagedPolicySource>) -> Engine {
        let mut engine = Engine {
            workspace,
            source,
            documents: Documents::default(),
            layout: Layout::default(),
            saved: Vec::new(),
            references: Vec::new(),
            file_problems: Vec::new(),
            files: Vec::new(),
        };
        engine.rebuild();
        engine
    }

    /// Reads a workspace file and compiles it. Its problems are placed in
    /// `text`. `Err` holds every problem when the file has an error (then
    /// there is no workspace to compile); warnings of a file that loads
    /// are listed by [`Engine::diagnostics`].
    pub fn load(text: &str, source: Box<dyn ManagedPolicySource>) -> Result<Engine, Vec<Problem>> {
        let loaded = load_workspace(text);
        let problems: Vec<Problem> = loaded
            .diagnostics
            .iter()
            .map(|d| Problem::of_file(d, SourceText::Workspace))
            .collect();
        let Some(workspace) = loaded.workspace else {
            return Err(problems);
        };
        let mut engine = Engine::new(workspace, source);
        engine.file_problems = problems;
        engine
            .files
            .push(SourceFile::new(SourceText::Workspace, text));
        Ok(engine)
    }

    /// Reads one request written as an entry of a workspace's `requests`
    /// and saves it in the workspace (its documents' problems are placed
    /// in `text`). Returns the saved request's number, or the problems
    /// that kept it from being read.
    pub fn add_request_text(&mut self, text: &str) -> Result<usize, Vec<Problem>> {
        let index = self.workspace.requests.len();
        let spec = load_request(text).map_err(|diagnostics| {
            diagnostics
                .iter()
                .map(|d| Problem::of_file(d, SourceText::Request(index)))
                .collect::<Vec<_>>()
        })?;
        self.edit(|ws| ws.requests.push(spec));
        self.files
            .push(SourceFile::new(SourceText::Request(index), text));
        Ok(index)
    }

    /// Parses every document again where its text changed, and works out
    /// again what resolution needs.
    fn rebuild(&mut self) {
        let previous = std::mem::take(&mut self.documents);
        let (documents, unresolved) = Documents::build(&self.workspace, &*self.source, previous);
        self.documents = documents;
        self.layout = Layout::new(&self.workspace, &self.documents);
        self.saved = self
            .workspace
            .requests
            .iter()
            .map(|spec| {
                resolve::request_for(&self.workspace, &self.documents, &self.layout, spec).ok()
            })
            .collect();
        self.references = references(&self.workspace, &unresolved);
    }

    /// The workspace, with every document's text as last set.
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// Changes the workspace's entities (create, rename, attach, move a
    /// membership, delete...) through `change`, then compiles what changed:
    /// documents whose kind and text are unchanged keep their parse.
    pub fn edit<R>(&mut self, change: impl FnOnce(&mut Workspace) -> R) -> R {
        let result = change(&mut self.workspace);
        self.rebuild();
        result
    }

    /// Replaces the workspace, keeping the parse of every document whose
    /// kind and text are unchanged.
    pub fn replace(&mut self, workspace: Workspace) {
        self.workspace = workspace;
        self.files.clear();
        self.file_problems.clear();
        self.rebuild();
    }

    /// Changes where AWS managed policies come from (the playground's full
    /// list arrives after the page), then looks up those not found before.
    pub fn set_source(&mut self, source: Box<dyn ManagedPolicySource>) {
        self.source = source;
        self.rebuild();
    }

    /// Parses and lints every document again, for findings that could
    /// not be given before: AWS's service data installed after the engine
    /// was made (the web app fetches it once its first decision is on
    /// screen; see `iamplay_catalog::install_services`).
    pub fn relint(&mut self) {
        self.documents = std::mem::take(&mut self.documents).without_parses();
        self.rebuild();
    }

    /// Sets one document's text, parsing and linting only it. The text is
    /// taken as is, even when it does not parse.
    pub fn set_document(&mut self, id: &DocumentId, text: &str) -> Result<(), EditError> {
        if self.documents.get(id).is_some_and(|d| d.own_text.is_some()) {
            return Err(EditError::ReadOnly(id.clone()));
        }
        let document = self
            .workspace
            .document_mut(id)
            .ok_or_else(|| EditError::UnknownDocument(id.clone()))?;
        if document.text != text {
            text.clone_into(&mut document.text);
            // It is no longer the text written in the workspace file.
            document.file_offset = None;
        }
        if !self.documents.recompile(id, text) {
            self.rebuild();
        }
        Ok(())
    }

    /// Every compiled document, in the workspace's order, then the AWS
    /// managed policies from the catalog that entities attach.
    pub fn documents(&self) -> impl Iterator<Item = &CompiledDocument> {
        self.documents.iter()
    }

    /// One compiled document.
    pub fn document(&self, id: &DocumentId) -> Option<&CompiledDocument> {
        self.documents.get(id)
    }

    /// A document's text: the workspace's, or the catalog's for an AWS
    /// managed policy the workspace attaches without carrying it.
    pub fn document_text(&self, id: &DocumentId) -> Option<&str> {
        match self.workspace.document(id) {
            Some(doc) => Some(&doc.text),
            None => self.documents.get(id)?.own_text.as_deref(),
        }
    }

    /// The id of the managed policy that `name` (a name or ARN, as an
    /// attachment writes it) names.
    pub fn managed_policy_id(&self, name: &str) -> Option<&DocumentId> {
        let i = self.documents.managed_in(&self.workspace, name)?;
        self.documents.at(i).map(|d| &d.id)
    }

    /// Where `loc`, a location in document `id`'s own text, is in the
    /// text the document was written in (the workspace file, or a
    /// request's text), when it was written there as an object.
    pub fn place_in_file(&self, id: &DocumentId, loc: Loc) -> Option<FilePlace> {
        self.placement(id, &self.indexes())?.place(loc)
    }

    /// How many times a document was parsed since the engine was made:
    /// an edit of one document parses one, an entity edit none whose
    /// text is unchanged (tests and benchmarks check it).
    pub fn parse_count(&self) -> u64 {
        self.documents.parse_count()
    }

    /// The problems of one document, in its own text.
    pub fn document_problems(&self, id: &DocumentId) -> Vec<Problem> {
        let Some(doc) = self.documents.get(id) else {
            return Vec::new();
        };
        let placed = self.placement(id, &self.indexes());
        doc.diagnostics
            .iter()
            .map(|d| {
                Problem::in_document(
                    d,
                    &doc.id,
                    &doc.name,
                    placed.as_ref().and_then(|p| p.place(d.loc)),
                )
            })
            .collect()
    }

    /// Every problem of the workspace: the workspace file's own warnings,
    /// then each document's parse errors and lint findings in the
    /// workspace's order (each document's by where they start, then
    /// severity), then references that do not resolve. Each is placed in
    /// its document's text and, where the document was written in the
    /// workspace file (or a request's text) as an object, there too.
    pub fn diagnostics(&self) -> Vec<Problem> {
        let mut out = self.file_problems.clone();
        let indexes = self.indexes();
        for doc in self.documents.iter() {
            if doc.diagnostics.is_empty() {
                continue;
            }
            let placed = self.placement(&doc.id, &indexes);
            out.extend(doc.diagnostics.iter().map(|d| {
                Problem::in_document(
                    d,
                    &doc.id,
                    &doc.name,
                    placed.as_ref().and_then(|p| p.place(d.loc)),
                )
            }));
        }
        out.extend(self.references.iter().cloned());
        out.extend(quotas::check(&self.workspace));
        out
    }

    /// The number of problems of each severity, in the order of
    /// [`Severity`] (errors first).
    pub fn counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        let mut add = |s: Severity| counts[s as usize] += 1;
        self.file_problems.iter().for_each(|p| add(p.severity));
        self.documents
            .iter()
            .flat_map(|d| &d.diagnostics)
            .for_each(|d| add(d.severity));
        self.references.iter().for_each(|p| add(p.severity));
        quotas::check(&self.workspace)
            .iter()
            .for_each(|p| add(p.severity));
        counts
    }

    /// The line indexes of the texts documents were written in (their
    /// line starts were found when the texts were given).
    fn indexes(&self) -> Vec<(SourceText, LineIndex<'_>)> {
        self.files.iter().map(|f| (f.which, f.index())).collect()
    }

    /// Where document `id` sits in the text it was written in, if it was
    /// written there as an object.
    fn placement(
        &self,
        id: &DocumentId,
        indexes: &[(SourceText, LineIndex<'_>)],
    ) -> Option<Placement> {
        let which = match id {
            DocumentId::Session(RequestSlot::Saved(i))
            | DocumentId::RequestPolicy(RequestSlot::Saved(i), _)
                if indexes.iter().any(|(w, _)| *w == SourceText::Request(*i)) =>
            {
                SourceText::Request(*i)
            }
            _ => SourceText::Workspace,
        };
        let (_, index) = indexes.iter().find(|(w, _)| *w == which)?;
        let offset = self.workspace.document(id)?.file_offset?;
        Some(Placement {
            which,
            base: index.position(offset),
            offset,
        })
    }

    /// Evaluates `request` against the workspace: the decision, why, and
    /// every policy consulted. A request's own session policy and policies
    /// are parsed for it.
    pub fn evaluate(&self, request: &RequestSpec) -> Result<Response, ResolveError> {
        self.with_resolved(request, |r| r.evaluate())
    }

    /// The decision alone for `request`, as fast as it can be had.
    pub fn authorize(&self, request: &RequestSpec) -> Result<Decision, ResolveError> {
        self.with_resolved(request, |r| r.authorize())
    }

    /// Evaluates saved request `index` (from 0).
    pub fn evaluate_saved(&self, index: usize) -> Result<Response, ResolveError> {
        match self.saved_request(index) {
            Some((spec, request)) => {
                let policies = self.saved_policies(index, spec, request)?;
                let mut response = crate::eval::evaluate(&policies, request);
                response.request_findings = request_findings::request_findings(request);
                Ok(response)
            }
            None => Ok(self.resolve_saved(index)?.evaluate()),
        }
    }

    /// The decision and what decided it for `request`, without the
    /// trace of every statement: the parts of [`Engine::evaluate`]'s
    /// answer a caller shows beside the decision, for less work.
    pub fn verdict(&self, request: &RequestSpec) -> Result<Verdict, ResolveError> {
        self.with_resolved(request, |r| r.verdict())
    }

    /// [`Engine::verdict`] for saved request `index`.
    pub fn verdict_saved(&self, index: usize) -> Result<Verdict, ResolveError> {
        match self.saved_request(index) {
            Some((spec, request)) => {
                let policies = self.saved_policies(index, spec, request)?;
                let mut verdict = crate::eval::verdict(&policies, request);
                verdict.request_findings = request_findings::request_findings(request);
                Ok(verdict)
            }
            None => Ok(self.resolve_saved(index)?.verdict()),
        }
    }

    /// The decision alone for saved request `index`.
    pub fn authorize_saved(&self, index: usize) -> Result<Decision, ResolveError> {
        match self.saved_request(index) {
            Some((spec, request)) => Ok(crate::eval::authorize(
                &self.saved_policies(index, spec, request)?,
                request,
            )),
            None => Ok(self.resolve_saved(index)?.authorize()),
        }
    }

    /// Saved request `index` and the request the evaluator sees, when it
    /// resolves (worked out when the workspace's shape last changed).
    fn saved_request(&self, index: usize) -> Option<(&RequestSpec, &Request)> {
        let spec = self.workspace.requests.get(index)?;
        let request = self.saved.get(index)?.as_ref()?;
        Some((spec, request))
    }

    /// The policies that apply to saved request `index`.
    fn saved_policies(
        &self,
        index: usize,
        spec: &RequestSpec,
        request: &Request,
    ) -> Result<crate::eval::PolicySet<'_>, ResolveError> {
        resolve::policies_for(
            &self.workspace,
            &self.documents,
            &self.layout,
            spec,
            RequestDocuments::Saved(index),
            request,
        )
    }

    /// The policies that apply to saved request `index`, with the request
    /// as the evaluator sees it.
    pub fn resolve_saved(&self, index: usize) -> Result<Resolved<'_>, ResolveError> {
        let spec = self.saved_spec(index)?;
        resolve::resolve(
            &self.workspace,
            &self.documents,
            &self.layout,
            spec,
            RequestDocuments::Saved(index),
        )
    }

    /// The policies that apply to `request`, with the request as the
    /// evaluator sees it: for asking many actions of one principal and
    /// resource, as the access matrix does. A session policy or policies
    /// given with `request` are not read here (use [`Engine::evaluate`]).
    pub fn resolve(&self, request: &RequestSpec) -> Result<Resolved<'_>, ResolveError> {
        resolve::resolve(
            &self.workspace,
            &self.documents,
            &self.layout,
            request,
            RequestDocuments::None,
        )
    }

    /// The problems of the documents given with `request` (its session
    /// policy and the policies given with it), parsed and linted as
    /// [`Engine::evaluate`] reads them: each in its document's own text,
    /// under its `request/given/…` id. A caller that has the request's
    /// text places them there with
    /// [`relocate`](crate::workspace::managed::relocate).
    pub fn given_problems(request: &RequestSpec) -> Vec<Problem> {
        GivenDocuments::of(request)
            .iter()
            .flat_map(|doc| {
                doc.diagnostics
                    .iter()
                    .map(|d| Problem::in_document(d, &doc.id, &doc.name, None))
            })
            .collect()
    }

    fn with_resolved<T>(
        &self,
        request: &RequestSpec,
        answer: impl FnOnce(&Resolved<'_>) -> T,
    ) -> Result<T, ResolveError> {
        let given = GivenDocuments::parsed(request)?;
        let resolved = resolve::resolve(
            &self.workspace,
            &self.documents,
            &self.layout,
            request,
            RequestDocuments::Given(&given),
        )?;
        Ok(answer(&resolved))
    }

    /// Saved request `index`, or the error that names the numbers there are.
    pub(super) fn saved_spec(&self, index: usize) -> Result<&RequestSpec, ResolveError> {
        self.workspace
            .requests
            .get(index)
            .ok_or(ResolveError::UnknownRequest(
                index,
                self.workspace.requests.len(),
            ))
    }

    /// Every problem of one policy document on its own: parse errors, then
    /// (when it parses) lint findings, by where they start, then severity.
    pub fn validate(text: &str, kind: PolicyKind) -> Vec<Problem> {
        let (_, diagnostics) = documents::check(text, kind, true);
        diagnostics.iter().map(Problem::of_policy).collect()
    }
}

/// Where a document sits in the text it was written in.
struct Placement {
    which: SourceText,
    base: Position,
    offset: usize,
}

impl Placement {
    /// A location in the document moved to the text it was written in.
    fn place(&self, loc: Loc) -> Option<FilePlace> {
        let shift = |p: Position| Position {
            line: self.base.line + p.line - 1,
            column: if p.line == 1 {
                self.base.column + p.column - 1
            } else {
                p.column
            },
        };
        let offset = u32::try_from(self.offset).unwrap_or(u32::MAX);
        Some(FilePlace {
            text: self.which,
            loc: Loc {
                span: Span {
                    start: loc.span.start.saturating_add(offset),
                    end: loc.span.end.saturating_add(offset),
                },
                start: shift(loc.start),
                end: shift(loc.end),
            },
        })
    }
}

/// Attachments that name no managed policy (`unresolved`) and
/// memberships of groups that do not exist, as warnings.
fn references(ws: &Workspace, unresolved: &[String]) -> Vec<Problem> {
    let mut out: Vec<Problem> = unresolved
        .iter()
        .map(|name| {
            Problem::general(
                Severity::Warning,
                Code::UnresolvedReference,
                format!(
                    "managed policy `{name}` is neither in the workspace nor an AWS managed policy"
                ),
            )
        })
        .collect();
    let groups: std::collections::HashSet<&str> =
        ws.groups.iter().map(|g| g.name.as_str()).collect();
    for user in &ws.users {
        for g in &user.groups {
            if !groups.contains(g.as_str()) {
                out.push(Problem::general(
                    Severity::Warning,
                    Code::UnresolvedReference,
                    format!(
                        "user `{}` is in group `{g}`, which does not exist",
                        user.name
                    ),
                ));
            }
        }
    }
    out
}

impl Workspace {
    /// The document `id` names, when the workspace holds it (AWS managed
    /// policies from the catalog and requests given alone it does not).
    pub fn document(&self, id: &DocumentId) -> Option<&Document> {
        match id {
            DocumentId::Managed(name) => self
                .policies
                .iter()
                .find(|p| &p.name == name)
                .map(|p| &p.document),
            DocumentId::AwsManaged(arn) => self
                .aws_managed_policies
                .iter()
                .find(|p| &crate::workspace::managed::aws_arn(p) == arn)
                .map(|p| &p.document),
            DocumentId::Inline(owner, name) => self
                .inline_policies(owner)?
                .iter()
                .find(|p| &p.name == name)
                .map(|p| &p.document),
            DocumentId::Trust(role) => self
                .roles
                .iter()
                .find(|r| &r.name == role)?
                .trust_policy
                .as_ref(),
            DocumentId::Organization(name) => self
                .organization
                .as_ref()?
                .policies
                .iter()
                .find(|p| &p.name == name)
                .map(|p| &p.document),
            DocumentId::Resource(i) => self.resources.get(*i).map(|r| &r.policy),
            DocumentId::Endpoint(id) => {
                self.endpoints.iter().find(|e| &e.id == id)?.policy.as_ref()
            }
            DocumentId::Session(RequestSlot::Saved(i)) => {
                self.requests.get(*i)?.session_policy.as_ref()
            }
            DocumentId::RequestPolicy(RequestSlot::Saved(r), n) => self
                .requests
                .get(*r)?
                .policies
                .as_ref()?
                .documents()
                .nth(*n),
            DocumentId::Session(RequestSlot::Given)
            | DocumentId::RequestPolicy(RequestSlot::Given, _) => None,
        }
    }

    /// The document `id` names, to change it.
    pub fn document_mut(&mut self, id: &DocumentId) -> Option<&mut Document> {
        match id {
            DocumentId::Managed(name) => self
                .policies
                .iter_mut()
                .find(|p| &p.name == name)
                .map(|p| &mut p.document),
            DocumentId::AwsManaged(arn) => self
                .aws_managed_policies
                .iter_mut()
                .find(|p| &crate::workspace::managed::aws_arn(p) == arn)
                .map(|p| &mut p.document),
            DocumentId::Inline(owner, name) => self
                .inline_policies_mut(owner)?
                .iter_mut()
                .find(|p| &p.name == name)
                .map(|p| &mut p.document),
            DocumentId::Trust(role) => self
                .roles
                .iter_mut()
                .find(|r| &r.name == role)?
                .trust_policy
                .as_mut(),
            DocumentId::Organization(name) => self
                .organization
                .as_mut()?
                .policies
                .iter_mut()
                .find(|p| &p.name == name)
                .map(|p| &mut p.document),
            DocumentId::Resource(i) => self.resources.get_mut(*i).map(|r| &mut r.policy),
            DocumentId::Endpoint(id) => self
                .endpoints
                .iter_mut()
                .find(|e| &e.id == id)?
                .policy
                .as_mut(),
            DocumentId::Session(RequestSlot::Saved(i)) => {
                self.requests.get_mut(*i)?.session_policy.as_mut()
            }
            DocumentId::RequestPolicy(RequestSlot::Saved(r), n) => self
                .requests
                .get_mut(*r)?
                .policies
                .as_mut()?
                .documents_mut()
                .nth(*n),
            DocumentId::Session(RequestSlot::Given)
            | DocumentId::RequestPolicy(RequestSlot::Given, _) => None,
        }
    }

    /// The inline and managed policy lists of `owner`, when it exists:
    /// groups, users and roles each hold both.
    fn policy_lists(&self, owner: &Owner) -> Option<(&Vec<InlinePolicy>, &Vec<String>)> {
        match owner {
            Owner::Group(name) => self
                .groups
                .iter()
                .find(|g| &g.name == name)
                .map(|g| (&g.inline_policies, &g.managed_policies)),
            Owner::User(name) => self
                .users
                .iter()
                .find(|u| &u.name == name)
                .map(|u| (&u.inline_policies, &u.managed_policies)),
            Owner::Role(name) => self
                .roles
                .iter()
                .find(|r| &r.name == name)
                .map(|r| (&r.inline_policies, &r.managed_policies)),
        }
    }

    /// [`Workspace::policy_lists`], to change them.
    fn policy_lists_mut(
        &mut self,
        owner: &Owner,
    ) -> Option<(&mut Vec<InlinePolicy>, &mut Vec<String>)> {
        match owner {
            Owner::Group(name) => self
                .groups
                .iter_mut()
                .find(|g| &g.name == name)
                .map(|g| (&mut g.inline_policies, &mut g.managed_policies)),
            Owner::User(name) => self
                .users
                .iter_mut()
                .find(|u| &u.name == name)
                .map(|u| (&mut u.inline_policies, &mut u.managed_policies)),
            Owner::Role(name) => self
                .roles
                .iter_mut()
                .find(|r| &r.name == name)
                .map(|r| (&mut r.inline_policies, &mut r.managed_policies)),
        }
    }

    /// The inline policies of `owner`, when it exists.
    pub fn inline_policies(&self, owner: &Owner) -> Option<&Vec<InlinePolicy>> {
        self.policy_lists(owner).map(|(inline, _)| inline)
    }

    /// The managed policies `owner` lists (names or ARNs), when it exists.
    pub fn managed_policies(&self, owner: &Owner) -> Option<&Vec<String>> {
        self.policy_lists(owner).map(|(_, managed)| managed)
    }

    /// The managed policies `owner` lists, to change them.
    pub fn managed_policies_mut(&mut self, owner: &Owner) -> Option<&mut Vec<String>> {
        self.policy_lists_mut(owner).map(|(_, managed)| managed)
    }

    /// The inline policies of `owner`, to change them.
    pub fn inline_policies_mut(&mut self, owner: &Owner) -> Option<&mut Vec<InlinePolicy>> {
        self.policy_lists_mut(owner).map(|(inline, _)| inline)
    }
}
