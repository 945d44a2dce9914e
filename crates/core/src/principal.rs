//! The principal that makes a request, and the context keys that follow
//! from it (`aws:username`, `aws:userid`, `aws:PrincipalArn`,
//! `aws:PrincipalAccount`, `aws:PrincipalType`).
//! Reference: `reference_policies_elements_principal.md`,
//! `reference_policies_variables.md` ("Principal key values"),
//! `reference_policies_condition-keys.md`.

use serde::{Deserialize, Serialize};

use crate::request::ContextKeys;

/// Who makes a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Principal {
    /// An IAM user.
    User {
        /// The account the user belongs to.
        account: String,
        /// The user's name.
        name: String,
        /// The user's path, `/` by default.
        #[serde(default = "root_path")]
        path: String,
        /// The user's unique id (`AIDA...`); made up from the ARN when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
    },
    /// A session of an assumed IAM role.
    RoleSession {
        /// The account the role belongs to.
        account: String,
        /// The role's name.
        role: String,
        /// The role's path, `/` by default.
        #[serde(default = "root_path")]
        path: String,
        /// The session name given to `AssumeRole`.
        session: String,
        /// The role's unique id (`AROA...`); made up from the ARN when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        role_id: Option<String>,
    },
    /// An AWS STS federated user session (`GetFederationToken`).
    FederatedUser {
        /// The account.
        account: String,
        /// The name passed to `GetFederationToken`.
        name: String,
    },
    /// The AWS account root user.
    Root {
        /// The account.
        account: String,
    },
    /// An AWS service principal, e.g. `cloudtrail.amazonaws.com`.
    Service {
        /// The service principal name.
        name: String,
    },
    /// An unauthenticated caller.
    Anonymous,
}

fn root_path() -> String {
    "/".to_owned()
}

/// Why a principal ARN could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a principal ARN: expected `arn:aws:iam::ACCOUNT:user/NAME`, `arn:aws:iam::ACCOUNT:root`, `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` or `arn:aws:sts::ACCOUNT:federated-user/NAME`"
)]
pub struct PrincipalArnError(pub String);

impl Principal {
    /// An IAM user at path `/`.
    pub fn user(account: &str, name: &str) -> Principal {
        Principal::User {
            account: account.to_owned(),
            name: name.to_owned(),
            path: root_path(),
            id: None,
        }
    }

    /// A session of a role at path `/`.
    pub fn role_session(account: &str, role: &str, session: &str) -> Principal {
        Principal::RoleSession {
            account: account.to_owned(),
            role: role.to_owned(),
            path: root_path(),
            session: session.to_owned(),
            role_id: None,
        }
    }

