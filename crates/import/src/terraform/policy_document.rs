//! Renders an `aws_iam_policy_document` data source from its `statement`
//! blocks when its `json` is known only after apply, as the AWS provider
//! would: `Version`, `Id`, and per statement `Sid`, `Effect`, `Action`,
//! `NotAction`, `Resource`, `NotResource`, `Principal`, `NotPrincipal`,
//! `Condition`, single values as strings. Unknown entries become
//! placeholders naming what they refer to.

use iamplay_core::json::{Json, JsonValue};

use super::{PathStep, Plan, TfResource, contains_true};
use crate::document::{json, object, one_or_many, pretty, string};

/// The rendered document of `r`.
pub(super) fn render(plan: &mut Plan<'_>, r: &TfResource<'_>) -> String {
    let values = r.values;
    let unknown = r.unknown;
    let mut doc = vec![(
        "Version".to_owned(),
        string(
            values
                .and_then(|v| v.get("version"))
                .and_then(Json::as_str)
                .filter(|s| !s.is_empty())
                .unwrap_or("2012-10-17"),
        ),
    )];
    if let Some(id) = values
        .and_then(|v| v.get("policy_id"))
        .and_then(Json::as_str)
        .filter(|s| !s.is_empty())
    {
        doc.push(("Id".to_owned(), string(id)));
    }
    for key in ["source_policy_documents", "override_policy_documents"] {
        if values
            .and_then(|v| v.get(key))
            .and_then(Json::as_array)
            .is_some_and(|a| !a.is_empty())
        {
            plan.skipped.push(crate::Note::at(
                format!(
                    "`{key}` of `{}` are not merged into the document the import renders",
                    r.address
                ),
                r.loc,
            ));
        }
    }
    let statements = values
        .and_then(|v| v.get("statement"))
        .and_then(Json::as_array)
        .unwrap_or_default();
    let unknown_statements = unknown
        .and_then(|u| u.get("statement"))
        .and_then(Json::as_array)
        .unwrap_or_default();
    let mut out = Vec::new();
    for (i, st) in statements.iter().enumerate() {
        let u = unknown_statements.get(i);
        let mut members = Vec::new();
        if let Some(sid) = st
            .get("sid")
            .and_then(Json::as_str)
            .filter(|s| !s.is_empty())
        {
            members.push(("Sid".to_owned(), string(sid)));
        }
        let effect = st
            .get("effect")
            .and_then(Json::as_str)
            .filter(|s| !s.is_empty())
            .unwrap_or("Allow");
        members.push(("Effect".to_owned(), string(effect)));
        for (key, element) in [
            ("actions", "Action"),
            ("not_actions", "NotAction"),
            ("resources", "Resource"),
            ("not_resources", "NotResource"),
        ] {
            let items = strings(
                plan,
                r,
                st.get(key),
                u.and_then(|u| u.get(key)),
                &format!("statement[{i}].{key}"),
                &format!("statement {} `{key}`", i + 1),
                &[
                    PathStep::Key("statement"),
                    PathStep::Index(i),
                    PathStep::Key(key),
                ],
            );
            if !items.is_empty() {
                members.push((element.to_owned(), one_or_many(items)));
            }
        }
        for (key, element) in [
            ("principals", "Principal"),
            ("not_principals", "NotPrincipal"),
        ] {
            if let Some(p) = principals(plan, r, st.get(key), u.and_then(|u| u.get(key)), i, key) {
                members.push((element.to_owned(), p));
            }
        }
        let conditions = st
            .get("condition")
            .and_then(Json::as_array)
            .unwrap_or_default();
        let unknown_conditions = u
            .and_then(|u| u.get("condition"))
            .and_then(Json::as_array)
            .unwrap_or_default();
        let mut by_operator: Vec<(String, Vec<(String, Json)>)> = Vec::new();
        for (j, c) in conditions.iter().enumerate() {
            let (Some(test), Some(variable)) = (
                c.get("test").and_then(Json::as_str),
                c.get("variable").and_then(Json::as_str),
            ) else {
                continue;
            };
            let path = [
                PathStep::Key("statement"),
                PathStep::Index(i),
                PathStep::Key("condition"),
                PathStep::Index(j),
                PathStep::Key("values"),
            ];
            let values = strings(
                plan,
                r,
                c.get("values"),
                unknown_conditions.get(j).and_then(|u| u.get("values")),
                &format!("statement[{i}].condition[{j}].values"),
                &format!("statement {} condition `{variable}`", i + 1),
                &path,
            );
            let entry = (variable.to_owned(), one_or_many(values));
            match by_operator.iter_mut().find(|(op, _)| op == test) {
                Some((_, keys)) => keys.push(entry),
                None => by_operator.push((test.to_owned(), vec![entry])),
            }
        }
        if !by_operator.is_empty() {
            members.push((
                "Condition".to_owned(),
                object(
                    by_operator
                        .into_iter()
                        .map(|(op, keys)| (op, object(keys)))
                        .collect(),
                ),
            ));
        }
        out.push(object(members));
    }
    doc.push(("Statement".to_owned(), json(JsonValue::Array(out))));
    pretty(&object(doc))
}

