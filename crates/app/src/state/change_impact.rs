//! Change impact: the access matrix against the baseline's, cell by
//! cell. A cell *gained* access when the baseline did not allow it (denied,
//! not evaluated, or its principal did not exist) and the workspace now
//! allows it; it *lost* access when the baseline allowed it and the
//! workspace no longer does. Rows are matched by action, columns by
//! principal, so a matrix whose principals changed compares too.

use std::collections::HashMap;

use super::PrincipalChoice;
use super::matrix::{Cell, Matrix};

/// How one cell changed since the baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CellChange {
    /// Allowed then and now, or denied then and now.
    Same,
    /// Not allowed then, allowed now.
    Gained,
    /// Allowed then, not allowed now.
    Lost,
}

impl CellChange {
    /// The CSS class and `data-change` of the cell.
    pub fn class(self) -> &'static str {
        match self {
            CellChange::Same => "same",
            CellChange::Gained => "gained",
            CellChange::Lost => "lost",
        }
    }

    /// In words, after the cell's decision.
    pub fn describe(self) -> &'static str {
        match self {
            CellChange::Same => "unchanged since the baseline",
            CellChange::Gained => "gained access since the baseline",
            CellChange::Lost => "lost access since the baseline",
        }
    }
}

/// Every cell of a matrix compared with the baseline's matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Impact {
    /// Row after row, as the matrix's cells: `changes[action *
    /// principals + principal]`.
    changes: Vec<CellChange>,
    /// The matrix's principal count.
    columns: usize,
    /// Cells that gained access.
    pub gained: usize,
    /// Cells that lost access.
    pub lost: usize,
    /// Per column, cells gained and lost.
    per_column: Vec<(usize, usize)>,
}

impl Impact {
    /// No change in a matrix of `cells` cells and `columns` principals
    /// (the workspace is the baseline).
    pub fn none(after: &Matrix) -> Impact {
        Impact {
            changes: vec![CellChange::Same; after.cells.len()],
            columns: after.principals.len(),
            gained: 0,
            lost: 0,
            per_column: vec![(0, 0); after.principals.len()],
        }
    }

    /// How the cell of `action` (row) and `principal` (column) changed.
    pub fn cell(&self, action: usize, principal: usize) -> CellChange {
        if principal >= self.columns {
            return CellChange::Same;
        }
        self.changes
            .get(action * self.columns + principal)
            .copied()
            .unwrap_or(CellChange::Same)
    }

    /// Cells gained and lost in column `principal`.
    pub fn column(&self, principal: usize) -> (usize, usize) {
        self.per_column.get(principal).copied().unwrap_or_default()
    }
}

/// Compares `after` (the workspace's matrix) with `before` (the
/// baseline's, for the same context).
pub fn impact(before: &Matrix, after: &Matrix) -> Impact {
    let rows: HashMap<String, usize> = before
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| (a.action.to_ascii_lowercase(), i))
        .collect();
    let columns: Vec<Option<usize>> = after
        .principals
        .iter()
        .map(|p| column_of(before, &p.choice))
        .collect();
    let mut result = Impact::none(after);
    for (row, action) in after.actions.iter().enumerate() {
        let then_row = rows.get(&action.action.to_ascii_lowercase()).copied();
        for (p, then_column) in columns.iter().enumerate() {
            let now = after.cell(row, p).unwrap_or(Cell::Unknown);
            let then = then_row
                .zip(*then_column)
                .and_then(|(r, c)| before.cell(r, c))
                .unwrap_or(Cell::Unknown);
            let change = match (then == Cell::Allowed, now == Cell::Allowed) {
                (false, true) => CellChange::Gained,
                (true, false) => CellChange::Lost,
                _ => CellChange::Same,
            };
            if change == CellChange::Same {
                continue;
            }
            if let Some(slot) = result.changes.get_mut(row * result.columns + p) {
                *slot = change;
            }
            if let Some(counts) = result.per_column.get_mut(p) {
                match change {
                    CellChange::Gained => {
                        counts.0 += 1;
                        result.gained += 1;
                    }
                    CellChange::Lost => {
                        counts.1 += 1;
                        result.lost += 1;
                    }
                    CellChange::Same => {}
                }
            }
        }
    }
    result
}

/// The column of `choice` in `matrix`.
fn column_of(matrix: &Matrix, choice: &PrincipalChoice) -> Option<usize> {
    matrix.principals.iter().position(|p| &p.choice == choice)
}

