//! A [`Snapshot`] as text: the form links carry (compressed) and the
//! autosave stores. One JSON object:
//!
//! ```json
//! {"playground": 1,
//!  "request": {"principal": {"user": "mfa-user-1"}, "action": "ec2:DescribeInstances",
//!              "resource": "", "context": [{"key": "aws:MultiFactorAuthPresent", "bool": false}]},
//!  "selected": {"policy": "Force_MFA"}, "open": {"policy": "Force_MFA"},
//!  "workspace": { …the workspace file, as `write_workspace` writes it… }}
//! ```
//!
//! The workspace is the workspace file's text itself (see
//! `docs/workspace-format.md`), read back with `load_workspace` from its
//! `{` to its `}`, so that documents come back exactly as typed. The
//! request keeps what the request panel shows, as typed (a number that
//! does not read yet included). `selected` and `open` name an entity as
//! `{"policy": NAME}`, `{"aws": ARN}`, `{"inline": NAME, "group"|"user"|"role": OWNER}`,
//! `{"endpoint": ID}` (a VPC endpoint), `{"group": NAME}`, `{"user": NAME}`
//! or `{"role": NAME}`. The request's `vpcEndpoint`, when it has one, is
//! the id of the endpoint it comes through.

use std::fmt::Write as _;

use iamplay_core::Loc;
use iamplay_core::json::{Json, JsonValue, parse_json};
use iamplay_core::workspace::{load_workspace, write_json, write_workspace};

use crate::state::{
    ContextInput, DocumentRef, EntityRef, InputValue, Owner, PrincipalChoice, RequestDraft,
    Snapshot,
};

/// The version of the snapshot text this build writes and reads.
pub const SNAPSHOT_VERSION: u32 = 1;

/// The member that marks a snapshot and gives its version.
const VERSION_MEMBER: &str = "playground";

/// Writes `snapshot` as text.
pub fn write_snapshot(snapshot: &Snapshot) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "{{\"{VERSION_MEMBER}\": {SNAPSHOT_VERSION},\n\"request\": "
    );
    write_request(&snapshot.request, &mut out);
    if let Some(selected) = &snapshot.selected {
        out.push_str(",\n\"selected\": ");
        write_entity(selected, &mut out);
    }
    if let Some(open) = &snapshot.open {
        out.push_str(",\n\"open\": ");
        write_entity(&EntityRef::Document(open.clone()), &mut out);
    }
    out.push_str(",\n\"workspace\": ");
    out.push_str(write_workspace(&snapshot.workspace).trim_end());
    out.push_str("}\n");
    out
}

/// Reads a snapshot written by [`write_snapshot`]. The error says what is
/// wrong in a sentence (lowercase, no final period).
pub fn read_snapshot(text: &str) -> Result<Snapshot, String> {
    let json = parse_json(text).map_err(|e| format!("its data is not JSON ({e})"))?;
    let version = json
        .get(VERSION_MEMBER)
        .and_then(|v| match &v.value {
            JsonValue::Number(n) => n.parse::<u32>().ok(),
            _ => None,
        })
        .ok_or("its data is not a playground workspace")?;
    if version > SNAPSHOT_VERSION {
        return Err(newer_version(version));
    }
    let workspace_json = json.get("workspace").ok_or("its data has no workspace")?;
    let span = workspace_json.loc.span;
    let workspace_text = text
        .get(span.start as usize..span.end as usize)
        .ok_or("its data has no workspace")?;
    let loaded = load_workspace(workspace_text);
    let workspace = loaded.workspace.ok_or_else(|| {
        let first = loaded
            .diagnostics
            .first()
            .map(|d| d.message.clone())
            .unwrap_or_else(|| "it is not valid".to_owned());
        format!("its workspace could not be read: {first}")
    })?;
    let request = match json.get("request") {
        Some(request) => read_request(request)?,
        None => RequestDraft::default(),
    };
    let selected = json.get("selected").map(read_entity).transpose()?;
    let open = match json.get("open").map(read_entity).transpose()? {
        Some(EntityRef::Document(document)) => Some(document),
        Some(_) => return Err("its `open` is not a policy".to_owned()),
        None => None,
    };
    Ok(Snapshot {
        workspace,
        request,
        selected,
        open,
    })
}

/// The message for data of a version newer than this build reads.
pub fn newer_version(version: u32) -> String {
    format!(
        "it was made by a newer version of the playground (format {version}; this page reads format {SNAPSHOT_VERSION}): open it with an up-to-date playground"
    )
}

/// `text` as a JSON string, escaped as workspace files escape strings.
pub fn quoted(text: &str) -> String {
    write_json(&Json {
        value: JsonValue::String(text.to_owned()),
        loc: Loc::default(),
    })
}

