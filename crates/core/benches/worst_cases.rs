//! Criterion benchmarks of the worst cases of issue 12 (`cargo xtask
//! bench`), each generated in memory by `inputs`:
//!
//! - a 32 KB policy repeating `"s3:*"` 4,000 times, parsed and linted
//!   (goal: 50 ms);
//! - a policy with 16,000 unknown condition operators, parsed with a
//!   "did you mean" for each (goal: 100 ms);
//! - a condition of 1,000 values with a policy variable against 1,000
//!   request values, authorized (goal: 10 ms);
//! - `ForAllValues:StringEquals` with 30,000 policy values against 30,000
//!   request values, authorized and evaluated (goal: 100 ms; the
//!   `worst_cases` example measures memory).
//!
//! The CLI's benchmark prints 8,000 errors as text (`crates/cli/benches`).
#![expect(
    missing_docs,
    reason = "criterion's macros generate undocumented functions"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use iamplay_core::eval::{authorize, evaluate};
use iamplay_core::response::Decision;
use iamplay_core::{Code, Engine, PolicyKind};

#[expect(dead_code, reason = "the CLI's benchmark uses the error generator")]
mod inputs;

fn repeated_wildcard(c: &mut Criterion) {
    let text = inputs::repeated_wildcard_policy(4_000);
    let problems = Engine::validate(&text, PolicyKind::Identity);
    assert!(
        problems.iter().any(|p| p.code == Code::RepeatedEntry),
        "the repeats are reported"
    );
    c.bench_function("worst case/lint 32 KB with 4,000 x s3:*", |b| {
        b.iter(|| Engine::validate(black_box(&text), PolicyKind::Identity))
    });
}

fn unknown_operators(c: &mut Criterion) {
    let text = inputs::unknown_operators_policy(16_000);
    let problems = Engine::validate(&text, PolicyKind::Identity);
    assert_eq!(
        problems
            .iter()
            .filter(|p| p.code == Code::UnknownOperator)
            .count(),
        16_000
    );
    c.bench_function("worst case/validate 16,000 unknown operators", |b| {
        b.iter(|| Engine::validate(black_box(&text), PolicyKind::Identity))
    });
}

fn variable_values(c: &mut Criterion) {
    let policy = inputs::parse(&inputs::variable_values_policy(1_000));
    let set = inputs::identity_set(&policy);
    let request = inputs::tag_keys_request(1_000);
    assert_eq!(authorize(&set, &request), Decision::ImplicitDeny);
    c.bench_function(
        "worst case/authorize 1,000 variable values x 1,000 values",
        |b| b.iter(|| authorize(black_box(&set), black_box(&request))),
    );
    c.bench_function(
        "worst case/evaluate 1,000 variable values x 1,000 values",
        |b| b.iter(|| evaluate(black_box(&set), black_box(&request))),
    );
}

fn set_values(c: &mut Criterion) {
    let policy = inputs::parse(&inputs::set_values_policy(30_000));
    let set = inputs::identity_set(&policy);
    let request = inputs::tag_keys_request(30_000);
    assert_eq!(authorize(&set, &request), Decision::Allowed);
    c.bench_function("worst case/authorize ForAllValues 30,000 x 30,000", |b| {
        b.iter(|| authorize(black_box(&set), black_box(&request)))
    });
    c.bench_function("worst case/evaluate ForAllValues 30,000 x 30,000", |b| {
        b.iter(|| evaluate(black_box(&set), black_box(&request)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    targets = repeated_wildcard, unknown_operators, variable_values, set_values
}
criterion_main!(benches);
