//! The named workspaces kept in the browser: their names, which one is
//! open, and the link each was last shown under (so that reloading a page
//! whose link lags a few keystrokes behind still opens the latest save).
//! Stored as JSON next to the workspaces themselves.

use iamplay_core::json::{JsonValue, parse_json};

use super::envelope::quoted;

/// The name of the first workspace.
pub const FIRST_NAME: &str = "My workspace";

/// One named workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShelfEntry {
    /// Identifies the workspace in storage; never reused.
    pub id: u32,
    /// The name people see, unique on the shelf.
    pub name: String,
    /// The fragment (without `#`) the page last showed for it.
    pub link: Option<String>,
}

/// The named workspaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shelf {
    /// The open workspace's id.
    pub current: u32,
    /// The id the next workspace gets.
    pub next: u32,
    /// The workspaces, in the order they were made.
    pub entries: Vec<ShelfEntry>,
}

impl Default for Shelf {
    fn default() -> Self {
        Shelf {
            current: 1,
            next: 2,
            entries: vec![ShelfEntry {
                id: 1,
                name: FIRST_NAME.to_owned(),
                link: None,
            }],
        }
    }
}

impl Shelf {
    /// Reads a shelf written by [`Shelf::write`].
    pub fn read(text: &str) -> Result<Shelf, String> {
        let json = parse_json(text).map_err(|e| e.message)?;
        let number = |value: Option<&iamplay_core::json::Json>| match value.map(|v| &v.value) {
            Some(JsonValue::Number(n)) => n.parse::<u32>().ok(),
            _ => None,
        };
        let mut entries = Vec::new();
        for item in json
            .get("workspaces")
            .and_then(|w| w.as_array())
            .ok_or("no list of workspaces")?
        {
            let id = number(item.get("id")).ok_or("a workspace without an id")?;
            let name = item
                .get("name")
                .and_then(|n| n.as_str())
                .ok_or("a workspace without a name")?;
            let link = item.get("link").and_then(|l| l.as_str()).map(str::to_owned);
            entries.push(ShelfEntry {
                id,
                name: name.to_owned(),
                link,
            });
        }
        let first = entries.first().ok_or("no workspace")?.id;
        let highest = entries.iter().map(|e| e.id).max().unwrap_or(first);
        let current = number(json.get("current"))
            .filter(|id| entries.iter().any(|e| e.id == *id))
            .unwrap_or(first);
        let next = number(json.get("next"))
            .unwrap_or(0)
            .max(highest.saturating_add(1));
        Ok(Shelf {
            current,
            next,
            entries,
        })
    }

    /// The shelf as JSON text.
    pub fn write(&self) -> String {
        let entries: Vec<String> = self
            .entries
            .iter()
            .map(|e| {
                let link = e
                    .link
                    .as_ref()
                    .map(|l| format!(", \"link\": {}", quoted(l)))
                    .unwrap_or_default();
                format!("{{\"id\": {}, \"name\": {}{link}}}", e.id, quoted(&e.name))
            })
            .collect();
        format!(
            "{{\"current\": {}, \"next\": {}, \"workspaces\": [{}]}}",
            self.current,
            self.next,
            entries.join(", ")
        )
    }

    /// The workspace with this id.
    pub fn entry(&self, id: u32) -> Option<&ShelfEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The open workspace's name.
    pub fn current_name(&self) -> &str {
        self.entry(self.current)
            .map_or(FIRST_NAME, |e| e.name.as_str())
    }

    /// The workspace last shown under `link`.
    pub fn by_link(&self, link: &str) -> Option<u32> {
        self.entries
            .iter()
            .find(|e| e.link.as_deref() == Some(link))
            .map(|e| e.id)
    }

    /// `base` if no workspace has that name, else `base (2)`, `base (3)`….
    pub fn unique_name(&self, base: &str) -> String {
        let base = base.trim();
        let base = if base.is_empty() { FIRST_NAME } else { base };
        let taken = |name: &str| self.entries.iter().any(|e| e.name == name);
        if !taken(base) {
            return base.to_owned();
        }
        (2..)
            .map(|n| format!("{base} ({n})"))
            .find(|name| !taken(name))
            .unwrap_or_else(|| base.to_owned())
    }

    /// Adds a workspace named after `base` (made unique); returns its id.
    /// It is not opened.
    pub fn add(&mut self, base: &str) -> u32 {
        let id = self.next;
        self.next = self.next.saturating_add(1);
        let name = self.unique_name(base);
        self.entries.push(ShelfEntry {
            id,
            name,
            link: None,
        });
        id
    }