fn write_request(request: &RequestDraft, out: &mut String) {
    out.push('{');
    let mut members: Vec<String> = Vec::new();
    match &request.principal {
        Some(PrincipalChoice::User(name)) => {
            members.push(format!("\"principal\": {{\"user\": {}}}", quoted(name)));
        }
        Some(PrincipalChoice::Role(name)) => {
            members.push(format!("\"principal\": {{\"role\": {}}}", quoted(name)));
        }
        None => {}
    }
    if let Some(groups) = &request.groups {
        let list: Vec<String> = groups.iter().map(|g| quoted(g)).collect();
        members.push(format!("\"groups\": [{}]", list.join(", ")));
    }
    members.push(format!("\"action\": {}", quoted(&request.action)));
    members.push(format!("\"resource\": {}", quoted(&request.resource)));
    if !request.context.is_empty() {
        let entries: Vec<String> = request
            .context
            .iter()
            .map(|input| {
                let value = match &input.value {
                    InputValue::Bool(b) => format!("\"bool\": {b}"),
                    InputValue::Number(text) => format!("\"number\": {}", quoted(text)),
                    InputValue::Text(text) => format!("\"text\": {}", quoted(text)),
                    InputValue::List(text) => format!("\"list\": {}", quoted(text)),
                };
                format!("{{\"key\": {}, {value}}}", quoted(&input.key))
            })
            .collect();
        members.push(format!("\"context\": [{}]", entries.join(", ")));
    }
    if let Some(endpoint) = &request.vpc_endpoint {
        members.push(format!("\"vpcEndpoint\": {}", quoted(endpoint)));
    }
    out.push_str(&members.join(", "));
    out.push('}');
}

fn write_entity(entity: &EntityRef, out: &mut String) {
    let (kind, name, owner) = match entity {
        EntityRef::Document(DocumentRef::Customer(name)) => ("policy", name, None),
        EntityRef::Document(DocumentRef::Aws(arn)) => ("aws", arn, None),
        EntityRef::Document(DocumentRef::Inline(owner, name)) => ("inline", name, Some(owner)),
        EntityRef::Document(DocumentRef::Endpoint(id)) => ("endpoint", id, None),
        EntityRef::Group(name) => ("group", name, None),
        EntityRef::User(name) => ("user", name, None),
        EntityRef::Role(name) => ("role", name, None),
    };
    let _ = write!(out, "{{\"{kind}\": {}", quoted(name));
    if let Some(owner) = owner {
        let _ = write!(out, ", \"{}\": {}", owner_kind(owner), quoted(owner.name()));
    }
    out.push('}');
}

fn owner_kind(owner: &Owner) -> &'static str {
    match owner {
        Owner::Group(_) => "group",
        Owner::User(_) => "user",
        Owner::Role(_) => "role",
    }
}

fn read_request(json: &Json) -> Result<RequestDraft, String> {
    if json.as_object().is_none() {
        return Err("its request is not an object".to_owned());
    }
    let principal = match json.get("principal") {
        None => None,
        Some(p) => match (text_of(p, "user"), text_of(p, "role")) {
            (Some(user), None) => Some(PrincipalChoice::User(user)),
            (None, Some(role)) => Some(PrincipalChoice::Role(role)),
            _ => return Err("its request's principal is not a user or a role".to_owned()),
        },
    };
    let groups = match json.get("groups") {
        None => None,
        Some(list) => Some(
            list.as_array()
                .ok_or("its request's groups are not a list")?
                .iter()
                .map(|g| g.as_str().map(str::to_owned))
                .collect::<Option<Vec<String>>>()
                .ok_or("its request's groups are not names")?,
        ),
    };
    let string = |key: &str| -> Result<String, String> {
        match json.get(key) {
            None => Ok(String::new()),
            Some(value) => value
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("its request's {key} is not text")),
        }
    };
    let mut context = Vec::new();
    if let Some(list) = json.get("context") {
        for entry in list
            .as_array()
            .ok_or("its request's context is not a list")?
        {
            context.push(read_context_input(entry)?);
        }
    }
    let vpc_endpoint = match json.get("vpcEndpoint") {
        None => None,
        Some(id) => Some(
            id.as_str()
                .map(str::to_owned)
                .ok_or("its request's vpcEndpoint is not text")?,
        ),
    };
    Ok(RequestDraft {
        principal,
        groups,
        action: string("action")?,
        resource: string("resource")?,
        context,
        vpc_endpoint,
    })
}

fn read_context_input(entry: &Json) -> Result<ContextInput, String> {
    let key = text_of(entry, "key").ok_or("a context key of its request has no name")?;
    let value = if let Some(JsonValue::Bool(b)) = entry.get("bool").map(|v| &v.value) {
        InputValue::Bool(*b)
    } else if let Some(text) = text_of(entry, "number") {
        InputValue::Number(text)
    } else if let Some(text) = text_of(entry, "text") {
        InputValue::Text(text)
    } else if let Some(text) = text_of(entry, "list") {
        InputValue::List(text)
    } else {
        return Err(format!("context key `{key}` of its request has no value"));
    };
    Ok(ContextInput { key, value })
}

