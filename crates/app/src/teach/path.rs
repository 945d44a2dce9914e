//! The evaluation path as a diagram: AWS's evaluation flow
//! (`reference_policies_evaluation-logic.md`, "Determining whether a
//! request is allowed or denied within an account": the explicit deny
//! check, SCPs, RCPs, the resource-based policy, identity-based policies,
//! the permissions boundary, the session policy, then the decision), with
//! the steps the request went through highlighted, each step's policies
//! and what they did, and the exit the decision took.
//!
//! The steps come from the core's [`Response::steps`]; this module only
//! lays them out and writes the SVG.

use std::fmt::Write;

use iamplay_core::Effect;
use iamplay_core::response::{
    Decision, PolicyType, Response, StatementRole, StatementTrace, Step, StepKind, StepOutcome,
};

use super::svg::{Styling, escape, fit, mono_width, num, open_svg, sans_width, wrap};

/// The width of the diagram in pixels (it fits the decision panel).
pub const WIDTH: f64 = 372.0;
/// The centre of the left spine (the way on from step to step).
const SPINE_X: f64 = 14.0;
/// The left edge of the step boxes.
const BOX_X: f64 = 32.0;
/// The right edge of the step boxes.
const BOX_RIGHT: f64 = 342.0;
/// The right rail (the way out to the decision).
const RAIL_X: f64 = 362.0;
/// Inside a box.
const PAD: f64 = 9.0;
/// Between boxes.
const GAP: f64 = 14.0;
/// Policies listed per step before "and N more".
const MAX_POLICIES: usize = 4;
/// Statements listed per policy before "and N more".
const MAX_STATEMENTS: usize = 3;

/// What one policy did at a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathPolicy {
    /// The policy's name.
    pub name: String,
    /// The effect of its statements that acted at this step (a Deny at
    /// the explicit deny check, an Allow elsewhere); `None` when none did.
    pub effect: Option<Effect>,
    /// Those statements' labels (Sid, or `statement N`).
    pub statements: Vec<String>,
    /// Whether those statements are Allows that an explicit Deny
    /// overrode.
    pub overridden: bool,
}

/// One step of the diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathNode {
    /// Which step.
    pub kind: StepKind,
    /// What happened there.
    pub outcome: StepOutcome,
    /// One sentence.
    pub note: String,
    /// The policies of this step and what they did.
    pub policies: Vec<PathPolicy>,
    /// Policies of the step not listed.
    pub more_policies: usize,
    /// Whether the request went through this step (or past it, when it
    /// does not apply).
    pub on_path: bool,
}

/// The diagram's content, before layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathDiagram {
    /// The seven steps in the flow chart's order.
    pub nodes: Vec<PathNode>,
    /// The decision.
    pub decision: Decision,
    /// The step whose exit on the right the decision took; `None` when
    /// the request went down every step to the decision.
    pub exit: Option<usize>,
    /// A line above the diagram (the request), for files.
    pub caption: Option<String>,
}

/// The title of a step (core words it).
pub fn step_title(kind: StepKind) -> &'static str {
    kind.label()
}

/// The `data-step` of a step (as the core serializes it).
pub fn step_key(kind: StepKind) -> &'static str {
    match kind {
        StepKind::PermissionNotRequired => "permission_not_required",
        StepKind::ExplicitDenyCheck => "explicit_deny_check",
        StepKind::ServiceControlPolicies => "service_control_policies",
        StepKind::ResourceControlPolicies => "resource_control_policies",
        StepKind::VpcEndpointPolicy => "vpc_endpoint_policy",
        StepKind::ResourceBasedPolicy => "resource_based_policy",
        StepKind::IdentityBasedPolicies => "identity_based_policies",
        StepKind::PermissionsBoundary => "permissions_boundary",
        StepKind::SessionPolicy => "session_policy",
    }
}

/// The outcome in a word or two, and its `data-outcome`.
pub fn outcome_label(outcome: StepOutcome) -> (&'static str, &'static str) {
    match outcome {
        StepOutcome::NotPresent => ("not present", "not_present"),
        StepOutcome::Continue => ("continue", "continue"),
        StepOutcome::Allow => ("Allow", "allow"),
        StepOutcome::ExplicitDeny => ("explicit deny", "explicit_deny"),
        StepOutcome::ImplicitDeny => ("implicit deny", "implicit_deny"),
        StepOutcome::NotReached => ("not reached", "not_reached"),
    }
}

