//! What the page opens on. The query string says whether it is an embed;
//! the fragment may carry a link; the browser's storage holds the named
//! workspaces. A link that opens goes into a workspace of its own (the
//! one it was last shown under when it is a reload, so that nothing typed
//! is lost); a link that does not open says why, and the page shows the
//! last good workspace instead, never a blank page.

use super::compress::inflate;
use super::envelope::{read_snapshot, write_snapshot};
use super::link::{DAMAGED, Fragment, classify, packed_bytes, unpack};
use super::plain::read_plain;
use super::shelf::Shelf;
use super::storage::Store;
use crate::embed::{EmbedOptions, read_query};
use crate::state::{Snapshot, State};

/// The name of a workspace opened from a link that names none.
pub const SHARED_LINK_NAME: &str = "Shared link";

/// How the page keeps work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeepMode {
    /// Not at all (the app mounted by tests, without a boot).
    Off,
    /// An embed: the link for "Open in playground" only, nothing saved,
    /// the URL left alone.
    Embed,
    /// The full page: the fragment follows the work; with storage, every
    /// change is saved under the open workspace's name.
    Page {
        /// Whether the browser gives the page storage.
        storage: bool,
    },
}

/// A message shown above the page when it opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BootNotice {
    /// The headline, e.g. "This link could not be opened".
    pub title: String,
    /// What happened and what is shown instead (may hold `code`).
    pub detail: String,
}

/// What the page opens on.
#[derive(Clone, Debug, PartialEq)]
pub struct Boot {
    /// The work to show.
    pub snapshot: Snapshot,
    /// How work is kept.
    pub mode: KeepMode,
    /// The embed's options, in embed mode.
    pub embed: Option<EmbedOptions>,
    /// The named workspaces (the full page with storage).
    pub shelf: Option<Shelf>,
    /// Messages to show.
    pub notices: Vec<BootNotice>,
    /// Whether the fragment holds a link that did not open: the page
    /// leaves it in the address bar until the user changes something.
    pub keep_fragment: bool,
}

impl Boot {
    /// The seed scenario, nothing kept (the app without a boot).
    pub fn off() -> Boot {
        Boot {
            snapshot: State::seed().snapshot(),
            mode: KeepMode::Off,
            embed: None,
            shelf: None,
            notices: Vec::new(),
            keep_fragment: false,
        }
    }

    /// The state to start with.
    pub fn initial_state(&self) -> State {
        State::restored(&self.snapshot)
    }
}

/// Reads the page's address and storage, and opens what they say.
pub async fn boot() -> Boot {
    let location = web_sys::window().map(|w| w.location());
    let search = location
        .as_ref()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    let hash = location
        .as_ref()
        .and_then(|l| l.hash().ok())
        .unwrap_or_default();
    let fragment = hash.strip_prefix('#').unwrap_or(&hash).to_owned();
    let query = read_query(&search);
    match query.options {
        Some(options) => boot_embed(options, query.problems, &fragment).await,
        None => boot_page(&fragment).await,
    }
}

/// An embed: the link's workspace, or the seed scenario.
async fn boot_embed(options: EmbedOptions, problems: Vec<String>, fragment: &str) -> Boot {
    let mut notices: Vec<BootNotice> = problems
        .into_iter()
        .map(|why| BootNotice {
            title: "Part of this embed's address was not understood".to_owned(),
            detail: sentence(&why),
        })
        .collect();
    let mut snapshot = match open_link(fragment).await {
        Ok(Some(snapshot)) => snapshot,
        Ok(None) => State::seed().snapshot(),
        Err(why) => {
            notices.push(link_failed(&why, "the seed scenario"));
            State::seed().snapshot()
        }
    };
    if let Some(row) = options.request {
        match snapshot.clone().with_saved_request(row) {
            Ok(chosen) => snapshot = chosen,
            Err(why) => notices.push(BootNotice {
                title: "The embed's request could not be picked".to_owned(),
                detail: sentence(&why),
            }),
        }
    }
    Boot {
        snapshot,
        mode: KeepMode::Embed,
        embed: Some(options),
        shelf: None,
        notices,
        keep_fragment: false,
    }
}

