//! The context an evaluation sees: the request's own keys, then the keys
//! that follow from the principal, computed only when a condition or a
//! policy variable first asks for them.

use std::borrow::Cow;
use std::cell::OnceCell;

use crate::principal::Principal;
use crate::request::{ContextEntry, ContextKeys, ContextValue, KeyLookup};
use crate::response::{ContextKeyTrace, ContextKeyValues};

/// The most keys a principal derives (see [`Principal::derived_key_names`]).
const MAX_DERIVED: usize = 5;

/// The request's context keys with the principal's derived keys behind
/// them. Keys the request gives win over derived ones.
#[derive(Debug)]
pub struct EvalContext<'a> {
    given: &'a ContextKeys,
    principal: &'a Principal,
    derived: [OnceCell<Option<ContextEntry>>; MAX_DERIVED],
}

impl<'a> EvalContext<'a> {
    /// The context of a request made by `principal` with `given` keys.
    pub fn new(given: &'a ContextKeys, principal: &'a Principal) -> Self {
        Self {
            given,
            principal,
            derived: Default::default(),
        }
    }

    fn derived_entry(&self, index: usize) -> Option<&ContextEntry> {
        let name = *self.principal.derived_key_names().get(index)?;
        self.derived
            .get(index)?
            .get_or_init(|| {
                self.principal.derived_value(name).map(|v| ContextEntry {
                    key: name.to_owned(),
                    value: ContextValue::from(v),
                })
            })
            .as_ref()
    }

    /// The trace of every key, in the order of [`EvalContext::all`]: a
    /// derived key no condition asked for is written straight from the
    /// principal, without making its entry.
    pub fn traces(&self) -> Vec<ContextKeyTrace> {
        let names = self.principal.derived_key_names();
        let mut out = Vec::with_capacity(self.given.iter().count() + names.len());
        out.extend(self.given.iter().map(|e| ContextKeyTrace {
            key: e.key.clone().into(),
            values: e.value.texts(),
            derived: false,
        }));
        for (i, name) in names.iter().enumerate() {
            if self.given.contains(name) {
                continue;
            }
            let values = match self.derived.get(i).and_then(OnceCell::get) {
                Some(Some(entry)) => entry.value.texts(),
                Some(None) => continue,
                None => match self.principal.derived_value(name) {
                    Some(value) => ContextKeyValues::One(value),
                    None => continue,
                },
            };
            out.push(ContextKeyTrace {
                key: Cow::Borrowed(*name),
                values,
                derived: true,
            });
        }
        out
    }

    /// Every key: the given ones in order, then the derived ones the
    /// request did not give, each with whether it was derived.
    pub fn all(&self) -> Vec<(&ContextEntry, bool)> {
        let mut out: Vec<(&ContextEntry, bool)> = self.given.iter().map(|e| (e, false)).collect();
        for (i, name) in self.principal.derived_key_names().iter().enumerate() {
            if self.given.contains(name) {
                continue;
            }
            if let Some(entry) = self.derived_entry(i) {
                out.push((entry, true));
            }
        }
        out
    }
}

impl KeyLookup for EvalContext<'_> {
    fn get(&self, key: &str) -> Option<&ContextEntry> {
        if let Some(entry) = self.given.get(key) {
            return Some(entry);
        }
        let index = self
            .principal
            .derived_key_names()
            .iter()
            .position(|name| crate::matching::pattern::eq_ignore_case(name, key))?;
        self.derived_entry(index)
    }

    fn variable_text(&self, key: &str) -> Option<Cow<'_, str>> {
        if let Some(entry) = self.given.get(key) {
            return match &entry.value {
                ContextValue::Single(scalar) => Some(crate::variables::scalar_text(scalar)),
                ContextValue::List(_) => None,
            };
        }
        // `${aws:username}` is the user's name: no entry to make.
        if key.eq_ignore_ascii_case("aws:username")
            && let Principal::User { name, .. } = self.principal
        {
            return Some(Cow::Borrowed(name));
        }
        match &self.get(key)?.value {
            ContextValue::Single(scalar) => Some(crate::variables::scalar_text(scalar)),
            ContextValue::List(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_keys_fill_in_behind_given_ones() {
        let principal = Principal::user("111122223333", "alice");
        let mut given = ContextKeys::new();
        given.insert("aws:PrincipalType", "Custom");
        let context = EvalContext::new(&given, &principal);
        assert_eq!(
            context
                .get("AWS:USERNAME")
                .map(|e| e.value.texts().to_vec()),
            Some(vec!["alice".to_owned()])
        );
        assert_eq!(
            context
                .get("aws:PrincipalType")
                .map(|e| e.value.texts().to_vec()),
            Some(vec!["Custom".to_owned()])
        );
        assert!(context.get("aws:SourceIp").is_none());
        let all = context.all();
        assert_eq!(all.len(), 5);
        assert!(!all[0].1 && all[1].1);
    }
}
