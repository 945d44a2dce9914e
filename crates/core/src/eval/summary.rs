//! The one sentence that says why a request got its decision.

use crate::request::Request;
use crate::response::{Blocked, Decision, StatementRef};

/// Appends the labels of `refs` to `out`: "A", "A and B", "A, B and C".
fn list(out: &mut String, refs: &[StatementRef]) {
    for (i, r) in refs.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == refs.len() { " and " } else { ", " });
        }
        r.write_label(out);
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
    let mut s = String::with_capacity(160);
    match decision {
        Decision::ExplicitDeny => {
            s.push_str("Explicitly denied by ");
            list(&mut s, deciding);
            if !overridden.is_empty() {
                s.push_str(if deciding.len() == 1 {
                    " — it overrides "
                } else {
                    " — they override "
                });
                s.push_str(if overridden.len() == 1 {
                    "the Allow in "
                } else {
                    "the Allows in "
                });
                list(&mut s, overridden);
            }
        }
        Decision::Allowed => {
            s.push_str("Allowed by ");
            list(&mut s, deciding);
        }
        Decision::ImplicitDeny => {
            s.push_str("Implicitly denied: ");
            let what = |s: &mut String| {
                for part in ["`", &request.action, "` on `", &request.resource, "`"] {
                    s.push_str(part);
                }
            };
            match blocked {
                Some(b) => {
                    s.push_str(&b.reason);
                    s.push_str(" (");
                    s.push_str(b.policy_type.describe());
                    s.push_str(" for ");
                    what(&mut s);
                    s.push(')');
                }
                None => {
                    s.push_str("no policy allows ");
                    what(&mut s);
                }
            }
        }
    }
    s
}
