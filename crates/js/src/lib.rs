//! The JavaScript API of the IAM Policy Playground evaluator.
//!
//! Every function returns a plain object and never throws: problems come
//! back as `{ ok: false, errors: [{ message, line, column, ... }] }`.
//!
//! ```js
//! import init, { evaluate, validate } from "./iamplay.js";
//! await init();
//! const result = evaluate(workspace, { principal: "mfa-user-1", action: "ec2:DescribeInstances" });
//! if (result.ok) console.log(result.response.decision, result.response.summary);
//! ```

mod api;

pub use api::*;
