//! Terraform's AWS resources as workspace entities: users, groups, roles
//! and managed policies first, then what attaches to them (inline policy
//! resources, policy attachments, group memberships) and resource
//! policies (bucket, queue and topic policies).

use iamplay_core::json::{Json, JsonValue};
use iamplay_core::workspace::{
    Document, Group, InlinePolicy, ManagedPolicy, Resource as WsResource, Role, User, Workspace,
};

use super::policy_document::{render, strings};
use super::{Attr, PathStep, Plan, TfResource};
use crate::entities::{Entity, EntityIndex, EntityKind, name_attached_policies};
use crate::queue::queue_arn;
use crate::{Note, placeholder};

/// Managed resource types that carry no permissions themselves; they are
/// not reported as skipped.
const REFERENCE_ONLY: [&str; 7] = [
    "aws_s3_bucket",
    "aws_sqs_queue",
    "aws_sns_topic",
    "aws_lambda_function",
    "aws_dynamodb_table",
    "aws_cloudwatch_log_group",
    "aws_kms_alias",
];

/// Builds the workspace.
pub(super) fn build(plan: &mut Plan<'_>) -> Workspace {
    let mut ws = Workspace::new();
    ws.account.clone_from(&plan.account);
    let live: Vec<TfResource<'_>> = plan
        .resources
        .iter()
        .filter(|r| !r.deleted && !r.data)
        .cloned()
        .collect();
    for r in &live {
        match r.kind.as_str() {
            "aws_iam_user" => user(plan, &mut ws, r),
            "aws_iam_group" => group(plan, &mut ws, r),
            "aws_iam_role" => role(plan, &mut ws, r),
            "aws_iam_policy" => policy(plan, &mut ws, r),
            _ => {}
        }
    }
    plan.entities = EntityIndex::new(&ws);
    for r in &live {
        match r.kind.as_str() {
            "aws_iam_user" | "aws_iam_group" | "aws_iam_role" | "aws_iam_policy" => {}
            "aws_iam_role_policy" => inline(plan, &mut ws, r, EntityKind::Role, "role"),
            "aws_iam_user_policy" => inline(plan, &mut ws, r, EntityKind::User, "user"),
            "aws_iam_group_policy" => inline(plan, &mut ws, r, EntityKind::Group, "group"),
            "aws_iam_role_policy_attachment" => attachment(plan, &mut ws, r, EntityKind::Role, "role"),
            "aws_iam_user_policy_attachment" => attachment(plan, &mut ws, r, EntityKind::User, "user"),
            "aws_iam_group_policy_attachment" => attachment(plan, &mut ws, r, EntityKind::Group, "group"),
            "aws_iam_policy_attachment" => {
                for (key, kind) in [("users", EntityKind::User), ("roles", EntityKind::Role), ("groups", EntityKind::Group)] {
                    let arn = text(plan, r, "policy_arn", true);
                    for entity in texts(plan, r, key, true) {
                        if let Some(arn) = &arn {
                            attach(plan, &mut ws, r, kind, &entity, |e| e.managed_policies().push(arn.clone()));
                        }
                    }
                }
            }
            "aws_iam_group_membership" => {
                let Some(group) = text(plan, r, "group", true) else { continue };
                for u in texts(plan, r, "users", true) {
                    join_group(plan, &mut ws, r, &u, &group);
                }
            }
            "aws_iam_user_group_membership" => {
                let Some(u) = text(plan, r, "user", true) else { continue };
                for group in texts(plan, r, "groups", true) {
                    join_group(plan, &mut ws, r, &u, &group);
                }
            }
            "aws_s3_bucket_policy" => {
                if let Some(bucket) = text(plan, r, "bucket", true) {
                    let p = plan.partition.clone();
                    let arns = vec![format!("arn:{p}:s3:::{bucket}"), format!("arn:{p}:s3:::{bucket}/*")];
                    resource_policy(plan, &mut ws, r, arns);
                }
            }
            "aws_sqs_queue_policy" => {
                if let Some(url) = text(plan, r, "queue_url", true) {
                    let arn = queue_arn(&plan.partition, "", &url);
                    resource_policy(plan, &mut ws, r, vec![arn]);
                }
            }
            "aws_sns_topic_policy" => {
                if let Some(arn) = text(plan, r, "arn", true) {
                    resource_policy(plan, &mut ws, r, vec![arn]);
                }
            }
            "aws_iam_instance_profile" => plan.skipped.push(Note::at(
                format!(
                    "skipped instance profile `{}`: an instance profile passes its role to EC2 and adds no permissions; the role is imported",
                    r.address
                ),
                r.loc,
            )),
            kind if REFERENCE_ONLY.contains(&kind) => {}
            kind => plan.skipped.push(Note::at(
                format!("skipped `{}` (`{kind}`): the import does not read this resource type", r.address),
                r.loc,
            )),
        }
    }
    name_attached_policies(&mut ws);
    ws
}

