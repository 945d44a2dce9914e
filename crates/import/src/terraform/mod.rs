//! The JSON of `terraform show -json` as a workspace: of a state
//! (`values.root_module` and its `child_modules`) or of a saved plan
//! (`planned_values`, `resource_changes` with `after` and `after_unknown`,
//! data sources read while planning from `prior_state`, and
//! `configuration` for what unknown values refer to).
//!
//! A value known only after apply becomes a placeholder
//! `<unresolved:after-apply:WHAT>`, listed at its `after_unknown` entry,
//! where `WHAT` is the address it refers to when the configuration says
//! (e.g. `aws_sqs_queue.jobs.arn`). Two kinds of unknown values are
//! resolved instead, because the configuration can only mean one thing
//! there: what an attachment, membership or inline policy names
//! (`policy_arn = aws_iam_policy.deploy.arn`, `user =
//! aws_iam_user.maria.name`), and a `policy` that is the `json` of an
//! `aws_iam_policy_document` data source, which the import renders from
//! the source's `statement` blocks.

mod policy_document;
mod resources;

use std::collections::HashMap;

use iamplay_core::json::{Json, JsonValue, parse_json};
use iamplay_core::{Code, Diagnostic, Loc};

use crate::placeholder::placeholder;
use crate::{Format, ImportOptions, Imported, Note};

/// One resource instance of the plan or state.
#[derive(Debug, Clone)]
pub(crate) struct TfResource<'j> {
    /// e.g. `module.app.aws_iam_role.web[0]`.
    pub address: String,
    /// The module part of the address with its dot (`module.app.`), or
    /// empty for the root module; instance keys removed.
    pub module: String,
    /// A data source.
    pub data: bool,
    /// e.g. `aws_iam_role`.
    pub kind: String,
    /// Its values (`values` or `change.after`).
    pub values: Option<&'j Json>,
    /// `change.after_unknown`, for plans.
    pub unknown: Option<&'j Json>,
    /// Where its address is written.
    pub loc: Loc,
    /// The plan deletes it.
    pub deleted: bool,
}

/// A value of a resource's attribute.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Attr<'j> {
    /// Known, not `null`.
    Known(&'j Json),
    /// Known only after apply; the location of its `after_unknown` entry.
    Unknown(Loc),
    /// Absent or `null`.
    Absent,
}

/// The resources of the file, and the configuration's expressions.
pub(crate) struct Plan<'j> {
    pub resources: Vec<TfResource<'j>>,
    pub index: HashMap<String, usize>,
    /// Configuration addresses (`module.app.aws_iam_role.web`) to the
    /// resource's `expressions`.
    pub config: HashMap<String, &'j Json>,
    /// Configuration addresses to the resource instances that have them.
    pub by_config: HashMap<String, Vec<usize>>,
    pub account: String,
    pub partition: String,
    pub skipped: Vec<Note>,
    pub placeholders: Vec<Note>,
    pub diagnostics: Vec<Diagnostic>,
    /// The workspace's entities by name, once they are all imported.
    pub entities: crate::entities::EntityIndex,
}

