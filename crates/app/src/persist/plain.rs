//! The plain link, written by hand in documentation:
//!
//! ```text
//! #policy=<url-encoded JSON>&action=s3:GetObject&resource=arn:aws:s3:::bucket/key&principal=alice
//! ```
//!
//! | parameter | meaning |
//! |---|---|
//! | `policy` | a policy document; repeat it for more (customer managed policies `Policy`, `Policy2`, …, attached to the principal) |
//! | `boundary` | a permissions boundary document for the principal (policy `Boundary`) |
//! | `principal` | `NAME` or `user/NAME` (a user), `role/NAME` (a role), or the user's or role's ARN; default the user `alice` |
//! | `account` | the account id (default `111122223333`, or the principal ARN's) |
//! | `action` | the request's action (default: the first action the first policy's statements name without a wildcard, so that a policy written without a request shows its own action's decision; none if every one has a wildcard) |
//! | `resource` | the request's resource (default `*`; without `action` either, the first `Resource` entry of the statement that named the action, each `*` as `example`, unless it is `*` or has a policy variable) |
//! | `mfa` | `true`: signed in with MFA (as the request panel's switch) |
//! | a context key, e.g. `aws:SourceIp` | its value: `true`/`false` for Bool keys, comma-separated for multivalued keys |
//!
//! Values are percent-encoded (`encodeURIComponent`); `+` is a plus.

use iamplay_core::policy::Polarity;
use iamplay_core::workspace::{Document, ManagedPolicy, Role, User, Workspace};
use iamplay_core::{PolicyKind, parse_policy};

use super::params::{Param, parse_params};
use crate::state::{DocumentRef, EntityRef, InputValue, PrincipalChoice, RequestDraft, Snapshot};

/// The user a plain link's request is made by when it names none.
pub const DEFAULT_PRINCIPAL: &str = "alice";

/// The name of the boundary policy.
const BOUNDARY_NAME: &str = "Boundary";

/// The parameters a plain link takes besides context keys.
const KNOWN: &str = "`policy`, `boundary`, `principal`, `account`, `action`, `resource`, `mfa` and context keys such as `aws:SourceIp`";

/// Reads a plain link's parameters (without the `#`) as a snapshot; the
/// error names the parameter that is wrong.
pub fn read_plain(text: &str) -> Result<Snapshot, String> {
    let params = parse_params(text).map_err(|why| format!("it is not a valid link: {why}"))?;
    let mut policies: Vec<String> = Vec::new();
    let mut boundary = None;
    let mut principal = None;
    let mut account = None;
    let mut request = RequestDraft::default();
    let mut seen: Vec<String> = Vec::new();
    for Param { name, value } in params {
        let value =
            value.ok_or_else(|| format!("its parameter `{name}` has no value (`{name}=…`)"))?;
        if name != "policy" {
            if seen.contains(&name) {
                return Err(format!("it gives `{name}` twice"));
            }
            seen.push(name.clone());
        }
        match name.as_str() {
            "policy" => policies.push(value),
            "boundary" => boundary = Some(value),
            "principal" => principal = Some(value),
            "account" => account = Some(value),
            "action" => request.action = value,
            "resource" => request.resource = value,
            "mfa" => request.set_mfa(flag(&name, &value)?),
            key if key.contains(':') => request.set(key, context_value(key, &value)?),
            other => {
                return Err(format!(
                    "it has an unknown parameter `{other}`; a plain link takes {KNOWN}"
                ));
            }
        }
    }
    if !seen.iter().any(|name| name == "action")
        && let Some((action, resource)) =
            policies.first().and_then(|text| first_named_request(text))
    {
        request.action = action;
        if let Some(resource) = resource
            && !seen.iter().any(|name| name == "resource")
        {
            request.resource = resource;
        }
    }
    let mut workspace = Workspace::new();
    let (choice, arn_account) = principal_of(principal.as_deref().unwrap_or(DEFAULT_PRINCIPAL))?;
    if let Some(account) = account.or(arn_account) {
        if account.is_empty() || !account.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("its account `{account}` is not an account id"));
        }
        workspace.account = account;
    }
    let names: Vec<String> = (1..=policies.len())
        .map(|n| {
            if n == 1 {
                "Policy".to_owned()
            } else {
                format!("Policy{n}")
            }
        })
        .collect();
    for (name, text) in names.iter().zip(policies) {
        workspace.policies.push(managed(name, text));
    }
    let boundary_name = boundary.map(|text| {
        workspace.policies.push(managed(BOUNDARY_NAME, text));
        BOUNDARY_NAME.to_owned()
    });
    match &choice {
        PrincipalChoice::User(name) => workspace.users.push(User {
            name: name.clone(),
            path: "/".to_owned(),
            managed_policies: names.clone(),
            permissions_boundary: boundary_name,
            ..User::default()
        }),
        PrincipalChoice::Role(name) => workspace.roles.push(Role {
            name: name.clone(),
            path: "/".to_owned(),
            managed_policies: names.clone(),
            permissions_boundary: boundary_name,
            ..Role::default()
        }),
    }
    request.principal = Some(choice);
    let first = workspace
        .policies
        .first()
        .map(|p| DocumentRef::Customer(p.name.clone()));
    Ok(Snapshot {
        workspace,
        request,
        selected: first.clone().map(EntityRef::Document),
        open: first,
    })
}

