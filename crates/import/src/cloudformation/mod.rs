//! CloudFormation templates (JSON or YAML) as workspaces.
//!
//! The template is read into a [`Node`] tree, every intrinsic function is
//! checked to exist, the sections are indexed, and each resource is
//! imported with its properties resolved (see [`intrinsic`] and
//! [`attributes`]); [`resources`] says what becomes what.

mod attributes;
mod intrinsic;
mod resources;
mod value;

use std::collections::HashMap;
use std::path::Path;

use iamplay_core::json::parse_json;
use iamplay_core::workspace::Workspace;
use iamplay_core::{Code, Diagnostic, Loc};

use crate::tree::{Node, from_json};
use crate::{DEFAULT_REGION, Format, ImportOptions, Imported, Note};
use intrinsic::{LOOP_PREFIX, Pseudo, Resolver, Resource, Template, unknown_functions};
use resources::Builder;

/// How many bytes of text resolving may produce per byte of template
/// (plus a fixed allowance): real templates stay far below it.
const EXPANSION_FACTOR: usize = 16;
const EXPANSION_ALLOWANCE: usize = 1 << 20;

/// Imports a template.
pub(crate) fn import(
    text: &str,
    format: Format,
    options: &ImportOptions,
) -> Result<Imported, Vec<Diagnostic>> {
    let root = match format {
        Format::CloudFormationYaml => crate::yaml::parse_yaml(text)?,
        _ => {
            let json = parse_json(text).map_err(|e| vec![e])?;
            let mut diagnostics = Vec::new();
            let node = from_json(&json, &mut diagnostics);
            if !diagnostics.is_empty() {
                return Err(diagnostics);
            }
            node
        }
    };
    let mut unknown = Vec::new();
    unknown_functions(&root, &mut unknown);
    let template = read_template(&root)?;
    let pseudo = pseudo(options);
    let overrides: HashMap<String, String> = options.parameters.iter().cloned().collect();
    let budget = text
        .len()
        .saturating_mul(EXPANSION_FACTOR)
        .saturating_add(EXPANSION_ALLOWANCE);
    let mut resolver = Resolver::new(template, pseudo, overrides, budget);
    for (name, loc) in unknown {
        resolver.unknown_function(name, loc);
    }
    if !resolver.diagnostics.is_empty() {
        return Err(std::mem::take(&mut resolver.diagnostics));
    }
    let mut ws = Workspace::new();
    ws.account = resolver.pseudo.account.clone();
    let file = options.file_name.as_deref().unwrap_or("template");
    ws.name = Some(format!("CloudFormation template {file}"));
    ws.description = root
        .get("Description")
        .and_then(Node::as_str)
        .map(str::to_owned);
    let mut builder = Builder::new(&mut resolver, ws);
    builder.run();
    let diagnostics = builder.diagnostics();
    let mut skipped = std::mem::take(&mut builder.skipped);
    let ws = std::mem::take(&mut builder.ws);
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let mut placeholders = std::mem::take(&mut resolver.placeholders);
    for lp in &resolver.t.loops {
        skipped.push(Note::at(
            format!("skipped `{}`: loops of the `AWS::LanguageExtensions` transform are expanded when the stack is deployed, which the import does not do", lp.value),
            lp.loc,
        ));
    }
    if let Some(transform) = root.get("Transform") {
        skipped.push(Note::at(
            "the template names a `Transform`; macros and AWS SAM are expanded when the stack is deployed, and the import reads the template as written",
            transform.loc,
        ));
    }
    sort_notes(&mut skipped);
    sort_notes(&mut placeholders);
    Ok(Imported {
        workspace: ws,
        format,
        skipped,
        placeholders,
    })
}

/// Orders notes by where they are in the file, dropping repeats.
pub(crate) fn sort_notes(notes: &mut Vec<Note>) {
    notes.sort_by_key(|n| (n.loc.map(|l| l.span.start), n.message.clone()));
    notes.dedup();
}