/// Imports `terraform show -json` output.
pub(crate) fn import(
    text: &str,
    format: Format,
    options: &ImportOptions,
) -> Result<Imported, Vec<Diagnostic>> {
    let json = parse_json(text).map_err(|e| vec![e])?;
    if let Some(v) = json.get("format_version")
        && let Some(s) = v.as_str()
        && s.split('.').next() != Some("1")
    {
        return Err(vec![Diagnostic::error(
            Code::FutureVersion,
            format!(
                "`format_version` `{s}` is not 1.x, the version of `terraform show -json` this import reads"
            ),
            v.loc,
        )]);
    }
    let mut plan = Plan {
        resources: Vec::new(),
        index: HashMap::new(),
        config: HashMap::new(),
        by_config: HashMap::new(),
        account: String::new(),
        partition: "aws".to_owned(),
        skipped: Vec::new(),
        placeholders: Vec::new(),
        diagnostics: Vec::new(),
        entities: crate::entities::EntityIndex::default(),
    };
    if format == Format::TerraformPlan {
        plan.read_plan(&json);
    } else if let Some(root) = json.get("values").and_then(|v| v.get("root_module")) {
        plan.read_module(root, false);
    }
    if !plan.diagnostics.is_empty() {
        return Err(plan.diagnostics);
    }
    for (i, r) in plan.resources.iter().enumerate() {
        if !r.deleted {
            plan.by_config
                .entry(config_address(&r.address))
                .or_default()
                .push(i);
        }
    }
    plan.account = options
        .account
        .clone()
        .or_else(|| plan.account_in_file())
        .unwrap_or_else(|| iamplay_core::workspace::DEFAULT_ACCOUNT.to_owned());
    let mut ws = resources::build(&mut plan);
    if !plan.diagnostics.is_empty() {
        return Err(plan.diagnostics);
    }
    ws.name = Some(
        format!(
            "Terraform {} {}",
            if format == Format::TerraformPlan {
                "plan"
            } else {
                "state"
            },
            options.file_name.as_deref().unwrap_or("")
        )
        .trim_end()
        .to_owned(),
    );
    let (mut skipped, mut placeholders) = (plan.skipped, plan.placeholders);
    crate::cloudformation::sort_notes(&mut skipped);
    crate::cloudformation::sort_notes(&mut placeholders);
    Ok(Imported {
        workspace: ws,
        format,
        skipped,
        placeholders,
    })
}

