//! Opening a whole workspace (the seed scenario, an empty one, an imported
//! file, a lesson) over the user's own work. When the page keeps named
//! workspaces and the workspace on screen is the user's own work, the new
//! one opens as a named workspace of its own, so the user's stays saved
//! under its name and the workspaces menu brings it back. An empty
//! workspace, the seed scenario or a lesson as it opened is replaced in
//! place: there is nothing of the user's to keep.

use std::rc::Rc;

use iamplay_core::workspace::Workspace;
use yew::Callback;

use super::Dispatch;
use crate::persist::KeeperCommand;
use crate::state::Action;
use crate::state::import_file::read_import;
use crate::state::lessons::is_pristine;

/// Opens workspaces over the one on screen without losing the user's work.
#[derive(Clone, PartialEq)]
pub struct WorkspaceOpener {
    /// The keeper's commands, when the page keeps named workspaces.
    pub keeper: Option<Callback<KeeperCommand>>,
    /// The workspace on screen.
    pub workspace: Rc<Workspace>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

impl WorkspaceOpener {
    /// Sends `action`, which replaces the workspace on screen, first
    /// opening a new named workspace called (about) `name` when the one on
    /// screen is the user's own work.
    pub fn open(&self, name: &str, action: Action) {
        if let Some(command) = &self.keeper
            && !is_pristine(&self.workspace)
        {
            command.emit(KeeperCommand::Create(name.to_owned()));
        }
        self.dispatch.dispatch(action);
    }

    /// Imports the file `file_name` holding `text`. A file that cannot be
    /// read changes nothing: the state says why, and no workspace is made
    /// for it.
    pub fn import(&self, file_name: &str, text: String) {
        let readable = read_import(&text, Some(file_name)).is_ok();
        let action = Action::Import {
            file_name: Some(file_name.to_owned()),
            text,
        };
        if readable {
            self.open(&workspace_name(file_name), action);
        } else {
            self.dispatch.dispatch(action);
        }
    }
}

/// The name of the workspace an imported file opens as: the file's name
/// without its `.json`, `.yaml`, `.yml` or `.template`.
pub fn workspace_name(file_name: &str) -> String {
    let lower = file_name.to_ascii_lowercase();
    let stem = [".json", ".yaml", ".yml", ".template"]
        .iter()
        .find(|ext| lower.ends_with(*ext))
        .and_then(|ext| file_name.get(..file_name.len() - ext.len()))
        .unwrap_or(file_name)
        .trim();
    if stem.is_empty() {
        "Imported workspace".to_owned()
    } else {
        stem.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::workspace_name;

    #[test]
    fn imported_files_name_their_workspace() {
        assert_eq!(workspace_name("account.json"), "account");
        assert_eq!(workspace_name("Details.JSON"), "Details");
        assert_eq!(workspace_name("notes.txt"), "notes.txt");
        assert_eq!(workspace_name("reports-stack.yaml"), "reports-stack");
        assert_eq!(workspace_name("stack.YML"), "stack");
        assert_eq!(workspace_name("app.template"), "app");
        assert_eq!(workspace_name(".json"), "Imported workspace");
        assert_eq!(workspace_name(""), "Imported workspace");
    }
}
