//! AWS managed policies: parsing `data/managed-policies.txt`, looking a
//! policy up by name or ARN, and searching names for a picker.

use crate::format::{DataError, SourceInfo, records};
use crate::glob::{cmp_ignore_ascii_case, contains_ignore_ascii_case};
use crate::pretty::pretty_json;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

/// First line of `data/managed-policies.txt`.
const HEADER: &str = "iamplay-catalog managed-policies 1";

/// A byte range of the text.
type TextSpan = (u32, u32);

struct PolicyEntry {
    name: TextSpan,
    path: TextSpan,
    version_id: TextSpan,
    document: TextSpan,
}

/// The AWS managed policies (each at its default version; the
/// `aws-service-role/` policies, which no one can attach, are left out).
///
/// Native builds can use the embedded set, [`crate::managed_policies()`].
/// The web app keeps them out of its `.wasm` (they are about 320 KB
/// gzipped): it fetches `data/managed-policies.txt` when first needed and
/// passes the text to [`ManagedPolicies::parse`].
pub struct ManagedPolicies {
    text: Cow<'static, str>,
    source: [TextSpan; 3],
    policies: Vec<PolicyEntry>,
}

impl fmt::Debug for ManagedPolicies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManagedPolicies")
            .field("source", &self.source())
            .field("policies", &self.policies.len())
            .finish()
    }
}

impl ManagedPolicies {
    /// A set without any policy.
    #[cfg(feature = "embed-managed-policies")]
    pub(crate) const EMPTY: ManagedPolicies = ManagedPolicies {
        text: Cow::Borrowed(""),
        source: [(0, 0); 3],
        policies: Vec::new(),
    };

    /// Parses the text of a `managed-policies.txt` file (see
    /// [`crate::format`]); takes a `&'static str` or an owned `String`.
    pub fn parse(text: impl Into<Cow<'static, str>>) -> Result<ManagedPolicies, DataError> {
        let text = text.into();
        let mut source = None;
        let mut policies: Vec<PolicyEntry> = Vec::new();
        let mut previous: Option<&str> = None;
        for record in records(&text, HEADER)? {
            let span = |index: usize| -> Result<TextSpan, DataError> {
                let value = record.non_empty(index, "field")?;
                let start = record.field_offset(index);
                Ok((start as u32, (start + value.len()) as u32))
            };
            match record.kind() {
                "M" if source.is_none() && policies.is_empty() => {
                    record.expect_fields(4)?;
                    source = Some([span(1)?, span(2)?, span(3)?]);
                }
                "P" if source.is_some() => {
                    record.expect_fields(5)?;
                    let name = record.non_empty(1, "policy name")?;
                    if let Some(previous) = previous
                        && cmp_ignore_ascii_case(previous, name) != Ordering::Less
                    {
                        return Err(record.error(
                            1,
                            format!("`{name}` is not sorted after `{previous}` (or repeats it)"),
                        ));
                    }
                    previous = Some(name);
                    let path = record.non_empty(2, "policy path")?;
                    if !path.starts_with('/') || !path.ends_with('/') {
                        return Err(record.error(2, format!("bad policy path `{path}`")));
                    }
                    policies.push(PolicyEntry {
                        name: span(1)?,
                        path: span(2)?,
                        version_id: span(3)?,
                        document: span(4)?,
                    });
                }
                other => {
                    return Err(record.error(0, format!("unexpected record kind `{other}`")));
                }
            }
        }
        let source = source.ok_or_else(|| DataError {
            line: 2,
            column: 1,
            message: "missing the source line".to_owned(),
        })?;
        Ok(ManagedPolicies {
            text,
            source,
            policies,
        })
    }

    fn str(&self, span: TextSpan) -> &str {
        self.text
            .get(span.0 as usize..span.1 as usize)
            .unwrap_or("")
    }

