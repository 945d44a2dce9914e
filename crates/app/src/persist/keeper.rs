//! The hook that keeps work as the user edits: a moment after the last
//! change, the work is saved under the open workspace's name and packed
//! into a link, which replaces the page's fragment (`history.replaceState`,
//! so the history does not fill up). Leaving the page saves at once. The
//! named workspaces are switched, made, renamed and deleted here too.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use iamplay_core::workspace::Workspace;
use wasm_bindgen::{JsCast, JsValue};
use yew::{Callback, UseStateSetter, hook, use_effect_with, use_memo, use_mut_ref, use_state_eq};

use super::boot::{Boot, BootNotice, KeepMode, link_failed, open_link, sentence, shelve};
use super::compress::deflate;
use super::envelope::{read_snapshot, write_snapshot};
use super::link::pack;
use super::shelf::Shelf;
use super::storage::{SHELF_KEY, Store, workspace_key};
use crate::components::Dispatch;
use crate::state::{Action, DocumentRef, EntityRef, RequestDraft, Snapshot, State};

/// How long after the last change the work is saved, in milliseconds.
pub const SAVE_DELAY_MS: u32 = 400;

/// What the workspace menu and the share dialog ask of the keeper.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeeperCommand {
    /// Save and pack the latest changes now (the share dialog opened).
    Flush,
    /// Open the named workspace with this id.
    Switch(u32),
    /// Make a new, empty workspace with (about) this name and open it.
    Create(String),
    /// Rename a workspace.
    Rename(u32, String),
    /// Delete a workspace.
    Delete(u32),
    /// Open the save another tab made of the open workspace.
    LoadFromOtherTab,
}

/// A named workspace, as the menu lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShelfItem {
    /// Its id.
    pub id: u32,
    /// Its name.
    pub name: String,
}

/// The named workspaces, as the menu shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShelfView {
    /// The open workspace's id.
    pub current: u32,
    /// Every workspace, in the order they were made.
    pub items: Vec<ShelfItem>,
}

impl ShelfView {
    fn of(shelf: &Shelf) -> ShelfView {
        ShelfView {
            current: shelf.current,
            items: shelf
                .entries
                .iter()
                .map(|e| ShelfItem {
                    id: e.id,
                    name: e.name.clone(),
                })
                .collect(),
        }
    }

    /// The open workspace's name.
    pub fn current_name(&self) -> &str {
        self.items
            .iter()
            .find(|i| i.id == self.current)
            .map_or("", |i| i.name.as_str())
    }
}

/// What the page knows of the keeping of work.
#[derive(Clone, Debug, PartialEq)]
pub struct Keeper {
    /// How work is kept.
    pub mode: KeepMode,
    /// The latest link's fragment (without `#`), once packed.
    pub link: Option<Rc<str>>,
    /// Whether there are changes the link does not carry yet.
    pub pending: bool,
    /// The named workspaces, when the page keeps them.
    pub shelf: Option<Rc<ShelfView>>,
    /// What went wrong the last time work was kept or a link opened, if
    /// anything.
    pub notice: Option<Rc<BootNotice>>,
    /// Whether another tab saved changes to the open workspace that this
    /// page does not show (this page's next change replaces them).
    pub changed_elsewhere: bool,
    /// Asks the keeper to do something.
    pub command: Callback<KeeperCommand>,
}

/// The work a save writes, shared with the state (cheap to take).
#[derive(Clone, Debug)]
struct Work {
    workspace: Rc<Workspace>,
    request: Rc<RequestDraft>,
    selected: Option<EntityRef>,
    open: Option<DocumentRef>,
}

impl PartialEq for Work {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.workspace, &other.workspace)
            && Rc::ptr_eq(&self.request, &other.request)
            && self.selected == other.selected
            && self.open == other.open
    }
}

impl Work {
    fn of(state: &State) -> Work {
        Work {
            workspace: Rc::clone(&state.workspace),
            request: Rc::clone(&state.request),
            selected: state.selected.clone(),
            open: state.document.clone(),
        }
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            workspace: Workspace::clone(&self.workspace),
            request: RequestDraft::clone(&self.request),
            selected: self.selected.clone(),
            open: self.open.clone(),
        }
    }
}