    /// Reads a principal from its ARN (user, root, assumed-role session or
    /// federated user), or a service principal name such as
    /// `ec2.amazonaws.com`, or `*`/`anonymous` for an anonymous caller.
    pub fn from_arn(arn: &str) -> Result<Principal, PrincipalArnError> {
        let err = || PrincipalArnError(arn.to_owned());
        if arn == "*" || arn.eq_ignore_ascii_case("anonymous") {
            return Ok(Principal::Anonymous);
        }
        if !arn.starts_with("arn:") && arn.ends_with(".amazonaws.com") {
            return Ok(Principal::Service {
                name: arn.to_owned(),
            });
        }
        let mut parts = arn.splitn(6, ':');
        let (
            Some("arn"),
            Some(_partition),
            Some(service),
            Some(_region),
            Some(account),
            Some(rest),
        ) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        )
        else {
            return Err(err());
        };
        if account.is_empty() {
            return Err(err());
        }
        let account = account.to_owned();
        match service {
            "iam" if rest == "root" => Ok(Principal::Root { account }),
            "iam" => {
                let path_name = rest.strip_prefix("user/").ok_or_else(err)?;
                let (path, name) = split_path(path_name);
                if name.is_empty() {
                    return Err(err());
                }
                Ok(Principal::User {
                    account,
                    name: name.to_owned(),
                    path,
                    id: None,
                })
            }
            "sts" => {
                if let Some(session) = rest.strip_prefix("assumed-role/") {
                    let (role, session) = session.split_once('/').ok_or_else(err)?;
                    if role.is_empty() || session.is_empty() {
                        return Err(err());
                    }
                    Ok(Principal::RoleSession {
                        account,
                        role: role.to_owned(),
                        path: root_path(),
                        session: session.to_owned(),
                        role_id: None,
                    })
                } else if let Some(name) = rest.strip_prefix("federated-user/") {
                    if name.is_empty() {
                        return Err(err());
                    }
                    Ok(Principal::FederatedUser {
                        account,
                        name: name.to_owned(),
                    })
                } else {
                    Err(err())
                }
            }
            _ => Err(err()),
        }
    }

    /// The account the principal belongs to, if any.
    pub fn account(&self) -> Option<&str> {
        match self {
            Principal::User { account, .. }
            | Principal::RoleSession { account, .. }
            | Principal::FederatedUser { account, .. }
            | Principal::Root { account } => Some(account),
            Principal::Service { .. } | Principal::Anonymous => None,
        }
    }

    /// The ARN that makes the request: the user, the session (not the
    /// role), the federated user or the root user.
    pub fn arn(&self) -> Option<String> {
        match self {
            Principal::User {
                account,
                name,
                path,
                ..
            } => Some(concat(&[
                "arn:aws:iam::",
                account,
                ":user",
                &norm_path(path),
                name,
            ])),
            Principal::RoleSession {
                account,
                role,
                session,
                ..
            } => Some(concat(&[
                "arn:aws:sts::",
                account,
                ":assumed-role/",
                role,
                "/",
                session,
            ])),
            Principal::FederatedUser { account, name } => Some(concat(&[
                "arn:aws:sts::",
                account,
                ":federated-user/",
                name,
            ])),
            Principal::Root { account } => Some(root_arn(account)),
            Principal::Service { .. } | Principal::Anonymous => None,
        }
    }

    /// The ARN of the IAM role behind a role session.
    pub fn role_arn(&self) -> Option<String> {
        match self {
            Principal::RoleSession {
                account,
                role,
                path,
                ..
            } => Some(concat(&[
                "arn:aws:iam::",
                account,
                ":role",
                &norm_path(path),
                role,
            ])),
            _ => None,
        }
    }

    /// The value of `aws:PrincipalArn`: for a role session, the role's ARN
    /// (`reference_policies_condition-keys.md`, aws:PrincipalArn).
    pub fn principal_arn_key(&self) -> Option<String> {
        self.role_arn().or_else(|| self.arn())
    }

    /// The value of `aws:PrincipalType`.
    pub fn principal_type(&self) -> &'static str {
        match self {
            Principal::User { .. } => "User",
            Principal::RoleSession { .. } => "AssumedRole",
            Principal::FederatedUser { .. } => "FederatedUser",
            Principal::Root { .. } => "Account",
            Principal::Service { .. } => "AWSService",
            Principal::Anonymous => "Anonymous",
        }
    }

    /// The value of `aws:userid`.
    pub fn user_id(&self) -> String {
        match self {
            Principal::User { id: Some(id), .. } => id.clone(),
            Principal::User { .. } => made_up_id("AIDA", &self.arn().unwrap_or_default()),
            Principal::RoleSession {
                role_id, session, ..
            } => {
                let role_id = role_id
                    .clone()
                    .unwrap_or_else(|| made_up_id("AROA", &self.role_arn().unwrap_or_default()));
                format!("{role_id}:{session}")
            }
            Principal::FederatedUser { account, name } => format!("{account}:{name}"),
            Principal::Root { account } => account.clone(),
            Principal::Service { name } => name.clone(),
            Principal::Anonymous => "anonymous".to_owned(),
        }
    }

    /// Whether this is a session principal (role session or federated
    /// user), to which session policies apply.
    pub fn is_session(&self) -> bool {
        matches!(
            self,
            Principal::RoleSession { .. } | Principal::FederatedUser { .. }
        )
    }

    /// A short human description, e.g. "IAM user `mfa-user-1`".
    pub fn describe(&self) -> String {
        match self {
            Principal::User { name, .. } => format!("IAM user `{name}`"),
            Principal::RoleSession { role, session, .. } => {
                format!("role `{role}` session `{session}`")
            }
            Principal::FederatedUser { name, .. } => format!("federated user `{name}`"),
            Principal::Root { account } => format!("root user of account `{account}`"),
            Principal::Service { name } => format!("service `{name}`"),
            Principal::Anonymous => "an anonymous caller".to_owned(),
        }
    }

    /// The names of the context keys that follow from this principal;
    /// keys a principal type does not have (such as `aws:username` for a
    /// role) are left out.
    pub fn derived_key_names(&self) -> &'static [&'static str] {
        const WITH_USERNAME: &[&str] = &[
            "aws:username",
            "aws:userid",
            "aws:PrincipalArn",
            "aws:PrincipalAccount",
            "aws:PrincipalType",
        ];
        const ALL_BUT_USERNAME: &[&str] = &[
            "aws:userid",
            "aws:PrincipalArn",
            "aws:PrincipalAccount",
            "aws:PrincipalType",
        ];
        const NO_ARN: &[&str] = &["aws:userid", "aws:PrincipalAccount", "aws:PrincipalType"];
        const SERVICE: &[&str] = &["aws:userid", "aws:PrincipalType"];
        match self {
            Principal::User { .. } => WITH_USERNAME,
            Principal::Anonymous => NO_ARN,
            Principal::Service { .. } => SERVICE,
            _ => ALL_BUT_USERNAME,
        }
    }

    /// The value of one derived key (see [`Principal::derived_key_names`]).
    pub fn derived_value(&self, key: &str) -> Option<String> {
        match key {
            "aws:username" => match self {
                Principal::User { name, .. } => Some(name.clone()),
                _ => None,
            },
            "aws:userid" => Some(self.user_id()),
            "aws:PrincipalArn" => self.principal_arn_key(),
            "aws:PrincipalAccount" => match self {
                Principal::Anonymous => Some("anonymous".to_owned()),
                _ => self.account().map(str::to_owned),
            },
            "aws:PrincipalType" => Some(self.principal_type().to_owned()),
            _ => None,
        }
    }

    /// The context keys that follow from the principal, as `(key, value)`
    /// pairs.
    pub fn derived_keys(&self) -> Vec<(&'static str, String)> {
        self.derived_key_names()
            .iter()
            .filter_map(|k| self.derived_value(k).map(|v| (*k, v)))
            .collect()
    }

    /// Whether `context` already has every derived key.
    pub fn context_is_complete(&self, context: &ContextKeys) -> bool {
        self.derived_key_names().iter().all(|k| context.contains(k))
    }

    /// Adds the derived keys to `context`, keeping any the request gave;
    /// returns the names of the keys it added.
    pub fn fill_context(&self, context: &mut ContextKeys) -> Vec<&'static str> {
        let mut added = Vec::new();
        for key in self.derived_key_names() {
            if context.contains(key) {
                continue;
            }
            if let Some(value) = self.derived_value(key) {
                context.insert(*key, value);
                added.push(*key);
            }
        }
        added
    }
}

