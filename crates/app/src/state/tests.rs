//! The reducer, action by action, on the seed scenario
//! (`../shared/scenarios/README.md`; the decisions follow
//! `reference_policies_evaluation-logic.md`: an explicit deny overrides
//! every allow).

use std::rc::Rc;

use iamplay_core::response::Decision;
use yew::Reducible;

use super::*;
use crate::aws_policies::BUILTIN_ARN;
use crate::seed::SEED_POLICY_DOCUMENT;
use crate::service_data::ServiceData;

/// The Deny statement of the seed policy, as written in the file.
const DENY_STATEMENT: &str = r#",
        {
            "Sid": "DoNotAllowAnythingOtherThanAboveUnlessMFAd",
            "Effect": "Deny",
            "NotAction": "iam:*",
            "Resource": "*",
            "Condition": {
                "Null": {
                    "aws:MultiFactorAuthAge": "true"
                }
            }
        }"#;

fn force_mfa() -> DocumentRef {
    DocumentRef::Customer("Force_MFA".to_owned())
}

fn run(state: Rc<State>, actions: impl IntoIterator<Item = Action>) -> Rc<State> {
    actions
        .into_iter()
        .fold(state, |state, action| state.reduce(action))
}

fn seed() -> Rc<State> {
    Rc::new(State::seed())
}

fn decision(state: &State) -> Decision {
    state
        .evaluation
        .response
        .as_ref()
        .expect("a response")
        .decision
}

fn summary(state: &State) -> &str {
    &state
        .evaluation
        .response
        .as_ref()
        .expect("a response")
        .summary
}

fn deciding(state: &State) -> Vec<String> {
    state
        .evaluation
        .response
        .as_ref()
        .expect("a response")
        .deciding
        .iter()
        .map(|r| r.label())
        .collect()
}

fn change_password() -> [Action; 2] {
    [
        Action::SetAction("iam:ChangePassword".to_owned()),
        Action::SetResource("arn:aws:iam::111122223333:user/mfa-user-1".to_owned()),
    ]
}

// Seed row 1: no MFA, EC2 is explicitly denied, and the Allow of
// AmazonEC2FullAccess statement 1 is overridden.
#[test]
fn the_seed_opens_on_row_one_explicitly_denied() {
    let state = seed();
    assert_eq!(decision(&state), Decision::ExplicitDeny);
    assert_eq!(
        deciding(&state),
        ["Force_MFA › DoNotAllowAnythingOtherThanAboveUnlessMFAd"]
    );
    assert!(summary(&state).contains("overrides the Allow in AmazonEC2FullAccess › statement 1"));
    let editor = state.editor.as_ref().expect("Force_MFA is open");
    assert_eq!(editor.document, force_mfa());
    assert_eq!(editor.text.as_str(), SEED_POLICY_DOCUMENT);
    let kinds: Vec<HighlightKind> = editor.highlights.iter().map(|h| h.kind).collect();
    assert_eq!(kinds, [HighlightKind::DecidingDeny]);
    assert_eq!(state.presets.len(), 6);
    assert!(state.evaluation.stale.is_none());
}

// Rows 2 and 4: with MFA, EC2 is allowed by AmazonEC2FullAccess; the
// user's own password needs no MFA.
#[test]
fn the_mfa_switch_and_the_request_fields_re_evaluate() {
    let state = run(seed(), [Action::SetMfa(true)]);
    assert_eq!(decision(&state), Decision::Allowed);
    assert_eq!(deciding(&state), ["AmazonEC2FullAccess › statement 1"]);
    let state = run(state, [Action::SetMfa(false)]);
    assert_eq!(decision(&state), Decision::ExplicitDeny);
    let state = run(state, change_password());
    assert_eq!(decision(&state), Decision::Allowed);
    assert_eq!(
        deciding(&state),
        ["Force_MFA › AllowIndividualUserToSeeTheirAccountInformation"]
    );
    let editor = state.editor.as_ref().expect("Force_MFA is open");
    assert!(
        editor
            .highlights
            .iter()
            .any(|h| h.kind == HighlightKind::DecidingAllow)
    );
}

#[test]
fn presets_set_the_whole_request() {
    // Row 14: mfa-user-2 only in EC2_Full_Access is allowed EC2 without MFA.
    let state = run(seed(), [Action::ApplyPreset(5)]);
    assert_eq!(
        state.request.principal,
        Some(PrincipalChoice::User("mfa-user-2".to_owned()))
    );
    assert_eq!(
        state.request.groups.as_deref(),
        Some(&["EC2_Full_Access".to_owned()][..])
    );
    assert_eq!(decision(&state), Decision::Allowed);
    // Row 8: iam:ListUsers on `*` is implicitly denied (the user/* gotcha).
    let state = run(state, [Action::ApplyPreset(3)]);
    assert_eq!(decision(&state), Decision::ImplicitDeny);
    // Row 12: the Spot service-linked role.
    let state = run(state, [Action::ApplyPreset(4)]);
    assert_eq!(deciding(&state), ["AmazonEC2FullAccess › statement 5"]);
    let state = run(state, [Action::ApplyPreset(99)]);
    assert!(state.notice.is_some());
}

#[test]
fn deleting_the_deny_statement_allows_and_restoring_it_denies_again() {
    let without = SEED_POLICY_DOCUMENT.replacen(DENY_STATEMENT, "", 1);
    assert_ne!(
        without, SEED_POLICY_DOCUMENT,
        "the test finds the statement"
    );
    let state = run(seed(), [Action::Edit(force_mfa(), without.clone())]);
    assert_eq!(decision(&state), Decision::Allowed);
    assert_eq!(
        state.editor.as_ref().expect("open").text.as_str(),
        without.as_str()
    );
    let state = run(
        state,
        [Action::Edit(force_mfa(), SEED_POLICY_DOCUMENT.to_owned())],
    );
    assert_eq!(decision(&state), Decision::ExplicitDeny);
}