/// The setters of the keeper's visible state (stable across renders).
#[derive(Clone)]
struct Setters {
    link: UseStateSetter<Option<Rc<str>>>,
    pending: UseStateSetter<bool>,
    shelf: UseStateSetter<Option<Rc<ShelfView>>>,
    notice: UseStateSetter<Option<Rc<BootNotice>>>,
    elsewhere: UseStateSetter<bool>,
}

impl Setters {
    /// Shows `why` under `title`, or nothing.
    fn say(&self, title: &str, why: Option<String>) {
        self.notice.set(why.map(|why| {
            Rc::new(BootNotice {
                title: title.to_owned(),
                detail: sentence(&why),
            })
        }));
    }
}

/// The headline of a failed save.
const NOT_SAVED: &str = "Your work could not be saved";

/// The headline of a command that did not work.
const NOT_CHANGED: &str = "The saved workspaces could not be changed";

/// The keeper's own state.
struct Inner {
    mode: KeepMode,
    store: Option<Store>,
    shelf: Option<Shelf>,
    timer: Option<Timeout>,
    latest: Option<Work>,
    /// The text of the last save, and whether the link carries it.
    saved: Option<String>,
    /// Counts saves, so that a slow compression never overwrites a newer
    /// link.
    sequence: u64,
    /// Whether the fragment must stay until the user changes something.
    keep_fragment: bool,
    changes: u64,
}

impl Inner {
    /// Whether the page's fragment follows the work.
    fn write_url(&self) -> bool {
        matches!(self.mode, KeepMode::Page { .. })
    }

    /// Another workspace is open: the next save writes and packs it anew,
    /// and a compression under way no longer makes the link.
    fn forget_save(&mut self) {
        self.saved = None;
        self.sequence += 1;
    }
}

type Shared = Rc<RefCell<Inner>>;

/// Keeps the work of `state`, as `boot` says.
#[hook]
pub fn use_keeper(state: &State, dispatch: &Dispatch, boot: &Rc<Boot>) -> Keeper {
    let link = use_state_eq(|| None::<Rc<str>>);
    let pending = use_state_eq(|| true);
    let shelf = use_state_eq(|| boot.shelf.as_ref().map(|s| Rc::new(ShelfView::of(s))));
    let notice = use_state_eq(|| None::<Rc<BootNotice>>);
    let elsewhere = use_state_eq(|| false);
    let inner: Shared = {
        let boot = Rc::clone(boot);
        use_mut_ref(move || Inner {
            mode: boot.mode,
            store: match boot.mode {
                KeepMode::Page { storage: true } => Store::open(),
                _ => None,
            },
            shelf: boot.shelf.clone(),
            timer: None,
            latest: None,
            saved: None,
            sequence: 0,
            keep_fragment: boot.keep_fragment,
            changes: 0,
        })
    };
    let setters = Setters {
        link: link.setter(),
        pending: pending.setter(),
        shelf: shelf.setter(),
        notice: notice.setter(),
        elsewhere: elsewhere.setter(),
    };
    {
        let inner = Rc::clone(&inner);
        let setters = setters.clone();
        use_effect_with(Work::of(state), move |work| {
            {
                let mut me = inner.borrow_mut();
                me.latest = Some(work.clone());
                me.changes += 1;
            }
            schedule(&inner, &setters);
        });
    }
    {
        let inner = Rc::clone(&inner);
        let setters = setters.clone();
        let dispatch = dispatch.clone();
        let follow = matches!(boot.mode, KeepMode::Page { .. });
        use_effect_with((), move |()| {
            let listeners = web_sys::window().map(|window| {
                let leave = {
                    let inner = Rc::clone(&inner);
                    EventListener::new(&window, "pagehide", move |_| save_to_storage(&inner))
                };
                // Another tab of the playground changed the named workspaces.
                let other_tab = {
                    let inner = Rc::clone(&inner);
                    let setters = setters.clone();
                    EventListener::new(&window, "storage", move |event| {
                        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
                            return;
                        };
                        match event.key() {
                            Some(key) if key == SHELF_KEY => follow_other_tab(&inner, &setters),
                            Some(key) => {
                                notice_other_tab_save(&inner, &setters, &key, event.new_value())
                            }
                            None => {}
                        }
                    })
                };
                // A link pasted into the address bar of the open page.
                let pasted = follow.then(|| {
                    EventListener::new(&window, "hashchange", move |_| {
                        open_pasted_link(&inner, &setters, &dispatch);
                    })
                });
                (leave, other_tab, pasted)
            });
            move || drop(listeners)
        });
    }
    let command = {
        let inner = Rc::clone(&inner);
        let dispatch = dispatch.clone();
        let setters = setters.clone();
        use_memo((), move |()| {
            Callback::from(move |command| run(&inner, &setters, &dispatch, command))
        })
    };
    Keeper {
        mode: boot.mode,
        link: (*link).clone(),
        pending: *pending,
        shelf: (*shelf).clone(),
        notice: (*notice).clone(),
        changed_elsewhere: *elsewhere,
        command: (*command).clone(),
    }
}

