//! A composed catalog listed at run time from the static data of
//! `catalog.rs` (`Listing`, what `Catalog::catalog` returns), and exported
//! as Markdown (the JSON export, written and read, is `export.rs`).

use core::fmt::{self, Write as _};
use std::string::String;
use std::vec::Vec;

use crate::catalog::{CodeRange, Entry, Include, Reserved};
use crate::diff::Code;

/// One code of a composed catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Listed {
    /// The entry.
    pub entry: &'static Entry,
    /// The transparent variants through which the entry is included, from
    /// the outermost type in; empty for the type's own entries.
    pub path: Vec<&'static str>,
}

/// A composed catalog, listed: what [`Catalog::catalog`](crate::Catalog::catalog) returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    pub(crate) listed: Vec<Listed>,
    /// The reserved codes of the type and of the catalogs it includes, the
    /// type's first, each reservation once.
    pub(crate) reserved: Vec<Reserved>,
    /// The name of the type listed, when known.
    pub(crate) name: Option<String>,
    /// The range that the type's own codes keep to.
    pub(crate) range: Option<CodeRange>,
}

impl Listing {
    pub(crate) fn compose(entries: &'static [Entry], includes: &'static [Include]) -> Self {
        let mut listing = Listing {
            listed: Vec::new(),
            reserved: Vec::new(),
            name: None,
            range: None,
        };
        listing.add(entries, includes, &mut Vec::new());
        listing
    }

    /// The listing of the type `T`, which reserves `reserved` and keeps its
    /// own codes in `range`.
    pub(crate) fn with_type<T: ?Sized>(
        mut self,
        reserved: &'static [Reserved],
        range: Option<CodeRange>,
    ) -> Self {
        let mut own: Vec<Reserved> = Vec::with_capacity(reserved.len() + self.reserved.len());
        own.extend_from_slice(reserved);
        for included in self.reserved.drain(..) {
            if !own.contains(&included) {
                own.push(included);
            }
        }
        self.reserved = own;
        self.name = Some(type_name::<T>());
        self.range = range;
        self
    }

    fn add(
        &mut self,
        entries: &'static [Entry],
        includes: &'static [Include],
        path: &mut Vec<&'static str>,
    ) {
        for entry in entries {
            // A code twice means the same thing twice (the derive refused
            // anything else): a reused standard code, or a catalog included
            // along two paths. List it once, where it is first found.
            if self.get(entry.code).is_none() {
                self.listed.push(Listed {
                    entry,
                    path: path.clone(),
                });
            }
        }
        for include in includes {
            for reserved in include.reserved {
                if !self.reserved.contains(reserved) {
                    self.reserved.push(*reserved);
                }
            }
            path.push(include.variant);
            self.add(include.entries, include.includes, path);
            path.pop();
        }
    }

    /// The name of the type listed (`KmsError`), for the exports and for
    /// the messages of the checks across services; `None`
    /// for a listing read from an export that gave none.
    #[must_use]
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The range that the type's own codes keep to, from
    /// `#[skms(range = ...)]`.
    #[must_use]
    pub fn range(&self) -> Option<CodeRange> {
        self.range
    }

    /// The codes reserved by the type and by the catalogs it includes
    /// (`#[skms(reserved(...))]`), the type's own first.
    ///
    /// ```
    /// use skms_core::{Catalog, SkmsError, StandardError};
    ///
    /// #[derive(Debug, SkmsError)]
    /// #[skms(reserved(60002, 60010..=60019 = "the old sealing API"))]
    /// enum KmsError {
    ///     #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    ///     Sealed,
    ///     #[skms(transparent)]
    ///     Standard(StandardError),
    /// }
    ///
    /// let catalog = KmsError::catalog();
    /// assert_eq!(catalog.reserved().len(), 2);
    /// assert_eq!(catalog.reservation(60012).unwrap().reason, Some("the old sealing API"));
    /// assert!(catalog.reservation(60001).is_none());
    /// ```
    #[must_use]
    pub fn reserved(&self) -> &[Reserved] {
        &self.reserved
    }

