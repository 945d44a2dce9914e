//! CloudFormation's intrinsic functions, resolved as far as the template
//! alone allows: `Ref` (pseudo parameters, parameters, resources),
//! `Fn::GetAtt`, `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`,
//! `Fn::If` with the conditions (`Fn::Equals`, `Fn::And`, `Fn::Or`,
//! `Fn::Not`, `Condition`), `Fn::FindInMap`, `Fn::Base64`, `Fn::Length`
//! and `Fn::ToJsonString`, in their long (`Fn::Sub`) and short (`!Sub`)
//! forms. What depends on the deployment (`Fn::ImportValue`,
//! `Fn::GetAZs`, `Fn::Cidr`, `Fn::Transform`, parameters without a value,
//! conditions on them) becomes a placeholder, listed with its location.
//!
//! A template whose functions would expand to far more text than it holds
//! (names built from names built from names...) is refused, so resolving
//! stays linear in the size of the template.

use std::collections::{HashMap, HashSet};

use iamplay_core::{Code, Diagnostic, Loc, Spanned};

use super::value::{Value, base64, compact_json};
use crate::Note;
use crate::placeholder::placeholder;
use crate::tree::{Node, NodeValue};

/// Every intrinsic function CloudFormation has, in long form.
const FUNCTIONS: [&str; 20] = [
    "Ref",
    "Condition",
    "Fn::Base64",
    "Fn::Cidr",
    "Fn::FindInMap",
    "Fn::GetAtt",
    "Fn::GetAZs",
    "Fn::ImportValue",
    "Fn::Join",
    "Fn::Length",
    "Fn::Select",
    "Fn::Split",
    "Fn::Sub",
    "Fn::ToJsonString",
    "Fn::Transform",
    "Fn::And",
    "Fn::Equals",
    "Fn::If",
    "Fn::Not",
    "Fn::Or",
];

/// How deep resolving may recurse (nesting, names built from names,
/// conditions on conditions): within a 1 MiB stack, WebAssembly's default.
const MAX_DEPTH: usize = 100;

/// A resource of the template.
#[derive(Debug, Clone, Copy)]
pub(super) struct Resource<'n> {
    /// The logical id, where it was written.
    pub logical: &'n Spanned<String>,
    /// `Type`.
    pub kind: &'n str,
    /// `Properties`, if any.
    pub props: Option<&'n Node>,
    /// `Condition`, if any.
    pub condition: Option<&'n Node>,
}

/// The sections of a template that functions look things up in.
#[derive(Debug, Default)]
pub(super) struct Template<'n> {
    pub parameters: HashMap<&'n str, &'n Node>,
    /// `Mappings`: map name, top-level key, second-level key.
    pub mappings: HashMap<&'n str, HashMap<&'n str, HashMap<&'n str, &'n Node>>>,
    pub conditions: HashMap<&'n str, &'n Node>,
    pub resources: Vec<Resource<'n>>,
    pub resource_index: HashMap<&'n str, usize>,
    /// `Fn::ForEach::...` keys of `Resources`, which are not expanded.
    pub loops: Vec<&'n Spanned<String>>,
}

/// The pseudo parameters.
#[derive(Debug, Clone)]
pub(super) struct Pseudo {
    pub account: String,
    pub region: String,
    pub partition: String,
    pub url_suffix: String,
    pub stack_name: String,
}

/// A function's argument: the node, and whether its own tag was the
/// function (`!Sub x`: the tag is used up) or is still to apply
/// (`Fn::Sub: !Join ...`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Arg<'n> {
    node: &'n Node,
    bare: bool,
}

/// Resolves values of one template.
pub(super) struct Resolver<'n> {
    pub t: Template<'n>,
    pub pseudo: Pseudo,
    pub overrides: HashMap<String, String>,
    conditions: HashMap<&'n str, Option<bool>>,
    busy_conditions: HashSet<&'n str>,
    pub(super) names: HashMap<&'n str, Value>,
    pub(super) busy_names: HashSet<&'n str>,
    pub diagnostics: Vec<Diagnostic>,
    pub placeholders: Vec<Note>,
    budget: usize,
    exhausted: bool,
    depth: usize,
}