/// The request a plain link without `action` makes: the first action
/// `policy`'s statements name in an `Action` (not a `NotAction`) without a
/// wildcard, e.g. `s3:GetObject`, and, when the link gives no `resource`
/// either, a resource that statement names ([`example_resource`]).
fn first_named_request(policy: &str) -> Option<(String, Option<String>)> {
    let parsed = parse_policy(policy, PolicyKind::Identity);
    parsed
        .policy?
        .statements
        .iter()
        .filter(|statement| statement.action.polarity == Polarity::Positive)
        .find_map(|statement| {
            let action = statement
                .action
                .entries
                .iter()
                .map(|entry| entry.value.trim())
                .find(|action| action.contains(':') && !action.contains(['*', '?']))?;
            let resource = statement
                .resource
                .as_ref()
                .filter(|block| block.polarity == Polarity::Positive)
                .and_then(|block| block.entries.first())
                .and_then(|entry| example_resource(entry.value.trim()));
            Some((action.to_owned(), resource))
        })
}

/// A resource that the `Resource` entry `pattern` matches: the entry with
/// each `*` as `example` and each `?` as `x`
/// (`arn:aws:s3:::reports/*` → `arn:aws:s3:::reports/example`). None for
/// `*` itself (the request's default) and for an entry with a policy
/// variable, which stands for the caller's own value.
fn example_resource(pattern: &str) -> Option<String> {
    if pattern == "*" || pattern.is_empty() || pattern.contains("${") {
        return None;
    }
    Some(pattern.replace('*', "example").replace('?', "x"))
}

fn managed(name: &str, text: String) -> ManagedPolicy {
    ManagedPolicy {
        name: name.to_owned(),
        path: "/".to_owned(),
        description: None,
        document: Document::new(text),
    }
}

/// The principal `text` names, and the account of its ARN.
fn principal_of(text: &str) -> Result<(PrincipalChoice, Option<String>), String> {
    let text = text.trim();
    let bad = || {
        format!(
            "its principal `{text}` is not a user or role name, `user/NAME`, `role/NAME` or an IAM user or role ARN"
        )
    };
    let (account, resource) = match text.strip_prefix("arn:") {
        Some(rest) => {
            // arn:PARTITION:iam::ACCOUNT:user/PATH/NAME
            let parts: Vec<&str> = rest.splitn(5, ':').collect();
            match parts.as_slice() {
                [_, "iam", "", account, resource] => (Some((*account).to_owned()), *resource),
                _ => return Err(bad()),
            }
        }
        None => (None, text),
    };
    let choice = match resource.split_once('/') {
        Some(("user", path)) => PrincipalChoice::User(last_segment(path).ok_or_else(bad)?),
        Some(("role", path)) => PrincipalChoice::Role(last_segment(path).ok_or_else(bad)?),
        None if account.is_none() && !resource.is_empty() => {
            PrincipalChoice::User(resource.to_owned())
        }
        _ => return Err(bad()),
    };
    Ok((choice, account))
}

