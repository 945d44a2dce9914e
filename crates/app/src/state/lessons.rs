//! The scenario gallery: the lessons of `examples/*.json`, compiled into
//! the app, in the order of `examples/README.md`.

use iamplay_core::response::Decision;
use iamplay_core::workspace::{Workspace, load_workspace};

use crate::seed::seed_workspace;

/// One lesson: a workspace file of `examples/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// The file's name in `examples/`, e.g. `deny-overrides-allow.json`.
    pub file: &'static str,
    /// The file's text.
    pub text: &'static str,
}

/// A [`Lesson`] for a file of `examples/`.
macro_rules! lesson {
    ($file:literal) => {
        Lesson {
            file: $file,
            text: include_str!(concat!("../../../../examples/", $file)),
        }
    };
}

/// Every lesson, in the order of the table in `examples/README.md`.
pub const LESSONS: [Lesson; 10] = [
    lesson!("force-mfa.json"),
    lesson!("deny-overrides-allow.json"),
    lesson!("notaction.json"),
    lesson!("implicit-deny.json"),
    lesson!("permissions-boundary.json"),
    lesson!("scp-region-guard.json"),
    lesson!("cross-account-bucket.json"),
    lesson!("s3-home-folders.json"),
    lesson!("forallvalues-empty.json"),
    lesson!("what-flips-the-decision.json"),
];

/// A saved request of a lesson, as the gallery lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonRequest {
    /// What the request asks, in a learner's words.
    pub name: String,
    /// The decision the lesson expects.
    pub expect: Option<Decision>,
}

/// What the gallery shows of a lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonCard {
    /// Which lesson (index into [`LESSONS`]).
    pub index: usize,
    /// The title.
    pub title: String,
    /// The two or three sentences.
    pub description: String,
    /// Its saved requests.
    pub requests: Vec<LessonRequest>,
}

impl Lesson {
    /// The lesson's workspace; `None` if the file does not load (the
    /// tests check that every one does).
    pub fn workspace(&self) -> Option<Workspace> {
        load_workspace(self.text).workspace
    }

    /// The lesson's workspace as the playground opens it: the seed
    /// walkthrough opens exactly as the seed scenario does.
    pub fn playground_workspace(&self) -> Option<Workspace> {
        if self.file == SEED_LESSON {
            Some(seed_workspace())
        } else {
            self.workspace()
        }
    }
}

/// The file of the seed walkthrough's lesson.
pub const SEED_LESSON: &str = "force-mfa.json";

/// What the gallery shows of every lesson (lessons that do not load are
/// left out).
pub fn cards() -> Vec<LessonCard> {
    LESSONS
        .iter()
        .enumerate()
        .filter_map(|(index, lesson)| {
            let workspace = lesson.workspace()?;
            Some(LessonCard {
                index,
                title: workspace
                    .name
                    .clone()
                    .unwrap_or_else(|| lesson.file.to_owned()),
                description: workspace.description.clone().unwrap_or_default(),
                requests: lesson_requests(&workspace),
            })
        })
        .collect()
}

thread_local! {
    /// The gallery's cards, read once.
    static CARDS: std::rc::Rc<Vec<LessonCard>> = std::rc::Rc::new(cards());
}

/// The gallery's cards (read from the files once).
pub fn gallery_cards() -> std::rc::Rc<Vec<LessonCard>> {
    CARDS.with(std::rc::Rc::clone)
}

/// The saved requests of `workspace` with their expected decisions.
pub fn lesson_requests(workspace: &Workspace) -> Vec<LessonRequest> {
    workspace
        .requests
        .iter()
        .enumerate()
        .map(|(i, spec)| LessonRequest {
            name: spec
                .name
                .clone()
                .unwrap_or_else(|| format!("request {}", i + 1)),
            expect: spec.expect.as_ref().map(|e| e.decision),
        })
        .collect()
}

/// Whether `workspace` holds nothing of the user's own: it is empty, the
/// seed scenario, or a lesson exactly as it opens. Anything else is put
/// aside (recoverable) before a lesson replaces it.
pub fn is_pristine(workspace: &Workspace) -> bool {
    let mut empty = Workspace::new();
    empty.account.clone_from(&workspace.account);
    if *workspace == empty || *workspace == Workspace::new() {
        return true;
    }
    OPENED.with(|opened| opened.iter().any(|lesson| lesson == workspace))
}

thread_local! {
    /// Every lesson's workspace as the playground opens it, read once
    /// (the app asks [`is_pristine`] on every render).
    static OPENED: Vec<Workspace> = LESSONS
        .iter()
        .filter_map(Lesson::playground_workspace)
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files in the table of `examples/README.md`, in its order.
    fn readme_order() -> Vec<String> {
        include_str!("../../../../examples/README.md")
            .lines()
            .filter_map(|line| line.strip_prefix("| `"))
            .filter_map(|rest| rest.split_once('`'))
            .map(|(file, _)| file.to_owned())
            .collect()
    }

    #[test]
    fn the_gallery_lists_every_lesson_of_the_readme_in_its_order() {
        let files: Vec<&str> = LESSONS.iter().map(|l| l.file).collect();
        assert_eq!(files, readme_order());
    }

    // examples/README.md, "Writing a lesson": a title, two or three
    // sentences, and requests that each expect a decision.
    #[test]
    fn every_lesson_loads_with_a_title_sentences_and_expectations() {
        let cards = cards();
        assert_eq!(cards.len(), LESSONS.len(), "every lesson loads");
        for card in &cards {
            assert!(!card.title.is_empty(), "{card:?}");
            assert!(card.description.matches(". ").count() >= 1, "{card:?}");
            assert!(!card.requests.is_empty(), "{}", card.title);
            assert!(
                card.requests.iter().all(|r| r.expect.is_some()),
                "{}",
                card.title
            );
        }
        assert_eq!(cards[1].title, "Deny overrides allow");
    }

    #[test]
    fn lessons_as_they_open_are_pristine_and_edits_are_not() {
        assert!(is_pristine(&Workspace::new()));
        assert!(is_pristine(&seed_workspace()));
        for lesson in LESSONS {
            let workspace = lesson.playground_workspace().expect("the lesson loads");
            assert!(is_pristine(&workspace), "{}", lesson.file);
        }
        let mut edited = seed_workspace();
        edited.users.pop();
        assert!(!is_pristine(&edited));
    }
}
