//! The AWS managed policies the playground knows: `AmazonEC2FullAccess`,
//! compiled in because the seed scenario attaches it, and the whole list
//! once it has been fetched (`managed-policies.txt`, next to the page).

use std::rc::Rc;

use iamplay_catalog::ManagedPolicies;
use iamplay_core::workspace::{AwsManagedPolicy, ManagedPolicySource};

/// The name of the AWS managed policy compiled into the app.
pub const BUILTIN_NAME: &str = "AmazonEC2FullAccess";

/// Its ARN.
pub const BUILTIN_ARN: &str = "arn:aws:iam::aws:policy/AmazonEC2FullAccess";

/// Its version in the catalog's data (`crates/catalog/data`).
const BUILTIN_VERSION: &str = "v5";

/// Its document, exactly as in `examples/seed/AmazonEC2FullAccess.policy.json`.
pub const BUILTIN_DOCUMENT: &str =
    include_str!("../../../examples/seed/AmazonEC2FullAccess.policy.json");

/// The prefix of every AWS managed policy's ARN (in the `aws` partition).
pub const AWS_POLICY_ARN_PREFIX: &str = "arn:aws:iam::aws:policy/";

/// Where the list of AWS managed policies stands.
#[derive(Clone, Debug, Default)]
pub enum Loading {
    /// Not asked for yet.
    #[default]
    NotLoaded,
    /// Being fetched.
    Loading,
    /// Fetched and parsed.
    Loaded(Rc<ManagedPolicies>),
    /// The fetch or the parse failed, with why.
    Failed(String),
}

impl PartialEq for Loading {
    /// Two loaded lists are equal when they are the same list.
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Loading::NotLoaded, Loading::NotLoaded) | (Loading::Loading, Loading::Loading) => true,
            (Loading::Loaded(a), Loading::Loaded(b)) => Rc::ptr_eq(a, b),
            (Loading::Failed(a), Loading::Failed(b)) => a == b,
            _ => false,
        }
    }
}

/// The AWS managed policies available to the workspace: the built-in one,
/// and every other once the list is loaded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AwsPolicies {
    /// The state of the full list.
    pub list: Loading,
}

/// One AWS managed policy as the picker shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AwsPolicyEntry {
    /// e.g. `AmazonEC2FullAccess`.
    pub name: String,
    /// e.g. `arn:aws:iam::aws:policy/AmazonEC2FullAccess`.
    pub arn: String,
}

impl AwsPolicies {
    /// The loaded list, if any.
    pub fn loaded(&self) -> Option<&ManagedPolicies> {
        match &self.list {
            Loading::Loaded(list) => Some(list),
            _ => None,
        }
    }

    /// Whether the list has been fetched and parsed.
    pub fn is_loaded(&self) -> bool {
        self.loaded().is_some()
    }

    /// The policies whose names contain every word of `query` (see
    /// [`ManagedPolicies::search`]), at most `limit`; only the built-in
    /// one until the list is loaded.
    pub fn search(&self, query: &str, limit: usize) -> Vec<AwsPolicyEntry> {
        match self.loaded() {
            Some(list) => list
                .search(query)
                .into_iter()
                .take(limit)
                .map(|p| AwsPolicyEntry {
                    name: p.name().to_owned(),
                    arn: p.arn(),
                })
                .collect(),
            None => {
                let words_match = query.split_whitespace().all(|w| {
                    BUILTIN_NAME
                        .to_ascii_lowercase()
                        .contains(&w.to_ascii_lowercase())
                });
                if words_match {
                    vec![AwsPolicyEntry {
                        name: BUILTIN_NAME.to_owned(),
                        arn: BUILTIN_ARN.to_owned(),
                    }]
                } else {
                    Vec::new()
                }
            }
        }
    }
}

/// Whether `name_or_arn` names the built-in policy.
fn is_builtin(name_or_arn: &str) -> bool {
    name_or_arn.eq_ignore_ascii_case(BUILTIN_NAME) || name_or_arn == BUILTIN_ARN
}

impl ManagedPolicySource for AwsPolicies {
    fn aws_managed_policy(&self, name_or_arn: &str) -> Option<AwsManagedPolicy> {
        if is_builtin(name_or_arn) {
            return Some(AwsManagedPolicy {
                name: BUILTIN_NAME.to_owned(),
                arn: BUILTIN_ARN.to_owned(),
                version_id: BUILTIN_VERSION.to_owned(),
                document: BUILTIN_DOCUMENT.to_owned(),
            });
        }
        self.loaded()?.aws_managed_policy(name_or_arn)
    }
}

/// The name in an AWS managed policy's ARN (`AmazonEC2FullAccess`), or the
/// text itself when it is not such an ARN.
pub fn name_of(name_or_arn: &str) -> &str {
    if name_or_arn.starts_with("arn:") {
        name_or_arn.rsplit('/').next().unwrap_or(name_or_arn)
    } else {
        name_or_arn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_policy_resolves_by_name_and_arn_without_the_list() {
        let source = AwsPolicies::default();
        let by_arn = source.aws_managed_policy(BUILTIN_ARN).expect("by ARN");
        assert_eq!(by_arn.name, "AmazonEC2FullAccess");
        assert!(by_arn.document.contains("\"ec2:*\""));
        assert!(source.aws_managed_policy("AmazonEC2FullAccess").is_some());
        assert!(source.aws_managed_policy("ReadOnlyAccess").is_none());
    }

    #[test]
    fn the_loaded_list_resolves_the_others() {
        let text = "iamplay-catalog managed-policies 1\n\
                    M\taws-iam-managed-policies\t0.0.0\t2026-01-01T00:00:00.000Z\n\
                    P\tReadOnlyAccess\t/\tv1\t{\"Version\":\"2012-10-17\",\"Statement\":[]}\n";
        let list = ManagedPolicies::parse(text.to_owned()).expect("the test list parses");
        let source = AwsPolicies {
            list: Loading::Loaded(Rc::new(list)),
        };
        let found = source
            .aws_managed_policy("arn:aws:iam::aws:policy/ReadOnlyAccess")
            .expect("found in the list");
        assert_eq!(found.version_id, "v1");
        assert_eq!(source.search("readonly", 5).len(), 1);
    }

    #[test]
    fn before_the_list_loads_the_search_offers_the_builtin_policy() {
        let source = AwsPolicies::default();
        assert_eq!(source.search("ec2 full", 10).len(), 1);
        assert!(source.search("s3", 10).is_empty());
    }

    #[test]
    fn names_come_out_of_arns() {
        assert_eq!(name_of(BUILTIN_ARN), "AmazonEC2FullAccess");
        assert_eq!(name_of("Force_MFA"), "Force_MFA");
    }
}
