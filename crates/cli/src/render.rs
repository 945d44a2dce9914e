//! The readable explanation of one evaluated request.

use std::fmt::Write;

use iamplay_core::Loc;
use iamplay_core::request::Request;
use iamplay_core::response::{PolicyTrace, Response, StatementRole, StepOutcome};
use iamplay_core::workspace::RequestSpec;

use crate::terminal::one_line;

fn outcome_mark(o: StepOutcome) -> &'static str {
    match o {
        StepOutcome::NotPresent => "–",
        StepOutcome::Continue => "→",
        StepOutcome::Allow => "ALLOW",
        StepOutcome::ExplicitDeny => "DENY",
        StepOutcome::ImplicitDeny => "no allow",
        StepOutcome::NotReached => "·",
    }
}

/// Renders one request's result as text; `file_line` gives the line of a
/// statement in the workspace file (or in its own document). Every value
/// that comes from the input is printed on one line, its control
/// characters escaped (see [`crate::terminal`]).
pub fn render_response(
    number: usize,
    spec: &RequestSpec,
    request: &Request,
    response: &Response,
    mismatch: Option<&str>,
    file_line: &dyn Fn(&PolicyTrace, Loc) -> u32,
) -> String {
    let mut out = String::new();
    let title = spec
        .name
        .as_deref()
        .map(|n| format!(" — {}", one_line(n)))
        .unwrap_or_default();
    let _ = writeln!(out, "request {number}{title}");
    let _ = writeln!(
        out,
        "  {} → {} on {}",
        one_line(&request.principal.describe()),
        one_line(&request.action),
        one_line(&request.resource)
    );
    let decision = response.decision.describe().to_uppercase();
    let verdict = match (&spec.expect, mismatch) {
        (Some(_), None) => "  (as expected)".to_owned(),
        (Some(_), Some(why)) => format!("  (NOT AS EXPECTED: {})", one_line(why)),
        (None, _) => String::new(),
    };
    let _ = writeln!(out, "  decision: {decision}{verdict}");
    let _ = writeln!(out, "  {}", one_line(&response.summary));
    for finding in &response.request_findings {
        let help = finding
            .help
            .as_deref()
            .map(|h| format!(" ({})", one_line(h)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}: {}{help} [{}]",
            finding.severity.as_str(),
            one_line(&finding.message),
            finding.code.as_str()
        );
    }
    let path: Vec<String> = response
        .steps
        .iter()
        .map(|s| format!("{} {}", s.kind.label(), outcome_mark(s.outcome)))
        .collect();
    let _ = writeln!(out, "  path: {}", path.join(" | "));
    for policy in &response.policies {
        let _ = writeln!(
            out,
            "  {} `{}` ({})",
            policy.policy_type.describe(),
            one_line(&policy.name),
            one_line(&policy.attachment)
        );
        for st in &policy.statements {
            let mark = match (st.role, st.applies) {
                (StatementRole::Deciding, _) => "●",
                (StatementRole::Overridden, _) => "◐",
                (_, true) => "✓",
                (_, false) => "✗",
            };
            let role = match st.role {
                StatementRole::Deciding | StatementRole::Overridden => {
                    format!(" [{}]", st.role.label())
                }
                StatementRole::Applies | StatementRole::NotApplicable => String::new(),
            };
            let label = st
                .sid
                .as_deref()
                .map_or_else(|| format!("statement {}", st.index + 1), str::to_owned);
            let _ = writeln!(
                out,
                "    {mark} {} ({}, line {}){role}: {}",
                one_line(&label),
                st.effect.as_str(),
                file_line(policy, st.loc),
                one_line(st.reason())
            );
        }
    }
    if !response.missing_context_keys.is_empty() {
        let _ = writeln!(
            out,
            "  context keys the conditions asked for but the request lacks: {}",
            one_line(&response.missing_context_keys.join(", "))
        );
    }
    out.push('\n');
    out
}