impl<'n> Resolver<'n> {
    /// A resolver that may produce up to `budget` bytes.
    pub fn new(
        t: Template<'n>,
        pseudo: Pseudo,
        overrides: HashMap<String, String>,
        budget: usize,
    ) -> Self {
        Self {
            t,
            pseudo,
            overrides,
            conditions: HashMap::new(),
            busy_conditions: HashSet::new(),
            names: HashMap::new(),
            busy_names: HashSet::new(),
            diagnostics: Vec::new(),
            placeholders: Vec::new(),
            budget,
            exhausted: false,
            depth: 0,
        }
    }

    pub fn error(&mut self, code: Code, message: impl Into<String>, loc: Loc) {
        self.diagnostics.push(Diagnostic::error(code, message, loc));
    }

    /// Records a placeholder and returns it.
    pub fn unresolved(&mut self, kind: &str, detail: &str, why: String, loc: Loc) -> Value {
        let text = placeholder(kind, detail);
        self.placeholders
            .push(Note::at(format!("`{text}`: {why}"), loc));
        Value::unresolved(text)
    }

    /// Charges `n` bytes against the expansion bound; false once it is spent.
    pub fn charge(&mut self, n: usize, loc: Loc) -> bool {
        if self.exhausted {
            return false;
        }
        match self.budget.checked_sub(n) {
            Some(rest) => {
                self.budget = rest;
                true
            }
            None => {
                self.exhausted = true;
                self.error(
                    Code::ExpansionTooLarge,
                    "the template's intrinsic functions expand to far more text than the template holds; the import stops here",
                    loc,
                );
                false
            }
        }
    }

