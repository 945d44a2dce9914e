//! Bad input gets an error with its line and column, never a panic:
//! YAML and JSON syntax errors, unknown intrinsic functions, references to
//! nothing, aliases (so no "billion laughs"), templates whose functions
//! would expand without bound, and requests files with mistakes.

use iamplay_core::{Code, Diagnostic};
use iamplay_import::{ImportOptions, import, with_requests};

fn errors(text: &str) -> Vec<Diagnostic> {
    match import(text, &ImportOptions::default()) {
        Ok(imported) => panic!("imported: {:?}", imported.workspace),
        Err(d) => d,
    }
}

fn first(text: &str) -> (Code, u32, u32, String) {
    let d = errors(text);
    let e = d.first().expect("an error");
    (
        e.code,
        e.loc.start.line,
        e.loc.start.column,
        e.message.clone(),
    )
}

const ROLE: &str =
    "    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n";

#[test]
fn a_yaml_syntax_error_has_its_line_and_column() {
    let text = "Resources:\n  Web:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: [web\n      Path: /\n";
    let (code, line, column, message) = first(text);
    assert_eq!(code, Code::YamlSyntax);
    assert!(message.starts_with("invalid YAML: "), "{message}");
    assert_eq!((line, column), (6, 11), "{message}");
}

#[test]
fn a_json_syntax_error_has_its_line_and_column() {
    let text = "{\n  \"Resources\": {\n    \"Web\": {\"Type\": \"AWS::IAM::Role\",}\n  }\n}\n";
    let (code, line, column, _) = first(text);
    assert_eq!(code, Code::JsonSyntax);
    assert_eq!((line, column), (3, 37));
}

#[test]
fn unknown_intrinsic_functions_are_errors_in_both_forms() {
    let text = format!("Resources:\n  Web:\n{ROLE}      RoleName: !Reff WebName\n");
    let (code, line, column, message) = first(&text);
    assert_eq!(code, Code::UnknownIntrinsic);
    assert_eq!((line, column), (6, 17));
    assert!(message.contains("`!Reff`"), "{message}");
    let json = r#"{"Resources": {"Web": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": {"Fn::Concat": ["a", "b"]}}}}}"#;
    let (code, line, column, message) = first(json);
    assert_eq!(code, Code::UnknownIntrinsic);
    assert_eq!((line, column), (1, 78));
    assert!(message.contains("`Fn::Concat`"), "{message}");
}

#[test]
fn an_unknown_tag_in_a_skipped_resource_is_still_an_error() {
    let text = "Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      VpcId: !ImportVal vpc\n";
    assert_eq!(first(text).0, Code::UnknownIntrinsic);
}

#[test]
fn a_policy_variable_in_fn_sub_needs_its_escape() {
    let text = format!(
        "Resources:\n  Web:\n{ROLE}      Policies:\n        - PolicyName: Home\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: s3:GetObject\n                Resource: !Sub 'arn:aws:s3:::b/${{aws:username}}/*'\n"
    );
    let d = errors(&text);
    let e = d.first().expect("an error");
    assert_eq!(e.code, Code::UnknownLogicalId);
    assert_eq!(e.loc.start.line, 12);
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.contains("${!aws:username}")),
        "{e:?}"
    );
}

#[test]
fn references_to_nothing_are_errors() {
    let text = format!("Resources:\n  Web:\n{ROLE}      RoleName: !Ref Missing\n");
    assert_eq!(first(&text).0, Code::UnknownLogicalId);
    let text = format!("Resources:\n  Web:\n{ROLE}      RoleName: !GetAtt Missing.Arn\n");
    assert_eq!(first(&text).0, Code::UnknownLogicalId);
    let text = format!("Resources:\n  Web:\n{ROLE}      RoleName: !If [Nope, a, b]\n");
    assert_eq!(first(&text).0, Code::UnknownLogicalId);
}

#[test]
fn conditions_that_depend_on_themselves_are_errors() {
    let text = format!(
        "Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  Web:\n{ROLE}      RoleName: !If [A, a, b]\n"
    );
    assert_eq!(first(&text).0, Code::InvalidIntrinsic);
}

#[test]
fn aliases_are_refused_so_alias_bombs_cannot_expand() {
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    text.push_str(
        "Resources:\n  Web:\n    Type: AWS::IAM::Role\n    Properties:\n      Tags: *a9\n",
    );
    let (code, line, column, _) = first(&text);
    assert_eq!(code, Code::YamlAlias);
    assert_eq!((line, column), (2, 10));
}