/// Saves a moment after the last change.
fn schedule(inner: &Shared, setters: &Setters) {
    if inner.borrow().mode == KeepMode::Off {
        return;
    }
    setters.pending.set(true);
    let timer = {
        let inner = Rc::clone(inner);
        let setters = setters.clone();
        Timeout::new(SAVE_DELAY_MS, move || save(&inner, &setters))
    };
    // Replacing the timer cancels the previous one.
    inner.borrow_mut().timer = Some(timer);
}

/// Saves the latest work to storage, then packs it into the link.
fn save(inner: &Shared, setters: &Setters) {
    let Some(text) = save_to_storage_reporting(inner, setters) else {
        if inner.borrow().timer.is_none() {
            setters.pending.set(false);
        }
        return;
    };
    let sequence = {
        let mut me = inner.borrow_mut();
        me.sequence += 1;
        me.sequence
    };
    let inner = Rc::clone(inner);
    let setters = setters.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let packed = deflate(text.as_bytes()).await;
        let mut me = inner.borrow_mut();
        if me.sequence != sequence {
            return;
        }
        let link = match packed {
            Ok(bytes) => pack(&bytes),
            Err(why) => {
                setters.say(
                    NOT_SAVED,
                    Some(format!("the link could not be made: {why}")),
                );
                return;
            }
        };
        // A link that did not open stays in the address bar until the user
        // changes something.
        let url_free = !me.keep_fragment || me.changes > 1;
        if me.write_url() && url_free {
            replace_fragment(&link);
        }
        refresh_shelf(&mut me);
        if let (Some(store), Some(shelf)) = (me.store.clone(), me.shelf.as_mut()) {
            shelf.set_link(shelf.current, &link);
            // The link is only a hint for reloads: a failure to record it
            // loses nothing.
            let _ = store.save_shelf(shelf);
            setters.shelf.set(Some(Rc::new(ShelfView::of(shelf))));
        }
        let idle = me.timer.is_none();
        drop(me);
        setters.link.set(Some(link.into()));
        if idle {
            setters.pending.set(false);
        }
    });
}

/// Writes the latest work to storage when it changed since the last save;
/// returns its text, or `None` when there was nothing new. Reports
/// storage problems.
fn save_to_storage_reporting(inner: &Shared, setters: &Setters) -> Option<String> {
    let mut me = inner.borrow_mut();
    me.timer = None;
    let text = write_snapshot(&me.latest.as_ref()?.snapshot());
    if me.saved.as_deref() == Some(text.as_str()) {
        return None;
    }
    if let (Some(store), Some(shelf)) = (&me.store, &me.shelf) {
        let failed = store.save_workspace(shelf.current, &text).err();
        if failed.is_none() {
            // What another tab saved is replaced now.
            setters.elsewhere.set(false);
        }
        setters.say(NOT_SAVED, failed);
    }
    me.saved = Some(text.clone());
    Some(text)
}

/// Writes pending work to storage at once (the page is going away).
fn save_to_storage(inner: &Shared) {
    let mut me = inner.borrow_mut();
    if me.timer.take().is_none() {
        return;
    }
    let Some(work) = me.latest.as_ref() else {
        return;
    };
    let text = write_snapshot(&work.snapshot());
    if let (Some(store), Some(shelf)) = (&me.store, &me.shelf) {
        // Nothing more can be done while the page unloads.
        let _ = store.save_workspace(shelf.current, &text);
    }
    me.saved = Some(text);
}

/// Replaces the page's fragment without adding to the history.
fn replace_fragment(link: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        // The address bar is a convenience; the work is saved anyway.
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{link}")));
    }
}