    /// Renames workspace `id`; names are unique and not empty.
    pub fn rename(&mut self, id: u32, name: &str) -> Result<(), String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("a workspace needs a name".to_owned());
        }
        if self.entries.iter().any(|e| e.id != id && e.name == name) {
            return Err(format!("there is already a workspace named `{name}`"));
        }
        let entry = self
            .entries
            .iter_mut()
            .find(|e| e.id == id)
            .ok_or("that workspace is gone")?;
        name.clone_into(&mut entry.name);
        Ok(())
    }

    /// Removes workspace `id`; the last one stays. When it was open, the
    /// one before it (or after) becomes the open one.
    pub fn remove(&mut self, id: u32) -> Result<(), String> {
        if self.entries.len() <= 1 {
            return Err("the last workspace cannot be deleted; reset it instead".to_owned());
        }
        let index = self
            .entries
            .iter()
            .position(|e| e.id == id)
            .ok_or("that workspace is gone")?;
        self.entries.remove(index);
        if self.current == id
            && let Some(neighbour) = self.entries.get(index.saturating_sub(1))
        {
            self.current = neighbour.id;
        }
        Ok(())
    }

    /// The shelf as this page should write it when `stored` is what is in
    /// storage now (other tabs of the playground may have made, renamed
    /// or deleted workspaces since this page read it): the stored shelf,
    /// with this page's open workspace as the open one. If another tab
    /// deleted the workspace open here, it is listed again, so that the
    /// work on screen keeps a place. Ids stay unique across both.
    pub fn merged(stored: Option<Shelf>, mine: &Shelf) -> Shelf {
        let Some(mut shelf) = stored else {
            return mine.clone();
        };
        if shelf.entry(mine.current).is_none()
            && let Some(entry) = mine.entry(mine.current)
        {
            let name = shelf.unique_name(&entry.name);
            shelf.entries.push(ShelfEntry {
                id: entry.id,
                name,
                link: entry.link.clone(),
            });
        }
        shelf.current = mine.current;
        let highest = shelf.entries.iter().map(|e| e.id).max().unwrap_or(0);
        shelf.next = shelf.next.max(mine.next).max(highest.saturating_add(1));
        shelf
    }

    /// Records the link the page shows for workspace `id`.
    pub fn set_link(&mut self, id: u32, link: &str) {
        if let Some(entry) = self.entries.iter_mut().find(|e| e.id == id) {
            entry.link = Some(link.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shelf_reads_back_what_it_wrote() {
        let mut shelf = Shelf::default();
        let id = shelf.add("Lesson \"1\"");
        shelf.set_link(id, "w1.abc");
        shelf.current = id;
        let back = Shelf::read(&shelf.write()).expect("reads back");
        assert_eq!(back, shelf);
        assert_eq!(back.by_link("w1.abc"), Some(id));
        assert_eq!(back.current_name(), "Lesson \"1\"");
    }

    #[test]
    fn names_stay_unique_and_ids_are_never_reused() {
        let mut shelf = Shelf::default();
        let second = shelf.add(FIRST_NAME);
        assert_eq!(
            shelf.entry(second).map(|e| e.name.as_str()),
            Some("My workspace (2)")
        );
        let third = shelf.add(FIRST_NAME);
        assert_eq!(
            shelf.entry(third).map(|e| e.name.as_str()),
            Some("My workspace (3)")
        );
        shelf.remove(third).expect("removed");
        assert_eq!(shelf.add("x"), third + 1);
        assert_eq!(
            shelf.rename(second, FIRST_NAME),
            Err("there is already a workspace named `My workspace`".to_owned())
        );
        assert!(shelf.rename(second, "  ").is_err());
        shelf.rename(second, " Teaching ").expect("renamed");
        assert_eq!(
            shelf.entry(second).map(|e| e.name.as_str()),
            Some("Teaching")
        );
    }

    #[test]
    fn removing_the_open_workspace_opens_its_neighbour_and_the_last_stays() {
        let mut shelf = Shelf::default();
        let second = shelf.add("b");
        shelf.current = second;
        shelf.remove(second).expect("removed");
        assert_eq!(shelf.current, 1);
        assert!(shelf.remove(1).is_err());
    }

    #[test]
    fn another_tab_s_workspaces_are_kept_and_ids_never_collide() {
        // Both tabs read the same shelf.
        let mut tab_a = Shelf::default();
        let tab_b = tab_a.clone();
        // Tab A makes a workspace and saves the shelf.
        let made_in_a = tab_a.add("account");
        let stored = tab_a.clone();
        // Tab B makes one too: it goes next to A's, with a new id.
        let mut merged = Shelf::merged(Some(stored), &tab_b);
        assert_eq!(merged.current, tab_b.current);
        let made_in_b = merged.add("Lesson");
        assert_ne!(made_in_a, made_in_b);
        let names: Vec<&str> = merged.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["My workspace", "account", "Lesson"]);
    }

    #[test]
    fn a_workspace_deleted_in_another_tab_stays_listed_where_it_is_open() {
        let mut mine = Shelf::default();
        let open_here = mine.add("draft");
        mine.current = open_here;
        let mut stored = mine.clone();
        stored.current = 1;
        stored.remove(open_here).expect("removed in the other tab");
        stored.add("draft");
        let merged = Shelf::merged(Some(stored), &mine);
        assert_eq!(merged.current, open_here);
        assert_eq!(
            merged.entry(open_here).map(|e| e.name.as_str()),
            Some("draft (2)")
        );
        assert!(merged.next > merged.entries.iter().map(|e| e.id).max().unwrap_or(0));
        assert_eq!(Shelf::merged(None, &mine), mine);
    }

    #[test]
    fn damaged_shelves_are_refused_and_odd_ones_repaired() {
        assert!(Shelf::read("{").is_err());
        assert!(Shelf::read("{\"workspaces\": []}").is_err());
        let shelf = Shelf::read(
            "{\"current\": 9, \"next\": 1, \"workspaces\": [{\"id\": 4, \"name\": \"a\"}]}",
        )
        .expect("repaired");
        assert_eq!((shelf.current, shelf.next), (4, 5));
    }
}