fn pseudo(options: &ImportOptions) -> Pseudo {
    let region = options
        .region
        .clone()
        .unwrap_or_else(|| DEFAULT_REGION.to_owned());
    let (partition, url_suffix) = if region.starts_with("cn-") {
        ("aws-cn", "amazonaws.com.cn")
    } else if region.starts_with("us-gov-") {
        ("aws-us-gov", "amazonaws.com")
    } else {
        ("aws", "amazonaws.com")
    };
    let stack_name = options.stack_name.clone().unwrap_or_else(|| {
        options
            .file_name
            .as_deref()
            .and_then(|f| Path::new(f).file_stem())
            .map_or_else(|| "stack".to_owned(), |s| s.to_string_lossy().into_owned())
    });
    Pseudo {
        account: options
            .account
            .clone()
            .unwrap_or_else(|| iamplay_core::workspace::DEFAULT_ACCOUNT.to_owned()),
        region,
        partition: partition.to_owned(),
        url_suffix: url_suffix.to_owned(),
        stack_name,
    }
}

fn wrong_type(what: &str, expected: &str, node: &Node) -> Diagnostic {
    Diagnostic::error(
        Code::WrongType,
        format!("{what} must be {expected}, found {}", node.kind_name()),
        node.loc,
    )
}

fn opening(loc: Loc) -> Loc {
    let mut l = loc;
    l.span.end = l.span.start.saturating_add(1).min(loc.span.end);
    l.end = l.start;
    l.end.column = l.end.column.saturating_add(1);
    l
}

/// A mapping's members by key.
fn level(node: &Node) -> HashMap<&str, &Node> {
    node.as_map()
        .unwrap_or_default()
        .iter()
        .map(|(k, v)| (k.value.as_str(), v))
        .collect()
}

/// Indexes the sections of the template.
fn read_template(root: &Node) -> Result<Template<'_>, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    if root.as_map().is_none() || root.tag.is_some() {
        return Err(vec![wrong_type(
            "a CloudFormation template",
            "a mapping of sections",
            root,
        )]);
    }
    let mut t = Template::default();
    let section = |name: &str, diagnostics: &mut Vec<Diagnostic>| -> Vec<(&str, &Node)> {
        match root.get(name) {
            None => Vec::new(),
            Some(node) => match node.as_map() {
                Some(members) if node.tag.is_none() => {
                    members.iter().map(|(k, v)| (k.value.as_str(), v)).collect()
                }
                _ => {
                    diagnostics.push(wrong_type(&format!("`{name}`"), "a mapping", node));
                    Vec::new()
                }
            },
        }
    };
    t.parameters = section("Parameters", &mut diagnostics)
        .into_iter()
        .collect();
    t.mappings = section("Mappings", &mut diagnostics)
        .into_iter()
        .map(|(name, map)| {
            let top = level(map)
                .into_iter()
                .map(|(key, second)| (key, level(second)))
                .collect();
            (name, top)
        })
        .collect();
    t.conditions = section("Conditions", &mut diagnostics)
        .into_iter()
        .collect();
    let Some(resources) = root.get("Resources") else {
        diagnostics.push(Diagnostic::error(
            Code::MissingKey,
            "a CloudFormation template needs a `Resources` section",
            opening(root.loc),
        ));
        return Err(diagnostics);
    };
    match resources.as_map() {
        Some(members) if resources.tag.is_none() => {
            for (logical, node) in members {
                if logical.value.starts_with(LOOP_PREFIX) {
                    t.loops.push(logical);
                    continue;
                }
                if node.as_map().is_none() || node.tag.is_some() {
                    diagnostics.push(wrong_type(
                        &format!("resource `{}`", logical.value),
                        "a mapping",
                        node,
                    ));
                    continue;
                }
                let Some(kind) = node.get("Type") else {
                    diagnostics.push(Diagnostic::error(
                        Code::MissingKey,
                        format!("resource `{}` needs a `Type`", logical.value),
                        logical.loc,
                    ));
                    continue;
                };
                let Some(kind) = kind.as_str() else {
                    diagnostics.push(wrong_type(
                        &format!("the `Type` of `{}`", logical.value),
                        "a string",
                        kind,
                    ));
                    continue;
                };
                let props = node.get("Properties");
                if let Some(p) = props
                    && (p.as_map().is_none() || p.tag.is_some())
                {
                    diagnostics.push(wrong_type(
                        &format!("the `Properties` of `{}`", logical.value),
                        "a mapping",
                        p,
                    ));
                    continue;
                }
                t.resource_index
                    .insert(logical.value.as_str(), t.resources.len());
                t.resources.push(Resource {
                    logical,
                    kind,
                    props,
                    condition: node.get("Condition"),
                });
            }
        }
        _ => diagnostics.push(wrong_type("`Resources`", "a mapping", resources)),
    }
    if diagnostics.is_empty() {
        Ok(t)
    } else {
        Err(diagnostics)
    }
}
