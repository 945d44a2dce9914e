//! A policy document as highlighted, read-only text: what the editor
//! column shows before Monaco has loaded, and all a read-only embed ever
//! shows. The colours are those of Monaco's JSON tokens in its `vs` and
//! `vs-dark` themes (`web/editor.css`), so the switch to the editor does
//! not flash.

use yew::{
    AttrValue, Callback, FocusEvent, Html, MouseEvent, Properties, function_component, html,
};

/// What a piece of the text is, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    /// A string before a `:` (a policy element's name, a condition key).
    Key,
    /// Any other string (an action, an ARN, a value).
    String,
    /// A number.
    Number,
    /// `true`, `false`, `null`.
    Literal,
    /// Braces, brackets, `:` and `,`.
    Punctuation,
    /// White space and anything the scanner does not know.
    Plain,
}

impl Token {
    /// The CSS class of the token's `<span>`.
    fn class(self) -> &'static str {
        match self {
            Token::Key => "tok-key",
            Token::String => "tok-string",
            Token::Number => "tok-number",
            Token::Literal => "tok-literal",
            Token::Punctuation => "tok-punctuation",
            Token::Plain => "",
        }
    }
}

/// Splits JSON-like `text` into tokens, every byte in exactly one; text
/// that is not valid JSON is still split (an unterminated string runs to
/// the end of its line).
pub fn tokens(text: &str) -> Vec<(Token, &str)> {
    let mut found: Vec<(Token, &str)> = Vec::new();
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        let (token, length) = match first {
            '"' => (Token::String, string_length(rest)),
            '{' | '}' | '[' | ']' | ':' | ',' => (Token::Punctuation, 1),
            '-' | '0'..='9' => (
                Token::Number,
                rest.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.')))
                    .unwrap_or(rest.len()),
            ),
            c if c.is_ascii_alphabetic() => {
                let length = rest
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(rest.len());
                let word = rest.get(..length).unwrap_or_default();
                let token = if matches!(word, "true" | "false" | "null") {
                    Token::Literal
                } else {
                    Token::Plain
                };
                (token, length)
            }
            c if c.is_whitespace() => (
                Token::Plain,
                rest.find(|next: char| !next.is_whitespace())
                    .unwrap_or(rest.len()),
            ),
            c => (Token::Plain, c.len_utf8()),
        };
        let (piece, after) = rest.split_at(length.max(first.len_utf8()).min(rest.len()));
        found.push((token, piece));
        rest = after;
    }
    mark_keys(&mut found);
    found
}

/// The byte length of the string at the start of `text` (which starts
/// with `"`), closing quote included; to the end of the line when it is
/// not closed.
fn string_length(text: &str) -> usize {
    let mut escaped = false;
    for (at, c) in text.char_indices().skip(1) {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return at + 1,
            '\n' => return at,
            _ => escaped = false,
        }
    }
    text.len()
}

/// Turns every string followed (after white space) by `:` into a key.
fn mark_keys(found: &mut [(Token, &str)]) {
    for at in 0..found.len() {
        if found.get(at).map(|(token, _)| *token) != Some(Token::String) {
            continue;
        }
        let next = found
            .get(at + 1..)
            .unwrap_or_default()
            .iter()
            .find(|(token, piece)| !(*token == Token::Plain && piece.trim().is_empty()));
        if matches!(next, Some((Token::Punctuation, ":")))
            && let Some(entry) = found.get_mut(at)
        {
            entry.0 = Token::Key;
        }
    }
}

/// Properties of [`PolicyText`].
#[derive(Properties, PartialEq)]
pub struct PolicyTextProps {
    /// The document's text.
    pub text: AttrValue,
    /// What the text is, for screen readers.
    pub label: AttrValue,
    /// A note over the text ("Loading the editor…", "Click to edit").
    #[prop_or_default]
    pub note: Option<AttrValue>,
    /// Called when the reader focuses or clicks the text (to edit it);
    /// without it, the text is not focusable.
    #[prop_or_default]
    pub on_activate: Option<Callback<()>>,
}

/// The policy as highlighted text.
#[function_component(PolicyText)]
pub fn policy_text(props: &PolicyTextProps) -> Html {
    let activate = props.on_activate.clone();
    let onfocus = activate
        .clone()
        .map(|activate| Callback::from(move |_: FocusEvent| activate.emit(())));
    let onclick = activate.map(|activate| Callback::from(move |_: MouseEvent| activate.emit(())));
    let focusable = onfocus.is_some();
    html! {
        <div class="policy-text-host" data-testid="policy-text">
            <pre class="policy-text" aria-label={props.label.clone()} role="textbox" aria-readonly="true"
                tabindex={focusable.then_some("0")} {onfocus} {onclick}>
                { for tokens(&props.text).into_iter().map(|(token, piece)| match token {
                    Token::Plain => html! { { piece } },
                    _ => html! { <span class={token.class()}>{ piece }</span> },
                }) }
            </pre>
            if let Some(note) = &props.note {
                <p class="policy-text-note" data-testid="policy-text-note">{ note.clone() }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{Token, tokens};

    #[test]
    fn every_byte_is_in_one_token() {
        let text = "{\n  \"Effect\": \"Deny\",\n  \"Condition\": {\"Bool\": {\"x\": true}},\n  \"n\": -12.5 é\n}";
        let joined: String = tokens(text).iter().map(|(_, piece)| *piece).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn names_before_a_colon_are_keys_and_values_are_strings() {
        let found = tokens("{ \"Effect\" : \"Deny\", \"Action\": [\"s3:*\"], \"Bool\": false }");
        let kinds: Vec<(Token, &str)> = found
            .into_iter()
            .filter(|(token, _)| *token != Token::Plain && *token != Token::Punctuation)
            .collect();
        assert_eq!(
            kinds,
            [
                (Token::Key, "\"Effect\""),
                (Token::String, "\"Deny\""),
                (Token::Key, "\"Action\""),
                (Token::String, "\"s3:*\""),
                (Token::Key, "\"Bool\""),
                (Token::Literal, "false"),
            ]
        );
    }

    #[test]
    fn an_unclosed_string_ends_with_its_line_and_escapes_do_not_close() {
        let found = tokens("\"a\\\"b\n\"c\"");
        assert_eq!(found.first(), Some(&(Token::String, "\"a\\\"b")));
        assert_eq!(found.last(), Some(&(Token::String, "\"c\"")));
    }
}
