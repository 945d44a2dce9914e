//! The application: a top bar over three columns (workspace, policy
//! editor, request and decision), all drawn from one [`State`].

use std::rc::Rc;

use iamplay_catalog::{MANAGED_POLICIES_FILE, ManagedPolicies, SERVICES_FILE};
use wasm_bindgen::JsCast;
use yew::{Html, Properties, function_component, html, use_effect_with, use_reducer, use_state};

use crate::aws_policies::Loading;
use crate::components::{AccessMatrix, Gallery, LessonBar, lesson_loader};
use crate::components::{
    ConfirmDialog, DecisionPanel, Dispatch, EditorColumn, EmbedView, ExportButton, ImportDropZone,
    ImportReportDialog, KeepNotices, Notice, RequestPanel, ShareButton, SkipLink, TopBar,
    WorkspaceOpener, WorkspacePanel, WorkspacesMenu,
};
use crate::persist::{Boot, use_keeper};
use crate::service_data::ServiceData;
use crate::state::Action;
use crate::state::View;
use crate::state::lessons::{gallery_cards, is_pristine};

/// Properties of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// What the page opens on (`persist::boot`); without it, the seed
    /// scenario with nothing kept.
    #[prop_or_default]
    pub boot: Option<Rc<Boot>>,
}

/// The whole playground page.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let boot = use_state(|| props.boot.clone().unwrap_or_else(|| Rc::new(Boot::off())));
    let state = use_reducer(|| boot.initial_state());
    let dispatch = state.dispatcher();
    let keeper = use_keeper(&state, &dispatch, &boot);
    let notices = use_state(|| Rc::new(boot.notices.clone()));
    {
        let wanted = state.aws_wanted && matches!(state.aws.list, Loading::NotLoaded);
        let dispatch = dispatch.clone();
        use_effect_with(wanted, move |wanted| {
            if *wanted {
                fetch_aws_policies(dispatch);
            }
        });
    }
    {
        // Once, after the first decision is on screen (the page's and each
        // embed's): the service data is not in the `.wasm`.
        let waiting = state.services == ServiceData::Loading;
        let dispatch = dispatch.clone();
        use_effect_with((), move |()| {
            if waiting {
                fetch_services_after_paint(dispatch);
            }
        });
    }
    if let Some(options) = &boot.embed {
        return html! {
            <EmbedView options={Rc::new(options.clone())} workspace={state.outline()} opened={state.opened}
                editor={state.editor.clone()} reveal={state.reveal} request={Rc::clone(&state.request)}
                presets={Rc::clone(&state.presets)} evaluation={Rc::clone(&state.evaluation)}
                prediction={state.prediction()}
                link={keeper.link.clone()} notices={Rc::clone(&notices)} dispatch={dispatch.clone()}
                services={state.services.clone()} />
        };
    }
    let workspace_name = keeper
        .shelf
        .as_ref()
        .map(|shelf| shelf.current_name().to_owned())
        .or_else(|| state.workspace.name.clone())
        .unwrap_or_default();
    let opener = WorkspaceOpener {
        keeper: keeper.shelf.is_some().then(|| keeper.command.clone()),
        workspace: Rc::clone(&state.workspace),
        dispatch: dispatch.clone(),
    };
    let load_lesson = lesson_loader(&opener);
    html! {
        <div class="app">
            <SkipLink />
            <TopBar dispatch={dispatch.clone()} opener={opener.clone()} view={state.teaching.view}>
                if let Some(shelf) = &keeper.shelf {
                    <WorkspacesMenu shelf={Rc::clone(shelf)} command={keeper.command.clone()}
                        dispatch={dispatch.clone()} />
                }
                <ExportButton workspace={state.outline()} name={workspace_name.clone()} />
                <ShareButton keeper={keeper.clone()}
                    title={state.workspace.name.clone().unwrap_or(workspace_name)} />
            </TopBar>
            <KeepNotices notices={Rc::clone(&notices)} notice={keeper.notice.clone()}
                changed_elsewhere={keeper.changed_elsewhere} command={keeper.command.clone()} />
            if let Some(lesson) = state.lesson_view() {
                <LessonBar lesson={Rc::new(lesson)} load={load_lesson.clone()} dispatch={dispatch.clone()} />
            }
            <main class={yew::classes!("columns", (state.teaching.view == View::Matrix).then_some("matrix-view"))}>
                <WorkspacePanel workspace={state.outline()} selected={state.selected.clone()}
                    problems={Rc::clone(&state.problems)} aws={Rc::clone(&state.aws)}
                    dispatch={dispatch.clone()} />
                <EditorColumn editor={state.editor.clone()} opened={state.opened} reveal={state.reveal}
                    problems_list=true problem_counts={state.problem_counts}
                    request_problems={state.evaluation.findings.len()}
                    problems={state.problems_panel.clone()} dispatch={dispatch.clone()} />
                if state.teaching.view == View::Matrix {
                    <AccessMatrix matrix={state.teaching.matrix.matrix.clone()}
                        stale={state.teaching.matrix.stale.clone()}
                        patterns={Rc::clone(&state.teaching.matrix.patterns)}
                        unmatched={Rc::clone(&state.teaching.matrix.unmatched)}
                        request={Rc::clone(&state.request)} baseline={Rc::clone(&state.baseline)}
                        services={state.services.clone()} dispatch={dispatch.clone()} />
                }
                <div class="column inspector-column" id="request-column">
                    <RequestPanel workspace={state.outline()} request={Rc::clone(&state.request)}
                        presets={Rc::clone(&state.presets)} evaluation={Rc::clone(&state.evaluation)}
                        dispatch={dispatch.clone()} services_ready={state.services == ServiceData::Ready} />
                    <DecisionPanel evaluation={Rc::clone(&state.evaluation)} prediction={state.prediction()}
                        what_would_change={Rc::clone(&state.counterfactuals)} baseline={Rc::clone(&state.baseline)}
                        split=true dispatch={dispatch.clone()} />
                </div>
            </main>
            if let Some(pending) = &state.pending_delete {
                <ConfirmDialog pending={Rc::clone(pending)} dispatch={dispatch.clone()} />
            }
            if state.teaching.gallery_open {
                <Gallery cards={gallery_cards()} current={state.teaching.lesson}
                    keeps_work={!is_pristine(&state.workspace)} shelf={keeper.shelf.is_some()}
                    load={load_lesson} dispatch={dispatch.clone()} />
            }
            if let Some(text) = &state.notice {
                <Notice text={Rc::clone(text)} dispatch={dispatch.clone()} />
            }
            if let Some(report) = &state.import_report {
                <ImportReportDialog report={Rc::clone(report)} dispatch={dispatch.clone()} />
            }
            <ImportDropZone {opener} />
        </div>
    }
}

