//! Writes a workspace in the file format of `docs/workspace-format.md`:
//! two-space indentation, members in a fixed order, defaults and empty
//! members left out, and reading the text back gives the same workspace.
//!
//! A policy document's text is never rewritten by [`write_workspace`]: a
//! document is written verbatim as a JSON object when its text is one JSON
//! object that already sits at its place in the file (every line after the
//! first is indented at least as deep as the line the document starts on),
//! and as a JSON string otherwise. [`format_workspace`] re-indents the lines
//! of every document that is one JSON object first, so that all of them
//! are written as objects; it changes only the whitespace at the start of
//! the document's lines.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::json::{Json, JsonValue, parse_json};
use crate::principal::Principal;
use crate::request::{ContextValue, Scalar};
use crate::response::Decision;

use super::model::*;

/// Spaces per nesting level.
const INDENT: usize = 2;

/// Arrays of scalars, and small objects such as a request's `principal`,
/// go on one line when the line stays within this many characters.
const WIDTH: usize = 100;

/// Writes `ws` as a workspace file. Reading the text back gives `ws` again
/// (documents written as objects get a `file_offset`); every document's
/// text is kept exactly.
pub fn write_workspace(ws: &Workspace) -> String {
    Printer::new(Documents::Exact).print(&workspace(ws)) + "\n"
}

/// Writes `ws` as [`write_workspace`] does, but first re-indents every
/// multi-line document that is one JSON object to sit at its place, so that
/// every such document is written as an object rather than a string. Only
/// whitespace between a document's tokens changes (the indentation of its
/// lines, line endings, and whitespace around it); what the policy says is
/// unchanged. `iamplay fmt` and `iamplay import-aws` write this way.
pub fn format_workspace(ws: &Workspace) -> String {
    Printer::new(Documents::Reindent).print(&workspace(ws)) + "\n"
}

/// Writes a JSON value in the same style as workspaces, starting at column
/// 0: two-space indentation, one member per line, arrays of scalars on one
/// line when they fit. Numbers keep their text; strings are re-escaped.
/// No line break follows the value.
pub fn write_json(json: &Json) -> String {
    Printer::new(Documents::Exact).print(&json_node(json))
}

/// How documents are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Documents {
    /// Verbatim as an object when the text sits at its place, else as a
    /// string.
    Exact,
    /// Re-indented to sit at its place when the text is one JSON object.
    Reindent,
}

/// Whether an object is always written one member per line, or may go on
/// one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Lines,
    Compact,
}

/// A value to write.
#[derive(Debug)]
enum Node<'a> {
    /// A string, escaped when written.
    Str(Cow<'a, str>),
    /// A number, `true`, `false` or `null`, written as is.
    Literal(Cow<'a, str>),
    /// A policy document's text.
    Document(&'a str),
    Array(Vec<Node<'a>>),
    Object(Vec<(Cow<'a, str>, Node<'a>)>, Layout),
}

impl Node<'_> {
    fn is_scalar(&self) -> bool {
        matches!(self, Node::Str(_) | Node::Literal(_))
    }
}

/// An object's members, collected in order; empty and default members are
/// left out by the callers.
struct Obj<'a> {
    members: Vec<(Cow<'a, str>, Node<'a>)>,
    layout: Layout,
}

impl<'a> Obj<'a> {
    fn lines() -> Self {
        Obj {
            members: Vec::new(),
            layout: Layout::Lines,
        }
    }

    fn compact() -> Self {
        Obj {
            members: Vec::new(),
            layout: Layout::Compact,
        }
    }

    fn node(&mut self, key: &'static str, node: Node<'a>) {
        self.members.push((Cow::Borrowed(key), node));
    }

    fn str(&mut self, key: &'static str, value: &'a str) {
        self.node(key, Node::Str(Cow::Borrowed(value)));
    }

    fn opt_str(&mut self, key: &'static str, value: Option<&'a String>) {
        if let Some(v) = value {
            self.str(key, v);
        }
    }

    /// The IAM path, left out when it is the default `/`.
    fn path(&mut self, path: &'a str) {
        if path != "/" {
            self.str("path", path);
        }
    }

    fn strs(&mut self, key: &'static str, values: &'a [String]) {
        if !values.is_empty() {
            self.node(key, strings(values));
        }
    }

    fn list(&mut self, key: &'static str, items: Vec<Node<'a>>) {
        if !items.is_empty() {
            self.node(key, Node::Array(items));
        }
    }

    fn document(&mut self, key: &'static str, doc: &'a Document) {
        self.node(key, Node::Document(&doc.text));
    }

    fn done(self) -> Node<'a> {
        Node::Object(self.members, self.layout)
    }
}

