//! Finding the text of a compiled document in its workspace, to place
//! its problems in the workspace file.

use iamplay_core::workspace::{Document, DocumentId, Workspace};

/// The document `id` names, if it is written in the workspace (catalog
/// policies are not).
pub fn document_of<'w>(ws: &'w Workspace, id: &DocumentId) -> Option<&'w Document> {
    match id {
        DocumentId::Managed(i) => ws.policies.get(*i).map(|p| &p.document),
        DocumentId::EmbeddedAws(i) => ws.aws_managed_policies.get(*i).map(|p| &p.document),
        DocumentId::CatalogAws(_) => None,
        DocumentId::GroupInline(g, i) => ws
            .groups
            .get(*g)?
            .inline_policies
            .get(*i)
            .map(|p| &p.document),
        DocumentId::UserInline(u, i) => ws
            .users
            .get(*u)?
            .inline_policies
            .get(*i)
            .map(|p| &p.document),
        DocumentId::RoleInline(r, i) => ws
            .roles
            .get(*r)?
            .inline_policies
            .get(*i)
            .map(|p| &p.document),
        DocumentId::RoleTrust(r) => ws.roles.get(*r)?.trust_policy.as_ref(),
        DocumentId::Organization(i) => ws
            .organization
            .as_ref()?
            .policies
            .get(*i)
            .map(|p| &p.document),
        DocumentId::Resource(i) => ws.resources.get(*i).map(|r| &r.policy),
        DocumentId::RequestSession(i) => ws.requests.get(*i)?.session_policy.as_ref(),
        DocumentId::RequestCustom(r, n) => {
            // Numbered in the order identity, boundary, resource, SCPs, RCPs.
            let custom = ws.requests.get(*r)?.policies.as_ref()?;
            custom
                .identity
                .iter()
                .chain(&custom.permissions_boundary)
                .chain(&custom.resource)
                .chain(custom.scps.iter().flatten())
                .chain(custom.rcps.iter().flatten())
                .nth(*n)
        }
    }
}

/// Whether `id` is a document of saved request `request` (its session
/// policy or a policy given with it).
pub fn belongs_to_request(id: &DocumentId, request: usize) -> bool {
    matches!(id, DocumentId::RequestSession(r) | DocumentId::RequestCustom(r, _) if *r == request)
}
