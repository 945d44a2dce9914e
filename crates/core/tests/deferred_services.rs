//! AWS's service data installed after the engine was made, as the web app
//! does once its first decision is on screen: until then no finding that
//! needs the data (rather than every action called unknown), then
//! `Engine::relint` gives them. Its own test binary: it tells the catalog
//! to wait for an install before anything looks the data up.

use iamplay_core::workspace::{NoManagedPolicies, PrincipalSpec, RequestSpec};
use iamplay_core::{Code, Engine, Problem};

const SEED: &str = include_str!("../../../examples/force-mfa.json");
const SERVICES: &str = include_str!("../../catalog/data/services.txt");

/// The codes of findings that need the service data.
const CATALOG_CODES: [Code; 3] = [
    Code::ResourceNeverMatches,
    Code::UnknownAction,
    Code::UnknownService,
];

fn catalog_findings(problems: &[Problem]) -> Vec<Code> {
    problems
        .iter()
        .map(|p| p.code)
        .filter(|c| CATALOG_CODES.contains(c))
        .collect()
}

#[test]
fn findings_that_need_service_data_wait_for_it_then_relint_gives_them() {
    assert!(
        iamplay_catalog::load_services_later(),
        "nothing looked the service data up before this test"
    );
    let mut engine = Engine::load(SEED, Box::new(NoManagedPolicies)).expect("the seed loads");
    let misspelt = RequestSpec::new(
        PrincipalSpec::user("mfa-user-1"),
        "ec2:DescribeInstancess",
        "*",
    );

    assert_eq!(catalog_findings(&engine.diagnostics()), [] as [Code; 0]);
    let response = engine.evaluate(&misspelt).expect("resolves");
    assert_eq!(
        catalog_findings(&response.request_findings),
        [] as [Code; 0]
    );

    iamplay_catalog::install_services(SERVICES).expect("the data parses");
    // The request's findings are worked out per request: there at once.
    let response = engine.evaluate(&misspelt).expect("resolves");
    assert_eq!(
        catalog_findings(&response.request_findings),
        [Code::UnknownAction]
    );
    // The documents' findings come with the next lint.
    let parses = engine.parse_count();
    engine.relint();
    assert!(engine.parse_count() > parses);
    assert_eq!(
        catalog_findings(&engine.diagnostics()),
        [Code::ResourceNeverMatches; 3],
        "the seed's Force_MFA: iam:ListUsers and friends never match `user/...`"
    );
}