#[test]
fn names_built_from_names_are_bounded() {
    // Each role's name is the previous name twice: 2^60 bytes if expanded.
    let mut text = String::from(
        "Resources:\n  R0:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: x\n",
    );
    for i in 1..60 {
        let p = i - 1;
        text.push_str(&format!(
            "  R{i}:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !Join ['', [!Ref R{p}, !Ref R{p}]]\n"
        ));
    }
    let d = errors(&text);
    assert!(d.iter().any(|e| e.code == Code::ExpansionTooLarge), "{d:?}");
}

#[test]
fn long_chains_of_names_stop_before_the_stack_does() {
    // Each role's name is the next one's: resolving the first goes 2000 deep.
    let mut text = String::from("Resources:\n");
    for i in 0..2000 {
        let n = i + 1;
        text.push_str(&format!(
            "  R{i}:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !Sub '${{R{n}}}'\n"
        ));
    }
    text.push_str("  R2000:\n    Type: AWS::SNS::Topic\n");
    // A 1 MiB stack, as WebAssembly has by default (and a debug build's
    // frames are larger than a release build's).
    let d = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || errors(&text))
        .expect("a thread")
        .join()
        .expect("no stack overflow");
    assert!(d.iter().any(|e| e.code == Code::ExpansionTooLarge), "{d:?}");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let yaml = format!(
        "Resources: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(first(&yaml).0, Code::YamlSyntax);
    let json = format!(
        "{{\"Resources\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(first(&json).0, Code::JsonSyntax);
}

#[test]
fn duplicate_keys_and_second_documents_are_refused() {
    let text = "Resources:\n  A:\n    Type: AWS::SNS::Topic\n  A:\n    Type: AWS::SNS::Topic\n";
    let (code, line, column, _) = first(text);
    assert_eq!((code, line, column), (Code::DuplicateKey, 4, 3));
    let text = "Resources: {}\n---\nResources: {}\n";
    assert_eq!(first(text).0, Code::YamlSyntax);
}

#[test]
fn wrong_shapes_are_errors() {
    assert_eq!(first("Resources: [1]\n").0, Code::WrongType);
    assert_eq!(
        first("AWSTemplateFormatVersion: '2010-09-09'\n").0,
        Code::MissingKey
    );
    assert_eq!(
        first("Resources:\n  A:\n    Properties: {}\n").0,
        Code::MissingKey
    );
    let text = "Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: [1]\n";
    assert_eq!(first(text).0, Code::WrongType);
    let text = "Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: !Select [3, [a]]\n";
    assert_eq!(first(text).0, Code::InvalidIntrinsic);
}

#[test]
fn unknown_formats_say_what_is_read() {
    let (code, line, column, _) = first("just some text\n");
    assert_eq!((code, line, column), (Code::UnknownFormat, 1, 1));
    assert_eq!(first("{\"hello\": 1}").0, Code::UnknownFormat);
    assert_eq!(first("{\"hello\": }").0, Code::JsonSyntax);
    assert_eq!(first("").0, Code::UnknownFormat);
}

#[test]
fn a_newer_terraform_format_is_refused() {
    let text = r#"{"format_version": "2.0", "values": {"root_module": {}}}"#;
    assert_eq!(first(text).0, Code::FutureVersion);
}

#[test]
fn requests_file_errors_point_into_the_requests_file() {
    let mut ws = iamplay_core::workspace::Workspace::new();
    let text = "{\n  \"requests\": [\n    {\"principal\": \"a\", \"action\": \"s3:GetObject\"},\n    {\"principal\": \"a\", \"acton\": \"s3:GetObject\"}\n  ]\n}\n";
    let d = with_requests(&mut ws, text).expect_err("a misspelt key");
    let e = d
        .iter()
        .find(|e| e.code == Code::UnknownKey)
        .expect("unknown key");
    assert_eq!((e.loc.start.line, e.loc.start.column), (4, 24));
    assert!(ws.requests.is_empty(), "nothing is added on error");
    assert_eq!(
        with_requests(&mut ws, "{\"request\": []}").expect_err("typo")[0].code,
        Code::UnknownKey
    );
    with_requests(
        &mut ws,
        "[{\"principal\": \"a\", \"action\": \"s3:GetObject\"}]",
    )
    .expect("an array");
    assert_eq!(ws.requests.len(), 1);
}

#[test]
fn long_chains_of_conditions_stop_before_the_stack_does() {
    let mut text = String::from("Conditions:\n");
    for i in 0..5000 {
        text.push_str(&format!("  C{i}: !Condition C{}\n", i + 1));
    }
    text.push_str(
        "  C5000: !Equals [a, a]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Condition: C0\n",
    );
    let d = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || errors(&text))
        .expect("a thread")
        .join()
        .expect("no stack overflow");
    assert!(d.iter().any(|e| e.code == Code::ExpansionTooLarge), "{d:?}");
}
