//! The stable identifiers of every problem the playground reports: parse
//! errors, lint findings, workspace and request problems. Each has a
//! kebab-case name that is its serialized form (in JSON output, the JS
//! API and the CLI's `[code]`), never renamed once released.
//!
//! `docs/problem-codes.md` lists them with one line each; a test checks
//! that the page and this enum agree.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! codes {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $name:literal, )+) => {
        /// A problem's stable identifier.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[doc = $doc])+ $variant, )+
        }

        impl Code {
            /// Every code, in the order `docs/problem-codes.md` lists them.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The kebab-case name, e.g. `unknown-element`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)+
                }
            }

            /// One line on what the code means (its doc comment).
            pub fn description(self) -> &'static str {
                match self {
                    $(Code::$variant => concat!($($doc),+).trim_ascii(),)+
                }
            }
        }
    };
}

codes! {
    // ---- policy grammar (`reference_policies_grammar.md`) ----
    /// The text is not valid JSON.
    JsonSyntax = "json-syntax",
    /// An element, entry or workspace member has the wrong JSON type.
    WrongType = "wrong-type",
    /// An element name the policy grammar does not know (names are case-sensitive).
    UnknownElement = "unknown-element",
    /// The same element twice in one policy object.
    DuplicateElement = "duplicate-element",
    /// A required policy element is absent.
    MissingElement = "missing-element",
    /// Two elements that exclude each other, such as `Action` and `NotAction`.
    ConflictingElements = "conflicting-elements",
    /// An empty string, array or object where a value is needed.
    EmptyValue = "empty-value",
    /// `Version` is not `2012-10-17` or `2008-10-17`.
    InvalidVersion = "invalid-version",
    /// `Effect` is not exactly `Allow` or `Deny`.
    InvalidEffect = "invalid-effect",
    /// An action that is not `*` or `service:action`.
    InvalidAction = "invalid-action",
    /// A condition operator that does not exist.
    UnknownOperator = "unknown-operator",
    /// A real operator combined with a set qualifier or `IfExists` it cannot take.
    InvalidOperator = "invalid-operator",
    /// `Principal` or `NotPrincipal` where the policy kind forbids it.
    PrincipalNotAllowed = "principal-not-allowed",
    /// A principal value of the wrong form for its policy kind.
    InvalidPrincipal = "invalid-principal",
    /// A principal map key other than `AWS`, `Service`, `Federated` or `CanonicalUser`.
    UnknownPrincipalType = "unknown-principal-type",
    /// `Id` in an identity-based policy, where IAM does not accept it.
    IdInIdentityPolicy = "id-in-identity-policy",
    /// A `Sid` with characters IAM does not accept.
    InvalidSid = "invalid-sid",
    /// Two statements with the same `Sid`.
    DuplicateSid = "duplicate-sid",
    /// `NotPrincipal` with `"Effect": "Allow"`, which allows nearly everyone.
    NotPrincipalWithAllow = "not-principal-with-allow",
    // ---- lint findings (`access_policies_policy-validator.md`) ----
    /// Policy variables in a policy without `"Version": "2012-10-17"`, where they are literal text.
    VariablesNeedVersion = "variables-need-version",
    /// The `Null` operator with a value other than `true` or `false`.
    NullValue = "null-value",
    /// `Allow` with `NotAction`, which allows every action not listed.
    AllowNotAction = "allow-not-action",
    /// `Allow` with `NotResource`, which allows every resource not listed.
    AllowNotResource = "allow-not-resource",
    /// A statement that names `sts:GetCallerIdentity`, which AWS allows without any permission: naming it has no effect.
    NoPermissionNeeded = "no-permission-needed",
    /// The same entry more than once in one `Action` or `Resource` element (reported once, with the count).
    RepeatedEntry = "repeated-entry",
    /// An action's service prefix that AWS does not have.
    UnknownService = "unknown-service",
    /// An action its service does not have.
    UnknownAction = "unknown-action",
    /// An action pattern with wildcards that matches no action of its service.
    PatternMatchesNothing = "pattern-matches-nothing",
    /// A resource that none of the statement's actions can ever be asked for.
    ResourceNeverMatches = "resource-never-matches",
    /// A condition key that none of the statement's actions' services supports.
    UnsupportedConditionKey = "unsupported-condition-key",
    /// A condition key AWS does not define.
    UnknownConditionKey = "unknown-condition-key",
    /// A condition operator of one type used on a key of another type.
    OperatorTypeMismatch = "operator-type-mismatch",
    /// A set qualifier (`ForAllValues:`, `ForAnyValue:`) on a single-valued key.
    SetOperatorOnSingleValue = "set-operator-on-single-value",
    // ---- workspace files (`docs/workspace-format.md`) ----
    /// The same key twice in one workspace object, or a context key given twice.
    DuplicateKey = "duplicate-key",
    /// A key the workspace format does not have.
    UnknownKey = "unknown-key",
    /// A required workspace key is absent.
    MissingKey = "missing-key",
    /// An entity's `name` is empty.
    EmptyName = "empty-name",
    /// Two entities of one kind share a name.
    DuplicateName = "duplicate-name",
    /// The file's `format` is not `iamplay-workspace`.
    NotAWorkspace = "not-a-workspace",
    /// The file's format version is newer than this build reads.
    FutureVersion = "future-version",
    /// An expected decision that is not `Allowed`, `ExplicitDeny` or `ImplicitDeny`.
    InvalidDecision = "invalid-decision",
    /// A number that cannot be read (a context value, a version).
    InvalidNumber = "invalid-number",
    /// The file is not the output of `aws iam get-account-authorization-details`.
    NotAuthorizationDetails = "not-authorization-details",
    /// A policy document in an imported file that cannot be read.
    InvalidDocument = "invalid-document",
    // ---- importing infrastructure code (`crates/import`) ----
    /// The file is none of the formats the import reads.
    UnknownFormat = "unknown-format",
    /// The text is not valid YAML.
    YamlSyntax = "yaml-syntax",
    /// A YAML alias (`*name`), which CloudFormation does not accept.
    YamlAlias = "yaml-alias",
    /// A CloudFormation intrinsic function (an `Fn::` key or a `!` tag) that does not exist.
    UnknownIntrinsic = "unknown-intrinsic",
    /// A CloudFormation intrinsic function whose arguments have the wrong form.
    InvalidIntrinsic = "invalid-intrinsic",
    /// A `Ref`, `Fn::GetAtt`, `Fn::Sub` variable or condition that names nothing the template declares.
    UnknownLogicalId = "unknown-logical-id",
    /// Intrinsic functions that expand to far more text than the template holds.
    ExpansionTooLarge = "expansion-too-large",
    /// A policy or entity over one of AWS's quotas (policy size, attached policies, groups per user).
    QuotaExceeded = "quota-exceeded",
    // ---- references between entities and requests ----
    /// A managed policy or group named by an entity that the workspace does not have.
    UnresolvedReference = "unresolved-reference",
    /// A request names a user the workspace does not have.
    UnknownUser = "unknown-user",
    /// A request names a role the workspace does not have.
    UnknownRole = "unknown-role",
    /// A policy that applies to the request has errors, so the request cannot be evaluated.
    PolicyHasErrors = "policy-has-errors",
    /// A VPC endpoint named by a request that the workspace does not have.
    UnknownEndpoint = "unknown-endpoint",
    /// A saved request number the workspace does not have.
    UnknownRequest = "unknown-request",
    /// A document id that names no document of the workspace.
    UnknownDocument = "unknown-document",
    /// A document that cannot be edited (an AWS managed policy from the catalog).
    ReadOnlyDocument = "read-only-document",
    /// A request's context value that is not of its key's type (a number, a date, an IP address...).
    ContextValueType = "context-value-type",
    /// A request that names a resource for an action without resource-level permissions (AWS asks for it on `*`).
    ResourceNotSupported = "resource-not-supported",
    /// A request's resource that fits none of its action's resource types.
    ResourceFitsNoType = "resource-fits-no-type",
    // ---- arguments of the JavaScript API and the CLI ----
    /// An argument of the wrong type.
    InvalidArgument = "invalid-argument",
    /// An argument that cannot be written as JSON.
    NotJson = "not-json",
    /// A policy kind other than `identity`, `resource`, `scp` or `rcp`.
    InvalidKind = "invalid-kind",
    /// A request that is neither a saved request's number nor a request.
    InvalidRequest = "invalid-request",
    /// An action pattern that matches no action of the catalog.
    NoMatchingAction = "no-matching-action",
    /// The catalog's data could not be read.
    CatalogUnreadable = "catalog-unreadable",
    /// The operation needs the AWS catalog, which this build does not have.
    NoCatalog = "no-catalog",
}

