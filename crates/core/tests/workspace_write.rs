//! The workspace writer (`docs/workspace-format.md`, "The writer"):
//! reading back what [`write_workspace`] wrote gives the same workspace, for
//! the seed example, every case file, every example, and random workspaces;
//! documents keep their exact text; [`format_workspace`] writes every
//! document that is a JSON object as an object and changes only whitespace.

use std::fs;
use std::path::{Path, PathBuf};

use iamplay_core::json::parse_json;
use iamplay_core::principal::Principal;
use iamplay_core::request::{ContextKeys, ContextValue, Scalar};
use iamplay_core::response::Decision;
use iamplay_core::workspace::{
    CustomPolicies, Document, Expectation, Group, InlinePolicy, ManagedPolicy, OrgLevelSpec,
    Organization, PrincipalSpec, RequestSpec, Resource, Role, User, VpcEndpoint, Workspace,
    format_workspace, load_workspace, write_json, write_workspace,
};
use proptest::prelude::*;
use proptest::sample::select;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn json_files(dir: &str) -> Vec<PathBuf> {
    let dir = repository().join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// Calls `f` on every document of `ws`.
fn each_document(ws: &mut Workspace, f: &mut dyn FnMut(&mut Document)) {
    for p in ws.policies.iter_mut().chain(&mut ws.aws_managed_policies) {
        f(&mut p.document);
    }
    for g in &mut ws.groups {
        g.inline_policies
            .iter_mut()
            .for_each(|p| f(&mut p.document));
    }
    for u in &mut ws.users {
        u.inline_policies
            .iter_mut()
            .for_each(|p| f(&mut p.document));
    }
    for r in &mut ws.roles {
        r.inline_policies
            .iter_mut()
            .for_each(|p| f(&mut p.document));
        r.trust_policy.iter_mut().for_each(&mut *f);
    }
    if let Some(org) = &mut ws.organization {
        org.policies.iter_mut().for_each(|p| f(&mut p.document));
    }
    ws.resources.iter_mut().for_each(|r| f(&mut r.policy));
    ws.endpoints
        .iter_mut()
        .for_each(|e| e.policy.iter_mut().for_each(&mut *f));
    for req in &mut ws.requests {
        req.session_policy.iter_mut().for_each(&mut *f);
        if let Some(c) = &mut req.policies {
            c.identity.iter_mut().for_each(&mut *f);
            c.permissions_boundary.iter_mut().for_each(&mut *f);
            c.resource.iter_mut().for_each(&mut *f);
            c.scps.iter_mut().flatten().for_each(&mut *f);
            c.rcps.iter_mut().flatten().for_each(&mut *f);
        }
    }
}

/// `ws` without the documents' file offsets, which depend on where the
/// documents sat in the file they were read from.
fn without_offsets(mut ws: Workspace) -> Workspace {
    each_document(&mut ws, &mut |d| d.file_offset = None);
    ws
}

/// `ws` with every document that is JSON reduced to one canonical text,
/// so that workspaces that differ only in the documents' whitespace
/// compare equal.
fn canonical_documents(mut ws: Workspace) -> Workspace {
    each_document(&mut ws, &mut |d| {
        d.file_offset = None;
        if let Ok(json) = parse_json(&d.text) {
            d.text = write_json(&json);
        }
    });
    ws
}

fn load(text: &str) -> Workspace {
    let loaded = load_workspace(text);
    match loaded.workspace {
        Some(ws) => ws,
        None => panic!(
            "the written workspace does not load: {:?}\n{text}",
            loaded.diagnostics
        ),
    }
}

/// Writes `ws`, reads it back and checks that nothing changed; writing
/// again gives the same text.
fn assert_round_trip(ws: &Workspace) -> String {
    let written = write_workspace(ws);
    let back = load(&written);
    assert_eq!(
        without_offsets(back.clone()),
        without_offsets(ws.clone()),
        "{written}"
    );
    assert_eq!(write_workspace(&back), written);
    written
}

/// Formats `ws`, reads it back and checks that only the documents'
/// whitespace changed and that every document that is one JSON object
/// (around whitespace aside) is written as an object; formatting again
/// changes nothing.
fn assert_formats(ws: &Workspace) {
    let formatted = format_workspace(ws);
    let mut back = load(&formatted);
    assert_eq!(
        canonical_documents(back.clone()),
        canonical_documents(ws.clone()),
        "{formatted}"
    );
    each_document(&mut back, &mut |d| {
        let is_object = parse_json(&d.text).is_ok_and(|j| j.as_object().is_some());
        assert_eq!(
            d.file_offset.is_some(),
            is_object,
            "document written as an object exactly when it is one: {:?}",
            d.text
        );
    });
    assert_eq!(format_workspace(&back), formatted);
}

fn assert_files_round_trip(dir: &str) -> usize {
    let files = json_files(dir);
    for path in &files {
        let text = fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let ws = load_workspace(&text)
            .workspace
            .unwrap_or_else(|| panic!("{} does not load", path.display()));
        assert_round_trip(&ws);
        assert_formats(&ws);
    }
    files.len()
}

// The seed scenario (/work/shared/scenarios/README.md) as
// examples/force-mfa.json: its documents sit at the writer's indentation,
// so they are written as objects and the file comes out nearly as written.
#[test]
fn the_seed_example_round_trips_with_documents_as_objects() {
    let path = repository().join("examples/force-mfa.json");
    let text = fs::read_to_string(&path).expect("the seed example is readable");
    let ws = load(&text);
    let written = assert_round_trip(&ws);
    let back = load(&written);
    for p in &back.policies {
        assert!(
            p.document.file_offset.is_some(),
            "policy `{}` is written as an object",
            p.name
        );
        let original = ws.policies.iter().find(|o| o.name == p.name);
        assert_eq!(original.map(|o| &o.document.text), Some(&p.document.text));
    }
    assert!(written.starts_with("{\n  \"format\": \"iamplay-workspace\",\n  \"version\": 1,\n"));
}

#[test]
fn every_case_file_round_trips() {
    assert!(assert_files_round_trip("tests/cases") >= 20);
}

#[test]
fn every_example_round_trips() {
    assert!(assert_files_round_trip("examples") >= 9);
}

fn small_workspace(document: &str) -> Workspace {
    let mut ws = Workspace::new();
    ws.policies.push(ManagedPolicy {
        name: "P".to_owned(),
        path: "/".to_owned(),
        description: None,
        document: Document::new(document),
    });
    ws
}

#[test]
fn the_layout_is_two_space_indentation_in_a_fixed_order_without_defaults() {
    let mut ws = small_workspace("{\"Version\": \"2012-10-17\", \"Statement\": []}");
    ws.name = Some("Layout".to_owned());
    ws.groups.push(Group {
        name: "devs".to_owned(),
        path: "/".to_owned(),
        managed_policies: vec!["P".to_owned()],
        inline_policies: Vec::new(),
    });
    ws.users.push(User {
        name: "ana".to_owned(),
        path: "/staff/".to_owned(),
        groups: vec!["devs".to_owned()],
        tags: vec![("team".to_owned(), "red".to_owned())],
        ..User::default()
    });
    let mut context = ContextKeys::new();
    context.insert("aws:MultiFactorAuthPresent", false);
    ws.requests.push(RequestSpec {
        name: None,
        principal: PrincipalSpec::RoleSession {
            role: "ops".to_owned(),
            session: "s".to_owned(),
        },
        action: "s3:GetObject".to_owned(),
        resource: "*".to_owned(),
        resource_account: None,
        context,
        session_policy: None,
        policies: None,
        vpc_endpoint: None,
        expect: Some(Expectation {
            decision: Decision::ImplicitDeny,
            deciding: Some(Vec::new()),
            blocked_by: None,
        }),
        reference: None,
    });
    let expected = r#"{
  "format": "iamplay-workspace",
  "version": 1,
  "name": "Layout",
  "account": "111122223333",
  "policies": [
    {
      "name": "P",
      "document": {"Version": "2012-10-17", "Statement": []}
    }
  ],
  "groups": [
    {
      "name": "devs",
      "managedPolicies": ["P"]
    }
  ],
  "users": [
    {
      "name": "ana",
      "path": "/staff/",
      "groups": ["devs"],
      "tags": {"team": "red"}
    }
  ],
  "requests": [
    {
      "principal": {"role": "ops", "session": "s"},
      "action": "s3:GetObject",
      "context": {"aws:MultiFactorAuthPresent": false},
      "expect": {"decision": "ImplicitDeny", "deciding": []}
    }
  ]
}
"#;
    assert_eq!(assert_round_trip(&ws), expected);
}

