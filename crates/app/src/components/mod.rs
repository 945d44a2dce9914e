//! The parts of the page, one component per file.

mod decision_panel;
mod panel;
mod policy_editor;
mod request_panel;
mod top_bar;
mod workspace_panel;

pub use decision_panel::DecisionPanel;
pub use panel::{Panel, PanelProps};
pub use policy_editor::{
    HighlightKind, PolicyEditor, PolicyEditorProps, Reveal, StatementHighlight,
};
pub use request_panel::RequestPanel;
pub use top_bar::TopBar;
pub use workspace_panel::WorkspacePanel;
