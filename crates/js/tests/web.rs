//! The JavaScript API in a real browser: `cargo xtask test` runs these with
//! `wasm-bindgen-test-runner` in headless Chromium. They call the exported
//! functions with JavaScript values, as a page would, and read the results
//! as a page would.

#![cfg(target_arch = "wasm32")]

use iamplay_js::{Workspace, evaluate, expand_action, explain, has_catalog, validate, version};
use js_sys::{Array, JSON, JsString, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// JSON text as a plain JavaScript value.
fn parse(text: &str) -> JsValue {
    JSON::parse(text).expect("valid JSON")
}

/// The seed scenario, with the AWS managed policy it attaches carried in
/// it (this build has no catalog).
fn seed_workspace() -> JsValue {
    let workspace = parse(include_str!("../../../examples/force-mfa.json"));
    let policy = Object::new();
    set(&policy, "name", "AmazonEC2FullAccess".into());
    set(
        &policy,
        "document",
        include_str!("../../../examples/seed/AmazonEC2FullAccess.policy.json").into(),
    );
    set(&workspace, "awsManagedPolicies", Array::of1(&policy).into());
    workspace
}

/// Sets `object[key]`.
fn set(object: &JsValue, key: &str, value: JsValue) {
    Reflect::set(object, &key.into(), &value).expect("set a property");
}

/// The value at a dotted path such as `problems.0.line`.
fn at(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |value, key| {
        Reflect::get(&value, &key.into()).unwrap_or(JsValue::UNDEFINED)
    })
}

/// The string at `path`, if it is one.
fn text(value: &JsValue, path: &str) -> Option<String> {
    at(value, path).as_string()
}

/// The number at `path`, if it is one.
fn number(value: &JsValue, path: &str) -> Option<f64> {
    at(value, path).as_f64()
}

/// The length of the array at `path`.
fn length(value: &JsValue, path: &str) -> Option<u32> {
    at(value, path).dyn_into::<Array>().ok().map(|a| a.length())
}

/// A value as JSON text, for failure messages.
/// The problems at `path` that are errors. The seed has warnings when
/// the core is built with the catalog (as it is when this crate is tested
/// together with the app), and none without.
fn errors(value: &JsValue, path: &str) -> usize {
    at(value, path)
        .dyn_into::<Array>()
        .map(|problems| {
            problems
                .iter()
                .filter(|p| text(p, "severity").as_deref() == Some("error"))
                .count()
        })
        .unwrap_or(usize::MAX)
}

fn show(value: &JsValue) -> String {
    JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

/// Checks that a result is a failure with an error, that every problem
/// has a message and a position, and that some problem has `code`, if
/// given.
fn assert_failure(result: &JsValue, code: Option<&str>) {
    assert_eq!(at(result, "ok"), JsValue::FALSE, "{}", show(result));
    let problems: Array = at(result, "problems").dyn_into().expect("problems");
    assert!(problems.length() > 0, "{}", show(result));
    assert!(
        problems
            .iter()
            .any(|p| text(&p, "severity").as_deref() == Some("error")),
        "no error in {}",
        show(result)
    );
    for problem in problems.iter() {
        for key in ["line", "column", "end_line", "end_column"] {
            assert!(
                number(&problem, key).is_some_and(|n| n >= 1.0 && n.fract() == 0.0),
                "{}",
                show(&problem)
            );
        }
        assert!(text(&problem, "message").is_some_and(|m| !m.is_empty()));
    }
    if let Some(code) = code {
        assert!(
            problems
                .iter()
                .any(|p| text(&p, "code").as_deref() == Some(code)),
            "no `{code}` in {}",
            show(result)
        );
    }
}

#[wasm_bindgen_test]
fn results_are_plain_objects_and_arrays() {
    let result = validate("{}".into(), None);
    let object = result.dyn_ref::<Object>().expect("an object");
    assert_eq!(
        Object::get_prototype_of(object),
        Object::get_prototype_of(&Object::new())
    );
    assert!(Array::is_array(&at(&result, "problems")));
    // A missing optional value is `null`, not `undefined`.
    let row = evaluate(seed_workspace(), 0.into());
    assert!(at(&row, "blocked_by").is_null(), "{}", show(&row));
}

// The seed scenario, rows 1 and 2 (shared/scenarios/README.md): the
// Force_MFA Deny applies without MFA; with MFA, AmazonEC2FullAccess allows.
#[wasm_bindgen_test]
fn evaluates_the_seed_scenario_rows_one_and_two() {
    let row1 = evaluate(seed_workspace(), 0.into());
    assert_eq!(at(&row1, "ok"), JsValue::TRUE, "{}", show(&row1));
    assert_eq!(text(&row1, "decision").as_deref(), Some("ExplicitDeny"));
    assert_eq!(
        text(&row1, "deciding.0.sid").as_deref(),
        Some("DoNotAllowAnythingOtherThanAboveUnlessMFAd")
    );
    assert_eq!(errors(&row1, "problems"), 0, "{}", show(&row1));
    let row2 = evaluate(seed_workspace(), 1.into());
    assert_eq!(text(&row2, "decision").as_deref(), Some("Allowed"));
    assert_eq!(
        text(&row2, "deciding.0.policy_name").as_deref(),
        Some("AmazonEC2FullAccess")
    );
    assert_eq!(number(&row2, "deciding.0.statement"), Some(0.0));
}

// Seed row 4: users change their own password without MFA through the
// `${aws:username}` variable (reference_policies_variables.md).
#[wasm_bindgen_test]
fn explains_with_every_statement_traced() {
    let request = parse(
        r#"{
            "principal": "mfa-user-1",
            "action": "iam:ChangePassword",
            "resource": "arn:aws:iam::111122223333:user/mfa-user-1",
            "context": { "aws:MultiFactorAuthPresent": false }
        }"#,
    );
    let result = explain(seed_workspace(), request);
    assert_eq!(at(&result, "ok"), JsValue::TRUE, "{}", show(&result));
    assert_eq!(
        text(&result, "response.decision").as_deref(),
        Some("Allowed")
    );
    let policies: Array = at(&result, "response.policies")
        .dyn_into()
        .expect("policies");
    let force_mfa = policies
        .iter()
        .find(|p| text(p, "name").as_deref() == Some("Force_MFA"))
        .expect("Force_MFA is consulted");
    assert_eq!(length(&force_mfa, "statements"), Some(5));
    assert_eq!(
        text(&force_mfa, "statements.1.role").as_deref(),
        Some("deciding")
    );
    assert_eq!(
        text(&force_mfa, "statements.1.resource.matched_entry.text").as_deref(),
        Some("arn:aws:iam::111122223333:user/${aws:username}")
    );
    assert!(length(&result, "response.steps").is_some_and(|n| n > 0));
}

