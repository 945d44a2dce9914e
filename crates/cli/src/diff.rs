//! `iamplay diff`: the impact of a change to a workspace. Every user and
//! role of both workspaces is decided for every action, on resource `*`
//! without context keys, before and after; the cells whose decision
//! changed are listed, and access gained makes the exit status 1.

use iamplay_core::Engine;
use iamplay_core::engine::CompiledDocument;
use iamplay_core::eval::authorize;
use iamplay_core::response::Decision;
use iamplay_core::workspace::{PrincipalSpec, RequestSpec};
use serde::Serialize;

use crate::args::{DiffOptions, Format};
use crate::eval::print_problems;
use crate::out::{Out, Status};
use crate::terminal::one_line;

/// The resource every cell is decided on.
const RESOURCE: &str = "*";

/// A user or role, by name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
enum Who {
    User(String),
    Role(String),
}

impl Who {
    fn name(&self) -> &str {
        match self {
            Who::User(n) | Who::Role(n) => n,
        }
    }

    fn label(&self) -> String {
        match self {
            Who::User(n) => format!("user {n}"),
            Who::Role(n) => format!("role {n}"),
        }
    }

    fn spec(&self) -> PrincipalSpec {
        match self {
            Who::User(n) => PrincipalSpec::user(n.clone()),
            Who::Role(n) => PrincipalSpec::RoleSession {
                role: n.clone(),
                session: "session".to_owned(),
            },
        }
    }
}

/// How a cell's decision changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Change {
    /// Denied (or absent) before, allowed after.
    Gained,
    /// Allowed before, denied (or absent) after.
    Lost,
    /// Explicit deny and implicit deny swapped (or a principal appeared
    /// or went, denied both ways).
    Changed,
}

impl Change {
    fn of(before: Option<Decision>, after: Option<Decision>) -> Option<Change> {
        let allowed = |d: Option<Decision>| d == Some(Decision::Allowed);
        match (allowed(before), allowed(after)) {
            _ if before == after => None,
            (false, true) => Some(Change::Gained),
            (true, false) => Some(Change::Lost),
            _ => Some(Change::Changed),
        }
    }

    fn word(self) -> &'static str {
        match self {
            Change::Gained => "gained",
            Change::Lost => "lost",
            Change::Changed => "changed",
        }
    }
}

/// One changed cell.
#[derive(Serialize)]
struct Cell {
    principal: Who,
    action: String,
    before: Option<Decision>,
    after: Option<Decision>,
    change: Change,
}

/// What `--format json` prints.
#[derive(Serialize)]
struct Report {
    resource: &'static str,
    principals: Vec<Who>,
    actions: usize,
    cells: Vec<Cell>,
    gained: usize,
    lost: usize,
    changed: usize,
}

/// Runs `iamplay diff`.
pub fn run(opts: &DiffOptions, out: &mut Out<'_>) -> Status {
    let Some(before) = load(&opts.before, out)? else {
        return Ok(2);
    };
    let Some(after) = load(&opts.after, out)? else {
        return Ok(2);
    };
    let actions = if opts.actions.is_empty() {
        crate::actions::named_by(&[&before, &after])
    } else {
        match crate::actions::expand(&opts.actions) {
            Ok(actions) => actions,
            Err(why) => {
                errln!(out, "iamplay: {}", one_line(&why))?;
                return Ok(2);
            }
        }
    };
    let principals = principals(&before, &after, &opts.principals);
    if let Some(missing) = opts
        .principals
        .iter()
        .find(|n| !principals.iter().any(|w| w.name() == n.as_str()))
    {
        errln!(
            out,
            "iamplay: neither workspace has a user or role `{}`",
            one_line(missing)
        )?;
        return Ok(2);
    }
    let mut cells = Vec::new();
    for who in &principals {
        let was = decide(&before, who, &actions);
        let is = decide(&after, who, &actions);
        for (i, action) in actions.iter().enumerate() {
            let (b, a) = (was.as_ref().map(|d| d[i]), is.as_ref().map(|d| d[i]));
            if let Some(change) = Change::of(b, a) {
                cells.push(Cell {
                    principal: who.clone(),
                    action: action.clone(),
                    before: b,
                    after: a,
                    change,
                });
            }
        }
    }
    let count = |c: Change| cells.iter().filter(|x| x.change == c).count();
    let report = Report {
        resource: RESOURCE,
        actions: actions.len(),
        gained: count(Change::Gained),
        lost: count(Change::Lost),
        changed: count(Change::Changed),
        principals,
        cells,
    };
    match opts.format {
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(s) => outln!(out, "{s}")?,
            Err(e) => errln!(out, "iamplay: {e}")?,
        },
        Format::Text => print_text(&report, out)?,
    }
    Ok(if report.gained > 0 { 1 } else { 0 })
}

