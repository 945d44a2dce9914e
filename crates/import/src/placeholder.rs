//! The one form of every value the import could not resolve:
//! `<unresolved:KIND:DETAIL>`, e.g. `<unresolved:Ref:TrustedAccount>`,
//! `<unresolved:ImportValue:network-VpcId>`,
//! `<unresolved:after-apply:aws_iam_policy.deploy.arn>`.
//!
//! Why this form (see `docs/semantics.md`, "Importing infrastructure
//! code"): it is not a policy variable (no `${`), so no request context
//! can give it a value; it holds no wildcard (`*`, `?`), so it never
//! matches more than itself; and `<` and `>` occur in no ARN, account id
//! or name, so a `Principal`, `Resource` or condition value holding it
//! matches no real request. What it names is listed with its location.

/// How every placeholder starts.
pub const PLACEHOLDER_START: &str = "<unresolved:";

/// How every placeholder ends.
pub const PLACEHOLDER_END: &str = ">";

/// The placeholder for something of `kind` (`Ref`, `GetAtt`,
/// `ImportValue`, `If`, `after-apply`...) named `detail`. Characters that
/// could act in a policy (`*`, `?`, `$`, `{`, `}`) or end the placeholder
/// (`<`, `>`) are written as `_`.
pub fn placeholder(kind: &str, detail: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '*' | '?' | '$' | '{' | '}' | '<' | '>' => '_',
                c if c.is_control() => '_',
                c => c,
            })
            .collect()
    };
    format!(
        "{PLACEHOLDER_START}{}:{}{PLACEHOLDER_END}",
        clean(kind),
        clean(detail)
    )
}

/// Whether `text` holds a placeholder.
pub fn is_placeholder_text(text: &str) -> bool {
    text.contains(PLACEHOLDER_START)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_hold_no_wildcard_or_variable() {
        assert_eq!(placeholder("Ref", "Bucket"), "<unresolved:Ref:Bucket>");
        assert_eq!(
            placeholder("ImportValue", "${Env}-*?<x>"),
            "<unresolved:ImportValue:__Env_-___x_>"
        );
        assert!(is_placeholder_text("arn:aws:s3:::<unresolved:Ref:B>/*"));
    }
}