// The engine is the core's: an edit of one document parses that one
// document, a change to the entities parses none whose text is the same,
// and both keep the engine in step with the workspace on screen.
#[test]
fn an_edit_parses_one_document_and_an_entity_change_none() {
    let state = seed();
    let parses = |state: &State| state.engine.borrow().parse_count();
    let before = parses(&state);
    let without = SEED_POLICY_DOCUMENT.replacen(DENY_STATEMENT, "", 1);
    let state = run(state, [Action::Edit(force_mfa(), without)]);
    assert_eq!(parses(&state), before + 1);
    let state = run(
        state,
        [
            Action::Create(NewEntity::User, "learner".to_owned()),
            Action::Rename(
                EntityRef::Group("EC2_Full_Access".to_owned()),
                "EC2".to_owned(),
            ),
        ],
    );
    assert_eq!(parses(&state), before + 1);
    assert_eq!(
        state.engine.borrow().text_of(&force_mfa()),
        force_mfa().text_in(&state.workspace),
    );
    assert_eq!(decision(&state), Decision::Allowed);
}

#[test]
fn text_that_does_not_parse_keeps_the_last_decision_marked_stale() {
    let broken = SEED_POLICY_DOCUMENT.replacen("\"Effect\": \"Deny\",", "\"Effect\": \"Deny\"", 1);
    let state = run(seed(), [Action::Edit(force_mfa(), broken.clone())]);
    assert_eq!(
        decision(&state),
        Decision::ExplicitDeny,
        "the last decision stays"
    );
    assert!(
        state
            .evaluation
            .stale
            .as_deref()
            .is_some_and(|why| why.contains("`Force_MFA`"))
    );
    let editor = state.editor.as_ref().expect("open");
    assert_eq!(editor.text.as_str(), broken, "the text is never rewritten");
    assert_eq!(
        state.workspace.policies[0].document.text, broken,
        "the workspace keeps the text"
    );
    let error = editor
        .diagnostics
        .iter()
        .find(|d| d.severity == iamplay_core::Severity::Error)
        .expect("an error marker");
    let deny_line = SEED_POLICY_DOCUMENT
        .lines()
        .position(|l| l.contains("\"Effect\": \"Deny\""))
        .expect("the line") as u32
        + 1;
    assert!(
        error.loc.start.line == deny_line || error.loc.start.line == deny_line + 1,
        "the error is at the broken line: {error}"
    );
    assert!(
        editor.highlights.is_empty(),
        "no highlights on a stale decision"
    );
    // Changing the request keeps it stale; fixing the text makes it fresh.
    let state = run(state, [Action::SetMfa(true)]);
    assert!(state.evaluation.stale.is_some());
    let state = run(
        state,
        [Action::Edit(force_mfa(), SEED_POLICY_DOCUMENT.to_owned())],
    );
    assert!(state.evaluation.stale.is_none());
    assert_eq!(decision(&state), Decision::Allowed);
}

#[test]
fn a_broken_policy_that_does_not_apply_does_not_make_the_decision_stale() {
    let inline = DocumentRef::Inline(Owner::User("mfa-user-2".to_owned()), "Scratch".to_owned());
    let state = run(
        seed(),
        [
            Action::Create(
                NewEntity::Inline(Owner::User("mfa-user-2".to_owned())),
                "Scratch".to_owned(),
            ),
            Action::Edit(inline.clone(), "{ \"Version\": ".to_owned()),
        ],
    );
    assert_eq!(state.document.as_ref(), Some(&inline));
    assert!(state.evaluation.stale.is_none());
    assert_eq!(decision(&state), Decision::ExplicitDeny);
}

// The seed scenario built by hand from an empty workspace reaches the
// same decisions (rows 1, 2 and 4).
#[test]
fn the_scenario_built_from_an_empty_workspace_decides_the_same() {
    let user = || "mfa-user-1".to_owned();
    let state = run(
        seed(),
        [
            Action::NewWorkspace,
            Action::Create(NewEntity::Policy, "Force_MFA".to_owned()),
            Action::Edit(force_mfa(), SEED_POLICY_DOCUMENT.to_owned()),
            Action::Create(NewEntity::Group, "Force_MFA".to_owned()),
            Action::Attach(Owner::Group("Force_MFA".to_owned()), "Force_MFA".to_owned()),
            Action::Create(NewEntity::Group, "EC2_Full_Access".to_owned()),
            Action::Attach(
                Owner::Group("EC2_Full_Access".to_owned()),
                BUILTIN_ARN.to_owned(),
            ),
            Action::Create(NewEntity::User, user()),
            Action::AddMembership {
                user: user(),
                group: "Force_MFA".to_owned(),
            },
            Action::AddMembership {
                user: user(),
                group: "EC2_Full_Access".to_owned(),
            },
        ],
    );
    assert!(state.evaluation.response.is_none());
    assert!(state.evaluation.problem.is_some(), "no principal yet");
    let state = run(
        state,
        [
            Action::SetPrincipal(Some(PrincipalChoice::User(user()))),
            Action::SetAction("ec2:DescribeInstances".to_owned()),
            Action::SetMfa(false),
        ],
    );
    assert!(state.problems.is_empty(), "{:?}", state.problems);
    assert_eq!(decision(&state), Decision::ExplicitDeny);
    assert_eq!(
        state
            .evaluation
            .response
            .as_ref()
            .expect("a response")
            .overridden[0]
            .label(),
        "AmazonEC2FullAccess › statement 1"
    );
    let state = run(state, [Action::SetMfa(true)]);
    assert_eq!(decision(&state), Decision::Allowed);
    let state = run(state, change_password());
    assert_eq!(decision(&state), Decision::Allowed);
}