#[wasm_bindgen_test]
fn a_broken_policy_gives_an_error_with_line_and_column() {
    let policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\", \"Conditon\": {}}]\n}";
    let result = validate(policy.into(), None);
    assert_failure(&result, Some("unknown-element"));
    assert_eq!(number(&result, "problems.0.line"), Some(3.0));
    let column = policy
        .lines()
        .nth(2)
        .and_then(|line| line.find("\"Conditon\""))
        .expect("on line 3");
    assert_eq!(
        number(&result, "problems.0.column"),
        Some((column + 1) as f64)
    );
    assert_eq!(
        text(&result, "problems.0.source").as_deref(),
        Some("policy")
    );
}

// Columns count UTF-16 code units, as JavaScript strings do: an emoji
// before the problem counts twice.
#[wasm_bindgen_test]
fn columns_count_utf16_units_like_javascript_strings() {
    let policy = JsString::from(
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"😀\", \"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\", \"Bogus\": 1}]}",
    );
    let expected = policy.index_of("\"Bogus\"", 0) + 1;
    let result = validate(policy.into(), None);
    assert_failure(&result, Some("unknown-element"));
    let problems: Array = at(&result, "problems").dyn_into().expect("problems");
    let problem = problems
        .iter()
        .find(|p| text(p, "code").as_deref() == Some("unknown-element"))
        .expect("the unknown element");
    assert_eq!(number(&problem, "column"), Some(f64::from(expected)));
}

#[wasm_bindgen_test]
fn nothing_throws_whatever_the_arguments() {
    let circular: JsValue = Object::new().into();
    set(&circular, "self", circular.clone());
    let odd: Vec<JsValue> = vec![
        JsValue::UNDEFINED,
        JsValue::NULL,
        42.into(),
        true.into(),
        js_sys::Symbol::for_("s").into(),
        js_sys::BigInt::from(10).into(),
        js_sys::Function::new_no_args("return 1").into(),
        circular.clone(),
        Array::new().into(),
        "{".into(),
    ];
    for value in &odd {
        assert_failure(&validate(value.clone(), None), None);
        assert_failure(&evaluate(value.clone(), 0.into()), None);
        assert_failure(&explain(value.clone(), 0.into()), None);
        assert_failure(&evaluate(seed_workspace(), value.clone()), None);
        assert_failure(&expand_action(value.clone()), None);
    }
    assert_failure(
        &validate("{}".into(), Some("bogus".into())),
        Some("invalid-kind"),
    );
    assert_failure(&evaluate(circular, 0.into()), Some("not-json"));
    assert_failure(
        &evaluate(seed_workspace(), 14.into()),
        Some("unknown-request"),
    );
}

