//! The one sentence that says why a request got its decision.

use crate::request::Request;
use crate::response::{Blocked, Decision, StatementRef};

fn list(refs: &[StatementRef]) -> String {
    let labels: Vec<String> = refs.iter().map(StatementRef::label).collect();
    match labels.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// e.g. "Explicitly denied by Force_MFA › DoNotAllow... — it overrides the
/// Allow in AmazonEC2FullAccess › statement 1".
pub(crate) fn sentence(
    decision: Decision,
    deciding: &[StatementRef],
    overridden: &[StatementRef],
    blocked: Option<&Blocked>,
    request: &Request,
) -> String {
    match decision {
        Decision::ExplicitDeny => {
            let mut s = format!("Explicitly denied by {}", list(deciding));
            if !overridden.is_empty() {
                let noun = if overridden.len() == 1 {
                    "the Allow"
                } else {
                    "the Allows"
                };
                let verb = if deciding.len() == 1 {
                    "it overrides"
                } else {
                    "they override"
                };
                s.push_str(&format!(" — {verb} {noun} in {}", list(overridden)));
            }
            s
        }
        Decision::Allowed => format!("Allowed by {}", list(deciding)),
        Decision::ImplicitDeny => {
            let what = format!("`{}` on `{}`", request.action, request.resource);
            match blocked {
                Some(b) => format!(
                    "Implicitly denied: {} ({} for {what})",
                    b.reason,
                    b.policy_type.describe()
                ),
                None => format!("Implicitly denied: no policy allows {what}"),
            }
        }
    }
}
