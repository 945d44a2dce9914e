//! Messages about keeping work: a link that could not be opened (and what
//! is shown instead), saved workspaces that could not be read, storage
//! that is full, changes another tab saved to the open workspace. Each
//! can be dismissed; none stops the page from working.

use std::rc::Rc;

use yew::{Callback, Html, Properties, function_component, html, use_state_eq};

use super::confirm_dialog::code_spans;
use crate::persist::{BootNotice, KeeperCommand};

/// Properties of [`KeepNotices`].
#[derive(Properties, PartialEq)]
pub struct KeepNoticesProps {
    /// The messages of the page's opening.
    pub notices: Rc<Vec<BootNotice>>,
    /// What went wrong the last time work was kept or a link opened.
    #[prop_or_default]
    pub notice: Option<Rc<BootNotice>>,
    /// Whether another tab saved changes to the open workspace that the
    /// page does not show.
    #[prop_or_default]
    pub changed_elsewhere: bool,
    /// Asks the keeper to load them.
    #[prop_or_default]
    pub command: Option<Callback<KeeperCommand>>,
}

/// The messages, stacked above the page's columns.
#[function_component(KeepNotices)]
pub fn keep_notices(props: &KeepNoticesProps) -> Html {
    let dismissed = use_state_eq(Vec::<usize>::new);
    let notice_dismissed = use_state_eq(|| None::<Rc<BootNotice>>);
    let shown: Vec<(usize, &BootNotice)> = props
        .notices
        .iter()
        .enumerate()
        .filter(|(i, _)| !dismissed.contains(i))
        .collect();
    let notice = props
        .notice
        .clone()
        .filter(|n| !notice_dismissed.as_ref().is_some_and(|d| Rc::ptr_eq(d, n)));
    let elsewhere = props
        .changed_elsewhere
        .then(|| props.command.clone())
        .flatten();
    if shown.is_empty() && notice.is_none() && elsewhere.is_none() {
        return Html::default();
    }
    html! {
        <div class="keep-notices">
            { for shown.into_iter().map(|(index, notice)| {
                let dismiss = {
                    let dismissed = dismissed.clone();
                    move |_| {
                        let mut next = (*dismissed).clone();
                        next.push(index);
                        dismissed.set(next);
                    }
                };
                html! {
                    <div class="keep-notice" role="alert" data-testid="link-notice">
                        <div>
                            <strong class="keep-notice-title">{ notice.title.clone() }</strong>{ " " }
                            <span class="keep-notice-detail">{ code_spans(&notice.detail) }</span>
                        </div>
                        <button class="icon-button" aria-label="Dismiss" onclick={dismiss}>{ "×" }</button>
                    </div>
                }
            }) }
            if let Some(command) = elsewhere {
                <div class="keep-notice" role="alert" data-testid="other-tab-notice">
                    <div>
                        <strong class="keep-notice-title">{ "This workspace was changed in another tab." }</strong>{ " " }
                        <span class="keep-notice-detail">
                            { "Load those changes, or go on here: your next change replaces them." }
                        </span>
                    </div>
                    <button class="button small" data-testid="load-other-tab"
                        onclick={move |_| command.emit(KeeperCommand::LoadFromOtherTab)}>
                        { "Load their changes" }
                    </button>
                </div>
            }
            if let Some(notice) = notice {
                <div class="keep-notice" role="alert" data-testid="keep-notice">
                    <div>
                        <strong class="keep-notice-title">{ notice.title.clone() }</strong>{ " " }
                        <span class="keep-notice-detail">{ code_spans(&notice.detail) }</span>
                    </div>
                    <button class="icon-button" aria-label="Dismiss"
                        onclick={move |_| notice_dismissed.set(Some(Rc::clone(&notice)))}>{ "×" }</button>
                </div>
            }
        </div>
    }
}
