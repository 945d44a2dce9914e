//! Views of one service and its actions and resource types.

use crate::access_level::AccessLevel;
use crate::catalog::{
    ActionData, ActionResourceData, Catalog, ResourceTypeData, ServiceData, Span, find_key,
    is_global_name, slice,
};
use crate::condition_keys::{ConditionKey, KeyScope};
use crate::glob::cmp_ignore_ascii_case;
use std::fmt;

/// One AWS service (`ec2`, `iam`, ...).
#[derive(Clone, Copy)]
pub struct Service<'c> {
    pub(crate) catalog: &'c Catalog,
    pub(crate) data: &'c ServiceData,
}

impl<'c> Service<'c> {
    /// The service prefix used in actions and ARNs, e.g. `ec2`.
    pub fn prefix(&self) -> &'c str {
        self.data.prefix
    }

    /// The service's full name, e.g. `Amazon EC2`.
    pub fn name(&self) -> &'c str {
        self.data.name
    }

    /// The service's actions, sorted by name ignoring case.
    pub fn actions(&self) -> impl ExactSizeIterator<Item = Action<'c>> + use<'c> {
        let (catalog, service) = (self.catalog, self.data);
        slice(&catalog.actions, service.actions)
            .iter()
            .map(move |data| Action {
                catalog,
                service,
                data,
            })
    }

    /// The action with this name (without the prefix), ignoring case.
    pub fn action(&self, name: &str) -> Option<Action<'c>> {
        let actions = slice(&self.catalog.actions, self.data.actions);
        let index = actions
            .binary_search_by(|a| cmp_ignore_ascii_case(a.name, name))
            .ok()?;
        actions.get(index).map(|data| Action {
            catalog: self.catalog,
            service: self.data,
            data,
        })
    }

    /// The service's resource types, sorted by name ignoring case.
    pub fn resource_types(&self) -> impl ExactSizeIterator<Item = ResourceType<'c>> + use<'c> {
        let (catalog, service) = (self.catalog, self.data);
        slice(&catalog.resource_types, service.resource_types)
            .iter()
            .map(move |data| ResourceType {
                catalog,
                service,
                data,
            })
    }

    /// The resource type with this name (`user`, `instance`), ignoring case.
    pub fn resource_type(&self, name: &str) -> Option<ResourceType<'c>> {
        let types = slice(&self.catalog.resource_types, self.data.resource_types);
        let index = types
            .binary_search_by(|r| cmp_ignore_ascii_case(r.name, name))
            .ok()?;
        types.get(index).map(|data| ResourceType {
            catalog: self.catalog,
            service: self.data,
            data,
        })
    }

    /// The condition keys the service's reference page lists (its own
    /// keys, and the global keys its actions use), sorted by name.
    pub fn condition_keys(&self) -> impl Iterator<Item = ConditionKey<'c>> + use<'c> {
        let (catalog, prefix) = (self.catalog, self.data.prefix);
        let (start, end) = self.data.keys;
        (start..end).filter_map(move |i| catalog.key_view(i, prefix))
    }

    /// The key of this service's table that `key` names, ignoring case and
    /// filling templated names' placeholders.
    pub fn condition_key(&self, key: &str) -> Option<ConditionKey<'c>> {
        let keys = slice(&self.catalog.keys, self.data.keys);
        let data = find_key(keys, key)?;
        let scope = if is_global_name(data.name) {
            KeyScope::Global
        } else {
            KeyScope::Service(self.data.prefix)
        };
        Some(ConditionKey { data, scope })
    }
}

impl fmt::Debug for Service<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Service").field(&self.data.prefix).finish()
    }
}

impl PartialEq for Service<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.data, other.data)
    }
}

impl Eq for Service<'_> {}

/// One action, e.g. `ec2:DescribeInstances`. Its `Display` form is
/// `prefix:Name`.
#[derive(Clone, Copy)]
pub struct Action<'c> {
    pub(crate) catalog: &'c Catalog,
    pub(crate) service: &'c ServiceData,
    pub(crate) data: &'c ActionData,
}