fn strings(values: &[String]) -> Node<'_> {
    Node::Array(
        values
            .iter()
            .map(|v| Node::Str(Cow::Borrowed(v.as_str())))
            .collect(),
    )
}

fn workspace(ws: &Workspace) -> Node<'_> {
    let mut o = Obj::lines();
    o.str("format", FORMAT_NAME);
    o.node(
        "version",
        Node::Literal(Cow::Owned(FORMAT_VERSION.to_string())),
    );
    o.opt_str("name", ws.name.as_ref());
    o.opt_str("description", ws.description.as_ref());
    o.opt_str("reference", ws.reference.as_ref());
    // Always written, default or not: every ARN in the file depends on it.
    o.str("account", &ws.account);
    o.list("policies", ws.policies.iter().map(managed_policy).collect());
    o.list(
        "awsManagedPolicies",
        ws.aws_managed_policies.iter().map(managed_policy).collect(),
    );
    o.list("groups", ws.groups.iter().map(group).collect());
    o.list("users", ws.users.iter().map(user).collect());
    o.list("roles", ws.roles.iter().map(role).collect());
    if let Some(org) = &ws.organization {
        o.node("organization", organization(org));
    }
    o.list("resources", ws.resources.iter().map(resource).collect());
    o.list("endpoints", ws.endpoints.iter().map(endpoint).collect());
    o.list("requests", ws.requests.iter().map(request).collect());
    o.done()
}

fn managed_policy(p: &ManagedPolicy) -> Node<'_> {
    let mut o = Obj::lines();
    o.str("name", &p.name);
    o.path(&p.path);
    o.opt_str("description", p.description.as_ref());
    o.document("document", &p.document);
    o.done()
}

fn inline_policies(policies: &[InlinePolicy]) -> Vec<Node<'_>> {
    policies
        .iter()
        .map(|p| {
            let mut o = Obj::lines();
            o.str("name", &p.name);
            o.document("document", &p.document);
            o.done()
        })
        .collect()
}

fn tags(tags: &[(String, String)]) -> Option<Node<'_>> {
    (!tags.is_empty()).then(|| {
        Node::Object(
            tags.iter()
                .map(|(k, v)| (Cow::Borrowed(k.as_str()), Node::Str(Cow::Borrowed(v))))
                .collect(),
            Layout::Compact,
        )
    })
}

fn group(g: &Group) -> Node<'_> {
    let mut o = Obj::lines();
    o.str("name", &g.name);
    o.path(&g.path);
    o.strs("managedPolicies", &g.managed_policies);
    o.list("inlinePolicies", inline_policies(&g.inline_policies));
    o.done()
}

fn user(u: &User) -> Node<'_> {
    let mut o = Obj::lines();
    o.str("name", &u.name);
    o.path(&u.path);
    o.opt_str("account", u.account.as_ref());
    o.strs("groups", &u.groups);
    o.strs("managedPolicies", &u.managed_policies);
    o.list("inlinePolicies", inline_policies(&u.inline_policies));
    o.opt_str("permissionsBoundary", u.permissions_boundary.as_ref());
    if let Some(t) = tags(&u.tags) {
        o.node("tags", t);
    }
    o.opt_str("id", u.id.as_ref());
    o.done()
}