#[test]
fn deleting_an_in_use_policy_asks_first_and_says_what_uses_it() {
    let entity = EntityRef::Document(force_mfa());
    let state = run(seed(), [Action::Delete(entity.clone())]);
    let pending = state.pending_delete.as_ref().expect("a question");
    assert_eq!(pending.entity, entity);
    assert_eq!(pending.usages, ["attached to group `Force_MFA`"]);
    assert_eq!(state.workspace.policies.len(), 1, "nothing deleted yet");
    let cancelled = run(Rc::clone(&state), [Action::CancelDelete]);
    assert!(cancelled.pending_delete.is_none());
    assert_eq!(cancelled.workspace.policies.len(), 1);
    let state = run(state, [Action::ConfirmDelete]);
    assert!(state.workspace.policies.is_empty());
    assert!(state.workspace.groups[0].managed_policies.is_empty());
    assert!(state.editor.is_none(), "the deleted policy is closed");
    assert_eq!(decision(&state), Decision::Allowed, "no Deny left");
}

#[test]
fn deleting_a_group_or_the_principal_asks_and_names_the_users() {
    let state = run(
        seed(),
        [Action::Delete(EntityRef::Group(
            "EC2_Full_Access".to_owned(),
        ))],
    );
    let pending = state.pending_delete.as_ref().expect("a question");
    assert_eq!(
        pending.usages,
        [
            "user `mfa-user-1` is a member",
            "user `mfa-user-2` is a member"
        ]
    );
    let state = run(state, [Action::ConfirmDelete]);
    assert_eq!(state.workspace.users[0].groups, ["Force_MFA"]);
    let state = run(
        state,
        [Action::Delete(EntityRef::User("mfa-user-1".to_owned()))],
    );
    assert_eq!(
        state.pending_delete.as_ref().expect("a question").usages,
        ["the request's principal"]
    );
    let state = run(state, [Action::ConfirmDelete]);
    assert_eq!(state.request.principal, None);
    assert!(state.evaluation.problem.is_some());
}

#[test]
fn deleting_what_nothing_uses_happens_at_once() {
    let state = run(
        seed(),
        [
            Action::Create(NewEntity::Role, "deploy".to_owned()),
            Action::Delete(EntityRef::Role("deploy".to_owned())),
        ],
    );
    assert!(state.pending_delete.is_none());
    assert!(state.workspace.roles.is_empty());
    assert!(state.selected.is_none());
}

#[test]
fn renaming_keeps_references_the_selection_and_the_request() {
    let state = run(
        seed(),
        [Action::Rename(
            EntityRef::Document(force_mfa()),
            "RequireMFA".to_owned(),
        )],
    );
    let renamed = DocumentRef::Customer("RequireMFA".to_owned());
    assert_eq!(state.workspace.groups[0].managed_policies, ["RequireMFA"]);
    assert_eq!(state.document.as_ref(), Some(&renamed));
    assert_eq!(state.selected, Some(EntityRef::Document(renamed)));
    assert_eq!(
        deciding(&state),
        ["RequireMFA › DoNotAllowAnythingOtherThanAboveUnlessMFAd"]
    );
    let state = run(
        state,
        [
            Action::Rename(EntityRef::User("mfa-user-1".to_owned()), "alice".to_owned()),
            Action::Rename(EntityRef::Group("Force_MFA".to_owned()), "MFA".to_owned()),
        ],
    );
    assert_eq!(
        state.request.principal,
        Some(PrincipalChoice::User("alice".to_owned()))
    );
    assert_eq!(state.workspace.users[0].groups, ["MFA", "EC2_Full_Access"]);
    assert_eq!(decision(&state), Decision::ExplicitDeny);
    let state = run(
        state,
        [Action::Rename(
            EntityRef::Group("MFA".to_owned()),
            "EC2_Full_Access".to_owned(),
        )],
    );
    assert!(
        state
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("already"))
    );
    let state = run(
        state,
        [Action::Rename(
            EntityRef::Group("MFA".to_owned()),
            "bad name".to_owned(),
        )],
    );
    assert!(state.notice.is_some());
}

#[test]
fn duplicating_copies_and_an_aws_managed_copy_is_editable() {
    let state = run(
        seed(),
        [Action::Duplicate(EntityRef::Document(force_mfa()))],
    );
    assert_eq!(state.workspace.policies[1].name, "Force_MFA-copy");
    assert_eq!(
        state.workspace.policies[1].document.text,
        SEED_POLICY_DOCUMENT
    );
    let aws = EntityRef::Document(DocumentRef::Aws(BUILTIN_ARN.to_owned()));
    let state = run(state, [Action::Duplicate(aws)]);
    let copy = DocumentRef::Customer("AmazonEC2FullAccess-copy".to_owned());
    assert_eq!(state.document.as_ref(), Some(&copy));
    let editor = state.editor.as_ref().expect("the copy is open");
    assert!(editor.text.contains("\"ec2:*\""));
    let state = run(
        state,
        [Action::Duplicate(EntityRef::Group("Force_MFA".to_owned()))],
    );
    assert_eq!(state.workspace.groups[2].managed_policies, ["Force_MFA"]);
}

