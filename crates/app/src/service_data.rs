//! AWS's service data (actions, resource types, condition keys), which the
//! app's `.wasm` does not carry: the page fetches `services.txt` (next to
//! it) once its first decision is on screen and installs it in the
//! catalog. Until then the findings that need it, action completion, the
//! hovers' details and the access matrix wait; then the state lints every
//! document again ([`crate::state::Action::ServicesArrived`]).

use std::rc::Rc;

/// Where AWS's service data stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServiceData {
    /// Being fetched.
    Loading,
    /// Installed in the catalog.
    Ready,
    /// The fetch or the parse failed, with why.
    Failed(Rc<str>),
}

impl ServiceData {
    /// Where it stands now: ready once installed (or compiled in, as in
    /// the tests), otherwise loading.
    pub fn now() -> ServiceData {
        if iamplay_catalog::has_services() {
            ServiceData::Ready
        } else {
            ServiceData::Loading
        }
    }
}
