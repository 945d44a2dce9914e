//! The service catalog: parsing `data/services.txt` and looking things up.

use crate::access_level::AccessLevel;
use crate::condition_keys::{ConditionKey, KeyData, KeyScope, KeyType, OperatorSet};
use crate::format::{DataError, Record, SourceInfo, parse_indices, records};
use crate::glob::{cmp_ignore_ascii_case, glob_match, has_wildcard};
use crate::service::{Action, Service};
use std::cmp::Ordering;
use std::ops::ControlFlow;

/// First line of `data/services.txt`.
const HEADER: &str = "iamplay-catalog services 2";

/// A `start..end` range into one of the catalog's tables.
pub(crate) type Span = (u32, u32);

/// The items of `items` in `span` (empty if the span is out of range,
/// which parsing rules out).
pub(crate) fn slice<T>(items: &[T], span: Span) -> &[T] {
    items.get(span.0 as usize..span.1 as usize).unwrap_or(&[])
}

pub(crate) struct ServiceData {
    pub prefix: &'static str,
    pub name: &'static str,
    /// Into [`Catalog::keys`].
    pub keys: Span,
    /// Into [`Catalog::resource_types`].
    pub resource_types: Span,
    /// Into [`Catalog::actions`].
    pub actions: Span,
}

pub(crate) struct ResourceTypeData {
    pub name: &'static str,
    pub arn_format: &'static str,
    /// Into [`Catalog::key_refs`].
    pub keys: Span,
}

pub(crate) struct ActionData {
    pub name: &'static str,
    pub access_level: AccessLevel,
    /// Into [`Catalog::action_resources`].
    pub resources: Span,
    /// Into [`Catalog::key_refs`].
    pub keys: Span,
}

pub(crate) struct ActionResourceData {
    /// Index into [`Catalog::resource_types`].
    pub resource_type: u32,
    pub required: bool,
    /// Into [`Catalog::key_refs`].
    pub keys: Span,
}

/// AWS's services with their actions, resource types and condition keys
/// (the Service Authorization Reference), plus the global condition keys.
///
/// Get the embedded one with [`crate::catalog()`]. All name lookups ignore
/// ASCII case, as IAM does for actions and condition keys.
pub struct Catalog {
    pub(crate) source: SourceInfo<'static>,
    pub(crate) global_keys: Vec<KeyData>,
    pub(crate) services: Vec<ServiceData>,
    pub(crate) keys: Vec<KeyData>,
    pub(crate) resource_types: Vec<ResourceTypeData>,
    pub(crate) actions: Vec<ActionData>,
    pub(crate) action_resources: Vec<ActionResourceData>,
    pub(crate) key_refs: Vec<u32>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("source", &self.source)
            .field("services", &self.services.len())
            .field("actions", &self.actions.len())
            .finish()
    }
}

impl Catalog {
    /// A catalog without any data.
    pub(crate) const EMPTY: Catalog = Catalog {
        source: SourceInfo {
            package: "",
            version: "",
            date: "",
        },
        global_keys: Vec::new(),
        services: Vec::new(),
        keys: Vec::new(),
        resource_types: Vec::new(),
        actions: Vec::new(),
        action_resources: Vec::new(),
        key_refs: Vec::new(),
    };

    /// Parses the text of a `services.txt` file (see [`crate::format`]).
    pub fn parse(text: &'static str) -> Result<Catalog, DataError> {
        let mut parser = Parser {
            catalog: Catalog::EMPTY,
            stage: Stage::Start,
        };
        let mut last_line = 1;
        for record in records(text, HEADER)? {
            last_line = record.line;
            parser.record(&record)?;
        }
        if parser.stage != Stage::End {
            return Err(DataError {
                line: last_line + 1,
                column: 1,
                message: "the data ends before its end line `E`: the file is cut short".to_owned(),
            });
        }
        Ok(parser.catalog)
    }

