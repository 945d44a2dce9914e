//! The JavaScript API of the IAM Policy Playground evaluator.
