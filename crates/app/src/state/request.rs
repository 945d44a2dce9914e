//! The request being built in the request panel: who, which action, on
//! which resource, with which context keys (each with an input that fits
//! its type), the "signed in with MFA" switch, and the VPC endpoint it
//! comes through.

use iamplay_catalog::ValueType;
use iamplay_core::request::format_number;
use iamplay_core::workspace::{PrincipalSpec, RequestSpec};
use iamplay_core::{ContextKeys, ContextValue, Scalar};

/// `aws:MultiFactorAuthPresent`.
pub const MFA_PRESENT: &str = "aws:MultiFactorAuthPresent";

/// `aws:MultiFactorAuthAge`.
pub const MFA_AGE: &str = "aws:MultiFactorAuthAge";

/// The age of the MFA sign-in the switch sets, in seconds (the seed
/// scenario's "say `120`").
pub const MFA_AGE_SECONDS: &str = "120";

/// The session name of requests made as a role.
pub const ROLE_SESSION_NAME: &str = "playground";

/// Who makes the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrincipalChoice {
    /// A user of the workspace, by name.
    User(String),
    /// A session of a role of the workspace, by the role's name.
    Role(String),
}

/// A context key's value as typed, in an input that fits the key's type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputValue {
    /// A `Bool` key: a checkbox.
    Bool(bool),
    /// A `Numeric` key: a number input, kept as typed.
    Number(String),
    /// A single-valued key of any other type: a text input.
    Text(String),
    /// A multivalued key: values separated by commas.
    List(String),
}

impl InputValue {
    /// The first value of `key`'s input, chosen by the key's type in the
    /// catalog: `false`, `0`, or empty text (text when the catalog does not
    /// know the key, or before AWS's service data has arrived).
    pub fn empty_for(key: &str) -> InputValue {
        let key_type = iamplay_catalog::services()
            .and_then(|catalog| catalog.condition_key(key))
            .map(|k| k.key_type());
        match key_type {
            Some(t) if t.multivalued => InputValue::List(String::new()),
            Some(t) if t.value == ValueType::Bool => InputValue::Bool(false),
            Some(t) if t.value == ValueType::Numeric => InputValue::Number("0".to_owned()),
            _ => InputValue::Text(String::new()),
        }
    }

    /// The input showing `value` (from a saved request).
    pub fn from_value(value: &ContextValue) -> InputValue {
        match value {
            ContextValue::Single(Scalar::Bool(b)) => InputValue::Bool(*b),
            ContextValue::Single(Scalar::Number(n)) => InputValue::Number(format_number(*n)),
            ContextValue::Single(Scalar::String(s)) => InputValue::Text(s.clone()),
            ContextValue::List(items) => InputValue::List(
                items
                    .iter()
                    .map(Scalar::to_text)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        }
    }

    /// The value as text, as its input shows it.
    fn text(&self) -> String {
        match self {
            InputValue::Bool(b) => b.to_string(),
            InputValue::Number(text) | InputValue::Text(text) | InputValue::List(text) => {
                text.clone()
            }
        }
    }

    /// The same value in the input that fits `key`'s type: the text kept
    /// (a checkbox is on for `true`), or the empty value of `key` when the
    /// value does not read as that type.
    pub fn retyped_for(&self, key: &str) -> InputValue {
        let text = self.text();
        match InputValue::empty_for(key) {
            InputValue::Bool(_) => match text.trim() {
                t if t.eq_ignore_ascii_case("true") => InputValue::Bool(true),
                t if t.eq_ignore_ascii_case("false") => InputValue::Bool(false),
                _ => InputValue::empty_for(key),
            },
            InputValue::Number(zero) => {
                if text.trim().parse::<f64>().is_ok() {
                    InputValue::Number(text.trim().to_owned())
                } else {
                    InputValue::Number(zero)
                }
            }
            InputValue::Text(_) => InputValue::Text(text),
            InputValue::List(_) => InputValue::List(text),
        }
    }

    /// The value for the request; an error when a number does not read.
    pub fn to_value(&self) -> Result<ContextValue, String> {
        Ok(match self {
            InputValue::Bool(b) => ContextValue::Single(Scalar::Bool(*b)),
            InputValue::Number(text) => {
                let n: f64 = text
                    .trim()
                    .parse()
                    .map_err(|_| format!("`{text}` is not a number"))?;
                ContextValue::Single(Scalar::Number(n))
            }
            InputValue::Text(text) => ContextValue::Single(Scalar::String(text.clone())),
            InputValue::List(text) => ContextValue::List(
                text.split(',')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(|v| Scalar::String(v.to_owned()))
                    .collect(),
            ),
        })
    }
}

/// One context key of the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContextInput {
    /// The key, e.g. `aws:SourceIp`.
    pub key: String,
    /// Its value.
    pub value: InputValue,
}