    /// The package, version and date of the data.
    pub fn source(&self) -> SourceInfo<'static> {
        self.source
    }

    /// Every service, sorted by prefix.
    pub fn services(&self) -> impl ExactSizeIterator<Item = Service<'_>> {
        self.services.iter().map(|data| Service {
            catalog: self,
            data,
        })
    }

    /// The service with this prefix (`ec2`, `IAM`, ...), ignoring case.
    pub fn service(&self, prefix: &str) -> Option<Service<'_>> {
        let index = self
            .services
            .binary_search_by(|s| cmp_ignore_ascii_case(s.prefix, prefix))
            .ok()?;
        self.services.get(index).map(|data| Service {
            catalog: self,
            data,
        })
    }

    /// Every action of every service.
    pub fn actions(&self) -> impl Iterator<Item = Action<'_>> {
        self.services().flat_map(|service| service.actions())
    }

    /// How many actions the catalog knows.
    pub fn action_count(&self) -> usize {
        self.actions.len()
    }

    /// The action `service:Name` (e.g. `ec2:describeinstances`), ignoring
    /// case; `None` for an unknown service or action, or a name without `:`.
    pub fn action(&self, name: &str) -> Option<Action<'_>> {
        let (prefix, action) = name.split_once(':')?;
        self.service(prefix)?.action(action)
    }

    /// The actions an `Action` element entry matches: `*` any run of
    /// characters, `?` one character, ignoring case
    /// (reference_policies_elements_action.md). `iam:Get*` gives every
    /// `iam:Get...` action, `*:Describe*` every `Describe` action of every
    /// service, `*` every action. Sorted by service, then action name.
    pub fn expand_action_pattern(&self, pattern: &str) -> Vec<Action<'_>> {
        let mut found = Vec::new();
        self.visit_matching_actions(pattern, |action| {
            found.push(action);
            ControlFlow::Continue(())
        });
        found
    }

    /// Whether an `Action` element entry matches at least one action
    /// (cheaper than [`Catalog::expand_action_pattern`]: it stops at the
    /// first match).
    pub fn matches_any_action(&self, pattern: &str) -> bool {
        let mut any = false;
        self.visit_matching_actions(pattern, |_| {
            any = true;
            ControlFlow::Break(())
        });
        any
    }

    /// Calls `visit` with each action `pattern` matches, in order, until it
    /// breaks.
    fn visit_matching_actions<'c>(
        &'c self,
        pattern: &str,
        mut visit: impl FnMut(Action<'c>) -> ControlFlow<()>,
    ) {
        let Some((service_part, action_part)) = pattern.split_once(':') else {
            // No `:`: match the whole `service:Action` name (`*`).
            let mut full = String::new();
            for action in self.actions() {
                full.clear();
                full.push_str(action.service_prefix());
                full.push(':');
                full.push_str(action.name());
                if glob_match(pattern, &full) && visit(action).is_break() {
                    return;
                }
            }
            return;
        };
        // Service prefixes and action names hold no `:`, so the pattern's
        // first `:` must meet the name's only one: match the parts apart.
        let services: Vec<Service<'c>> = if has_wildcard(service_part) {
            self.services()
                .filter(|s| glob_match(service_part, s.prefix()))
                .collect()
        } else {
            self.service(service_part).into_iter().collect()
        };
        for service in services {
            if !has_wildcard(action_part) {
                if let Some(action) = service.action(action_part)
                    && visit(action).is_break()
                {
                    return;
                }
                continue;
            }
            for action in service.actions() {
                if glob_match(action_part, action.name()) && visit(action).is_break() {
                    return;
                }
            }
        }
    }

    /// The global condition keys (`aws:*`), sorted by name.
    pub fn global_condition_keys(&self) -> impl ExactSizeIterator<Item = ConditionKey<'_>> {
        self.global_keys.iter().map(|data| ConditionKey {
            data,
            scope: KeyScope::Global,
        })
    }

    /// The global condition key `key` names (`aws:SourceIp`,
    /// `aws:RequestTag/Env` for `aws:RequestTag/${TagKey}`), ignoring case.
    pub fn global_condition_key(&self, key: &str) -> Option<ConditionKey<'_>> {
        find_key(&self.global_keys, key).map(|data| ConditionKey {
            data,
            scope: KeyScope::Global,
        })
    }

    /// The condition key `key` names, global or a service's, ignoring case
    /// and filling templated names' placeholders
    /// (`s3:ExistingObjectTag/team` is `s3:ExistingObjectTag/<key>`). A
    /// service key is looked up first in the service its prefix names, then
    /// in every service (some keys, such as OIDC provider keys, are defined
    /// by `sts` under another prefix).
    pub fn condition_key(&self, key: &str) -> Option<ConditionKey<'_>> {
        if let Some(global) = self.global_condition_key(key) {
            return Some(global);
        }
        let prefix = key.split(':').next().unwrap_or(key);
        if let Some(found) = self
            .service(prefix)
            .and_then(|service| service.condition_key(key))
        {
            return Some(found);
        }
        let exact = self.services().find_map(|s| {
            s.condition_keys()
                .find(|k| k.name().eq_ignore_ascii_case(key))
        });
        exact.or_else(|| {
            self.services()
                .find_map(|s| s.condition_keys().find(|k| k.matches(key)))
        })
    }

    /// The view of key `index` of [`Catalog::keys`], defined by `service`.
    pub(crate) fn key_view(&self, index: u32, service: &'static str) -> Option<ConditionKey<'_>> {
        let data = self.keys.get(index as usize)?;
        let scope = if is_global_name(data.name) {
            KeyScope::Global
        } else {
            KeyScope::Service(service)
        };
        Some(ConditionKey { data, scope })
    }
}