    /// The resource with this logical id.
    pub fn resource(&self, logical: &str) -> Option<Resource<'n>> {
        let i = *self.t.resource_index.get(logical)?;
        self.t.resources.get(i).copied()
    }

    fn too_deep(&mut self, loc: Loc) {
        if !self.exhausted {
            self.exhausted = true;
            self.error(
                Code::ExpansionTooLarge,
                format!(
                    "intrinsic functions, conditions and the names they refer to nest deeper than {MAX_DEPTH} levels"
                ),
                loc,
            );
        }
    }

    /// Resolves `node`.
    pub fn value(&mut self, node: &'n Node) -> Value {
        self.eval(node, true)
    }

    fn eval(&mut self, node: &'n Node, use_tag: bool) -> Value {
        if self.exhausted {
            return Value::Null;
        }
        if self.depth >= MAX_DEPTH {
            self.too_deep(node.loc);
            return Value::Null;
        }
        self.depth += 1;
        let v = self.eval_inner(node, use_tag);
        self.depth -= 1;
        v
    }

    fn eval_inner(&mut self, node: &'n Node, use_tag: bool) -> Value {
        if use_tag && node.tag.is_some() {
            return match function_of(node, true) {
                Some((name, arg)) => self.function(name, arg, node.loc),
                None => Value::Null,
            };
        }
        match &node.value {
            NodeValue::Map(members) => {
                if let [(key, _)] = members.as_slice()
                    && is_function_key(&key.value)
                {
                    // Unknown functions are reported once, before resolving.
                    return match function_of(node, false) {
                        Some((name, arg)) => self.function(name, arg, node.loc),
                        None => Value::Null,
                    };
                }
                let mut out = Vec::with_capacity(members.len());
                for (k, v) in members {
                    let v = self.value(v);
                    if v != Value::Omitted && self.charge(k.value.len(), k.loc) {
                        out.push((k.value.clone(), v));
                    }
                }
                Value::Map(out)
            }
            NodeValue::Seq(items) => Value::List(
                items
                    .iter()
                    .map(|i| self.value(i))
                    .filter(|v| *v != Value::Omitted)
                    .collect(),
            ),
            NodeValue::String(s) => {
                self.charge(s.len(), node.loc);
                Value::str(s.clone())
            }
            NodeValue::Number(n) => Value::Number(n.clone()),
            NodeValue::Bool(b) => Value::Bool(*b),
            NodeValue::Null => Value::Null,
        }
    }

    /// Reports the unknown function of a tagged node or `Fn::` key.
    pub fn unknown_function(&mut self, name: &str, loc: Loc) {
        self.diagnostics.push(
            Diagnostic::error(
                Code::UnknownIntrinsic,
                format!("unknown intrinsic function `{name}`"),
                loc,
            )
            .with_help(
                "CloudFormation has `Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::If`, `Fn::FindInMap`, `Fn::ImportValue`, `Fn::Base64`, `Fn::GetAZs`, `Fn::Cidr`, `Fn::Length`, `Fn::ToJsonString`, `Fn::Transform` and the condition functions `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition` (short forms `!Ref`, `!Sub`...)",
            ),
        );
    }

    fn invalid(&mut self, name: &str, problem: &str, loc: Loc) -> Value {
        self.error(Code::InvalidIntrinsic, format!("`{name}` {problem}"), loc);
        Value::Null
    }

    fn arg_value(&mut self, arg: Arg<'n>) -> Value {
        self.eval(arg.node, !arg.bare)
    }

    /// The text of a scalar value, or an error saying `what` must be text.
    fn text(&mut self, v: &Value, name: &str, what: &str, loc: Loc) -> Option<(String, bool)> {
        match v.scalar_text() {
            Some((t, u)) => Some((t.to_owned(), u)),
            None => {
                self.invalid(
                    name,
                    &format!("needs text for {what}, found a list or mapping"),
                    loc,
                );
                None
            }
        }
    }

    fn function(&mut self, name: &'static str, arg: Arg<'n>, loc: Loc) -> Value {
        match name {
            "Ref" => match arg.literal() {
                Some(target) => self.reference(target, loc),
                None => self.invalid(
                    "Ref",
                    "takes the name of a parameter or resource as a string",
                    loc,
                ),
            },
            "Fn::GetAtt" => self.get_att(arg, loc),
            "Fn::Sub" => self.sub(arg, loc),
            "Fn::Join" => self.join(arg, loc),
            "Fn::Select" => self.select(arg, loc),
            "Fn::Split" => self.split(arg, loc),
            "Fn::If" => self.if_(arg, loc),
            "Fn::FindInMap" => self.find_in_map(arg, loc),
            "Fn::ImportValue" => {
                let v = self.arg_value(arg);
                let (text, _) = self
                    .text(&v, name, "the export's name", loc)
                    .unwrap_or_default();
                self.unresolved(
                    "ImportValue",
                    &text,
                    format!("`Fn::ImportValue` of `{text}` is an output of another stack, which this template does not hold"),
                    loc,
                )
            }
            "Fn::GetAZs" => self.unresolved(
                "GetAZs",
                &self.pseudo.region.clone(),
                "`Fn::GetAZs` lists the availability zones of the deployment's account".to_owned(),
                loc,
            ),
            "Fn::Cidr" => self.unresolved(
                "Cidr",
                "",
                "`Fn::Cidr` is not computed by the import".to_owned(),
                loc,
            ),
            "Fn::Transform" => {
                let macro_name = arg
                    .node
                    .get("Name")
                    .and_then(Node::as_str)
                    .unwrap_or("")
                    .to_owned();
                self.unresolved(
                    "Transform",
                    &macro_name,
                    format!("the macro `{macro_name}` runs only when the stack is deployed"),
                    loc,
                )
            }
            "Fn::Base64" => {
                let v = self.arg_value(arg);
                match self.text(&v, name, "its argument", loc) {
                    Some((text, false)) => Value::str(base64(text.as_bytes())),
                    Some((text, true)) => Value::unresolved(placeholder("Base64", &text)),
                    None => Value::Null,
                }
            }
            "Fn::Length" => match self.arg_value(arg) {
                Value::List(items) => Value::Number(items.len().to_string()),
                v @ Value::Str(_, true) => v,
                _ => self.invalid(name, "takes a list", loc),
            },
            "Fn::ToJsonString" => {
                let v = self.arg_value(arg);
                let mut out = String::new();
                compact_json(&v, &mut out);
                self.charge(out.len(), loc);
                Value::Str(out, v.is_unresolved())
            }
            _ => match self.condition_function(name, arg, loc) {
                Some(b) => Value::Bool(b),
                None => self.unresolved(
                    "Condition",
                    name,
                    format!("`{name}` could not be decided from the template"),
                    loc,
                ),
            },
        }
    }

    /// `Ref` of a pseudo parameter, parameter or resource.
    fn reference(&mut self, target: &str, loc: Loc) -> Value {
        if let Some(v) = self.pseudo_parameter(target, loc) {
            return v;
        }
        if self.t.parameters.contains_key(target) {
            return self.parameter(target, loc);
        }
        if self.t.resource_index.contains_key(target) {
            return self.resource_ref(target, loc);
        }
        self.diagnostics.push(
            Diagnostic::error(
                Code::UnknownLogicalId,
                format!("`{target}` is neither a parameter, a resource nor a pseudo parameter of the template"),
                loc,
            )
            .with_help("CloudFormation rejects a template that refers to something it does not declare"),
        );
        Value::Null
    }

    fn pseudo_parameter(&mut self, name: &str, loc: Loc) -> Option<Value> {
        let p = &self.pseudo;
        Some(match name {
            "AWS::AccountId" => Value::str(p.account.clone()),
            "AWS::Region" => Value::str(p.region.clone()),
            "AWS::Partition" => Value::str(p.partition.clone()),
            "AWS::URLSuffix" => Value::str(p.url_suffix.clone()),
            "AWS::StackName" => Value::str(p.stack_name.clone()),
            "AWS::NoValue" => Value::Omitted,
            "AWS::StackId" | "AWS::NotificationARNs" => self.unresolved(
                "Ref",
                name,
                format!("`{name}` is known only once the stack is created"),
                loc,
            ),
            _ => return None,
        })
    }

    /// A parameter's value: the one given in the options, else its
    /// default; lists for `CommaDelimitedList` and `List<...>` types.
    fn parameter(&mut self, name: &str, loc: Loc) -> Value {
        let Some(def) = self.t.parameters.get(name).copied() else {
            return Value::Null;
        };
        let ty = def.get("Type").and_then(Node::as_str).unwrap_or("String");
        let given = self.overrides.get(name).cloned();
        let default = def.get("Default").and_then(|d| match &d.value {
            NodeValue::String(s) => Some(s.clone()),
            NodeValue::Number(n) => Some(n.clone()),
            NodeValue::Bool(b) => Some(b.to_string()),
            _ => None,
        });
        if ty.starts_with("AWS::SSM::Parameter::Value<") && given.is_none() {
            let from = default.unwrap_or_default();
            return self.unresolved(
                "Ref",
                name,
                format!("parameter `{name}` takes its value from the SSM parameter `{from}` when the stack is deployed"),
                loc,
            );
        }
        let Some(text) = given.or(default) else {
            return self.unresolved(
                "Ref",
                name,
                format!("parameter `{name}` has no default and no value was given for it"),
                loc,
            );
        };
        self.charge(text.len(), loc);
        if ty == "CommaDelimitedList" || ty.starts_with("List<") {
            Value::List(text.split(',').map(|s| Value::str(s.trim())).collect())
        } else {
            Value::str(text)
        }
    }

    fn get_att(&mut self, arg: Arg<'n>, loc: Loc) -> Value {
        let (logical, attr) = if let Some(s) = arg.literal() {
            match s.split_once('.') {
                Some((l, a)) => (l.to_owned(), a.to_owned()),
                None => {
                    return self.invalid(
                        "Fn::GetAtt",
                        "takes `Resource.Attribute` or `[Resource, Attribute]`",
                        loc,
                    );
                }
            }
        } else if let Some([l, a]) = arg.items() {
            let Some(l) = l.as_str() else {
                return self.invalid(
                    "Fn::GetAtt",
                    "takes the resource's logical id as a string",
                    l.loc,
                );
            };
            let a = self.value(a);
            let Some((a, _)) = self.text(&a, "Fn::GetAtt", "the attribute", loc) else {
                return Value::Null;
            };
            (l.to_owned(), a)
        } else {
            return self.invalid(
                "Fn::GetAtt",
                "takes `Resource.Attribute` or `[Resource, Attribute]`",
                loc,
            );
        };
        if !self.t.resource_index.contains_key(logical.as_str()) {
            self.error(
                Code::UnknownLogicalId,
                format!("`Fn::GetAtt` names `{logical}`, which is not a resource of the template"),
                loc,
            );
            return Value::Null;
        }
        self.resource_attr(&logical, &attr, loc)
    }

    /// A `${name}` of `Fn::Sub` that its own variables do not give.
    fn sub_variable(&mut self, name: &str, loc: Loc) -> Value {
        if let Some(v) = self.pseudo_parameter(name, loc) {
            return v;
        }
        if self.t.parameters.contains_key(name) {
            return self.parameter(name, loc);
        }
        if self.t.resource_index.contains_key(name) {
            return self.resource_ref(name, loc);
        }
        if let Some((logical, attr)) = name.split_once('.')
            && self.t.resource_index.contains_key(logical)
        {
            return self.resource_attr(logical, attr, loc);
        }
        self.diagnostics.push(
            Diagnostic::error(
                Code::UnknownLogicalId,
                format!("`Fn::Sub` variable `${{{name}}}` names no parameter, resource or pseudo parameter"),
                loc,
            )
            .with_help(format!(
                "to keep `${{{name}}}` in the text (an IAM policy variable), write `${{!{name}}}`"
            )),
        );
        Value::Null
    }

    fn sub(&mut self, arg: Arg<'n>, loc: Loc) -> Value {
        let (template, vars_node) = if let Some(s) = arg.literal() {
            (s, None)
        } else if let Some([t, vars]) = arg.items()
            && let Some(s) = t.as_str()
        {
            (s, Some(vars))
        } else {
            return self.invalid(
                "Fn::Sub",
                "takes a string, or a list of a string and a mapping of variables",
                loc,
            );
        };
        let mut vars: HashMap<&str, Value> = HashMap::new();
        if let Some(node) = vars_node {
            let Some(members) = node.as_map() else {
                return self.invalid("Fn::Sub", "takes its variables as a mapping", node.loc);
            };
            for (k, v) in members {
                let v = self.value(v);
                vars.insert(k.value.as_str(), v);
            }
        }
        let mut out = String::with_capacity(template.len());
        let mut unresolved = false;
        let mut rest = template;
        while let Some(i) = rest.find("${") {
            out.push_str(rest.get(..i).unwrap_or_default());
            let after = rest.get(i + 2..).unwrap_or_default();
            if let Some(literal) = after.strip_prefix('!') {
                out.push_str("${");
                rest = literal;
                continue;
            }
            let Some(j) = after.find('}') else {
                out.push_str(rest.get(i..).unwrap_or_default());
                rest = "";
                break;
            };
            let name = after.get(..j).unwrap_or_default();
            rest = after.get(j + 1..).unwrap_or_default();
            let v = match vars.get(name) {
                Some(v) => v.clone(),
                None => self.sub_variable(name, loc),
            };
            match v.scalar_text() {
                Some((t, u)) => {
                    if !self.charge(t.len(), loc) {
                        return Value::Null;
                    }
                    out.push_str(t);
                    unresolved |= u;
                }
                None => {
                    return self.invalid(
                        "Fn::Sub",
                        &format!("cannot put `${{{name}}}`, a list or mapping, into text"),
                        loc,
                    );
                }
            }
        }
        out.push_str(rest);
        Value::Str(out, unresolved)
    }

    fn join(&mut self, arg: Arg<'n>, loc: Loc) -> Value {
        let Some([delimiter, list]) = arg.items() else {
            return self.invalid("Fn::Join", "takes a delimiter and a list", loc);
        };
        let d = self.value(delimiter);
        let Some((delimiter, _)) = self.text(&d, "Fn::Join", "the delimiter", loc) else {
            return Value::Null;
        };
        let items = match self.value(list) {
            Value::List(items) => items,
            v @ Value::Str(_, true) => vec![v],
            _ => return self.invalid("Fn::Join", "takes a list of values to join", list.loc),
        };
        let mut out = String::new();
        let mut unresolved = false;
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(&delimiter);
            }
            match item.scalar_text() {
                Some((t, u)) => {
                    out.push_str(t);
                    unresolved |= u;
                }
                None => return self.invalid("Fn::Join", "can only join text", list.loc),
            }
        }
        self.charge(out.len(), loc);
        Value::Str(out, unresolved)
    }

    fn select(&mut self, arg: Arg<'n>, loc: Loc) -> Value {
        let Some([index, list]) = arg.items() else {
            return self.invalid("Fn::Select", "takes an index and a list", loc);
        };
        let i = self.value(index);
        let Some((i, i_unresolved)) = self.text(&i, "Fn::Select", "the index", loc) else {
            return Value::Null;
        };
        match self.value(list) {
            v @ Value::Str(_, true) => v,
            _ if i_unresolved => Value::unresolved(i),
            Value::List(items) => match i.trim().parse::<usize>().ok().and_then(|i| items.get(i)) {
                Some(v) => {
                    let v = v.clone();
                    self.charge(v.size(), loc);
                    v
                }
                None => self.invalid(
                    "Fn::Select",
                    &format!(
                        "index `{i}` is not an index of the list of {} values",
                        items.len()
                    ),
                    index.loc,
                ),
            },
            _ => self.invalid("Fn::Select", "takes a list to select from", list.loc),
        }
    }

    fn split(&mut self, arg: Arg<'n>, loc: Loc) -> Value {
        let Some([delimiter, source]) = arg.items() else {
            return self.invalid("Fn::Split", "takes a delimiter and a string", loc);
        };
        let d = self.value(delimiter);
        let Some((delimiter, _)) = self.text(&d, "Fn::Split", "the delimiter", loc) else {
            return Value::Null;
        };
        let s = self.value(source);
        let Some((text, unresolved)) = self.text(&s, "Fn::Split", "the string to split", loc)
        else {
            return Value::Null;
        };
        if unresolved {
            return Value::List(vec![Value::Str(text, true)]);
        }
        if delimiter.is_empty() {
            return self.invalid(
                "Fn::Split",
                "needs a delimiter that is not empty",
                delimiter_loc(arg),
            );
        }
        self.charge(text.len(), loc);
        Value::List(text.split(delimiter.as_str()).map(Value::str).collect())
    }

    fn if_(&mut self, arg: Arg<'n>, loc: Loc) -> Value {
        let Some([condition, yes, no]) = arg.items() else {
            return self.invalid("Fn::If", "takes a condition name and two values", loc);
        };
        let Some(name) = condition.as_str() else {
            return self.invalid(
                "Fn::If",
                "takes the condition's name as a string",
                condition.loc,
            );
        };
        match self.condition(name, condition.loc) {
            Some(true) => self.value(yes),
            Some(false) => self.value(no),
            None => self.unresolved(
                "If",
                name,
                format!(
                    "`Fn::If` on condition `{name}`, which could not be decided from the template"
                ),
                loc,
            ),
        }
    }

    fn find_in_map(&mut self, arg: Arg<'n>, loc: Loc) -> Value {
        let (map, top, second, default) = match arg.items() {
            Some([m, t, s]) => (m, t, s, None),
            Some([m, t, s, d]) => (m, t, s, Some(d)),
            _ => return self.invalid("Fn::FindInMap", "takes a mapping name and two keys", loc),
        };
        let mut keys = Vec::new();
        let mut unresolved = false;
        for node in [map, top, second] {
            let v = self.value(node);
            let Some((k, u)) =
                self.text(&v, "Fn::FindInMap", "the mapping's name and keys", node.loc)
            else {
                return Value::Null;
            };
            unresolved |= u;
            keys.push(k);
        }
        let path = keys.join(".");
        if unresolved {
            return self.unresolved(
                "FindInMap",
                &path,
                "`Fn::FindInMap` with a key that could not be resolved".to_owned(),
                loc,
            );
        }
        let found = self
            .t
            .mappings
            .get(keys[0].as_str())
            .and_then(|m| m.get(keys[1].as_str()))
            .and_then(|m| m.get(keys[2].as_str()))
            .copied();
        match (found, default) {
            (Some(node), _) => self.value(node),
            (None, Some(d)) => match d.get("DefaultValue") {
                Some(v) => self.value(v),
                None => self.invalid(
                    "Fn::FindInMap",
                    "takes its default as `{DefaultValue: ...}`",
                    d.loc,
                ),
            },
            (None, None) => self.invalid(
                "Fn::FindInMap",
                &format!("finds nothing at `{path}` in the template's `Mappings`"),
                loc,
            ),
        }
    }

    /// The value of the condition named `name`, `None` when it cannot be
    /// decided from the template.
    pub fn condition(&mut self, name: &str, loc: Loc) -> Option<bool> {
        if let Some(known) = self.conditions.get(name) {
            return *known;
        }
        let Some((&key, &node)) = self.t.conditions.get_key_value(name) else {
            self.error(
                Code::UnknownLogicalId,
                format!("there is no condition `{name}` in the template's `Conditions`"),
                loc,
            );
            return None;
        };
        if !self.busy_conditions.insert(key) {
            self.error(
                Code::InvalidIntrinsic,
                format!("condition `{name}` depends on itself"),
                loc,
            );
            return None;
        }
        if self.depth >= MAX_DEPTH {
            self.too_deep(loc);
            return None;
        }
        self.depth += 1;
        let result = self.eval_condition(node);
        self.depth -= 1;
        self.busy_conditions.remove(key);
        self.conditions.insert(key, result);
        result
    }

    fn eval_condition(&mut self, node: &'n Node) -> Option<bool> {
        match function_of(node, true) {
            Some((name, arg)) => self.condition_function(name, arg, node.loc),
            None => {
                self.invalid(
                    "Conditions",
                    "entries must be `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` or `Condition`",
                    node.loc,
                );
                None
            }
        }
    }

    fn condition_function(&mut self, name: &str, arg: Arg<'n>, loc: Loc) -> Option<bool> {
        match name {
            "Fn::Equals" => {
                let Some([a, b]) = arg.items() else {
                    self.invalid(name, "takes two values", loc);
                    return None;
                };
                let (a, b) = (self.value(a), self.value(b));
                if a.is_unresolved() || b.is_unresolved() {
                    return None;
                }
                let text = |v: &Value| {
                    let mut out = String::new();
                    match v.scalar_text() {
                        Some((t, _)) => out.push_str(t),
                        None => compact_json(v, &mut out),
                    }
                    out
                };
                Some(text(&a) == text(&b))
            }
            "Fn::And" | "Fn::Or" | "Fn::Not" => {
                let Some(items) = arg.items() else {
                    self.invalid(name, "takes a list of conditions", loc);
                    return None;
                };
                let values: Vec<Option<bool>> =
                    items.iter().map(|c| self.eval_condition(c)).collect();
                match name {
                    "Fn::Not" => match values.as_slice() {
                        [one] => one.map(|b| !b),
                        _ => {
                            self.invalid(name, "takes exactly one condition", loc);
                            None
                        }
                    },
                    "Fn::And" if values.contains(&Some(false)) => Some(false),
                    "Fn::And" if values.iter().all(|v| *v == Some(true)) => Some(true),
                    "Fn::Or" if values.contains(&Some(true)) => Some(true),
                    "Fn::Or" if values.iter().all(|v| *v == Some(false)) => Some(false),
                    _ => None,
                }
            }
            "Condition" => match arg.literal() {
                Some(other) => self.condition(other, loc),
                None => {
                    self.invalid(name, "takes a condition's name", loc);
                    None
                }
            },
            _ => {
                self.invalid(name, "cannot be used as a condition", loc);
                None
            }
        }
    }
}

