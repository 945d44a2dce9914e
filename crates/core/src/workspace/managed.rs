//! Managed policies: where AWS managed policies come from, the ARNs of
//! managed policies, and how an attachment (a name or an ARN) names one.

use crate::source::{LineIndex, Loc, Position, Span};

use super::model::*;

/// An AWS managed policy's current version, as a catalog provides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsManagedPolicy {
    /// e.g. `AmazonEC2FullAccess`.
    pub name: String,
    /// e.g. `arn:aws:iam::aws:policy/AmazonEC2FullAccess`.
    pub arn: String,
    /// The default version, e.g. `v8`.
    pub version_id: String,
    /// The document's JSON text.
    pub document: String,
}

/// Where AWS managed policies come from (the catalog crate implements it).
pub trait ManagedPolicySource {
    /// The AWS managed policy with this name or ARN, if known.
    fn aws_managed_policy(&self, name_or_arn: &str) -> Option<AwsManagedPolicy>;
}

/// A source that knows no AWS managed policies (the workspace must embed
/// the ones it uses).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoManagedPolicies;

impl ManagedPolicySource for NoManagedPolicies {
    fn aws_managed_policy(&self, _: &str) -> Option<AwsManagedPolicy> {
        None
    }
}

/// Every `&T` of a source is a source.
impl<T: ManagedPolicySource + ?Sized> ManagedPolicySource for &T {
    fn aws_managed_policy(&self, name_or_arn: &str) -> Option<AwsManagedPolicy> {
        (**self).aws_managed_policy(name_or_arn)
    }
}

/// The built-in `FullAWSAccess` SCP that AWS attaches by default.
pub const FULL_AWS_ACCESS: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

pub(crate) fn norm_path(path: &str) -> String {
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_owned()
    } else {
        format!("/{trimmed}/")
    }
}

/// Whether `name` (a policy name or ARN) names `policy`; the ARN is only
/// built when the name could be it.
pub(crate) fn names_policy(
    name: &str,
    policy: &ManagedPolicy,
    arn: impl FnOnce() -> String,
) -> bool {
    policy.name == name || (name.ends_with(policy.name.as_str()) && arn() == name)
}

/// The ARN of a customer managed policy of `ws`.
pub fn customer_arn(ws: &Workspace, p: &ManagedPolicy) -> String {
    format!(
        "arn:aws:iam::{}:policy{}{}",
        ws.account,
        norm_path(&p.path),
        p.name
    )
}

/// The ARN of an AWS managed policy.
pub fn aws_arn(p: &ManagedPolicy) -> String {
    format!("arn:aws:iam::aws:policy{}{}", norm_path(&p.path), p.name)
}

/// Moves a location inside a document to where the document sits in its
/// workspace file (for documents written inline as JSON objects).
pub fn relocate(loc: Loc, doc: &Document, file: &LineIndex<'_>) -> Loc {
    let Some(offset) = doc.file_offset else {
        return loc;
    };
    let base = file.position(offset);
    let shift = |p: Position| Position {
        line: base.line + p.line - 1,
        column: if p.line == 1 {
            base.column + p.column - 1
        } else {
            p.column
        },
    };
    let offset = u32::try_from(offset).unwrap_or(u32::MAX);
    Loc {
        span: Span {
            start: loc.span.start.saturating_add(offset),
            end: loc.span.end.saturating_add(offset),
        },
        start: shift(loc.start),
        end: shift(loc.end),
    }
}

#[cfg(feature = "catalog")]
impl ManagedPolicySource for iamplay_catalog::ManagedPolicies {
    fn aws_managed_policy(&self, name_or_arn: &str) -> Option<AwsManagedPolicy> {
        let policy = self.get(name_or_arn)?;
        Some(AwsManagedPolicy {
            name: policy.name().to_owned(),
            arn: policy.arn(),
            version_id: policy.version_id().to_owned(),
            document: policy.document(),
        })
    }
}
