//! What to suggest at a cursor in a policy document: element names,
//! `Version` and `Effect` values, actions from the catalog, resource ARN
//! formats, principal types, condition operators, condition keys and
//! Boolean values. Pure: the Monaco provider (`providers.rs`) turns the
//! result into Monaco's completion items.

use std::collections::BTreeMap;

use iamplay_catalog::ConditionKey;
use iamplay_core::PolicyKind;
use iamplay_core::policy::{BaseOperator, ConditionOperator, OperatorFamily, SetQualifier};

use super::describe::{self, Element, POLICY_ELEMENTS, STATEMENT_ELEMENTS};
use super::place::{Place, PlaceAt, classify};
use super::scanner::{Member, Slot, TokenKind, Typed, locate, members, next_token};

/// The icon Monaco shows next to a suggestion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SuggestionKind {
    /// A policy or statement element name.
    Element,
    /// A fixed value (`Allow`, `2012-10-17`, `true`).
    Value,
    /// A service prefix.
    Service,
    /// An action or action pattern.
    Action,
    /// A condition operator.
    Operator,
    /// A condition key.
    Key,
    /// A resource ARN format or principal.
    Reference,
    /// A template for a whole statement.
    Snippet,
}

/// One completion item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Suggestion {
    /// What the list shows.
    pub label: String,
    /// The icon.
    pub kind: SuggestionKind,
    /// A short note shown on the right of every row (an action's access
    /// level, a key's type).
    pub description: Option<String>,
    /// A longer note shown next to the selected row.
    pub detail: Option<String>,
    /// Markdown shown beside the list.
    pub documentation: Option<String>,
    /// The text inserted.
    pub insert: String,
    /// Whether `insert` is a Monaco snippet (`$1`, `${1:name}`).
    pub snippet: bool,
    /// How to sort it among the others.
    pub sort: String,
    /// Whether to open the suggestions again after inserting it (after a
    /// service prefix, the actions follow).
    pub retrigger: bool,
    /// Whether the list starts with this item selected.
    pub preselect: bool,
}

/// The suggestions at a cursor and the text they replace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Completions {
    /// The byte range replaced by the chosen item (one line).
    pub replace: (usize, usize),
    /// The items.
    pub items: Vec<Suggestion>,
}

/// The suggestions at byte `cursor` of `text`, a policy of `kind`.
pub(crate) fn complete(text: &str, cursor: usize, kind: PolicyKind) -> Option<Completions> {
    let location = locate(text, cursor)?;
    let at = classify(&location)?;
    let writer = Writer::new(text, cursor, location.typed);
    let items = match &at.place {
        Place::PolicyElement => writer.elements(&POLICY_ELEMENTS, &present_keys(text, &at)),
        Place::StatementElement => {
            let present = present_keys(text, &at);
            let elements: Vec<Element> = STATEMENT_ELEMENTS
                .into_iter()
                .filter(|element| statement_allows(kind, element.name))
                .collect();
            writer.elements(&elements, &present)
        }
        Place::NewStatement => vec![writer.new_statement()],
        Place::Version => writer.values(&[
            ("2012-10-17", "current version: policy variables work", true),
            ("2008-10-17", "old version: `${...}` is literal text", false),
        ]),
        Place::Effect => writer.values(&[
            ("Allow", "the statement grants access", false),
            (
                "Deny",
                "the statement denies access; a Deny always wins",
                false,
            ),
        ]),
        Place::Action => writer.actions(),
        Place::Resource => writer.resources(&statement_actions(text, &at)),
        Place::PrincipalType => writer.principal_types(&present_keys(text, &at)),
        Place::Principal { principal_type } => writer.principals(principal_type.as_deref()),
        Place::Operator => writer.operators(),
        Place::ConditionKey { operator } => writer.condition_keys(
            operator,
            &statement_actions(text, &at),
            &present_keys(text, &at),
        ),
        Place::ConditionValue { operator, .. } => writer.condition_values(operator),
    };
    if items.is_empty() {
        return None;
    }
    let mut replace = writer.replace;
    if location.slot == Slot::Key
        && let Some(end) = writer.key_without_colon()
    {
        replace.1 = end;
    }
    Some(Completions { replace, items })
}

/// Whether a statement in a policy of `kind` may hold element `name`:
/// `Principal` only in resource-based policies and resource control
/// policies, `NotPrincipal` only in resource-based policies
/// (reference_policies_elements_principal.md).
fn statement_allows(kind: PolicyKind, name: &str) -> bool {
    match name {
        "Principal" => matches!(kind, PolicyKind::Resource | PolicyKind::ResourceControl),
        "NotPrincipal" => kind == PolicyKind::Resource,
        _ => true,
    }
}