/// Fetches the AWS managed policy list that trunk copies next to the page
/// (`managed-policies.txt`) and hands it to the state.
fn fetch_aws_policies(dispatch: Dispatch) {
    dispatch.dispatch(Action::AwsPoliciesLoading);
    wasm_bindgen_futures::spawn_local(async move {
        let action = match load(MANAGED_POLICIES_FILE).await {
            Ok(list) => Action::AwsPoliciesLoaded(Rc::new(list)),
            Err(why) => Action::AwsPoliciesFailed(why),
        };
        dispatch.dispatch(action);
    });
}

/// Fetches and parses the list.
async fn load(url: &str) -> Result<ManagedPolicies, String> {
    let text = fetch_text(url).await?;
    ManagedPolicies::parse(text).map_err(|error| error.to_string())
}

/// Fetches AWS's service data that trunk copies next to the page
/// (`services.txt`) once the page has painted its first decision and has
/// nothing else to do, installs it in the catalog (when idle again: parsing
/// it takes the main thread for a while, which a page of several embeds
/// shares) and tells the state, which lints again. The page's root element
/// then says how it went (`data-services="ready"` or `"failed"`), for
/// scripts and tests that wait for the data.
fn fetch_services_after_paint(dispatch: Dispatch) {
    wasm_bindgen_futures::spawn_local(async move {
        when_idle().await;
        let installed = match fetch_text(SERVICES_FILE).await {
            Ok(text) => {
                when_idle().await;
                iamplay_catalog::install_services(text).map_err(|error| error.to_string())
            }
            Err(why) => Err(why),
        };
        let outcome = if installed.is_ok() { "ready" } else { "failed" };
        dispatch.dispatch(match installed {
            Ok(()) => Action::ServicesArrived,
            Err(why) => Action::ServicesFailed(why),
        });
        if let Some(root) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
        {
            let _ = root.set_attribute("data-services", outcome);
        }
    });
}

/// The longest [`when_idle`] waits for the page to be idle.
const IDLE_TIMEOUT_MS: u32 = 2000;

/// Resolves when the browser next has an idle period (after the frame
/// being drawn), or after [`IDLE_TIMEOUT_MS`] if the page stays busy.
async fn when_idle() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(IDLE_TIMEOUT_MS);
        let asked = web_sys::window().map(|window| {
            window.request_idle_callback_with_options(resolve.unchecked_ref(), &options)
        });
        if !matches!(asked, Some(Ok(_))) {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The text of the file at `url`, next to the page.
async fn fetch_text(url: &str) -> Result<String, String> {
    let response = gloo::net::http::Request::get(url)
        .send()
        .await
        .map_err(|error| error.to_string())?;
    if !response.ok() {
        return Err(format!("`{url}` answered {}", response.status()));
    }
    response.text().await.map_err(|error| error.to_string())
}