/// Whether a key name is global (`aws:` prefix, any case).
pub(crate) fn is_global_name(name: &str) -> bool {
    name.get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("aws:"))
}

/// Finds `key` in `keys` (sorted by lower-cased name): an exact match
/// first, then a templated name it fills.
pub(crate) fn find_key<'k>(keys: &'k [KeyData], key: &str) -> Option<&'k KeyData> {
    match keys.binary_search_by(|k| cmp_ignore_ascii_case(k.name, key)) {
        Ok(index) => keys.get(index),
        Err(_) => keys.iter().find(|k| k.template.is_some() && k.matches(key)),
    }
}

/// Which records the current service accepts next.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Start,
    Globals,
    Keys,
    ResourceTypes,
    Actions,
    /// After the end line: nothing may follow.
    End,
}

struct Parser {
    catalog: Catalog,
    stage: Stage,
}

impl Parser {
    fn record(&mut self, record: &Record<'static>) -> Result<(), DataError> {
        if self.stage == Stage::End {
            return Err(record.error(0, "a record after the end line `E`".to_owned()));
        }
        match record.kind() {
            "E" => self.end(record),
            "M" => self.source(record),
            "G" => self.global_key(record),
            "S" => self.service(record),
            "K" => self.key(record),
            "R" => self.resource_type(record),
            "A" => self.action(record),
            other => Err(record.error(0, format!("unknown record kind `{other}`"))),
        }
    }

    /// Moves to `stage`, which must not come before the current one.
    fn enter(&mut self, record: &Record<'_>, stage: Stage, what: &str) -> Result<(), DataError> {
        if stage < self.stage || (self.stage == Stage::Start) != (stage == Stage::Start) {
            return Err(record.error(0, format!("{what} out of order")));
        }
        self.stage = stage;
        Ok(())
    }

    /// The end line: the file is whole.
    fn end(&mut self, record: &Record<'_>) -> Result<(), DataError> {
        record.expect_fields(1)?;
        if self.stage == Stage::Start {
            return Err(record.error(0, "the end line before the source line".to_owned()));
        }
        self.stage = Stage::End;
        Ok(())
    }