/// The class of a decision (as the decision badge spells it) and its
/// words.
pub fn decision_class(decision: Decision) -> (&'static str, &'static str) {
    match decision {
        Decision::Allowed => ("allowed", "Allowed"),
        Decision::ExplicitDeny => ("explicit-deny", "Explicit deny"),
        Decision::ImplicitDeny => ("implicit-deny", "Implicit deny"),
    }
}

/// The policy type a step consults, if one.
fn policy_type(kind: StepKind) -> Option<PolicyType> {
    match kind {
        StepKind::ExplicitDenyCheck | StepKind::PermissionNotRequired => None,
        StepKind::ServiceControlPolicies => Some(PolicyType::ServiceControlPolicy),
        StepKind::ResourceControlPolicies => Some(PolicyType::ResourceControlPolicy),
        StepKind::VpcEndpointPolicy => Some(PolicyType::VpcEndpoint),
        StepKind::ResourceBasedPolicy => Some(PolicyType::ResourceBased),
        StepKind::IdentityBasedPolicies => Some(PolicyType::IdentityBased),
        StepKind::PermissionsBoundary => Some(PolicyType::PermissionsBoundary),
        StepKind::SessionPolicy => Some(PolicyType::SessionPolicy),
    }
}

/// What a step that does not apply says (in one line: the core's longer
/// notes are for steps that acted).
fn absent_note(kind: StepKind) -> &'static str {
    match kind {
        StepKind::PermissionNotRequired => "the action needs a permission",
        StepKind::ExplicitDenyCheck => "every request is checked for an applicable Deny",
        StepKind::ServiceControlPolicies => "no SCPs apply to the caller's account",
        StepKind::ResourceControlPolicies => "no RCPs apply to the resource's account",
        StepKind::VpcEndpointPolicy => "the request does not come through a VPC endpoint",
        StepKind::ResourceBasedPolicy => "the resource has no resource-based policy",
        StepKind::IdentityBasedPolicies => "a service or anonymous caller has none",
        StepKind::PermissionsBoundary => "no permissions boundary is set",
        StepKind::SessionPolicy => "the caller is not a session",
    }
}

impl PathDiagram {
    /// The diagram of `response`'s path.
    pub fn of(response: &Response) -> PathDiagram {
        let steps = &response.steps;
        let final_at = steps.iter().position(|s| {
            matches!(
                s.outcome,
                StepOutcome::Allow | StepOutcome::ExplicitDeny | StepOutcome::ImplicitDeny
            )
        });
        // An Allow with later steps left unreached leaves on the right
        // (a resource-based policy that allows on its own); an Allow at
        // the last step that applies goes down to the decision.
        let exit = final_at.filter(|&at| {
            steps
                .get(at)
                .is_some_and(|s| s.outcome != StepOutcome::Allow)
                || steps
                    .iter()
                    .skip(at + 1)
                    .any(|s| s.outcome == StepOutcome::NotReached)
        });
        let nodes = steps
            .iter()
            .enumerate()
            .map(|(i, step)| node(response, step, exit.is_none_or(|at| i <= at)))
            .collect();
        PathDiagram {
            nodes,
            decision: response.decision,
            exit,
            caption: None,
        }
    }

    /// The same diagram with a caption line.
    #[must_use]
    pub fn with_caption(mut self, caption: String) -> PathDiagram {
        self.caption = Some(caption);
        self
    }

    /// A text for screen readers: every step and the decision.
    pub fn describe(&self) -> String {
        let mut text = String::from("Evaluation path: ");
        for (i, node) in self.nodes.iter().enumerate() {
            let _ = write!(
                text,
                "{}. {}: {}",
                i + 1,
                step_title(node.kind),
                outcome_label(node.outcome).0
            );
            for policy in node.policies.iter().filter(|p| p.effect.is_some()) {
                let _ = write!(text, ", {} ({})", policy.name, policy.statements.join(", "));
            }
            text.push_str("; ");
        }
        let _ = write!(text, "decision: {}", decision_class(self.decision).1);
        text
    }
}

