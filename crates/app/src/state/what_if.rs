//! The actions of "what would change it" ([`super::counterfactuals`]) and
//! of change impact ([`super::baseline`]), and keeping both in step after
//! every action.

use super::State;
use super::counterfactuals::Offer;

/// Everything that changes the counterfactuals' tries or the baseline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WhatIfAction {
    /// Do what a counterfactual's button offers.
    Try(Offer),
    /// Undo the last try.
    Back,
    /// Compute the pending counterfactuals (the decision panel asks once
    /// the decision is on the page).
    Compute,
    /// Mark the workspace on screen as the baseline.
    SetBaseline,
    /// Turn the access matrix's "Changes since baseline" mode on or off.
    ShowChanges(bool),
}

impl State {
    /// Applies a [`WhatIfAction`].
    pub(super) fn what_if(&mut self, action: WhatIfAction) {
        match action {
            WhatIfAction::Try(offer) => self.try_offer(offer),
            WhatIfAction::Back => self.go_back(),
            WhatIfAction::Compute => self.compute_counterfactuals(),
            WhatIfAction::SetBaseline => self.set_baseline(),
            WhatIfAction::ShowChanges(on) => self.show_changes(on),
        }
    }

    /// Brings the baseline and the counterfactuals in step after an
    /// action (after the teaching state, which decides what is hidden and
    /// whether the matrix is on screen).
    pub(super) fn refresh_what_if(&mut self, previous: &State) {
        self.refresh_baseline(previous);
        self.refresh_counterfactuals();
    }
}