    fn source(&mut self, record: &Record<'static>) -> Result<(), DataError> {
        if self.stage != Stage::Start || !self.catalog.source.package.is_empty() {
            return Err(record.error(0, "the source line must come first, once".to_owned()));
        }
        record.expect_fields(4)?;
        self.catalog.source = SourceInfo {
            package: record.non_empty(1, "package")?,
            version: record.non_empty(2, "version")?,
            date: record.non_empty(3, "date")?,
        };
        self.stage = Stage::Globals;
        Ok(())
    }

    fn global_key(&mut self, record: &Record<'static>) -> Result<(), DataError> {
        if self.stage != Stage::Globals {
            return Err(record.error(0, "global condition key out of order".to_owned()));
        }
        record.expect_fields(5)?;
        let name = record.non_empty(1, "condition key")?;
        check_sorted(
            record,
            self.catalog.global_keys.last().map(|k| k.name),
            name,
        )?;
        let key_type = parse_key_type(record, 2)?;
        let operators = OperatorSet::from_codes(record.field(3, "operators")?)
            .ok_or_else(|| record.error(3, "bad operator families".to_owned()))?;
        let per_action = match record.field(4, "scope")? {
            "a" => true,
            "*" => false,
            other => return Err(record.error(4, format!("bad key scope `{other}`"))),
        };
        self.catalog
            .global_keys
            .push(KeyData::new(name, key_type, operators, per_action));
        Ok(())
    }

    fn service(&mut self, record: &Record<'static>) -> Result<(), DataError> {
        if self.stage == Stage::Start {
            return Err(record.error(0, "service before the source line".to_owned()));
        }
        record.expect_fields(3)?;
        let prefix = record.non_empty(1, "service prefix")?;
        check_sorted(
            record,
            self.catalog.services.last().map(|s| s.prefix),
            prefix,
        )?;
        let catalog = &mut self.catalog;
        let start = |len: usize| (len as u32, len as u32);
        catalog.services.push(ServiceData {
            prefix,
            name: record.non_empty(2, "service name")?,
            keys: start(catalog.keys.len()),
            resource_types: start(catalog.resource_types.len()),
            actions: start(catalog.actions.len()),
        });
        self.stage = Stage::Keys;
        Ok(())
    }

    fn current_service(&mut self, record: &Record<'_>) -> Result<&mut ServiceData, DataError> {
        self.catalog
            .services
            .last_mut()
            .ok_or_else(|| record.error(0, "record outside a service".to_owned()))
    }

    fn key(&mut self, record: &Record<'static>) -> Result<(), DataError> {
        self.enter(record, Stage::Keys, "condition key")?;
        record.expect_fields(3)?;
        let name = record.non_empty(1, "condition key")?;
        let key_type = parse_key_type(record, 2)?;
        let (start, _) = self.current_service(record)?.keys;
        let previous = slice(&self.catalog.keys, (start, self.catalog.keys.len() as u32))
            .last()
            .map(|k| k.name);
        check_sorted(record, previous, name)?;
        // A service's copy of a global key takes the hand-written facts.
        let data = match find_key(&self.catalog.global_keys, name) {
            Some(global) if global.name.eq_ignore_ascii_case(name) => global.clone(),
            _ => KeyData::new(
                name,
                key_type,
                OperatorSet::for_value_type(key_type.value),
                true,
            ),
        };
        self.catalog.keys.push(data);
        let end = self.catalog.keys.len() as u32;
        self.current_service(record)?.keys.1 = end;
        Ok(())
    }

    /// Parses a list of the current service's key indices into
    /// [`Catalog::key_refs`].
    fn key_list(&mut self, record: &Record<'_>, index: usize) -> Result<Span, DataError> {
        let (start, end) = self.current_service(record)?.keys;
        let list = record.field(index, "condition keys")?;
        let indices = parse_indices(record, index, list, (end - start) as usize, "condition key")?;
        let first = self.catalog.key_refs.len() as u32;
        self.catalog
            .key_refs
            .extend(indices.into_iter().map(|i| start + i));
        Ok((first, self.catalog.key_refs.len() as u32))
    }