#[wasm_bindgen_test]
fn expand_action_needs_the_catalog() {
    assert!(!has_catalog());
    let result = expand_action("iam:Get*".into());
    assert_failure(&result, Some("no-catalog"));
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

/// The problem with `code` in a result, if there is one.
fn problem_with(result: &JsValue, code: &str) -> Option<JsValue> {
    at(result, "problems")
        .dyn_into::<Array>()
        .ok()?
        .iter()
        .find(|p| text(p, "code").as_deref() == Some(code))
}

// The seed's rows 1 and 2 through a handle loaded once; then an edit of
// Force_MFA (its id is `managed/Force_MFA`) changes row 1's answer.
#[wasm_bindgen_test]
fn a_handle_answers_requests_and_takes_an_edit_of_one_document() {
    let mut ws = Workspace::load(seed_workspace());
    let diagnostics = ws.diagnostics();
    assert_eq!(
        at(&diagnostics, "ok"),
        JsValue::TRUE,
        "{}",
        show(&diagnostics)
    );
    assert_eq!(
        errors(&diagnostics, "problems"),
        0,
        "{}",
        show(&diagnostics)
    );
    assert_eq!(
        text(&ws.evaluate(0.into()), "decision").as_deref(),
        Some("ExplicitDeny")
    );
    assert_eq!(
        text(&ws.evaluate(1.into()), "decision").as_deref(),
        Some("Allowed")
    );
    assert_eq!(
        text(&ws.authorize(0.into()), "decision").as_deref(),
        Some("ExplicitDeny")
    );
    let documents: Array = ws.documents().dyn_into().expect("an array");
    let ids: Vec<String> = documents.iter().filter_map(|d| text(&d, "id")).collect();
    assert_eq!(
        ids,
        [
            "managed/Force_MFA",
            "aws/arn:aws:iam::aws:policy/AmazonEC2FullAccess"
        ]
    );
    assert_eq!(at(&documents.get(0), "read_only"), JsValue::FALSE);
    assert_eq!(text(&documents.get(0), "kind").as_deref(), Some("identity"));

    // Without the Deny, AmazonEC2FullAccess allows row 1 too.
    let allow_only = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*"}]}"#;
    let set = ws.set_document("managed/Force_MFA".into(), allow_only.into());
    assert_eq!(at(&set, "ok"), JsValue::TRUE, "{}", show(&set));
    assert_eq!(
        text(&ws.evaluate(0.into()), "decision").as_deref(),
        Some("Allowed")
    );

    // A text that does not parse is kept; the requests it applies to fail
    // with its problem, placed in its own text.
    let broken = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Acton\": \"s3:*\"}]}";
    let set = ws.set_document("managed/Force_MFA".into(), broken.into());
    assert_eq!(at(&set, "ok"), JsValue::TRUE, "{}", show(&set));
    let problem = problem_with(&set, "unknown-element").expect("the misspelt element");
    assert_eq!(text(&problem, "source").as_deref(), Some("document"));
    assert_eq!(
        text(&problem, "document").as_deref(),
        Some("managed/Force_MFA")
    );
    let column = broken.find("\"Acton\"").expect("in the text") + 1;
    assert_eq!(number(&problem, "column"), Some(column as f64));
    let row1 = ws.evaluate(0.into());
    assert_failure(&row1, Some("policy-has-errors"));
    assert!(
        problem_with(&row1, "unknown-element").is_some(),
        "{}",
        show(&row1)
    );
    assert_eq!(at(&ws.diagnostics(), "ok"), JsValue::FALSE);

    assert_failure(
        &ws.set_document("managed/Nope".into(), "{}".into()),
        Some("unknown-document"),
    );
    assert_failure(
        &ws.set_document(42.into(), "{}".into()),
        Some("invalid-argument"),
    );
    assert_failure(
        &ws.set_document("policy/x".into(), "{}".into()),
        Some("invalid-argument"),
    );
}

// A request given to a handle brings its own policies; their problems are
// placed in the request's text, and the workspace's are not repeated.
#[wasm_bindgen_test]
fn a_request_given_to_a_handle_lists_its_own_problems() {
    let ws = Workspace::load(seed_workspace());
    let request = "{\n  \"principal\": \"mfa-user-1\",\n  \"action\": \"s3:GetObject\",\n  \"sessionPolicy\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\", \"Bogus\": 1}]}\n}";
    let result = ws.explain(request.into());
    assert_failure(&result, Some("policy-has-errors"));
    let problem = problem_with(&result, "unknown-element").expect("the bogus element");
    assert_eq!(text(&problem, "source").as_deref(), Some("request"));
    assert_eq!(
        text(&problem, "document").as_deref(),
        Some("request/given/session")
    );
    assert_eq!(number(&problem, "line"), Some(4.0));
    let asked = ws.evaluate(parse(
        r#"{"principal": "nobody", "action": "s3:GetObject"}"#,
    ));
    assert_failure(&asked, Some("unknown-user"));
    assert_eq!(
        text(&asked, "problems.0.source").as_deref(),
        Some("request")
    );
    assert_failure(&ws.evaluate(14.into()), Some("unknown-request"));
}

#[wasm_bindgen_test]
fn a_workspace_that_does_not_load_is_reported_not_thrown() {
    let mut ws = Workspace::load("{".into());
    let diagnostics = ws.diagnostics();
    assert_failure(&diagnostics, Some("json-syntax"));
    assert_failure(&ws.evaluate(0.into()), Some("json-syntax"));
    assert_failure(&ws.explain(0.into()), Some("json-syntax"));
    assert_eq!(
        ws.documents().dyn_into::<Array>().map(|a| a.length()).ok(),
        Some(0)
    );
    assert_failure(&ws.set_document("managed/P".into(), "{}".into()), None);
    assert_failure(
        &Workspace::load(JsValue::UNDEFINED).diagnostics(),
        Some("invalid-argument"),
    );
}