/// The address without instance keys (`[0]`, `["a"]`), as the
/// configuration writes it.
fn config_address(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let mut depth = 0usize;
    let mut quoted = false;
    for c in address.chars() {
        match c {
            '"' if depth > 0 => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted && depth > 0 => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn str_member<'j>(obj: &'j Json, key: &str) -> Option<&'j str> {
    obj.get(key).and_then(Json::as_str)
}

impl<'j> Plan<'j> {
    fn wrong_type(&mut self, what: &str, expected: &str, found: &Json) {
        self.diagnostics.push(Diagnostic::error(
            Code::WrongType,
            format!("{what} must be {expected}, found {}", found.kind_name()),
            found.loc,
        ));
    }

    /// Reads one resource object of a values representation.
    fn resource(&mut self, item: &'j Json, values_key: &str) -> Option<TfResource<'j>> {
        if item.as_object().is_none() {
            self.wrong_type("each resource", "an object", item);
            return None;
        }
        let Some(address_json) = item.get("address") else {
            self.diagnostics.push(Diagnostic::error(
                Code::MissingKey,
                "a resource needs an `address`",
                item.opening_loc(),
            ));
            return None;
        };
        let Some(address) = address_json.as_str() else {
            self.wrong_type("`address`", "a string", address_json);
            return None;
        };
        let kind = str_member(item, "type").unwrap_or_default().to_owned();
        let data = str_member(item, "mode") == Some("data");
        let config = config_address(address);
        let local = format!("{}{}.", if data { "data." } else { "" }, kind);
        let module = config
            .find(&local)
            .and_then(|i| config.get(..i))
            .unwrap_or_default()
            .to_owned();
        Some(TfResource {
            address: address.to_owned(),
            module,
            data,
            kind,
            values: item.get(values_key).filter(|v| v.as_object().is_some()),
            unknown: None,
            loc: address_json.loc,
            deleted: false,
        })
    }

    fn insert(&mut self, r: TfResource<'j>) {
        match self.index.get(&r.address) {
            Some(&i) => {
                if let Some(slot) = self.resources.get_mut(i) {
                    *slot = r;
                }
            }
            None => {
                self.index.insert(r.address.clone(), self.resources.len());
                self.resources.push(r);
            }
        }
    }

    /// Reads a module of a values representation and its child modules.
    fn read_module(&mut self, module: &'j Json, data_only: bool) {
        let mut stack = vec![module];
        while let Some(m) = stack.pop() {
            if let Some(items) = m.get("resources").and_then(Json::as_array) {
                for item in items {
                    if let Some(r) = self.resource(item, "values")
                        && (!data_only || r.data)
                    {
                        self.insert(r);
                    }
                }
            }
            if let Some(children) = m.get("child_modules").and_then(Json::as_array) {
                stack.extend(children.iter().rev());
            }
        }
    }

    fn read_plan(&mut self, json: &'j Json) {
        if let Some(root) = json
            .get("prior_state")
            .and_then(|s| s.get("values"))
            .and_then(|v| v.get("root_module"))
        {
            self.read_module(root, true);
        }
        if let Some(root) = json
            .get("planned_values")
            .and_then(|v| v.get("root_module"))
        {
            self.read_module(root, false);
        }
        if let Some(changes) = json.get("resource_changes").and_then(Json::as_array) {
            for item in changes {
                let Some(mut r) = self.resource(item, "") else {
                    continue;
                };
                let change = item.get("change");
                let after = change.and_then(|c| c.get("after"));
                let actions: Vec<&str> = change
                    .and_then(|c| c.get("actions"))
                    .and_then(Json::as_array)
                    .map(|a| a.iter().filter_map(Json::as_str).collect())
                    .unwrap_or_default();
                if actions == ["delete"]
                    || after.is_some_and(|a| matches!(a.value, JsonValue::Null))
                {
                    r.deleted = true;
                    self.skipped.push(Note::at(
                        format!("skipped `{}`: the plan deletes it", r.address),
                        r.loc,
                    ));
                    self.insert(r);
                    continue;
                }
                r.values = after.filter(|a| a.as_object().is_some());
                r.unknown = change
                    .and_then(|c| c.get("after_unknown"))
                    .filter(|u| u.as_object().is_some());
                self.insert(r);
            }
        }
        if let Some(root) = json.get("configuration").and_then(|c| c.get("root_module")) {
            self.read_config(root, String::new());
        }
    }

    fn read_config(&mut self, module: &'j Json, prefix: String) {
        let mut stack = vec![(module, prefix)];
        while let Some((m, prefix)) = stack.pop() {
            if let Some(items) = m.get("resources").and_then(Json::as_array) {
                for item in items {
                    if let (Some(address), Some(expressions)) =
                        (str_member(item, "address"), item.get("expressions"))
                    {
                        self.config
                            .insert(format!("{prefix}{address}"), expressions);
                    }
                }
            }
            if let Some(calls) = m.get("module_calls").and_then(Json::as_object) {
                for call in calls {
                    if let Some(child) = call.value.get("module") {
                        stack.push((child, format!("{prefix}module.{}.", call.key.value)));
                    }
                }
            }
        }
    }

    /// The account of `data.aws_caller_identity`, else of the first IAM
    /// ARN in the file.
    fn account_in_file(&self) -> Option<String> {
        let known = |r: &TfResource<'j>, key: &str| {
            r.values
                .and_then(|v| v.get(key))
                .and_then(Json::as_str)
                .map(str::to_owned)
        };
        self.resources
            .iter()
            .filter(|r| r.data && r.kind == "aws_caller_identity")
            .find_map(|r| known(r, "account_id"))
            .or_else(|| {
                self.resources
                    .iter()
                    .filter(|r| r.kind.starts_with("aws_iam_"))
                    .filter_map(|r| known(r, "arn"))
                    .find_map(|arn| {
                        let account = arn.split(':').nth(4)?;
                        (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()))
                            .then(|| account.to_owned())
                    })
            })
    }

    /// Attribute `key` of `r`, as [`Plan::attr`] gives it, except that an
    /// unknown attribute the configuration does not set (a computed one,
    /// such as a role's `managed_policy_arns` when attachments are made
    /// by other resources) counts as absent.
    pub fn configured_attr<'a>(&self, r: &TfResource<'a>, key: &str) -> Attr<'a> {
        match Self::attr(r, key) {
            Attr::Unknown(_)
                if self
                    .config
                    .get(&config_address(&r.address))
                    .is_some_and(|e| e.get(key).is_none()) =>
            {
                Attr::Absent
            }
            other => other,
        }
    }

    /// Attribute `key` of `r`.
    pub fn attr<'a>(r: &TfResource<'a>, key: &str) -> Attr<'a> {
        if let Some(v) = r.values.and_then(|v| v.get(key))
            && !matches!(v.value, JsonValue::Null)
        {
            return Attr::Known(v);
        }
        match r.unknown.and_then(|u| u.get(key)) {
            Some(u) if contains_true(u) => Attr::Unknown(u.loc),
            _ => Attr::Absent,
        }
    }

    /// The configuration's references for attribute `key` of `r`
    /// (attribute references only, e.g. `aws_iam_policy.deploy.arn`),
    /// with the module prefix of `r`.
    pub fn references(&self, r: &TfResource<'_>, path: &[PathStep<'_>]) -> Vec<String> {
        let Some(mut expr) = self.config.get(&config_address(&r.address)).copied() else {
            return Vec::new();
        };
        for step in path {
            let next = match step {
                PathStep::Key(k) => expr.get(k),
                PathStep::Index(i) => expr.as_array().and_then(|a| a.get(*i)),
            };
            match next {
                Some(n) => expr = n,
                None => return Vec::new(),
            }
        }
        let refs: Vec<&str> = expr
            .get("references")
            .and_then(Json::as_array)
            .map(|a| a.iter().filter_map(Json::as_str).collect())
            .unwrap_or_default();
        // `aws_iam_policy.deploy.arn` comes with `aws_iam_policy.deploy`:
        // keep the most precise of each.
        refs.iter()
            .filter(|x| {
                !refs
                    .iter()
                    .any(|o| o.len() > x.len() && o.starts_with(&format!("{x}.")))
            })
            .map(|x| format!("{}{x}", r.module))
            .collect()
    }

    /// A placeholder for an unknown value, noted at `loc`.
    ///
    /// `key` is the attribute's path (`statement[0].resources`), `what`
    /// says it in words for the note (`statement 1 \`resources\``).
    pub fn unknown(
        &mut self,
        r: &TfResource<'_>,
        key: &str,
        what: &str,
        refers_to: Option<&str>,
        loc: Loc,
    ) -> String {
        let detail = refers_to.map_or_else(|| format!("{}.{key}", r.address), str::to_owned);
        let text = placeholder("after-apply", &detail);
        let why = match refers_to {
            Some(to) => format!(
                "{what} of `{}` is known only after apply (it refers to `{to}`)",
                r.address
            ),
            None => format!("{what} of `{}` is known only after apply", r.address),
        };
        self.placeholders
            .push(Note::at(format!("`{text}`: {why}"), loc));
        text
    }

    /// The resource at configuration address `address` when it has a
    /// single instance.
    pub fn by_config_address(&self, address: &str) -> Option<&TfResource<'j>> {
        match self.by_config.get(address)?.as_slice() {
            [one] => self.resources.get(*one),
            _ => None,
        }
    }
}

/// One step into a configuration expression.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PathStep<'a> {
    Key(&'a str),
    Index(usize),
}

/// Whether an `after_unknown` value marks something unknown.
pub(crate) fn contains_true(u: &Json) -> bool {
    match &u.value {
        JsonValue::Bool(b) => *b,
        JsonValue::Array(items) => items.iter().any(contains_true),
        JsonValue::Object(members) => members.iter().any(|m| contains_true(&m.value)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_addresses_drop_instance_keys() {
        assert_eq!(config_address("aws_iam_user.u[0]"), "aws_iam_user.u");
        assert_eq!(
            config_address("module.a[\"x]\"].aws_iam_user.u[\"b\"]"),
            "module.a.aws_iam_user.u"
        );
    }
}
