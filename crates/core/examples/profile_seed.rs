//! Decides every seed request many times through the engine, for
//! profiling with callgrind:
//! `valgrind --tool=callgrind target/release/examples/profile_seed 10000 [ROW [evaluate|verdict]]`
//! (every row, or row ROW from 1; the decision alone, the full explanation,
//! or the verdict without the trace).

use iamplay_core::Engine;
use iamplay_core::workspace::{AwsManagedPolicy, ManagedPolicySource};

const SEED: &str = include_str!("../../../examples/force-mfa.json");
const EC2_FULL: &str = include_str!("../../../examples/seed/AmazonEC2FullAccess.policy.json");

/// The one AWS managed policy the seed attaches.
struct SeedCatalog;

impl ManagedPolicySource for SeedCatalog {
    fn aws_managed_policy(&self, name_or_arn: &str) -> Option<AwsManagedPolicy> {
        name_or_arn
            .ends_with("AmazonEC2FullAccess")
            .then(|| AwsManagedPolicy {
                name: "AmazonEC2FullAccess".to_owned(),
                arn: "arn:aws:iam::aws:policy/AmazonEC2FullAccess".to_owned(),
                version_id: "v5".to_owned(),
                document: EC2_FULL.to_owned(),
            })
    }
}

fn main() {
    let Ok(engine) = Engine::load(SEED, Box::new(SeedCatalog)) else {
        std::process::exit(1);
    };
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let row: Option<usize> = std::env::args().nth(2).and_then(|a| a.parse().ok());
    let rows: Vec<usize> = match row {
        Some(r) => vec![r - 1],
        None => (0..engine.workspace().requests.len()).collect(),
    };
    let mode = std::env::args().nth(3).unwrap_or_default();
    let mut allowed = 0;
    for _ in 0..n {
        for &i in &rows {
            let decision = match mode.as_str() {
                "evaluate" => engine.evaluate_saved(i).map(|r| r.decision),
                "verdict" => engine.verdict_saved(i).map(|v| v.decision),
                _ => engine.authorize_saved(i),
            };
            if decision == Ok(iamplay_core::response::Decision::Allowed) {
                allowed += 1;
            }
        }
    }
    println!("{allowed} allowed");
}
