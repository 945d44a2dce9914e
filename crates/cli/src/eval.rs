//! `iamplay eval`: evaluate every request of a workspace.

use iamplay_core::eval::evaluate;
use iamplay_core::response::{PolicyTrace, Response};
use iamplay_core::workspace::expect::check;
use iamplay_core::workspace::resolve::relocate;
use iamplay_core::workspace::{CompiledWorkspace, RequestRef, load_workspace};
use iamplay_core::{LineIndex, Loc, Severity};
use serde::Serialize;

use crate::args::{EvalOptions, Format};
use crate::render::render_response;
use crate::report::print_diagnostic;

/// One evaluated request, as `--format json` prints it.
#[derive(Serialize)]
struct RequestResult {
    index: usize,
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mismatch: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response: Option<Response>,
}

/// Runs `iamplay eval`.
pub fn run(opts: &EvalOptions) -> u8 {
    let text = match std::fs::read_to_string(&opts.path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("iamplay: cannot read `{}`: {e}", opts.path);
            return 2;
        }
    };
    let loaded = load_workspace(&text);
    for d in &loaded.diagnostics {
        print_diagnostic(&opts.path, &text, d);
    }
    let Some(workspace) = loaded.workspace else {
        return 2;
    };
    let compiled = CompiledWorkspace::compile(workspace, iamplay_catalog::managed_policies());
    let index = LineIndex::new(&text);
    let mut malformed = false;
    for doc in compiled.diagnostics() {
        let source = compiled.workspace.document(&doc.id);
        for d in &doc.diagnostics {
            let mut d = d.clone();
            match source {
                Some(src) if src.file_offset.is_some() => {
                    d.loc = relocate(d.loc, src, &index);
                    print_diagnostic(&opts.path, &text, &d);
                }
                Some(src) => {
                    eprintln!("in the document of `{}`:", doc.name);
                    print_diagnostic(&format!("{} ({})", opts.path, doc.name), &src.text, &d);
                }
                None => print_diagnostic(&opts.path, &text, &d),
            }
            malformed |= d.severity == Severity::Error;
        }
    }
    for p in &compiled.problems {
        eprintln!("{}: warning: {p}", opts.path);
    }
    if malformed {
        return 2;
    }
    let requests: Vec<usize> = match opts.request {
        Some(i) if i < compiled.workspace.requests.len() => vec![i],
        Some(i) => {
            eprintln!(
                "iamplay: the workspace has {} request(s); there is no request {}",
                compiled.workspace.requests.len(),
                i + 1
            );
            return 2;
        }
        None => (0..compiled.workspace.requests.len()).collect(),
    };
    let mut results = Vec::new();
    let (mut passed, mut failed, mut unchecked) = (0, 0, 0);
    for i in requests {
        let spec = &compiled.workspace.requests[i];
        let mut result = RequestResult {
            index: i + 1,
            name: spec.name.clone(),
            expected: spec
                .expect
                .as_ref()
                .map(|e| e.decision.describe().to_owned()),
            mismatch: None,
            error: None,
            response: None,
        };
        match compiled.resolve(RequestRef::Saved(i)) {
            Ok((set, request)) => {
                let response = evaluate(&set, &request);
                match &spec.expect {
                    Some(expect) => match check(expect, &response) {
                        Ok(()) => passed += 1,
                        Err(why) => {
                            failed += 1;
                            result.mismatch = Some(why);
                        }
                    },
                    None => unchecked += 1,
                }
                if opts.format == Format::Text {
                    let file_line = |policy: &PolicyTrace, loc: Loc| -> u32 {
                        let document = compiled
                            .documents
                            .iter()
                            .find(|d| policy.id.as_deref() == Some(d.id.key().as_str()))
                            .and_then(|d| compiled.workspace.document(&d.id));
                        match document {
                            Some(doc) => relocate(loc, doc, &index).start.line,
                            None => loc.start.line,
                        }
                    };
                    out!(
                        "{}",
                        render_response(
                            i + 1,
                            spec,
                            &request,
                            &response,
                            result.mismatch.as_deref(),
                            &file_line,
                        )
                    );
                }
                result.response = Some(response);
            }
            Err(e) => {
                failed += 1;
                if opts.format == Format::Text {
                    outln!("request {}: error: {e}\n", i + 1);
                }
                result.error = Some(e.to_string());
            }
        }
        results.push(result);
    }
    if opts.format == Format::Json {
        match serde_json::to_string_pretty(&results) {
            Ok(s) => outln!("{s}"),
            Err(e) => eprintln!("iamplay: {e}"),
        }
    } else {
        outln!(
            "{} request(s): {passed} as expected, {failed} not as expected, {unchecked} without expectation",
            passed + failed + unchecked
        );
    }
    if failed > 0 { 1 } else { 0 }
}
