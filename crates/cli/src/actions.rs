//! The actions `iamplay diff` decides: patterns expanded through the AWS
//! catalog, or by default every action the workspaces' policies name.

use std::collections::BTreeSet;

use iamplay_core::Engine;
use iamplay_core::policy::Polarity;

/// The actions `patterns` name, expanded through the catalog, sorted
/// and each once. A name without wildcards the catalog lacks is kept as
/// written (it can still be decided); `Err` names a pattern with a
/// wildcard that matches no action.
pub fn expand(patterns: &[String]) -> Result<Vec<String>, String> {
    let mut out = BTreeSet::new();
    for pattern in patterns {
        let found = expand_one(pattern);
        if found.is_empty() {
            if is_pattern(pattern) {
                return Err(format!("`{pattern}` matches no action in the catalog"));
            }
            out.insert(pattern.clone());
        }
        out.extend(found);
    }
    Ok(out.into_iter().collect())
}

/// Every action named in an `Action` element of the policies of
/// `engines`, expanded; patterns that match nothing are left out.
pub fn named_by(engines: &[&Engine]) -> Vec<String> {
    let mut patterns = BTreeSet::new();
    for engine in engines {
        for document in engine.documents() {
            let Some(policy) = &document.policy else {
                continue;
            };
            for statement in &policy.statements {
                if statement.action.polarity == Polarity::Positive {
                    patterns.extend(statement.action.entries.iter().map(|e| e.value.clone()));
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    for pattern in patterns {
        let found = expand_one(&pattern);
        if found.is_empty() && !is_pattern(&pattern) {
            out.insert(pattern);
        }
        out.extend(found);
    }
    out.into_iter().collect()
}

fn expand_one(pattern: &str) -> Vec<String> {
    iamplay_catalog::catalog()
        .expand_action_pattern(pattern)
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn is_pattern(text: &str) -> bool {
    text.contains(['*', '?'])
}
