//! Reads the JSON output of `aws iam get-account-authorization-details`
//! into plain records, reporting wrong types and missing names with their
//! line and column. Members the importer does not use (dates, ids of
//! policies, `RoleLastUsed`...) are not checked.

use std::collections::HashSet;

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::json::{Json, JsonValue};

use super::document::document_text;

/// A managed policy attached to an entity.
#[derive(Debug, Clone)]
pub(super) struct Attachment {
    /// `PolicyName`.
    pub name: String,
    /// `PolicyArn`.
    pub arn: String,
}

/// An inline policy.
#[derive(Debug, Clone)]
pub(super) struct Inline {
    /// `PolicyName`.
    pub name: String,
    /// The document's text.
    pub document: String,
}

/// An entry of `UserDetailList`.
#[derive(Debug, Clone)]
pub(super) struct AwsUser {
    pub name: String,
    pub path: Option<String>,
    pub id: Option<String>,
    pub arn: Option<String>,
    pub groups: Vec<String>,
    pub attached: Vec<Attachment>,
    pub inline: Vec<Inline>,
    pub boundary: Option<String>,
    pub tags: Vec<(String, String)>,
}

/// An entry of `GroupDetailList`.
#[derive(Debug, Clone)]
pub(super) struct AwsGroup {
    pub name: String,
    pub path: Option<String>,
    pub arn: Option<String>,
    pub attached: Vec<Attachment>,
    pub inline: Vec<Inline>,
}

/// An entry of `RoleDetailList`.
#[derive(Debug, Clone)]
pub(super) struct AwsRole {
    pub name: String,
    pub path: Option<String>,
    pub id: Option<String>,
    pub arn: Option<String>,
    pub trust: Option<String>,
    pub attached: Vec<Attachment>,
    pub inline: Vec<Inline>,
    pub boundary: Option<String>,
    pub tags: Vec<(String, String)>,
    /// The names of the role's instance profiles.
    pub instance_profiles: Vec<String>,
}

/// One version of a managed policy.
#[derive(Debug, Clone)]
pub(super) struct Version {
    pub id: Option<String>,
    pub is_default: bool,
    pub document: Option<String>,
}

/// An entry of `Policies`.
#[derive(Debug, Clone)]
pub(super) struct AwsPolicy {
    pub name: String,
    pub arn: String,
    pub path: Option<String>,
    pub description: Option<String>,
    pub default_version: Option<String>,
    pub versions: Vec<Version>,
}

impl AwsPolicy {
    /// The default version: the one named by `DefaultVersionId`, else the
    /// one marked `IsDefaultVersion`.
    pub fn default(&self) -> Option<&Version> {
        self.versions
            .iter()
            .find(|v| v.id.is_some() && v.id == self.default_version)
            .or_else(|| self.versions.iter().find(|v| v.is_default))
    }
}

/// The whole file.
#[derive(Debug, Clone, Default)]
pub(super) struct Details {
    pub users: Vec<AwsUser>,
    pub groups: Vec<AwsGroup>,
    pub roles: Vec<AwsRole>,
    pub policies: Vec<AwsPolicy>,
    /// `IsTruncated`: later pages are missing.
    pub truncated: bool,
}

const LISTS: [&str; 4] = [
    "UserDetailList",
    "GroupDetailList",
    "RoleDetailList",
    "Policies",
];