/// A list of strings whose unknown entries are placeholders.
pub(super) fn strings(
    plan: &mut Plan<'_>,
    r: &TfResource<'_>,
    known: Option<&Json>,
    unknown: Option<&Json>,
    key: &str,
    what: &str,
    path: &[PathStep<'_>],
) -> Vec<String> {
    if let Some(u) = unknown
        && matches!(u.value, JsonValue::Bool(true))
    {
        let to = plan.references(r, path).into_iter().next();
        return vec![plan.unknown(r, key, what, to.as_deref(), u.loc)];
    }
    let known_items = known.and_then(Json::as_array).unwrap_or_default();
    let unknown_items = unknown.and_then(Json::as_array).unwrap_or_default();
    let mut out = Vec::new();
    for i in 0..known_items.len().max(unknown_items.len()) {
        match (known_items.get(i), unknown_items.get(i)) {
            (_, Some(u)) if contains_true(u) => {
                let to = plan.references(r, path).into_iter().next();
                out.push(plan.unknown(r, key, what, to.as_deref(), u.loc));
            }
            (Some(k), _) => match &k.value {
                JsonValue::String(s) => out.push(s.clone()),
                JsonValue::Number(n) => out.push(n.clone()),
                JsonValue::Bool(b) => out.push(b.to_string()),
                _ => {}
            },
            _ => {}
        }
    }
    if let Some(JsonValue::String(s)) = known.map(|k| &k.value) {
        out.push(s.clone());
    }
    out
}

fn principals(
    plan: &mut Plan<'_>,
    r: &TfResource<'_>,
    known: Option<&Json>,
    unknown: Option<&Json>,
    statement: usize,
    key: &str,
) -> Option<Json> {
    let blocks = known.and_then(Json::as_array)?;
    let unknown_blocks = unknown.and_then(Json::as_array).unwrap_or_default();
    let mut by_type: Vec<(String, Vec<String>)> = Vec::new();
    for (j, b) in blocks.iter().enumerate() {
        let Some(ty) = b.get("type").and_then(Json::as_str) else {
            continue;
        };
        let path = [
            PathStep::Key("statement"),
            PathStep::Index(statement),
            PathStep::Key(key),
            PathStep::Index(j),
            PathStep::Key("identifiers"),
        ];
        let ids = strings(
            plan,
            r,
            b.get("identifiers"),
            unknown_blocks.get(j).and_then(|u| u.get("identifiers")),
            &format!("statement[{statement}].{key}[{j}].identifiers"),
            &format!("statement {} `{key}`", statement + 1),
            &path,
        );
        match by_type.iter_mut().find(|(t, _)| t == ty) {
            Some((_, all)) => all.extend(ids),
            None => by_type.push((ty.to_owned(), ids)),
        }
    }
    if let [(ty, ids)] = by_type.as_slice()
        && ty == "*"
        && ids.iter().all(|i| i == "*")
    {
        return Some(string("*"));
    }
    (!by_type.is_empty()).then(|| {
        object(
            by_type
                .into_iter()
                .map(|(t, ids)| (t, one_or_many(ids)))
                .collect(),
        )
    })
}