/// The keys already in the object around the cursor.
fn present_keys(text: &str, at: &PlaceAt) -> Vec<String> {
    at.object
        .map(|start| members(text, start).into_iter().map(|m| m.key).collect())
        .unwrap_or_default()
}

/// The `Action` entries of the statement around the cursor.
fn statement_actions(text: &str, at: &PlaceAt) -> Vec<String> {
    at.statement
        .map(|start| {
            members(text, start)
                .into_iter()
                .filter(|member| member.key == "Action")
                .flat_map(|Member { strings, .. }| strings)
                .collect()
        })
        .unwrap_or_default()
}

/// Escapes text for a Monaco snippet, where `$`, `}` and `\` are special.
pub(crate) fn escape_snippet(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '$' | '}' | '\\') {
            escaped.push('\\');
        }
        escaped.push(ch);
    }
    escaped
}

/// Turns the placeholders of a catalog name (`${TagKey}`, `<key>`) into
/// snippet tab stops, escaping the rest.
pub(crate) fn placeholders_to_snippet(name: &str) -> String {
    let mut snippet = String::new();
    let mut rest = name;
    let mut stop = 1;
    loop {
        let dollar = rest.find("${").map(|at| (at, 2, '}'));
        let angle = rest.find('<').map(|at| (at, 1, '>'));
        let next = match (dollar, angle) {
            (Some(d), Some(a)) => Some(if d.0 <= a.0 { d } else { a }),
            (d, a) => d.or(a),
        };
        let Some((at, open, close)) = next else {
            snippet.push_str(&escape_snippet(rest));
            return snippet;
        };
        let Some(length) = rest[at + open..].find(close) else {
            snippet.push_str(&escape_snippet(rest));
            return snippet;
        };
        snippet.push_str(&escape_snippet(&rest[..at]));
        let placeholder = &rest[at + open..at + open + length];
        snippet.push_str(&format!("${{{stop}:{}}}", escape_snippet(placeholder)));
        stop += 1;
        rest = &rest[at + open + length + 1..];
    }
}

/// Builds suggestions for one cursor: knows whether the cursor is in a
/// string (insert bare text) or between tokens (insert quoted JSON), and
/// whether a comma must follow.
struct Writer<'t> {
    text: &'t str,
    typed: Option<Typed>,
    replace: (usize, usize),
    /// Whether the text after the insertion starts another member or
    /// element, so the insertion must end with a comma.
    comma: bool,
}

impl<'t> Writer<'t> {
    fn new(text: &'t str, cursor: usize, typed: Option<Typed>) -> Self {
        let replace = match typed {
            Some(typed) => {
                let (start, end) = typed.token.content();
                if typed.quoted() {
                    (start, end)
                } else {
                    (typed.token.start, typed.token.end)
                }
            }
            None => (cursor, cursor),
        };
        let after = typed.map_or(cursor, |typed| typed.token.end);
        let comma = next_token(text, after).is_some_and(|token| {
            matches!(
                token.kind,
                TokenKind::String { .. }
                    | TokenKind::Word
                    | TokenKind::OpenObject
                    | TokenKind::OpenArray
            )
        });
        Writer {
            text,
            typed,
            replace,
            comma,
        }
    }

    /// Whether the cursor is inside a string.
    fn in_string(&self) -> bool {
        self.typed.is_some_and(|typed| typed.quoted())
    }

