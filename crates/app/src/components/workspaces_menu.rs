//! The named workspaces kept in this browser: which one is open, switching
//! to another, making, renaming and deleting them, and resetting the open
//! one to the seed scenario. Every change is saved as it is made.

use std::rc::Rc;

use yew::{Callback, Html, KeyboardEvent, Properties, function_component, html, use_state_eq};

use super::Dispatch;
use super::name_form::NameForm;
use crate::persist::{KeeperCommand, ShelfView};
use crate::state::Action;

/// Properties of [`WorkspacesMenu`].
#[derive(Properties, PartialEq)]
pub struct WorkspacesMenuProps {
    /// The named workspaces.
    pub shelf: Rc<ShelfView>,
    /// Asks the keeper to switch, make, rename or delete.
    pub command: Callback<KeeperCommand>,
    /// Sends actions.
    pub dispatch: Dispatch,
}

/// What the menu shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Closed,
    List,
    Naming,
    Renaming,
    ConfirmingDelete,
}

/// A button with the open workspace's name that opens the menu.
#[function_component(WorkspacesMenu)]
pub fn workspaces_menu(props: &WorkspacesMenuProps) -> Html {
    let mode = use_state_eq(|| Mode::Closed);
    let set = |next: Mode| {
        let mode = mode.clone();
        Callback::from(move |_: yew::MouseEvent| mode.set(next))
    };
    let toggle = {
        let mode = mode.clone();
        move |_| {
            mode.set(if *mode == Mode::Closed {
                Mode::List
            } else {
                Mode::Closed
            })
        }
    };
    let onkeydown = {
        let mode = mode.clone();
        move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                mode.set(Mode::Closed);
            }
        }
    };
    let current = props.shelf.current;
    let current_name = props.shelf.current_name().to_owned();
    let command = |make: fn(String) -> KeeperCommand| {
        let command = props.command.clone();
        let mode = mode.clone();
        Callback::from(move |name: String| {
            command.emit(make(name));
            mode.set(Mode::Closed);
        })
    };
    let create = command(KeeperCommand::Create);
    let rename = {
        let command = props.command.clone();
        let mode = mode.clone();
        Callback::from(move |name: String| {
            command.emit(KeeperCommand::Rename(current, name));
            mode.set(Mode::Closed);
        })
    };
    let delete = {
        let command = props.command.clone();
        let mode = mode.clone();
        move |_| {
            command.emit(KeeperCommand::Delete(current));
            mode.set(Mode::Closed);
        }
    };
    let reset = {
        let dispatch = props.dispatch.clone();
        let mode = mode.clone();
        move |_| {
            dispatch.dispatch(Action::LoadSeed);
            mode.set(Mode::Closed);
        }
    };
    let cancel = {
        let mode = mode.clone();
        Callback::from(move |()| mode.set(Mode::List))
    };
    let only_one = props.shelf.items.len() <= 1;
    let body = match *mode {
        Mode::Closed => Html::default(),
        Mode::List => html! {
            <>
                <ul class="menu-list" aria-label="Saved workspaces">
                    { for props.shelf.items.iter().map(|item| {
                        let id = item.id;
                        let is_current = id == current;
                        let onclick = {
                            let command = props.command.clone();
                            let mode = mode.clone();
                            move |_| {
                                command.emit(KeeperCommand::Switch(id));
                                mode.set(Mode::Closed);
                            }
                        };
                        html! {
                            <li>
                                <button class={yew::classes!("menu-item", is_current.then_some("current"))}
                                    aria-current={is_current.then_some("true")} {onclick}
                                    data-testid="workspace-item">
                                    <span class="menu-check" aria-hidden="true">{ if is_current { "✓" } else { "" } }</span>
                                    { item.name.clone() }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
                <div class="menu-actions">
                    <button class="menu-item" onclick={set(Mode::Naming)} data-testid="workspace-new">{ "New workspace…" }</button>
                    <button class="menu-item" onclick={set(Mode::Renaming)} data-testid="workspace-rename">{ "Rename…" }</button>
                    <button class="menu-item" onclick={set(Mode::ConfirmingDelete)} disabled={only_one}
                        title={only_one.then_some("The last workspace cannot be deleted; reset it instead")}
                        data-testid="workspace-delete">{ "Delete…" }</button>
                    <button class="menu-item" onclick={reset} data-testid="workspace-reset">{ "Reset to the seed scenario" }</button>
                </div>
            </>
        },
        Mode::Naming => html! {
            <NameForm label="Name of the new workspace" placeholder="Workspace name" submit="Create" on_submit={create} on_cancel={cancel} />
        },
        Mode::Renaming => html! {
            <NameForm label="New name of the workspace" initial={current_name.clone()} submit="Rename"
                on_submit={rename} on_cancel={cancel} />
        },
        Mode::ConfirmingDelete => html! {
            <div class="menu-confirm" role="group" aria-label="Delete the workspace">
                <p>{ "Delete " }<strong>{ current_name.clone() }</strong>{ " from this browser? This cannot be undone." }</p>
                <div class="row-buttons">
                    <button class="button small" onclick={set(Mode::List)}>{ "Cancel" }</button>
                    <button class="button small danger" onclick={delete} data-testid="workspace-delete-confirm">{ "Delete" }</button>
                </div>
            </div>
        },
    };
    let open = *mode != Mode::Closed;
    html! {
        <div class="menu" {onkeydown}>
            <button class="button small menu-button" onclick={toggle} aria-haspopup="true"
                aria-expanded={open.to_string()} data-testid="workspaces"
                title="Workspaces saved in this browser">
                <span class="menu-label">{ "Workspace:" }</span>
                <span class="menu-value" data-testid="workspace-name">{ current_name }</span>
                <span aria-hidden="true">{ "▾" }</span>
            </button>
            if open {
                <div class="menu-popover" data-testid="workspaces-menu">{ body }</div>
            }
        </div>
    }
}
