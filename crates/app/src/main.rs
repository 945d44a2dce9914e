//! The IAM Policy Playground web front end.

fn main() {}