    /// The comma to append to a complete member or element, if needed.
    fn comma(&self) -> &'static str {
        if self.comma { "," } else { "" }
    }

    /// Whether the cursor is in a complete key string (closing quote
    /// there) that no colon follows yet: the insertion then writes the
    /// closing quote, the colon and a value itself.
    fn key_without_colon(&self) -> Option<usize> {
        let typed = self.typed.filter(|typed| typed.quoted())?;
        let has_colon = next_token(self.text, typed.token.end)
            .is_some_and(|token| token.kind == TokenKind::Colon);
        (!has_colon).then_some(typed.token.end)
    }

    /// The insertion for a key `name` followed by `value` (both snippets):
    /// in a key string that already has its colon, the name alone;
    /// otherwise the name, the colon and the value.
    fn key_insert(&self, name: &str, value: &str) -> String {
        match self.typed {
            Some(typed) if typed.quoted() => {
                if self.key_without_colon().is_some() {
                    format!("{name}\": {value}{}", self.comma())
                } else {
                    name.to_owned()
                }
            }
            _ => format!("\"{name}\": {value}{}", self.comma()),
        }
    }

    /// The insertion of a string value `value` (a snippet): bare in a
    /// string (closing it when its closing quote is missing), quoted
    /// between tokens.
    fn value_insert(&self, value: &str) -> String {
        match self.typed {
            Some(typed) if typed.token.kind == TokenKind::String { terminated: false } => {
                format!("{value}\"{}", self.comma())
            }
            Some(typed) if typed.quoted() => value.to_owned(),
            _ => format!("\"{value}\"{}", self.comma()),
        }
    }

    /// Element names not yet in the object, each inserted with a fitting
    /// value.
    fn elements(&self, elements: &[Element], present: &[String]) -> Vec<Suggestion> {
        let typing = self
            .typed
            .map(|typed| typed.token.text(self.text).to_owned());
        let taken = |name: &str| {
            present
                .iter()
                .any(|key| key == name && typing.as_deref() != Some(name))
        };
        let excluded = |name: &str| taken(name) || opposite(name).is_some_and(&taken);
        let mut items = Vec::new();
        for (index, element) in elements.iter().enumerate() {
            if excluded(element.name) {
                continue;
            }
            let (value, retrigger) = element_value(element.name);
            items.push(Suggestion {
                description: None,
                label: element.name.to_owned(),
                kind: SuggestionKind::Element,
                detail: Some(element_detail(element.name).to_owned()),
                documentation: Some(element.summary.to_owned()),
                insert: self.key_insert(element.name, value),
                snippet: true,
                sort: format!("{index:02}"),
                retrigger,
                preselect: false,
            });
        }
        items
    }

    /// Fixed values with a note each; `preselect` marks the usual choice.
    fn values(&self, values: &[(&str, &str, bool)]) -> Vec<Suggestion> {
        values
            .iter()
            .enumerate()
            .map(|(index, (value, note, preselect))| Suggestion {
                description: None,
                label: (*value).to_owned(),
                kind: SuggestionKind::Value,
                detail: Some((*note).to_owned()),
                documentation: None,
                insert: self.value_insert(&escape_snippet(value)),
                snippet: true,
                sort: format!("{index:02}"),
                retrigger: false,
                preselect: *preselect,
            })
            .collect()
    }

    /// Actions: service prefixes until a `:` is typed, then the service's
    /// actions with their access levels, `service:*` and the
    /// `service:Verb*` groups.
    fn actions(&self) -> Vec<Suggestion> {
        let typed = self
            .typed
            .map(|typed| typed.prefix(self.text))
            .unwrap_or("");
        let Some((prefix, _)) = typed.split_once(':') else {
            return self.services();
        };
        let Some(service) = iamplay_catalog::services().and_then(|c| c.service(prefix)) else {
            return Vec::new();
        };
        let prefix = service.prefix();
        let mut items = Vec::with_capacity(service.actions().len() + 16);
        items.push(Suggestion {
            description: Some(format!("{} actions", service.actions().len())),
            label: format!("{prefix}:*"),
            kind: SuggestionKind::Action,
            detail: Some(format!(
                "all {} actions of {}",
                service.actions().len(),
                service.name()
            )),
            documentation: None,
            insert: self.value_insert(&format!("{prefix}:*")),
            snippet: false,
            sort: format!("{prefix}:*"),
            retrigger: false,
            preselect: false,
        });
        let mut verbs: BTreeMap<&str, usize> = BTreeMap::new();
        for action in service.actions() {
            *verbs.entry(verb(action.name())).or_default() += 1;
            let label = action.to_string();
            items.push(Suggestion {
                description: Some(action.access_level().to_string()),
                insert: self.value_insert(&label),
                sort: label.clone(),
                label,
                kind: SuggestionKind::Action,
                detail: Some(describe::action_detail(action)),
                // Filled in when the item is focused (`resolveCompletionItem`).
                documentation: None,
                snippet: false,
                retrigger: false,
                preselect: false,
            });
        }
        for (verb, count) in verbs.into_iter().filter(|(_, count)| *count > 1) {
            let label = format!("{prefix}:{verb}*");
            items.push(Suggestion {
                description: Some(format!("{count} actions")),
                insert: self.value_insert(&label),
                sort: label.clone(),
                label,
                kind: SuggestionKind::Action,
                detail: Some(format!("{count} actions")),
                documentation: None,
                snippet: false,
                retrigger: false,
                preselect: false,
            });
        }
        items
    }

    /// Service prefixes, each inserted with its `:` and reopening the list
    /// (none before AWS's service data has arrived).
    fn services(&self) -> Vec<Suggestion> {
        let mut items: Vec<Suggestion> = iamplay_catalog::services()
            .into_iter()
            .flat_map(|catalog| catalog.services())
            .map(|service| Suggestion {
                description: None,
                label: service.prefix().to_owned(),
                kind: SuggestionKind::Service,
                detail: Some(service.name().to_owned()),
                documentation: None,
                insert: if self.in_string() {
                    format!("{}:", service.prefix())
                } else {
                    format!("\"{}:$0\"{}", service.prefix(), self.comma())
                },
                snippet: !self.in_string(),
                sort: service.prefix().to_owned(),
                retrigger: true,
                preselect: false,
            })
            .collect();
        items.push(Suggestion {
            description: None,
            label: "*".to_owned(),
            kind: SuggestionKind::Action,
            detail: Some("every action".to_owned()),
            documentation: None,
            insert: self.value_insert("*"),
            snippet: false,
            sort: "~".to_owned(),
            retrigger: false,
            preselect: false,
        });
        items
    }

    /// `*` and the ARN formats of the resource types of the statement's
    /// actions, with their placeholders as tab stops.
    fn resources(&self, actions: &[String]) -> Vec<Suggestion> {
        let mut items = vec![Suggestion {
            description: None,
            label: "*".to_owned(),
            kind: SuggestionKind::Reference,
            detail: Some("every resource".to_owned()),
            documentation: None,
            insert: self.value_insert("*"),
            snippet: true,
            sort: "~".to_owned(),
            retrigger: false,
            preselect: false,
        }];
        let mut formats: BTreeMap<&str, &str> = BTreeMap::new();
        for entry in actions {
            for action in matching_actions(entry) {
                for resource in action.resource_types() {
                    formats
                        .entry(resource.arn_format())
                        .or_insert(resource.name());
                }
            }
            if formats.len() > MAX_RESOURCE_FORMATS {
                break;
            }
        }
        for (format, name) in formats.into_iter().take(MAX_RESOURCE_FORMATS) {
            items.push(Suggestion {
                description: None,
                label: format.to_owned(),
                kind: SuggestionKind::Reference,
                detail: Some(format!("{name} ARN")),
                documentation: None,
                insert: self.value_insert(&arn_snippet(format)),
                snippet: true,
                sort: format.to_owned(),
                retrigger: false,
                preselect: false,
            });
        }
        items
    }

    /// The principal types not yet in the `Principal` block.
    fn principal_types(&self, present: &[String]) -> Vec<Suggestion> {
        let types = [
            (
                "AWS",
                "accounts, users, roles and sessions, by ARN or account ID",
            ),
            ("Service", "AWS services, as `service.amazonaws.com`"),
            ("Federated", "web identity or SAML providers"),
            ("CanonicalUser", "an Amazon S3 canonical user ID"),
        ];
        types
            .iter()
            .enumerate()
            .filter(|(_, (name, _))| !present.iter().any(|key| key == name))
            .map(|(index, (name, note))| {
                let insert = self.key_insert(name, "\"$1\"");
                Suggestion {
                    description: None,
                    label: (*name).to_owned(),
                    kind: SuggestionKind::Element,
                    detail: Some((*note).to_owned()),
                    documentation: None,
                    insert,
                    snippet: true,
                    sort: format!("{index:02}"),
                    retrigger: false,
                    preselect: false,
                }
            })
            .collect()
    }

    /// Principals: `*`, an account's root for `AWS`, a service principal
    /// for `Service`.
    fn principals(&self, principal_type: Option<&str>) -> Vec<Suggestion> {
        let mut items = vec![Suggestion {
            description: None,
            label: "*".to_owned(),
            kind: SuggestionKind::Reference,
            detail: Some("everyone, anonymous callers included".to_owned()),
            documentation: None,
            insert: self.value_insert("*"),
            snippet: true,
            sort: "0".to_owned(),
            retrigger: false,
            preselect: false,
        }];
        let template = match principal_type {
            Some("AWS") => Some((
                "arn:aws:iam::111122223333:root",
                "arn:aws:iam::${1:111122223333}:root",
                "an account (its root)",
            )),
            Some("Service") => Some((
                "service.amazonaws.com",
                "${1:service}.amazonaws.com",
                "an AWS service",
            )),
            _ => None,
        };
        if let Some((label, snippet, note)) = template {
            items.push(Suggestion {
                description: None,
                label: label.to_owned(),
                kind: SuggestionKind::Reference,
                detail: Some(note.to_owned()),
                documentation: None,
                insert: self.value_insert(snippet),
                snippet: true,
                sort: "1".to_owned(),
                retrigger: false,
                preselect: false,
            });
        }
        items
    }

    /// Every condition operator: each base operator, with `IfExists`, and
    /// with the `ForAllValues:` and `ForAnyValue:` qualifiers
    /// (reference_policies_elements_condition_operators.md).
    fn operators(&self) -> Vec<Suggestion> {
        let mut items = Vec::new();
        for (rank, operator) in all_operators().into_iter().enumerate() {
            let name = operator.to_string();
            let insert = self.key_insert(&name, "{\n\t\"$1\": \"$2\"\n}");
            items.push(Suggestion {
                description: None,
                label: name,
                kind: SuggestionKind::Operator,
                detail: Some(describe::family_name(operator.base.family()).to_owned()),
                documentation: Some(describe::operator_details(operator)),
                insert,
                snippet: true,
                sort: format!("{rank:03}"),
                retrigger: true,
                preselect: false,
            });
        }
        items
    }

    /// Condition keys for `operator`: the global keys and the keys of the
    /// statement's actions, those the operator can compare first.
    fn condition_keys(
        &self,
        operator: &str,
        actions: &[String],
        present: &[String],
    ) -> Vec<Suggestion> {
        let family = ConditionOperator::parse(operator)
            .ok()
            .map(|op| op.base.family());
        let wanted = family.and_then(describe::family_value_type);
        let mut keys: Vec<ConditionKey<'static>> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        let mut add = |key: ConditionKey<'static>| {
            let name = key.name().to_ascii_lowercase();
            if !seen.contains(&name) {
                seen.push(name);
                keys.push(key);
            }
        };
        for entry in actions {
            for key in action_keys(entry) {
                add(key);
            }
        }
        let globals = iamplay_catalog::services().into_iter();
        for key in globals.flat_map(|catalog| catalog.global_condition_keys()) {
            add(key);
        }
        let typing = self
            .typed
            .map(|typed| typed.token.text(self.text).to_owned());
        keys.into_iter()
            .filter(|key| {
                !present
                    .iter()
                    .any(|p| p == key.name() && typing.as_deref() != Some(key.name()))
            })
            .map(|key| {
                let fits = match (family, wanted) {
                    (Some(OperatorFamily::Null), _) | (None, _) => true,
                    (_, Some(value)) => key.works_with(value),
                    (_, None) => true,
                };
                let insert = self.key_insert(&placeholders_to_snippet(key.name()), "\"$0\"");
                Suggestion {
                    description: Some(key.key_type().to_string()),
                    label: key.name().to_owned(),
                    kind: SuggestionKind::Key,
                    detail: Some(describe::key_detail(key)),
                    documentation: Some(describe::key_details(key)),
                    insert,
                    snippet: true,
                    sort: format!(
                        "{}{}{}",
                        u8::from(!fits),
                        u8::from(key.is_global()),
                        key.name()
                    ),
                    retrigger: false,
                    preselect: false,
                }
            })
            .collect()
    }

    /// `true` and `false` for the `Bool` and `Null` operators.
    fn condition_values(&self, operator: &str) -> Vec<Suggestion> {
        match ConditionOperator::parse(operator).map(|op| op.base.family()) {
            Ok(OperatorFamily::Null) => self.values(&[
                ("true", "the request has no value for the key", false),
                ("false", "the request has a value for the key", false),
            ]),
            Ok(OperatorFamily::Bool) => self.values(&[("true", "", false), ("false", "", false)]),
            _ => Vec::new(),
        }
    }

    /// A whole statement as a snippet.
    fn new_statement(&self) -> Suggestion {
        Suggestion {
            description: None,
            label: "statement".to_owned(),
            kind: SuggestionKind::Snippet,
            detail: Some("a new statement".to_owned()),
            documentation: None,
            insert: format!(
                "{{\n\t\"Sid\": \"$1\",\n\t\"Effect\": \"${{2|Allow,Deny|}}\",\n\t\"Action\": \"$3\",\n\t\"Resource\": \"${{4:*}}\"\n}}{}",
                self.comma()
            ),
            snippet: true,
            sort: "0".to_owned(),
            retrigger: false,
            preselect: true,
        }
    }
}

