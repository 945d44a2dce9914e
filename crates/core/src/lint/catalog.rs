//! Findings that use AWS's service data from `iamplay-catalog`.

use crate::code::Code;
use iamplay_catalog::{Action, Catalog, ValueType};

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Severity};
use crate::matching::wildcard_match;
use crate::policy::{OperatorFamily, Polarity, Policy, Statement};
use crate::source::Spanned;

use super::glob_overlap::arn_patterns_overlap;
use super::repeated::{action_key, distinct, resource_key};

/// Findings that need the catalog:
/// - an unknown service or action, or an action pattern that matches no action;
/// - a `Resource` entry that can never match for the statement's actions
///   (e.g. `user/*` for `iam:ListUsers`, which supports only `*`);
/// - a condition key that none of the statement's actions supports;
/// - an operator whose type does not fit the key (`NumericLessThan` on a
///   String key).
///
/// Each distinct entry is looked at once (a repeat is its own finding,
/// see [`super::lint_repeated`]), and each distinct action pattern is
/// expanded once per policy, so the cost follows the distinct entries,
/// not how often they are written.
pub fn lint_with_catalog(policy: &Policy, catalog: &Catalog) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut expansions = Expansions::new(catalog);
    for statement in &policy.statements {
        let actions = statement_actions(statement, &mut expansions, &mut out);
        if let Some(actions) = &actions {
            resource_findings(statement, actions, &mut out);
            condition_key_findings(statement, actions, catalog, &mut out);
        }
        operator_findings(statement, catalog, &mut out);
    }
    out
}

/// A whole-service or cross-service wildcard matching more actions than
/// this is too broad to reason about action by action.
const MOST_ACTIONS: usize = 500;

/// What one action pattern names in the catalog.
#[derive(Debug, Clone)]
enum Expansion<'c> {
    /// Its service prefix is unknown.
    UnknownService,
    /// It matches no action.
    Nothing,
    /// It matches more than [`MOST_ACTIONS`] actions.
    TooBroad,
    /// The actions it matches, in catalog order.
    Actions(Vec<Action<'c>>),
}

/// Action patterns expanded in the catalog, each distinct pattern
/// (ignoring ASCII case, as IAM compares actions) once.
struct Expansions<'c> {
    catalog: &'c Catalog,
    done: HashMap<String, Expansion<'c>>,
}

impl<'c> Expansions<'c> {
    fn new(catalog: &'c Catalog) -> Self {
        Expansions {
            catalog,
            done: HashMap::new(),
        }
    }

    /// The expansion of `service:name` (`text` as written).
    fn expand(&mut self, text: &str, service: &str) -> &Expansion<'c> {
        let catalog = self.catalog;
        self.done
            .entry(text.to_ascii_lowercase())
            .or_insert_with(|| {
                if !service.contains(['*', '?']) && catalog.service(service).is_none() {
                    return Expansion::UnknownService;
                }
                let found = catalog.expand_action_pattern(text);
                if found.is_empty() {
                    Expansion::Nothing
                } else if found.len() > MOST_ACTIONS {
                    Expansion::TooBroad
                } else {
                    Expansion::Actions(found)
                }
            })
    }
}

/// The actions an `Action` element names, each once, reporting entries
/// that name none; `None` for `NotAction` or when any entry is unknown
/// (the other findings would then be guesses).
fn statement_actions<'c>(
    statement: &Statement,
    expansions: &mut Expansions<'c>,
    out: &mut Vec<Diagnostic>,
) -> Option<Vec<Action<'c>>> {
    let catalog = expansions.catalog;
    let mut actions = Vec::new();
    let mut seen: HashSet<(&'c str, &'c str)> = HashSet::new();
    let mut complete = true;
    for entry in distinct(&statement.action.entries, action_key).first {
        let text = entry.value.as_str();
        if text == "*" {
            complete = false;
            continue;
        }
        let Some((service, name)) = text.split_once(':') else {
            complete = false;
            continue;
        };
        match expansions.expand(text, service) {
            Expansion::UnknownService => {
                out.push(
                    Diagnostic::error(
                        Code::UnknownService,
                        format!("unknown service prefix `{service}`"),
                        entry.loc,
                    )
                    .with_help(catalog_help(catalog)),
                );
                complete = false;
            }
            Expansion::Nothing => {
                let wild = name.contains(['*', '?']);
                let message = if wild {
                    format!("`{text}` matches no action of `{service}`")
                } else {
                    format!("unknown action `{text}`")
                };
                out.push(
                    Diagnostic::error(
                        if wild {
                            Code::PatternMatchesNothing
                        } else {
                            Code::UnknownAction
                        },
                        message,
                        entry.loc,
                    )
                    .with_help(catalog_help(catalog)),
                );
                complete = false;
            }
            Expansion::TooBroad => complete = false,
            Expansion::Actions(found) => actions.extend(
                found
                    .iter()
                    .filter(|a| seen.insert((a.service_prefix(), a.name()))),
            ),
        }
    }
    (statement.action.polarity == Polarity::Positive && complete && !actions.is_empty())
        .then_some(actions)
}