#[cfg(test)]
pub(crate) mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::aws_policies::AwsPolicies;
    use crate::seed::seed_workspace;
    use crate::state::matrix::{compute_matrix, matrix_actions, matrix_principals};
    use crate::state::{Engine, RequestDraft};
    use iamplay_core::workspace::Workspace;

    fn ec2_matrix(workspace: &Workspace) -> Matrix {
        let (actions, _) = matrix_actions(&["ec2:*".to_owned()], workspace);
        let engine = Engine::new(workspace, &AwsPolicies::default());
        compute_matrix(
            &engine,
            matrix_principals(workspace),
            Rc::new(actions),
            &RequestDraft::default(),
        )
        .expect("a matrix")
    }

    /// The seed with `Force_MFA` holding only its Allow statements (its
    /// last statement, the Deny, cut from the text).
    pub(crate) fn seed_without_the_deny() -> Workspace {
        let mut workspace = seed_workspace();
        let policy = workspace
            .policies
            .iter_mut()
            .find(|p| p.name == crate::seed::SEED_POLICY_NAME)
            .expect("Force_MFA");
        policy.document.text = without_the_deny(&policy.document.text);
        workspace
    }

    /// `Force_MFA`'s text without its Deny statement.
    pub(crate) fn without_the_deny(text: &str) -> String {
        let sid = text
            .find("\"Sid\": \"DoNotAllowAnythingOtherThanAboveUnlessMFAd\"")
            .expect("the Deny's Sid");
        let start = text[..sid].rfind("},").expect("a statement before it") + 1;
        let end = sid
            + text[sid..]
                .find("\n    ]")
                .expect("the end of the statements");
        let cut = format!("{}{}", &text[..start], &text[end..]);
        assert!(!cut.contains("Deny"), "{cut}");
        cut
    }

    // The seed scenario without MFA: every `ec2:*` cell of both users is
    // denied by the Force_MFA Deny; without it, AmazonEC2FullAccess allows
    // them all: every cell gained access, none lost.
    #[test]
    fn dropping_the_force_mfa_deny_gains_every_ec2_cell_of_both_users() {
        let before = ec2_matrix(&seed_workspace());
        let after = ec2_matrix(&seed_without_the_deny());
        let found = impact(&before, &after);
        let cells = after.actions.len() * 2;
        assert!(after.actions.len() > 500);
        assert_eq!(found.gained, cells);
        assert_eq!(found.lost, 0);
        for p in 0..2 {
            assert_eq!(found.column(p), (after.actions.len(), 0));
        }
        assert_eq!(found.cell(0, 1), CellChange::Gained);
        // And back: every cell lost it.
        let back = impact(&after, &before);
        assert_eq!((back.gained, back.lost), (0, cells));
        assert_eq!(back.cell(3, 0), CellChange::Lost);
        // Against itself, nothing changed.
        let same = impact(&before, &before);
        assert_eq!((same.gained, same.lost), (0, 0));
        assert_eq!(same, Impact::none(&before));
    }

    // A user added since the baseline gains what it is allowed; rows are
    // matched by action, so another order of the rows changes nothing.
    #[test]
    fn a_new_principal_gains_what_it_is_allowed_and_rows_match_by_action() {
        let workspace = seed_workspace();
        let patterns =
            |list: &[&str]| -> Vec<String> { list.iter().map(|p| (*p).to_owned()).collect() };
        let engine = Engine::new(&workspace, &AwsPolicies::default());
        let matrix = |workspace: &Workspace, engine: &Engine, rows: &[&str]| {
            let (actions, _) = matrix_actions(&patterns(rows), workspace);
            compute_matrix(
                engine,
                matrix_principals(workspace),
                Rc::new(actions),
                &RequestDraft::default(),
            )
            .expect("a matrix")
        };
        let before = matrix(
            &workspace,
            &engine,
            &["iam:ChangePassword", "iam:ListUsers"],
        );
        let reordered = matrix(
            &workspace,
            &engine,
            &["iam:ListUsers", "iam:ChangePassword"],
        );
        assert_eq!(impact(&before, &reordered).gained, 0);

        let mut grown = workspace.clone();
        let mut newcomer = grown.users[0].clone();
        newcomer.name = "mfa-user-3".to_owned();
        grown.users.push(newcomer);
        let grown_engine = Engine::new(&grown, &AwsPolicies::default());
        let after = matrix(
            &grown,
            &grown_engine,
            &["iam:ChangePassword", "iam:ListUsers"],
        );
        let found = impact(&before, &after);
        // Its own password: allowed without MFA (seed row 4); listing
        // users: not.
        assert_eq!((found.gained, found.lost), (1, 0));
        assert_eq!(found.cell(0, 2), CellChange::Gained);
        assert_eq!(found.column(2), (1, 0));
    }
}
