//! Service data installed at run time, as the web app does once its first
//! decision is on screen. Its own test binary: it tells the catalog to
//! wait for an install before anything looks the data up.

use iamplay_catalog::{has_services, install_services, load_services_later, services};

const TEXT: &str = include_str!("../data/services.txt");

#[test]
fn nothing_until_installed_then_the_installed_data() {
    assert!(load_services_later(), "nothing looked the data up before");
    assert!(!has_services());
    assert!(services().is_none());

    assert!(install_services("not a catalog").is_err());
    assert!(!has_services(), "a failed install installs nothing");

    install_services(TEXT).expect("the data file parses");
    let catalog = services().expect("installed");
    assert_eq!(
        catalog
            .action("ec2:describeinstances")
            .map(|a| a.to_string()),
        Some("ec2:DescribeInstances".to_owned())
    );

    // Installing again changes nothing, even with other text.
    install_services("not a catalog").expect("already installed");
    assert!(std::ptr::eq(services().expect("still installed"), catalog));
}