fn read_entity(json: &Json) -> Result<EntityRef, String> {
    let owner = || {
        if let Some(name) = text_of(json, "group") {
            Some(Owner::Group(name))
        } else if let Some(name) = text_of(json, "user") {
            Some(Owner::User(name))
        } else {
            text_of(json, "role").map(Owner::Role)
        }
    };
    if let Some(name) = text_of(json, "inline") {
        let owner = owner().ok_or("an inline policy it names has no group, user or role")?;
        return Ok(EntityRef::Document(DocumentRef::Inline(owner, name)));
    }
    if let Some(name) = text_of(json, "policy") {
        return Ok(EntityRef::Document(DocumentRef::Customer(name)));
    }
    if let Some(arn) = text_of(json, "aws") {
        return Ok(EntityRef::Document(DocumentRef::Aws(arn)));
    }
    if let Some(id) = text_of(json, "endpoint") {
        return Ok(EntityRef::Document(DocumentRef::Endpoint(id)));
    }
    owner()
        .map(EntityRef::from)
        .ok_or_else(|| "an entity it names is not a policy, group, user or role".to_owned())
}

/// The string member `key` of `json`.
fn text_of(json: &Json, key: &str) -> Option<String> {
    json.get(key).and_then(Json::as_str).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::State;

    #[test]
    fn the_seed_comes_back_exactly() {
        let snapshot = State::seed().snapshot();
        let text = write_snapshot(&snapshot);
        let back = read_snapshot(&text).expect("the seed reads back");
        assert_eq!(back.request, snapshot.request);
        assert_eq!(back.selected, snapshot.selected);
        assert_eq!(back.open, snapshot.open);
        assert_eq!(
            write_workspace(&back.workspace),
            write_workspace(&snapshot.workspace)
        );
        let policy = |s: &Snapshot| s.workspace.policies[0].document.text.clone();
        assert_eq!(
            policy(&back),
            policy(&snapshot),
            "documents exactly as typed"
        );
        assert_eq!(
            write_snapshot(&back),
            text,
            "writing again gives the same text"
        );
    }

    #[test]
    fn every_kind_of_request_input_and_entity_survives() {
        let mut snapshot = State::seed().snapshot();
        snapshot.request = RequestDraft {
            principal: Some(PrincipalChoice::Role("deploy \"prod\"".to_owned())),
            groups: Some(vec!["a".to_owned(), "b\\c".to_owned()]),
            action: "s3:GetObject".to_owned(),
            resource: "arn:aws:s3:::bucket/<img src=x onerror=alert(1)>".to_owned(),
            context: vec![
                ContextInput {
                    key: "aws:SecureTransport".to_owned(),
                    value: InputValue::Bool(true),
                },
                ContextInput {
                    key: "aws:MultiFactorAuthAge".to_owned(),
                    value: InputValue::Number("12x".to_owned()),
                },
                ContextInput {
                    key: "aws:SourceIp".to_owned(),
                    value: InputValue::Text("203.0.113.5\n\u{1}".to_owned()),
                },
                ContextInput {
                    key: "aws:TagKeys".to_owned(),
                    value: InputValue::List("a, b".to_owned()),
                },
            ],
            vpc_endpoint: Some("vpce-1a2b3c4d".to_owned()),
        };
        for entity in [
            EntityRef::Group("Force_MFA".to_owned()),
            EntityRef::User("mfa-user-1".to_owned()),
            EntityRef::Role("r".to_owned()),
            EntityRef::Document(DocumentRef::Endpoint("vpce-1a2b3c4d".to_owned())),
            EntityRef::Document(DocumentRef::Aws(
                "arn:aws:iam::aws:policy/AmazonEC2FullAccess".to_owned(),
            )),
            EntityRef::Document(DocumentRef::Inline(
                Owner::User("mfa-user-1".to_owned()),
                "Inline".to_owned(),
            )),
        ] {
            snapshot.selected = Some(entity);
            let back = read_snapshot(&write_snapshot(&snapshot)).expect("reads back");
            assert_eq!(back.request, snapshot.request);
            assert_eq!(back.selected, snapshot.selected);
        }
    }

    #[test]
    fn damaged_or_newer_data_is_refused_with_a_reason() {
        assert!(
            read_snapshot("{\"playground\": 1, ")
                .expect_err("cut")
                .starts_with("its data is not JSON")
        );
        assert_eq!(
            read_snapshot("{\"format\": \"iamplay-workspace\"}"),
            Err("its data is not a playground workspace".to_owned())
        );
        let error = read_snapshot("{\"playground\": 2, \"workspace\": {}}").expect_err("v2");
        assert!(
            error.contains("newer version of the playground (format 2"),
            "{error}"
        );
        let error = read_snapshot("{\"playground\": 1, \"workspace\": {\"version\": 9}}")
            .expect_err("bad workspace");
        assert!(
            error.starts_with("its workspace could not be read"),
            "{error}"
        );
        let text = write_snapshot(&State::seed().snapshot()).replacen(
            "\"principal\": {\"user\"",
            "\"principal\": {\"who\"",
            1,
        );
        assert_eq!(
            read_snapshot(&text),
            Err("its request's principal is not a user or a role".to_owned())
        );
    }
}