/// The request being built.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RequestDraft {
    /// The caller; none picked yet in an empty workspace.
    pub principal: Option<PrincipalChoice>,
    /// For a user: the groups to evaluate with instead of the user's own
    /// ("what if" memberships), in order.
    pub groups: Option<Vec<String>>,
    /// The action, e.g. `ec2:DescribeInstances`.
    pub action: String,
    /// The resource ARN; empty means `*`.
    pub resource: String,
    /// The context keys, in the order they were added.
    pub context: Vec<ContextInput>,
    /// The id of the workspace's VPC endpoint the request comes through
    /// (which sets `aws:SourceVpce` and `aws:SourceVpc`); `None`: not
    /// through an endpoint.
    pub vpc_endpoint: Option<String>,
}

impl RequestDraft {
    /// The draft showing a saved request (a preset). Principals other than
    /// the workspace's users and roles are left unpicked.
    pub fn from_spec(spec: &RequestSpec) -> RequestDraft {
        let (principal, groups) = match &spec.principal {
            PrincipalSpec::User { name, groups } => {
                (Some(PrincipalChoice::User(name.clone())), groups.clone())
            }
            PrincipalSpec::RoleSession { role, .. } => {
                (Some(PrincipalChoice::Role(role.clone())), None)
            }
            PrincipalSpec::Other(_) => (None, None),
        };
        RequestDraft {
            principal,
            groups,
            action: spec.action.clone(),
            resource: spec.resource.clone(),
            context: spec
                .context
                .iter()
                .map(|entry| ContextInput {
                    key: entry.key.clone(),
                    value: InputValue::from_value(&entry.value),
                })
                .collect(),
            vpc_endpoint: spec.vpc_endpoint.clone(),
        }
    }

    /// Whether the request says the caller signed in with MFA
    /// (`aws:MultiFactorAuthPresent` is true).
    pub fn mfa(&self) -> bool {
        self.value(MFA_PRESENT) == Some(&InputValue::Bool(true))
    }

    /// The "signed in with MFA" switch: on sets
    /// `aws:MultiFactorAuthPresent` true and `aws:MultiFactorAuthAge` to
    /// 120 seconds; off sets it false and removes the age.
    pub fn set_mfa(&mut self, on: bool) {
        self.set(MFA_PRESENT, InputValue::Bool(on));
        if on {
            self.set(MFA_AGE, InputValue::Number(MFA_AGE_SECONDS.to_owned()));
        } else {
            self.remove(MFA_AGE);
        }
    }

    /// The value of `key`, ignoring case.
    pub fn value(&self, key: &str) -> Option<&InputValue> {
        self.context
            .iter()
            .find(|c| c.key.eq_ignore_ascii_case(key))
            .map(|c| &c.value)
    }

    /// Sets `key` (replacing a value under the same name in any case), or
    /// adds it at the end.
    pub fn set(&mut self, key: &str, value: InputValue) {
        match self
            .context
            .iter_mut()
            .find(|c| c.key.eq_ignore_ascii_case(key))
        {
            Some(input) => input.value = value,
            None => self.context.push(ContextInput {
                key: key.to_owned(),
                value,
            }),
        }
    }

    /// Adds `key` with an empty value fitting its type, unless present.
    pub fn add_key(&mut self, key: &str) {
        let key = key.trim();
        if !key.is_empty() && self.value(key).is_none() {
            self.set(key, InputValue::empty_for(key));
        }
    }

    /// Renames the context key `from` to `to` where it stands, its value
    /// carried over into an input that fits `to`'s type; when the request
    /// already has `to`, `from` is only removed.
    pub fn rename_key(&mut self, from: &str, to: &str) {
        let to = to.trim();
        if to.is_empty() {
            return;
        }
        if self.value(to).is_some() && !from.eq_ignore_ascii_case(to) {
            self.remove(from);
            return;
        }
        if let Some(input) = self
            .context
            .iter_mut()
            .find(|c| c.key.eq_ignore_ascii_case(from))
        {
            input.value = input.value.retyped_for(to);
            to.clone_into(&mut input.key);
        }
    }

    /// Removes `key`, ignoring case.
    pub fn remove(&mut self, key: &str) {
        self.context.retain(|c| !c.key.eq_ignore_ascii_case(key));
    }

    /// The resource to evaluate against: `*` when none is given.
    pub fn resource_or_wildcard(&self) -> &str {
        match self.resource.trim() {
            "" => "*",
            resource => resource,
        }
    }

    /// The request to evaluate, or why there is none. Context keys whose
    /// values do not read are left out; [`RequestDraft::problems`] lists
    /// them.
    pub fn to_spec(&self) -> Result<RequestSpec, String> {
        let principal = match &self.principal {
            Some(PrincipalChoice::User(name)) => PrincipalSpec::User {
                name: name.clone(),
                groups: self.groups.clone(),
            },
            Some(PrincipalChoice::Role(role)) => PrincipalSpec::RoleSession {
                role: role.clone(),
                session: ROLE_SESSION_NAME.to_owned(),
            },
            None => return Err("pick a user or role to make the request".to_owned()),
        };
        let action = self.action.trim();
        if action.is_empty() {
            return Err("type the action to request, e.g. `ec2:DescribeInstances`".to_owned());
        }
        let mut context = ContextKeys::new();
        for input in &self.context {
            if let Ok(value) = input.value.to_value()
                && !input.key.trim().is_empty()
            {
                context.insert(input.key.trim(), value);
            }
        }
        Ok(RequestSpec {
            name: None,
            principal,
            action: action.to_owned(),
            resource: self.resource_or_wildcard().to_owned(),
            resource_account: None,
            context,
            session_policy: None,
            policies: None,
            vpc_endpoint: self.vpc_endpoint.clone(),
            expect: None,
            reference: None,
        })
    }