#[test]
fn a_document_that_does_not_sit_at_its_place_is_written_as_a_string() {
    // Text as typed in the editor, at column 0: verbatim it would not sit
    // under its key, and re-indenting it would change the text.
    let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}";
    let ws = small_workspace(text);
    let written = assert_round_trip(&ws);
    assert!(
        written
            .contains(r#""document": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}""#),
        "{written}"
    );
    // Formatting re-indents it and writes an object.
    let formatted = format_workspace(&ws);
    assert!(
        formatted.contains(
            "\"document\": {\n        \"Version\": \"2012-10-17\",\n        \"Statement\": []\n      }"
        ),
        "{formatted}"
    );
    assert_formats(&ws);
}

#[test]
fn documents_that_are_not_one_object_stay_strings() {
    for text in [
        "",
        "not json",
        "{\"Version\": \"2012-10-17\"",
        "[{\"Effect\": \"Allow\"}]",
        "{\"a\": 1} trailing",
        "{\"Statement\": []}\n",
    ] {
        let ws = small_workspace(text);
        let written = assert_round_trip(&ws);
        let back = load(&written);
        assert_eq!(
            back.policies.first().map(|p| p.document.file_offset),
            Some(None)
        );
        assert_formats(&ws);
    }
}

#[test]
fn strings_with_quotes_backslashes_control_and_non_bmp_characters_round_trip() {
    let nasty = "q\"b\\s/\u{0}\u{1f}\u{7f}\t\r\n é \u{2028} 😀 \u{10ffff}";
    let mut ws = small_workspace(&format!("{{\"Sid\": {:?}}}", "x"));
    ws.name = Some(nasty.to_owned());
    ws.description = Some(nasty.repeat(3));
    ws.users.push(User {
        name: nasty.to_owned(),
        path: "/".to_owned(),
        tags: vec![(nasty.to_owned(), nasty.to_owned())],
        ..User::default()
    });
    ws.policies.push(ManagedPolicy {
        name: "Q".to_owned(),
        path: "/".to_owned(),
        description: None,
        document: Document::new(nasty),
    });
    let written = assert_round_trip(&ws);
    assert!(
        written.contains(r#"q\"b\\s/\u0000\u001f\u007f\t\r\n é"#),
        "{written}"
    );
    assert!(written.contains('😀'));
}

#[test]
fn principals_of_every_kind_round_trip() {
    let principals = vec![
        PrincipalSpec::User {
            name: "arn:not-a-user-name".to_owned(),
            groups: None,
        },
        PrincipalSpec::User {
            name: "*".to_owned(),
            groups: None,
        },
        PrincipalSpec::User {
            name: "ana".to_owned(),
            groups: Some(Vec::new()),
        },
        PrincipalSpec::Other(Principal::user("444455556666", "bob")),
        PrincipalSpec::Other(Principal::role_session("444455556666", "ops", "s1")),
        PrincipalSpec::Other(Principal::FederatedUser {
            account: "444455556666".to_owned(),
            name: "fed".to_owned(),
        }),
        PrincipalSpec::Other(Principal::Root {
            account: "444455556666".to_owned(),
        }),
        PrincipalSpec::Other(Principal::Root {
            account: "odd:account".to_owned(),
        }),
        PrincipalSpec::Other(Principal::Service {
            name: "not a service name".to_owned(),
        }),
        PrincipalSpec::Other(Principal::Anonymous),
    ];
    let mut ws = Workspace::new();
    for principal in principals {
        ws.requests.push(RequestSpec {
            name: None,
            principal,
            action: "s3:GetObject".to_owned(),
            resource: "arn:aws:s3:::b/k".to_owned(),
            resource_account: Some("555566667777".to_owned()),
            context: ContextKeys::new(),
            session_policy: None,
            policies: None,
            vpc_endpoint: None,
            expect: None,
            reference: None,
        });
    }
    assert_round_trip(&ws);
}

// ---- random workspaces ----

/// Text with the characters that need care: quotes, backslashes, control
/// characters, line separators and characters outside the BMP.
fn text() -> impl Strategy<Value = String> {
    let tricky = select(vec![
        '"', '\\', '/', '\n', '\r', '\t', '\u{0}', '\u{1b}', '\u{7f}', '\u{2028}', '😀', '{', '}',
        ' ',
    ]);
    prop::collection::vec(
        prop_oneof![
            any::<char>(),
            tricky,
            "[a-z]".prop_map(|s| s.chars().next().unwrap_or('a'))
        ],
        0..10,
    )
    .prop_map(String::from_iter)
}

/// Unique, non-blank names: the loader rejects blank and repeated names.
fn names(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..max).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, s)| format!("{i}:{s}"))
            .collect()
    })
}

