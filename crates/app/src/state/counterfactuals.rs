//! "What would change it": the core's counterfactuals of the request on
//! screen (the single changes that give it another decision, each
//! verified by evaluating it), each with the one click the playground
//! offers for it: try a change of the request (its context keys, who
//! asks, or its resource), show the deciding statement in the editor, or
//! add the suggested policy, or detach an AWS managed policy; and the
//! "Back" that undoes the last try.
//!
//! They are computed only while the decision panel shows them: not while
//! predict-then-reveal hides the decision, not while the response on
//! screen is stale; and again only when the request or the workspace
//! changed. An action that changes them only marks them
//! [`WhatWouldChange::pending`]: the panel asks for them
//! ([`super::WhatIfAction::Compute`]) in a task of its own once the new
//! decision is on the page, so a keystroke shows its decision without
//! waiting for them.

use std::cell::RefCell;
use std::rc::Rc;

use iamplay_core::DocumentId;
use iamplay_core::engine::counterfactual::EntityKind;
use iamplay_core::engine::{Change, Counterfactual, Owner};
use iamplay_core::response::{Decision, Response};
use iamplay_core::workspace::{RequestSpec, Workspace};

use super::{
    Action, DocumentRef, Engine, EntityRef, Evaluation, InputValue, NewEntity, PrincipalChoice,
    RequestDraft, State,
};

/// What one click does for a counterfactual.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Offer {
    /// Make the request on screen this one ("Try it").
    Request(Rc<RequestDraft>),
    /// Open this statement of the response's policy in the editor
    /// ("Show statement"): indexes into the response's policies and that
    /// policy's statements.
    Statement {
        /// The policy.
        policy: usize,
        /// The statement.
        statement: usize,
    },
    /// Add the suggested inline policy and open it ("Add it").
    AddPolicy {
        /// The user or role it is added to.
        owner: Owner,
        /// Its name.
        name: String,
        /// Its text: one Allow statement.
        text: String,
    },
    /// Detach these managed policies (each as its user, group or role
    /// lists it) from their owners ("Detach it").
    Detach(Vec<(Owner, String)>),
    /// Nothing the playground does in one click (a statement of a policy
    /// it does not open, such as an SCP or a trust policy).
    Nothing,
}

impl Offer {
    /// The button's label.
    pub fn label(&self) -> &'static str {
        match self {
            Offer::Request(_) => "Try it",
            Offer::Statement { .. } => "Show statement",
            Offer::AddPolicy { .. } => "Add it",
            Offer::Detach(_) => "Detach it",
            Offer::Nothing => "",
        }
    }
}

/// One counterfactual as the decision panel lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The core's sentence, as it words it.
    pub sentence: String,
    /// The decision after the change.
    pub decision: Decision,
    /// What the change is about: `context`, `policy`, `principal` or
    /// `resource`.
    pub kind: &'static str,
    /// What its button does.
    pub offer: Offer,
}

/// What the last "Try it" or "Add it" changed, to go back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Back {
    /// The request before the try, while the request on screen is the
    /// one tried.
    Request {
        /// The request before.
        before: Rc<RequestDraft>,
        /// The request tried.
        tried: Rc<RequestDraft>,
    },
    /// The managed policies detached (owner and policy as listed), while
    /// none is attached again.
    Detach(Vec<(Owner, String)>),
    /// The inline policy added, while it exists; the document that was
    /// open before.
    Policy {
        /// The policy added.
        added: DocumentRef,
        /// The document open before.
        open_before: Option<DocumentRef>,
    },
}

/// What the counterfactuals were computed for.
#[derive(Clone, Debug)]
struct Key {
    engine: Rc<RefCell<Engine>>,
    revision: u64,
    request: Rc<RequestDraft>,
}

impl Key {
    fn same(&self, other: &Key) -> bool {
        Rc::ptr_eq(&self.engine, &other.engine)
            && self.revision == other.revision
            && self.request == other.request
    }
}

