//! Matching of actions, resources and strings against policy patterns.

pub mod arn;
pub mod pattern;

pub use arn::{Arn, arn_equals, arn_like, resource_matches};
pub use pattern::{Pattern, PatternPart, action_matches, wildcard_match};
