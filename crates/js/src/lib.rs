//! The JavaScript API of the IAM Policy Playground evaluator, built with
//! wasm-bindgen into an ES module (`cargo xtask js`).
//!
//! Every function returns a plain object and never throws, whatever it is
//! given: a problem comes back as `{ ok: false, problems }`, each problem
//! with a message, a line and a column.
//!
//! ```js
//! import init, { evaluate } from "./iamplay.js";
//! await init();
//! const result = evaluate(workspace, { principal: "mfa-user-1", action: "ec2:DescribeInstances" });
//! if (result.ok) console.log(result.decision, result.summary);
//! ```
//!
//! - [`Workspace`]: a workspace loaded once (`Workspace.load`), to ask
//!   many requests of (`evaluate`, `explain`, and `authorize` for the
//!   decision alone), edit one document at a time (`setDocument`), and
//!   list its problems (`diagnostics`) and documents (`documents`);
//!   `free()` releases it.
//! - [`validate`]: every problem of one policy document.
//! - [`evaluate`]: the decision on a request, its summary and the
//!   statements that decided it, in one call (a handle loaded and asked
//!   once).
//! - [`explain`]: the full response, with the trace of every statement.
//! - [`expand_action`] (`expandAction`): the actions a pattern matches
//!   (the build with the catalog only).
//! - [`import_file`] (`importFile`): a CloudFormation template, a
//!   Terraform plan, `get-account-authorization-details` output or a
//!   workspace file read into a workspace (the build with the catalog
//!   only).
//! - [`version`]: the library's version.

mod ask;
mod evaluate;
mod expand;
mod import;
mod input;
mod json;
mod managed;
mod output;
mod problem;
mod types;
mod validate;
mod wire;
mod workspace;

pub use evaluate::{evaluate, explain};
pub use expand::expand_action;
pub use validate::validate;
pub use workspace::Workspace;

use wasm_bindgen::prelude::*;

/// The library's version, e.g. `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Whether this build carries the AWS catalog: service data for
/// `expandAction` and lint findings, and AWS managed policies by name.
#[wasm_bindgen(js_name = hasCatalog)]
pub fn has_catalog() -> bool {
    cfg!(feature = "catalog")
}
