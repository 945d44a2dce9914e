//! The policy editor mounted on its own in a real browser, driven through
//! its props as the app drives it: one model per document, text that is
//! never rewritten, markers at exact positions, statement highlights,
//! read-only documents, reveals. `cargo xtask test` runs these with
//! `wasm-bindgen-test-runner` in headless Chromium.

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use iamplay_app::components::{
    HighlightKind, PolicyEditor, PolicyEditorProps, Reveal, StatementHighlight,
};
use iamplay_core::{Code, Diagnostic, Loc, PolicyKind, Position, Severity, Span, parse_policy};
use js_sys::{Array, Object, Reflect};
use monaco::sys::editor::{ICodeEditor, ITextModel, get_model_markers, on_did_create_editor};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;
use yew::{AppHandle, AttrValue, Callback};

wasm_bindgen_test_configure!(run_in_browser);

/// The editor's stylesheet, as the page links it.
const EDITOR_CSS: &str = include_str!("../../../web/editor.css");

/// A policy with two statements: an Allow (lines 3 to 8) and a Deny
/// (lines 9 to 16) whose Sid holds a character outside the BMP.
const POLICY: &str = r#"{
    "Version": "2012-10-17",
    "Statement": [{
        "Sid": "AllowEc2",
        "Effect": "Allow",
        "Action": "ec2:*",
        "Resource": "*"
    },
    {
        "Sid": "Deny🔒WithoutMfa",
        "Effect": "Deny",
        "NotAction": "iam:ChangePassword",
        "Resource": "*",
        "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
    }]
}"#;

/// An editor mounted in the test page, with what it sent.
struct Mounted {
    handle: AppHandle<PolicyEditor>,
    host: Element,
    editor: ICodeEditor,
    changes: Rc<RefCell<Vec<String>>>,
    on_change: Callback<String>,
}

impl Mounted {
    /// Mounts an editor for `key` with `text`; waits until Monaco shows it.
    async fn new(key: &str, text: &str) -> Mounted {
        Self::with(key, text, |_| {}).await
    }

    /// Like [`Mounted::new`], letting `adjust` change the first props.
    async fn with(key: &str, text: &str, adjust: impl FnOnce(&mut PolicyEditorProps)) -> Mounted {
        install_stylesheet();
        let host = gloo::utils::document()
            .create_element("div")
            .expect("create a host element");
        host.set_attribute(
            "style",
            "display: flex; flex-direction: column; width: 800px; height: 400px",
        )
        .expect("size the host element");
        gloo::utils::body()
            .append_child(&host)
            .expect("attach the host element");
        let changes = Rc::new(RefCell::new(Vec::new()));
        let on_change = {
            let changes = Rc::clone(&changes);
            Callback::from(move |text: String| changes.borrow_mut().push(text))
        };
        let created: Rc<RefCell<Option<ICodeEditor>>> = Rc::default();
        let listener = {
            let created = Rc::clone(&created);
            Closure::<dyn Fn(ICodeEditor)>::new(move |editor: ICodeEditor| {
                created.replace(Some(editor));
            })
        };
        let registration = on_did_create_editor(listener.as_ref().unchecked_ref());
        let mut props = props(key, text, on_change.clone());
        adjust(&mut props);
        let handle =
            yew::Renderer::<PolicyEditor>::with_root_and_props(host.clone(), props).render();
        let mut editor = None;
        for _ in 0..100 {
            settle().await;
            let found = created.borrow().as_ref().map(same_editor);
            if let Some(found) = found
                && found.get_model().is_some()
            {
                editor = Some(found);
                break;
            }
        }
        registration.dispose();
        let editor = editor.expect("Monaco creates an editor with a model");
        Mounted {
            handle,
            host,
            editor,
            changes,
            on_change,
        }
    }

    /// Re-renders with new props (built from the same callback).
    async fn update(&mut self, key: &str, text: &str, adjust: impl FnOnce(&mut PolicyEditorProps)) {
        let mut props = props(key, text, self.on_change.clone());
        adjust(&mut props);
        self.handle.update(props);
        settle().await;
    }

