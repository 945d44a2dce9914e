//! Criterion benchmark of `iamplay validate`'s text output (`cargo xtask
//! bench`): the 8,000 errors of a 1.6 MB policy (one statement per line)
//! printed as the CLI prints them, through the control-character escaping
//! writer (goal: 200 ms); and the same policy minified onto one line,
//! where each finding echoes a window of the line, not the line.
#![expect(
    missing_docs,
    reason = "criterion's macros generate undocumented functions"
)]

use std::hint::black_box;
use std::io::{self, Write};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use iamplay_core::{Engine, PolicyKind};

#[path = "../src/report.rs"]
#[cfg_attr(
    test,
    expect(dead_code, reason = "the module's unit tests are not run from here")
)]
mod report;
#[path = "../src/terminal.rs"]
#[cfg_attr(
    test,
    expect(dead_code, reason = "the module's unit tests are not run from here")
)]
mod terminal;

#[path = "../../core/benches/inputs/mod.rs"]
#[expect(dead_code, reason = "this benchmark uses the error generator only")]
mod inputs;

use report::{SourceLines, print_diagnostic};
use terminal::EscapeControls;

/// Prints every problem of `text` as `iamplay validate` does, to `w`.
fn print_all(w: &mut dyn Write, text: &str, problems: &[iamplay_core::Problem]) -> io::Result<()> {
    let source = SourceLines::new(text);
    for p in problems {
        print_diagnostic(w, "policy.json", &source, &p.diagnostic())?;
    }
    Ok(())
}

fn many_errors(c: &mut Criterion) {
    let text = inputs::many_errors_policy(8_000);
    let problems = Engine::validate(&text, PolicyKind::Identity);
    assert_eq!(problems.len(), 8_000, "one error per statement");
    c.bench_function("worst case/print 8,000 errors as text", |b| {
        b.iter(|| {
            let mut w = EscapeControls::new(io::sink());
            print_all(&mut w, black_box(&text), &problems)
        })
    });
    let one_line: String = text.lines().map(str::trim).collect();
    let problems = Engine::validate(&one_line, PolicyKind::Identity);
    assert_eq!(problems.len(), 8_000, "one error per statement");
    let mut printed = Vec::new();
    print_all(&mut printed, &one_line, &problems).expect("a Vec takes everything");
    assert!(
        printed.len() < 8_000 * 500,
        "a window of the line per finding: {} bytes",
        printed.len()
    );
    c.bench_function("worst case/print 8,000 errors on one line as text", |b| {
        b.iter(|| {
            let mut w = EscapeControls::new(io::sink());
            print_all(&mut w, black_box(&one_line), &problems)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    targets = many_errors
}
criterion_main!(benches);