fn catalog_help(catalog: &Catalog) -> String {
    let source = catalog.source();
    format!(
        "the catalog knows AWS's actions as of {} (`{}` {})",
        source.date, source.package, source.version
    )
}

/// `${...}` stands for any text when judging what a pattern could match.
fn variables_as_wildcards(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        match rest[start..].find('}') {
            Some(end) => {
                out.push('*');
                rest = &rest[start + end + 1..];
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether an action can be asked for on a resource some entry matches:
/// each entry's pattern (variables read as `*`) is worked out once, and
/// each resource type's ARN format checked against the entries once.
struct ResourceFit<'c> {
    /// The distinct entries as patterns.
    patterns: Vec<String>,
    /// Whether some entry matches `*`, which every action is asked for
    /// on or which matches any ARN.
    any_star: bool,
    /// For each resource type's ARN format seen: whether an entry overlaps it.
    types: HashMap<&'c str, bool>,
}

impl<'c> ResourceFit<'c> {
    fn new(entries: &[&Spanned<String>]) -> Self {
        let patterns: Vec<String> = entries
            .iter()
            .map(|e| variables_as_wildcards(&e.value))
            .collect();
        let any_star = patterns.iter().any(|p| wildcard_match(p, "*", false));
        ResourceFit {
            patterns,
            any_star,
            types: HashMap::new(),
        }
    }

    /// Whether some entry can match a resource `action` acts on.
    fn fits(&mut self, action: &Action<'c>) -> bool {
        if self.any_star {
            return true;
        }
        // the request's resource is then `*`, which no entry matches
        if action.supports_only_wildcard_resource() {
            return false;
        }
        let patterns = &self.patterns;
        action.resource_types().any(|rt| {
            let resource_type = rt.resource_type();
            *self
                .types
                .entry(resource_type.arn_format())
                .or_insert_with(|| {
                    let glob = resource_type.arn_glob();
                    patterns.iter().any(|p| arn_patterns_overlap(p, &glob))
                })
        })
    }
}

fn resource_findings(statement: &Statement, actions: &[Action<'_>], out: &mut Vec<Diagnostic>) {
    let Some(block) = &statement.resource else {
        return;
    };
    if block.polarity != Polarity::Positive {
        return;
    }
    let entries = distinct(&block.entries, resource_key).first;
    let mut fit = ResourceFit::new(&entries);
    // Actions that no entry can ever match.
    let never: Vec<&Action<'_>> = actions.iter().filter(|a| !fit.fits(a)).collect();
    if never.is_empty() {
        return;
    }
    let names = name_list(never.iter().map(|a| a.to_string()));
    let only_star = never.iter().all(|a| a.supports_only_wildcard_resource());
    let listed = name_list(entries.iter().map(|e| e.value.clone()));
    let supports = if never.len() == 1 {
        "supports"
    } else {
        "support"
    };
    let acts = if never.len() == 1 { "acts" } else { "act" };
    let matches = if entries.len() == 1 {
        "matches"
    } else {
        "match"
    };
    let message = match (never.len() == actions.len(), only_star) {
        (true, true) => format!(
            "this statement never applies: {names} {supports} only `*` as the resource, which {listed} never {matches}"
        ),
        (true, false) => format!(
            "this statement never applies: {listed} {matches} no resource that {names} {acts} on"
        ),
        (false, true) => format!(
            "{names} {supports} only `*` as the resource, which {listed} never {matches}, so this statement never allows {}",
            if never.len() == 1 { "it" } else { "them" }
        ),
        (false, false) => format!("{listed} {matches} no resource that {names} {acts} on"),
    };
    let loc = match entries.as_slice() {
        [only] => only.loc,
        _ => block.loc,
    };
    let mut d = Diagnostic::new(Severity::Warning, Code::ResourceNeverMatches, message, loc);
    if only_star {
        d = d.with_help("put these actions in a statement with `\"Resource\": \"*\"`");
    }
    out.push(d);
}

fn name_list(names: impl Iterator<Item = String>) -> String {
    let names: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

fn condition_key_findings(
    statement: &Statement,
    actions: &[Action<'_>],
    catalog: &Catalog,
    out: &mut Vec<Diagnostic>,
) {
    for clause in &statement.conditions {
        let key = clause.key.value.as_str();
        if catalog.condition_key(key).is_none() {
            unknown_key(&clause.key, catalog, out);
            continue;
        }
        if !actions.iter().any(|a| a.supports_condition_key(key)) {
            let names = if actions.len() <= 3 {
                name_list(actions.iter().map(|a| a.to_string()))
            } else {
                format!("the statement's {} actions", actions.len())
            };
            out.push(
                Diagnostic::new(
                    Severity::Warning,
                    Code::UnsupportedConditionKey,
                    format!("condition key `{key}` is not supported by {names}, so the request never carries it"),
                    clause.key.loc,
                )
                .with_help("the condition then sees the key as absent"),
            );
        }
    }
}

fn unknown_key(key: &Spanned<String>, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let text = key.value.as_str();
    let Some((prefix, _)) = text.split_once(':') else {
        return;
    };
    if prefix.eq_ignore_ascii_case("aws") || catalog.service(prefix).is_some() {
        out.push(Diagnostic::new(
            Severity::Warning,
            Code::UnknownConditionKey,
            format!("unknown condition key `{text}`"),
            key.loc,
        ));
    }
}

fn family_type(family: OperatorFamily) -> Option<ValueType> {
    Some(match family {
        OperatorFamily::String => ValueType::String,
        OperatorFamily::Numeric => ValueType::Numeric,
        OperatorFamily::Date => ValueType::Date,
        OperatorFamily::Bool => ValueType::Bool,
        OperatorFamily::Binary => ValueType::Binary,
        OperatorFamily::Ip => ValueType::IpAddress,
        OperatorFamily::Arn => ValueType::Arn,
        OperatorFamily::Null => return None,
    })
}

fn operator_findings(statement: &Statement, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    for clause in &statement.conditions {
        let op = clause.operator.value;
        let Some(wanted) = family_type(op.base.family()) else {
            continue;
        };
        let Some(key) = catalog.condition_key(&clause.key.value) else {
            continue;
        };
        if !key.works_with(wanted) {
            let fits: Vec<String> = key
                .operator_families()
                .map(|t| format!("`{}`", t.as_str()))
                .collect();
            // A string operator compares the key's value as text, which
            // AWS accepts for any key and uses in its own examples (the
            // `aws:Ec2InstanceSourcePrivateIPv4` policy of
            // `reference_policies_condition-keys.md` uses `StringNotEquals`
            // on an IP address): a warning, not an error.
            let severity = if wanted == ValueType::String {
                Severity::Warning
            } else {
                Severity::Error
            };
            let message = if severity == Severity::Warning {
                format!(
                    "`{op}` compares `{}` (of type `{}`) as text: an equal value written differently will not match",
                    clause.key.value,
                    key.key_type().value.as_str()
                )
            } else {
                format!(
                    "`{op}` compares {} values, but `{}` is of type `{}`",
                    wanted.as_str(),
                    clause.key.value,
                    key.key_type().value.as_str()
                )
            };
            out.push(
                Diagnostic::new(
                    severity,
                    Code::OperatorTypeMismatch,
                    message,
                    clause.operator.loc,
                )
                .with_help(format!("use an operator of type {}", fits.join(" or "))),
            );
        }
        if op.qualifier.is_some() && !key.key_type().multivalued {
            out.push(
                Diagnostic::new(
                    Severity::Warning,
                    Code::SetOperatorOnSingleValue,
                    format!(
                        "`{}` is single-valued; `{}:` is meant for multivalued keys",
                        clause.key.value,
                        op.qualifier.map(|q| q.as_str()).unwrap_or_default()
                    ),
                    clause.operator.loc,
                )
                .with_help(
                    "`ForAllValues` on a single-valued key can allow when the key is absent",
                ),
            );
        }
    }
}
