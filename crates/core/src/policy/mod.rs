//! Policy documents: the syntax tree, condition operators and the parser.

pub mod ast;
pub mod operator;
pub mod parse;

pub use ast::*;
pub use operator::OperatorError;
pub use parse::{ParsedPolicy, parse_policy, policy_from_json};
