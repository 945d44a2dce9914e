//! Predict, then reveal: the learner's guesses for the requests of a
//! lesson, and the running score.

use iamplay_core::response::Decision;

use yew::AttrValue;

use super::RequestDraft;

/// One guess.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guess {
    /// The request guessed about.
    pub request: RequestDraft,
    /// What the learner predicted.
    pub guess: Decision,
    /// What AWS decides (when the guess was made).
    pub answer: Decision,
}

impl Guess {
    /// Whether the prediction was right.
    pub fn correct(&self) -> bool {
        self.guess == self.answer
    }
}

/// What the decision panel needs of predict-then-reveal.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prediction {
    /// Whether the mode is on.
    pub on: bool,
    /// Whether the decision is hidden (on, and no guess for this request).
    pub hidden: bool,
    /// The guess for the request on screen.
    pub guess: Option<Guess>,
    /// Right guesses, and guesses, since the lesson loaded.
    pub score: (usize, usize),
    /// The request on screen in a line (written above exported diagrams).
    pub request: AttrValue,
}

/// The guesses made since the lesson loaded, one per request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Predictions {
    guesses: Vec<Guess>,
}

impl Predictions {
    /// The guess made for `request`, if any: its decision is revealed.
    pub fn guess_for(&self, request: &RequestDraft) -> Option<&Guess> {
        self.guesses.iter().find(|g| g.request == *request)
    }

    /// Records a guess; a request already guessed keeps its first guess
    /// (the score counts each request once). Returns whether it counted.
    pub fn record(&mut self, request: &RequestDraft, guess: Decision, answer: Decision) -> bool {
        if self.guess_for(request).is_some() {
            return false;
        }
        self.guesses.push(Guess {
            request: request.clone(),
            guess,
            answer,
        });
        true
    }

    /// Right guesses, and guesses.
    pub fn score(&self) -> (usize, usize) {
        let right = self.guesses.iter().filter(|g| g.correct()).count();
        (right, self.guesses.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(action: &str) -> RequestDraft {
        RequestDraft {
            action: action.to_owned(),
            ..RequestDraft::default()
        }
    }

    #[test]
    fn each_request_counts_once_and_the_score_runs() {
        let mut predictions = Predictions::default();
        assert_eq!(predictions.score(), (0, 0));
        let a = request("ec2:DescribeInstances");
        assert!(predictions.guess_for(&a).is_none());
        assert!(predictions.record(&a, Decision::Allowed, Decision::ExplicitDeny));
        assert!(!predictions.record(&a, Decision::ExplicitDeny, Decision::ExplicitDeny));
        assert_eq!(predictions.score(), (0, 1));
        let b = request("iam:ListUsers");
        assert!(predictions.record(&b, Decision::ImplicitDeny, Decision::ImplicitDeny));
        assert_eq!(predictions.score(), (1, 2));
        assert!(predictions.guess_for(&b).is_some_and(Guess::correct));
    }
}
