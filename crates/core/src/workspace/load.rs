//! Reads a workspace file, reporting every problem with its location.

use std::collections::HashSet;

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::json::{Json, JsonValue, Member, parse_json};
use crate::principal::Principal;
use crate::request::{ContextKeys, ContextValue, Scalar};
use crate::response::Decision;
use crate::source::Loc;

use super::model::*;

/// A workspace read from text, with what was wrong in it.
#[derive(Debug, Clone)]
pub struct LoadedWorkspace {
    /// The workspace, unless an error made it unreadable.
    pub workspace: Option<Workspace>,
    /// Every problem found; errors make `workspace` `None`.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a workspace from the text of a workspace file.
pub fn load_workspace(text: &str) -> LoadedWorkspace {
    let json = match parse_json(text) {
        Ok(json) => json,
        Err(e) => {
            return LoadedWorkspace {
                workspace: None,
                diagnostics: vec![e],
            };
        }
    };
    let mut reader = Reader {
        text,
        diagnostics: Vec::new(),
    };
    let workspace = reader.workspace(&json);
    let failed = reader
        .diagnostics
        .iter()
        .any(|d| d.severity == crate::Severity::Error);
    LoadedWorkspace {
        workspace: if failed { None } else { workspace },
        diagnostics: reader.diagnostics,
    }
}

/// Reads one request, written as an entry of a workspace's `requests`.
pub fn load_request(text: &str) -> Result<RequestSpec, Vec<Diagnostic>> {
    let json = parse_json(text).map_err(|e| vec![e])?;
    let mut reader = Reader {
        text,
        diagnostics: Vec::new(),
    };
    let request = reader.request(&json);
    match request {
        Some(r) if reader.diagnostics.is_empty() => Ok(r),
        _ => Err(reader.diagnostics),
    }
}

struct Reader<'t> {
    text: &'t str,
    diagnostics: Vec<Diagnostic>,
}

/// The members of one JSON object, taken one by one; whatever is left
/// at the end is reported as unknown.
struct Obj<'j> {
    what: &'static str,
    members: &'j [Member],
    used: Vec<bool>,
    loc: Loc,
}

impl<'j> Obj<'j> {
    fn take(&mut self, key: &str) -> Option<&'j Json> {
        let index = self.members.iter().position(|m| m.key.value == key)?;
        if let Some(u) = self.used.get_mut(index) {
            *u = true;
        }
        self.members.get(index).map(|m| &m.value)
    }
}

