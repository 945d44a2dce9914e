//! Workspaces: the model, reading and writing the file format, and
//! resolving a request to the policies that apply.

pub mod expect;
pub mod import_aws;
pub mod load;
pub mod managed;
pub mod model;
pub mod write;

pub use import_aws::{ImportedWorkspace, import_authorization_details};
pub use load::{LoadedWorkspace, load_request, load_workspace};
pub use managed::{AwsManagedPolicy, ManagedPolicySource, NoManagedPolicies};
pub use model::*;
pub use write::{format_workspace, write_json, write_workspace};