/// Reads the parsed file.
pub(super) fn details(json: &Json) -> Result<Details, Vec<Diagnostic>> {
    let mut r = Reader::default();
    if json.as_object().is_none() {
        r.error(
            Code::NotAuthorizationDetails,
            format!(
                "expected the output of `aws iam get-account-authorization-details` (an object with `UserDetailList`, `GroupDetailList`, `RoleDetailList` and `Policies`), found {}",
                json.kind_name()
            ),
            json,
        );
        return Err(r.diagnostics);
    }
    if !LISTS.iter().any(|k| json.get(k).is_some()) {
        r.diagnostics.push(Diagnostic::error(
            Code::NotAuthorizationDetails,
            "this is not the output of `aws iam get-account-authorization-details`: it has none of `UserDetailList`, `GroupDetailList`, `RoleDetailList` and `Policies`",
            json.opening_loc(),
        ));
        return Err(r.diagnostics);
    }
    let mut details = Details {
        truncated: r.boolean(json, "IsTruncated", "the file"),
        ..Details::default()
    };
    for item in r.array(json, "UserDetailList", "the file") {
        if let Some(u) = r.user(item) {
            details.users.push(u);
        }
    }
    for item in r.array(json, "GroupDetailList", "the file") {
        if let Some(g) = r.group(item) {
            details.groups.push(g);
        }
    }
    for item in r.array(json, "RoleDetailList", "the file") {
        if let Some(role) = r.role(item) {
            details.roles.push(role);
        }
    }
    for item in r.array(json, "Policies", "the file") {
        if let Some(p) = r.policy(item) {
            details.policies.push(p);
        }
    }
    if r.diagnostics.is_empty() {
        Ok(details)
    } else {
        Err(r.diagnostics)
    }
}

#[derive(Default)]
struct Reader {
    diagnostics: Vec<Diagnostic>,
    /// The names of users, groups, roles and customer managed policies
    /// read so far, by kind (`a user`...).
    names: HashSet<(&'static str, String)>,
}

impl Reader {
    fn error(&mut self, code: Code, message: String, at: &Json) {
        self.diagnostics
            .push(Diagnostic::error(code, message, at.loc));
    }

    fn wrong_type(&mut self, what: &str, expected: &str, found: &Json) {
        self.error(
            Code::WrongType,
            format!("{what} must be {expected}, found {}", found.kind_name()),
            found,
        );
    }

