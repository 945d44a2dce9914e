//! The IAM Policy Playground evaluator: AWS IAM policy documents parsed
//! with source locations, validated, evaluated against a request exactly
//! as the AWS IAM User Guide documents, and explained.
//!
//! Pure Rust without I/O: it builds for native targets and `wasm32`.

pub mod code;
pub mod condition;
pub mod diagnostic;
pub mod engine;
pub mod eval;
pub mod json;
pub mod lint;
pub mod matching;
pub mod policy;
pub mod principal;
pub mod request;
pub mod response;
pub mod source;
pub mod variables;
pub mod workspace;

pub use code::Code;
pub use diagnostic::{Diagnostic, Severity};
pub use engine::{DocumentId, Engine, Problem};
pub use policy::{Effect, ParsedPolicy, Policy, PolicyKind, Statement, parse_policy};
pub use request::{ContextKeys, ContextValue, Scalar};
pub use source::{LineIndex, Loc, Position, Span, Spanned};
