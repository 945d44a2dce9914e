//! What a share link and the autosave keep of the playground: the
//! workspace, the request being built, and what is selected and open.
//! Everything else (the decision, the editor's view, the presets) follows
//! from these when a snapshot is restored.

use std::rc::Rc;

use iamplay_core::workspace::Workspace;

use super::{DocumentRef, EntityRef, RequestDraft, State};

/// The playground's work, as links and the autosave keep it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Snapshot {
    /// The workspace; documents' text exactly as typed.
    pub workspace: Workspace,
    /// The request being built.
    pub request: RequestDraft,
    /// The entity selected in the workspace panel.
    pub selected: Option<EntityRef>,
    /// The document open in the editor.
    pub open: Option<DocumentRef>,
}

impl Snapshot {
    /// The snapshot with its request replaced by the workspace's saved
    /// request `row` (counting from 1); an error when there is no such
    /// request.
    pub fn with_saved_request(mut self, row: usize) -> Result<Snapshot, String> {
        let spec = row
            .checked_sub(1)
            .and_then(|index| self.workspace.requests.get(index))
            .ok_or_else(|| match self.workspace.requests.len() {
                0 => format!("there is no saved request {row}: the workspace has none"),
                n => format!("there is no saved request {row}: the workspace has {n}"),
            })?;
        self.request = RequestDraft::from_spec(spec);
        Ok(self)
    }
}

impl State {
    /// What a link or the autosave keeps of this state.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            workspace: Workspace::clone(&self.workspace),
            request: RequestDraft::clone(&self.request),
            selected: self.selected.clone(),
            open: self.document.clone(),
        }
    }

    /// The state a snapshot describes: its workspace and request, with its
    /// selection and open document when they exist in the workspace.
    pub fn restored(snapshot: &Snapshot) -> State {
        let mut state = State::with_workspace(snapshot.workspace.clone());
        state.request = Rc::new(snapshot.request.clone());
        state.selected = snapshot
            .selected
            .clone()
            .filter(|entity| entity.exists_in(&state.workspace));
        state.refresh_evaluation();
        let open = snapshot
            .open
            .clone()
            .filter(|document| EntityRef::Document(document.clone()).exists_in(&state.workspace));
        if let Some(document) = open {
            state.open(&document);
        }
        state
    }
}