    /// `obj[key]`, treating `null` as absent.
    fn member<'j>(obj: &'j Json, key: &str) -> Option<&'j Json> {
        obj.get(key).filter(|v| !matches!(v.value, JsonValue::Null))
    }

    fn string(&mut self, obj: &Json, key: &str, owner: &str) -> Option<String> {
        let value = Self::member(obj, key)?;
        match value.as_str() {
            Some(s) => Some(s.to_owned()),
            None => {
                self.wrong_type(&format!("`{key}` of {owner}"), "a string", value);
                None
            }
        }
    }

    fn required_string(&mut self, obj: &Json, key: &str, owner: &str) -> Option<String> {
        if Self::member(obj, key).is_none() {
            self.diagnostics.push(Diagnostic::error(
                Code::MissingKey,
                format!("{owner} needs a `{key}`"),
                obj.opening_loc(),
            ));
            return None;
        }
        self.string(obj, key, owner)
    }

    /// A name (`UserName`, `PolicyName`...) that must be there and not be
    /// blank. IAM creates every user, group, role and policy with a
    /// friendly name (`reference_identifiers.md`), so a blank one is not
    /// AWS's output but an edited file. It is an error with its place, as
    /// a missing name is, rather than an entity left out with a note:
    /// leaving out a group's Deny or a role would change decisions without
    /// the file saying so, and the workspace refuses a blank name.
    fn required_name(&mut self, obj: &Json, key: &str, owner: &str) -> Option<String> {
        let name = self.required_string(obj, key, owner)?;
        if name.trim().is_empty() {
            if let Some(value) = Self::member(obj, key) {
                self.error(
                    Code::EmptyName,
                    format!("`{key}` of {owner} must not be empty"),
                    value,
                );
            }
            return None;
        }
        Some(name)
    }

    /// Checks that no other entity of `kind` (`a user`...) read so far is
    /// named `name`: within an account the friendly name of a user, group,
    /// role or policy is unique (`reference_identifiers.md`), and the
    /// workspace refuses two entries with one name.
    fn unique(&mut self, kind: &'static str, name: &str, obj: &Json, key: &str) {
        if !self.names.insert((kind, name.to_owned()))
            && let Some(value) = Self::member(obj, key)
        {
            self.error(
                Code::DuplicateName,
                format!(
                    "{kind} named `{name}` is already in the file; names are unique in an account"
                ),
                value,
            );
        }
    }

    fn boolean(&mut self, obj: &Json, key: &str, owner: &str) -> bool {
        match Self::member(obj, key) {
            None => false,
            Some(Json {
                value: JsonValue::Bool(b),
                ..
            }) => *b,
            Some(other) => {
                self.wrong_type(&format!("`{key}` of {owner}"), "true or false", other);
                false
            }
        }
    }

    fn array<'j>(&mut self, obj: &'j Json, key: &str, owner: &str) -> &'j [Json] {
        let Some(value) = Self::member(obj, key) else {
            return &[];
        };
        match value.as_array() {
            Some(items) => items,
            None => {
                self.wrong_type(&format!("`{key}` of {owner}"), "an array", value);
                &[]
            }
        }
    }

    /// Checks that `item` is an object.
    fn is_object(&mut self, item: &Json, what: &str) -> bool {
        let ok = item.as_object().is_some();
        if !ok {
            self.wrong_type(what, "an object", item);
        }
        ok
    }

    fn document(&mut self, obj: &Json, key: &str, owner: &str) -> Option<String> {
        let value = Self::member(obj, key)?;
        match document_text(value) {
            Ok(text) => Some(text),
            Err(problem) => {
                self.error(
                    Code::InvalidDocument,
                    format!("`{key}` of {owner} {problem}"),
                    value,
                );
                None
            }
        }
    }

    fn strings(&mut self, obj: &Json, key: &str, owner: &str) -> Vec<String> {
        let mut out = Vec::new();
        for item in self.array(obj, key, owner) {
            match item.as_str() {
                Some(s) => out.push(s.to_owned()),
                None => self.wrong_type(
                    &format!("each entry of `{key}` of {owner}"),
                    "a string",
                    item,
                ),
            }
        }
        out
    }

    fn attachments(&mut self, obj: &Json, owner: &str) -> Vec<Attachment> {
        let key = "AttachedManagedPolicies";
        let mut out = Vec::new();
        for item in self.array(obj, key, owner) {
            let what = format!("an entry of `{key}` of {owner}");
            if !self.is_object(item, &what) {
                continue;
            }
            let arn = self.required_string(item, "PolicyArn", &what);
            let name = self.string(item, "PolicyName", &what);
            if let Some(arn) = arn {
                let name = name.unwrap_or_else(|| name_in_arn(&arn).to_owned());
                out.push(Attachment { name, arn });
            }
        }
        out
    }

    fn inline(&mut self, obj: &Json, key: &str, owner: &str) -> Vec<Inline> {
        let mut out = Vec::new();
        for item in self.array(obj, key, owner) {
            let what = format!("an entry of `{key}` of {owner}");
            if !self.is_object(item, &what) {
                continue;
            }
            let Some(name) = self.required_name(item, "PolicyName", &what) else {
                continue;
            };
            let owner = format!("inline policy `{name}` of {owner}");
            if Self::member(item, "PolicyDocument").is_none() {
                self.diagnostics.push(Diagnostic::error(
                    Code::MissingKey,
                    format!("{owner} needs a `PolicyDocument`"),
                    item.opening_loc(),
                ));
                continue;
            }
            if let Some(document) = self.document(item, "PolicyDocument", &owner) {
                out.push(Inline { name, document });
            }
        }
        out
    }

    fn boundary(&mut self, obj: &Json, owner: &str) -> Option<String> {
        let key = "PermissionsBoundary";
        let value = Self::member(obj, key)?;
        if !self.is_object(value, &format!("`{key}` of {owner}")) {
            return None;
        }
        self.required_string(
            value,
            "PermissionsBoundaryArn",
            &format!("`{key}` of {owner}"),
        )
    }

    fn tags(&mut self, obj: &Json, owner: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for item in self.array(obj, "Tags", owner) {
            let what = format!("a tag of {owner}");
            if !self.is_object(item, &what) {
                continue;
            }
            let key = self.required_string(item, "Key", &what);
            let value = self.string(item, "Value", &what).unwrap_or_default();
            if let Some(key) = key {
                out.push((key, value));
            }
        }
        out
    }

    fn user(&mut self, item: &Json) -> Option<AwsUser> {
        if !self.is_object(item, "each entry of `UserDetailList`") {
            return None;
        }
        let name = self.required_name(item, "UserName", "a user")?;
        self.unique("a user", &name, item, "UserName");
        let owner = format!("user `{name}`");
        Some(AwsUser {
            path: self.string(item, "Path", &owner),
            id: self.string(item, "UserId", &owner),
            arn: self.string(item, "Arn", &owner),
            groups: self.strings(item, "GroupList", &owner),
            attached: self.attachments(item, &owner),
            inline: self.inline(item, "UserPolicyList", &owner),
            boundary: self.boundary(item, &owner),
            tags: self.tags(item, &owner),
            name,
        })
    }

    fn group(&mut self, item: &Json) -> Option<AwsGroup> {
        if !self.is_object(item, "each entry of `GroupDetailList`") {
            return None;
        }
        let name = self.required_name(item, "GroupName", "a group")?;
        self.unique("a group", &name, item, "GroupName");
        let owner = format!("group `{name}`");
        Some(AwsGroup {
            path: self.string(item, "Path", &owner),
            arn: self.string(item, "Arn", &owner),
            attached: self.attachments(item, &owner),
            inline: self.inline(item, "GroupPolicyList", &owner),
            name,
        })
    }

    fn role(&mut self, item: &Json) -> Option<AwsRole> {
        if !self.is_object(item, "each entry of `RoleDetailList`") {
            return None;
        }
        let name = self.required_name(item, "RoleName", "a role")?;
        self.unique("a role", &name, item, "RoleName");
        let owner = format!("role `{name}`");
        let mut instance_profiles = Vec::new();
        for profile in self.array(item, "InstanceProfileList", &owner) {
            if self.is_object(profile, &format!("an instance profile of {owner}")) {
                let name = self
                    .string(
                        profile,
                        "InstanceProfileName",
                        &format!("an instance profile of {owner}"),
                    )
                    .unwrap_or_default();
                instance_profiles.push(name);
            }
        }
        Some(AwsRole {
            path: self.string(item, "Path", &owner),
            id: self.string(item, "RoleId", &owner),
            arn: self.string(item, "Arn", &owner),
            trust: self.document(item, "AssumeRolePolicyDocument", &owner),
            attached: self.attachments(item, &owner),
            inline: self.inline(item, "RolePolicyList", &owner),
            boundary: self.boundary(item, &owner),
            tags: self.tags(item, &owner),
            instance_profiles,
            name,
        })
    }

    fn policy(&mut self, item: &Json) -> Option<AwsPolicy> {
        if !self.is_object(item, "each entry of `Policies`") {
            return None;
        }
        let name = self.required_name(item, "PolicyName", "a policy")?;
        let owner = format!("policy `{name}`");
        let arn = self.required_string(item, "Arn", &owner)?;
        if account_in_arn(&arn) != Some("aws") {
            self.unique("a customer managed policy", &name, item, "PolicyName");
        }
        let mut versions = Vec::new();
        for v in self.array(item, "PolicyVersionList", &owner) {
            let what = format!("a version of {owner}");
            if !self.is_object(v, &what) {
                continue;
            }
            let id = self.string(v, "VersionId", &what);
            let what = match &id {
                Some(id) => format!("version `{id}` of {owner}"),
                None => what,
            };
            versions.push(Version {
                is_default: self.boolean(v, "IsDefaultVersion", &what),
                document: self.document(v, "Document", &what),
                id,
            });
        }
        Some(AwsPolicy {
            path: self.string(item, "Path", &owner),
            description: self.string(item, "Description", &owner),
            default_version: self.string(item, "DefaultVersionId", &owner),
            versions,
            name,
            arn,
        })
    }
}

/// The last part of an ARN's resource, e.g. `ViewOnlyAccess` in
/// `arn:aws:iam::aws:policy/job-function/ViewOnlyAccess`.
pub(super) fn name_in_arn(arn: &str) -> &str {
    let resource = arn.splitn(6, ':').nth(5).unwrap_or(arn);
    resource.rsplit('/').next().unwrap_or(resource)
}

/// The account of an ARN (`aws` for AWS managed policies), if it has one.
pub(super) fn account_in_arn(arn: &str) -> Option<&str> {
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(_), Some(_), Some(_), Some(account)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return None;
    };
    (!account.is_empty()).then_some(account)
}