/// The node of one step.
fn node(response: &Response, step: &Step, on_path: bool) -> PathNode {
    let wanted = if step.kind == StepKind::ExplicitDenyCheck {
        Effect::Deny
    } else {
        Effect::Allow
    };
    let mut indexes: Vec<usize> = step.policies.clone();
    if let Some(kind) = policy_type(step.kind) {
        for (i, trace) in response.policies.iter().enumerate() {
            if trace.policy_type == kind && !indexes.contains(&i) {
                indexes.push(i);
            }
        }
    }
    let mut policies: Vec<PathPolicy> = indexes
        .iter()
        .filter_map(|&i| response.policies.get(i))
        .map(|trace| {
            let acting: Vec<&StatementTrace> = trace
                .statements
                .iter()
                .filter(|s| {
                    s.applies && s.effect == wanted && s.role != StatementRole::NotApplicable
                })
                .collect();
            let statements: Vec<String> = acting
                .iter()
                .map(|s| match &s.sid {
                    Some(sid) if !sid.is_empty() => sid.to_string(),
                    _ => format!("statement {}", s.index + 1),
                })
                .collect();
            PathPolicy {
                name: trace.name.to_string(),
                effect: (!statements.is_empty()).then_some(wanted),
                statements,
                overridden: !acting.is_empty()
                    && acting.iter().all(|s| s.role == StatementRole::Overridden),
            }
        })
        .collect();
    // The policies that acted first.
    policies.sort_by_key(|p| p.effect.is_none());
    let more_policies = policies.len().saturating_sub(MAX_POLICIES);
    policies.truncate(MAX_POLICIES);
    let note = match step.outcome {
        StepOutcome::NotPresent => absent_note(step.kind).to_owned(),
        StepOutcome::NotReached if step.note.is_empty() => {
            "the decision was made before this step".to_owned()
        }
        _ => step.note.to_string(),
    };
    PathNode {
        kind: step.kind,
        outcome: step.outcome,
        note,
        policies,
        more_policies,
        on_path,
    }
}

/// Font sizes.
const TITLE_SIZE: f64 = 13.0;
const NOTE_SIZE: f64 = 11.5;
const POLICY_SIZE: f64 = 12.0;
const STATEMENT_SIZE: f64 = 10.5;
const LINE: f64 = 16.0;
const SMALL_LINE: f64 = 14.5;

/// One line inside a box.
enum BoxLine {
    Note(String),
    Policy {
        effect: Option<Effect>,
        overridden: bool,
        name: String,
    },
    /// A statement's label, or part of it (a long one takes two lines).
    Statement {
        label: String,
        shown: String,
        first: bool,
        last: bool,
    },
    More(String),
}

/// The lines of a node's box (after its title).
fn box_lines(node: &PathNode) -> Vec<BoxLine> {
    let inner = BOX_RIGHT - BOX_X - 2.0 * PAD;
    let mut lines: Vec<BoxLine> = wrap(&node.note, inner, |t| sans_width(t, NOTE_SIZE))
        .into_iter()
        .map(BoxLine::Note)
        .collect();
    for policy in &node.policies {
        lines.push(BoxLine::Policy {
            effect: policy.effect,
            overridden: policy.overridden,
            name: policy.name.clone(),
        });
        for statement in policy.statements.iter().take(MAX_STATEMENTS) {
            let parts = split_label(statement, BOX_RIGHT - BOX_X - PAD - 10.0);
            let last = parts.len() - 1;
            for (i, part) in parts.into_iter().enumerate() {
                lines.push(BoxLine::Statement {
                    label: statement.clone(),
                    shown: part,
                    first: i == 0,
                    last: i == last,
                });
            }
        }
        if policy.statements.len() > MAX_STATEMENTS {
            lines.push(BoxLine::More(format!(
                "and {} more statements",
                policy.statements.len() - MAX_STATEMENTS
            )));
        }
    }
    if node.more_policies > 0 {
        lines.push(BoxLine::More(format!(
            "and {} more polic{}",
            node.more_policies,
            if node.more_policies == 1 { "y" } else { "ies" }
        )));
    }
    lines
}

/// A statement label in at most two lines of `width` pixels, cut with
/// `…` beyond.
fn split_label(label: &str, width: f64) -> Vec<String> {
    let measure = |t: &str| mono_width(t, STATEMENT_SIZE) + mono_width("› ", STATEMENT_SIZE);
    if measure(label) <= width {
        return vec![label.to_owned()];
    }
    let mut first = String::new();
    let mut rest = label.chars();
    for c in rest.by_ref() {
        first.push(c);
        if measure(&first) > width {
            first.pop();
            let second: String = std::iter::once(c).chain(rest).collect();
            return vec![first, fit(&second, width, measure)];
        }
    }
    vec![first]
}