impl Code {
    /// The code with this kebab-case name.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Code, UnknownCode> {
        Code::from_name(s).ok_or_else(|| UnknownCode(s.to_owned()))
    }
}

/// A name that is no problem code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a problem code")]
pub struct UnknownCode(pub String);

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
        let name = String::deserialize(deserializer)?;
        Code::from_name(&name).ok_or_else(|| serde::de::Error::custom(UnknownCode(name)))
    }
}

/// The Markdown list of every code, as `docs/problem-codes.md` holds it
/// below its heading (checked by a test, written by
/// `cargo test -p iamplay-core --test problem_codes` with
/// `UPDATE_DOCS=1`).
pub fn markdown_table() -> String {
    let mut out = String::from("| code | meaning |\n|---|---|\n");
    for code in Code::ALL {
        out.push_str(&format!(
            "| `{}` | {} |\n",
            code.as_str(),
            code.description()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_read_back() {
        for (i, code) in Code::ALL.iter().enumerate() {
            let name = code.as_str();
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{name}"
            );
            assert_eq!(name.parse::<Code>(), Ok(*code));
            assert!(
                Code::ALL[..i].iter().all(|c| c.as_str() != name),
                "{name} twice"
            );
            assert!(!code.description().is_empty());
        }
        assert!("no-such-code".parse::<Code>().is_err());
    }
}
