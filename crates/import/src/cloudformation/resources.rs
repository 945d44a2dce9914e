//! The template's IAM resources and resource policies, as workspace
//! entities: roles, users, groups and managed policies first (in template
//! order), then what attaches to them (`AWS::IAM::Policy`, the
//! `RolePolicy`/`UserPolicy`/`GroupPolicy` types, `UserToGroupAddition`,
//! a managed policy's `Roles`/`Users`/`Groups`) and the resource policies
//! (bucket, queue and topic policies, key policies, Lambda permissions).

use crate::queue::queue_arn;
use std::collections::HashMap;

use iamplay_core::json::Json;
use iamplay_core::workspace::{
    Document, Group, InlinePolicy, ManagedPolicy, Resource as WsResource, Role, User, Workspace,
};
use iamplay_core::{Code, Diagnostic, Loc};

use super::attributes::REFERENCE_ONLY;
use super::intrinsic::{Resolver, Resource};
use super::value::Value;
use crate::Note;
use crate::document::{object, one_or_many, pretty, string};
use crate::entities::{Entity, EntityIndex, EntityKind, name_attached_policies};

/// A managed policy attached through its own `Roles`/`Users`/`Groups`.
struct Attachment {
    kind: EntityKind,
    entity: String,
    policy: String,
    loc: Loc,
}

/// The statements of the Lambda permissions of one function.
struct FunctionPolicy {
    arn: String,
    label: String,
    statements: Vec<Json>,
}

/// Builds the workspace from the resources of one template.
pub(super) struct Builder<'r, 'n> {
    r: &'r mut Resolver<'n>,
    pub ws: Workspace,
    pub skipped: Vec<Note>,
    attachments: Vec<Attachment>,
    functions: Vec<FunctionPolicy>,
    /// Function ARNs to their entry of `functions`.
    function_index: HashMap<String, usize>,
    entities: EntityIndex,
}

impl<'r, 'n> Builder<'r, 'n> {
    pub fn new(r: &'r mut Resolver<'n>, ws: Workspace) -> Self {
        Self {
            r,
            ws,
            skipped: Vec::new(),
            attachments: Vec::new(),
            functions: Vec::new(),
            function_index: HashMap::new(),
            entities: EntityIndex::default(),
        }
    }

    /// Imports every resource.
    pub fn run(&mut self) {
        let resources = self.r.t.resources.clone();
        let mut created = Vec::with_capacity(resources.len());
        for res in &resources {
            created.push(self.created(res));
        }
        for (res, _) in resources.iter().zip(&created).filter(|(_, c)| **c) {
            match res.kind {
                "AWS::IAM::Role" => self.role(res),
                "AWS::IAM::User" => self.user(res),
                "AWS::IAM::Group" => self.group(res),
                "AWS::IAM::ManagedPolicy" => self.managed_policy(res),
                _ => {}
            }
        }
        self.entities = EntityIndex::new(&self.ws);
        for a in std::mem::take(&mut self.attachments) {
            let policy = a.policy.clone();
            self.attach(
                a.kind,
                &a.entity,
                a.loc,
                &format!("managed policy `{policy}`"),
                |list| {
                    list.managed_policies().push(policy.clone());
                },
            );
        }
        for (res, _) in resources.iter().zip(&created).filter(|(_, c)| **c) {
            match res.kind {
                "AWS::IAM::Role" | "AWS::IAM::User" | "AWS::IAM::Group"
                | "AWS::IAM::ManagedPolicy" => {}
                "AWS::IAM::Policy" => self.policy(res),
                "AWS::IAM::RolePolicy" => self.entity_policy(res, EntityKind::Role, "RoleName"),
                "AWS::IAM::UserPolicy" => self.entity_policy(res, EntityKind::User, "UserName"),
                "AWS::IAM::GroupPolicy" => self.entity_policy(res, EntityKind::Group, "GroupName"),
                "AWS::IAM::UserToGroupAddition" => self.user_to_group(res),
                "AWS::S3::BucketPolicy" => self.bucket_policy(res),
                "AWS::SQS::QueuePolicy" => self.queue_policy(res),
                "AWS::SNS::TopicPolicy" => self.topic_policy(res),
                "AWS::KMS::Key" => self.key(res),
                "AWS::Lambda::Permission" => self.lambda_permission(res),
                "AWS::IAM::InstanceProfile" => self.instance_profile(res),
                kind if REFERENCE_ONLY.contains(&kind) => {}
                kind if kind.starts_with("AWS::Serverless::") => self.skip(
                    res,
                    "AWS SAM resources are expanded by the `AWS::Serverless-2016-10-31` transform when the stack is deployed, which the import does not run",
                ),
                _ => self.skip(res, "the import does not read this resource type"),
            }
        }
        for f in std::mem::take(&mut self.functions) {
            let policy = object(vec![
                ("Version".into(), string("2012-10-17")),
                ("Id".into(), string("default")),
                (
                    "Statement".into(),
                    crate::document::json(iamplay_core::json::JsonValue::Array(f.statements)),
                ),
            ]);
            self.ws.resources.push(WsResource {
                name: Some(f.label),
                arns: vec![f.arn.clone(), format!("{}:*", f.arn)],
                account: None,
                policy: Document::new(pretty(&policy)),
                policy_required: false,
            });
        }
        name_attached_policies(&mut self.ws);
    }