#[test]
fn aws_managed_policies_open_read_only_and_refuse_edits() {
    let aws = DocumentRef::Aws(BUILTIN_ARN.to_owned());
    let state = run(seed(), [Action::Select(EntityRef::Document(aws.clone()))]);
    let editor = state.editor.as_ref().expect("open");
    assert!(editor.document.read_only());
    assert!(editor.text.contains("\"ec2:*\""));
    // Row 1 marks the Allow of statement 1 as overridden.
    assert!(
        editor
            .highlights
            .iter()
            .any(|h| h.kind == HighlightKind::Overridden)
    );
    let state = run(state, [Action::Edit(aws, "{}".to_owned())]);
    assert!(state.notice.is_some());
    assert_eq!(decision(&state), Decision::ExplicitDeny);
}

#[test]
fn memberships_reorder_and_leave() {
    let user = || "mfa-user-1".to_owned();
    let state = run(
        seed(),
        [Action::MoveMembership {
            user: user(),
            group: "EC2_Full_Access".to_owned(),
            up: true,
        }],
    );
    assert_eq!(
        state.workspace.users[0].groups,
        ["EC2_Full_Access", "Force_MFA"]
    );
    let state = run(
        state,
        [Action::MoveMembership {
            user: user(),
            group: "EC2_Full_Access".to_owned(),
            up: true,
        }],
    );
    assert!(state.notice.is_some(), "the first cannot move up");
    let state = run(
        state,
        [Action::RemoveMembership {
            user: user(),
            group: "Force_MFA".to_owned(),
        }],
    );
    assert_eq!(decision(&state), Decision::Allowed, "row 14's situation");
    let state = run(
        state,
        [Action::AddMembership {
            user: user(),
            group: "Force_MFA".to_owned(),
        }],
    );
    assert_eq!(decision(&state), Decision::ExplicitDeny);
}

// access_policies_boundaries.md: the boundary limits what the identity
// policies allow.
#[test]
fn a_permissions_boundary_limits_the_user() {
    let owner = Owner::User("mfa-user-1".to_owned());
    let state = run(
        seed(),
        [
            Action::SetMfa(true),
            Action::SetBoundary(owner.clone(), Some("Force_MFA".to_owned())),
        ],
    );
    assert_eq!(decision(&state), Decision::ImplicitDeny);
    let usages = run(
        Rc::clone(&state),
        [Action::Delete(EntityRef::Document(force_mfa()))],
    );
    assert!(
        usages
            .pending_delete
            .as_ref()
            .expect("a question")
            .usages
            .contains(&"the permissions boundary of user `mfa-user-1`".to_owned())
    );
    let state = run(state, [Action::SetBoundary(owner, None)]);
    assert_eq!(decision(&state), Decision::Allowed);
}

#[test]
fn detaching_and_attaching_re_evaluate() {
    let group = Owner::Group("EC2_Full_Access".to_owned());
    let state = run(
        seed(),
        [
            Action::SetMfa(true),
            Action::Detach(group.clone(), BUILTIN_ARN.to_owned()),
        ],
    );
    assert_eq!(decision(&state), Decision::ImplicitDeny);
    let state = run(
        state,
        [Action::Attach(group.clone(), BUILTIN_ARN.to_owned())],
    );
    assert_eq!(decision(&state), Decision::Allowed);
    let state = run(state, [Action::Attach(group, BUILTIN_ARN.to_owned())]);
    assert!(state.notice.is_some(), "already attached");
}

#[test]
fn clicking_a_statement_opens_its_policy_and_reveals_it() {
    let state = seed();
    let response = state.evaluation.response.clone().expect("a response");
    let policy = response
        .policies
        .iter()
        .position(|p| &*p.name == "AmazonEC2FullAccess")
        .expect("consulted");
    let state = run(
        state,
        [Action::RevealStatement {
            policy,
            statement: 0,
        }],
    );
    assert_eq!(
        state.document.as_ref(),
        Some(&DocumentRef::Aws(BUILTIN_ARN.to_owned()))
    );
    let first = state.reveal.expect("a reveal");
    assert_eq!(first.loc, response.policies[policy].statements[0].loc);
    let state = run(
        state,
        [Action::RevealStatement {
            policy,
            statement: 0,
        }],
    );
    assert_ne!(state.reveal.expect("a reveal").nonce, first.nonce);
}

#[test]
fn context_keys_are_added_typed_set_and_removed() {
    let state = seed();
    let response = state.evaluation.response.clone().expect("a response");
    assert_eq!(response.missing_context_keys, ["aws:MultiFactorAuthAge"]);
    assert!(
        response
            .context
            .iter()
            .any(|k| k.key == "aws:username" && k.derived)
    );
    let state = run(
        state,
        [Action::AddContextKey("aws:MultiFactorAuthAge".to_owned())],
    );
    assert_eq!(
        state.request.value("aws:MultiFactorAuthAge"),
        Some(&InputValue::Number("0".to_owned()))
    );
    assert_eq!(
        decision(&state),
        Decision::Allowed,
        "an age means MFA was used"
    );
    let state = run(
        state,
        [Action::SetContextValue(
            "aws:MultiFactorAuthAge".to_owned(),
            InputValue::Number("oops".to_owned()),
        )],
    );
    assert_eq!(
        decision(&state),
        Decision::ExplicitDeny,
        "a bad number is left out"
    );
    let state = run(
        state,
        [Action::RemoveContextKey(
            "aws:MultiFactorAuthAge".to_owned(),
        )],
    );
    assert_eq!(state.request.value("aws:MultiFactorAuthAge"), None);
}

