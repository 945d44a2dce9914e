//! The seed scenario the playground opens with: the customer managed
//! `Force_MFA` policy from the AWS walkthrough that lets users manage their
//! own MFA device (see `examples/seed/README.md`).

/// The name of the seed customer managed policy.
pub const SEED_POLICY_NAME: &str = "Force_MFA";

/// The seed policy document, exactly as in
/// `examples/seed/force-mfa.policy.json`.
pub const SEED_POLICY_DOCUMENT: &str = include_str!("../../../examples/seed/force-mfa.policy.json");