fn role(r: &Role) -> Node<'_> {
    let mut o = Obj::lines();
    o.str("name", &r.name);
    o.path(&r.path);
    o.opt_str("account", r.account.as_ref());
    o.strs("managedPolicies", &r.managed_policies);
    o.list("inlinePolicies", inline_policies(&r.inline_policies));
    o.opt_str("permissionsBoundary", r.permissions_boundary.as_ref());
    if let Some(trust) = &r.trust_policy {
        o.document("trustPolicy", trust);
    }
    if let Some(t) = tags(&r.tags) {
        o.node("tags", t);
    }
    o.opt_str("id", r.id.as_ref());
    o.done()
}

fn organization(org: &Organization) -> Node<'_> {
    let mut o = Obj::lines();
    o.strs("accounts", &org.accounts);
    o.opt_str("managementAccount", org.management_account.as_ref());
    o.list(
        "policies",
        org.policies.iter().map(managed_policy).collect(),
    );
    let levels = org
        .levels
        .iter()
        .map(|level| {
            let mut l = Obj::compact();
            l.str("name", &level.name);
            l.strs("scps", &level.scps);
            l.strs("rcps", &level.rcps);
            l.done()
        })
        .collect();
    o.list("levels", levels);
    o.done()
}

fn resource(r: &Resource) -> Node<'_> {
    let mut o = Obj::lines();
    o.opt_str("name", r.name.as_ref());
    match r.arns.as_slice() {
        [arn] => o.str("arn", arn),
        arns => o.strs("arns", arns),
    }
    o.opt_str("account", r.account.as_ref());
    o.document("policy", &r.policy);
    if r.policy_required {
        o.node("policyRequired", Node::Literal(Cow::Borrowed("true")));
    }
    o.done()
}

fn endpoint(e: &VpcEndpoint) -> Node<'_> {
    let mut o = Obj::lines();
    o.str("id", &e.id);
    o.opt_str("vpc", e.vpc.as_ref());
    if let Some(policy) = &e.policy {
        o.document("policy", policy);
    }
    o.done()
}

fn request(r: &RequestSpec) -> Node<'_> {
    let mut o = Obj::lines();
    o.opt_str("name", r.name.as_ref());
    o.node("principal", principal(&r.principal));
    o.str("action", &r.action);
    if r.resource != "*" {
        o.str("resource", &r.resource);
    }
    o.opt_str("resourceAccount", r.resource_account.as_ref());
    if !r.context.is_empty() {
        let keys = r
            .context
            .iter()
            .map(|e| (Cow::Borrowed(e.key.as_str()), context_value(&e.value)))
            .collect();
        o.node("context", Node::Object(keys, Layout::Compact));
    }
    o.opt_str("vpcEndpoint", r.vpc_endpoint.as_ref());
    if let Some(doc) = &r.session_policy {
        o.document("sessionPolicy", doc);
    }
    if let Some(custom) = &r.policies {
        o.node("policies", custom_policies(custom));
    }
    o.opt_str("reference", r.reference.as_ref());
    if let Some(expect) = &r.expect {
        o.node("expect", expectation(expect));
    }
    o.done()
}

/// A request's `principal`: a user's name, an ARN, or an object. A user
/// or role session given by ARN keeps only what its ARN says (the format
/// has no place for a user id or a role path there).
fn principal(spec: &PrincipalSpec) -> Node<'_> {
    match spec {
        PrincipalSpec::User { name, groups: None }
            if !name.starts_with("arn:") && name.as_str() != "*" =>
        {
            Node::Str(Cow::Borrowed(name))
        }
        PrincipalSpec::User { name, groups } => {
            let mut o = Obj::compact();
            o.str("user", name);
            if let Some(groups) = groups {
                o.node("groups", strings(groups));
            }
            o.done()
        }
        PrincipalSpec::RoleSession { role, session } => {
            let mut o = Obj::compact();
            o.str("role", role);
            o.str("session", session);
            o.done()
        }
        PrincipalSpec::Other(p) => other_principal(p),
    }
}

