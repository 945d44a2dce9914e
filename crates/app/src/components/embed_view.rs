//! The embed (`?embed`): a compact widget for documentation pages. A thin
//! bar with the workspace's name and "Open in playground", then the
//! editor (with tabs for the workspace's policies) beside the request and
//! the decision, each of which the embed's options may leave out.
//!
//! An embed is light: its policy shows as highlighted text, and Monaco
//! loads only when the reader focuses or clicks it to edit (never in a
//! read-only embed). The page's title is the workspace's name, as the bar
//! says.

use std::rc::Rc;

use iamplay_core::workspace::Workspace;
use iamplay_core::workspace::managed::aws_arn;
use yew::{Html, Properties, function_component, html, use_effect_with, use_state};

use super::keep_notices::KeepNotices;
use super::{DecisionPanel, Dispatch, EditorColumn, RequestPanel, Reveal};
use crate::embed::{EmbedOptions, EmbedPanel};
use crate::persist::{BootNotice, page_url};
use crate::service_data::ServiceData;
use crate::state::{
    Action, DocumentRef, EditorView, EntityRef, Evaluation, Outline, Owner, Prediction, Preset,
    RequestDraft,
};

/// Properties of [`EmbedView`].
#[derive(Properties, PartialEq)]
pub struct EmbedViewProps {
    /// What the embed shows.
    pub options: Rc<EmbedOptions>,
    /// The workspace's entities.
    pub workspace: Outline,
    /// The open document.
    pub editor: Option<Rc<EditorView>>,
    /// Which workspace opened in the page the document belongs to
    /// ([`State::opened`](crate::state::State::opened)).
    pub opened: u64,
    /// The latest request to show a statement.
    pub reveal: Option<Reveal>,
    /// The request.
    pub request: Rc<RequestDraft>,
    /// The presets.
    pub presets: Rc<Vec<Preset>>,
    /// The latest evaluation.
    pub evaluation: Rc<Evaluation>,
    /// Predict-then-reveal: the decision panel's "Predict first" switch
    /// works in an embed as on the full page (a documentation page can
    /// ask its readers to guess first).
    pub prediction: Prediction,
    /// The link of the work on screen (fragment without `#`), once made.
    pub link: Option<Rc<str>>,
    /// Messages from opening the embed.
    pub notices: Rc<Vec<BootNotice>>,
    /// Sends actions.
    pub dispatch: Dispatch,
    /// Where AWS's service data stands (the request's action hint and the
    /// findings that need it come from it; a failed load is said).
    #[prop_or(ServiceData::Loading)]
    pub services: ServiceData,
}

/// The embed.
#[function_component(EmbedView)]
pub fn embed_view(props: &EmbedViewProps) -> Html {
    let options = &props.options;
    let workspace = &props.workspace.workspace;
    let title = workspace
        .name
        .clone()
        .unwrap_or_else(|| "IAM policy example".to_owned());
    use_effect_with(title.clone(), |title| {
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            document.set_title(title);
        }
    });
    let open_href = props
        .link
        .as_ref()
        .map(|link| format!("{}#{link}", page_url()));
    let shows = |panel| options.shows(panel);
    let inspector = shows(EmbedPanel::Request) || shows(EmbedPanel::Decision);
    let body_class = yew::classes!(
        "embed-body",
        (!shows(EmbedPanel::Editor)).then_some("no-editor"),
        (!inspector).then_some("no-inspector"),
    );
    // Decided once, when the embed opens, so that the panel does not
    // rearrange itself under the reader's pointer as keys come and go.
    let keys_first = *use_state(|| asks_for_keys(&props.request, &props.evaluation));
    html! {
        <div class={yew::classes!("app", "embed", keys_first.then_some("keys-first"))} data-testid="embed">
            <header class="embed-bar">
                <svg class="brand-mark small" viewBox="0 0 32 32" aria-hidden="true">
                    <rect width="32" height="32" rx="7" fill="#2f6feb" />
                    <path d="M16 5.5 25 9v6.2c0 5.6-3.8 9.9-9 11.3-5.2-1.4-9-5.7-9-11.3V9z" fill="#fff" />
                </svg>
                <span class="embed-title" data-testid="embed-title">{ title }</span>
                if options.read_only {
                    <span class="tag muted">{ "read-only" }</span>
                }
                <a class="embed-open" href={open_href.clone().unwrap_or_else(page_url)}
                    target="_blank" rel="noopener" data-testid="open-in-playground"
                    aria-disabled={open_href.is_none().then_some("true")}>
                    { "Open in playground ↗" }
                </a>
            </header>
            <KeepNotices notices={Rc::clone(&props.notices)} />
            if let Some((note, why)) = services_note(&props.services) {
                <p class="embed-note" role="status" data-testid="services-failed" title={why}>{ note }</p>
            }
            <main class={body_class}>
                if shows(EmbedPanel::Editor) {
                    <div class="embed-editor">
                        if shows(EmbedPanel::Workspace) {
                            { tabs(workspace, props.editor.as_deref(), &props.dispatch) }
                        }
                        <EditorColumn editor={props.editor.clone()} opened={props.opened} reveal={props.reveal}
                            read_only={options.read_only} defer_editor=true dispatch={props.dispatch.clone()} />
                    </div>
                }
                if inspector {
                    <div class="column inspector-column embed-inspector">
                        if shows(EmbedPanel::Request) {
                            <RequestPanel workspace={props.workspace.clone()} request={Rc::clone(&props.request)}
                                presets={Rc::clone(&props.presets)} evaluation={Rc::clone(&props.evaluation)}
                                dispatch={props.dispatch.clone()} services_ready={props.services == ServiceData::Ready} />
                        }
                        if shows(EmbedPanel::Decision) {
                            <DecisionPanel evaluation={Rc::clone(&props.evaluation)}
                                prediction={props.prediction.clone()} dispatch={props.dispatch.clone()} />
                        }
                    </div>
                }
            </main>
        </div>
    }
}