/// The counterfactuals on screen and the way back from the last try.
#[derive(Clone, Debug, Default)]
pub struct WhatWouldChange {
    /// The counterfactuals, context changes first, then policy changes,
    /// then other principals, then other resources (the core's order);
    /// empty while hidden.
    pub list: Rc<Vec<Suggestion>>,
    /// Whether the core left changes untried (its budget spent).
    pub capped: bool,
    /// Whether they are computed for the request on screen (`false`
    /// while the decision is hidden or stale).
    pub shown: bool,
    /// Whether the request or the workspace changed since they were
    /// computed (the list on screen is the one before; the panel asks for
    /// the new one).
    pub pending: bool,
    /// How to undo the last try, while it is on screen.
    pub back: Option<Back>,
    key: Option<Key>,
}

/// Equal when the panel shows the same (the cache's key aside).
impl PartialEq for WhatWouldChange {
    fn eq(&self, other: &Self) -> bool {
        self.list == other.list
            && self.capped == other.capped
            && self.shown == other.shown
            && self.pending == other.pending
            && self.back == other.back
    }
}

/// The suggestions for `found`, with the offers `draft` and `evaluation`
/// allow.
pub fn suggestions(
    found: &[Counterfactual],
    draft: &RequestDraft,
    evaluation: &Evaluation,
) -> Vec<Suggestion> {
    found
        .iter()
        .map(|counterfactual| {
            let (kind, offer) = match &counterfactual.change {
                Change::Context { set, remove } => {
                    let mut changed = draft.clone();
                    for key in remove {
                        changed.remove(key);
                    }
                    for setting in set {
                        changed.set(&setting.key, InputValue::from_value(&setting.value));
                    }
                    ("context", Offer::Request(Rc::new(changed)))
                }
                Change::Principal { entity, name } => {
                    let mut changed = draft.clone();
                    changed.groups = None;
                    changed.principal = Some(match entity {
                        EntityKind::User => PrincipalChoice::User(name.clone()),
                        EntityKind::Role => PrincipalChoice::Role(name.clone()),
                    });
                    ("principal", Offer::Request(Rc::new(changed)))
                }
                Change::Detach { attachments } => (
                    "policy",
                    Offer::Detach(
                        attachments
                            .iter()
                            .map(|a| (a.owner(), a.listed.clone()))
                            .collect(),
                    ),
                ),
                Change::Resource { arn } => {
                    let mut changed = draft.clone();
                    changed.resource.clone_from(arn);
                    ("resource", Offer::Request(Rc::new(changed)))
                }
                Change::RemoveStatements { statements, .. } => {
                    let shown = statements
                        .iter()
                        .find_map(|s| statement_in(evaluation, &s.document, s.statement));
                    ("policy", shown.unwrap_or(Offer::Nothing))
                }
                Change::AddPolicy { document, text } => match document {
                    DocumentId::Inline(owner @ (Owner::User(_) | Owner::Role(_)), name) => (
                        "policy",
                        Offer::AddPolicy {
                            owner: owner.clone(),
                            name: name.clone(),
                            text: text.clone(),
                        },
                    ),
                    _ => ("policy", Offer::Nothing),
                },
            };
            Suggestion {
                sentence: counterfactual.sentence.clone(),
                decision: counterfactual.decision,
                kind,
                offer,
            }
        })
        .collect()
}

/// Whether `owner` lists the managed policy `policy`.
fn attached(workspace: &Workspace, owner: &Owner, policy: &str) -> bool {
    workspace
        .managed_policies(owner)
        .is_some_and(|listed| listed.iter().any(|p| p == policy))
}

/// The offer to show statement `statement` of `document`, when the
/// response lists that document and the playground opens it.
fn statement_in(evaluation: &Evaluation, document: &DocumentId, statement: usize) -> Option<Offer> {
    let response: &Response = evaluation.response.as_deref()?;
    let policy = response
        .policies
        .iter()
        .position(|trace| trace.id.as_ref() == Some(document))?;
    evaluation.documents.get(policy)?.as_ref()?;
    response.policies.get(policy)?.statements.get(statement)?;
    Some(Offer::Statement { policy, statement })
}