    fn resource_type(&mut self, record: &Record<'static>) -> Result<(), DataError> {
        self.enter(record, Stage::ResourceTypes, "resource type")?;
        record.expect_fields(4)?;
        let name = record.non_empty(1, "resource type")?;
        let (start, _) = self.current_service(record)?.resource_types;
        let previous = slice(
            &self.catalog.resource_types,
            (start, self.catalog.resource_types.len() as u32),
        )
        .last()
        .map(|r| r.name);
        check_sorted(record, previous, name)?;
        let arn_format = record.non_empty(2, "ARN format")?;
        let keys = self.key_list(record, 3)?;
        self.catalog.resource_types.push(ResourceTypeData {
            name,
            arn_format,
            keys,
        });
        let end = self.catalog.resource_types.len() as u32;
        self.current_service(record)?.resource_types.1 = end;
        Ok(())
    }

    fn action(&mut self, record: &Record<'static>) -> Result<(), DataError> {
        self.enter(record, Stage::Actions, "action")?;
        record.expect_fields(5)?;
        let name = record.non_empty(1, "action")?;
        let (start, _) = self.current_service(record)?.actions;
        let previous = slice(
            &self.catalog.actions,
            (start, self.catalog.actions.len() as u32),
        )
        .last()
        .map(|a| a.name);
        check_sorted(record, previous, name)?;
        let level = record.field(2, "access level")?;
        let access_level = AccessLevel::from_code(level)
            .ok_or_else(|| record.error(2, format!("bad access level `{level}`")))?;
        let resources = self.action_resources(record, 3)?;
        let keys = self.key_list(record, 4)?;
        self.catalog.actions.push(ActionData {
            name,
            access_level,
            resources,
            keys,
        });
        let end = self.catalog.actions.len() as u32;
        self.current_service(record)?.actions.1 = end;
        Ok(())
    }

    /// Parses `<index>[!][:<keys>]` items separated by `;`.
    fn action_resources(&mut self, record: &Record<'_>, index: usize) -> Result<Span, DataError> {
        let list = record.field(index, "resource types")?;
        let first = self.catalog.action_resources.len() as u32;
        if list.is_empty() {
            return Ok((first, first));
        }
        let (rt_start, rt_end) = self.current_service(record)?.resource_types;
        let (key_start, key_end) = self.current_service(record)?.keys;
        for item in list.split(';') {
            let (head, keys) = item.split_once(':').unwrap_or((item, ""));
            let (number, required) = match head.strip_suffix('!') {
                Some(number) => (number, true),
                None => (head, false),
            };
            let resource_type = parse_indices(
                record,
                index,
                number,
                (rt_end - rt_start) as usize,
                "resource type",
            )?;
            let [resource_type] = resource_type.as_slice() else {
                return Err(record.error(index, format!("bad resource item `{item}`")));
            };
            let indices = parse_indices(
                record,
                index,
                keys,
                (key_end - key_start) as usize,
                "condition key",
            )?;
            let keys_first = self.catalog.key_refs.len() as u32;
            self.catalog
                .key_refs
                .extend(indices.into_iter().map(|i| key_start + i));
            let keys = (keys_first, self.catalog.key_refs.len() as u32);
            self.catalog.action_resources.push(ActionResourceData {
                resource_type: rt_start + resource_type,
                required,
                keys,
            });
        }
        Ok((first, self.catalog.action_resources.len() as u32))
    }
}

fn parse_key_type(record: &Record<'_>, index: usize) -> Result<KeyType, DataError> {
    let code = record.field(index, "key type")?;
    KeyType::from_code(code).ok_or_else(|| record.error(index, format!("bad key type `{code}`")))
}

/// Names must be strictly increasing, ignoring ASCII case, so that binary
/// search finds them.
fn check_sorted(record: &Record<'_>, previous: Option<&str>, name: &str) -> Result<(), DataError> {
    match previous {
        Some(previous) if cmp_ignore_ascii_case(previous, name) != Ordering::Less => Err(record
            .error(
                1,
                format!("`{name}` is not sorted after `{previous}` (or repeats it)"),
            )),
        _ => Ok(()),
    }
}