/// How many ARN formats the resource completion offers at most.
const MAX_RESOURCE_FORMATS: usize = 60;

/// The element that cannot appear next to `name` in one statement.
fn opposite(name: &str) -> Option<&'static str> {
    Some(match name {
        "Action" => "NotAction",
        "NotAction" => "Action",
        "Resource" => "NotResource",
        "NotResource" => "Resource",
        "Principal" => "NotPrincipal",
        "NotPrincipal" => "Principal",
        _ => return None,
    })
}

/// The value snippet inserted after an element's name, and whether the
/// suggestions open again inside it.
fn element_value(name: &str) -> (&'static str, bool) {
    match name {
        "Version" => ("\"2012-10-17\"", false),
        "Statement" => ("[\n\t{\n\t\t$0\n\t}\n]", true),
        "Effect" => ("\"${1|Allow,Deny|}\"", false),
        "Action" | "NotAction" | "Resource" | "NotResource" => ("\"$0\"", true),
        "Principal" | "NotPrincipal" => (
            "{\n\t\"${1|AWS,Service,Federated,CanonicalUser|}\": \"$2\"\n}",
            false,
        ),
        "Condition" => ("{\n\t$0\n}", true),
        _ => ("\"$1\"", false),
    }
}

/// The detail line of an element.
fn element_detail(name: &str) -> &'static str {
    match name {
        "Version" | "Id" | "Statement" => "policy element",
        _ => "statement element",
    }
}