impl State {
    /// Marks the counterfactuals pending when the decision panel shows
    /// them and the request or the workspace changed (drops them when
    /// hidden); drops the way back once what it undoes is gone.
    pub(super) fn refresh_counterfactuals(&mut self) {
        let back_holds = match &self.counterfactuals.back {
            Some(Back::Request { tried, .. }) => **tried == *self.request,
            Some(Back::Policy { added, .. }) => {
                EntityRef::Document(added.clone()).exists_in(&self.workspace)
            }
            Some(Back::Detach(detached)) => detached
                .iter()
                .all(|(owner, policy)| !attached(&self.workspace, owner, policy)),
            None => true,
        };
        if !back_holds {
            Rc::make_mut(&mut self.counterfactuals).back = None;
        }
        if self.shown_spec().is_none() {
            if self.counterfactuals.shown
                || self.counterfactuals.pending
                || !self.counterfactuals.list.is_empty()
            {
                let what = Rc::make_mut(&mut self.counterfactuals);
                what.list = Rc::default();
                what.capped = false;
                what.shown = false;
                what.pending = false;
                what.key = None;
            }
            return;
        }
        let pending = !self
            .counterfactuals
            .key
            .as_ref()
            .is_some_and(|k| k.same(&self.counterfactuals_key()));
        if self.counterfactuals.pending != pending {
            Rc::make_mut(&mut self.counterfactuals).pending = pending;
        }
    }

    /// What the counterfactuals of the request on screen depend on.
    fn counterfactuals_key(&self) -> Key {
        Key {
            engine: Rc::clone(&self.engine),
            revision: self.engine.borrow().revision(),
            request: Rc::clone(&self.request),
        }
    }

    /// Computes the pending counterfactuals, if they are still wanted.
    pub(super) fn compute_counterfactuals(&mut self) {
        self.refresh_counterfactuals();
        if !self.counterfactuals.pending {
            return;
        }
        let Some(spec) = self.shown_spec() else {
            return;
        };
        let key = Key {
            engine: Rc::clone(&self.engine),
            revision: self.engine.borrow().revision(),
            request: Rc::clone(&self.request),
        };
        let found = self.engine.borrow().counterfactuals(&spec);
        let what = Rc::make_mut(&mut self.counterfactuals);
        match found {
            Ok(found) => {
                what.list = Rc::new(suggestions(&found.list, &self.request, &self.evaluation));
                what.capped = found.capped;
                what.shown = true;
            }
            Err(_) => {
                what.list = Rc::default();
                what.capped = false;
                what.shown = false;
            }
        }
        what.pending = false;
        what.key = Some(key);
    }

    /// The request on screen, when its decision is shown and up to date.
    fn shown_spec(&self) -> Option<RequestSpec> {
        if self.hides_decision()
            || self.evaluation.response.is_none()
            || self.evaluation.stale.is_some()
        {
            return None;
        }
        self.request.to_spec().ok()
    }

    /// Does what `offer` offers, keeping the way back.
    pub(super) fn try_offer(&mut self, offer: Offer) {
        match offer {
            Offer::Request(draft) => {
                let before = Rc::clone(&self.request);
                self.show_request(Rc::clone(&draft));
                Rc::make_mut(&mut self.counterfactuals).back = Some(Back::Request {
                    before,
                    tried: draft,
                });
            }
            Offer::Statement { policy, statement } => {
                self.apply(Action::RevealStatement { policy, statement });
            }
            Offer::AddPolicy { owner, name, text } => {
                let open_before = self.document.clone();
                let added = DocumentRef::Inline(owner.clone(), name.clone());
                self.apply(Action::Create(NewEntity::Inline(owner), name));
                if self.notice.is_some() {
                    return;
                }
                self.apply(Action::Edit(added.clone(), text));
                Rc::make_mut(&mut self.counterfactuals).back =
                    Some(Back::Policy { added, open_before });
            }
            Offer::Detach(detached) => {
                for (owner, policy) in &detached {
                    self.apply(Action::Detach(owner.clone(), policy.clone()));
                    if self.notice.is_some() {
                        return;
                    }
                }
                Rc::make_mut(&mut self.counterfactuals).back = Some(Back::Detach(detached));
            }
            Offer::Nothing => {}
        }
    }

