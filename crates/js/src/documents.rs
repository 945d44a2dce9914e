//! Which documents belong to a saved request.

use iamplay_core::workspace::DocumentId;

/// Whether `id` is a document of saved request `request` (its session
/// policy or a policy given with it).
pub fn belongs_to_request(id: &DocumentId, request: usize) -> bool {
    matches!(id, DocumentId::RequestSession(r) | DocumentId::RequestCustom(r, _) if *r == request)
}