    /// The package, version and date of the data.
    pub fn source(&self) -> SourceInfo<'_> {
        let [package, version, date] = self.source;
        SourceInfo {
            package: self.str(package),
            version: self.str(version),
            date: self.str(date),
        }
    }

    /// How many policies there are.
    pub fn len(&self) -> usize {
        self.policies.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.policies.is_empty()
    }

    /// Every policy, sorted by name ignoring case.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = ManagedPolicy<'_>> {
        self.policies
            .iter()
            .map(|entry| ManagedPolicy { set: self, entry })
    }

    /// The policy with this name (`AmazonEC2FullAccess`) or ARN
    /// (`arn:aws:iam::aws:policy/AmazonEC2FullAccess`).
    pub fn get(&self, name_or_arn: &str) -> Option<ManagedPolicy<'_>> {
        if name_or_arn.starts_with("arn:") {
            self.by_arn(name_or_arn)
        } else {
            self.by_name(name_or_arn)
        }
    }

    /// The policy with this name, ignoring ASCII case (IAM policy names
    /// are unique regardless of case).
    pub fn by_name(&self, name: &str) -> Option<ManagedPolicy<'_>> {
        let index = self
            .policies
            .binary_search_by(|p| cmp_ignore_ascii_case(self.str(p.name), name))
            .ok()?;
        self.policies
            .get(index)
            .map(|entry| ManagedPolicy { set: self, entry })
    }

    /// The policy with this ARN, `arn:<partition>:iam::aws:policy<path><name>`
    /// in any partition; the path must match exactly, the name ignoring case.
    pub fn by_arn(&self, arn: &str) -> Option<ManagedPolicy<'_>> {
        let rest = arn.strip_prefix("arn:")?;
        let (_partition, rest) = rest.split_once(':')?;
        let path_and_name = rest.strip_prefix("iam::aws:policy")?;
        let slash = path_and_name.rfind('/')?;
        let (path, name) = path_and_name.split_at(slash + 1);
        self.by_name(name).filter(|p| p.path() == path)
    }

    /// The policies whose names contain every whitespace-separated word
    /// of `query`, ignoring case: an exact name first, then names that
    /// start with the first word, then the rest, each group sorted by
    /// name. An empty query gives every policy.
    pub fn search(&self, query: &str) -> Vec<ManagedPolicy<'_>> {
        let words: Vec<&str> = query.split_whitespace().collect();
        let mut found: Vec<(u8, ManagedPolicy<'_>)> = self
            .iter()
            .filter(|p| {
                words
                    .iter()
                    .all(|w| contains_ignore_ascii_case(p.name(), w))
            })
            .map(|p| {
                let name = p.name();
                let rank = if name.eq_ignore_ascii_case(query.trim()) {
                    0
                } else if words.first().is_some_and(|w| {
                    name.get(..w.len())
                        .is_some_and(|start| start.eq_ignore_ascii_case(w))
                }) {
                    1
                } else {
                    2
                };
                (rank, p)
            })
            .collect();
        found.sort_by_key(|(rank, _)| *rank);
        found.into_iter().map(|(_, p)| p).collect()
    }
}

/// One AWS managed policy at its default version.
#[derive(Clone, Copy)]
pub struct ManagedPolicy<'p> {
    set: &'p ManagedPolicies,
    entry: &'p PolicyEntry,
}

impl<'p> ManagedPolicy<'p> {
    /// The policy name, e.g. `AmazonEC2FullAccess`.
    pub fn name(&self) -> &'p str {
        self.set.str(self.entry.name)
    }

    /// The path, e.g. `/` or `/service-role/` (`/job-function/` ...).
    pub fn path(&self) -> &'p str {
        self.set.str(self.entry.path)
    }

    /// The ARN in the `aws` partition, e.g.
    /// `arn:aws:iam::aws:policy/AmazonEC2FullAccess`.
    pub fn arn(&self) -> String {
        format!("arn:aws:iam::aws:policy{}{}", self.path(), self.name())
    }

    /// The id of the default (current) version, e.g. `v5`.
    pub fn version_id(&self) -> &'p str {
        self.set.str(self.entry.version_id)
    }

    /// The policy document as minified JSON, members in AWS's order.
    pub fn document_json(&self) -> &'p str {
        self.set.str(self.entry.document)
    }

    /// The policy document as pretty JSON (four-space indentation), ready
    /// for an editor.
    pub fn document(&self) -> String {
        pretty_json(self.document_json())
    }
}

impl fmt::Debug for ManagedPolicy<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManagedPolicy")
            .field("arn", &self.arn())
            .field("version_id", &self.version_id())
            .finish()
    }
}

impl PartialEq for ManagedPolicy<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.entry, other.entry)
    }
}

impl Eq for ManagedPolicy<'_> {}
