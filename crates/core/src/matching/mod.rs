//! Matching of actions, resources and strings against policy patterns.

pub mod arn;
pub mod pattern;

pub use arn::{
    Arn, ArnPattern, ResourceMatch, arn_equals, arn_like, arn_like_substituted, resource_matches,
};
pub use pattern::{Pattern, PatternPart, action_matches, wildcard_match};
