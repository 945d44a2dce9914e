//! Random mutations of the fixtures never make the import panic: each
//! gives a workspace or errors with locations inside the text.

use std::fs;
use std::path::PathBuf;

use iamplay_import::{ImportOptions, import};
use proptest::prelude::*;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/iac")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Pieces that matter to the readers: YAML indicators and tags, JSON
/// punctuation, intrinsic functions, `Fn::Sub` variables, placeholders.
const PIECES: [&str; 24] = [
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\"",
    "'",
    "\n",
    "  ",
    "- ",
    "&a ",
    "*a",
    "!Ref ",
    "!Sub ",
    "!If ",
    "Fn::Join",
    "${",
    "${!",
    "}}",
    "\u{e9}",
    "\u{1F600}",
    "#",
    "after_unknown",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, usize),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<usize>(), 0..PIECES.len()).prop_map(|(at, p)| Mutation::Insert(at, p)),
        (any::<usize>(), 0usize..200).prop_map(|(at, n)| Mutation::Duplicate(at, n)),
    ]
}

fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut out = text.to_owned();
    for m in mutations {
        match *m {
            Mutation::Delete(at, n) => {
                let start = boundary(&out, at);
                let end = boundary(&out, start + n);
                out.replace_range(start..end.max(start), "");
            }
            Mutation::Insert(at, p) => {
                let at = boundary(&out, at);
                out.insert_str(at, PIECES[p]);
            }
            Mutation::Duplicate(at, n) => {
                let start = boundary(&out, at);
                let end = boundary(&out, start + n).max(start);
                let piece = out[start..end].to_owned();
                out.insert_str(end, &piece);
            }
        }
    }
    out
}

fn check(text: &str, name: &str) {
    let options = ImportOptions {
        file_name: Some(name.to_owned()),
        ..ImportOptions::default()
    };
    match import(text, &options) {
        Ok(imported) => {
            for n in imported.skipped.iter().chain(&imported.placeholders) {
                if let Some(loc) = n.loc {
                    assert!(loc.span.end as usize <= text.len(), "{n}");
                }
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "an error without a diagnostic");
            for d in diagnostics {
                assert!(d.loc.span.start <= d.loc.span.end, "{d}");
                assert!(d.loc.span.end as usize <= text.len(), "{d}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn mutated_yaml_templates_never_panic(ms in prop::collection::vec(mutation(), 1..6)) {
        check(&apply(&fixture("reports-stack.yaml"), &ms), "reports-stack.yaml");
    }

    #[test]
    fn mutated_json_templates_never_panic(ms in prop::collection::vec(mutation(), 1..6)) {
        check(&apply(&fixture("orders-pipeline.json"), &ms), "orders-pipeline.json");
    }

    #[test]
    fn mutated_terraform_plans_never_panic(ms in prop::collection::vec(mutation(), 1..6)) {
        check(&apply(&fixture("deploy-plan.json"), &ms), "deploy-plan.json");
    }

    #[test]
    fn arbitrary_text_never_panics(text in "[\\PC\\n ]{0,300}") {
        check(&text, "x.yaml");
        check(&text, "x.json");
    }
}