/// The embed's one line about AWS's service data when it could not be
/// loaded (the full page says it in a notice): what is missing, and why
/// (for the line's tooltip). Nothing while it loads or once it is there.
fn services_note(services: &ServiceData) -> Option<(&'static str, String)> {
    match services {
        ServiceData::Failed(why) => Some((
            "AWS's service data did not load: action hints and the findings that need it are missing.",
            format!("AWS's service data could not be loaded: {why}"),
        )),
        ServiceData::Loading | ServiceData::Ready => None,
    }
}

/// A tab for each document of the workspace; the open one is current.
fn tabs(workspace: &Workspace, editor: Option<&EditorView>, dispatch: &Dispatch) -> Html {
    let documents = documents(workspace);
    if documents.len() < 2 {
        return Html::default();
    }
    let open = editor.map(|e| &e.document);
    html! {
        <nav class="embed-tabs" aria-label="Policies">
            { for documents.into_iter().map(|document| {
                let current = open == Some(&document);
                let label = document.name().to_owned();
                let onclick = {
                    let dispatch = dispatch.clone();
                    let document = document.clone();
                    move |_| dispatch.dispatch(Action::Select(EntityRef::Document(document.clone())))
                };
                html! {
                    <button class={yew::classes!("embed-tab", current.then_some("current"))}
                        aria-current={current.then_some("page")} title={document.kind_label()}
                        {onclick} data-testid="embed-tab">
                        { label }
                    </button>
                }
            }) }
        </nav>
    }
}

/// The documents of the workspace: customer managed, AWS managed it
/// carries, then inline ones.
fn documents(workspace: &Workspace) -> Vec<DocumentRef> {
    let mut found: Vec<DocumentRef> = workspace
        .policies
        .iter()
        .map(|p| DocumentRef::Customer(p.name.clone()))
        .collect();
    found.extend(
        workspace
            .aws_managed_policies
            .iter()
            .map(|p| DocumentRef::Aws(aws_arn(p))),
    );
    let owners = workspace
        .groups
        .iter()
        .map(|g| (Owner::Group(g.name.clone()), &g.inline_policies))
        .chain(
            workspace
                .users
                .iter()
                .map(|u| (Owner::User(u.name.clone()), &u.inline_policies)),
        )
        .chain(
            workspace
                .roles
                .iter()
                .map(|r| (Owner::Role(r.name.clone()), &r.inline_policies)),
        );
    for (owner, policies) in owners {
        found.extend(
            policies
                .iter()
                .map(|p| DocumentRef::Inline(owner.clone(), p.name.clone())),
        );
    }
    found
}

/// Whether the compact request panel opens on its context keys (the MFA
/// switch, the keys the conditions ask for) rather than on the principal,
/// action and resource: when the request carries context keys or the
/// policies' conditions ask for keys it lacks, as in the seed scenario. A
/// policy without conditions opens on what it is asked (its action).
fn asks_for_keys(request: &RequestDraft, evaluation: &Evaluation) -> bool {
    !request.context.is_empty()
        || evaluation
            .response
            .as_ref()
            .is_some_and(|response| !response.missing_context_keys.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_load_of_the_service_data_is_one_short_line() {
        assert_eq!(services_note(&ServiceData::Loading), None);
        assert_eq!(services_note(&ServiceData::Ready), None);
        let (note, why) = services_note(&ServiceData::Failed("`services.txt` answered 404".into()))
            .expect("a note");
        assert!(note.len() < 100, "short: {note}");
        assert!(note.contains("action hints"), "{note}");
        assert!(why.ends_with("`services.txt` answered 404"), "{why}");
    }
}
