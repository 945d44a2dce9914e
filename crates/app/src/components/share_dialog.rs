//! "Share": the link that opens this workspace and request anywhere, and
//! the `<iframe>` code that embeds them in a documentation page, each with
//! a copy button.

use std::rc::Rc;

use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlElement;
use yew::{
    AttrValue, Callback, Html, KeyboardEvent, Properties, UseStateHandle, function_component, html,
    use_effect_with, use_node_ref, use_state, use_state_eq,
};

use crate::embed::{EmbedOptions, EmbedPanel, embed_url, iframe_code};
use crate::persist::{Keeper, KeeperCommand, page_url};

/// Properties of [`ShareButton`].
#[derive(Properties, PartialEq)]
pub struct ShareButtonProps {
    /// The keeper, for the link.
    pub keeper: Keeper,
    /// The workspace's name, for the embed's title.
    #[prop_or_default]
    pub title: AttrValue,
}

/// The "Share" button and its dialog.
#[function_component(ShareButton)]
pub fn share_button(props: &ShareButtonProps) -> Html {
    let open = use_state_eq(|| false);
    let toggle = {
        let open = open.clone();
        let command = props.keeper.command.clone();
        Callback::from(move |_| {
            if !*open {
                command.emit(KeeperCommand::Flush);
            }
            open.set(!*open);
        })
    };
    let close = {
        let open = open.clone();
        Callback::from(move |()| open.set(false))
    };
    html! {
        <>
            <button class="button small primary" onclick={toggle} data-testid="share"
                aria-haspopup="dialog" aria-expanded={open.to_string()}>
                { "Share" }
            </button>
            if *open {
                <ShareDialog keeper={props.keeper.clone()} title={props.title.clone()} on_close={close} />
            }
        </>
    }
}

/// Properties of [`ShareDialog`].
#[derive(Properties, PartialEq)]
struct ShareDialogProps {
    keeper: Keeper,
    title: AttrValue,
    on_close: Callback<()>,
}

/// What a copy button last did.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Copied {
    No,
    Yes,
    Failed,
}

/// The dialog: link, embed options, embed code.
#[function_component(ShareDialog)]
fn share_dialog(props: &ShareDialogProps) -> Html {
    let options = use_state(EmbedOptions::default);
    let link_copied = use_state_eq(|| Copied::No);
    let code_copied = use_state_eq(|| Copied::No);
    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with((), move |()| {
            if let Some(element) = first.cast::<HtmlElement>() {
                // Moving the focus into the dialog is a convenience.
                let _ = element.focus();
            }
        });
    }
    let ready = props.keeper.link.as_ref().filter(|_| !props.keeper.pending);
    let base = page_url();
    let link = ready.map(|fragment| format!("{base}#{fragment}"));
    let code = ready.map(|fragment| {
        let title = if props.title.is_empty() {
            "IAM Policy Playground".to_owned()
        } else {
            format!("IAM Policy Playground: {}", props.title)
        };
        iframe_code(&embed_url(&base, &options, fragment), &title)
    });
    let onkeydown = {
        let on_close = props.on_close.clone();
        move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                on_close.emit(());
            }
        }
    };
    let toggle = |panel: EmbedPanel, label: &'static str| {
        let shown = options.shows(panel);
        let onchange = {
            let options = options.clone();
            let code_copied = code_copied.clone();
            move |_| {
                options.set((*options).clone().with_panel(panel, !shown));
                code_copied.set(Copied::No);
            }
        };
        html! {
            <label class="check">
                <input type="checkbox" checked={shown} {onchange}
                    data-testid={format!("embed-show-{}", panel.name())} />
                { label }
            </label>
        }
    };
    let read_only = {
        let options = options.clone();
        let code_copied = code_copied.clone();
        move |_| {
            let mut next = (*options).clone();
            next.read_only = !next.read_only;
            options.set(next);
            code_copied.set(Copied::No);
        }
    };
    let close = props.on_close.reform(|_| ());
    html! {
        <div class="modal-backdrop" {onkeydown}>
            <div class="modal share-dialog" role="dialog" aria-modal="true"
                aria-labelledby="share-title" data-testid="share-dialog">
                <h2 id="share-title" class="modal-title">{ "Share this workspace" }</h2>
                <p class="hint">
                    { "The link carries the whole workspace and the request; nothing is uploaded. It opens the same policies, request and decision anywhere." }
                </p>
                <label class="field-label" for="share-link">{ "Link" }</label>
                <div class="copy-row">
                    <input id="share-link" ref={first} class="text-input mono" readonly=true
                        value={link.clone().unwrap_or_default()} placeholder="Making the link…"
                        data-testid="share-link" onfocus={select_all()} />
                    { copy_button("Copy link", link, &link_copied, "copy-link") }
                </div>
                <h3 class="group-title">{ "Embed in a page" }</h3>
                <div class="embed-options" role="group" aria-label="What the embed shows">
                    { toggle(EmbedPanel::Workspace, "Policy tabs") }
                    { toggle(EmbedPanel::Editor, "Editor") }
                    { toggle(EmbedPanel::Request, "Request") }
                    { toggle(EmbedPanel::Decision, "Decision") }
                    <label class="check">
                        <input type="checkbox" checked={options.read_only} onchange={read_only}
                            data-testid="embed-read-only" />
                        { "Read-only editor" }
                    </label>
                </div>
                <label class="field-label" for="embed-code">{ "Embed code" }</label>
                <textarea id="embed-code" class="text-input mono embed-code" readonly=true rows="4"
                    value={code.clone().unwrap_or_default()} data-testid="embed-code"
                    onfocus={select_all()} />
                <div class="modal-actions">
                    { copy_button("Copy embed code", code, &code_copied, "copy-embed-code") }
                    <button class="button" onclick={close}>{ "Close" }</button>
                </div>
            </div>
        </div>
    }
}

/// Selects the whole text of the input or text area that gets the focus.
fn select_all() -> Callback<yew::FocusEvent> {
    Callback::from(|event: yew::FocusEvent| {
        use yew::TargetCast;
        if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
            input.select();
        } else if let Some(area) = event.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
            area.select();
        }
    })
}

/// A button that copies `text` to the clipboard and says whether it did.
fn copy_button(
    label: &'static str,
    text: Option<String>,
    copied: &UseStateHandle<Copied>,
    test_id: &'static str,
) -> Html {
    let disabled = text.is_none();
    let onclick = {
        let copied = copied.clone();
        move |_| {
            let Some(text) = text.clone() else {
                return;
            };
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let done = match web_sys::window() {
                    Some(window) => {
                        let promise = window.navigator().clipboard().write_text(&text);
                        JsFuture::from(promise).await.is_ok()
                    }
                    None => false,
                };
                copied.set(if done { Copied::Yes } else { Copied::Failed });
            });
        }
    };
    let status: Rc<str> = match **copied {
        Copied::No => "".into(),
        Copied::Yes => "Copied".into(),
        Copied::Failed => "Could not copy: select the text and copy it".into(),
    };
    html! {
        <span class="copy-control">
            <button class="button small" {onclick} {disabled} data-testid={test_id}>{ label }</button>
            <span class="copy-status" role="status" data-testid={format!("{test_id}-status")}>{ status.to_string() }</span>
        </span>
    }
}