impl Reader<'_> {
    fn error(&mut self, code: Code, message: impl Into<String>, loc: Loc) {
        self.diagnostics.push(Diagnostic::error(code, message, loc));
    }

    fn object<'j>(&mut self, json: &'j Json, what: &'static str) -> Option<Obj<'j>> {
        match json.as_object() {
            Some(members) => {
                let mut seen: HashSet<&str> = HashSet::with_capacity(members.len());
                for m in members {
                    if !seen.insert(&m.key.value) {
                        self.error(
                            Code::DuplicateKey,
                            format!("duplicate key `{}` in {what}", m.key.value),
                            m.key.loc,
                        );
                    }
                }
                Some(Obj {
                    what,
                    members,
                    used: vec![false; members.len()],
                    loc: json.loc,
                })
            }
            None => {
                self.error(
                    Code::WrongType,
                    format!("{what} must be an object, found {}", json.kind_name()),
                    json.loc,
                );
                None
            }
        }
    }

    fn finish(&mut self, obj: Obj<'_>, known: &[&str]) {
        for (m, used) in obj.members.iter().zip(&obj.used) {
            if !used {
                let mut d = Diagnostic::error(
                    Code::UnknownKey,
                    format!("unknown key `{}` in {}", m.key.value, obj.what),
                    m.key.loc,
                );
                if let Some(s) = suggest(&m.key.value, known) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                } else {
                    d = d.with_help(format!("expected one of {}", list(known)));
                }
                self.diagnostics.push(d);
            }
        }
    }

    fn string(&mut self, json: &Json, what: &str) -> Option<String> {
        match json.as_str() {
            Some(s) => Some(s.to_owned()),
            None => {
                self.error(
                    Code::WrongType,
                    format!("{what} must be a string, found {}", json.kind_name()),
                    json.loc,
                );
                None
            }
        }
    }

    fn opt_string(&mut self, obj: &mut Obj<'_>, key: &str) -> Option<String> {
        let json = obj.take(key)?;
        self.string(json, &format!("`{key}`"))
    }

    fn name(&mut self, obj: &mut Obj<'_>) -> String {
        match obj.take("name") {
            Some(json) => {
                let name = self.string(json, "`name`").unwrap_or_default();
                if name.trim().is_empty() && json.as_str().is_some() {
                    self.error(Code::EmptyName, "`name` must not be empty", json.loc);
                }
                name
            }
            None => {
                self.error(
                    Code::MissingKey,
                    format!("{} needs a `name`", obj.what),
                    opening(obj.loc),
                );
                String::new()
            }
        }
    }

    fn string_list(&mut self, obj: &mut Obj<'_>, key: &str) -> Vec<String> {
        let Some(json) = obj.take(key) else {
            return Vec::new();
        };
        match &json.value {
            JsonValue::String(s) => vec![s.clone()],
            JsonValue::Array(items) => items
                .iter()
                .filter_map(|item| self.string(item, &format!("each entry of `{key}`")))
                .collect(),
            _ => {
                self.error(
                    Code::WrongType,
                    format!(
                        "`{key}` must be a string or an array of strings, found {}",
                        json.kind_name()
                    ),
                    json.loc,
                );
                Vec::new()
            }
        }
    }

    fn array<'j>(&mut self, obj: &mut Obj<'j>, key: &str) -> &'j [Json] {
        let Some(json) = obj.take(key) else {
            return &[];
        };
        match json.as_array() {
            Some(items) => items,
            None => {
                self.error(
                    Code::WrongType,
                    format!("`{key}` must be an array, found {}", json.kind_name()),
                    json.loc,
                );
                &[]
            }
        }
    }

    fn document(&mut self, json: &Json, what: &str) -> Option<Document> {
        match &json.value {
            JsonValue::String(text) => Some(Document::new(text.clone())),
            JsonValue::Object(_) => {
                let start = json.loc.span.start as usize;
                let end = json.loc.span.end as usize;
                let text = self.text.get(start..end).unwrap_or_default();
                Some(Document {
                    text: text.to_owned(),
                    file_offset: Some(start),
                })
            }
            _ => {
                self.error(
                    Code::WrongType,
                    format!(
                        "{what} must be a policy document (an object) or its text (a string), found {}",
                        json.kind_name()
                    ),
                    json.loc,
                );
                None
            }
        }
    }

    fn required_document(&mut self, obj: &mut Obj<'_>, key: &str) -> Document {
        match obj.take(key) {
            Some(json) => self.document(json, &format!("`{key}`")).unwrap_or_default(),
            None => {
                self.error(
                    Code::MissingKey,
                    format!("{} needs a `{key}`", obj.what),
                    opening(obj.loc),
                );
                Document::default()
            }
        }
    }

    fn path(&mut self, obj: &mut Obj<'_>) -> String {
        self.opt_string(obj, "path")
            .unwrap_or_else(|| "/".to_owned())
    }

    fn tags(&mut self, obj: &mut Obj<'_>) -> Vec<(String, String)> {
        let Some(json) = obj.take("tags") else {
            return Vec::new();
        };
        let Some(members) = json.as_object() else {
            self.error(
                Code::WrongType,
                format!(
                    "`tags` must be an object of strings, found {}",
                    json.kind_name()
                ),
                json.loc,
            );
            return Vec::new();
        };
        members
            .iter()
            .filter_map(|m| {
                let value = self.string(&m.value, &format!("tag `{}`", m.key.value))?;
                Some((m.key.value.clone(), value))
            })
            .collect()
    }

    fn workspace(&mut self, json: &Json) -> Option<Workspace> {
        let mut obj = self.object(json, "the workspace")?;
        match obj.take("format") {
            Some(f) if f.as_str() == Some(FORMAT_NAME) => {}
            Some(f) => self.error(
                Code::NotAWorkspace,
                format!("`format` must be `{FORMAT_NAME}`"),
                f.loc,
            ),
            None => {}
        }
        if let Some(v) = obj.take("version") {
            match &v.value {
                JsonValue::Number(n) => match n.parse::<u32>() {
                    Ok(FORMAT_VERSION) => {}
                    Ok(newer) if newer > FORMAT_VERSION => self.error(
                        Code::FutureVersion,
                        format!(
                            "this workspace has format version {newer}, newer than this playground reads (version {FORMAT_VERSION}); update the playground"
                        ),
                        v.loc,
                    ),
                    _ => self.error(
                        Code::InvalidVersion,
                        format!("unknown workspace format version `{n}`; use {FORMAT_VERSION}"),
                        v.loc,
                    ),
                },
                _ => self.error(
                    Code::WrongType,
                    format!("`version` must be a number, found {}", v.kind_name()),
                    v.loc,
                ),
            }
        }
        let mut ws = Workspace::new();
        ws.name = self.opt_string(&mut obj, "name");
        ws.description = self.opt_string(&mut obj, "description");
        ws.reference = self.opt_string(&mut obj, "reference");
        if let Some(account) = self.opt_string(&mut obj, "account") {
            ws.account = account;
        }
        for item in self.array(&mut obj, "policies") {
            if let Some(p) = self.managed_policy(item, "a policy") {
                ws.policies.push(p);
            }
        }
        for item in self.array(&mut obj, "awsManagedPolicies") {
            if let Some(p) = self.managed_policy(item, "an AWS managed policy") {
                ws.aws_managed_policies.push(p);
            }
        }
        for item in self.array(&mut obj, "groups") {
            if let Some(g) = self.group(item) {
                ws.groups.push(g);
            }
        }
        for item in self.array(&mut obj, "users") {
            if let Some(u) = self.user(item) {
                ws.users.push(u);
            }
        }
        for item in self.array(&mut obj, "roles") {
            if let Some(r) = self.role(item) {
                ws.roles.push(r);
            }
        }
        if let Some(org) = obj.take("organization") {
            ws.organization = self.organization(org);
        }
        for item in self.array(&mut obj, "resources") {
            if let Some(r) = self.resource(item) {
                ws.resources.push(r);
            }
        }
        for item in self.array(&mut obj, "endpoints") {
            if let Some(e) = self.endpoint(item) {
                ws.endpoints.push(e);
            }
        }
        for item in self.array(&mut obj, "requests") {
            if let Some(r) = self.request(item) {
                ws.requests.push(r);
            }
        }
        self.finish(
            obj,
            &[
                "format",
                "version",
                "name",
                "description",
                "reference",
                "account",
                "policies",
                "awsManagedPolicies",
                "groups",
                "users",
                "roles",
                "organization",
                "resources",
                "endpoints",
                "requests",
            ],
        );
        self.check_names(&ws, json);
        Some(ws)
    }

    fn managed_policy(&mut self, json: &Json, what: &'static str) -> Option<ManagedPolicy> {
        let mut obj = self.object(json, what)?;
        let name = self.name(&mut obj);
        let path = self.path(&mut obj);
        let description = self.opt_string(&mut obj, "description");
        let document = self.required_document(&mut obj, "document");
        self.finish(obj, &["name", "path", "description", "document"]);
        Some(ManagedPolicy {
            name,
            path,
            description,
            document,
        })
    }

    fn inline_policies(&mut self, obj: &mut Obj<'_>) -> Vec<InlinePolicy> {
        let items = self.array(obj, "inlinePolicies");
        let mut out = Vec::new();
        for item in items {
            let Some(mut o) = self.object(item, "an inline policy") else {
                continue;
            };
            let name = self.name(&mut o);
            let document = self.required_document(&mut o, "document");
            self.finish(o, &["name", "document"]);
            out.push(InlinePolicy { name, document });
        }
        out
    }

    fn group(&mut self, json: &Json) -> Option<Group> {
        let mut obj = self.object(json, "a group")?;
        let name = self.name(&mut obj);
        let path = self.path(&mut obj);
        let managed_policies = self.string_list(&mut obj, "managedPolicies");
        let inline_policies = self.inline_policies(&mut obj);
        self.finish(obj, &["name", "path", "managedPolicies", "inlinePolicies"]);
        Some(Group {
            name,
            path,
            managed_policies,
            inline_policies,
        })
    }

    fn user(&mut self, json: &Json) -> Option<User> {
        let mut obj = self.object(json, "a user")?;
        let user = User {
            name: self.name(&mut obj),
            path: self.path(&mut obj),
            account: self.opt_string(&mut obj, "account"),
            groups: self.string_list(&mut obj, "groups"),
            managed_policies: self.string_list(&mut obj, "managedPolicies"),
            inline_policies: self.inline_policies(&mut obj),
            permissions_boundary: self.opt_string(&mut obj, "permissionsBoundary"),
            tags: self.tags(&mut obj),
            id: self.opt_string(&mut obj, "id"),
        };
        self.finish(
            obj,
            &[
                "name",
                "path",
                "account",
                "groups",
                "managedPolicies",
                "inlinePolicies",
                "permissionsBoundary",
                "tags",
                "id",
            ],
        );
        Some(user)
    }

    fn role(&mut self, json: &Json) -> Option<Role> {
        let mut obj = self.object(json, "a role")?;
        let name = self.name(&mut obj);
        let path = self.path(&mut obj);
        let account = self.opt_string(&mut obj, "account");
        let managed_policies = self.string_list(&mut obj, "managedPolicies");
        let inline_policies = self.inline_policies(&mut obj);
        let permissions_boundary = self.opt_string(&mut obj, "permissionsBoundary");
        let trust_policy = match obj.take("trustPolicy") {
            Some(json) => self.document(json, "`trustPolicy`"),
            None => None,
        };
        let tags = self.tags(&mut obj);
        let id = self.opt_string(&mut obj, "id");
        self.finish(
            obj,
            &[
                "name",
                "path",
                "account",
                "managedPolicies",
                "inlinePolicies",
                "permissionsBoundary",
                "trustPolicy",
                "tags",
                "id",
            ],
        );
        Some(Role {
            name,
            path,
            account,
            managed_policies,
            inline_policies,
            permissions_boundary,
            trust_policy,
            tags,
            id,
        })
    }

    fn organization(&mut self, json: &Json) -> Option<Organization> {
        let mut obj = self.object(json, "`organization`")?;
        let accounts = self.string_list(&mut obj, "accounts");
        let management_account = self.opt_string(&mut obj, "managementAccount");
        let mut policies = Vec::new();
        for item in self.array(&mut obj, "policies") {
            if let Some(p) = self.managed_policy(item, "an organization policy") {
                policies.push(p);
            }
        }
        let mut levels = Vec::new();
        for item in self.array(&mut obj, "levels") {
            let Some(mut o) = self.object(item, "an organization level") else {
                continue;
            };
            let name = self.name(&mut o);
            let scps = self.string_list(&mut o, "scps");
            let rcps = self.string_list(&mut o, "rcps");
            self.finish(o, &["name", "scps", "rcps"]);
            levels.push(OrgLevelSpec { name, scps, rcps });
        }
        self.finish(
            obj,
            &["accounts", "managementAccount", "policies", "levels"],
        );
        Some(Organization {
            accounts,
            management_account,
            policies,
            levels,
        })
    }

    fn resource(&mut self, json: &Json) -> Option<Resource> {
        let mut obj = self.object(json, "a resource")?;
        let name = self.opt_string(&mut obj, "name");
        let mut arns = self.string_list(&mut obj, "arn");
        arns.extend(self.string_list(&mut obj, "arns"));
        if arns.is_empty() {
            self.error(
                Code::MissingKey,
                "a resource needs an `arn` (or `arns`)",
                opening(obj.loc),
            );
        }
        let account = self.opt_string(&mut obj, "account");
        let policy = self.required_document(&mut obj, "policy");
        let policy_required = match obj.take("policyRequired") {
            Some(Json {
                value: JsonValue::Bool(b),
                ..
            }) => *b,
            Some(other) => {
                self.error(
                    Code::WrongType,
                    format!(
                        "`policyRequired` must be true or false, found {}",
                        other.kind_name()
                    ),
                    other.loc,
                );
                false
            }
            None => false,
        };
        self.finish(
            obj,
            &["name", "arn", "arns", "account", "policy", "policyRequired"],
        );
        Some(Resource {
            name,
            arns,
            account,
            policy,
            policy_required,
        })
    }

    fn endpoint(&mut self, json: &Json) -> Option<VpcEndpoint> {
        let mut obj = self.object(json, "a VPC endpoint")?;
        let id = self.opt_string(&mut obj, "id");
        if id.is_none() {
            self.error(
                Code::MissingKey,
                "a VPC endpoint needs an `id` (e.g. `vpce-1a2b3c4d`)",
                opening(obj.loc),
            );
        }
        let vpc = self.opt_string(&mut obj, "vpc");
        let policy = match obj.take("policy") {
            Some(j) => self.document(j, "`policy`"),
            None => None,
        };
        self.finish(obj, &["id", "vpc", "policy"]);
        Some(VpcEndpoint {
            id: id?,
            vpc,
            policy,
        })
    }

    fn principal(&mut self, json: &Json) -> Option<PrincipalSpec> {
        let from_arn = |r: &mut Self, arn: &str, loc: Loc| match Principal::from_arn(arn) {
            Ok(p) => Some(PrincipalSpec::Other(p)),
            Err(e) => {
                r.error(Code::InvalidPrincipal, e.to_string(), loc);
                None
            }
        };
        match &json.value {
            JsonValue::String(s) if s.starts_with("arn:") || s == "*" => {
                from_arn(self, s, json.loc)
            }
            JsonValue::String(s) => Some(PrincipalSpec::User {
                name: s.clone(),
                groups: None,
            }),
            JsonValue::Object(_) => {
                let mut obj = self.object(json, "`principal`")?;
                let spec = if let Some(user) = self.opt_string(&mut obj, "user") {
                    let groups = obj
                        .members
                        .iter()
                        .any(|m| m.key.value == "groups")
                        .then(|| self.string_list(&mut obj, "groups"));
                    Some(PrincipalSpec::User { name: user, groups })
                } else if let Some(role) = self.opt_string(&mut obj, "role") {
                    let session = self
                        .opt_string(&mut obj, "session")
                        .unwrap_or_else(|| "session".to_owned());
                    Some(PrincipalSpec::RoleSession { role, session })
                } else if let Some(arn_json) = obj.take("arn") {
                    let arn = self.string(arn_json, "`arn`")?;
                    from_arn(self, &arn, arn_json.loc)
                } else if let Some(service) = self.opt_string(&mut obj, "service") {
                    Some(PrincipalSpec::Other(Principal::Service { name: service }))
                } else if let Some(account) = self.opt_string(&mut obj, "root") {
                    Some(PrincipalSpec::Other(Principal::Root { account }))
                } else if obj.take("anonymous").is_some() {
                    Some(PrincipalSpec::Other(Principal::Anonymous))
                } else {
                    self.error(
                        Code::MissingKey,
                        "`principal` needs one of `user`, `role`, `arn`, `service`, `root` or `anonymous`",
                        opening(json.loc),
                    );
                    None
                };
                self.finish(
                    obj,
                    &[
                        "user",
                        "groups",
                        "role",
                        "session",
                        "arn",
                        "service",
                        "root",
                        "anonymous",
                    ],
                );
                spec
            }
            _ => {
                self.error(
                    Code::WrongType,
                    format!(
                        "`principal` must be a user name, an ARN or an object, found {}",
                        json.kind_name()
                    ),
                    json.loc,
                );
                None
            }
        }
    }

    fn scalar(&mut self, json: &Json, key: &str) -> Option<Scalar> {
        match &json.value {
            JsonValue::String(s) => Some(Scalar::String(s.clone())),
            JsonValue::Bool(b) => Some(Scalar::Bool(*b)),
            JsonValue::Number(n) => match n.parse::<f64>() {
                Ok(v) => Some(Scalar::Number(v)),
                Err(_) => {
                    self.error(
                        Code::InvalidNumber,
                        format!("`{n}` is not a number"),
                        json.loc,
                    );
                    None
                }
            },
            _ => {
                self.error(
                    Code::WrongType,
                    format!(
                        "the value of context key `{key}` must be a string, number, boolean or an array of them, found {}",
                        json.kind_name()
                    ),
                    json.loc,
                );
                None
            }
        }
    }

    fn context(&mut self, json: &Json) -> ContextKeys {
        let mut keys = ContextKeys::new();
        let Some(members) = json.as_object() else {
            self.error(
                Code::WrongType,
                format!("`context` must be an object, found {}", json.kind_name()),
                json.loc,
            );
            return keys;
        };
        for m in members {
            let key = &m.key.value;
            if keys.contains(key) {
                self.error(
                    Code::DuplicateKey,
                    format!("context key `{key}` is given twice (keys ignore case)"),
                    m.key.loc,
                );
                continue;
            }
            let value = match &m.value.value {
                JsonValue::Array(items) => Some(ContextValue::List(
                    items.iter().filter_map(|i| self.scalar(i, key)).collect(),
                )),
                _ => self.scalar(&m.value, key).map(ContextValue::Single),
            };
            if let Some(value) = value {
                keys.insert(key.clone(), value);
            }
        }
        keys
    }

    fn document_list(&mut self, json: &Json, what: &str) -> Vec<Document> {
        match &json.value {
            JsonValue::Array(items) => items
                .iter()
                .filter_map(|i| self.document(i, what))
                .collect(),
            _ => self.document(json, what).into_iter().collect(),
        }
    }

    fn levels(&mut self, json: &Json, what: &str) -> Vec<Vec<Document>> {
        match &json.value {
            JsonValue::Array(items) => items
                .iter()
                .map(|level| self.document_list(level, what))
                .collect(),
            _ => {
                self.error(
                    Code::WrongType,
                    format!("{what} must be an array of levels, each a document or an array of documents"),
                    json.loc,
                );
                Vec::new()
            }
        }
    }

    fn custom_policies(&mut self, json: &Json) -> Option<CustomPolicies> {
        let mut obj = self.object(json, "`policies`")?;
        let mut custom = CustomPolicies::default();
        if let Some(j) = obj.take("identity") {
            custom.identity = self.document_list(j, "an identity policy");
        }
        if let Some(j) = obj.take("permissionsBoundary") {
            custom.permissions_boundary = self.document(j, "`permissionsBoundary`");
        }
        if let Some(j) = obj.take("resource") {
            custom.resource = self.document(j, "`resource`");
        }
        if let Some(j) = obj.take("scps") {
            custom.scps = self.levels(j, "`scps`");
        }
        if let Some(j) = obj.take("rcps") {
            custom.rcps = self.levels(j, "`rcps`");
        }
        self.finish(
            obj,
            &[
                "identity",
                "permissionsBoundary",
                "resource",
                "scps",
                "rcps",
            ],
        );
        Some(custom)
    }

    fn expectation(&mut self, json: &Json) -> Option<Expectation> {
        let decision_of = |r: &mut Self, j: &Json| -> Option<Decision> {
            let s = r.string(j, "the expected decision")?;
            let d = Decision::from_name(&s);
            if d.is_none() {
                r.error(
                    Code::InvalidDecision,
                    format!(
                        "unknown decision `{s}`; use `Allowed`, `ExplicitDeny` or `ImplicitDeny`"
                    ),
                    j.loc,
                );
            }
            d
        };
        match &json.value {
            JsonValue::String(_) => decision_of(self, json).map(|decision| Expectation {
                decision,
                deciding: None,
                blocked_by: None,
            }),
            JsonValue::Object(_) => {
                let mut obj = self.object(json, "`expect`")?;
                let decision = match obj.take("decision") {
                    Some(j) => decision_of(self, j),
                    None => {
                        self.error(
                            Code::MissingKey,
                            "`expect` needs a `decision`",
                            opening(json.loc),
                        );
                        None
                    }
                };
                let deciding = obj.take("deciding").map(|j| match &j.value {
                    JsonValue::Array(items) => items
                        .iter()
                        .filter_map(|i| self.string(i, "each deciding statement"))
                        .collect(),
                    _ => self.string(j, "`deciding`").into_iter().collect(),
                });
                let blocked_by = self.opt_string(&mut obj, "blockedBy");
                self.finish(obj, &["decision", "deciding", "blockedBy"]);
                decision.map(|decision| Expectation {
                    decision,
                    deciding,
                    blocked_by,
                })
            }
            _ => {
                self.error(
                    Code::WrongType,
                    format!(
                        "`expect` must be a decision name or an object, found {}",
                        json.kind_name()
                    ),
                    json.loc,
                );
                None
            }
        }
    }

    fn request(&mut self, json: &Json) -> Option<RequestSpec> {
        let mut obj = self.object(json, "a request")?;
        let name = self.opt_string(&mut obj, "name");
        let principal = match obj.take("principal") {
            Some(j) => self.principal(j),
            None => {
                self.error(
                    Code::MissingKey,
                    "a request needs a `principal`",
                    opening(json.loc),
                );
                None
            }
        };
        let action = match obj.take("action") {
            Some(j) => self.string(j, "`action`"),
            None => {
                self.error(
                    Code::MissingKey,
                    "a request needs an `action`",
                    opening(json.loc),
                );
                None
            }
        };
        let resource = self
            .opt_string(&mut obj, "resource")
            .unwrap_or_else(|| "*".to_owned());
        let resource_account = self.opt_string(&mut obj, "resourceAccount");
        let context = match obj.take("context") {
            Some(j) => self.context(j),
            None => ContextKeys::new(),
        };
        let session_policy = match obj.take("sessionPolicy") {
            Some(j) => self.document(j, "`sessionPolicy`"),
            None => None,
        };
        let policies = match obj.take("policies") {
            Some(j) => self.custom_policies(j),
            None => None,
        };
        let vpc_endpoint = self.opt_string(&mut obj, "vpcEndpoint");
        let expect = match obj.take("expect") {
            Some(j) => self.expectation(j),
            None => None,
        };
        let reference = self.opt_string(&mut obj, "reference");
        self.finish(
            obj,
            &[
                "name",
                "principal",
                "action",
                "resource",
                "resourceAccount",
                "context",
                "sessionPolicy",
                "policies",
                "vpcEndpoint",
                "expect",
                "reference",
            ],
        );
        Some(RequestSpec {
            name,
            principal: principal?,
            action: action?,
            resource,
            resource_account,
            context,
            session_policy,
            policies,
            vpc_endpoint,
            expect,
            reference,
        })
    }

    /// Duplicate names among policies, groups, users and roles.
    fn check_names(&mut self, ws: &Workspace, json: &Json) {
        let check = |r: &mut Self, key: &str, names: Vec<&str>| {
            let items = json.get(key).and_then(Json::as_array).unwrap_or(&[]);
            let mut seen: HashSet<&str> = HashSet::with_capacity(names.len());
            for (i, name) in names.iter().enumerate() {
                if !seen.insert(name) && !name.is_empty() {
                    let loc = items
                        .get(i)
                        .and_then(|item| item.get("name"))
                        .map(|n| n.loc)
                        .unwrap_or(json.loc);
                    r.error(
                        Code::DuplicateName,
                        format!("two entries of `{key}` are named `{name}`"),
                        loc,
                    );
                }
            }
        };
        check(
            self,
            "policies",
            ws.policies.iter().map(|p| p.name.as_str()).collect(),
        );
        check(
            self,
            "groups",
            ws.groups.iter().map(|p| p.name.as_str()).collect(),
        );
        check(
            self,
            "users",
            ws.users.iter().map(|p| p.name.as_str()).collect(),
        );
        check(
            self,
            "roles",
            ws.roles.iter().map(|p| p.name.as_str()).collect(),
        );
    }
}

/// The location of an object's opening brace.
fn opening(loc: Loc) -> Loc {
    let mut l = loc;
    l.span.end = l.span.start.saturating_add(1).min(loc.span.end);
    l.end = l.start;
    l.end.column = l.end.column.saturating_add(1);
    l
}

fn list(known: &[&str]) -> String {
    known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The known key closest to `key` (same letters ignoring case, or one or
/// two edits away).
fn suggest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    crate::policy::parse::suggest::closest(key, known.iter().copied()).map(|(k, _)| k)
}