fn json_value(depth: u32) -> BoxedStrategy<serde_json::Value> {
    let leaf = prop_oneof![
        text().prop_map(serde_json::Value::from),
        any::<bool>().prop_map(serde_json::Value::from),
        (-1000i64..1000).prop_map(serde_json::Value::from),
    ];
    if depth == 0 {
        return leaf.boxed();
    }
    prop_oneof![
        leaf,
        prop::collection::vec(json_value(depth - 1), 0..3).prop_map(serde_json::Value::from),
        prop::collection::btree_map(text(), json_value(depth - 1), 0..3)
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
    ]
    .boxed()
}

/// Document texts: any text, one-line objects, pretty objects at column 0
/// (with and without a trailing newline, with CRLF or tabs).
fn document() -> impl Strategy<Value = Document> {
    let object = || {
        prop::collection::btree_map(text(), json_value(2), 0..4)
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect()))
    };
    prop_oneof![
        text(),
        object().prop_map(|v| serde_json::to_string(&v).unwrap_or_default()),
        (object(), 0..4u8).prop_map(|(v, style)| {
            let pretty = serde_json::to_string_pretty(&v).unwrap_or_default();
            match style {
                0 => pretty,
                1 => pretty + "\n",
                2 => pretty.replace('\n', "\r\n"),
                _ => pretty.replace("  ", "\t"),
            }
        }),
    ]
    .prop_map(Document::new)
}