    /// The model on screen.
    fn model(&self) -> ITextModel {
        self.editor.get_model().expect("the editor shows a model")
    }

    /// The text on screen.
    fn text(&self) -> String {
        self.model().get_value(None, None)
    }

    /// Types `text` at the cursor, as the keyboard does.
    fn type_text(&self, text: &str) {
        let payload = Object::new();
        set(&payload, "text", &text.into());
        self.editor.trigger("keyboard", "type", &payload);
    }

    /// Moves the cursor to a line and column.
    fn move_to(&self, line: u32, column: u32) {
        let position = Object::new();
        set(&position, "lineNumber", &line.into());
        set(&position, "column", &column.into());
        self.editor.set_position(position.unchecked_ref());
    }

    /// The editor's markers on the model on screen.
    fn markers(&self) -> Vec<Object> {
        let filter = Object::new();
        set(&filter, "owner", &"iamplay".into());
        set(&filter, "resource", &JsValue::from(self.model().uri()));
        get_model_markers(&filter)
            .iter()
            .map(JsCast::unchecked_into)
            .collect()
    }

    /// The decorations of the model on screen whose options have
    /// `option` containing `class`.
    fn decorations(&self, option: &str, class: &str) -> Vec<Object> {
        self.model()
            .get_all_decorations(None, None)
            .iter()
            .filter(|decoration| {
                get(&get(decoration, "options"), option)
                    .as_string()
                    .is_some_and(|value| value.split(' ').any(|c| c == class))
            })
            .map(JsCast::unchecked_into)
            .collect()
    }

    fn destroy(self) {
        self.handle.destroy();
        self.host.remove();
    }
}

/// Another handle on the same editor.
fn same_editor(editor: &ICodeEditor) -> ICodeEditor {
    let value: &JsValue = editor.as_ref();
    value.clone().unchecked_into()
}

/// The editor's props for `key` and `text`, everything else default.
fn props(key: &str, text: &str, on_change: Callback<String>) -> PolicyEditorProps {
    PolicyEditorProps {
        document_key: AttrValue::from(key.to_owned()),
        text: AttrValue::from(text.to_owned()),
        read_only: false,
        kind: PolicyKind::Identity,
        diagnostics: Rc::default(),
        highlights: Rc::default(),
        reveal: None,
        on_change,
    }
}

/// Lets Yew render and run effects, and Monaco react.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

