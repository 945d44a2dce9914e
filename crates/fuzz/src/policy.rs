//! Target `policy`: one policy text, every policy kind.

use iamplay_core::workspace::{NoManagedPolicies, Workspace};
use iamplay_core::{Engine, PolicyKind, Problem};

use crate::requests::with_policy;
use crate::text;

const KINDS: [PolicyKind; 4] = [
    PolicyKind::Identity,
    PolicyKind::Resource,
    PolicyKind::ServiceControl,
    PolicyKind::ResourceControl,
];

/// Parses and lints the text as every policy kind (each problem must be
/// located inside the text), then evaluates it given as every kind of
/// policy; `authorize` and the verdict must agree with `evaluate`.
pub fn check(data: &[u8]) {
    let text = text(data);
    for kind in KINDS {
        for problem in Engine::validate(&text, kind) {
            assert_located(&problem, &text);
        }
    }
    let engine = Engine::new(Workspace::default(), Box::new(NoManagedPolicies));
    for request in with_policy(&text) {
        let explained = engine.evaluate(&request);
        let decided = engine.authorize(&request);
        if let (Ok(response), Ok(verdict)) = (&explained, engine.verdict(&request)) {
            assert_eq!(
                verdict,
                iamplay_core::eval::Verdict::from(response.clone()),
                "the verdict differs from evaluate's parts on {request:?}"
            );
        }
        match (explained, decided) {
            (Ok(response), Ok(decision)) => assert_eq!(
                response.decision, decision,
                "authorize and evaluate disagree on {request:?}"
            ),
            (Err(a), Err(b)) => assert_eq!(a, b, "the two paths refuse differently"),
            (a, b) => panic!("one path answers, the other refuses: {a:?} / {b:?}"),
        }
    }
}

/// A problem's place must be inside `text`, start before end, and its
/// line and column count from 1.
pub fn assert_located(problem: &Problem, text: &str) {
    let loc = problem.loc;
    assert!(
        loc.span.start <= loc.span.end && loc.span.end as usize <= text.len(),
        "span {:?} outside a text of {} bytes: {problem:?}",
        loc.span,
        text.len()
    );
    assert!(
        loc.start.line >= 1 && loc.start.column >= 1,
        "positions count from 1: {problem:?}"
    );
    assert!(
        (loc.start.line, loc.start.column) <= (loc.end.line, loc.end.column),
        "the end is before the start: {problem:?}"
    );
}