    fn skip(&mut self, res: &Resource<'_>, why: &str) {
        self.skipped.push(Note::at(
            format!("skipped `{}` (`{}`): {why}", res.logical.value, res.kind),
            res.logical.loc,
        ));
    }

    /// Whether the resource is created: its `Condition` holds or cannot be
    /// decided (then it is imported, and noted).
    fn created(&mut self, res: &Resource<'n>) -> bool {
        let Some(c) = res.condition else {
            return true;
        };
        let Some(name) = c.as_str() else {
            self.r.error(
                Code::WrongType,
                format!(
                    "the `Condition` of `{}` must be a condition's name",
                    res.logical.value
                ),
                c.loc,
            );
            return false;
        };
        match self.r.condition(name, c.loc) {
            Some(true) => true,
            Some(false) => {
                self.skipped.push(Note::at(
                    format!(
                        "skipped `{}` (`{}`): its condition `{name}` is false, so the stack does not create it",
                        res.logical.value, res.kind
                    ),
                    res.logical.loc,
                ));
                false
            }
            None => {
                self.r.placeholders.push(Note::at(
                    format!(
                        "`{}` is created only when condition `{name}` holds, which could not be decided from the template; it is imported as if it does",
                        res.logical.value
                    ),
                    c.loc,
                ));
                true
            }
        }
    }

    /// The resolved value of property `key`, and where it was written.
    fn prop(&mut self, res: &Resource<'n>, key: &str) -> Option<(Value, Loc)> {
        let node = res.props?.get(key)?;
        match self.r.value(node) {
            Value::Omitted | Value::Null => None,
            v => Some((v, node.loc)),
        }
    }

    fn text(&mut self, v: &Value, what: &str, loc: Loc) -> Option<String> {
        match v.scalar_text() {
            Some((t, _)) => Some(t.to_owned()),
            None => {
                self.r.error(
                    Code::WrongType,
                    format!("{what} must be text, found a list or mapping"),
                    loc,
                );
                None
            }
        }
    }

    fn prop_text(&mut self, res: &Resource<'n>, key: &str) -> Option<String> {
        let (v, loc) = self.prop(res, key)?;
        self.text(&v, &format!("`{key}` of `{}`", res.logical.value), loc)
    }

    fn required_text(&mut self, res: &Resource<'n>, key: &str) -> Option<String> {
        let found = self.prop_text(res, key);
        if found.is_none() && res.props.and_then(|p| p.get(key)).is_none() {
            self.missing(res, key);
        }
        if found.as_deref().is_some_and(|t| t.trim().is_empty()) {
            // CloudFormation refuses an empty name, and so does a workspace.
            self.r.error(
                Code::EmptyName,
                format!(
                    "`{}` (`{}`): `{key}` must not be empty",
                    res.logical.value, res.kind
                ),
                res.logical.loc,
            );
            return None;
        }
        found
    }

