//! The IAM Policy Playground web front end: a Yew application around a
//! Monaco policy editor.
//!
//! The binary (`main.rs`) mounts [`App`] on the page's `<body>`; the browser
//! tests mount it into an element of their own. [`state`] holds everything
//! the page shows and is tested natively; the components only draw it and
//! send [`state::Action`]s.

mod app;
pub mod aws_policies;
pub mod catalog_hints;
pub mod components;
pub mod embed;
pub mod persist;
pub mod seed;
pub mod service_data;
pub mod state;
pub mod teach;

pub use app::{App, AppProps};