// Issue 13, point 4: a misspelt action is still decided as AWS would
// (`ec2:*` matches it), but the request's findings say so first, and the
// suggestion applies in one action.
#[test]
fn a_misspelt_action_is_flagged_and_its_suggestion_clears_the_finding() {
    let state = run(
        seed(),
        [
            Action::SetMfa(true),
            Action::SetAction("ec2:DescribeInstancess".to_owned()),
        ],
    );
    assert_eq!(
        decision(&state),
        Decision::Allowed,
        "the decision stays AWS's"
    );
    let findings = Rc::clone(&state.evaluation.findings);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].code, iamplay_core::Code::UnknownAction);
    assert_eq!(
        findings[0].help.as_deref(),
        Some("did you mean `ec2:DescribeInstances`?")
    );
    let fix = findings[0].fix.clone().expect("a fix");
    assert_eq!(fix, Fix::Action("ec2:DescribeInstances".to_owned()));
    let state = run(state, [Action::ApplyFix(fix)]);
    assert_eq!(state.request.action, "ec2:DescribeInstances");
    assert!(state.evaluation.findings.is_empty());
    assert_eq!(decision(&state), Decision::Allowed);
}

#[test]
fn a_partial_context_key_is_flagged_and_renamed_in_one_action() {
    let state = run(
        seed(),
        [
            Action::SetAction("iam:CreateServiceLinkedRole".to_owned()),
            Action::AddContextKey("iam:AWSServ".to_owned()),
        ],
    );
    let finding = state
        .evaluation
        .findings
        .iter()
        .find(|f| f.code == iamplay_core::Code::UnknownConditionKey)
        .cloned()
        .expect("an unknown-key finding");
    let Some(fix @ Fix::ContextKey { .. }) = finding.fix else {
        panic!("a key fix: {finding:?}");
    };
    let state = run(state, [Action::ApplyFix(fix)]);
    assert!(state.request.value("iam:AWSServiceName").is_some());
    assert!(state.request.value("iam:AWSServ").is_none());
    assert!(
        !state
            .evaluation
            .findings
            .iter()
            .any(|f| f.code == iamplay_core::Code::UnknownConditionKey),
        "{:?}",
        state.evaluation.findings
    );
}

fn endpoint() -> EntityRef {
    EntityRef::Document(DocumentRef::Endpoint("vpce-1a2b3c4d".to_owned()))
}

/// The seed with a VPC endpoint in `vpc-111bbb22`, and row 2 (EC2 with
/// MFA, allowed) made through it.
fn seed_through_an_endpoint() -> Rc<State> {
    run(
        seed(),
        [
            Action::ApplyPreset(1),
            Action::Create(
                NewEntity::Endpoint {
                    vpc: Some("vpc-111bbb22".to_owned()),
                },
                "vpce-1a2b3c4d".to_owned(),
            ),
            Action::SetVpcEndpoint(Some("vpce-1a2b3c4d".to_owned())),
        ],
    )
}

// Issue 13, point 3 (`vpc-endpoints-access.md`, "Endpoint policies"): a
// request through an endpoint must be allowed by its policy, and a Deny
// there denies. A new endpoint starts with AWS's default policy written
// out, which allows everything.
#[test]
fn a_new_endpoint_opens_its_policy_and_requests_through_it_are_decided_by_it() {
    let state = seed_through_an_endpoint();
    assert_eq!(state.selected, Some(endpoint()));
    let editor = state
        .editor
        .as_ref()
        .expect("the endpoint's policy is open");
    assert_eq!(editor.text.as_str(), workspace_ops::DEFAULT_ENDPOINT_POLICY);
    assert_eq!(decision(&state), Decision::Allowed);
    let response = state.evaluation.response.clone().expect("a response");
    let context: Vec<(&str, &[String])> = response
        .context
        .iter()
        .map(|k| (&*k.key, &*k.values))
        .collect();
    assert!(context.contains(&("aws:SourceVpce", &["vpce-1a2b3c4d".to_owned()][..])));
    assert!(context.contains(&("aws:SourceVpc", &["vpc-111bbb22".to_owned()][..])));
    assert!(
        response
            .steps
            .iter()
            .any(|s| s.kind == iamplay_core::response::StepKind::VpcEndpointPolicy)
    );

    let deny = r#"{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
        {"Sid": "NoEc2", "Effect": "Deny", "Principal": "*", "Action": "ec2:*", "Resource": "*"}]}"#;
    let endpoint_policy = DocumentRef::Endpoint("vpce-1a2b3c4d".to_owned());
    let state = run(state, [Action::Edit(endpoint_policy, deny.to_owned())]);
    assert_eq!(decision(&state), Decision::ExplicitDeny);
    assert!(
        deciding(&state).iter().any(|d| d.ends_with("NoEc2")),
        "{:?}",
        deciding(&state)
    );
    let state = run(state, [Action::SetVpcEndpoint(None)]);
    assert_eq!(
        decision(&state),
        Decision::Allowed,
        "not through the endpoint"
    );
}

#[test]
fn endpoint_ids_and_vpcs_are_checked_and_the_vpc_can_change() {
    let state = run(
        seed(),
        [Action::Create(
            NewEntity::Endpoint { vpc: None },
            "endpoint-1".to_owned(),
        )],
    );
    assert!(
        state
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("is not a VPC endpoint id")),
        "{:?}",
        state.notice
    );
    assert!(state.workspace.endpoints.is_empty());
    let state = seed_through_an_endpoint();
    let state = run(
        state,
        [Action::SetEndpointVpc {
            endpoint: "vpce-1a2b3c4d".to_owned(),
            vpc: Some("vpc-222ccc33".to_owned()),
        }],
    );
    assert_eq!(
        state.workspace.endpoints[0].vpc.as_deref(),
        Some("vpc-222ccc33")
    );
    let state = run(
        state,
        [Action::SetEndpointVpc {
            endpoint: "vpce-1a2b3c4d".to_owned(),
            vpc: Some("my vpc".to_owned()),
        }],
    );
    assert!(state.notice.is_some());
    assert_eq!(
        state.workspace.endpoints[0].vpc.as_deref(),
        Some("vpc-222ccc33"),
        "unchanged"
    );
}

