//! What a cursor position means in an IAM policy: which element's name or
//! value is being written (reference_policies_grammar.md).

use super::scanner::{Container, Location, Segment, Slot};

/// The part of a policy the cursor is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// The name of a top-level element (`Version`, `Id`, `Statement`).
    PolicyElement,
    /// The name of a statement's element (`Sid`, `Effect`, ...).
    StatementElement,
    /// A new entry of the `Statement` array.
    NewStatement,
    /// The value of `Version`.
    Version,
    /// The value of `Effect`.
    Effect,
    /// An entry of `Action` or `NotAction`.
    Action,
    /// An entry of `Resource` or `NotResource`.
    Resource,
    /// A principal type inside `Principal` or `NotPrincipal` (`AWS`, ...).
    PrincipalType,
    /// A principal: the whole `Principal` value (`"*"`), or an entry under
    /// a principal type.
    Principal {
        /// The principal type (`AWS`, `Service`, ...), if any.
        principal_type: Option<String>,
    },
    /// A condition operator: a key of the `Condition` block.
    Operator,
    /// A condition key: a key of an operator's block.
    ConditionKey {
        /// The operator as written.
        operator: String,
    },
    /// A value compared with a condition key.
    ConditionValue {
        /// The operator as written.
        operator: String,
        /// The condition key as written.
        key: String,
    },
}

/// A [`Place`] and the objects around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PlaceAt {
    /// What is being written.
    pub place: Place,
    /// The byte offset of the `{` of the statement the cursor is in.
    pub statement: Option<usize>,
    /// The byte offset of the `{` of the innermost object (whose members a
    /// key completion should not repeat).
    pub object: Option<usize>,
}

/// What `location` means in a policy; `None` outside anything a policy
/// element could hold.
pub(crate) fn classify(location: &Location) -> Option<PlaceAt> {
    if location.levels.first()?.container != Container::Object {
        return None;
    }
    let object = location
        .levels
        .iter()
        .rev()
        .find(|level| level.container == Container::Object)
        .map(|level| level.start);
    let path = location.path();
    let at = |place| {
        Some(PlaceAt {
            place,
            statement: None,
            object,
        })
    };
    match (location.slot, path.as_slice()) {
        (Slot::Key, []) => return at(Place::PolicyElement),
        (Slot::Value, [Segment::Key("Version")]) => return at(Place::Version),
        (Slot::Value, [Segment::Key("Statement"), Segment::Element])
            if location.typed.is_none() =>
        {
            return at(Place::NewStatement);
        }
        _ => {}
    }
    let (depth, rest) = match path.as_slice() {
        [Segment::Key("Statement"), Segment::Element, rest @ ..] => (2, rest),
        [Segment::Key("Statement"), rest @ ..] => (1, rest),
        _ => return None,
    };
    let statement = location
        .levels
        .get(depth)
        .filter(|level| level.container == Container::Object)?
        .start;
    let place = statement_place(location.slot, rest)?;
    Some(PlaceAt {
        place,
        statement: Some(statement),
        object,
    })
}

/// The place at `rest`, the path inside a statement.
fn statement_place(slot: Slot, rest: &[Segment<'_>]) -> Option<Place> {
    use Segment::{Element, Key};
    let place = match (slot, rest) {
        (Slot::Key, []) => Place::StatementElement,
        (Slot::Value, [Key("Effect")]) => Place::Effect,
        (Slot::Value, [Key("Action" | "NotAction")] | [Key("Action" | "NotAction"), Element]) => {
            Place::Action
        }
        (
            Slot::Value,
            [Key("Resource" | "NotResource")] | [Key("Resource" | "NotResource"), Element],
        ) => Place::Resource,
        (Slot::Key, [Key("Principal" | "NotPrincipal")]) => Place::PrincipalType,
        (Slot::Value, [Key("Principal" | "NotPrincipal")]) => Place::Principal {
            principal_type: None,
        },
        (
            Slot::Value,
            [Key("Principal" | "NotPrincipal"), Key(principal_type)]
            | [
                Key("Principal" | "NotPrincipal"),
                Key(principal_type),
                Element,
            ],
        ) => Place::Principal {
            principal_type: Some((*principal_type).to_owned()),
        },
        (Slot::Key, [Key("Condition")]) => Place::Operator,
        (Slot::Key, [Key("Condition"), Key(operator)]) => Place::ConditionKey {
            operator: (*operator).to_owned(),
        },
        (
            Slot::Value,
            [Key("Condition"), Key(operator), Key(key)]
            | [Key("Condition"), Key(operator), Key(key), Element],
        ) => Place::ConditionValue {
            operator: (*operator).to_owned(),
            key: (*key).to_owned(),
        },
        _ => return None,
    };
    Some(place)
}

#[cfg(test)]
mod tests {
    use super::super::scanner::locate;
    use super::*;

    fn place_of(marked: &str) -> Option<Place> {
        let cursor = marked.find('|').expect("a `|` cursor");
        let text = marked.replacen('|', "", 1);
        classify(&locate(&text, cursor)?).map(|at| at.place)
    }

    #[test]
    fn elements_at_both_levels() {
        assert_eq!(place_of("{ | }"), Some(Place::PolicyElement));
        assert_eq!(
            place_of("{\"Statement\": [{ \"E|\" }]}"),
            Some(Place::StatementElement)
        );
        assert_eq!(
            place_of("{\"Statement\": { | }}"),
            Some(Place::StatementElement)
        );
        assert_eq!(
            place_of("{\"Statement\": [ | ]}"),
            Some(Place::NewStatement)
        );
    }

    #[test]
    fn values_by_element() {
        assert_eq!(place_of("{\"Version\": \"|\"}"), Some(Place::Version));
        assert_eq!(
            place_of("{\"Statement\": [{\"Effect\": \"|\"}]}"),
            Some(Place::Effect)
        );
        assert_eq!(
            place_of("{\"Statement\": [{\"NotAction\": [\"s3:|\"]}]}"),
            Some(Place::Action)
        );
        assert_eq!(
            place_of("{\"Statement\": [{\"Resource\": \"arn|\"}]}"),
            Some(Place::Resource)
        );
        assert_eq!(
            place_of("{\"Statement\": [{\"Principal\": {\"AWS\": [\"|\"]}}]}"),
            Some(Place::Principal {
                principal_type: Some("AWS".to_owned())
            })
        );
    }

    #[test]
    fn condition_parts() {
        assert_eq!(
            place_of("{\"Statement\": [{\"Condition\": {\"|\"}}]}"),
            Some(Place::Operator)
        );
        assert_eq!(
            place_of("{\"Statement\": [{\"Condition\": {\"Bool\": {|}}}]}"),
            Some(Place::ConditionKey {
                operator: "Bool".to_owned()
            })
        );
        assert_eq!(
            place_of("{\"Statement\": [{\"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"|"),
            Some(Place::ConditionValue {
                operator: "Bool".to_owned(),
                key: "aws:SecureTransport".to_owned()
            })
        );
    }

    #[test]
    fn nothing_outside_the_policy_grammar() {
        assert_eq!(place_of("[ | ]"), None);
        assert_eq!(place_of("{\"Id\": { | }}"), None);
        assert_eq!(place_of("{\"Statement\": [{\"Sid\": \"|\"}]}"), None);
    }
}
