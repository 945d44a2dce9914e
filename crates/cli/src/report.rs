//! Printing diagnostics as `file:line:column: severity: message` with the
//! offending line and a caret under it.

use std::io::{self, Write};

use iamplay_core::{Diagnostic, LineIndex};

/// Prints one diagnostic against the text it points into, to `w`
/// (standard error); stops at the first write that fails.
pub fn print_diagnostic(
    w: &mut dyn Write,
    file: &str,
    text: &str,
    d: &Diagnostic,
) -> io::Result<()> {
    writeln!(
        w,
        "{file}:{}:{}: {}: {} [{}]",
        d.loc.start.line,
        d.loc.start.column,
        d.severity.as_str(),
        d.message,
        d.code
    )?;
    let index = LineIndex::new(text);
    let _ = index;
    let line_no = d.loc.start.line as usize;
    if let Some(line) = text.lines().nth(line_no.saturating_sub(1)) {
        let gutter = format!("{line_no:>5} | ");
        writeln!(w, "{gutter}{line}")?;
        let col = d.loc.start.column as usize;
        let width = if d.loc.end.line == d.loc.start.line {
            (d.loc.end.column as usize).saturating_sub(col).max(1)
        } else {
            1
        };
        let pad: String = line
            .encode_utf16()
            .take(col.saturating_sub(1))
            .map(|u| if u == u16::from(b'\t') { '\t' } else { ' ' })
            .collect();
        writeln!(
            w,
            "{}{}{}",
            " ".repeat(gutter.len()),
            pad,
            "^".repeat(width.min(80))
        )?;
    }
    if let Some(help) = &d.help {
        writeln!(w, "      = help: {help}")?;
    }
    Ok(())
}