#[test]
fn renaming_or_deleting_an_endpoint_keeps_the_request_in_step() {
    let state = seed_through_an_endpoint();
    let state = run(
        state,
        [Action::Rename(endpoint(), "vpce-0f0f0f0f".to_owned())],
    );
    assert_eq!(state.request.vpc_endpoint.as_deref(), Some("vpce-0f0f0f0f"));
    assert_eq!(
        state.document,
        Some(DocumentRef::Endpoint("vpce-0f0f0f0f".to_owned()))
    );
    assert_eq!(decision(&state), Decision::Allowed);
    let renamed = EntityRef::Document(DocumentRef::Endpoint("vpce-0f0f0f0f".to_owned()));
    let state = run(state, [Action::Delete(renamed)]);
    let pending = state.pending_delete.as_ref().expect("a question");
    assert_eq!(pending.usages, ["the request comes through it"]);
    let state = run(state, [Action::ConfirmDelete]);
    assert!(state.workspace.endpoints.is_empty());
    assert_eq!(state.request.vpc_endpoint, None);
    assert_eq!(decision(&state), Decision::Allowed);
}

#[test]
fn an_endpoint_on_the_default_policy_gets_one_when_written() {
    let mut workspace = seed_workspace();
    workspace
        .endpoints
        .push(iamplay_core::workspace::VpcEndpoint {
            id: "vpce-1a2b3c4d".to_owned(),
            vpc: None,
            policy: None,
        });
    let state = Rc::new(State::restored(&Snapshot {
        workspace,
        ..Snapshot::default()
    }));
    let state = run(state, [Action::Select(endpoint())]);
    assert!(state.editor.is_none(), "no policy of its own to open");
    let document = DocumentRef::Endpoint("vpce-1a2b3c4d".to_owned());
    let text = workspace_ops::DEFAULT_ENDPOINT_POLICY.to_owned();
    let state = run(state, [Action::Edit(document.clone(), text.clone())]);
    assert_eq!(document.text_in(&state.workspace), Some(text.as_str()));
    assert_eq!(
        state.editor.as_ref().map(|e| e.text.as_str()),
        Some(text.as_str())
    );
}

#[test]
fn importing_replaces_the_workspace_or_says_what_is_wrong() {
    let text = r#"{
        "policies": [{"name": "S3", "document": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}"}],
        "users": [{"name": "carlos", "managedPolicies": ["S3"]}],
        "requests": [{"name": "read", "principal": "carlos", "action": "s3:GetObject"}]
    }"#;
    let state = run(
        seed(),
        [Action::Import {
            file_name: Some("carlos.json".to_owned()),
            text: text.to_owned(),
        }],
    );
    assert_eq!(state.workspace.users[0].name, "carlos");
    assert_eq!(state.presets.len(), 1);
    assert_eq!(decision(&state), Decision::Allowed);
    assert_eq!(
        state.document.as_ref(),
        Some(&DocumentRef::Customer("S3".to_owned()))
    );
    let state = run(
        state,
        [Action::Import {
            file_name: None,
            text: "{ \"users\": 3 }".to_owned(),
        }],
    );
    assert!(state.notice.is_some());
    assert_eq!(state.workspace.users[0].name, "carlos", "nothing replaced");
}

#[test]
fn an_unknown_aws_managed_policy_asks_for_the_list_and_resolves_once_loaded() {
    let group = Owner::Group("EC2_Full_Access".to_owned());
    let state = run(
        seed(),
        [Action::Attach(
            group,
            "arn:aws:iam::aws:policy/ReadOnlyAccess".to_owned(),
        )],
    );
    assert!(state.aws_wanted);
    assert_eq!(state.problems.len(), 1);
    let text = "iamplay-catalog managed-policies 1\n\
                M\taws-iam-managed-policies\t0.0.0\t2026-01-01T00:00:00.000Z\n\
                P\tReadOnlyAccess\t/\tv1\t{\"Version\":\"2012-10-17\",\"Statement\":[]}\n";
    let list = ManagedPolicies::parse(text.to_owned()).expect("parses");
    let state = run(state, [Action::AwsPoliciesLoaded(Rc::new(list))]);
    assert!(state.problems.is_empty());
    assert!(state.aws.is_loaded());
}

// An AWS managed policy on a path of its own, attached by name: the
// workspace panel guesses its ARN from the name, and the editor still
// opens the catalog's text, as the engine resolved the name.
#[test]
fn an_aws_managed_policy_attached_by_name_opens_from_the_catalog() {
    let text = "iamplay-catalog managed-policies 1\n\
                M\taws-iam-managed-policies\t0.0.0\t2026-01-01T00:00:00.000Z\n\
                P\tAWSLambdaRole\t/service-role/\tv1\t{\"Version\":\"2012-10-17\",\"Statement\":[]}\n";
    let list = ManagedPolicies::parse(text.to_owned()).expect("parses");
    let guessed = DocumentRef::Aws("arn:aws:iam::aws:policy/AWSLambdaRole".to_owned());
    let state = run(
        seed(),
        [
            Action::AwsPoliciesLoaded(Rc::new(list)),
            Action::Attach(
                Owner::Group("EC2_Full_Access".to_owned()),
                "AWSLambdaRole".to_owned(),
            ),
            Action::Select(EntityRef::Document(guessed)),
        ],
    );
    assert!(state.problems.is_empty(), "{:?}", state.problems);
    let editor = state.editor.as_ref().expect("open");
    assert!(editor.text.contains("\"Statement\": []"), "{}", editor.text);
    assert!(editor.document.read_only());
}