    /// The reservation that holds `code`, if the catalog reserves it.
    #[must_use]
    pub fn reservation(&self, code: u32) -> Option<&Reserved> {
        self.reserved
            .iter()
            .find(|reserved| reserved.contains(code))
    }

    /// The listed codes, own entries first.
    pub fn iter(&self) -> core::slice::Iter<'_, Listed> {
        self.listed.iter()
    }

    /// The number of codes.
    #[must_use]
    pub fn len(&self) -> usize {
        self.listed.len()
    }

    /// Whether the catalog has no code.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }

    /// The codes whose bodies never come back as their variant through the
    /// derived [`FromBody`](crate::FromBody) ([`Rebuilt::Never`]: a field
    /// left out of the detail, or written with a spec): what a client sharing
    /// the type receives as a code and a body only. Entries marked
    /// [`Rebuilt::FromDetail`] come back when their field types read back,
    /// which [`assert_round_trip`](crate::test::assert_round_trip) checks.
    ///
    /// ```
    /// use skms_core::{Catalog, SkmsError};
    ///
    /// #[derive(Debug, SkmsError)]
    /// enum VaultError {
    ///     #[skms(code = 60002, status = 404, msg = "Key not found", detail = "keyId : {key_id}")]
    ///     KeyNotFound { key_id: String },
    ///     #[skms(code = 60003, status = 400, msg = "Key too short", detail = "{0:?}")]
    ///     KeyTooShort(String),
    /// }
    ///
    /// let catalog = VaultError::catalog();
    /// let codes: Vec<u32> = catalog.not_rebuilt().map(|listed| listed.entry.code).collect();
    /// assert_eq!(codes, [60003]);
    /// ```
    ///
    /// [`Rebuilt::Never`]: crate::Rebuilt::Never
    /// [`Rebuilt::FromDetail`]: crate::Rebuilt::FromDetail
    #[inline]
    pub fn not_rebuilt(&self) -> impl Iterator<Item = &Listed> {
        self.listed
            .iter()
            .filter(|listed| listed.entry.rebuilt() == Some(crate::Rebuilt::Never))
    }

    /// The listing of `code`.
    #[must_use]
    pub fn get(&self, code: u32) -> Option<&Listed> {
        self.listed.iter().find(|listed| listed.entry.code == code)
    }

    /// The listing of `code` alone, for the catalog endpoint's one-code
    /// answers: its entry, or the reservation that holds it.
    #[cfg(any(feature = "axum", feature = "actix-web"))]
    pub(crate) fn only(&self, code: u32) -> Option<Listing> {
        let (listed, reserved) = match self.get(code) {
            Some(listed) => (std::vec![listed.clone()], Vec::new()),
            None => (Vec::new(), std::vec![*self.reservation(code)?]),
        };
        Some(Listing {
            listed,
            reserved,
            name: self.name.clone(),
            range: None,
        })
    }

    /// The catalog as a Markdown table in the reference's layout
    /// (`error code | message | Description | Status Code`), with a
    /// `Documentation` column when an entry has a `doc` link.
    ///
    /// When a code is deprecated or reserved, a last column `State` says
    /// so: `deprecated` (or `deprecated: NOTE`) beside a deprecated entry,
    /// and one row per reservation after the entries, its code cell
    /// `40106` or `40106..=40109`, its state `reserved` (or
    /// `reserved: REASON`). A catalog with neither has the reference's
    /// columns only.
    ///
    /// ```
    /// use skms_core::{Catalog, StandardError};
    ///
    /// let markdown = StandardError::catalog().to_markdown();
    /// assert!(markdown.starts_with("| error code | message | Description | Status Code |\n"));
    /// assert!(markdown.contains("| 40013 | Key not found in the keyVault | キーボルトキーの取得に失敗しました | 400 |\n"));
    /// ```
    #[must_use]
    pub fn to_markdown(&self) -> String {
        self.markdown_with(&[])
    }

    /// The Markdown table, with `retired` rows after the reservations: the
    /// snapshot's memory of codes that are gone.
    pub(crate) fn markdown_with(&self, retired: &[Code<'_>]) -> String {
        let with_doc = self.listed.iter().any(|listed| listed.entry.doc.is_some())
            || retired.iter().any(|code| code.doc.is_some());
        let with_state = !self.reserved.is_empty()
            || !retired.is_empty()
            || self
                .listed
                .iter()
                .any(|listed| listed.entry.is_deprecated());
        let mut out = String::from("| error code | message | Description | Status Code |");
        let mut rule = String::from("|---|---|---|---|");
        if with_doc {
            out.push_str(" Documentation |");
            rule.push_str("---|");
        }
        if with_state {
            out.push_str(" State |");
            rule.push_str("---|");
        }
        out.push('\n');
        out.push_str(&rule);
        out.push('\n');
        let mut row = |code: &dyn fmt::Display,
                       message: &str,
                       description: &str,
                       status: &dyn fmt::Display,
                       doc: &str,
                       state: &str| {
            let _ = write!(
                out,
                "| {code} | {} | {} | {status} |",
                markdown_cell(message),
                markdown_cell(description),
            );
            if with_doc {
                let _ = write!(out, " {} |", markdown_cell(doc));
            }
            if with_state {
                let _ = write!(out, " {} |", markdown_cell(state));
            }
            out.push('\n');
        };
        for Listed { entry, .. } in &self.listed {
            let state = match entry.deprecated {
                None => String::new(),
                Some(note) => labelled("deprecated", note),
            };
            row(
                &entry.code,
                entry.message,
                entry.description.unwrap_or(""),
                &entry.status,
                entry.doc.unwrap_or(""),
                &state,
            );
        }
        for reserved in &self.reserved {
            let state = labelled("reserved", reserved.reason.unwrap_or(""));
            row(&reserved.codes, "", "", &"", "", &state);
        }
        for code in retired {
            row(
                &code.code,
                code.message,
                code.description.unwrap_or(""),
                &code.status,
                code.doc.unwrap_or(""),
                "retired",
            );
        }
        out
    }
}