    fn missing(&mut self, res: &Resource<'n>, key: &str) {
        self.r.error(
            Code::MissingKey,
            format!(
                "`{}` (`{}`) needs the property `{key}`",
                res.logical.value, res.kind
            ),
            res.logical.loc,
        );
    }

    fn prop_texts(&mut self, res: &Resource<'n>, key: &str) -> Vec<String> {
        let Some((v, loc)) = self.prop(res, key) else {
            return Vec::new();
        };
        let what = format!("each entry of `{key}` of `{}`", res.logical.value);
        match v {
            Value::List(items) => items
                .iter()
                .filter_map(|i| self.text(i, &what, loc))
                .collect(),
            v => self.text(&v, &what, loc).into_iter().collect(),
        }
    }

    /// A policy document: text as written when it was a string, the
    /// workspace's JSON style when it was a mapping.
    fn document(&mut self, v: &Value, what: &str, loc: Loc) -> Option<Document> {
        match v {
            Value::Str(text, _) => Some(Document::new(text.clone())),
            Value::Map(_) => Some(Document::new(pretty(&v.to_json()))),
            _ => {
                self.r.error(
                    Code::WrongType,
                    format!("{what} must be a policy document (a mapping, or its JSON text)"),
                    loc,
                );
                None
            }
        }
    }

    fn prop_document(&mut self, res: &Resource<'n>, key: &str, required: bool) -> Option<Document> {
        let Some((v, loc)) = self.prop(res, key) else {
            if required {
                self.missing(res, key);
            }
            return None;
        };
        self.document(&v, &format!("`{key}` of `{}`", res.logical.value), loc)
    }

    fn inline_policies(&mut self, res: &Resource<'n>) -> Vec<InlinePolicy> {
        let Some((v, loc)) = self.prop(res, "Policies") else {
            return Vec::new();
        };
        let owner = res.logical.value.clone();
        let Value::List(items) = v else {
            self.r.error(
                Code::WrongType,
                format!("`Policies` of `{owner}` must be a list"),
                loc,
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in &items {
            let member = |k: &str| match item {
                Value::Map(m) => m.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()),
                _ => None,
            };
            let (Some(name), Some(doc)) = (member("PolicyName"), member("PolicyDocument")) else {
                self.r.error(
                    Code::MissingKey,
                    format!("each entry of `Policies` of `{owner}` needs a `PolicyName` and a `PolicyDocument`"),
                    loc,
                );
                continue;
            };
            let Some(name) = self.text(&name, "`PolicyName`", loc) else {
                continue;
            };
            if name.trim().is_empty() {
                self.r.error(
                    Code::EmptyName,
                    format!("an inline policy of `{owner}` has an empty `PolicyName`"),
                    loc,
                );
                continue;
            }
            if let Some(document) = self.document(
                &doc,
                &format!("`PolicyDocument` of inline policy `{name}`"),
                loc,
            ) {
                out.push(InlinePolicy { name, document });
            }
        }
        out
    }

    fn tags(&mut self, res: &Resource<'n>) -> Vec<(String, String)> {
        let Some((Value::List(items), _)) = self.prop(res, "Tags") else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|t| match t {
                Value::Map(m) => {
                    let get = |k: &str| {
                        m.iter()
                            .find(|(key, _)| key == k)
                            .and_then(|(_, v)| v.scalar_text())
                            .map(|(t, _)| t.to_owned())
                    };
                    Some((get("Key")?, get("Value").unwrap_or_default()))
                }
                _ => None,
            })
            .collect()
    }

    fn name(&mut self, res: &Resource<'n>) -> String {
        let v = self.r.physical_name(&res.logical.value, res.logical.loc);
        v.scalar_text()
            .map(|(t, _)| t.to_owned())
            .unwrap_or_default()
    }

