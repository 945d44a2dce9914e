//! The browser's `localStorage`: the shelf of named workspaces under
//! `iamplay.shelf`, and each workspace's snapshot text under
//! `iamplay.workspace.<id>`.

use web_sys::Storage;

use super::shelf::Shelf;

/// The key of the shelf.
pub const SHELF_KEY: &str = "iamplay.shelf";

/// The storage key of workspace `id`'s snapshot text.
pub fn workspace_key(id: u32) -> String {
    format!("iamplay.workspace.{id}")
}

/// The page's local storage.
#[derive(Clone, Debug)]
pub struct Store {
    storage: Storage,
}

impl Store {
    /// The page's local storage; `None` when the browser gives the page
    /// none (storage turned off, or a sandboxed frame).
    pub fn open() -> Option<Store> {
        let storage = web_sys::window()?.local_storage().ok().flatten()?;
        Some(Store { storage })
    }

    /// The shelf; `Ok(None)` when nothing was saved yet, an error when
    /// what was saved does not read.
    pub fn shelf(&self) -> Result<Option<Shelf>, String> {
        match self.storage.get_item(SHELF_KEY).ok().flatten() {
            None => Ok(None),
            Some(text) => Shelf::read(&text).map(Some),
        }
    }

    /// Saves the shelf.
    pub fn save_shelf(&self, shelf: &Shelf) -> Result<(), String> {
        self.set(SHELF_KEY, &shelf.write())
    }

    /// The snapshot text of workspace `id`.
    pub fn workspace(&self, id: u32) -> Option<String> {
        self.storage.get_item(&workspace_key(id)).ok().flatten()
    }

    /// Saves the snapshot text of workspace `id`.
    pub fn save_workspace(&self, id: u32, text: &str) -> Result<(), String> {
        self.set(&workspace_key(id), text)
    }

    /// Forgets workspace `id`.
    pub fn remove_workspace(&self, id: u32) {
        // Nothing to do if it cannot be removed: it is no longer listed.
        let _ = self.storage.remove_item(&workspace_key(id));
    }

    fn set(&self, key: &str, value: &str) -> Result<(), String> {
        self.storage.set_item(key, value).map_err(|_| {
            "the browser's storage for this page is full or turned off; export the workspace to keep it, or delete saved workspaces you no longer need".to_owned()
        })
    }
}