fn managed_policies() -> impl Strategy<Value = Vec<ManagedPolicy>> {
    names(3).prop_flat_map(|names| {
        let n = names.len();
        (
            Just(names),
            prop::collection::vec(
                (
                    prop_oneof![Just("/".to_owned()), text()],
                    proptest::option::of(text()),
                    document(),
                ),
                n,
            ),
        )
            .prop_map(|(names, rest)| {
                names
                    .into_iter()
                    .zip(rest)
                    .map(|(name, (path, description, document))| ManagedPolicy {
                        name,
                        path,
                        description,
                        document,
                    })
                    .collect()
            })
    })
}

fn inline_policies() -> impl Strategy<Value = Vec<InlinePolicy>> {
    prop::collection::vec((text(), document()), 0..2).prop_map(|v| {
        v.into_iter()
            .map(|(name, document)| InlinePolicy {
                name: format!("inline {name}"),
                document,
            })
            .collect()
    })
}

fn strings(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..max)
}

fn path() -> impl Strategy<Value = String> {
    prop_oneof![Just("/".to_owned()), Just("/a/b/".to_owned()), text()]
}

/// Entities with the same fields as users (groups and roles take a part).
type EntityParts = (
    String,
    Vec<String>,
    Vec<InlinePolicy>,
    Option<String>,
    Vec<(String, String)>,
    Option<String>,
    Option<String>,
);

fn entity_parts() -> impl Strategy<Value = EntityParts> {
    (
        path(),
        strings(3),
        inline_policies(),
        proptest::option::of(text()),
        prop::collection::vec((text(), text()), 0..3),
        proptest::option::of(text()),
        proptest::option::of(text()),
    )
}

