//! The IAM Policy Playground web front end: a Yew application around a
//! Monaco policy editor.
//!
//! The binary (`main.rs`) mounts [`App`] on the page's `<body>`; the browser
//! tests mount it into an element of their own.

mod app;
pub mod components;
pub mod seed;

pub use app::App;