#[test]
fn the_workspace_can_start_over_and_come_back() {
    let state = run(seed(), [Action::NewWorkspace]);
    assert!(state.workspace.policies.is_empty());
    assert!(
        state
            .evaluation
            .problem
            .as_deref()
            .is_some_and(|p| p.starts_with("add a user or role to the workspace"))
    );
    assert!(state.editor.is_none());
    assert!(state.presets.is_empty());
    let state = run(state, [Action::LoadSeed]);
    assert_eq!(decision(&state), Decision::ExplicitDeny);
}

#[test]
fn the_editor_models_are_per_workspace_opened_not_per_edit() {
    let state = run(seed(), [Action::Select(EntityRef::Document(force_mfa()))]);
    let key = |state: &State| {
        let view = state.editor.as_ref().expect("an editor");
        editor_view::model_key(state.opened, &view.document)
    };
    let first = key(&state);
    // Editing and changing entities keep the model (and its undo history).
    let edited = run(
        Rc::clone(&state),
        [
            Action::Edit(
                force_mfa(),
                SEED_POLICY_DOCUMENT.replace(DENY_STATEMENT, ""),
            ),
            Action::Create(NewEntity::User, "learner".to_owned()),
            Action::Select(EntityRef::Document(force_mfa())),
        ],
    );
    assert_eq!(key(&edited), first);
    // Another workspace opened over it has models of its own, even for a
    // document of the same name.
    let reopened = run(edited, [Action::LoadSeed]);
    let second = key(&reopened);
    assert_ne!(second, first);
    assert!(second.ends_with("#managed/Force_MFA"), "{second}");
    // The key holds while the new workspace is edited and browsed: a key
    // that changed under the user's typing would swap the model.
    let typed = run(
        Rc::clone(&reopened),
        [Action::Edit(
            force_mfa(),
            SEED_POLICY_DOCUMENT.replace(DENY_STATEMENT, ""),
        )],
    );
    assert_eq!(key(&typed), second);
    let selected = run(typed, [Action::Select(EntityRef::Document(force_mfa()))]);
    assert_eq!(key(&selected), second);
}

// Issue 14, point 5: a new policy is valid from the start: one example
// statement, its action selected so that typing replaces it (the editor
// takes the focus through the reveal); and a policy with errors that
// parses is described as having errors, never as not parsing.
#[test]
fn a_new_policy_is_valid_and_opens_with_its_action_selected() {
    let created = DocumentRef::Customer("Scratch".to_owned());
    let state = run(
        seed(),
        [Action::Create(NewEntity::Policy, "Scratch".to_owned())],
    );
    assert_eq!(state.document.as_ref(), Some(&created));
    let editor = Rc::clone(state.editor.as_ref().expect("open"));
    assert!(
        editor.text.contains("\"Effect\": \"Allow\""),
        "{}",
        editor.text
    );
    assert!(editor.diagnostics.is_empty(), "{:?}", editor.diagnostics);
    let reveal = state.reveal.expect("a reveal for the selection");
    assert_eq!(reveal.loc.start.line, reveal.loc.end.line);
    let line = editor
        .text
        .lines()
        .nth(reveal.loc.start.line as usize - 1)
        .expect("the line");
    let selected =
        line.get(reveal.loc.start.column as usize - 1..reveal.loc.end.column as usize - 1);
    assert_eq!(selected, Some("s3:GetObject"));
    assert_eq!(
        editor
            .text
            .get(reveal.loc.span.start as usize..reveal.loc.span.end as usize),
        Some("s3:GetObject")
    );

    let attached = run(
        state,
        [Action::Attach(
            Owner::Group("Force_MFA".to_owned()),
            "Scratch".to_owned(),
        )],
    );
    assert!(attached.evaluation.stale.is_none());
    let emptied = editor
        .text
        .replacen("\"Action\": \"s3:GetObject\"", "\"Action\": \"\"", 1);
    let state = run(attached, [Action::Edit(created, emptied)]);
    let stale = state.evaluation.stale.as_deref().expect("stale");
    assert!(stale.contains("`Scratch` has errors"), "{stale}");
    assert!(!stale.contains("parse"), "{stale}");
}

// Issue 14, point 4: the workspace's only user becomes the principal;
// a second user does not replace it.
#[test]
fn the_only_user_becomes_the_principal() {
    let state = run(
        seed(),
        [
            Action::NewWorkspace,
            Action::Create(NewEntity::User, "alice".to_owned()),
        ],
    );
    let alice = Some(PrincipalChoice::User("alice".to_owned()));
    assert_eq!(state.request.principal, alice);
    let state = run(state, [Action::Create(NewEntity::User, "bob".to_owned())]);
    assert_eq!(state.request.principal, alice);
    let state = run(
        state,
        [
            Action::SetPrincipal(None),
            Action::Create(NewEntity::User, "carol".to_owned()),
        ],
    );
    assert_eq!(state.request.principal, None, "carol is not the only user");
}

