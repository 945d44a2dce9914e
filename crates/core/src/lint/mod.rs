//! Lint findings: advice on policies that parse but may not do what their
//! author meant. Findings that need AWS's service data (unknown actions,
//! resources that can never match, unsupported condition keys, operators
//! that do not fit a key's type) are behind the `catalog` feature.
//! Reference: `access_policies_policy-validator.md`.

mod basic;
#[cfg(feature = "catalog")]
mod catalog;
pub mod glob_overlap;
mod repeated;

use crate::diagnostic::Diagnostic;
use crate::policy::{Policy, PolicyKind};

pub use basic::lint_basic;
#[cfg(feature = "catalog")]
pub use catalog::lint_with_catalog;
pub use repeated::lint_repeated;

/// Every finding for a parsed policy: the catalog-free ones, plus those
/// that use AWS's service data when the `catalog` feature is on and the
/// data is there (the web app installs it after its first decision, then
/// lints again: [`crate::Engine::relint`]).
pub fn lint_policy(policy: &Policy, kind: PolicyKind) -> Vec<Diagnostic> {
    let mut findings = lint_basic(policy, kind);
    findings.extend(lint_repeated(policy));
    #[cfg(feature = "catalog")]
    if let Some(catalog) = iamplay_catalog::services() {
        findings.extend(lint_with_catalog(policy, catalog));
    }
    crate::diagnostic::sort_by_place(&mut findings);
    findings
}
