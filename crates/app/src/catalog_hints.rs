//! What the request panel suggests from AWS's service data: actions as the
//! user types (with their access level), resources from the action's ARN
//! formats, a warning when the typed resource cannot apply, and condition
//! keys to add. Reference: `reference_policies_elements_resource.md`
//! (actions without resource-level permissions take `*`).

use iamplay_catalog::{Action, services};
use iamplay_core::matching::wildcard_match;

/// The region filled into suggested ARNs.
const SUGGESTED_REGION: &str = "us-east-1";

/// One completion of the action input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionHint {
    /// What picking it puts in the input: `ec2:DescribeInstances`, or a
    /// service prefix with its colon (`ec2:`).
    pub value: String,
    /// Shown beside it: the access level, or the service's name.
    pub detail: String,
}

/// Completions for the action input holding `typed`: service prefixes
/// until a `:` is typed, then the service's actions whose names start with
/// the rest (shortest first), then those that contain it, ignoring case;
/// at most `limit`.
/// None before AWS's service data has arrived.
pub fn action_completions(typed: &str, limit: usize) -> Vec<ActionHint> {
    let Some(catalog) = services() else {
        return Vec::new();
    };
    let typed = typed.trim();
    let Some((prefix, name)) = typed.split_once(':') else {
        let lower = typed.to_ascii_lowercase();
        let mut services: Vec<ActionHint> = catalog
            .services()
            .filter(|s| s.prefix().starts_with(&lower))
            .map(|s| ActionHint {
                value: format!("{}:", s.prefix()),
                detail: s.name().to_owned(),
            })
            .collect();
        services.sort_by_key(|s| (s.value.len(), s.value.clone()));
        services.truncate(limit);
        return services;
    };
    let Some(service) = catalog.service(prefix) else {
        return Vec::new();
    };
    let lower = name.to_ascii_lowercase();
    let mut starts = Vec::new();
    let mut contains = Vec::new();
    for action in service.actions() {
        let action_lower = action.name().to_ascii_lowercase();
        if action_lower.starts_with(&lower) {
            starts.push(action);
        } else if action_lower.contains(&lower) {
            contains.push(action);
        }
    }
    // The shortest first: the exact name, then its longer relatives.
    starts.sort_by_key(|a| a.name().len());
    starts
        .into_iter()
        .chain(contains)
        .take(limit)
        .map(|action| ActionHint {
            value: action.to_string(),
            detail: action.access_level().as_str().to_owned(),
        })
        .collect()
}

/// The catalog's action named `name`, ignoring case (`None` before AWS's
/// service data has arrived).
pub fn known_action(name: &str) -> Option<Action<'static>> {
    services()?.action(name.trim())
}

/// Fills the placeholders every ARN format has: partition, region and
/// account; the others (`${UserNameWithPath}`) stay for the user to fill.
fn fill_arn_format(format: &str, account: &str) -> String {
    format
        .replace("${Partition}", "aws")
        .replace("${Region}", SUGGESTED_REGION)
        .replace("${Account}", account)
}

/// Resources to suggest for `action`: `*` for an action without
/// resource-level permissions, otherwise each of its resource types' ARN
/// formats (in `account`, `us-east-1`), then `*`.
pub fn resource_suggestions(action: &str, account: &str) -> Vec<String> {
    let Some(action) = known_action(action) else {
        return Vec::new();
    };
    let mut found: Vec<String> = Vec::new();
    for resource in action.resource_types() {
        let arn = fill_arn_format(resource.arn_format(), account);
        if !found.contains(&arn) {
            found.push(arn);
        }
    }
    found.push("*".to_owned());
    found
}

/// Why `resource` cannot be what `action` acts on, if so: an ARN for an
/// action without resource-level permissions, an ARN of no resource type
/// the action takes, or placeholders left in it.
pub fn resource_warning(action: &str, resource: &str) -> Option<String> {
    let resource = resource.trim();
    if resource.is_empty() || resource == "*" {
        return None;
    }
    if resource.contains("${") {
        return Some("fill in the `${…}` placeholders of the ARN".to_owned());
    }
    let action = known_action(action)?;
    if action.supports_only_wildcard_resource() {
        return Some(format!(
            "`{action}` has no resource-level permissions: AWS evaluates it on `*`, \
             so use `*` as the resource"
        ));
    }
    let fits = action
        .resource_types()
        .any(|r| wildcard_match(&r.resource_type().arn_glob(), resource, false));
    if fits {
        return None;
    }
    let types: Vec<&str> = action.resource_types().map(|r| r.name()).collect();
    Some(format!(
        "`{resource}` is not an ARN `{action}` acts on (it takes: {})",
        types.join(", ")
    ))
}

/// Condition keys to offer when adding a context key: the action's own
/// keys, then the global `aws:` keys.
pub fn context_key_suggestions(action: &str) -> Vec<String> {
    let mut keys: Vec<String> = known_action(action)
        .map(|a| {
            a.supported_condition_keys()
                .iter()
                .map(|k| k.name().to_owned())
                .collect()
        })
        .unwrap_or_default();
    if let Some(catalog) = services() {
        keys.extend(catalog.global_condition_keys().map(|k| k.name().to_owned()));
    }
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_complete_before_the_colon_and_actions_after_it() {
        let services = action_completions("ec", 50);
        assert!(services.iter().any(|h| h.value == "ec2:"));
        let actions = action_completions("ec2:DescribeInst", 10);
        assert_eq!(
            actions.first().map(|h| h.value.as_str()),
            Some("ec2:DescribeInstances")
        );
        assert_eq!(actions[0].detail, "List");
        assert!(action_completions("nosuchservice:Get", 10).is_empty());
        assert_eq!(action_completions("iam:", 5).len(), 5);
    }

    // reference_policies_elements_resource.md: actions without
    // resource-level permissions take `*`.
    #[test]
    fn resources_are_suggested_from_arn_formats() {
        assert_eq!(resource_suggestions("iam:ListUsers", "111122223333"), ["*"]);
        let suggestions = resource_suggestions("iam:ChangePassword", "111122223333");
        assert!(
            suggestions
                .first()
                .is_some_and(|s| s.starts_with("arn:aws:iam::111122223333:user/")),
            "{suggestions:?}"
        );
        assert!(resource_suggestions("example:Nothing", "1").is_empty());
    }

    #[test]
    fn resources_that_cannot_apply_are_flagged() {
        assert!(resource_warning("iam:ListUsers", "arn:aws:iam::111122223333:user/a").is_some());
        assert!(resource_warning("iam:ListUsers", "*").is_none());
        assert!(
            resource_warning(
                "iam:ChangePassword",
                "arn:aws:iam::111122223333:user/mfa-user-1"
            )
            .is_none()
        );
        assert!(resource_warning("iam:ChangePassword", "arn:aws:s3:::bucket").is_some());
        assert!(
            resource_warning("iam:ChangePassword", "arn:aws:iam::1:user/${UserName}").is_some()
        );
    }

    #[test]
    fn context_keys_include_the_global_ones() {
        let keys = context_key_suggestions("iam:CreateServiceLinkedRole");
        assert!(keys.iter().any(|k| k == "iam:AWSServiceName"));
        assert!(keys.iter().any(|k| k == "aws:MultiFactorAuthAge"));
    }
}