/// The decision class (as [`decision_class`] spells it) of an outcome
/// that decides; `None` for the others.
fn outcome_tone(outcome: StepOutcome) -> Option<&'static str> {
    match outcome {
        StepOutcome::ExplicitDeny => Some("explicit-deny"),
        StepOutcome::ImplicitDeny => Some("implicit-deny"),
        StepOutcome::Allow => Some("allowed"),
        _ => None,
    }
}

/// The height of a line.
fn line_height(line: &BoxLine) -> f64 {
    match line {
        BoxLine::Policy { .. } => LINE + 2.0,
        _ => SMALL_LINE,
    }
}

/// The diagram as SVG text.
pub fn path_svg(diagram: &PathDiagram, styling: Styling) -> String {
    let (decision_class_name, decision_words) = decision_class(diagram.decision);
    // Lay the boxes out first.
    let mut y = 6.0;
    let caption_lines = diagram
        .caption
        .as_deref()
        .map(|c| wrap(c, WIDTH - 12.0, |t| sans_width(t, 12.5)))
        .unwrap_or_default();
    y += caption_lines.len() as f64 * 17.0;
    let mut boxes: Vec<(f64, f64, Vec<BoxLine>)> = Vec::new();
    for node in &diagram.nodes {
        let lines = box_lines(node);
        let height = PAD + LINE + lines.iter().map(line_height).sum::<f64>() + PAD - 2.0;
        boxes.push((y, height, lines));
        y += height + GAP;
    }
    let decision_y = y + 4.0;
    let decision_h = 40.0;
    let height = decision_y + decision_h + 8.0;

    let mut out = String::new();
    open_svg(
        &mut out,
        WIDTH,
        height,
        styling,
        "evaluation-path-svg",
        &diagram.describe(),
    );
    for (i, line) in caption_lines.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text class="ink caption" x="6" y="{}" font-size="12.5" font-weight="600">{}</text>"#,
            num(17.0 + i as f64 * 17.0),
            escape(line)
        );
    }

    // The rail on the right: the way out to the decision.
    let first_y = boxes.first().map_or(0.0, |b| b.0 + 13.0);
    let _ = write!(
        out,
        r#"<path class="ghost" d="M{rx} {top} V{bottom}"/>"#,
        rx = num(RAIL_X),
        top = num(first_y),
        bottom = num(decision_y + decision_h / 2.0),
    );

    // The spine between the boxes and down to the decision.
    for (i, (top, _, _)) in boxes.iter().enumerate() {
        let next_top = boxes.get(i + 1).map_or(decision_y, |b| b.0);
        let from = top + 13.0;
        let to = next_top
            + 13.0_f64.min(if i + 1 == boxes.len() {
                decision_h / 2.0
            } else {
                13.0
            });
        let on =
            diagram.nodes.get(i).is_some_and(|n| n.on_path) && diagram.exit.is_none_or(|at| i < at);
        let skipped = !on;
        let _ = write!(
            out,
            r#"<path class="wire{}{}" d="M{x} {from} V{to}"/>"#,
            if on { " on-path" } else { "" },
            if skipped { " skipped" } else { "" },
            x = num(SPINE_X),
            from = num(from),
            to = num(to),
        );
    }
    // Into the decision from the spine.
    let spine_in = diagram.exit.is_none();
    let _ = write!(
        out,
        r#"<path class="wire{}" d="M{x} {y} H{bx}"/>"#,
        if spine_in { " on-path" } else { " skipped" },
        x = num(SPINE_X),
        y = num(decision_y + decision_h / 2.0),
        bx = num(BOX_X),
    );

    for (i, (node, (top, h, lines))) in diagram.nodes.iter().zip(&boxes).enumerate() {
        write_node(&mut out, i, node, *top, *h, lines, diagram);
    }

    // The exit taken, and the ghost stubs of the others.
    for (i, (node, (top, _, _))) in diagram.nodes.iter().zip(&boxes).enumerate() {
        let y = top + 13.0;
        let taken = diagram.exit == Some(i);
        let exit_class = outcome_tone(node.outcome).unwrap_or_default();
        if taken {
            let _ = write!(
                out,
                r#"<g class="path-exit taken" data-exit="{exit_class}" data-step="{key}"><path class="wire stroke-{exit_class}" stroke-width="3" d="M{bx} {y} H{rx} V{dy} H{dr}"/><path class="{exit_class}" d="M{ax} {ay1} L{dr} {dyc} L{ax} {ay2} Z"/></g>"#,
                key = step_key(node.kind),
                bx = num(BOX_RIGHT),
                y = num(y),
                rx = num(RAIL_X),
                dy = num(decision_y + decision_h / 2.0),
                dr = num(BOX_RIGHT),
                ax = num(BOX_RIGHT + 7.0),
                ay1 = num(decision_y + decision_h / 2.0 - 5.0),
                dyc = num(decision_y + decision_h / 2.0),
                ay2 = num(decision_y + decision_h / 2.0 + 5.0),
            );
        } else if node.outcome != StepOutcome::NotPresent {
            let _ = write!(
                out,
                r#"<path class="ghost" d="M{bx} {y} H{rx}"/>"#,
                bx = num(BOX_RIGHT),
                y = num(y),
                rx = num(RAIL_X),
            );
        }
    }

    // The decision.
    let _ = write!(
        out,
        r#"<g class="path-decision" data-decision="{decision_class_name}"><rect class="{decision_class_name}-soft stroke-{decision_class_name}" stroke-width="2" x="{bx}" y="{dy}" width="{bw}" height="{dh}" rx="8"/><text class="{decision_class_name}" x="{tx}" y="{ty}" font-size="15" font-weight="700">{decision_words}</text><text class="muted" x="{rx2}" y="{ty}" font-size="11" text-anchor="end">final decision</text></g>"#,
        bx = num(BOX_X),
        dy = num(decision_y),
        bw = num(BOX_RIGHT - BOX_X),
        dh = num(decision_h),
        tx = num(BOX_X + 12.0),
        ty = num(decision_y + 25.0),
        rx2 = num(BOX_RIGHT - 10.0),
    );
    out.push_str("</svg>");
    out
}