impl<'c> Action<'c> {
    /// The service the action belongs to.
    pub fn service(&self) -> Service<'c> {
        Service {
            catalog: self.catalog,
            data: self.service,
        }
    }

    /// The service prefix, e.g. `ec2`.
    pub fn service_prefix(&self) -> &'c str {
        self.service.prefix
    }

    /// The action's name without the prefix, as AWS spells it
    /// (`DescribeInstances`).
    pub fn name(&self) -> &'c str {
        self.data.name
    }

    /// The access level, e.g. [`AccessLevel::List`].
    pub fn access_level(&self) -> AccessLevel {
        self.data.access_level
    }

    /// The resource types the action acts on, each with its ARN format and
    /// whether it is required. Empty when the action supports only `*` in
    /// `Resource` (e.g. `iam:ListUsers`).
    pub fn resource_types(&self) -> impl ExactSizeIterator<Item = ActionResource<'c>> + use<'c> {
        let (catalog, service) = (self.catalog, self.service);
        slice(&catalog.action_resources, self.data.resources)
            .iter()
            .map(move |data| ActionResource {
                catalog,
                service,
                data,
            })
    }

    /// Whether the action supports only `*` in `Resource`: it names no
    /// resource type (the Service Authorization Reference's empty
    /// "Resource types" column).
    pub fn supports_only_wildcard_resource(&self) -> bool {
        self.data.resources.0 == self.data.resources.1
    }

    /// The condition keys listed for the action itself (the row without a
    /// resource type), e.g. `aws:RequestTag/${TagKey}` for `iam:CreateUser`.
    pub fn condition_keys(&self) -> impl Iterator<Item = ConditionKey<'c>> + use<'c> {
        keys_of(self.catalog, self.service.prefix, self.data.keys)
    }

    /// Every service or per-action condition key the action supports,
    /// without repeats: its own keys, each resource type's keys for this
    /// action, and the keys of the resource types' definitions (such as
    /// `aws:ResourceTag/${TagKey}` on `iam`'s `user`). Global keys that any
    /// request can carry (`aws:SourceIp`) are not listed; see
    /// [`Action::supports_condition_key`].
    pub fn supported_condition_keys(&self) -> Vec<ConditionKey<'c>> {
        let mut spans: Vec<Span> = vec![self.data.keys];
        for resource in slice(&self.catalog.action_resources, self.data.resources) {
            spans.push(resource.keys);
            if let Some(rt) = self
                .catalog
                .resource_types
                .get(resource.resource_type as usize)
            {
                spans.push(rt.keys);
            }
        }
        let mut seen: Vec<u32> = Vec::new();
        for span in spans {
            for index in slice(&self.catalog.key_refs, span) {
                if !seen.contains(index) {
                    seen.push(*index);
                }
            }
        }
        seen.sort_unstable();
        seen.into_iter()
            .filter_map(|i| self.catalog.key_view(i, self.service.prefix))
            .collect()
    }

    /// Whether a policy can usefully test condition key `key` for this
    /// action: a global key any request can carry, or a key in
    /// [`Action::supported_condition_keys`] (ignoring case, filling
    /// placeholders: `aws:RequestTag/Env` for `aws:RequestTag/${TagKey}`).
    pub fn supports_condition_key(&self, key: &str) -> bool {
        if self
            .catalog
            .global_condition_key(key)
            .is_some_and(|g| !g.is_per_action())
        {
            return true;
        }
        self.supported_condition_keys()
            .iter()
            .any(|k| k.matches(key))
    }
}

/// The views of the keys in `span` of [`Catalog::key_refs`].
fn keys_of<'c>(
    catalog: &'c Catalog,
    prefix: &'static str,
    span: Span,
) -> impl Iterator<Item = ConditionKey<'c>> + use<'c> {
    slice(&catalog.key_refs, span)
        .iter()
        .filter_map(move |i| catalog.key_view(*i, prefix))
}