    /// Undoes the last try.
    pub(super) fn go_back(&mut self) {
        let Some(back) = Rc::make_mut(&mut self.counterfactuals).back.take() else {
            return;
        };
        match back {
            Back::Request { before, .. } => self.show_request(before),
            Back::Detach(detached) => {
                for (owner, policy) in detached {
                    self.apply(Action::Attach(owner, policy));
                }
            }
            Back::Policy { added, open_before } => {
                self.apply(Action::Delete(EntityRef::Document(added)));
                if let Some(document) = open_before {
                    self.apply(Action::Select(EntityRef::Document(document)));
                }
            }
        }
    }

    /// Makes `draft` the request on screen and evaluates it.
    fn show_request(&mut self, draft: Rc<RequestDraft>) {
        self.request = draft;
        let before = Rc::clone(&self.evaluation);
        self.refresh_evaluation();
        if !Rc::ptr_eq(&before, &self.evaluation)
            && let Some(editor) = &self.editor
        {
            self.editor = Some(Rc::new(editor.with_highlights(&self.evaluation)));
        }
    }
}

#[cfg(test)]
mod tests {
    use yew::Reducible;

    use super::*;
    use crate::state::{TeachAction, WhatIfAction};

    const MFA: &str = "With `aws:MultiFactorAuthPresent` = true and `aws:MultiFactorAuthAge` = 60, \
                       this request is allowed by AmazonEC2FullAccess › statement 1.";
    const NO_DENY: &str = "Without the statement Force_MFA › DoNotAllowAnythingOtherThanAboveUnlessMFAd, \
                           this request is allowed by AmazonEC2FullAccess › statement 1.";

    /// `state` after `action`, with the counterfactuals the panel asks
    /// for computed.
    fn run(state: Rc<State>, action: Action) -> Rc<State> {
        settled(state.reduce(action))
    }

    fn settled(state: Rc<State>) -> Rc<State> {
        state.reduce(Action::WhatIf(WhatIfAction::Compute))
    }

    fn decision(state: &State) -> Decision {
        state
            .evaluation
            .response
            .as_ref()
            .expect("a response")
            .decision
    }

    fn offer_of(state: &State, sentence: &str) -> Offer {
        let sentences: Vec<&str> = state
            .counterfactuals
            .list
            .iter()
            .map(|s| s.sentence.as_str())
            .collect();
        state
            .counterfactuals
            .list
            .iter()
            .find(|s| s.sentence == sentence)
            .unwrap_or_else(|| panic!("{sentence} in {sentences:#?}"))
            .offer
            .clone()
    }

    // The seed's row 1 (explicit deny without MFA): signing in with MFA,
    // or the Force_MFA Deny gone, lets AmazonEC2FullAccess allow it.
    // "Try it" signs in with MFA; "Back" brings the request back.
    #[test]
    fn the_seeds_row_1_offers_mfa_and_the_deny_and_the_try_goes_back() {
        let seed = settled(Rc::new(State::seed()));
        assert_eq!(decision(&seed), Decision::ExplicitDeny);
        assert!(seed.counterfactuals.shown);
        assert!(!seed.counterfactuals.capped);
        let Offer::Request(tried) = offer_of(&seed, MFA) else {
            panic!("the MFA change is tried on the request");
        };
        assert!(tried.mfa());
        assert!(matches!(offer_of(&seed, NO_DENY), Offer::Statement { .. }));

        let state = run(
            Rc::clone(&seed),
            Action::WhatIf(WhatIfAction::Try(offer_of(&seed, MFA))),
        );
        assert_eq!(decision(&state), Decision::Allowed);
        assert!(state.request.mfa());
        assert!(matches!(
            state.counterfactuals.back,
            Some(Back::Request { .. })
        ));
        assert!(
            state
                .counterfactuals
                .list
                .iter()
                .all(|s| s.decision != Decision::Allowed),
            "the counterfactuals of the new request"
        );
        let back = run(state, Action::WhatIf(WhatIfAction::Back));
        assert_eq!(*back.request, *seed.request);
        assert_eq!(decision(&back), Decision::ExplicitDeny);
        assert!(back.counterfactuals.back.is_none());

        // Another change of the request drops the way back.
        let state = run(
            Rc::clone(&seed),
            Action::WhatIf(WhatIfAction::Try(offer_of(&seed, MFA))),
        );
        let state = run(state, Action::SetAction("ec2:RunInstances".to_owned()));
        assert!(state.counterfactuals.back.is_none());
    }