/// One step's box, its number on the spine, and its lines.
fn write_node(
    out: &mut String,
    index: usize,
    node: &PathNode,
    top: f64,
    height: f64,
    lines: &[BoxLine],
    diagram: &PathDiagram,
) {
    let (outcome_words, outcome_key) = outcome_label(node.outcome);
    let present = node.outcome != StepOutcome::NotPresent;
    let reached = node.on_path && present && node.outcome != StepOutcome::NotReached;
    let exit = diagram.exit == Some(index);
    let mut classes = String::from("node");
    if reached {
        classes.push_str(" on-path");
    }
    match node.outcome {
        StepOutcome::NotPresent => classes.push_str(" not-present"),
        StepOutcome::NotReached => classes.push_str(" not-reached"),
        _ => {}
    }
    let tone = outcome_tone(node.outcome);
    if let Some(tone) = tone {
        let _ = write!(classes, " stroke-{tone}");
    }
    let opacity = if present { "" } else { r#" opacity="0.55""# };
    let _ = write!(
        out,
        r#"<g class="path-node" data-step="{key}" data-outcome="{outcome_key}" data-on-path="{reached}" data-exit="{exit}"{opacity}>"#,
        key = step_key(node.kind),
    );
    let _ = write!(
        out,
        r#"<rect class="{classes}" x="{x}" y="{y}" width="{w}" height="{h}" rx="7"{wide}/>"#,
        x = num(BOX_X),
        y = num(top),
        w = num(BOX_RIGHT - BOX_X),
        h = num(height),
        wide = if tone.is_some() {
            r#" stroke-width="2""#
        } else {
            ""
        },
    );
    // The step's number on the spine.
    let dot_on = node.on_path && diagram.exit.is_none_or(|at| index <= at);
    let _ = write!(
        out,
        r#"<circle class="dot{on}" cx="{cx}" cy="{cy}" r="10"/><text class="dot-label{on}" x="{cx}" y="{ty}" font-size="11" font-weight="700" text-anchor="middle">{n}</text>"#,
        on = if dot_on { " on-path" } else { "" },
        cx = num(SPINE_X),
        cy = num(top + 13.0),
        ty = num(top + 17.0),
        n = index + 1,
    );
    // Title and outcome.
    let title_y = top + PAD + 9.0;
    let outcome_class = tone.unwrap_or("muted");
    let outcome_width = sans_width(outcome_words, 11.0);
    let title = fit(
        step_title(node.kind),
        BOX_RIGHT - BOX_X - 3.0 * PAD - outcome_width,
        |t| sans_width(t, TITLE_SIZE),
    );
    let _ = write!(
        out,
        r#"<text class="ink" x="{x}" y="{y}" font-size="{TITLE_SIZE}" font-weight="650">{title}</text><text class="{outcome_class} outcome" x="{rx}" y="{y}" font-size="11" font-weight="{weight}" text-anchor="end">{outcome_words}</text>"#,
        x = num(BOX_X + PAD),
        y = num(title_y),
        title = escape(&title),
        rx = num(BOX_RIGHT - PAD),
        weight = if tone.is_some() { "700" } else { "500" },
    );
    let inner = BOX_RIGHT - BOX_X - 2.0 * PAD;
    let mut y = top + PAD + LINE;
    for line in lines {
        let h = line_height(line);
        let baseline = y + h - 4.0;
        match line {
            BoxLine::Note(text) => {
                let _ = write!(
                    out,
                    r#"<text class="muted note" x="{x}" y="{y}" font-size="{NOTE_SIZE}">{t}</text>"#,
                    x = num(BOX_X + PAD),
                    y = num(baseline),
                    t = escape(text),
                );
            }
            BoxLine::Policy {
                effect,
                overridden,
                name,
            } => {
                let (tag, tag_class) = match effect {
                    Some(Effect::Deny) => ("Deny", "explicit-deny"),
                    Some(Effect::Allow) if *overridden => ("Overridden", "implicit-deny"),
                    Some(Effect::Allow) => ("Allow", "allowed"),
                    None => ("—", "muted"),
                };
                // Bold text runs about a tenth wider.
                let tag_w = sans_width(tag, 10.5) * 1.18 + 10.0;
                let _ = write!(
                    out,
                    r#"<g class="path-policy" data-policy="{name_attr}" data-effect="{effect_attr}"><rect class="{tag_class}-soft" x="{x}" y="{ry}" width="{tw}" height="15" rx="3"/><text class="{tag_class}" x="{tx}" y="{ty}" font-size="10.5" font-weight="700">{tag}</text><text class="ink" x="{nx}" y="{ty}" font-size="{POLICY_SIZE}" font-weight="600">{name}</text>{none}</g>"#,
                    name_attr = escape(name),
                    effect_attr = match effect {
                        Some(Effect::Deny) => "deny",
                        Some(Effect::Allow) if *overridden => "overridden",
                        Some(Effect::Allow) => "allow",
                        None => "none",
                    },
                    x = num(BOX_X + PAD),
                    ry = num(baseline - 11.5),
                    tw = num(tag_w),
                    tx = num(BOX_X + PAD + 5.0),
                    ty = num(baseline),
                    nx = num(BOX_X + PAD + tag_w + 6.0),
                    name = escape(&fit(name, inner - tag_w - 8.0, |t| sans_width(
                        t,
                        POLICY_SIZE
                    ))),
                    none = if effect.is_none() {
                        format!(
                            r#"<title>{}: no statement of this step's effect applies</title>"#,
                            escape(name)
                        )
                    } else {
                        String::new()
                    },
                );
            }
            BoxLine::Statement {
                label,
                shown,
                first,
                last,
            } => {
                let cut = *last && !label.ends_with(shown.as_str());
                let _ = write!(
                    out,
                    r#"<text class="ink svg-mono path-statement" x="{x}" y="{y}" font-size="{STATEMENT_SIZE}"{data}>{mark}{t}{title}</text>"#,
                    x = num(BOX_X + PAD + 4.0),
                    y = num(baseline),
                    data = if *first {
                        format!(r#" data-statement="{}""#, escape(label))
                    } else {
                        String::new()
                    },
                    mark = if *first { "› " } else { "\u{a0}\u{a0}" },
                    t = escape(shown),
                    title = if cut {
                        format!("<title>{}</title>", escape(label))
                    } else {
                        String::new()
                    },
                );
            }
            BoxLine::More(text) => {
                let _ = write!(
                    out,
                    r#"<text class="muted" x="{x}" y="{y}" font-size="{NOTE_SIZE}" font-style="italic">{t}</text>"#,
                    x = num(BOX_X + PAD + 4.0),
                    y = num(baseline),
                    t = escape(text),
                );
            }
        }
        y += h;
    }
    out.push_str("</g>");
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use iamplay_core::Engine;

    use super::*;
    use crate::aws_policies::AwsPolicies;
    use crate::seed::seed_workspace;

    fn seed_response(row: usize) -> Rc<Response> {
        let engine = Engine::new(seed_workspace(), Box::new(AwsPolicies::default()));
        let response = engine
            .evaluate_saved(row - 1)
            .expect("the saved request resolves");
        Rc::new(response)
    }

    // The seed scenario, row 1 (../shared/scenarios/README.md) and
    // reference_policies_evaluation-logic.md, "Deny evaluation": the
    // Force_MFA Deny applies, so the explicit deny check ends the
    // evaluation; the later steps are not reached.
    #[test]
    fn row_one_leaves_at_the_explicit_deny_check() {
        let diagram = PathDiagram::of(&seed_response(1));
        assert_eq!(diagram.decision, Decision::ExplicitDeny);
        assert_eq!(diagram.exit, Some(0));
        let check = &diagram.nodes[0];
        assert_eq!(check.outcome, StepOutcome::ExplicitDeny);
        assert_eq!(check.policies[0].name, "Force_MFA");
        assert_eq!(check.policies[0].effect, Some(Effect::Deny));
        assert_eq!(
            check.policies[0].statements,
            ["DoNotAllowAnythingOtherThanAboveUnlessMFAd"]
        );
        let identity = &diagram.nodes[4];
        assert_eq!(identity.outcome, StepOutcome::NotReached);
        assert!(!identity.on_path);
        // The Allow the Deny overrode is shown as such.
        let ec2 = &identity.policies[0];
        assert_eq!(ec2.name, "AmazonEC2FullAccess");
        assert!(ec2.overridden);
        // No organization: the SCP step does not apply, and is kept.
        assert_eq!(diagram.nodes[1].outcome, StepOutcome::NotPresent);
        assert_eq!(diagram.nodes.len(), 7);

        let svg = path_svg(&diagram, Styling::Page);
        assert!(svg.contains(
            r#"data-step="explicit_deny_check" data-outcome="explicit_deny" data-on-path="true" data-exit="true""#
        ));
        assert!(svg.contains(r#"class="path-exit taken" data-exit="explicit-deny""#));
        assert!(svg.contains("DoNotAllowAnythingOtherThanAboveUnlessMFAd"));
        assert!(svg.contains(r#"data-decision="explicit-deny""#));
        assert!(!svg.contains("<style>"));
        assert!(path_svg(&diagram, Styling::Standalone).contains("<style>"));
    }

    // Row 2: with MFA no Deny applies; AmazonEC2FullAccess allows at the
    // identity-based step, and there is no boundary or session policy, so
    // the request goes down every step to the decision.
    #[test]
    fn row_two_goes_down_to_an_allow() {
        let diagram = PathDiagram::of(&seed_response(2));
        assert_eq!(diagram.decision, Decision::Allowed);
        assert_eq!(diagram.exit, None);
        assert!(diagram.nodes.iter().all(|n| n.on_path));
        let identity = &diagram.nodes[4];
        assert_eq!(identity.outcome, StepOutcome::Allow);
        assert_eq!(identity.policies[0].name, "AmazonEC2FullAccess");
        assert_eq!(identity.policies[0].effect, Some(Effect::Allow));
        // Force_MFA was consulted too; none of its Allows applies.
        assert!(
            identity
                .policies
                .iter()
                .any(|p| p.name == "Force_MFA" && p.effect.is_none())
        );
        let svg = path_svg(&diagram, Styling::Page);
        assert!(!svg.contains("path-exit taken"));
        assert!(diagram.describe().ends_with("decision: Allowed"));
    }

    // Row 8: nothing allows `iam:ListUsers` on `*`, so the identity-based
    // step denies implicitly.
    #[test]
    fn row_eight_leaves_at_the_identity_step() {
        let diagram = PathDiagram::of(&seed_response(8));
        assert_eq!(diagram.decision, Decision::ImplicitDeny);
        assert_eq!(diagram.exit, Some(4));
        assert_eq!(diagram.nodes[4].outcome, StepOutcome::ImplicitDeny);
        let svg = path_svg(&diagram, Styling::Page);
        assert!(svg.contains(r#"data-exit="implicit-deny" data-step="identity_based_policies""#));
    }
}
