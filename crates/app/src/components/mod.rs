//! The parts of the page, one component per file. They draw the
//! [`State`](crate::state::State) and send [`Action`](crate::state::Action)s
//! through a [`Dispatch`].

mod access_matrix;
mod action_input;
mod aws_policy_picker;
mod confirm_dialog;
mod context_keys;
mod decision_panel;
mod editor_column;
mod entity_details;
mod evaluation_path;
mod export;
mod gallery;
mod gallery_lesson;
mod memberships;
mod name_form;
mod notice;
mod owner_policies;
mod panel;
mod policy_editor;
mod policy_trace;
mod predict;
mod request_panel;
mod resource_input;
mod teaching_nav;
mod top_bar;
mod workspace_panel;

pub use access_matrix::AccessMatrix;
pub use confirm_dialog::ConfirmDialog;
pub use decision_panel::DecisionPanel;
pub use editor_column::EditorColumn;
pub use gallery::Gallery;
pub use gallery_lesson::LessonBar;
pub use notice::Notice;
pub use panel::{Panel, PanelProps};
pub use policy_editor::{
    HighlightKind, PolicyEditor, PolicyEditorProps, Reveal, StatementHighlight,
};
pub use predict::Prediction;
pub use request_panel::RequestPanel;
pub use top_bar::TopBar;
pub use workspace_panel::WorkspacePanel;

/// Sends actions to the playground's state (equal across renders, so it
/// never makes a component draw again by itself).
pub type Dispatch = yew::UseReducerDispatcher<crate::state::State>;