impl fmt::Display for Action<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.service.prefix, self.data.name)
    }
}

impl fmt::Debug for Action<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Action({self})")
    }
}

impl PartialEq for Action<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.data, other.data)
    }
}

impl Eq for Action<'_> {}

/// A resource type of a service, e.g. `iam`'s `user`.
#[derive(Clone, Copy)]
pub struct ResourceType<'c> {
    catalog: &'c Catalog,
    service: &'c ServiceData,
    data: &'c ResourceTypeData,
}

impl<'c> ResourceType<'c> {
    /// The resource type's name, e.g. `user`.
    pub fn name(&self) -> &'c str {
        self.data.name
    }

    /// The service prefix, e.g. `iam`.
    pub fn service_prefix(&self) -> &'c str {
        self.service.prefix
    }

    /// The ARN format with `${...}` placeholders, e.g.
    /// `arn:${Partition}:iam::${Account}:user/${UserNameWithPath}`.
    pub fn arn_format(&self) -> &'c str {
        self.data.arn_format
    }

    /// The ARN format with each `${...}` placeholder turned into `*`, e.g.
    /// `arn:*:iam::*:user/*`: a pattern every ARN of this type matches.
    pub fn arn_glob(&self) -> String {
        let mut glob = String::with_capacity(self.data.arn_format.len());
        let mut rest = self.data.arn_format;
        while let Some(start) = rest.find("${") {
            let (before, from) = rest.split_at(start);
            glob.push_str(before);
            match from.find('}') {
                Some(end) => {
                    glob.push('*');
                    rest = from.get(end + 1..).unwrap_or("");
                }
                None => {
                    glob.push_str(from);
                    rest = "";
                }
            }
        }
        glob.push_str(rest);
        glob
    }

    /// The condition keys the resource type's definition lists, e.g.
    /// `aws:ResourceTag/${TagKey}`.
    pub fn condition_keys(&self) -> impl Iterator<Item = ConditionKey<'c>> + use<'c> {
        keys_of(self.catalog, self.service.prefix, self.data.keys)
    }
}

impl fmt::Debug for ResourceType<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResourceType")
            .field("name", &self.data.name)
            .field("arn_format", &self.data.arn_format)
            .finish()
    }
}

/// A resource type as one action uses it: required or not, with the
/// condition keys that apply to it for that action.
#[derive(Clone, Copy)]
pub struct ActionResource<'c> {
    catalog: &'c Catalog,
    service: &'c ServiceData,
    data: &'c ActionResourceData,
}

impl<'c> ActionResource<'c> {
    /// The resource type.
    pub fn resource_type(&self) -> ResourceType<'c> {
        static NONE: ResourceTypeData = ResourceTypeData {
            name: "",
            arn_format: "",
            keys: (0, 0),
        };
        ResourceType {
            catalog: self.catalog,
            service: self.service,
            data: self
                .catalog
                .resource_types
                .get(self.data.resource_type as usize)
                .unwrap_or(&NONE),
        }
    }

    /// The resource type's name, e.g. `user`.
    pub fn name(&self) -> &'c str {
        self.resource_type().name()
    }

    /// The resource type's ARN format.
    pub fn arn_format(&self) -> &'c str {
        self.resource_type().arn_format()
    }

    /// Whether the Service Authorization Reference marks the resource type
    /// required (`*`) for this action.
    pub fn required(&self) -> bool {
        self.data.required
    }

    /// The condition keys listed on this action's row for the resource type.
    pub fn condition_keys(&self) -> impl Iterator<Item = ConditionKey<'c>> + use<'c> {
        keys_of(self.catalog, self.service.prefix, self.data.keys)
    }
}

impl fmt::Debug for ActionResource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ActionResource")
            .field("name", &self.name())
            .field("required", &self.data.required)
            .finish()
    }
}
