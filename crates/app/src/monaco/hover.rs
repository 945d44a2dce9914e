//! What hovering a policy's text shows: an action's access level and
//! resource types, what an action pattern matches, a condition key's type,
//! a condition operator's meaning, an element's purpose.

use super::describe;
use super::place::{Place, classify};
use super::scanner::{Slot, locate};

/// A hover: Markdown over a byte range of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hover {
    /// The bytes the hover belongs to (a string's content).
    pub range: (usize, usize),
    /// What to show.
    pub markdown: String,
}

/// The hover for the character at byte `offset` of `text`, if it is in a
/// string the editor can say something about.
pub(crate) fn hover(text: &str, offset: usize) -> Option<Hover> {
    let location = locate(text, offset)?;
    let typed = location.typed.filter(|typed| typed.quoted())?;
    let at = classify(&location)?;
    let word = typed.token.text(text);
    let markdown = match (&at.place, location.slot) {
        (Place::Action, Slot::Value) => describe::action_entry(word),
        (Place::ConditionKey { .. }, Slot::Key) => describe::condition_key(word),
        (Place::Operator, Slot::Key) => describe::operator(word),
        (Place::PolicyElement | Place::StatementElement, Slot::Key) => describe::element(word)?,
        _ => return None,
    };
    Some(Hover {
        range: typed.token.content(),
        markdown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = r#"{
    "Version": "2012-10-17",
    "Statement": [{
        "Effect": "Allow",
        "Action": ["ec2:DescribeInstances", "iam:Get*"],
        "Resource": "*",
        "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
    }]
}"#;

    /// The hover at the first occurrence of `needle`, a few bytes in.
    fn hover_on(needle: &str) -> Option<Hover> {
        let at = POLICY.find(needle).expect("the policy holds the needle");
        hover(POLICY, at + 2)
    }

    #[test]
    fn hovering_an_action_shows_its_access_level() {
        let shown = hover_on("ec2:DescribeInstances").expect("a hover");
        assert!(shown.markdown.contains("List access"), "{}", shown.markdown);
        let start = POLICY.find("ec2:DescribeInstances").expect("the action");
        assert_eq!(shown.range, (start, start + "ec2:DescribeInstances".len()));
    }

    #[test]
    fn hovering_a_pattern_counts_its_actions() {
        let shown = hover_on("iam:Get*").expect("a hover");
        assert!(
            shown.markdown.starts_with("**`iam:Get*`** matches "),
            "{}",
            shown.markdown
        );
    }

    #[test]
    fn hovering_keys_operators_and_elements() {
        let key = hover_on("aws:MultiFactorAuthPresent").expect("a key hover");
        assert!(key.markdown.contains("· Bool"), "{}", key.markdown);
        let operator = hover_on("Bool\"").expect("an operator hover");
        assert!(
            operator.markdown.contains("Boolean operator"),
            "{}",
            operator.markdown
        );
        let element = hover_on("Effect").expect("an element hover");
        assert!(
            element.markdown.contains("`Allow` or `Deny`"),
            "{}",
            element.markdown
        );
    }

    #[test]
    fn nothing_on_other_values() {
        assert_eq!(hover_on("Allow"), None);
        assert_eq!(hover_on("2012-10-17"), None);
    }
}
