//! Workspaces: the model, reading and writing the file format, and
//! resolving a request to the policies that apply.

pub mod expect;
pub mod import_aws;
pub mod load;
pub mod model;
pub mod resolve;
pub mod write;

pub use import_aws::{ImportedWorkspace, import_authorization_details};
pub use load::{LoadedWorkspace, load_request, load_workspace};
pub use model::*;
pub use resolve::{
    AwsManagedPolicy, CompiledDocument, CompiledWorkspace, DocumentId, ManagedPolicySource,
    NoManagedPolicies, RequestRef, ResolveError,
};
pub use write::{format_workspace, write_json, write_workspace};