// Issue 14, point 3: the Problems panel lists the seed's three findings
// (each at its line and column in Force_MFA) and a request finding; a
// click opens the document with the finding selected.
#[test]
fn the_problems_panel_lists_and_reveals_every_finding() {
    let state = run(
        seed(),
        [
            Action::SetAction("ec2:DescribeInstancess".to_owned()),
            Action::ShowProblems(true),
        ],
    );
    assert_eq!(state.problem_counts.total(), 3);
    let panel = state.problems_panel.clone().expect("open");
    let listed: Vec<(String, Option<String>, &str)> = panel
        .list
        .iter()
        .map(|p| (p.source().to_owned(), p.position(), p.code.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            (
                "Force_MFA".to_owned(),
                Some("12:17".to_owned()),
                "resource-never-matches"
            ),
            (
                "Force_MFA".to_owned(),
                Some("28:17".to_owned()),
                "resource-never-matches"
            ),
            (
                "Force_MFA".to_owned(),
                Some("38:13".to_owned()),
                "resource-never-matches"
            ),
            ("request".to_owned(), None, "unknown-action"),
        ]
    );
    let state = run(
        state,
        [
            Action::Select(EntityRef::Group("Force_MFA".to_owned())),
            Action::RevealProblem(1),
        ],
    );
    assert_eq!(state.document.as_ref(), Some(&force_mfa()));
    assert_eq!(
        state.selected,
        Some(EntityRef::Document(force_mfa())),
        "the document is selected"
    );
    let reveal = state.reveal.expect("a reveal");
    assert_eq!((reveal.loc.start.line, reveal.loc.start.column), (28, 17));
    assert_eq!(
        state.problems_panel.as_ref().and_then(|p| p.current),
        Some(1)
    );
    // The list follows the request; closing it drops it.
    let state = run(
        state,
        [Action::SetAction("ec2:DescribeInstances".to_owned())],
    );
    assert_eq!(state.problems_panel.as_ref().map(|p| p.list.len()), Some(3));
    let state = run(state, [Action::ShowProblems(false)]);
    assert!(state.problems_panel.is_none());
}

// Seed row 8 (the `user/*` gotcha): the implicit deny's statement
// AllowAllUsersToListAccounts does not apply because "no Resource entry
// matches `*`", which its `resource-never-matches` finding explains; the
// link reveals that finding, with the Problems panel open on it.
#[test]
fn an_implicit_deny_links_to_the_finding_that_explains_it() {
    let row8 = state_with_preset(8);
    assert_eq!(decision(&row8), Decision::ImplicitDeny);
    let explained = &row8.evaluation.explained;
    assert_eq!(explained.len(), 1, "{explained:?}");
    assert_eq!((explained[0].policy, explained[0].statement), (0, 0));
    assert_eq!(explained[0].finding.code.as_str(), "resource-never-matches");
    let state = run(row8, [Action::RevealExplanation(0)]);
    let panel = state.problems_panel.clone().expect("open");
    assert_eq!(panel.current, Some(0));
    let reveal = state.reveal.expect("a reveal");
    assert_eq!((reveal.loc.start.line, reveal.loc.start.column), (12, 17));
    // Other decisions explain nothing.
    assert!(seed().evaluation.explained.is_empty());
}

/// The seed with the preset of seed row `row` as the request.
fn state_with_preset(row: usize) -> Rc<State> {
    let state = seed();
    let index = state
        .presets
        .iter()
        .position(|p| p.label.starts_with(&format!("{row} ")))
        .expect("the preset");
    run(state, [Action::ApplyPreset(index)])
}

// The page's `.wasm` has no service data: it fetches `services.txt` once
// the first decision is on screen, installs it and sends
// `ServicesArrived` (these tests have the data compiled in, so the lint
// the action asks for finds what the first one found: the seed's three
// `resource-never-matches`).
#[test]
fn arriving_service_data_lints_every_document_again() {
    let state = seed();
    assert_eq!(state.services, ServiceData::Ready);
    let before = Rc::clone(&state);
    let parses = state.engine.borrow().parse_count();
    let revision = state.engine.borrow().revision();
    let state = run(state, [Action::ServicesArrived]);
    assert!(
        state.engine.borrow().parse_count() > parses,
        "every document is parsed and linted again"
    );
    assert!(state.engine.borrow().revision() > revision);
    assert_eq!(state.services, ServiceData::Ready);
    // What is kept (the address bar's link, the autosave) does not change.
    assert!(Rc::ptr_eq(&state.workspace, &before.workspace));
    assert!(Rc::ptr_eq(&state.request, &before.request));
    assert_eq!(state.selected, before.selected);
    assert_eq!(state.document, before.document);
    assert_eq!(state.problem_counts.total(), 3);
    let editor = state.editor.as_ref().expect("Force_MFA stays open");
    let codes: Vec<&str> = editor.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["resource-never-matches"; 3]);
    assert!(state.notice.is_none());
    assert_eq!(
        decision(&state),
        Decision::ExplicitDeny,
        "the decision stays"
    );
}

#[test]
fn service_data_that_cannot_be_loaded_is_said_and_changes_no_decision() {
    let before = seed();
    let why = "`services.txt` answered 404";
    let state = run(Rc::clone(&before), [Action::ServicesFailed(why.to_owned())]);
    assert_eq!(state.services, ServiceData::Failed(why.into()));
    assert!(Rc::ptr_eq(&state.request, &before.request));
    let notice = state.notice.as_deref().expect("a notice says why");
    assert!(notice.contains(why), "{notice}");
    assert_eq!(state.evaluation, before.evaluation);
    // The notice goes with the next action; the playground goes on.
    let state = run(state, [Action::SetMfa(true)]);
    assert!(state.notice.is_none());
    assert_eq!(decision(&state), Decision::Allowed);
}