fn other_principal(p: &Principal) -> Node<'_> {
    let mut o = Obj::compact();
    match p {
        Principal::Service { name } => o.str("service", name),
        Principal::Anonymous => o.node("anonymous", Node::Literal(Cow::Borrowed("true"))),
        Principal::Root { account }
            if Principal::from_arn(&crate::principal::root_arn(account)).as_ref() != Ok(p) =>
        {
            o.str("root", account);
        }
        _ => return Node::Str(Cow::Owned(p.arn().unwrap_or_default())),
    }
    o.done()
}

fn scalar(s: &Scalar) -> Node<'_> {
    match s {
        Scalar::Bool(b) => Node::Literal(Cow::Borrowed(if *b { "true" } else { "false" })),
        Scalar::Number(n) => number(*n),
        Scalar::String(s) => Node::Str(Cow::Borrowed(s)),
    }
}

/// A number's shortest text that reads back as the same `f64`. JSON has no
/// infinity or NaN: infinities are written as `1e999`, which reads back as
/// infinity, and NaN as the string `"NaN"`, which conditions compare the
/// same way.
fn number(n: f64) -> Node<'static> {
    if n.is_nan() {
        return Node::Str(Cow::Borrowed("NaN"));
    }
    if n.is_infinite() {
        return Node::Literal(Cow::Borrowed(if n > 0.0 { "1e999" } else { "-1e999" }));
    }
    let a = n.abs();
    let text = if a == 0.0 || (1e-5..1e16).contains(&a) {
        format!("{n}")
    } else {
        format!("{n:e}")
    };
    Node::Literal(Cow::Owned(text))
}

fn context_value(v: &ContextValue) -> Node<'_> {
    match v {
        ContextValue::Single(s) => scalar(s),
        ContextValue::List(items) => Node::Array(items.iter().map(scalar).collect()),
    }
}

fn documents(docs: &[Document]) -> Node<'_> {
    Node::Array(docs.iter().map(|d| Node::Document(&d.text)).collect())
}

fn custom_policies(c: &CustomPolicies) -> Node<'_> {
    let mut o = Obj::lines();
    if !c.identity.is_empty() {
        o.node("identity", documents(&c.identity));
    }
    if let Some(doc) = &c.permissions_boundary {
        o.document("permissionsBoundary", doc);
    }
    if let Some(doc) = &c.resource {
        o.document("resource", doc);
    }
    o.list("scps", c.scps.iter().map(|l| documents(l)).collect());
    o.list("rcps", c.rcps.iter().map(|l| documents(l)).collect());
    o.done()
}

fn decision_name(d: Decision) -> &'static str {
    match d {
        Decision::Allowed => "Allowed",
        Decision::ExplicitDeny => "ExplicitDeny",
        Decision::ImplicitDeny => "ImplicitDeny",
    }
}

fn expectation(e: &Expectation) -> Node<'_> {
    let decision = Node::Str(Cow::Borrowed(decision_name(e.decision)));
    if e.deciding.is_none() && e.blocked_by.is_none() {
        return decision;
    }
    let mut o = Obj::compact();
    o.node("decision", decision);
    if let Some(deciding) = &e.deciding {
        o.node("deciding", strings(deciding));
    }
    o.opt_str("blockedBy", e.blocked_by.as_ref());
    o.done()
}

fn json_node(json: &Json) -> Node<'_> {
    match &json.value {
        JsonValue::Null => Node::Literal(Cow::Borrowed("null")),
        JsonValue::Bool(b) => Node::Literal(Cow::Borrowed(if *b { "true" } else { "false" })),
        JsonValue::Number(n) => Node::Literal(Cow::Borrowed(n)),
        JsonValue::String(s) => Node::Str(Cow::Borrowed(s)),
        JsonValue::Array(items) => Node::Array(items.iter().map(json_node).collect()),
        JsonValue::Object(members) => Node::Object(
            members
                .iter()
                .map(|m| (Cow::Borrowed(m.key.value.as_str()), json_node(&m.value)))
                .collect(),
            Layout::Lines,
        ),
    }
}

