//! Everything the policy editor does with Monaco, behind the
//! [`PolicyEditor`](super::PolicyEditor) component (the only user of this
//! module).
//!
//! The pure parts read a policy's text and need no browser, so they are
//! tested natively: [`scanner`] (where a cursor is in the JSON), [`place`]
//! (what that means in a policy), [`completion`] and [`describe`] (what to
//! suggest and what to say on hover) and [`hover`]. The rest talks to
//! Monaco: [`session`] owns the editor and its models, [`markers`] and
//! [`decorations`] show diagnostics and statement highlights, and
//! [`providers`] registers the completion and hover providers once for the
//! page.

pub(crate) mod completion;
pub(crate) mod decorations;
pub(crate) mod describe;
pub(crate) mod hover;
pub(crate) mod js;
pub(crate) mod markers;
pub(crate) mod models;
pub(crate) mod place;
pub(crate) mod providers;
pub(crate) mod scanner;
pub(crate) mod session;
pub(crate) mod text;