fn scalar_text(j: &Json) -> Option<String> {
    match &j.value {
        JsonValue::String(s) => Some(s.clone()),
        JsonValue::Number(n) => Some(n.clone()),
        JsonValue::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Attribute `key` as text; an unknown value is resolved from the
/// configuration when `resolve` (an attachment's name or ARN), else a
/// placeholder.
fn text(plan: &mut Plan<'_>, r: &TfResource<'_>, key: &str, resolve: bool) -> Option<String> {
    match plan.configured_attr(r, key) {
        Attr::Known(v) => scalar_text(v),
        Attr::Absent => None,
        Attr::Unknown(loc) => {
            let refs = plan.references(r, &[PathStep::Key(key)]);
            if resolve
                && let [one] = refs.as_slice()
                && let Some(v) = resolve_reference(plan, one)
            {
                return Some(v);
            }
            Some(plan.unknown(
                r,
                key,
                &format!("`{key}`"),
                refs.first().map(String::as_str),
                loc,
            ))
        }
    }
}

/// Attribute `key` as a list of text (a single string is a list of one).
fn texts(plan: &mut Plan<'_>, r: &TfResource<'_>, key: &str, resolve: bool) -> Vec<String> {
    let known = r.values.and_then(|v| v.get(key));
    let unknown = r.unknown.and_then(|u| u.get(key));
    let attr = plan.configured_attr(r, key);
    if let Attr::Absent = attr {
        return Vec::new();
    }
    if resolve && let Attr::Unknown(_) = attr {
        let refs = plan.references(r, &[PathStep::Key(key)]);
        let resolved: Option<Vec<String>> = refs
            .iter()
            .map(|one| resolve_reference(plan, one))
            .collect();
        if let Some(all) = resolved
            && !all.is_empty()
        {
            return all;
        }
    }
    strings(
        plan,
        r,
        known,
        unknown,
        key,
        &format!("`{key}`"),
        &[PathStep::Key(key)],
    )
}

/// What `reference` (e.g. `aws_iam_policy.deploy.arn`) is, when the plan
/// says or the import can compute it.
fn resolve_reference(plan: &mut Plan<'_>, reference: &str) -> Option<String> {
    let (address, attr) = reference.rsplit_once('.')?;
    let target = plan.by_config_address(address)?.clone();
    if let Attr::Known(v) = Plan::attr(&target, attr) {
        return scalar_text(v);
    }
    let known = |key: &str| match Plan::attr(&target, key) {
        Attr::Known(v) => scalar_text(v),
        _ => None,
    };
    let path = || {
        let p = known("path").unwrap_or_else(|| "/".to_owned());
        let trimmed = p.trim_matches('/');
        if trimmed.is_empty() {
            "/".to_owned()
        } else {
            format!("/{trimmed}/")
        }
    };
    let iam = |kind: &str, name: String| {
        format!(
            "arn:{}:iam::{}:{kind}{}{name}",
            plan.partition,
            plan.account,
            path()
        )
    };
    match (target.kind.as_str(), attr, target.data) {
        ("aws_iam_policy_document", "json", true) => Some(render(plan, &target)),
        ("aws_iam_policy", "arn" | "id", false) => Some(iam("policy", known("name")?)),
        ("aws_iam_role" | "aws_iam_user" | "aws_iam_group", "name" | "id", false) => known("name"),
        ("aws_iam_role", "arn", false) => Some(iam("role", known("name")?)),
        ("aws_iam_user", "arn", false) => Some(iam("user", known("name")?)),
        ("aws_iam_group", "arn", false) => Some(iam("group", known("name")?)),
        ("aws_s3_bucket", "id" | "bucket", false) => known("bucket"),
        ("aws_s3_bucket", "arn", false) => {
            Some(format!("arn:{}:s3:::{}", plan.partition, known("bucket")?))
        }
        _ => None,
    }
}

/// A policy document attribute: the text as Terraform holds it (the
/// result of `jsonencode` or of a data source's `json`), or rendered from
/// the data source it is when that is known only after apply.
fn document(plan: &mut Plan<'_>, r: &TfResource<'_>, key: &str) -> Option<Document> {
    text(plan, r, key, true).map(Document::new)
}

fn tags(r: &TfResource<'_>) -> Vec<(String, String)> {
    let Some(members) = r
        .values
        .and_then(|v| v.get("tags"))
        .and_then(Json::as_object)
    else {
        return Vec::new();
    };
    members
        .iter()
        .filter_map(|m| Some((m.key.value.clone(), scalar_text(&m.value)?)))
        .collect()
}

fn path(plan: &mut Plan<'_>, r: &TfResource<'_>) -> String {
    text(plan, r, "path", false).unwrap_or_else(|| "/".to_owned())
}

/// The resource's `name`; when the plan gives none (or an empty one),
/// Terraform or AWS would make one up, so it stands as a placeholder
/// (never an empty name, which no workspace accepts).
fn name(plan: &mut Plan<'_>, r: &TfResource<'_>) -> String {
    match text(plan, r, "name", false) {
        Some(name) if !name.is_empty() => name,
        _ => {
            let text = placeholder("name", &r.address);
            plan.placeholders.push(Note::at(
                format!("`{text}`: `{}` has no `name` in the plan", r.address),
                r.loc,
            ));
            text
        }
    }
}

fn user(plan: &mut Plan<'_>, ws: &mut Workspace, r: &TfResource<'_>) {
    ws.users.push(User {
        name: name(plan, r),
        path: path(plan, r),
        permissions_boundary: text(plan, r, "permissions_boundary", true),
        tags: tags(r),
        ..User::default()
    });
}

fn group(plan: &mut Plan<'_>, ws: &mut Workspace, r: &TfResource<'_>) {
    ws.groups.push(Group {
        name: name(plan, r),
        path: path(plan, r),
        ..Group::default()
    });
}

fn role(plan: &mut Plan<'_>, ws: &mut Workspace, r: &TfResource<'_>) {
    let mut inline_policies = Vec::new();
    let blocks = r
        .values
        .and_then(|v| v.get("inline_policy"))
        .and_then(Json::as_array)
        .unwrap_or_default();
    for b in blocks {
        let (Some(name), Some(policy)) = (
            b.get("name").and_then(Json::as_str),
            b.get("policy").and_then(Json::as_str),
        ) else {
            continue;
        };
        if !name.is_empty() {
            inline_policies.push(InlinePolicy {
                name: name.to_owned(),
                document: Document::new(policy),
            });
        }
    }
    ws.roles.push(Role {
        name: name(plan, r),
        path: path(plan, r),
        trust_policy: document(plan, r, "assume_role_policy"),
        inline_policies,
        managed_policies: texts(plan, r, "managed_policy_arns", true),
        permissions_boundary: text(plan, r, "permissions_boundary", true),
        tags: tags(r),
        ..Role::default()
    });
}

fn policy(plan: &mut Plan<'_>, ws: &mut Workspace, r: &TfResource<'_>) {
    let Some(document) = document(plan, r, "policy") else {
        return;
    };
    ws.policies.push(ManagedPolicy {
        name: name(plan, r),
        path: path(plan, r),
        description: text(plan, r, "description", false).filter(|d| !d.is_empty()),
        document,
    });
}

fn attach(
    plan: &mut Plan<'_>,
    ws: &mut Workspace,
    r: &TfResource<'_>,
    kind: EntityKind,
    entity: &str,
    f: impl FnOnce(Entity<'_>),
) {
    match plan.entities.find(ws, kind, entity) {
        Some(e) => f(e),
        None => plan.skipped.push(Note::at(
            format!(
                "`{}` is for {} `{entity}`, which is not in the file; it is left out",
                r.address,
                kind.word()
            ),
            r.loc,
        )),
    }
}

fn inline(
    plan: &mut Plan<'_>,
    ws: &mut Workspace,
    r: &TfResource<'_>,
    kind: EntityKind,
    key: &str,
) {
    let (Some(entity), Some(document)) = (text(plan, r, key, true), document(plan, r, "policy"))
    else {
        return;
    };
    let policy = InlinePolicy {
        name: name(plan, r),
        document,
    };
    attach(plan, ws, r, kind, &entity, |e| {
        e.inline_policies().push(policy)
    });
}

fn attachment(
    plan: &mut Plan<'_>,
    ws: &mut Workspace,
    r: &TfResource<'_>,
    kind: EntityKind,
    key: &str,
) {
    let (Some(entity), Some(arn)) = (text(plan, r, key, true), text(plan, r, "policy_arn", true))
    else {
        return;
    };
    attach(plan, ws, r, kind, &entity, |e| {
        e.managed_policies().push(arn)
    });
}

fn join_group(
    plan: &mut Plan<'_>,
    ws: &mut Workspace,
    r: &TfResource<'_>,
    user: &str,
    group: &str,
) {
    attach(plan, ws, r, EntityKind::User, user, |e| {
        if let Entity::User(u) = e
            && !u.groups.iter().any(|g| g == group)
        {
            u.groups.push(group.to_owned());
        }
    });
}

fn resource_policy(plan: &mut Plan<'_>, ws: &mut Workspace, r: &TfResource<'_>, arns: Vec<String>) {
    if let Some(policy) = document(plan, r, "policy") {
        ws.resources.push(WsResource {
            name: Some(r.address.clone()),
            arns,
            account: None,
            policy,
            policy_required: false,
        });
    }
}