impl<'n> Arg<'n> {
    /// The argument as a literal string.
    fn literal(self) -> Option<&'n str> {
        match &self.node.value {
            NodeValue::String(s) if self.bare || self.node.tag.is_none() => Some(s),
            _ => None,
        }
    }

    /// The argument as a literal list (a function's arguments).
    fn items(self) -> Option<&'n [Node]> {
        match &self.node.value {
            NodeValue::Seq(items) if self.bare || self.node.tag.is_none() => Some(items),
            _ => None,
        }
    }
}

fn delimiter_loc(arg: Arg<'_>) -> Loc {
    arg.items()
        .and_then(|items| items.first())
        .map_or(arg.node.loc, |d| d.loc)
}

/// Whether a mapping key is an intrinsic function's (`Ref`, `Fn::...`).
/// `Fn::ForEach::Name` loops of the `AWS::LanguageExtensions` transform
/// are keys of their own; they are reported as skipped, not as unknown.
pub(super) fn is_function_key(key: &str) -> bool {
    key == "Ref" || (key.starts_with("Fn::") && !key.starts_with(LOOP_PREFIX))
}

/// The start of a `Fn::ForEach` loop's key.
pub(super) const LOOP_PREFIX: &str = "Fn::ForEach::";

/// The function a node calls, by its tag or its one `Ref`/`Fn::` key
/// (`Condition` too when `conditions` is set), with its argument.
fn function_of(node: &Node, conditions: bool) -> Option<(&'static str, Arg<'_>)> {
    if let Some(tag) = &node.tag {
        let short = tag.strip_prefix('!').filter(|s| !s.starts_with('!'))?;
        let name = FUNCTIONS
            .iter()
            .copied()
            .find(|f| *f == short || f.strip_prefix("Fn::") == Some(short))?;
        return Some((name, Arg { node, bare: true }));
    }
    let [(key, arg)] = node.as_map()? else {
        return None;
    };
    let name = FUNCTIONS
        .iter()
        .copied()
        .find(|f| *f == key.value && (conditions || *f != "Condition"))?;
    Some((
        name,
        Arg {
            node: arg,
            bare: false,
        },
    ))
}

/// Every tag and `Fn::` key under `node` that names no intrinsic
/// function, so that a typo is an error even where the import never looks.
pub(super) fn unknown_functions<'n>(node: &'n Node, out: &mut Vec<(&'n str, Loc)>) {
    if let Some(tag) = &node.tag
        && function_of(node, true).is_none()
    {
        out.push((tag, node.loc));
    }
    match &node.value {
        NodeValue::Map(members) => {
            if let [(key, _)] = members.as_slice()
                && is_function_key(&key.value)
                && function_of(node, false).is_none()
            {
                out.push((&key.value, key.loc));
            }
            for (_, v) in members {
                unknown_functions(v, out);
            }
        }
        NodeValue::Seq(items) => {
            for i in items {
                unknown_functions(i, out);
            }
        }
        _ => {}
    }
}
