//! Whom AWS Organizations policies govern, whichever way they are given
//! (through the workspace's `organization` or with a request).
//!
//! - SCPs limit the principals of member accounts
//!   (`reference_policies_evaluation-logic.md`: "The SCP maximum applies to
//!   principals in member accounts"): IAM users, role sessions, federated
//!   users and the member account's root user. An anonymous caller and an
//!   AWS service principal belong to no member account, and service-linked
//!   roles are exempt (AWS Organizations User Guide, "SCP effects on
//!   permissions": SCPs do not affect service-linked roles).
//! - RCPs limit what can be done to resources of member accounts, whoever
//!   asks — anonymous callers and AWS service principals included (AWS's
//!   own example RCPs exempt service principals with
//!   `aws:PrincipalIsAWSService`, which they would not need otherwise) —
//!   except service-linked roles (AWS Organizations User Guide, "Resource
//!   control policies": RCPs do not apply to service-linked roles).
//!
//! The choice is recorded in `docs/semantics.md`.

use crate::principal::Principal;

/// Why SCPs do not govern `principal`, or `None` when they do.
pub fn scp_exemption(principal: &Principal) -> Option<&'static str> {
    match principal {
        Principal::Anonymous => Some("service control policies do not govern anonymous callers"),
        Principal::Service { .. } => {
            Some("service control policies do not govern AWS service principals")
        }
        _ if is_service_linked(principal) => {
            Some("service control policies do not govern service-linked roles")
        }
        _ => None,
    }
}

/// Why RCPs do not govern a request of `principal`, or `None` when they do.
pub fn rcp_exemption(principal: &Principal) -> Option<&'static str> {
    is_service_linked(principal)
        .then_some("resource control policies do not govern service-linked roles")
}

/// Whether `principal` is a session of a service-linked role (its path is
/// `/aws-service-role/`).
pub fn is_service_linked(principal: &Principal) -> bool {
    matches!(principal, Principal::RoleSession { path, .. } if path.starts_with("/aws-service-role/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scps_govern_member_principals_only() {
        let user = Principal::user("111122223333", "ana");
        assert_eq!(scp_exemption(&user), None);
        assert!(scp_exemption(&Principal::Anonymous).is_some());
        let slr = Principal::RoleSession {
            account: "111122223333".to_owned(),
            role: "AWSServiceRoleForElasticLoadBalancing".to_owned(),
            path: "/aws-service-role/elasticloadbalancing.amazonaws.com/".to_owned(),
            session: "s".to_owned(),
            role_id: None,
        };
        assert!(is_service_linked(&slr), "{slr:?}");
        assert!(scp_exemption(&slr).is_some());
        assert!(rcp_exemption(&slr).is_some());
        assert_eq!(rcp_exemption(&Principal::Anonymous), None);
        assert_eq!(rcp_exemption(&user), None);
    }
}