struct Printer {
    out: String,
    documents: Documents,
}

impl Printer {
    fn new(documents: Documents) -> Self {
        Printer {
            out: String::new(),
            documents,
        }
    }

    fn print(mut self, node: &Node<'_>) -> String {
        self.value(node, 0, 0);
        self.out
    }

    fn newline(&mut self, indent: usize) {
        self.out.push('\n');
        self.out.extend(std::iter::repeat_n(' ', indent));
    }

    /// Writes `node` starting at `column` on a line indented by `indent`.
    fn value(&mut self, node: &Node<'_>, indent: usize, column: usize) {
        if let Some(line) = one_line(node)
            && (column + line.chars().count() < WIDTH || !has_members(node))
        {
            self.out.push_str(&line);
            return;
        }
        match node {
            Node::Str(s) => quote(s, &mut self.out),
            Node::Literal(l) => self.out.push_str(l),
            Node::Document(text) => self.document(text, indent),
            Node::Array(items) => {
                self.out.push('[');
                let inner = indent + INDENT;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.newline(inner);
                    self.value(item, inner, inner);
                }
                self.newline(indent);
                self.out.push(']');
            }
            Node::Object(members, _) => {
                self.out.push('{');
                let inner = indent + INDENT;
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.newline(inner);
                    let start = self.out.len();
                    quote(key, &mut self.out);
                    self.out.push_str(": ");
                    let key_width = self.out.get(start..).map_or(0, |k| k.chars().count());
                    self.value(value, inner, inner + key_width);
                }
                self.newline(indent);
                self.out.push('}');
            }
        }
    }

    fn document(&mut self, text: &str, indent: usize) {
        let placed = match self.documents {
            Documents::Exact => sits(text, indent).then_some(Cow::Borrowed(text)),
            Documents::Reindent => reindent(text, indent),
        };
        match placed {
            Some(t) => self.out.push_str(&t),
            None => quote(text, &mut self.out),
        }
    }
}

/// Whether `node` is an array or object with something in it (the only
/// values that may be spread over several lines).
fn has_members(node: &Node<'_>) -> bool {
    match node {
        Node::Array(items) => !items.is_empty(),
        Node::Object(members, _) => !members.is_empty(),
        _ => false,
    }
}

/// `node` on one line, if it may go on one: scalars, empty containers,
/// arrays of scalars, and compact objects of scalars and arrays of
/// scalars. Documents never go through here.
fn one_line(node: &Node<'_>) -> Option<String> {
    let mut out = String::new();
    match node {
        Node::Str(s) => quote(s, &mut out),
        Node::Literal(l) => out.push_str(l),
        Node::Document(_) => return None,
        Node::Array(items) => {
            if !items.iter().all(Node::is_scalar) {
                return None;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&one_line(item)?);
            }
            out.push(']');
        }
        Node::Object(members, layout) => {
            if *layout == Layout::Lines && !members.is_empty() {
                return None;
            }
            out.push('{');
            for (i, (key, value)) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                if !matches!(value, Node::Str(_) | Node::Literal(_) | Node::Array(_)) {
                    return None;
                }
                quote(key, &mut out);
                out.push_str(": ");
                out.push_str(&one_line(value)?);
            }
            out.push('}');
        }
    }
    Some(out)
}

/// Writes `s` as a JSON string: quotes, backslashes and control
/// characters escaped, everything else (non-BMP characters included) as
/// UTF-8.
pub fn quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < '\u{20}' || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Whether `text` is exactly one JSON object, with nothing around it.
fn is_one_object(text: &str) -> bool {
    match parse_json(text) {
        Ok(json) => {
            json.as_object().is_some()
                && json.loc.span.start == 0
                && usize::try_from(json.loc.span.end).ok() == Some(text.len())
        }
        Err(_) => false,
    }
}

fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c == ' ' || c == '\t')
}

fn leading_spaces(line: &str) -> usize {
    line.chars().take_while(|&c| c == ' ').count()
}

/// Whether `text`, written verbatim on a line indented by `indent`, reads
/// back as the same text and looks in place: one JSON object, `\n` line
/// endings, and every line after the first blank or indented by at least
/// `indent` spaces.
fn sits(text: &str, indent: usize) -> bool {
    !text.contains('\r')
        && text
            .split('\n')
            .skip(1)
            .all(|line| is_blank(line) || leading_spaces(line) >= indent)
        && is_one_object(text)
}

/// `text` re-indented to sit on a line indented by `indent`, if it is one
/// JSON object (whitespace around it allowed). Raw line breaks can only be
/// whitespace between tokens in JSON, so changing the whitespace that starts
/// each line never changes what the document says. The lines keep their
/// indentation relative to each other, a tab counting as two spaces.
fn reindent(text: &str, indent: usize) -> Option<Cow<'_, str>> {
    if sits(text, indent) {
        return Some(Cow::Borrowed(text));
    }
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    let body = normalized
        .strip_prefix('\u{feff}')
        .unwrap_or(&normalized)
        .trim_matches([' ', '\t', '\n']);
    if !is_one_object(body) {
        return None;
    }
    let width = |line: &str| {
        line.chars()
            .take_while(|&c| c == ' ' || c == '\t')
            .map(|c| if c == '\t' { INDENT } else { 1 })
            .sum::<usize>()
    };
    let mut lines = body.split('\n');
    let mut out = lines.next().unwrap_or_default().to_owned();
    let rest: Vec<&str> = lines.collect();
    let base = rest
        .iter()
        .filter(|l| !is_blank(l))
        .map(|l| width(l))
        .min()
        .unwrap_or(0);
    for line in rest {
        out.push('\n');
        if is_blank(line) {
            continue;
        }
        out.extend(std::iter::repeat_n(' ', indent + width(line) - base));
        out.push_str(line.trim_start_matches([' ', '\t']));
    }
    Some(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_quotes_backslashes_and_control_characters() {
        let mut out = String::new();
        quote("a\"b\\c\nd\u{1}\u{7f}é😀", &mut out);
        assert_eq!(out, "\"a\\\"b\\\\c\\nd\\u0001\\u007fé😀\"");
    }

    #[test]
    fn numbers_read_back_as_the_same_value() {
        for n in [
            0.0,
            -0.0,
            1.0,
            -2.5,
            0.1,
            1e-7,
            123456789.125,
            1e300,
            5e-324,
        ] {
            let Node::Literal(text) = number(n) else {
                panic!("a finite number is a literal");
            };
            assert_eq!(text.parse::<f64>(), Ok(n), "{text}");
        }
    }

    #[test]
    fn a_document_sits_when_its_lines_are_indented_deep_enough() {
        assert!(sits("{\"a\": 1}", 6));
        assert!(sits("{\n        \"a\": 1\n      }", 6));
        assert!(!sits("{\n  \"a\": 1\n}", 6));
        assert!(!sits("{\"a\": 1}\n", 0));
        assert!(!sits("[1]", 0));
        assert!(!sits("{\r\n\"a\": 1\r\n}", 0));
    }

    #[test]
    fn reindenting_keeps_relative_indentation() {
        let text = "\u{feff}{\r\n\t\"a\": [\r\n\t\t1\r\n\t]\r\n}\r\n";
        assert_eq!(
            reindent(text, 4).as_deref(),
            Some("{\n      \"a\": [\n        1\n      ]\n    }")
        );
        assert_eq!(reindent("not json", 4), None);
    }
}
