//! The problems of the request itself, as the decision panel shows them
//! beside the decision: the core's request findings (an action AWS does
//! not have, a context key nothing defines, a value of the wrong type...),
//! each with the fix its "did you mean" offers when that fix is a change
//! to the request the panel can make in one click.

use iamplay_core::{Code, Problem, Severity};

use super::request::RequestDraft;

/// A change to the request that a finding's "did you mean" suggests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fix {
    /// Request this action instead.
    Action(String),
    /// Rename the context key `from` to `to`, keeping its value.
    ContextKey {
        /// The key as the request has it.
        from: String,
        /// The key the catalog knows.
        to: String,
    },
}

/// One problem of the request, to show beside the decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestFinding {
    /// How serious it is.
    pub severity: Severity,
    /// Its stable identifier (e.g. `unknown-action`).
    pub code: Code,
    /// What is wrong (lowercase, names in backticks).
    pub message: String,
    /// The hint, e.g. "did you mean `ec2:DescribeInstances`?".
    pub help: Option<String>,
    /// The one-click change the hint suggests, when there is one.
    pub fix: Option<Fix>,
}

/// The findings of `problems` (a response's request findings) for the
/// request `draft`, with their fixes.
pub fn request_findings(problems: &[Problem], draft: &RequestDraft) -> Vec<RequestFinding> {
    problems
        .iter()
        .map(|problem| RequestFinding {
            severity: problem.severity,
            code: problem.code,
            message: problem.message.clone(),
            help: problem.help.clone(),
            fix: fix_of(problem, draft),
        })
        .collect()
}

/// The fix a problem's "did you mean `X`?" offers: the action `X` for an
/// unknown action or service, the key `X` in place of the unknown context
/// key the message names.
fn fix_of(problem: &Problem, draft: &RequestDraft) -> Option<Fix> {
    let suggestion = suggested(problem.help.as_deref()?)?;
    match problem.code {
        Code::UnknownAction | Code::UnknownService => {
            (suggestion != draft.action.trim()).then(|| Fix::Action(suggestion.to_owned()))
        }
        Code::UnknownConditionKey => {
            let from = draft
                .context
                .iter()
                .map(|input| input.key.as_str())
                .find(|key| problem.message.contains(&format!("`{key}`")))?;
            (from != suggestion).then(|| Fix::ContextKey {
                from: from.to_owned(),
                to: suggestion.to_owned(),
            })
        }
        _ => None,
    }
}

/// `X` of a hint that reads "did you mean `X`?".
fn suggested(help: &str) -> Option<&str> {
    let rest = help.strip_prefix("did you mean `")?;
    let (name, tail) = rest.split_once('`')?;
    (tail == "?" && !name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use iamplay_core::Loc;

    use super::*;
    use crate::state::{ContextInput, InputValue};

    fn problem(code: Code, message: &str, help: Option<&str>) -> Problem {
        Problem {
            severity: Severity::Warning,
            code,
            message: message.to_owned(),
            help: help.map(str::to_owned),
            document: None,
            policy: None,
            loc: Loc::default(),
            file: None,
        }
    }

    fn draft(action: &str, keys: &[&str]) -> RequestDraft {
        RequestDraft {
            action: action.to_owned(),
            context: keys
                .iter()
                .map(|key| ContextInput {
                    key: (*key).to_owned(),
                    value: InputValue::Text(String::new()),
                })
                .collect(),
            ..RequestDraft::default()
        }
    }

    #[test]
    fn a_misspelt_action_offers_the_catalogs_action() {
        let findings = request_findings(
            &[problem(
                Code::UnknownAction,
                "`ec2:DescribeInstancess` is not an action of `ec2`",
                Some("did you mean `ec2:DescribeInstances`?"),
            )],
            &draft("ec2:DescribeInstancess", &[]),
        );
        assert_eq!(
            findings[0].fix,
            Some(Fix::Action("ec2:DescribeInstances".to_owned()))
        );
        let findings = request_findings(
            &[problem(
                Code::UnknownService,
                "AWS has no service `ecc2`",
                Some("did you mean `ec2:DescribeInstances`?"),
            )],
            &draft("ecc2:DescribeInstances", &[]),
        );
        assert_eq!(
            findings[0].fix,
            Some(Fix::Action("ec2:DescribeInstances".to_owned()))
        );
    }

    #[test]
    fn an_unknown_key_offers_to_rename_the_key_the_message_names() {
        let findings = request_findings(
            &[problem(
                Code::UnknownConditionKey,
                "context key `iam:AWSServ` is neither a global condition key nor a key of `iam`",
                Some("did you mean `iam:AWSServiceName`?"),
            )],
            &draft(
                "iam:CreateServiceLinkedRole",
                &["aws:SourceIp", "iam:AWSServ"],
            ),
        );
        assert_eq!(
            findings[0].fix,
            Some(Fix::ContextKey {
                from: "iam:AWSServ".to_owned(),
                to: "iam:AWSServiceName".to_owned(),
            })
        );
    }

    #[test]
    fn findings_without_a_suggestion_have_no_fix() {
        let findings = request_findings(
            &[
                problem(Code::UnknownAction, "`ec2:Zzz` is not an action", None),
                problem(
                    Code::ResourceFitsNoType,
                    "`arn:aws:s3:::b` fits none of the resource types",
                    Some("did you mean `arn:aws:s3:::b/*`?"),
                ),
                problem(
                    Code::UnknownAction,
                    "`ec2:X` is not an action",
                    Some("see the catalog"),
                ),
            ],
            &draft("ec2:Zzz", &[]),
        );
        assert_eq!(findings.len(), 3);
        assert!(findings.iter().all(|f| f.fix.is_none()), "{findings:?}");
        assert_eq!(
            findings[1].help.as_deref(),
            Some("did you mean `arn:aws:s3:::b/*`?")
        );
    }
}