fn install_stylesheet() {
    let document = gloo::utils::document();
    if document
        .query_selector("style#editor-css")
        .ok()
        .flatten()
        .is_none()
    {
        let style = document.create_element("style").expect("a style element");
        style.set_id("editor-css");
        style.set_text_content(Some(EDITOR_CSS));
        gloo::utils::head()
            .append_child(&style)
            .expect("attach the stylesheet");
    }
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    Reflect::set(target, &key.into(), value).expect("set a property");
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn number(target: &JsValue, key: &str) -> u32 {
    get(target, key).as_f64().map_or(0, |n| n as u32)
}

/// A location from line and column pairs (the byte span is not used by
/// the editor).
fn loc(start: (u32, u32), end: (u32, u32)) -> Loc {
    Loc {
        span: Span::default(),
        start: Position {
            line: start.0,
            column: start.1,
        },
        end: Position {
            line: end.0,
            column: end.1,
        },
    }
}

/// Each document key gets its own model; switching swaps them and each
/// keeps its undo history.
#[wasm_bindgen_test]
async fn each_document_has_its_own_model_and_undo_history() {
    let mut mounted = Mounted::new("models-a", POLICY).await;
    let first = mounted.model();
    mounted.move_to(1, 2);
    mounted.type_text(" ");
    let edited = format!("{{ {}", &POLICY[1..]);
    assert_eq!(mounted.text(), edited);
    assert_eq!(*mounted.changes.borrow(), vec![edited.clone()]);

    let other = "{\"Version\": \"2012-10-17\", \"Statement\": []}";
    mounted.update("models-b", other, |_| {}).await;
    assert_eq!(mounted.text(), other);
    assert_ne!(
        mounted.model().id(),
        first.id(),
        "another document, another model"
    );
    assert_eq!(
        first.get_value(None, None),
        edited,
        "the first model is kept"
    );

    mounted.update("models-a", &edited, |_| {}).await;
    assert_eq!(mounted.model().id(), first.id(), "back to the first model");
    // Ctrl+Z: the undo command acts on the focused editor.
    mounted.editor.focus();
    mounted.editor.trigger("keyboard", "undo", &JsValue::NULL);
    assert_eq!(
        mounted.text(),
        POLICY,
        "its undo history survived the switch"
    );
    assert_eq!(mounted.changes.borrow().len(), 2, "the undo is a user edit");
    mounted.destroy();
}

/// The props echo what the user typed, sometimes late: the editor never
/// writes an old echo back over newer typing, and never reports its own
/// changes as edits. A really new text (the workspace was replaced)
/// replaces the model's.
#[wasm_bindgen_test]
async fn the_editor_never_rewrites_what_the_user_typed() {
    let mut mounted = Mounted::new("echo", POLICY).await;
    mounted.move_to(1, 2);
    mounted.type_text("a");
    mounted.type_text("b");
    let after_a = format!("{{a{}", &POLICY[1..]);
    let after_b = format!("{{ab{}", &POLICY[1..]);
    assert_eq!(
        mounted.changes.borrow().as_slice(),
        [after_a.clone(), after_b.clone()]
    );

    // A late echo of the first keystroke leaves the second in place.
    mounted.update("echo", &after_a, |_| {}).await;
    assert_eq!(mounted.text(), after_b);
    mounted.update("echo", &after_b, |_| {}).await;
    assert_eq!(mounted.text(), after_b);
    let selection = mounted.editor.get_selection().expect("a selection");
    assert_eq!(
        (selection.start_line_number(), selection.start_column()),
        (1.0, 4.0),
        "the cursor stayed after the typed text"
    );

    // The workspace was replaced: the new text shows, and is no edit.
    mounted.update("echo", POLICY, |_| {}).await;
    assert_eq!(mounted.text(), POLICY);
    assert_eq!(
        mounted.changes.borrow().len(),
        2,
        "no on_change for the app's own text"
    );
    mounted.destroy();
}

/// A diagnostic at line 5, column 9 becomes a marker exactly there, with
/// the severity mapped and the hint in the message; a parse error from
/// the real parser lands where the parser says.
#[wasm_bindgen_test]
async fn diagnostics_become_markers_at_their_exact_positions() {
    let finding = Diagnostic::new(
        Severity::Error,
        Code::InvalidEffect,
        "`Effect` must be `Allow` or `Deny`",
        loc((5, 9), (5, 17)),
    )
    .with_help("write `\"Allow\"` or `\"Deny\"`");
    let hint = Diagnostic::new(
        Severity::Suggestion,
        Code::SetOperatorOnSingleValue,
        "a suggestion",
        loc((10, 17), (10, 35)),
    );
    let security = Diagnostic::new(
        Severity::SecurityWarning,
        Code::AllowNotAction,
        "a security warning",
        loc((6, 9), (6, 17)),
    );
    let diagnostics = Rc::new(vec![finding, hint, security]);
    let mut mounted = Mounted::with("markers", POLICY, |props| {
        props.diagnostics = Rc::clone(&diagnostics);
    })
    .await;
    let markers = mounted.markers();
    assert_eq!(markers.len(), 3);
    let error = &markers[0];
    assert_eq!(
        [
            number(error, "startLineNumber"),
            number(error, "startColumn"),
            number(error, "endLineNumber"),
            number(error, "endColumn")
        ],
        [5, 9, 5, 17]
    );
    assert_eq!(number(error, "severity"), 8, "Error");
    assert_eq!(
        get(error, "message").as_string().as_deref(),
        Some("`Effect` must be `Allow` or `Deny`\nhelp: write `\"Allow\"` or `\"Deny\"`")
    );
    let severities: Vec<u32> = markers.iter().map(|m| number(m, "severity")).collect();
    assert!(
        severities.contains(&2),
        "a suggestion is information: {severities:?}"
    );
    assert!(
        severities.contains(&4),
        "a security warning is a warning: {severities:?}"
    );

    // Break the JSON after the non-BMP character: the parser's location
    // counts UTF-16 units, as Monaco does, so the marker is on the `?`.
    let broken = POLICY.replace("WithoutMfa\",", "WithoutMfa\" ?");
    let parsed = parse_policy(&broken, PolicyKind::Identity);
    assert!(parsed.has_errors());
    let expected = parsed.diagnostics[0].loc;
    mounted
        .update("markers", &broken, |props| {
            props.diagnostics = Rc::new(parsed.diagnostics.clone());
        })
        .await;
    let markers = mounted.markers();
    assert_eq!(markers.len(), parsed.diagnostics.len());
    assert_eq!(number(&markers[0], "startLineNumber"), expected.start.line);
    assert_eq!(number(&markers[0], "startColumn"), expected.start.column);
    assert_eq!(expected.start.line, 10, "the error is on the Sid line");
    let at = loc(
        (expected.start.line, expected.start.column),
        (expected.start.line, expected.start.column + 1),
    );
    let marked = Object::new();
    set(&marked, "startLineNumber", &at.start.line.into());
    set(&marked, "startColumn", &at.start.column.into());
    set(&marked, "endLineNumber", &at.end.line.into());
    set(&marked, "endColumn", &at.end.column.into());
    assert_eq!(
        mounted
            .model()
            .get_value_in_range(marked.unchecked_ref(), None),
        "?",
        "the marker starts at the stray character"
    );

    // No diagnostics, no markers.
    mounted.update("markers", &broken, |_| {}).await;
    assert!(mounted.markers().is_empty());
    mounted.destroy();
}

/// The deciding Deny is marked red, the overridden Allow struck through,
/// each with its reason on hover; the lines show the classes.
#[wasm_bindgen_test]
async fn highlights_become_decorations() {
    let parsed = parse_policy(POLICY, PolicyKind::Identity);
    let policy = parsed.policy.expect("the test policy parses");
    let allow = policy.statements[0].loc;
    let deny = policy.statements[1].loc;
    let highlights = Rc::new(vec![
        StatementHighlight {
            loc: allow,
            kind: HighlightKind::Overridden,
            message: "overridden by the Deny in statement 2".to_owned(),
        },
        StatementHighlight {
            loc: deny,
            kind: HighlightKind::DecidingDeny,
            message: "deciding: explicit deny".to_owned(),
        },
    ]);
    let mut mounted = Mounted::with("highlights", POLICY, |props| {
        props.highlights = Rc::clone(&highlights);
    })
    .await;
    let denied = mounted.decorations("className", "iamplay-line-deny");
    assert_eq!(denied.len(), 1);
    let range = get(&denied[0], "range");
    assert_eq!(number(&range, "startLineNumber"), deny.start.line);
    assert_eq!(number(&range, "endLineNumber"), deny.end.line);
    assert_eq!(
        get(&get(&get(&denied[0], "options"), "hoverMessage"), "value")
            .as_string()
            .as_deref(),
        Some("deciding: explicit deny")
    );
    assert_eq!(
        mounted
            .decorations("className", "iamplay-line-overridden")
            .len(),
        1
    );
    let struck = mounted.decorations("inlineClassName", "iamplay-text-overridden");
    assert_eq!(
        struck.len() as u32,
        allow.end.line - allow.start.line + 1,
        "each line of the overridden statement is struck through"
    );
    let glyphs = mounted.decorations("glyphMarginClassName", "iamplay-glyph-deny");
    assert_eq!(glyphs.len(), 1);
    assert_eq!(
        number(&get(&glyphs[0], "range"), "startLineNumber"),
        deny.start.line
    );

    // Monaco draws them.
    settle().await;
    assert!(
        mounted
            .host
            .query_selector(".iamplay-line-deny")
            .ok()
            .flatten()
            .is_some(),
        "the Deny's lines are tinted"
    );
    assert!(
        mounted
            .host
            .query_selector(".iamplay-glyph-deny")
            .ok()
            .flatten()
            .is_some(),
        "the Deny has an icon in the margin"
    );

    // Allowed instead: the marks change.
    mounted
        .update("highlights", POLICY, |props| {
            props.highlights = Rc::new(vec![StatementHighlight {
                loc: allow,
                kind: HighlightKind::DecidingAllow,
                message: "deciding: allowed".to_owned(),
            }]);
        })
        .await;
    assert!(
        mounted
            .decorations("className", "iamplay-line-deny")
            .is_empty()
    );
    assert_eq!(
        mounted.decorations("className", "iamplay-line-allow").len(),
        1
    );
    mounted.destroy();
}

/// AWS managed policies open read-only: typing changes nothing and
/// reports nothing; the label says so.
#[wasm_bindgen_test]
async fn read_only_documents_refuse_typing() {
    let mut mounted = Mounted::with("read-only", POLICY, |props| props.read_only = true).await;
    mounted.move_to(1, 2);
    mounted.type_text("x");
    assert_eq!(mounted.text(), POLICY);
    assert!(mounted.changes.borrow().is_empty());
    let options = mounted.editor.get_raw_options();
    assert_eq!(get(&options, "readOnly").as_bool(), Some(true));
    let label = mounted
        .host
        .query_selector("textarea")
        .ok()
        .flatten()
        .and_then(|area| area.get_attribute("aria-label"))
        .unwrap_or_default();
    assert!(label.contains("read-only"), "{label}");

    mounted.update("read-only", POLICY, |_| {}).await;
    mounted.type_text("x");
    assert_eq!(mounted.changes.borrow().len(), 1, "editable again");
    mounted.destroy();
}

/// A reveal selects the range, scrolls it into view and focuses the
/// editor; the same nonce does not reveal twice.
#[wasm_bindgen_test]
async fn reveal_scrolls_to_selects_and_focuses() {
    let long: String = {
        let filler: Vec<String> = (0..80)
            .map(|i| format!("        \"Sid{i}\": \"x\","))
            .collect();
        format!(
            "{{\n    \"Statement\": [{{\n{}\n        \"Effect\": \"Allow\"\n    }}]\n}}",
            filler.join("\n")
        )
    };
    let mut mounted = Mounted::new("reveal", &long).await;
    // Line 70 is `        "Sid67": "x",`: select `"Sid67"`.
    let target = loc((70, 9), (70, 16));
    mounted
        .update("reveal", &long, |props| {
            props.reveal = Some(Reveal {
                loc: target,
                nonce: 1,
            });
        })
        .await;
    let selection = mounted.editor.get_selection().expect("a selection");
    assert_eq!(
        [
            selection.start_line_number(),
            selection.start_column(),
            selection.end_line_number(),
            selection.end_column()
        ],
        [70.0, 9.0, 70.0, 16.0]
    );
    assert!(mounted.editor.has_text_focus(), "the editor has the focus");
    // Smooth scrolling takes a moment.
    for _ in 0..20 {
        settle().await;
    }
    let visible: Array = mounted.editor.get_visible_ranges();
    let shows_line = visible.iter().any(|range| {
        number(&range, "startLineNumber") <= 70 && number(&range, "endLineNumber") >= 70
    });
    assert!(shows_line, "line 70 is in view");

    // Moving away and re-rendering with the same nonce keeps the cursor.
    mounted.move_to(2, 1);
    mounted
        .update("reveal", &long, |props| {
            props.reveal = Some(Reveal {
                loc: target,
                nonce: 1,
            });
        })
        .await;
    let selection = mounted.editor.get_selection().expect("a selection");
    assert_eq!(selection.start_line_number(), 2.0);
    mounted.destroy();
}

/// The editor is labelled for screen readers and says how to reach the
/// accessibility help and how Tab leaves it.
#[wasm_bindgen_test]
async fn the_editor_is_labelled_for_screen_readers() {
    let mounted = Mounted::new("label", POLICY).await;
    let label = mounted
        .host
        .query_selector("textarea")
        .ok()
        .flatten()
        .and_then(|area| area.get_attribute("aria-label"))
        .unwrap_or_default();
    assert!(label.starts_with("Policy document (JSON)"), "{label}");
    assert!(label.contains("Alt+F1"), "{label}");
    assert!(label.contains("Ctrl+M"), "{label}");
    mounted.destroy();
}
