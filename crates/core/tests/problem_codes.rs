//! `docs/problem-codes.md` lists every problem code with its meaning, as
//! `iamplay_core::code::markdown_table` writes it: the page cannot drift
//! from the enum. `UPDATE_DOCS=1 cargo test -p iamplay-core --test
//! problem_codes` writes the table into the page.

use std::path::PathBuf;

const BEGIN: &str = "<!-- codes: begin (generated from crates/core/src/code.rs) -->\n";
const END: &str = "<!-- codes: end -->";

#[test]
fn the_page_lists_every_code() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/problem-codes.md");
    let page = std::fs::read_to_string(&path).expect("docs/problem-codes.md is readable");
    let (Some(begin), Some(end)) = (page.find(BEGIN), page.find(END)) else {
        panic!("docs/problem-codes.md has no generated section");
    };
    let table = iamplay_core::code::markdown_table();
    let current = &page[begin + BEGIN.len()..end];
    if current != table {
        if std::env::var_os("UPDATE_DOCS").is_some() {
            let updated = format!("{}{table}{}", &page[..begin + BEGIN.len()], &page[end..]);
            std::fs::write(&path, updated).expect("docs/problem-codes.md is writable");
        } else {
            panic!(
                "docs/problem-codes.md is out of date with crates/core/src/code.rs; \
                 run `UPDATE_DOCS=1 cargo test -p iamplay-core --test problem_codes`"
            );
        }
    }
}