    fn path(&mut self, res: &Resource<'n>) -> String {
        let v = self.r.iam_path(&res.logical.value);
        v.scalar_text()
            .map_or_else(|| "/".to_owned(), |(t, _)| t.to_owned())
    }

    fn role(&mut self, res: &Resource<'n>) {
        let role = Role {
            name: self.name(res),
            path: self.path(res),
            trust_policy: self.prop_document(res, "AssumeRolePolicyDocument", true),
            inline_policies: self.inline_policies(res),
            managed_policies: self.prop_texts(res, "ManagedPolicyArns"),
            permissions_boundary: self.prop_text(res, "PermissionsBoundary"),
            tags: self.tags(res),
            ..Role::default()
        };
        self.ws.roles.push(role);
    }

    fn user(&mut self, res: &Resource<'n>) {
        let user = User {
            name: self.name(res),
            path: self.path(res),
            groups: self.prop_texts(res, "Groups"),
            inline_policies: self.inline_policies(res),
            managed_policies: self.prop_texts(res, "ManagedPolicyArns"),
            permissions_boundary: self.prop_text(res, "PermissionsBoundary"),
            tags: self.tags(res),
            ..User::default()
        };
        self.ws.users.push(user);
    }

    fn group(&mut self, res: &Resource<'n>) {
        let group = Group {
            name: self.name(res),
            path: self.path(res),
            inline_policies: self.inline_policies(res),
            managed_policies: self.prop_texts(res, "ManagedPolicyArns"),
        };
        self.ws.groups.push(group);
    }

    fn managed_policy(&mut self, res: &Resource<'n>) {
        let name = self.name(res);
        let Some(document) = self.prop_document(res, "PolicyDocument", true) else {
            return;
        };
        let policy = ManagedPolicy {
            path: self.path(res),
            description: self.prop_text(res, "Description"),
            document,
            name: name.clone(),
        };
        self.ws.policies.push(policy);
        for (key, kind) in [
            ("Roles", EntityKind::Role),
            ("Users", EntityKind::User),
            ("Groups", EntityKind::Group),
        ] {
            for entity in self.prop_texts(res, key) {
                self.attachments.push(Attachment {
                    kind,
                    entity,
                    policy: name.clone(),
                    loc: res.logical.loc,
                });
            }
        }
    }