/// The leading word of an action name: `Describe` of `DescribeInstances`.
fn verb(name: &str) -> &str {
    let end = name
        .char_indices()
        .skip(1)
        .find(|(_, ch)| !ch.is_ascii_lowercase())
        .map_or(name.len(), |(at, _)| at);
    &name[..end]
}

/// The catalog actions an `Action` entry names, without expanding
/// patterns over more than one service.
fn matching_actions(entry: &str) -> Vec<iamplay_catalog::Action<'static>> {
    match entry.split_once(':') {
        Some((service, _)) if !service.contains(['*', '?']) => iamplay_catalog::services()
            .map(|catalog| catalog.expand_action_pattern(entry))
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The condition keys an `Action` entry supports: an action's own keys,
/// or for a pattern within one service all of that service's keys.
fn action_keys(entry: &str) -> Vec<ConditionKey<'static>> {
    let Some((service, name)) = entry.split_once(':') else {
        return Vec::new();
    };
    let Some(catalog) = iamplay_catalog::services() else {
        return Vec::new();
    };
    if service.contains(['*', '?']) {
        return Vec::new();
    }
    if name.contains(['*', '?']) {
        return catalog
            .service(service)
            .map(|service| service.condition_keys().collect())
            .unwrap_or_default();
    }
    catalog
        .action(entry)
        .map(|action| action.supported_condition_keys())
        .unwrap_or_default()
}

