//! The application shell: a top bar over three columns (workspace, policy
//! editor, request and decision).

use yew::{Html, function_component, html};

use crate::components::{DecisionPanel, PolicyEditor, RequestPanel, TopBar, WorkspacePanel};
use crate::seed::{SEED_POLICY_DOCUMENT, SEED_POLICY_NAME};

/// The whole playground page.
#[function_component(App)]
pub fn app() -> Html {
    html! {
        <div class="app">
            <TopBar />
            <main class="columns">
                <WorkspacePanel />
                <section class="column editor-column" aria-label="Policy editor">
                    <header class="editor-header">
                        <span class="editor-tab" aria-current="page">{ SEED_POLICY_NAME }</span>
                        <span class="editor-kind">{ "Customer managed policy · JSON" }</span>
                    </header>
                    <PolicyEditor document_key="seed" text={SEED_POLICY_DOCUMENT} />
                </section>
                <div class="column inspector-column">
                    <RequestPanel />
                    <DecisionPanel />
                </div>
            </main>
        </div>
    }
}