/// Reads and compiles a workspace file; `None` (its problems printed)
/// when it cannot be read, does not load, or a policy does not parse.
fn load(path: &str, out: &mut Out<'_>) -> Result<Option<Engine>, crate::out::Broken> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            errln!(out, "iamplay: cannot read `{path}`: {e}")?;
            return Ok(None);
        }
    };
    let source = Box::new(iamplay_catalog::managed_policies());
    match Engine::load(&text, source) {
        Ok(engine) => {
            let errors: Vec<_> = engine
                .diagnostics()
                .into_iter()
                .filter(|p| p.severity == iamplay_core::Severity::Error)
                .collect();
            print_problems(out, path, &text, Some(&engine), &errors)?;
            if engine.documents().any(CompiledDocument::has_errors) {
                return Ok(None);
            }
            Ok(Some(engine))
        }
        Err(problems) => {
            print_problems(out, path, &text, None, &problems)?;
            Ok(None)
        }
    }
}

/// The users, then the roles, of both workspaces (each once, sorted by
/// name), or those named in `only`.
fn principals(before: &Engine, after: &Engine, only: &[String]) -> Vec<Who> {
    let mut users = Vec::new();
    let mut roles = Vec::new();
    for engine in [before, after] {
        let ws = engine.workspace();
        users.extend(ws.users.iter().map(|u| Who::User(u.name.clone())));
        roles.extend(ws.roles.iter().map(|r| Who::Role(r.name.clone())));
    }
    users.sort();
    roles.sort();
    users.extend(roles);
    users.dedup();
    if !only.is_empty() {
        users.retain(|w| only.iter().any(|n| n == w.name()));
    }
    users
}

/// The decision for each action, or `None` when the workspace has no
/// such principal (or a policy that applies to it cannot be read).
fn decide(engine: &Engine, who: &Who, actions: &[String]) -> Option<Vec<Decision>> {
    let resolved = engine
        .resolve(&RequestSpec::new(who.spec(), "", RESOURCE))
        .ok()?;
    Some(
        actions
            .iter()
            .map(|action| {
                let mut request = resolved.request.clone();
                action.clone_into(&mut request.action);
                authorize(&resolved.policies, &request)
            })
            .collect(),
    )
}

/// One line per changed cell, then the counts.
fn print_text(report: &Report, out: &mut Out<'_>) -> Result<(), crate::out::Broken> {
    let describe = |d: Option<Decision>| d.map_or("no such principal", Decision::describe);
    let width = report
        .cells
        .iter()
        .map(|c| c.principal.label().chars().count())
        .max()
        .unwrap_or(0);
    let action_width = report
        .cells
        .iter()
        .map(|c| c.action.chars().count())
        .max()
        .unwrap_or(0);
    for c in &report.cells {
        outln!(
            out,
            "{:<7} {:<width$}  {:<action_width$}  {} → {}",
            c.change.word(),
            one_line(&c.principal.label()),
            one_line(&c.action),
            describe(c.before),
            describe(c.after),
        )?;
    }
    outln!(
        out,
        "{} principal(s) × {} action(s) on `{RESOURCE}`: {} gained, {} lost, {} other change(s)",
        report.principals.len(),
        report.actions,
        report.gained,
        report.lost,
        report.changed
    )
}