/// The full page.
async fn boot_page(fragment: &str) -> Boot {
    let mut notices = Vec::new();
    let Some(store) = Store::open() else {
        let (snapshot, keep_fragment) = match open_link(fragment).await {
            Ok(found) => (found.unwrap_or_else(|| State::seed().snapshot()), false),
            Err(why) => {
                notices.push(link_failed(&why, "the seed scenario"));
                (State::seed().snapshot(), true)
            }
        };
        notices.push(BootNotice {
            title: "Work is not saved in this browser".to_owned(),
            detail: "The browser gives this page no storage: the link in the address bar keeps your work; export the workspace to keep a copy.".to_owned(),
        });
        return Boot {
            snapshot,
            mode: KeepMode::Page { storage: false },
            embed: None,
            shelf: None,
            notices,
            keep_fragment,
        };
    };
    let mut shelf = match store.shelf() {
        Ok(Some(shelf)) => shelf,
        Ok(None) => Shelf::default(),
        Err(why) => {
            notices.push(BootNotice {
                title: "Your saved workspaces could not be read".to_owned(),
                detail: format!(
                    "The list of saved workspaces is damaged ({why}); starting a new list."
                ),
            });
            Shelf::default()
        }
    };
    let saved = |id: u32| {
        store
            .workspace(id)
            .and_then(|text| read_snapshot(&text).ok())
    };
    let last_good = |id: u32| saved(id).unwrap_or_else(|| State::seed().snapshot());
    // A reload: the latest save of the workspace the link was shown for.
    let reloaded = shelf
        .by_link(fragment)
        .filter(|_| !fragment.is_empty())
        .and_then(|id| Some((id, saved(id)?)));
    let mut keep_fragment = false;
    let snapshot = match reloaded {
        Some((id, snapshot)) => {
            shelf.current = id;
            snapshot
        }
        None => match open_link(fragment).await {
            Ok(None) => last_good(shelf.current),
            Ok(Some(snapshot)) => {
                let (id, saved) = shelve(&store, &mut shelf, &snapshot);
                shelf.current = id;
                if let Err(why) = saved {
                    notices.push(BootNotice {
                        title: "The link's workspace could not be saved".to_owned(),
                        detail: sentence(&why),
                    });
                }
                snapshot
            }
            Err(why) => {
                keep_fragment = true;
                let fallback = format!("your last workspace, `{}`,", shelf.current_name());
                notices.push(link_failed(&why, &fallback));
                last_good(shelf.current)
            }
        },
    };
    if let Err(why) = store.save_shelf(&shelf) {
        notices.push(BootNotice {
            title: "Work may not be saved".to_owned(),
            detail: sentence(&why),
        });
    }
    Boot {
        snapshot,
        mode: KeepMode::Page { storage: true },
        embed: None,
        shelf: Some(shelf),
        notices,
        keep_fragment,
    }
}

/// The workspace of the shelf that holds a link's `snapshot`: one that
/// already holds exactly this work (the same link opened again), or a new
/// one named after the workspace (or "Shared link"), saved at once (the
/// result says whether the save worked). It is not made the open one.
pub fn shelve(store: &Store, shelf: &mut Shelf, snapshot: &Snapshot) -> (u32, Result<(), String>) {
    let text = write_snapshot(snapshot);
    let same = shelf
        .entries
        .iter()
        .find(|e| store.workspace(e.id).as_deref() == Some(text.as_str()))
        .map(|e| e.id);
    if let Some(id) = same {
        return (id, Ok(()));
    }
    let name = snapshot
        .workspace
        .name
        .clone()
        .unwrap_or_else(|| SHARED_LINK_NAME.to_owned());
    let id = shelf.add(&name);
    (id, store.save_workspace(id, &text))
}

/// The snapshot a fragment carries (`None` for no fragment), or why it
/// cannot be opened.
pub async fn open_link(fragment: &str) -> Result<Option<Snapshot>, String> {
    match classify(fragment)? {
        Fragment::Empty => Ok(None),
        Fragment::Plain(params) => read_plain(params).map(Some),
        Fragment::Packed(data) => {
            let compressed = packed_bytes(data)?;
            let text = inflate(&compressed).await.map_err(|_| DAMAGED.to_owned())?;
            unpack(&text).map(Some)
        }
    }
}

/// The notice for a link that did not open, showing `fallback` instead.
pub fn link_failed(why: &str, fallback: &str) -> BootNotice {
    BootNotice {
        title: "This link could not be opened".to_owned(),
        detail: format!("{} Showing {fallback} instead.", sentence(why)),
    }
}

/// A message as a sentence: its first letter in upper case, a final
/// period.
pub fn sentence(text: &str) -> String {
    let mut chars = text.trim().chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_become_sentences() {
        assert_eq!(sentence("it is cut short"), "It is cut short.");
        assert_eq!(sentence("ça va?"), "Ça va?");
        assert_eq!(sentence("  "), "");
        assert_eq!(
            link_failed("it is damaged", "the seed scenario").detail,
            "It is damaged. Showing the seed scenario instead."
        );
    }
}