/// `deprecated`, or `deprecated: NOTE`.
fn labelled(label: &str, note: &str) -> String {
    if note.is_empty() {
        label.into()
    } else {
        std::format!("{label}: {note}")
    }
}

impl<'a> IntoIterator for &'a Listing {
    type Item = &'a Listed;
    type IntoIter = core::slice::Iter<'a, Listed>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The name of `T` without its module path: `KmsError`, `Wrapper<Inner>`.
fn type_name<T: ?Sized>() -> String {
    let full = core::any::type_name::<T>();
    let mut name = String::with_capacity(full.len());
    // Each path segment ends at `::`: keep what follows the last one before
    // each generic argument.
    let mut segment = String::new();
    for c in full.chars() {
        match c {
            ':' => segment.clear(),
            '<' | '>' | ',' | ' ' | '&' | '(' | ')' | '[' | ']' | ';' => {
                name.push_str(&segment);
                segment.clear();
                name.push(c);
            }
            c => segment.push(c),
        }
    }
    name.push_str(&segment);
    name
}

/// A table cell: `|` escaped, line breaks as `<br>`.
fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}

#[cfg(test)]
mod tests {
    #[test]
    fn type_names_lose_their_paths() {
        assert_eq!(super::type_name::<crate::StandardError>(), "StandardError");
        assert_eq!(
            super::type_name::<std::boxed::Box<crate::StandardError>>(),
            "Box<StandardError>"
        );
        assert_eq!(
            super::type_name::<core::result::Result<&str, [u8; 2]>>(),
            "Result<&str, [u8; 2]>"
        );
    }
}
