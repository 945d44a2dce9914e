//! `iamplay eval`: evaluate every request of a workspace. The engine
//! loads, compiles, resolves and evaluates; this prints what it found.

use std::collections::HashMap;

use iamplay_core::engine::{CompiledDocument, Counterfactuals};
use iamplay_core::response::{PolicyTrace, Response};
use iamplay_core::workspace::expect::check;
use iamplay_core::{DocumentId, Engine, Loc, Problem};
use serde::Serialize;

use crate::args::{EvalOptions, Format};
use crate::out::{Out, Status};
use crate::render::render_response;
use crate::report::{SourceLines, print_diagnostic};
use crate::terminal::one_line;

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
    /// With `--why`: what would change the decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    counterfactuals: Option<Counterfactuals>,
}

/// How many requests gave their expected decision.
#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    unchecked: usize,
}

/// Runs `iamplay eval`.
pub fn run(opts: &EvalOptions, out: &mut Out<'_>) -> Status {
    let text = match std::fs::read_to_string(&opts.path) {
        Ok(t) => t,
        Err(e) => {
            errln!(out, "iamplay: cannot read `{}`: {e}", opts.path)?;
            return Ok(2);
        }
    };
    let source = Box::new(iamplay_catalog::managed_policies());
    let engine = match Engine::load(&text, source) {
        Ok(engine) => engine,
        Err(problems) => {
            print_problems(out, &opts.path, &text, None, &problems)?;
            return Ok(2);
        }
    };
    print_problems(out, &opts.path, &text, Some(&engine), &engine.diagnostics())?;
    // A policy that does not parse is malformed input; lint errors are
    // listed, and the policy is still evaluated.
    if engine.documents().any(CompiledDocument::has_errors) {
        return Ok(2);
    }
    let saved = engine.workspace().requests.len();
    let requests = match opts.request {
        Some(i) if i < saved => i..i + 1,
        Some(i) => {
            errln!(
                out,
                "iamplay: the workspace has {saved} request(s); there is no request {}",
                i + 1
            )?;
            return Ok(2);
        }
        None => 0..saved,
    };
    let mut results = Vec::new();
    let mut tally = Tally::default();
    for i in requests {
        let result = evaluate(&engine, i, opts, &mut tally, out)?;
        if opts.format == Format::Json {
            results.push(result);
        }
    }
    if opts.format == Format::Json {
        match serde_json::to_string_pretty(&results) {
            Ok(s) => outln!(out, "{s}")?,
            Err(e) => errln!(out, "iamplay: {e}")?,
        }
    } else {
        outln!(
            out,
            "{} request(s): {} as expected, {} not as expected, {} without expectation",
            tally.passed + tally.failed + tally.unchecked,
            tally.passed,
            tally.failed,
            tally.unchecked
        )?;
    }
    Ok(if tally.failed > 0 { 1 } else { 0 })
}

/// Evaluates saved request `i`, checks its expectation, and prints the
/// explanation when the format is text.
fn evaluate(
    engine: &Engine,
    i: usize,
    opts: &EvalOptions,
    tally: &mut Tally,
    out: &mut Out<'_>,
) -> Result<RequestResult, crate::out::Broken> {
    let format = opts.format;
    let spec = &engine.workspace().requests[i];
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
        counterfactuals: None,
    };
    let resolved = match engine.resolve_saved(i) {
        Ok(resolved) => resolved,
        Err(e) => {
            tally.failed += 1;
            if format == Format::Text {
                outln!(out, "request {}: error: {e}\n", i + 1)?;
            }
            result.error = Some(e.to_string());
            return Ok(result);
        }
    };
    let response = resolved.evaluate();
    match &spec.expect {
        Some(expect) => match check(expect, &response) {
            Ok(()) => tally.passed += 1,
            Err(why) => {
                tally.failed += 1;
                result.mismatch = Some(why);
            }
        },
        None => tally.unchecked += 1,
    }
    if opts.why {
        result.counterfactuals = engine.counterfactuals_saved(i).ok();
    }
    if format == Format::Text {
        // A statement's line in the workspace file when its document is
        // written there as an object, else in the document's own text.
        let file_line = |policy: &PolicyTrace, loc: Loc| -> u32 {
            policy
                .id
                .as_ref()
                .and_then(|id| engine.place_in_file(id, loc))
                .map_or(loc.start.line, |place| place.loc.start.line)
        };
        let text = render_response(
            i + 1,
            spec,
            &resolved.request,
            &response,
            result.mismatch.as_deref(),
            &file_line,
        );
        match &result.counterfactuals {
            Some(found) => {
                // The section goes before the blank line that ends the request.
                out!(out, "{}", text.strip_suffix('\n').unwrap_or(&text))?;
                out!(out, "{}\n", render_counterfactuals(found))?;
            }
            None => out!(out, "{text}")?,
        }
    }
    result.response = Some(response);
    Ok(result)
}

/// "what would change it:" and one counterfactual a line.
fn render_counterfactuals(found: &Counterfactuals) -> String {
    use std::fmt::Write as _;
    let mut text = String::new();
    if found.list.is_empty() {
        text.push_str("  what would change it: no single change found");
    } else {
        text.push_str("  what would change it:");
    }
    if found.capped {
        let _ = write!(text, " (stopped after {} evaluations)", found.evaluations);
    }
    text.push('\n');
    for c in &found.list {
        let _ = writeln!(text, "    - {}", one_line(&c.sentence));
    }
    text
}

/// Prints problems of the workspace to standard error: at their place in
/// the workspace file when there is one (the file's own problems, and
/// those of documents written there as JSON objects), else in the text of
/// their document ("in the document of `X`:" first), else with the file's
/// name alone (references that do not resolve).
pub(crate) fn print_problems(
    out: &mut Out<'_>,
    path: &str,
    text: &str,
    engine: Option<&Engine>,
    problems: &[Problem],
) -> Result<(), crate::out::Broken> {
    // Each text's lines are found once, however many problems it has.
    let file_lines = SourceLines::new(text);
    let mut document_lines: HashMap<&DocumentId, SourceLines<'_>> = HashMap::new();
    for p in problems {
        let mut d = p.diagnostic();
        if let Some(place) = &p.file {
            // The engine was given no request text: every place is in
            // the workspace file.
            d.loc = place.loc;
            out.with_stderr(|w| print_diagnostic(w, path, &file_lines, &d))?;
            continue;
        }
        let document = p.document.as_ref().and_then(|id| {
            let text = engine?.document_text(id)?;
            let name = p.policy.clone().unwrap_or_else(|| id.to_string());
            Some((id, name, text))
        });
        match document {
            Some((id, name, own)) => {
                errln!(out, "in the document of `{}`:", one_line(&name))?;
                let file = format!("{path} ({name})");
                let lines = document_lines
                    .entry(id)
                    .or_insert_with(|| SourceLines::new(own));
                out.with_stderr(|w| print_diagnostic(w, &file, lines, &d))?;
            }
            None => {
                errln!(
                    out,
                    "{path}: {}: {} [{}]",
                    p.severity.as_str(),
                    one_line(&p.message),
                    p.code
                )?;
                if let Some(help) = &p.help {
                    errln!(out, "      = help: {}", one_line(help))?;
                }
            }
        }
    }
    Ok(())
}
