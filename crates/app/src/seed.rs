//! The seed scenario the playground opens with: the customer managed
//! `Force_MFA` policy from the AWS walkthrough that lets users manage their
//! own MFA device, the `Force_MFA` and `EC2_Full_Access` groups, and two
//! users in both (see `examples/seed/README.md` and
//! `examples/force-mfa.json`), with some of its saved requests as presets.

use iamplay_core::workspace::{Document, Workspace, load_workspace};

/// The name of the seed customer managed policy.
pub const SEED_POLICY_NAME: &str = "Force_MFA";

/// The seed policy document, exactly as in
/// `examples/seed/force-mfa.policy.json`.
pub const SEED_POLICY_DOCUMENT: &str = include_str!("../../../examples/seed/force-mfa.policy.json");

/// The seed scenario as a workspace file.
pub const SEED_WORKSPACE_FILE: &str = include_str!("../../../examples/force-mfa.json");

/// The saved requests offered as one-click presets: their rows in the
/// seed scenario's table (counting from 1) and a short label.
pub const SEED_PRESETS: [(usize, &str); 6] = [
    (1, "EC2, no MFA"),
    (2, "EC2 with MFA"),
    (4, "Own password"),
    (8, "List users"),
    (12, "Spot service role"),
    (14, "Only EC2_Full_Access"),
];

/// The seed workspace. The `Force_MFA` document is the policy file's
/// text, as a person would paste it (the workspace file carries it
/// re-indented inside the file).
pub fn seed_workspace() -> Workspace {
    // The file is checked by the tests below; an empty workspace (in the
    // default account) if it ever failed to load.
    let Some(mut workspace) = load_workspace(SEED_WORKSPACE_FILE).workspace else {
        return Workspace::new();
    };
    if let Some(policy) = workspace
        .policies
        .iter_mut()
        .find(|p| p.name == SEED_POLICY_NAME)
    {
        policy.document = Document::new(SEED_POLICY_DOCUMENT);
    }
    workspace
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_workspace_loads_with_its_fourteen_requests() {
        let workspace = seed_workspace();
        assert_eq!(workspace.requests.len(), 14);
        assert_eq!(workspace.users.len(), 2);
        assert_eq!(workspace.groups.len(), 2);
        let policy = workspace
            .policies
            .iter()
            .find(|p| p.name == SEED_POLICY_NAME)
            .expect("the Force_MFA policy");
        assert_eq!(policy.document.text, SEED_POLICY_DOCUMENT);
        for (row, _) in SEED_PRESETS {
            assert!(row >= 1 && row <= workspace.requests.len());
        }
    }
}
