//! Where AWS managed policies that a workspace attaches by name come
//! from in this build.

use iamplay_core::workspace::ManagedPolicySource;

/// The catalog's AWS managed policies in the `catalog` build; none in the
/// small build, where a workspace carries the ones it uses in
/// `awsManagedPolicies`.
pub fn source() -> Box<dyn ManagedPolicySource> {
    #[cfg(feature = "catalog")]
    {
        Box::new(iamplay_catalog::managed_policies())
    }
    #[cfg(not(feature = "catalog"))]
    {
        Box::new(iamplay_core::workspace::NoManagedPolicies)
    }
}