    /// Context keys whose values do not read, with why.
    pub fn problems(&self) -> Vec<(String, String)> {
        self.context
            .iter()
            .filter_map(|c| c.value.to_value().err().map(|e| (c.key.clone(), e)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The seed scenario (../shared/scenarios/README.md): "signed in with
    // MFA" is `aws:MultiFactorAuthPresent` true with an age; without MFA it
    // is false and there is no age.
    #[test]
    fn the_mfa_switch_sets_present_and_age_together() {
        let mut draft = RequestDraft::default();
        draft.set_mfa(true);
        assert!(draft.mfa());
        assert_eq!(draft.value(MFA_PRESENT), Some(&InputValue::Bool(true)));
        assert_eq!(
            draft.value(MFA_AGE),
            Some(&InputValue::Number("120".to_owned()))
        );
        draft.set_mfa(false);
        assert!(!draft.mfa());
        assert_eq!(draft.value(MFA_PRESENT), Some(&InputValue::Bool(false)));
        assert_eq!(draft.value(MFA_AGE), None);
    }

    #[test]
    fn keys_get_inputs_that_fit_their_types() {
        assert_eq!(InputValue::empty_for(MFA_PRESENT), InputValue::Bool(false));
        assert_eq!(
            InputValue::empty_for("aws:MultiFactorAuthAge"),
            InputValue::Number("0".to_owned())
        );
        assert_eq!(
            InputValue::empty_for("aws:TagKeys"),
            InputValue::List(String::new())
        );
        assert_eq!(
            InputValue::empty_for("aws:SourceIp"),
            InputValue::Text(String::new())
        );
        assert_eq!(
            InputValue::empty_for("example:Unknown"),
            InputValue::Text(String::new())
        );
    }

    #[test]
    fn a_number_that_does_not_read_is_left_out_and_reported() {
        let mut draft = RequestDraft {
            principal: Some(PrincipalChoice::User("alice".to_owned())),
            action: "s3:GetObject".to_owned(),
            ..RequestDraft::default()
        };
        draft.set(MFA_AGE, InputValue::Number("12x".to_owned()));
        let spec = draft.to_spec().expect("a request");
        assert!(spec.context.is_empty());
        assert_eq!(draft.problems().len(), 1);
        assert_eq!(spec.resource, "*");
    }

    #[test]
    fn without_a_principal_or_action_there_is_no_request() {
        let draft = RequestDraft::default();
        assert!(draft.to_spec().is_err());
        let draft = RequestDraft {
            principal: Some(PrincipalChoice::Role("deploy".to_owned())),
            ..RequestDraft::default()
        };
        assert!(draft.to_spec().is_err());
    }

    #[test]
    fn a_renamed_key_keeps_its_place_and_a_value_that_fits() {
        let mut draft = RequestDraft::default();
        draft.set("aws:SourceIpp", InputValue::Text("203.0.113.5".to_owned()));
        draft.set(
            "aws:MultiFactorAuthPresnt",
            InputValue::Text("true".to_owned()),
        );
        draft.set("aws:SecureTransport", InputValue::Bool(true));
        draft.rename_key("aws:SourceIpp", "aws:SourceIp");
        draft.rename_key("aws:MultiFactorAuthPresnt", MFA_PRESENT);
        let keys: Vec<&str> = draft.context.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["aws:SourceIp", MFA_PRESENT, "aws:SecureTransport"]);
        assert_eq!(
            draft.value("aws:SourceIp"),
            Some(&InputValue::Text("203.0.113.5".to_owned()))
        );
        assert_eq!(draft.value(MFA_PRESENT), Some(&InputValue::Bool(true)));
        draft.set("aws:SecureTransprt", InputValue::Text("x".to_owned()));
        draft.rename_key("aws:SecureTransprt", "aws:SecureTransport");
        assert_eq!(draft.context.len(), 3, "a key already there is not doubled");
        assert_eq!(
            draft.value("aws:SecureTransport"),
            Some(&InputValue::Bool(true))
        );
        assert_eq!(
            InputValue::Text("soon".to_owned()).retyped_for(MFA_AGE),
            InputValue::Number("0".to_owned())
        );
    }

    #[test]
    fn lists_split_on_commas() {
        let value = InputValue::List("a, b,,c".to_owned())
            .to_value()
            .expect("a list");
        assert_eq!(*value.texts(), ["a", "b", "c"]);
    }
}