    #[test]
    fn show_statement_opens_the_deny_in_the_editor() {
        let seed = settled(Rc::new(State::seed()));
        let state = run(
            Rc::clone(&seed),
            Action::Select(EntityRef::User("mfa-user-1".to_owned())),
        );
        let state = run(
            state,
            Action::WhatIf(WhatIfAction::Try(offer_of(&seed, NO_DENY))),
        );
        assert_eq!(
            state.document,
            Some(DocumentRef::Customer("Force_MFA".to_owned()))
        );
        let reveal = state.reveal.expect("the statement shown");
        let text = DocumentRef::Customer("Force_MFA".to_owned())
            .text_in(&state.workspace)
            .expect("its text")
            .to_owned();
        let shown = text
            .get(reveal.loc.span.start as usize..reveal.loc.span.end as usize)
            .unwrap_or_default();
        assert!(
            shown.contains("DoNotAllowAnythingOtherThanAboveUnlessMFAd"),
            "{shown:?}"
        );
    }

    // Row 8: `iam:ListUsers` is implicitly denied; "Add it" adds the
    // smallest Allow as an inline policy of the user and opens it; "Back"
    // deletes it again.
    #[test]
    fn add_it_adds_the_suggested_policy_and_back_deletes_it() {
        let seed = settled(Rc::new(State::seed()));
        let row8 = run(seed, Action::ApplyPreset(3));
        assert_eq!(decision(&row8), Decision::ImplicitDeny);
        let offer = row8
            .counterfactuals
            .list
            .iter()
            .find_map(|s| matches!(s.offer, Offer::AddPolicy { .. }).then(|| s.offer.clone()))
            .expect("a policy to add");
        let added = run(Rc::clone(&row8), Action::WhatIf(WhatIfAction::Try(offer)));
        assert_eq!(decision(&added), Decision::Allowed);
        let Some(Back::Policy {
            added: document, ..
        }) = &added.counterfactuals.back
        else {
            panic!("a way back");
        };
        assert_eq!(added.document.as_ref(), Some(document));
        assert!(added.editor.is_some());
        let back = run(added, Action::WhatIf(WhatIfAction::Back));
        assert_eq!(*back.workspace, *row8.workspace);
        assert_eq!(decision(&back), Decision::ImplicitDeny);
        assert_eq!(back.document, row8.document);
    }

    // The seed's row 5: mfa-user-1 changing mfa-user-2's password is
    // implicitly denied; the Allow names the caller's own user. "Try it"
    // puts that resource in the request, allowed; "Back" brings back the
    // other user's.
    #[test]
    fn try_it_on_another_resource_changes_the_requests_resource() {
        const OTHER_USER: &str = "arn:aws:iam::111122223333:user/mfa-user-2";
        const OWN_USER: &str = "arn:aws:iam::111122223333:user/mfa-user-1";
        let seed = settled(Rc::new(State::seed()));
        let state = run(seed, Action::SetAction("iam:ChangePassword".to_owned()));
        let row5 = run(state, Action::SetResource(OTHER_USER.to_owned()));
        assert_eq!(decision(&row5), Decision::ImplicitDeny);
        let suggestion = row5
            .counterfactuals
            .list
            .iter()
            .find(|s| s.kind == "resource")
            .expect("another resource")
            .clone();
        assert_eq!(
            suggestion.sentence,
            format!(
                "On resource `{OWN_USER}`, this request is allowed by \
                 Force_MFA › AllowIndividualUserToSeeTheirAccountInformation."
            )
        );
        assert_eq!(suggestion.offer.label(), "Try it");
        let tried = run(
            Rc::clone(&row5),
            Action::WhatIf(WhatIfAction::Try(suggestion.offer)),
        );
        assert_eq!(tried.request.resource, OWN_USER);
        assert_eq!(tried.request.action, "iam:ChangePassword");
        assert_eq!(tried.request.context, row5.request.context);
        assert_eq!(decision(&tried), Decision::Allowed);
        let back = run(tried, Action::WhatIf(WhatIfAction::Back));
        assert_eq!(*back.request, *row5.request);
        assert_eq!(decision(&back), Decision::ImplicitDeny);
    }