    /// Applies `f` to the entity of `kind` named `entity`, or notes that
    /// the template does not have it.
    fn attach(
        &mut self,
        kind: EntityKind,
        entity: &str,
        loc: Loc,
        what: &str,
        f: impl FnOnce(Entity<'_>),
    ) {
        match self.entities.find(&mut self.ws, kind, entity) {
            Some(e) => f(e),
            None => self.skipped.push(Note::at(
                format!(
                    "{what} is for {} `{entity}`, which is not in the template; it is left out",
                    kind.word()
                ),
                loc,
            )),
        }
    }

    fn policy(&mut self, res: &Resource<'n>) {
        let Some(name) = self.required_text(res, "PolicyName") else {
            return;
        };
        let Some(document) = self.prop_document(res, "PolicyDocument", true) else {
            return;
        };
        for (key, kind) in [
            ("Roles", EntityKind::Role),
            ("Users", EntityKind::User),
            ("Groups", EntityKind::Group),
        ] {
            for entity in self.prop_texts(res, key) {
                let inline = InlinePolicy {
                    name: name.clone(),
                    document: document.clone(),
                };
                self.attach(
                    kind,
                    &entity,
                    res.logical.loc,
                    &format!("inline policy `{name}` (`{}`)", res.logical.value),
                    |e| {
                        e.inline_policies().push(inline);
                    },
                );
            }
        }
    }

    fn entity_policy(&mut self, res: &Resource<'n>, kind: EntityKind, key: &str) {
        let Some(name) = self.required_text(res, "PolicyName") else {
            return;
        };
        let Some(document) = self.prop_document(res, "PolicyDocument", true) else {
            return;
        };
        let Some(entity) = self.required_text(res, key) else {
            return;
        };
        let inline = InlinePolicy {
            name: name.clone(),
            document,
        };
        self.attach(
            kind,
            &entity,
            res.logical.loc,
            &format!("inline policy `{name}` (`{}`)", res.logical.value),
            |e| {
                e.inline_policies().push(inline);
            },
        );
    }

    fn user_to_group(&mut self, res: &Resource<'n>) {
        let Some(group) = self.required_text(res, "GroupName") else {
            return;
        };
        for user in self.prop_texts(res, "Users") {
            let g = group.clone();
            self.attach(
                EntityKind::User,
                &user,
                res.logical.loc,
                &format!("membership in group `{group}` (`{}`)", res.logical.value),
                |e| {
                    if let Entity::User(u) = e
                        && !u.groups.contains(&g)
                    {
                        u.groups.push(g);
                    }
                },
            );
        }
    }

    fn resource_policy(
        &mut self,
        res: &Resource<'n>,
        arns: Vec<String>,
        key: &str,
        required: bool,
    ) {
        let Some(policy) = self.prop_document(res, key, true) else {
            return;
        };
        self.ws.resources.push(WsResource {
            name: Some(res.logical.value.clone()),
            arns,
            account: None,
            policy,
            policy_required: required,
        });
    }

    fn bucket_policy(&mut self, res: &Resource<'n>) {
        let Some(bucket) = self.required_text(res, "Bucket") else {
            return;
        };
        let p = self.r.pseudo.partition.clone();
        let arns = vec![
            format!("arn:{p}:s3:::{bucket}"),
            format!("arn:{p}:s3:::{bucket}/*"),
        ];
        self.resource_policy(res, arns, "PolicyDocument", false);
    }

    fn queue_policy(&mut self, res: &Resource<'n>) {
        let urls = self.prop_texts(res, "Queues");
        if urls.is_empty() {
            self.missing(res, "Queues");
            return;
        }
        let arns = urls
            .iter()
            .map(|u| queue_arn(&self.r.pseudo.partition, &self.r.pseudo.region, u))
            .collect();
        self.resource_policy(res, arns, "PolicyDocument", false);
    }

    fn topic_policy(&mut self, res: &Resource<'n>) {
        let arns = self.prop_texts(res, "Topics");
        if arns.is_empty() {
            self.missing(res, "Topics");
            return;
        }
        self.resource_policy(res, arns, "PolicyDocument", false);
    }

    /// A KMS key's policy must allow the caller itself, as a trust policy
    /// must. Without `KeyPolicy`, the key gets the default key policy,
    /// which lets the account's IAM policies grant use of the key.
    fn key(&mut self, res: &Resource<'n>) {
        let arn = self
            .r
            .resource_attr(&res.logical.value, "Arn", res.logical.loc);
        let arn = arn
            .scalar_text()
            .map(|(t, _)| t.to_owned())
            .unwrap_or_default();
        let policy = match self.prop(res, "KeyPolicy") {
            Some((v, loc)) => {
                self.document(&v, &format!("`KeyPolicy` of `{}`", res.logical.value), loc)
            }
            None => {
                let p = &self.r.pseudo;
                let root = format!("arn:{}:iam::{}:root", p.partition, p.account);
                self.r.placeholders.push(Note::at(
                    format!(
                        "key `{}` has no `KeyPolicy`: it gets the default key policy, which lets IAM policies of account `{}` grant use of the key",
                        res.logical.value, p.account
                    ),
                    res.logical.loc,
                ));
                let statement = object(vec![
                    ("Sid".into(), string("Enable IAM User Permissions")),
                    ("Effect".into(), string("Allow")),
                    (
                        "Principal".into(),
                        object(vec![("AWS".into(), string(root))]),
                    ),
                    ("Action".into(), string("kms:*")),
                    ("Resource".into(), string("*")),
                ]);
                let doc = object(vec![
                    ("Version".into(), string("2012-10-17")),
                    (
                        "Statement".into(),
                        crate::document::json(iamplay_core::json::JsonValue::Array(vec![
                            statement,
                        ])),
                    ),
                ]);
                Some(Document::new(pretty(&doc)))
            }
        };
        if let Some(policy) = policy {
            self.ws.resources.push(WsResource {
                name: Some(res.logical.value.clone()),
                arns: vec![arn],
                account: None,
                policy,
                policy_required: true,
            });
        }
    }

    /// One statement of the function's resource-based policy, as Lambda
    /// writes it for `AddPermission`.
    fn lambda_permission(&mut self, res: &Resource<'n>) {
        let (Some(action), Some(function), Some(principal)) = (
            self.required_text(res, "Action"),
            self.required_text(res, "FunctionName"),
            self.required_text(res, "Principal"),
        ) else {
            return;
        };
        let p = self.r.pseudo.clone();
        let arn = if function.starts_with("arn:") {
            function.clone()
        } else {
            format!(
                "arn:{}:lambda:{}:{}:function:{function}",
                p.partition, p.region, p.account
            )
        };
        let principal = if principal == "*" {
            string("*")
        } else if principal.ends_with(".amazonaws.com") || principal.ends_with(".amazon.com") {
            object(vec![("Service".into(), string(principal))])
        } else {
            object(vec![("AWS".into(), string(principal))])
        };
        let mut conditions: Vec<(String, Vec<(String, Json)>)> = Vec::new();
        let mut add =
            |op: &str, key: &str, value: String| match conditions.iter_mut().find(|(o, _)| o == op)
            {
                Some((_, keys)) => keys.push((key.to_owned(), string(value))),
                None => conditions.push((op.to_owned(), vec![(key.to_owned(), string(value))])),
            };
        if let Some(v) = self.prop_text(res, "SourceAccount") {
            add("StringEquals", "AWS:SourceAccount", v);
        }
        if let Some(v) = self.prop_text(res, "PrincipalOrgID") {
            add("StringEquals", "aws:PrincipalOrgID", v);
        }
        if let Some(v) = self.prop_text(res, "FunctionUrlAuthType") {
            add("StringEquals", "lambda:FunctionUrlAuthType", v);
        }
        if let Some(v) = self.prop_text(res, "SourceArn") {
            add("ArnLike", "AWS:SourceArn", v);
        }
        let mut statement = vec![
            ("Sid".into(), string(res.logical.value.clone())),
            ("Effect".into(), string("Allow")),
            ("Principal".into(), principal),
            ("Action".into(), one_or_many(vec![action])),
            ("Resource".into(), string(arn.clone())),
        ];
        if !conditions.is_empty() {
            statement.push((
                "Condition".into(),
                object(
                    conditions
                        .into_iter()
                        .map(|(op, keys)| (op, object(keys)))
                        .collect(),
                ),
            ));
        }
        let statement = object(statement);
        match self
            .function_index
            .get(&arn)
            .and_then(|&i| self.functions.get_mut(i))
        {
            Some(f) => f.statements.push(statement),
            None => {
                self.function_index
                    .insert(arn.clone(), self.functions.len());
                let label = format!("function {}", arn.rsplit(':').next().unwrap_or(&arn));
                self.functions.push(FunctionPolicy {
                    arn,
                    label,
                    statements: vec![statement],
                });
            }
        }
    }

    fn instance_profile(&mut self, res: &Resource<'n>) {
        let roles = self.prop_texts(res, "Roles");
        let roles = roles
            .iter()
            .map(|r| format!("`{r}`"))
            .collect::<Vec<_>>()
            .join(", ");
        self.skipped.push(Note::at(
            format!(
                "skipped instance profile `{}` (of role {roles}): an instance profile passes its role to EC2 and adds no permissions; the role is imported",
                res.logical.value
            ),
            res.logical.loc,
        ));
    }

    /// Errors found while importing.
    pub fn diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.r.diagnostics)
    }
}