/// `arn:aws:iam::ACCOUNT:root`.
pub fn root_arn(account: &str) -> String {
    concat(&["arn:aws:iam::", account, ":root"])
}

/// Joins the parts into one string with a single allocation.
fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// An IAM path with a slash at each end: `/`, `/division/team/`.
fn norm_path(path: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        std::borrow::Cow::Borrowed("/")
    } else if path.len() == trimmed.len() + 2 {
        std::borrow::Cow::Borrowed(path)
    } else {
        std::borrow::Cow::Owned(concat(&["/", trimmed, "/"]))
    }
}

/// Splits `path/to/name` into (`/path/to/`, `name`).
fn split_path(path_name: &str) -> (String, &str) {
    match path_name.rsplit_once('/') {
        Some((path, name)) => (norm_path(path).into_owned(), name),
        None => (root_path(), path_name),
    }
}

/// A stable, realistic-looking unique id: `prefix` + 17 characters from a
/// hash of `seed` (FNV-1a), so the same entity always gets the same id.
fn made_up_id(prefix: &str, seed: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut id = String::with_capacity(prefix.len() + 17);
    id.push_str(prefix);
    let mut state = hash;
    for _ in 0..17 {
        let index = usize::try_from(state % 32).unwrap_or(0);
        id.push(char::from(ALPHABET[index]));
        state = state.rotate_right(5) ^ hash.wrapping_mul(31);
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_keys_follow_from_the_user() {
        let p = Principal::user("111122223333", "mfa-user-1");
        let keys = p.derived_keys();
        assert_eq!(keys[0], ("aws:username", "mfa-user-1".to_owned()));
        assert!(keys[1].1.starts_with("AIDA"));
        assert_eq!(keys[1].1.len(), 21);
        assert_eq!(
            keys[2],
            (
                "aws:PrincipalArn",
                "arn:aws:iam::111122223333:user/mfa-user-1".to_owned()
            )
        );
        assert_eq!(keys[3], ("aws:PrincipalAccount", "111122223333".to_owned()));
        assert_eq!(keys[4], ("aws:PrincipalType", "User".to_owned()));
    }

    #[test]
    fn role_session_has_role_arn_as_principal_arn_and_no_username() {
        let p = Principal::from_arn("arn:aws:sts::111122223333:assumed-role/Admin/alice").unwrap();
        assert_eq!(
            p.arn().unwrap(),
            "arn:aws:sts::111122223333:assumed-role/Admin/alice"
        );
        assert_eq!(
            p.principal_arn_key().unwrap(),
            "arn:aws:iam::111122223333:role/Admin"
        );
        assert!(p.derived_keys().iter().all(|(k, _)| *k != "aws:username"));
        assert!(p.user_id().starts_with("AROA") && p.user_id().ends_with(":alice"));
    }

    // reference_policies_condition-keys.md, #condition-keys-principalaccount:
    // "This key is included in the request context for all requests,
    // including anonymous requests"; "For anonymous requests, the request
    // context returns `anonymous`". #condition-keys-principalarn:
    // "Anonymous requests do not include this key".
    #[test]
    fn anonymous_caller_has_principal_account_anonymous() {
        let keys = Principal::Anonymous.derived_keys();
        assert!(keys.contains(&("aws:PrincipalAccount", "anonymous".to_owned())));
        assert!(keys.iter().all(|(k, _)| *k != "aws:PrincipalArn"));
        assert!(keys.iter().all(|(k, _)| *k != "aws:username"));
    }

    #[test]
    fn reads_user_paths_and_rejects_non_principals() {
        let p = Principal::from_arn("arn:aws:iam::111122223333:user/division/team/bob").unwrap();
        assert_eq!(
            p.arn().unwrap(),
            "arn:aws:iam::111122223333:user/division/team/bob"
        );
        assert!(Principal::from_arn("arn:aws:s3:::bucket").is_err());
        assert!(Principal::from_arn("nonsense").is_err());
        assert_eq!(
            Principal::from_arn("arn:aws:iam::111122223333:root").unwrap(),
            Principal::Root {
                account: "111122223333".into()
            }
        );
    }
}
