//! Access levels, the Service Authorization Reference's classification
//! of what an action does.

use std::fmt;

/// An action's access level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccessLevel {
    /// Lists resources without reading their contents (`ec2:DescribeInstances`).
    List,
    /// Reads resources' contents or attributes (`iam:GetUser`).
    Read,
    /// Creates, changes or deletes resources (`iam:CreateUser`).
    Write,
    /// Grants or changes permissions (`iam:AttachUserPolicy`).
    PermissionsManagement,
    /// Only changes tags (`iam:TagUser`).
    Tagging,
}

impl AccessLevel {
    /// The name the Service Authorization Reference shows, e.g.
    /// `Permissions management`.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Write => "Write",
            AccessLevel::PermissionsManagement => "Permissions management",
            AccessLevel::Tagging => "Tagging",
        }
    }

    /// Decodes the data file's one-letter code.
    pub(crate) fn from_code(code: &str) -> Option<AccessLevel> {
        Some(match code {
            "L" => AccessLevel::List,
            "R" => AccessLevel::Read,
            "W" => AccessLevel::Write,
            "P" => AccessLevel::PermissionsManagement,
            "T" => AccessLevel::Tagging,
            _ => return None,
        })
    }
}

impl fmt::Display for AccessLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
