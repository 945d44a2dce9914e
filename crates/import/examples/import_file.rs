//! Imports a file and prints the workspace and the notes:
//! `cargo run -p iamplay-import --example import_file -- FILE [ACCOUNT]`.

use iamplay_core::workspace::format_workspace;
use iamplay_import::{ImportOptions, import};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: import_file FILE [ACCOUNT]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let options = ImportOptions {
        file_name: Some(path.clone()),
        account: args.next(),
        ..ImportOptions::default()
    };
    match import(&text, &options) {
        Ok(imported) => {
            println!("{}", format_workspace(&imported.workspace));
            for n in &imported.skipped {
                eprintln!("skipped: {n}");
            }
            for n in &imported.placeholders {
                eprintln!("placeholder: {n}");
            }
        }
        Err(diagnostics) => {
            for d in diagnostics {
                eprintln!("{path}:{d}");
            }
            std::process::exit(1);
        }
    }
}