fn groups() -> impl Strategy<Value = Vec<Group>> {
    names(3).prop_flat_map(|names| {
        let n = names.len();
        (Just(names), prop::collection::vec(entity_parts(), n)).prop_map(|(names, parts)| {
            names
                .into_iter()
                .zip(parts)
                .map(
                    |(name, (path, managed_policies, inline_policies, ..))| Group {
                        name,
                        path,
                        managed_policies,
                        inline_policies,
                    },
                )
                .collect()
        })
    })
}

fn users() -> impl Strategy<Value = Vec<User>> {
    names(3).prop_flat_map(|names| {
        let n = names.len();
        (
            Just(names),
            prop::collection::vec((entity_parts(), strings(3)), n),
        )
            .prop_map(|(names, parts)| {
                names
                    .into_iter()
                    .zip(parts)
                    .map(
                        |(name, ((path, managed, inline, boundary, tags, id, account), groups))| {
                            User {
                                name,
                                path,
                                account,
                                groups,
                                managed_policies: managed,
                                inline_policies: inline,
                                permissions_boundary: boundary,
                                tags,
                                id,
                            }
                        },
                    )
                    .collect()
            })
    })
}

fn roles() -> impl Strategy<Value = Vec<Role>> {
    names(3).prop_flat_map(|names| {
        let n = names.len();
        (
            Just(names),
            prop::collection::vec((entity_parts(), proptest::option::of(document())), n),
        )
            .prop_map(|(names, parts)| {
                names
                    .into_iter()
                    .zip(parts)
                    .map(
                        |(name, ((path, managed, inline, boundary, tags, id, account), trust))| {
                            Role {
                                name,
                                path,
                                account,
                                managed_policies: managed,
                                inline_policies: inline,
                                permissions_boundary: boundary,
                                trust_policy: trust,
                                tags,
                                id,
                            }
                        },
                    )
                    .collect()
            })
    })
}

fn organization() -> impl Strategy<Value = Option<Organization>> {
    let level = (text(), strings(2), strings(2)).prop_map(|(name, scps, rcps)| OrgLevelSpec {
        name: format!("level {name}"),
        scps,
        rcps,
    });
    proptest::option::of(
        (
            strings(3),
            proptest::option::of(text()),
            managed_policies(),
            prop::collection::vec(level, 0..3),
        )
            .prop_map(
                |(accounts, management_account, policies, levels)| Organization {
                    accounts,
                    management_account,
                    policies,
                    levels,
                },
            ),
    )
}

fn resources() -> impl Strategy<Value = Vec<Resource>> {
    let resource = (
        proptest::option::of(text()),
        prop::collection::vec(text(), 1..3),
        proptest::option::of(text()),
        document(),
        any::<bool>(),
    )
        .prop_map(|(name, arns, account, policy, policy_required)| Resource {
            name,
            arns,
            account,
            policy,
            policy_required,
        });
    prop::collection::vec(resource, 0..3)
}

fn scalar() -> impl Strategy<Value = Scalar> {
    prop_oneof![
        any::<bool>().prop_map(Scalar::Bool),
        any::<f64>()
            .prop_filter("NaN is not a JSON number", |n| !n.is_nan())
            .prop_map(Scalar::Number),
        select(vec![0.0, -0.0, 1.0, 0.1, 1e-7, 1e300, f64::INFINITY]).prop_map(Scalar::Number),
        text().prop_map(Scalar::String),
    ]
}

fn context() -> impl Strategy<Value = ContextKeys> {
    let value = prop_oneof![
        scalar().prop_map(ContextValue::Single),
        prop::collection::vec(scalar(), 0..3).prop_map(ContextValue::List),
    ];
    prop::collection::vec((text(), value), 0..4).prop_map(|entries| {
        entries
            .into_iter()
            .enumerate()
            .map(|(i, (k, v))| (format!("{i}:{k}"), v))
            .collect()
    })
}

