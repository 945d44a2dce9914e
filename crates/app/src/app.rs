//! The application: a top bar over three columns (workspace, policy
//! editor, request and decision), all drawn from one [`State`].

use std::rc::Rc;

use iamplay_catalog::{MANAGED_POLICIES_FILE, ManagedPolicies};
use yew::{Html, function_component, html, use_effect_with, use_reducer};

use crate::aws_policies::Loading;
use crate::components::{AccessMatrix, Gallery, LessonBar};
use crate::components::{
    ConfirmDialog, DecisionPanel, Dispatch, EditorColumn, Notice, RequestPanel, TopBar,
    WorkspacePanel,
};
use crate::state::View;
use crate::state::{Action, State};
use crate::teach::lessons::{gallery_cards, is_pristine};

/// The whole playground page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::seed);
    let dispatch = state.dispatcher();
    {
        let wanted = state.aws_wanted && matches!(state.aws.list, Loading::NotLoaded);
        let dispatch = dispatch.clone();
        use_effect_with(wanted, move |wanted| {
            if *wanted {
                fetch_aws_policies(dispatch);
            }
        });
    }
    html! {
        <div class="app">
            <TopBar dispatch={dispatch.clone()} view={state.teaching.view} />
            if let Some(lesson) = state.lesson_view() {
                <LessonBar lesson={Rc::new(lesson)} dispatch={dispatch.clone()} />
            }
            <main class={yew::classes!("columns", (state.teaching.view == View::Matrix).then_some("matrix-view"))}>
                <WorkspacePanel workspace={state.outline()} selected={state.selected.clone()}
                    problems={Rc::clone(&state.problems)} aws={Rc::clone(&state.aws)}
                    dispatch={dispatch.clone()} />
                <EditorColumn editor={state.editor.clone()} reveal={state.reveal}
                    dispatch={dispatch.clone()} />
                if state.teaching.view == View::Matrix {
                    <AccessMatrix matrix={state.teaching.matrix.matrix.clone()}
                        stale={state.teaching.matrix.stale.clone()}
                        patterns={Rc::clone(&state.teaching.matrix.patterns)}
                        unmatched={Rc::clone(&state.teaching.matrix.unmatched)}
                        request={Rc::clone(&state.request)} dispatch={dispatch.clone()} />
                }
                <div class="column inspector-column">
                    <RequestPanel workspace={state.outline()} request={Rc::clone(&state.request)}
                        presets={Rc::clone(&state.presets)} evaluation={Rc::clone(&state.evaluation)}
                        dispatch={dispatch.clone()} />
                    <DecisionPanel evaluation={Rc::clone(&state.evaluation)} prediction={state.prediction()} dispatch={dispatch.clone()} />
                </div>
            </main>
            if let Some(pending) = &state.pending_delete {
                <ConfirmDialog pending={Rc::clone(pending)} dispatch={dispatch.clone()} />
            }
            if state.teaching.gallery_open {
                <Gallery cards={gallery_cards()} current={state.teaching.lesson}
                    keeps_work={!is_pristine(&state.workspace)} dispatch={dispatch.clone()} />
            }
            if let Some(text) = &state.notice {
                <Notice text={Rc::clone(text)} dispatch={dispatch.clone()} />
            }
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
    let response = gloo::net::http::Request::get(url)
        .send()
        .await
        .map_err(|error| error.to_string())?;
    if !response.ok() {
        return Err(format!("`{url}` answered {}", response.status()));
    }
    let text = response.text().await.map_err(|error| error.to_string())?;
    ManagedPolicies::parse(text).map_err(|error| error.to_string())
}