/// Carries out a command.
fn run(inner: &Shared, setters: &Setters, dispatch: &Dispatch, command: KeeperCommand) {
    let result = match command {
        KeeperCommand::Flush => {
            if inner.borrow().timer.is_some() {
                save(inner, setters);
            }
            Ok(())
        }
        KeeperCommand::Switch(id) => switch(inner, setters, dispatch, id),
        KeeperCommand::Create(name) => create(inner, setters, dispatch, &name),
        KeeperCommand::Rename(id, name) => {
            with_shelf(inner, setters, |shelf| shelf.rename(id, &name))
        }
        KeeperCommand::Delete(id) => delete(inner, setters, dispatch, id),
        KeeperCommand::LoadFromOtherTab => load_from_other_tab(inner, setters, dispatch),
    };
    if let Err(why) = result {
        setters.say(NOT_CHANGED, Some(why));
    }
}

/// Brings this page's shelf up to date with what other tabs of the
/// playground saved since it was read ([`Shelf::merged`]); a stored shelf
/// that does not read leaves this page's as it is.
fn refresh_shelf(me: &mut Inner) {
    if let (Some(store), Some(mine)) = (&me.store, &me.shelf) {
        let stored = store.shelf().ok().flatten();
        me.shelf = Some(Shelf::merged(stored, mine));
    }
}

/// Another tab saved workspace text under `key`: when it is the open
/// workspace's and its work differs from what this page saved last (the
/// selection aside), the page says so and offers to load it.
fn notice_other_tab_save(inner: &Shared, setters: &Setters, key: &str, text: Option<String>) {
    let me = inner.borrow();
    let Some(shelf) = &me.shelf else {
        return;
    };
    if key != workspace_key(shelf.current) {
        return;
    }
    let Some(text) = text else {
        return;
    };
    let same_work = |saved: &str| match (read_snapshot(saved), read_snapshot(&text)) {
        (Ok(ours), Ok(theirs)) => {
            ours.workspace == theirs.workspace && ours.request == theirs.request
        }
        _ => saved == text,
    };
    if !me.saved.as_deref().is_some_and(same_work) {
        setters.elsewhere.set(true);
    }
}

/// Another tab saved the shelf: the menu lists what it made, renamed or
/// deleted.
fn follow_other_tab(inner: &Shared, setters: &Setters) {
    let mut me = inner.borrow_mut();
    refresh_shelf(&mut me);
    if let Some(shelf) = &me.shelf {
        setters.shelf.set(Some(Rc::new(ShelfView::of(shelf))));
    }
}

/// Changes the shelf, saves it and shows it.
fn with_shelf(
    inner: &Shared,
    setters: &Setters,
    change: impl FnOnce(&mut Shelf) -> Result<(), String>,
) -> Result<(), String> {
    let mut me = inner.borrow_mut();
    let store = me
        .store
        .clone()
        .ok_or("this page does not keep named workspaces")?;
    refresh_shelf(&mut me);
    let shelf = me
        .shelf
        .as_mut()
        .ok_or("this page does not keep named workspaces")?;
    change(shelf)?;
    store.save_shelf(shelf)?;
    setters.shelf.set(Some(Rc::new(ShelfView::of(shelf))));
    setters.notice.set(None);
    Ok(())
}

/// Opens the saved workspace `id` after saving the open one.
fn switch(inner: &Shared, setters: &Setters, dispatch: &Dispatch, id: u32) -> Result<(), String> {
    if inner.borrow().shelf.as_ref().map(|s| s.current) == Some(id) {
        return Ok(());
    }
    save_to_storage(inner);
    open_saved(inner, setters, dispatch, id)
}

/// Restores the saved workspace `id` and makes it the open one.
fn open_saved(
    inner: &Shared,
    setters: &Setters,
    dispatch: &Dispatch,
    id: u32,
) -> Result<(), String> {
    let snapshot = {
        let me = inner.borrow();
        let store = me
            .store
            .as_ref()
            .ok_or("this page does not keep named workspaces")?;
        let name = me
            .shelf
            .as_ref()
            .and_then(|s| s.entry(id))
            .map(|e| e.name.clone())
            .unwrap_or_default();
        match store.workspace(id) {
            // Made but never saved: it starts empty.
            None => State::empty().snapshot(),
            Some(text) => read_snapshot(&text)
                .map_err(|why| format!("the workspace `{name}` could not be read: {why}"))?,
        }
    };
    with_shelf(inner, setters, |shelf| {
        shelf.current = id;
        Ok(())
    })?;
    forget_link(inner, setters);
    dispatch.dispatch(Action::Restore(Rc::new(snapshot)));
    Ok(())
}

