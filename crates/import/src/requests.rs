//! Saved requests joining an imported workspace: a requests file is a
//! JSON array of requests as the workspace format writes them (see
//! `docs/workspace-format.md`, "Requests"), or an object with that array
//! as `requests` and optionally the workspace's `name`, `description` and
//! `reference`. Each request is read by core's [`load_request`], and its
//! errors point into the requests file.

use iamplay_core::json::{Json, JsonValue, parse_json};
use iamplay_core::workspace::{Workspace, load_request};
use iamplay_core::{Code, Diagnostic};

use crate::position::{Cursor, shift};

/// Adds the requests of `text` (a requests file) to `workspace`, after
/// the ones it has. On error nothing is added.
pub fn with_requests(workspace: &mut Workspace, text: &str) -> Result<(), Vec<Diagnostic>> {
    let json = parse_json(text).map_err(|e| vec![e])?;
    let mut diagnostics = Vec::new();
    let mut name = None;
    let mut description = None;
    let mut reference = None;
    let list: &[Json] = match &json.value {
        JsonValue::Array(items) => items,
        JsonValue::Object(members) => {
            let mut list: &[Json] = &[];
            for m in members {
                let string = |d: &mut Vec<Diagnostic>| match m.value.as_str() {
                    Some(s) => Some(s.to_owned()),
                    None => {
                        d.push(wrong_type(
                            &format!("`{}`", m.key.value),
                            "a string",
                            &m.value,
                        ));
                        None
                    }
                };
                match m.key.value.as_str() {
                    "requests" => match m.value.as_array() {
                        Some(items) => list = items,
                        None => diagnostics.push(wrong_type("`requests`", "an array", &m.value)),
                    },
                    "name" => name = string(&mut diagnostics),
                    "description" => description = string(&mut diagnostics),
                    "reference" => reference = string(&mut diagnostics),
                    other => diagnostics.push(
                        Diagnostic::error(
                            Code::UnknownKey,
                            format!("unknown key `{other}` in a requests file"),
                            m.key.loc,
                        )
                        .with_help(
                            "expected one of `requests`, `name`, `description`, `reference`",
                        ),
                    ),
                }
            }
            list
        }
        _ => {
            return Err(vec![wrong_type(
                "a requests file",
                "an array of requests or an object with `requests`",
                &json,
            )]);
        }
    };
    let mut cursor = Cursor::new(text);
    let mut requests = Vec::with_capacity(list.len());
    for item in list {
        let (start, end) = (item.loc.span.start as usize, item.loc.span.end as usize);
        let Some(slice) = text.get(start..end) else {
            continue;
        };
        match load_request(slice) {
            Ok(r) => requests.push(r),
            Err(errors) => {
                let base = cursor.position(start);
                diagnostics.extend(errors.into_iter().map(|mut d| {
                    d.loc = shift(d.loc, start, base);
                    d
                }));
            }
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    workspace.requests.extend(requests);
    if name.is_some() {
        workspace.name = name;
    }
    if description.is_some() {
        workspace.description = description;
    }
    if reference.is_some() {
        workspace.reference = reference;
    }
    Ok(())
}

fn wrong_type(what: &str, expected: &str, found: &Json) -> Diagnostic {
    Diagnostic::error(
        Code::WrongType,
        format!("{what} must be {expected}, found {}", found.kind_name()),
        found.loc,
    )
}
