//! Replays every committed fuzz input (`tests/fuzz/TARGET/*`) through its
//! target: the seeds and every crash or slow input a fuzzing run found.

use std::path::{Path, PathBuf};

fn inputs_of(target: &str) -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_target_has_a_folder_with_a_seed() {
    for target in iamplay_fuzz::TARGETS {
        let inputs = inputs_of(target.name);
        assert!(
            inputs.iter().any(|p| p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("seed"))),
            "tests/fuzz/{} has no seed input",
            target.name
        );
    }
}

#[test]
fn every_committed_input_passes_its_target() {
    for target in iamplay_fuzz::TARGETS {
        for path in inputs_of(target.name) {
            let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            eprintln!("replaying {}", path.display());
            (target.check)(&data);
        }
    }
}