/// Another workspace opens: the link shown so far is not its link. The
/// address bar loses it at once (a reload now opens the workspace that is
/// open), and the next save makes the new one.
fn forget_link(inner: &Shared, setters: &Setters) {
    let mut me = inner.borrow_mut();
    me.forget_save();
    if me.write_url()
        && let Some(history) = web_sys::window().and_then(|w| w.history().ok())
    {
        let url = super::page_url()
            + &web_sys::window()
                .and_then(|w| w.location().search().ok())
                .unwrap_or_default();
        // The address bar is a convenience; the work is saved anyway.
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
    setters.link.set(None);
    setters.pending.set(true);
    setters.elsewhere.set(false);
}

/// Makes a new, empty workspace and opens it.
fn create(
    inner: &Shared,
    setters: &Setters,
    dispatch: &Dispatch,
    name: &str,
) -> Result<(), String> {
    save_to_storage(inner);
    with_shelf(inner, setters, |shelf| {
        let id = shelf.add(name);
        shelf.current = id;
        Ok(())
    })?;
    forget_link(inner, setters);
    dispatch.dispatch(Action::Restore(Rc::new(State::empty().snapshot())));
    Ok(())
}

/// Opens the open workspace's latest save, made by another tab; this
/// page's changes not saved yet are dropped.
fn load_from_other_tab(
    inner: &Shared,
    setters: &Setters,
    dispatch: &Dispatch,
) -> Result<(), String> {
    let current = {
        let mut me = inner.borrow_mut();
        me.timer = None;
        me.shelf
            .as_ref()
            .map(|s| s.current)
            .ok_or("this page does not keep named workspaces")?
    };
    open_saved(inner, setters, dispatch, current)
}

/// Deletes workspace `id`; when it was open, its neighbour opens.
fn delete(inner: &Shared, setters: &Setters, dispatch: &Dispatch, id: u32) -> Result<(), String> {
    let was_open = inner.borrow().shelf.as_ref().map(|s| s.current) == Some(id);
    if was_open {
        // Its pending changes go with it.
        inner.borrow_mut().timer = None;
    }
    with_shelf(inner, setters, |shelf| shelf.remove(id))?;
    if let Some(store) = inner.borrow().store.as_ref() {
        store.remove_workspace(id);
    }
    if was_open {
        let current = inner.borrow().shelf.as_ref().map(|s| s.current);
        if let Some(current) = current {
            open_saved(inner, setters, dispatch, current)?;
        }
    }
    Ok(())
}

/// Opens the link now in the page's fragment (pasted into the address
/// bar, or reached with Back): like a link the page opens with, it goes
/// into a workspace of its own after the open one is saved; one that does
/// not open says why and changes nothing.
fn open_pasted_link(inner: &Shared, setters: &Setters, dispatch: &Dispatch) {
    let fragment = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let fragment = fragment.strip_prefix('#').unwrap_or(&fragment).to_owned();
    if fragment.is_empty() {
        return;
    }
    let inner = Rc::clone(inner);
    let setters = setters.clone();
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let snapshot = match open_link(&fragment).await {
            Ok(Some(snapshot)) => snapshot,
            Ok(None) => return,
            Err(why) => {
                setters.notice.set(Some(Rc::new(link_failed(
                    &why,
                    "the workspace that was open",
                ))));
                return;
            }
        };
        save_to_storage(&inner);
        let shelved = with_shelf(&inner, &setters, |shelf| {
            let store = Store::open().ok_or("this page does not keep named workspaces")?;
            let (id, saved) = shelve(&store, shelf, &snapshot);
            shelf.current = id;
            saved
        });
        if let Err(why) = shelved {
            setters.say(NOT_SAVED, Some(why));
        }
        inner.borrow_mut().forget_save();
        dispatch.dispatch(Action::Restore(Rc::new(snapshot)));
    });
}
