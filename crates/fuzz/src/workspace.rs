//! Target `workspace`: a workspace file.

use iamplay_core::Engine;
use iamplay_core::workspace::{load_workspace, write_workspace};

use crate::text;

/// Loads the file; when it loads, evaluates every saved request (the two
/// decision paths must agree), and writes the workspace out: the written
/// file must load without errors and write back to the same text.
pub fn check(data: &[u8]) {
    let text = text(data);
    let loaded = load_workspace(&text);
    for diagnostic in &loaded.diagnostics {
        let loc = diagnostic.loc;
        assert!(
            loc.span.start <= loc.span.end && loc.span.end as usize <= text.len(),
            "diagnostic outside the file: {diagnostic:?}"
        );
    }
    let Some(workspace) = loaded.workspace else {
        return;
    };
    let written = write_workspace(&workspace);
    let engine = Engine::new(workspace, Box::new(iamplay_catalog::managed_policies()));
    let _ = engine.diagnostics();
    for index in 0..engine.workspace().requests.len() {
        match (engine.evaluate_saved(index), engine.authorize_saved(index)) {
            (Ok(response), Ok(decision)) => assert_eq!(
                response.decision, decision,
                "authorize and evaluate disagree on saved request {index}"
            ),
            (Err(a), Err(b)) => assert_eq!(a, b, "the two paths refuse differently"),
            (a, b) => panic!("one path answers, the other refuses: {a:?} / {b:?}"),
        }
    }
    let reread = load_workspace(&written);
    let Some(again) = reread.workspace else {
        panic!(
            "the written workspace does not load: {:?}\n{written}",
            reread.diagnostics
        );
    };
    assert_eq!(
        write_workspace(&again),
        written,
        "writing the re-read workspace changes it"
    );
}