fn principal() -> impl Strategy<Value = PrincipalSpec> {
    let account = "[0-9]{12}";
    let name = "[A-Za-z0-9+=,.@_-]{1,12}";
    prop_oneof![
        (text(), proptest::option::of(strings(3)))
            .prop_map(|(name, groups)| PrincipalSpec::User { name, groups }),
        (text(), text()).prop_map(|(role, session)| PrincipalSpec::RoleSession { role, session }),
        (account, name).prop_map(|(a, n)| PrincipalSpec::Other(Principal::user(&a, &n))),
        (account, name, name)
            .prop_map(|(a, r, s)| PrincipalSpec::Other(Principal::role_session(&a, &r, &s))),
        (account, name).prop_map(|(account, name)| PrincipalSpec::Other(
            Principal::FederatedUser { account, name }
        )),
        text().prop_map(|account| PrincipalSpec::Other(Principal::Root { account })),
        text().prop_map(|name| PrincipalSpec::Other(Principal::Service { name })),
        Just(PrincipalSpec::Other(Principal::Anonymous)),
    ]
}

fn custom_policies() -> impl Strategy<Value = Option<CustomPolicies>> {
    let levels = || prop::collection::vec(prop::collection::vec(document(), 0..2), 0..2);
    proptest::option::of(
        (
            prop::collection::vec(document(), 0..2),
            proptest::option::of(document()),
            proptest::option::of(document()),
            levels(),
            levels(),
        )
            .prop_map(|(identity, permissions_boundary, resource, scps, rcps)| {
                CustomPolicies {
                    identity,
                    permissions_boundary,
                    resource,
                    scps,
                    rcps,
                }
            }),
    )
}

fn expectation() -> impl Strategy<Value = Option<Expectation>> {
    proptest::option::of(
        (
            select(vec![
                Decision::Allowed,
                Decision::ExplicitDeny,
                Decision::ImplicitDeny,
            ]),
            proptest::option::of(strings(3)),
            proptest::option::of(text()),
        )
            .prop_map(|(decision, deciding, blocked_by)| Expectation {
                decision,
                deciding,
                blocked_by,
            }),
    )
}

fn requests() -> impl Strategy<Value = Vec<RequestSpec>> {
    let request = (
        (
            proptest::option::of(text()),
            principal(),
            text(),
            prop_oneof![Just("*".to_owned()), text()],
            proptest::option::of(text()),
        ),
        (
            context(),
            proptest::option::of(document()),
            custom_policies(),
            expectation(),
            proptest::option::of(text()),
            proptest::option::of(text()),
        ),
    )
        .prop_map(
            |(
                (name, principal, action, resource, resource_account),
                (context, session_policy, policies, expect, reference, vpc_endpoint),
            )| RequestSpec {
                name,
                principal,
                action,
                resource,
                resource_account,
                context,
                session_policy,
                policies,
                vpc_endpoint,
                expect,
                reference,
            },
        );
    prop::collection::vec(request, 0..3)
}

fn workspace() -> impl Strategy<Value = Workspace> {
    (
        (
            proptest::option::of(text()),
            proptest::option::of(text()),
            proptest::option::of(text()),
            text(),
        ),
        (managed_policies(), managed_policies(), groups(), users()),
        (roles(), organization(), resources(), requests()),
        endpoints(),
    )
        .prop_map(
            |(
                (name, description, reference, account),
                (policies, aws_managed_policies, groups, users),
                (roles, organization, resources, requests),
                endpoints,
            )| Workspace {
                name,
                description,
                reference,
                account,
                policies,
                aws_managed_policies,
                groups,
                users,
                roles,
                organization,
                resources,
                endpoints,
                requests,
            },
        )
}

fn endpoints() -> impl Strategy<Value = Vec<VpcEndpoint>> {
    let endpoint = (
        text(),
        proptest::option::of(text()),
        proptest::option::of(document()),
    )
        .prop_map(|(id, vpc, policy)| VpcEndpoint { id, vpc, policy });
    prop::collection::vec(endpoint, 0..3)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_workspaces_round_trip(ws in workspace()) {
        assert_round_trip(&ws);
    }

    #[test]
    fn random_workspaces_format_changing_only_document_whitespace(ws in workspace()) {
        assert_formats(&ws);
    }
}