/// Every condition operator, plain ones first, then `IfExists`, then the
/// set-qualified ones.
fn all_operators() -> Vec<ConditionOperator> {
    let mut operators = Vec::new();
    let plain = |base, qualifier, if_exists| ConditionOperator {
        qualifier,
        base,
        if_exists,
    };
    for &base in BaseOperator::ALL {
        operators.push(plain(base, None, false));
    }
    for &base in BaseOperator::ALL {
        if base != BaseOperator::Null {
            operators.push(plain(base, None, true));
        }
    }
    for qualifier in [SetQualifier::ForAnyValue, SetQualifier::ForAllValues] {
        for if_exists in [false, true] {
            for &base in BaseOperator::ALL {
                if base != BaseOperator::Null {
                    operators.push(plain(base, Some(qualifier), if_exists));
                }
            }
        }
    }
    operators
}

/// An ARN format with its placeholders as tab stops; the partition
/// defaults to `aws`.
fn arn_snippet(format: &str) -> String {
    placeholders_to_snippet(&format.replacen("${Partition}", "aws", 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The completions at the `|` of `marked` in an identity policy.
    fn complete_marked(marked: &str) -> Option<(String, Completions)> {
        complete_marked_in(marked, PolicyKind::Identity)
    }

    fn complete_marked_in(marked: &str, kind: PolicyKind) -> Option<(String, Completions)> {
        let cursor = marked.find('|').expect("a `|` cursor");
        let text = marked.replacen('|', "", 1);
        let completions = complete(&text, cursor, kind)?;
        Some((text, completions))
    }

    fn labels(completions: &Completions) -> Vec<&str> {
        completions.items.iter().map(|i| i.label.as_str()).collect()
    }

    fn item<'c>(completions: &'c Completions, label: &str) -> &'c Suggestion {
        completions
            .items
            .iter()
            .find(|i| i.label == label)
            .unwrap_or_else(|| panic!("no `{label}` among {:?}", labels(completions)))
    }

    // reference_policies_grammar.md: a policy holds Version, Id and
    // Statement.
    #[test]
    fn policy_elements_between_tokens_are_quoted() {
        let (_, found) = complete_marked("{\n  |\n}").expect("completions");
        assert_eq!(labels(&found), ["Version", "Id", "Statement"]);
        assert_eq!(
            item(&found, "Version").insert,
            "\"Version\": \"2012-10-17\""
        );
    }

    #[test]
    fn present_elements_are_not_offered_again() {
        let (_, found) = complete_marked("{\"Version\": \"2012-10-17\", |}").expect("completions");
        assert_eq!(labels(&found), ["Id", "Statement"]);
    }

    // reference_policies_elements_principal.md: Principal only in
    // resource-based policies.
    #[test]
    fn statement_elements_depend_on_the_policy_kind() {
        let doc = "{\"Statement\": [{\"Action\": \"s3:GetObject\", \"|\"}]}";
        let (_, identity) = complete_marked(doc).expect("completions");
        assert_eq!(
            labels(&identity),
            ["Sid", "Effect", "Resource", "NotResource", "Condition"]
        );
        let (_, resource) = complete_marked_in(doc, PolicyKind::Resource).expect("completions");
        assert!(labels(&resource).contains(&"Principal"));
        assert!(labels(&resource).contains(&"NotPrincipal"));
        let (_, rcp) = complete_marked_in(doc, PolicyKind::ResourceControl).expect("completions");
        assert!(labels(&rcp).contains(&"Principal"));
        assert!(!labels(&rcp).contains(&"NotPrincipal"));
    }

    #[test]
    fn a_key_string_without_colon_gets_one() {
        let (text, found) = complete_marked("{\"Statement\": [{\"Eff|\"}]}").expect("completions");
        let effect = item(&found, "Effect");
        assert_eq!(effect.insert, "Effect\": \"${1|Allow,Deny|}\"");
        // The replaced range covers the closing quote, which the insertion
        // writes again.
        assert_eq!(&text[found.replace.0..found.replace.1], "Eff\"");
        let (_, with_colon) =
            complete_marked("{\"Statement\": [{\"Eff|\": \"Allow\"}]}").expect("completions");
        assert_eq!(item(&with_colon, "Effect").insert, "Effect");
    }

    #[test]
    fn a_comma_follows_when_another_member_does() {
        let (_, found) = complete_marked("{\"Statement\": [{\n  |\n  \"Effect\": \"Allow\"\n}]}")
            .expect("completions");
        assert_eq!(item(&found, "Sid").insert, "\"Sid\": \"$1\",");
    }

    // reference_policies_elements_effect.md and _version.md.
    #[test]
    fn effect_and_version_values() {
        let (text, found) =
            complete_marked("{\"Statement\": [{\"Effect\": \"A|\"}]}").expect("completions");
        assert_eq!(labels(&found), ["Allow", "Deny"]);
        assert_eq!(item(&found, "Allow").insert, "Allow");
        assert_eq!(&text[found.replace.0..found.replace.1], "A");
        let (_, found) = complete_marked("{\"Version\": |}").expect("completions");
        assert_eq!(item(&found, "2012-10-17").insert, "\"2012-10-17\"");
        assert!(item(&found, "2012-10-17").preselect);
    }

    // reference_policies_elements_action.md: `service:Action`, with
    // wildcards.
    #[test]
    fn actions_start_with_service_prefixes() {
        let (_, found) =
            complete_marked("{\"Statement\": [{\"Action\": \"ec|\"}]}").expect("completions");
        let ec2 = item(&found, "ec2");
        assert_eq!(ec2.insert, "ec2:");
        assert!(ec2.retrigger);
        assert_eq!(ec2.kind, SuggestionKind::Service);
    }

    #[test]
    fn after_the_prefix_come_the_actions_with_access_levels() {
        let (text, found) = complete_marked(
            "{\"Statement\": [{\"Action\": [\"iam:ListUsers\", \"ec2:Describe|\"]}]}",
        )
        .expect("completions");
        let describe = item(&found, "ec2:DescribeInstances");
        assert_eq!(describe.insert, "ec2:DescribeInstances");
        assert_eq!(
            describe.description.as_deref(),
            Some("List"),
            "on every row"
        );
        assert_eq!(
            describe.detail.as_deref(),
            Some("List · Amazon EC2"),
            "access level, then the service"
        );
        assert_eq!(
            item(&found, "ec2:Describe*").detail.as_deref(),
            Some(
                format!(
                    "{} actions",
                    iamplay_catalog::catalog()
                        .expand_action_pattern("ec2:Describe*")
                        .len()
                )
                .as_str()
            )
        );
        assert!(labels(&found).contains(&"ec2:*"));
        assert_eq!(&text[found.replace.0..found.replace.1], "ec2:Describe");
        assert!(complete_marked("{\"Statement\": [{\"Action\": \"nope:|\"}]}").is_none());
        // Typed without its closing quote: the insertion closes the string.
        let (_, open) = complete_marked("{\"Statement\": [{\"Action\": [\n\"ec2:Describe|\n]}]}")
            .expect("completions");
        assert_eq!(
            item(&open, "ec2:DescribeInstances").insert,
            "ec2:DescribeInstances\""
        );
    }

    #[test]
    fn resources_offer_the_arn_formats_of_the_actions() {
        let (_, found) = complete_marked(
            "{\"Statement\": [{\"Action\": \"iam:ChangePassword\", \"Resource\": \"|\"}]}",
        )
        .expect("completions");
        let user = found
            .items
            .iter()
            .find(|i| i.detail.as_deref() == Some("user ARN"))
            .expect("the user ARN format");
        assert_eq!(
            user.insert,
            "arn:aws:iam::${1:Account}:user/${2:UserNameWithPath}"
        );
        assert!(labels(&found).contains(&"*"));
    }

    // reference_policies_elements_condition_operators.md: every operator,
    // with IfExists and the set qualifiers, but no `NullIfExists`.
    #[test]
    fn every_condition_operator() {
        let (_, found) =
            complete_marked("{\"Statement\": [{\"Condition\": {\"|\"}}]}").expect("completions");
        let names = labels(&found);
        for expected in [
            "StringEquals",
            "StringLikeIfExists",
            "ForAllValues:StringEquals",
            "ForAnyValue:StringNotLikeIfExists",
            "NumericLessThanEquals",
            "DateGreaterThan",
            "Bool",
            "BinaryEquals",
            "IpAddress",
            "ArnLike",
            "Null",
        ] {
            assert!(names.contains(&expected), "{expected} among {names:?}");
        }
        assert!(!names.contains(&"NullIfExists"));
        assert!(!names.contains(&"ForAnyValue:Null"));
        // Each base operator plain, and all but `Null` with `IfExists`, and
        // with either qualifier, with and without `IfExists`.
        let base = BaseOperator::ALL.len();
        assert_eq!(names.len(), base + 5 * (base - 1));
        assert!(item(&found, "Bool").retrigger);
    }

    // reference_policies_condition-keys.md: global keys; the Service
    // Authorization Reference: `iam:PassedToService` for `iam:PassRole`.
    #[test]
    fn condition_keys_include_globals_and_the_actions_keys() {
        let doc = "{\"Statement\": [{\"Action\": \"iam:PassRole\", \
                   \"Condition\": {\"StringEquals\": {\"|\"}}}]}";
        let (_, found) = complete_marked(doc).expect("completions");
        let names = labels(&found);
        assert!(names.contains(&"aws:PrincipalArn"), "{names:?}");
        assert!(names.contains(&"iam:PassedToService"), "{names:?}");
        let passed = item(&found, "iam:PassedToService");
        assert_eq!(passed.detail.as_deref(), Some("String · iam"));
        // The action's own keys sort before the global ones.
        assert!(passed.sort < item(&found, "aws:PrincipalArn").sort);
        let tag = item(&found, "aws:RequestTag/${TagKey}");
        // In a key string without its colon: the name, the colon, a value.
        assert_eq!(tag.insert, "aws:RequestTag/${1:TagKey}\": \"$0\"");
    }

    #[test]
    fn keys_the_operator_can_compare_come_first() {
        let doc = "{\"Statement\": [{\"Condition\": {\"Bool\": {\"aws:|\"}}}]}";
        let (_, found) = complete_marked(doc).expect("completions");
        let mfa = item(&found, "aws:MultiFactorAuthPresent");
        let ip = item(&found, "aws:SourceIp");
        assert!(mfa.sort < ip.sort, "a Bool key first under `Bool`");
        assert_eq!(mfa.detail.as_deref(), Some("Bool · global"));
    }

    #[test]
    fn booleans_for_bool_and_null() {
        let doc =
            "{\"Statement\": [{\"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"|\"}}}]}";
        let (_, found) = complete_marked(doc).expect("completions");
        assert_eq!(labels(&found), ["true", "false"]);
        let doc =
            "{\"Statement\": [{\"Condition\": {\"StringEquals\": {\"aws:username\": \"|\"}}}]}";
        assert!(complete_marked(doc).is_none());
    }

    #[test]
    fn a_new_statement_in_the_array() {
        let (_, found) = complete_marked("{\"Statement\": [\n  |\n]}").expect("completions");
        assert_eq!(labels(&found), ["statement"]);
    }

    #[test]
    fn snippets_escape_and_number_placeholders() {
        assert_eq!(escape_snippet("a$b}c\\"), "a\\$b\\}c\\\\");
        assert_eq!(
            placeholders_to_snippet("s3:ExistingObjectTag/<key>"),
            "s3:ExistingObjectTag/${1:key}"
        );
        assert_eq!(
            placeholders_to_snippet("arn:${Partition}:s3:::${BucketName}/${ObjectName}"),
            "arn:${1:Partition}:s3:::${2:BucketName}/${3:ObjectName}"
        );
        assert_eq!(verb("DescribeInstances"), "Describe");
        assert_eq!(verb("Get"), "Get");
    }
}
