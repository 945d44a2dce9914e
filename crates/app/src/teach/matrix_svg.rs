//! The access matrix as an SVG file: a legend, the principals across the
//! top, one row per action with its resource, each cell coloured by its
//! decision (green allowed, red explicit deny, amber implicit deny).

use std::fmt::Write;

use super::svg::{Styling, escape, fit, mono_width, num, open_svg, sans_width};
use crate::state::matrix::{Cell, Matrix};

/// The width of a principal's column.
const COLUMN: f64 = 96.0;
/// The height of a row.
const ROW: f64 = 18.0;
/// The width of the action names.
const ACTION_WIDTH: f64 = 270.0;
/// The width of the resources.
const RESOURCE_WIDTH: f64 = 250.0;
/// Space around.
const MARGIN: f64 = 12.0;

/// The matrix as SVG text, every row (the page shows only the rows in
/// view). `caption` says what was asked (the context keys).
pub fn matrix_svg(matrix: &Matrix, caption: &str, styling: Styling) -> String {
    let columns = matrix.principals.len();
    let width = MARGIN * 2.0 + ACTION_WIDTH + columns as f64 * COLUMN + RESOURCE_WIDTH;
    let legend_y = MARGIN + 14.0;
    let head_y = legend_y + 26.0;
    let rows_y = head_y + 34.0;
    let height = rows_y + matrix.actions.len() as f64 * ROW + MARGIN;
    let label = format!(
        "Access matrix: {} principals by {} actions. {caption}",
        columns,
        matrix.actions.len()
    );
    let mut out = String::with_capacity(200 + matrix.cells.len() * 90);
    open_svg(
        &mut out,
        width,
        height,
        styling,
        "access-matrix-svg",
        &label,
    );
    let _ = write!(
        out,
        r#"<text class="ink" x="{x}" y="{y}" font-size="13" font-weight="650">{t}</text>"#,
        x = num(MARGIN),
        y = num(legend_y),
        t = escape(&fit(caption, ACTION_WIDTH + 40.0, |t| sans_width(t, 13.0))),
    );
    let mut x = MARGIN + ACTION_WIDTH + 60.0;
    for cell in [Cell::Allowed, Cell::ExplicitDeny, Cell::ImplicitDeny] {
        let _ = write!(
            out,
            r#"<rect class="cell {c}" x="{x}" y="{y}" width="12" height="12" rx="2"/><text class="ink" x="{tx}" y="{ty}" font-size="12">{t}</text>"#,
            c = cell.class(),
            x = num(x),
            y = num(legend_y - 10.0),
            tx = num(x + 17.0),
            ty = num(legend_y),
            t = cell.describe(),
        );
        x += 17.0 + sans_width(cell.describe(), 12.0) + 18.0;
    }
    // The column heads: name and kind.
    for (i, principal) in matrix.principals.iter().enumerate() {
        let cx = MARGIN + ACTION_WIDTH + i as f64 * COLUMN + COLUMN / 2.0;
        let _ = write!(
            out,
            r#"<text class="ink" x="{cx}" y="{y}" font-size="12" font-weight="600" text-anchor="middle">{name}</text><text class="muted" x="{cx}" y="{y2}" font-size="10.5" text-anchor="middle">{kind}</text>"#,
            cx = num(cx),
            y = num(head_y + 12.0),
            y2 = num(head_y + 25.0),
            name = escape(&fit(&principal.name, COLUMN - 6.0, |t| sans_width(t, 12.0))),
            kind = principal.kind(),
        );
    }
    let _ = write!(
        out,
        r#"<text class="muted" x="{x}" y="{y}" font-size="11">action</text><text class="muted" x="{rx}" y="{y}" font-size="11">resource</text>"#,
        x = num(MARGIN),
        rx = num(MARGIN + ACTION_WIDTH + columns as f64 * COLUMN + 10.0),
        y = num(head_y + 25.0),
    );
    for (row, action) in matrix.actions.iter().enumerate() {
        let y = rows_y + row as f64 * ROW;
        if row % 2 == 0 {
            let _ = write!(
                out,
                r#"<line class="grid-line" x1="{x1}" x2="{x2}" y1="{y}" y2="{y}"/>"#,
                x1 = num(MARGIN),
                x2 = num(width - MARGIN),
                y = num(y),
            );
        }
        let _ = write!(
            out,
            r#"<text class="ink svg-mono" x="{x}" y="{ty}" font-size="11">{t}</text>"#,
            x = num(MARGIN),
            ty = num(y + 13.0),
            t = escape(&fit(&action.action, ACTION_WIDTH - 8.0, |t| mono_width(
                t, 11.0
            ))),
        );
        for (column, principal) in matrix.principals.iter().enumerate() {
            let cell = matrix.cell(row, column).unwrap_or(Cell::Unknown);
            let _ = write!(
                out,
                r#"<rect class="cell {c}" x="{x}" y="{y}" width="{w}" height="{h}" rx="2"><title>{who}, {what}: {d}</title></rect>"#,
                c = cell.class(),
                x = num(MARGIN + ACTION_WIDTH + column as f64 * COLUMN + 3.0),
                y = num(y + 2.0),
                w = num(COLUMN - 6.0),
                h = num(ROW - 4.0),
                who = escape(&principal.name),
                what = escape(&action.action),
                d = cell.describe(),
            );
        }
        let _ = write!(
            out,
            r#"<text class="muted svg-mono" x="{x}" y="{ty}" font-size="10">{t}</text>"#,
            x = num(MARGIN + ACTION_WIDTH + columns as f64 * COLUMN + 10.0),
            ty = num(y + 13.0),
            t = escape(&fit(&action.resource_label(), RESOURCE_WIDTH - 14.0, |t| {
                mono_width(t, 10.0)
            })),
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::aws_policies::AwsPolicies;
    use crate::seed::seed_workspace;
    use crate::state::matrix::{compute_matrix, matrix_actions, matrix_principals};
    use crate::state::{Engine, RequestDraft};

    // The seed scenario without MFA: the Force_MFA Deny covers EC2 (red),
    // a user's own password is allowed (green), and nothing allows
    // `iam:ListUsers` on `*` (amber).
    #[test]
    fn every_cell_is_drawn_in_its_decisions_colour() {
        let workspace = seed_workspace();
        let patterns = [
            "ec2:DescribeInstances",
            "iam:ChangePassword",
            "iam:ListUsers",
        ]
        .map(str::to_owned);
        let (actions, _) = matrix_actions(&patterns, &workspace);
        let principals = matrix_principals(&workspace);
        let engine = Engine::new(&workspace, &AwsPolicies::default());
        let matrix = compute_matrix(
            &engine,
            principals,
            Rc::new(actions),
            &RequestDraft::default(),
        )
        .expect("a matrix");
        let svg = matrix_svg(&matrix, "without MFA", Styling::Standalone);
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg""#));
        assert_eq!(
            svg.matches(r#"<rect class="cell explicit-deny""#).count(),
            1 + 2
        );
        assert_eq!(svg.matches(r#"<rect class="cell allowed""#).count(), 1 + 2);
        assert_eq!(
            svg.matches(r#"<rect class="cell implicit-deny""#).count(),
            1 + 2
        );
        assert!(svg.contains("mfa-user-1, ec2:DescribeInstances: explicit deny"));
        assert!(svg.ends_with("</svg>"));
    }
}
