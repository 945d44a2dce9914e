//! The parts of the page, one component per file. They draw the
//! [`State`](crate::state::State) and send [`Action`](crate::state::Action)s
//! through a [`Dispatch`].

mod access_matrix;
mod action_input;
mod aws_policy_picker;
mod change_impact;
mod confirm_dialog;
mod context_keys;
mod counterfactuals;
mod decision_panel;
mod editor_column;
mod editor_loader;
mod embed_view;
mod endpoint_form;
mod entity_details;
mod evaluation_path;
mod export;
mod gallery;
mod gallery_lesson;
mod import_drop_zone;
mod import_export;
mod import_report;
mod keep_notices;
mod memberships;
mod name_form;
mod notice;
mod own_work;
mod owner_policies;
mod panel;
mod policy_editor;
mod policy_text;
mod policy_trace;
mod predict;
mod problems_list;
mod request_findings;
mod request_panel;
mod resource_input;
mod share_dialog;
mod skip_link;
mod teaching_nav;
mod top_bar;
mod workspace_panel;
mod workspaces_menu;

pub use access_matrix::AccessMatrix;
pub use confirm_dialog::ConfirmDialog;
pub use decision_panel::DecisionPanel;
pub use editor_column::EditorColumn;
pub use embed_view::EmbedView;
pub use gallery::{Gallery, lesson_loader};
pub use gallery_lesson::LessonBar;
pub use import_drop_zone::ImportDropZone;
pub use import_export::ExportButton;
pub use import_report::ImportReportDialog;
pub use keep_notices::KeepNotices;
pub use notice::Notice;
pub use own_work::WorkspaceOpener;
pub use panel::{Panel, PanelProps};
pub use policy_editor::{PolicyEditor, PolicyEditorProps};
pub use request_panel::RequestPanel;
pub use share_dialog::ShareButton;
pub use skip_link::SkipLink;
pub use top_bar::TopBar;
pub use workspace_panel::WorkspacePanel;
pub use workspaces_menu::WorkspacesMenu;

pub use crate::state::{HighlightKind, Prediction, Reveal, StatementHighlight};

/// Sends actions to the playground's state (equal across renders, so it
/// never makes a component draw again by itself).
pub type Dispatch = yew::UseReducerDispatcher<crate::state::State>;