fn last_segment(path: &str) -> Option<String> {
    path.rsplit('/')
        .next()
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
}

fn flag(name: &str, value: &str) -> Result<bool, String> {
    match value.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        _ => Err(format!("its `{name}` is `{value}`, not `true` or `false`")),
    }
}

/// The value of context key `key` as the request panel's input for its
/// type holds it.
fn context_value(key: &str, value: &str) -> Result<InputValue, String> {
    Ok(match InputValue::empty_for(key) {
        InputValue::Bool(_) => InputValue::Bool(flag(key, value)?),
        InputValue::Number(_) => InputValue::Number(value.to_owned()),
        InputValue::List(_) => InputValue::List(value.to_owned()),
        InputValue::Text(_) => InputValue::Text(value.to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::State;
    use iamplay_core::response::Decision;

    const READ_REPORTS: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}"#;

    fn link(policy: &str, rest: &str) -> String {
        format!("policy={}&{rest}", super::super::params::escape(policy))
    }

    fn decision(snapshot: &Snapshot) -> Option<Decision> {
        let state = State::restored(snapshot);
        state.evaluation.response.as_ref().map(|r| r.decision)
    }

    // reference_policies_evaluation-logic.md: an Allow in an identity-based
    // policy allows the request; anything it does not cover is implicitly
    // denied.
    #[test]
    fn a_policy_and_a_request_make_a_workspace() {
        let snapshot = read_plain(&link(
            READ_REPORTS,
            "action=s3:GetObject&resource=arn:aws:s3:::reports/q1.csv",
        ))
        .expect("a plain link");
        assert_eq!(snapshot.workspace.policies.len(), 1);
        assert_eq!(snapshot.workspace.policies[0].document.text, READ_REPORTS);
        assert_eq!(snapshot.workspace.users[0].name, DEFAULT_PRINCIPAL);
        assert_eq!(snapshot.workspace.users[0].managed_policies, ["Policy"]);
        assert_eq!(
            snapshot.open,
            Some(DocumentRef::Customer("Policy".to_owned()))
        );
        assert_eq!(decision(&snapshot), Some(Decision::Allowed));
        let other = read_plain(&link(
            READ_REPORTS,
            "action=s3:PutObject&resource=arn:aws:s3:::reports/q1.csv",
        ))
        .expect("a plain link");
        assert_eq!(decision(&other), Some(Decision::ImplicitDeny));
    }

    #[test]
    fn roles_arns_accounts_mfa_and_context_keys() {
        let snapshot = read_plain(&link(
            READ_REPORTS,
            "principal=arn:aws:iam::444455556666:role/app/deploy&action=s3:GetObject&mfa=true&aws:SourceIp=203.0.113.5&aws:SecureTransport=false",
        ))
        .expect("a plain link");
        assert_eq!(snapshot.workspace.account, "444455556666");
        assert_eq!(snapshot.workspace.roles[0].name, "deploy");
        assert_eq!(
            snapshot.request.principal,
            Some(PrincipalChoice::Role("deploy".to_owned()))
        );
        assert!(snapshot.request.mfa());
        assert_eq!(
            snapshot.request.value("aws:SourceIp"),
            Some(&InputValue::Text("203.0.113.5".to_owned()))
        );
        assert_eq!(
            snapshot.request.value("aws:SecureTransport"),
            Some(&InputValue::Bool(false))
        );
    }

    // reference_policies_boundaries.md: the effective permissions are the
    // intersection of the identity-based policy and the boundary.
    #[test]
    fn a_boundary_caps_the_policies() {
        let boundary = super::super::params::escape(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}"#,
        );
        let snapshot = read_plain(&link(
            READ_REPORTS,
            &format!("boundary={boundary}&principal=user/bob&action=s3:GetObject&resource=arn:aws:s3:::reports/a"),
        ))
        .expect("a plain link");
        assert_eq!(
            snapshot.workspace.users[0].permissions_boundary.as_deref(),
            Some("Boundary")
        );
        assert_eq!(decision(&snapshot), Some(Decision::ImplicitDeny));
    }

    #[test]
    fn several_policies_are_numbered() {
        let text = format!(
            "{}&{}",
            link(READ_REPORTS, "action=s3:GetObject"),
            link("{}", "x:y=1")
        );
        let snapshot = read_plain(&text).expect("a plain link");
        let names: Vec<&str> = snapshot
            .workspace
            .policies
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["Policy", "Policy2"]);
    }

    #[test]
    fn without_an_action_the_request_is_the_first_action_the_policy_names() {
        // A documentation block written without a request: its own action.
        let snapshot = read_plain(&link(READ_REPORTS, "resource=arn:aws:s3:::reports/q1.csv"))
            .expect("a plain link");
        assert_eq!(snapshot.request.action, "s3:GetObject");
        assert_eq!(snapshot.request.resource, "arn:aws:s3:::reports/q1.csv");
        assert_eq!(decision(&snapshot), Some(Decision::Allowed));
        // Without a resource either: one the statement names.
        let snapshot = read_plain(&format!(
            "policy={}",
            super::super::params::escape(READ_REPORTS)
        ))
        .expect("a plain link");
        assert_eq!(snapshot.request.action, "s3:GetObject");
        assert_eq!(snapshot.request.resource, "arn:aws:s3:::reports/example");
        assert_eq!(decision(&snapshot), Some(Decision::Allowed));
        // Wildcards and NotAction are passed over for a named action.
        let mixed = r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","NotAction":"iam:*","Resource":"*"},
            {"Effect":"Deny","Action":["s3:Delete*","s3:DeleteBucket"],"Resource":"*"}]}"#;
        let snapshot = read_plain(&format!("policy={}", super::super::params::escape(mixed)))
            .expect("a plain link");
        assert_eq!(snapshot.request.action, "s3:DeleteBucket");
        assert_eq!(snapshot.request.resource, "", "`*` stays the default");
        assert_eq!(decision(&snapshot), Some(Decision::ExplicitDeny));
        // Only wildcards, or a policy that does not parse: no action.
        let wild = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;
        for policy in [wild, "{ not json"] {
            let snapshot = read_plain(&format!("policy={}", super::super::params::escape(policy)))
                .expect("a plain link");
            assert_eq!(snapshot.request.action, "", "{policy}");
        }
        // A given action stays.
        let snapshot =
            read_plain(&link(READ_REPORTS, "action=s3:PutObject")).expect("a plain link");
        assert_eq!(snapshot.request.action, "s3:PutObject");
    }

    #[test]
    fn an_example_resource_is_one_the_entry_matches() {
        assert_eq!(
            example_resource("arn:aws:s3:::reports/*").as_deref(),
            Some("arn:aws:s3:::reports/example")
        );
        assert_eq!(
            example_resource("arn:aws:ec2:*:111122223333:instance/i-0?").as_deref(),
            Some("arn:aws:ec2:example:111122223333:instance/i-0x")
        );
        assert_eq!(example_resource("*"), None);
        assert_eq!(
            example_resource("arn:aws:iam::111122223333:user/${aws:username}"),
            None
        );
    }

    #[test]
    fn mistakes_are_named() {
        let error = read_plain("policy=%7B%7D&acton=s3:GetObject").expect_err("typo");
        assert!(
            error.starts_with("it has an unknown parameter `acton`"),
            "{error}"
        );
        assert_eq!(
            read_plain("action=a&action=b"),
            Err("it gives `action` twice".to_owned())
        );
        assert_eq!(
            read_plain("action"),
            Err("its parameter `action` has no value (`action=…`)".to_owned())
        );
        assert_eq!(
            read_plain("mfa=maybe"),
            Err("its `mfa` is `maybe`, not `true` or `false`".to_owned())
        );
        assert!(
            read_plain("policy=%ZZ")
                .expect_err("escape")
                .contains("`%ZZ`")
        );
        assert!(read_plain("principal=arn:aws:s3:::bucket").is_err());
        assert!(read_plain("account=12ab").is_err());
    }
}