    // The seed's row 2 is allowed by AmazonEC2FullAccess, which cannot be
    // edited: "Detach it" detaches it from the group (implicit deny);
    // "Back" attaches it again.
    #[test]
    fn detach_it_detaches_the_aws_managed_policy_and_back_attaches_it() {
        let seed = settled(Rc::new(State::seed()));
        let row2 = run(seed, Action::SetMfa(true));
        assert_eq!(decision(&row2), Decision::Allowed);
        let offer = row2
            .counterfactuals
            .list
            .iter()
            .find_map(|s| matches!(s.offer, Offer::Detach(_)).then(|| s.offer.clone()))
            .expect("a policy to detach");
        assert_eq!(offer.label(), "Detach it");
        let group = Owner::Group("EC2_Full_Access".to_owned());
        let Offer::Detach(detached) = &offer else {
            unreachable!()
        };
        assert_eq!(detached.len(), 1);
        assert_eq!(detached[0].0, group);
        let policy = detached[0].1.clone();
        let tried = run(Rc::clone(&row2), Action::WhatIf(WhatIfAction::Try(offer)));
        assert_eq!(decision(&tried), Decision::ImplicitDeny);
        assert!(!attached(&tried.workspace, &group, &policy));
        assert!(matches!(tried.counterfactuals.back, Some(Back::Detach(_))));
        let back = run(tried, Action::WhatIf(WhatIfAction::Back));
        assert_eq!(*back.workspace, *row2.workspace);
        assert_eq!(decision(&back), Decision::Allowed);
        assert!(back.counterfactuals.back.is_none());
    }

    // With "Predict first" on, nothing gives the answer away before the
    // guess.
    #[test]
    fn predict_first_hides_them_until_the_guess() {
        let state = run(
            Rc::new(State::seed()),
            Action::Teach(TeachAction::SetPredict(true)),
        );
        assert!(!state.counterfactuals.shown);
        assert!(state.counterfactuals.list.is_empty());
        let state = run(state, Action::Teach(TeachAction::Guess(Decision::Allowed)));
        assert!(state.counterfactuals.shown);
        assert!(!state.counterfactuals.list.is_empty());
    }

    // An action marks them pending (the list on screen is the one
    // before); the panel's request computes them.
    #[test]
    fn an_action_marks_them_pending_until_computed() {
        let seed = settled(Rc::new(State::seed()));
        assert!(!seed.counterfactuals.pending);
        let signed_in = Rc::clone(&seed).reduce(Action::SetMfa(true));
        assert!(signed_in.counterfactuals.pending);
        assert_eq!(signed_in.counterfactuals.list, seed.counterfactuals.list);
        let computed = settled(signed_in);
        assert!(!computed.counterfactuals.pending);
        assert_ne!(computed.counterfactuals.list, seed.counterfactuals.list);
        // Nothing changed: nothing to compute.
        let again = Rc::clone(&computed).reduce(Action::DismissNotice);
        assert!(!again.counterfactuals.pending);
        assert!(Rc::ptr_eq(
            &again.counterfactuals.list,
            &computed.counterfactuals.list
        ));
    }

    // A policy that does not parse makes the response stale: no
    // counterfactuals of a workspace that is not the one on screen.
    #[test]
    fn a_stale_response_shows_none() {
        let document = DocumentRef::Customer("Force_MFA".to_owned());
        let state = run(
            Rc::new(State::seed()),
            Action::Edit(document, "{".to_owned()),
        );
        assert!(state.evaluation.stale.is_some());
        assert!(!state.counterfactuals.shown);
        assert!(state.counterfactuals.list.is_empty());
    }
}
