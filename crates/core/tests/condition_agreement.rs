//! `clause_holds` (the fast path) must agree with `evaluate_clause` (the
//! explaining path) on every clause and context: a property test over
//! random operators, policy values and request values, drawn from pools
//! that mix readable, unreadable, wildcard and variable-bearing values.

use iamplay_core::condition::{clause_holds, evaluate_clause};
use iamplay_core::policy::{
    BaseOperator, ConditionClause, ConditionOperator, ConditionValue, SetQualifier,
};
use iamplay_core::{ContextKeys, ContextValue, Loc, Scalar, Spanned};

/// A small deterministic generator (xorshift64*), so failures replay.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).expect("small")
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

const TEXTS: &[&str] = &[
    "",
    "a",
    "A",
    "ab",
    "a*",
    "*",
    "?",
    "é",
    "caf?",
    "${aws:username}",
    "${aws:nothing}",
    "${aws:nothing, 'a'}",
    "${*}",
    "a${?}",
    "${aws:list}",
    "1",
    "1.0",
    "10",
    "-2.5",
    "abc",
    "1e3",
    "true",
    "FALSE",
    "2020-01-01",
    "2020-01-01T02:00:00+02:00",
    "2020-01-01T00:00:00Z",
    "1577836800",
    "203.0.113.0/24",
    "203.0.113.5",
    "::/0",
    "2001:db8::1",
    "QQ==",
    "QQ",
    "Zm9v",
    "arn:aws:s3:::b/*",
    "arn:aws:s3:::b/x",
    "arn:aws:sns:*:${aws:PrincipalAccount}:t",
    "arn:aws:sns:us-east-1:111122223333:t",
    "arn:aws:sns:*",
];

fn scalar(rng: &mut Rng) -> Scalar {
    match rng.below(8) {
        0 => Scalar::Number(*rng.pick(&[1.0, 10.0, -2.5, 1_577_836_800.0, 0.5])),
        1 => Scalar::Bool(rng.chance(2)),
        _ => Scalar::String((*rng.pick(TEXTS)).to_owned()),
    }
}

fn context_value(rng: &mut Rng) -> ContextValue {
    if rng.chance(3) {
        let len = rng.below(4);
        ContextValue::List((0..len).map(|_| scalar(rng)).collect())
    } else {
        ContextValue::Single(scalar(rng))
    }
}

fn operator(rng: &mut Rng) -> ConditionOperator {
    let base = *rng.pick(BaseOperator::ALL);
    if base == BaseOperator::Null {
        return ConditionOperator {
            qualifier: None,
            base,
            if_exists: false,
        };
    }
    let qualifier = match rng.below(3) {
        0 => Some(SetQualifier::ForAllValues),
        1 => Some(SetQualifier::ForAnyValue),
        _ => None,
    };
    ConditionOperator {
        qualifier,
        base,
        if_exists: rng.chance(4),
    }
}

fn policy_value(rng: &mut Rng) -> ConditionValue {
    match rng.below(10) {
        0 => ConditionValue::Bool(rng.chance(2)),
        1 => ConditionValue::Number((*rng.pick(&["1", "10", "1.0", "1577836800"])).to_owned()),
        _ => ConditionValue::String((*rng.pick(TEXTS)).to_owned()),
    }
}

fn spanned<T>(value: T) -> Spanned<T> {
    Spanned::new(value, Loc::default())
}

#[test]
fn fast_and_explaining_paths_agree() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut held = 0;
    let cases = 40_000;
    for case in 0..cases {
        let mut context = ContextKeys::new();
        if !rng.chance(3) {
            context.insert("aws:username", "a");
        }
        if !rng.chance(3) {
            context.insert("aws:PrincipalAccount", "111122223333");
        }
        context.insert(
            "aws:list",
            ContextValue::List(vec![Scalar::String("a".into())]),
        );
        if !rng.chance(4) {
            context.insert("Test:Key", context_value(&mut rng));
        }
        let count = 1 + rng.below(3);
        let clause = ConditionClause {
            operator: spanned(operator(&mut rng)),
            key: spanned((*rng.pick(&["test:key", "TEST:KEY", "test:other"])).to_owned()),
            values: (0..count)
                .map(|_| spanned(policy_value(&mut rng)))
                .collect(),
            loc: Loc::default(),
        };
        for variables_enabled in [true, false] {
            let fast = clause_holds(&clause, &context, variables_enabled);
            let full = evaluate_clause(&clause, &context, variables_enabled);
            assert_eq!(
                fast, full.holds,
                "case {case}: {} {:?} {:?} with {:?} (variables {variables_enabled})",
                clause.operator.value, clause.key.value, clause.values, context
            );
            held += usize::from(fast);
        }
    }
    // The generator reaches both outcomes often.
    assert!(
        held > cases / 4 && held < cases * 2 - cases / 4,
        "held {held}"
    );
}
