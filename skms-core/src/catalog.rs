//! Catalogs as data: the entries a derived type defines and the catalogs it
//! includes, listed at run time from static data, exported as Markdown or
//! JSON, and guarded against accidental change by a snapshot file.

use core::fmt::{self, Write as _};
use std::string::String;
use std::vec::Vec;

use crate::DetailExposure;

/// One code of a catalog: what a variant answers with, as static data.
///
/// Every derived type lists its entries through [`Catalog::ENTRIES`]; the
/// standard catalog's are [`StandardError::ENTRIES`](crate::StandardError).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Entry {
    /// The SKMS code.
    pub code: u32,
    /// The HTTP status.
    pub status: u16,
    /// The fixed message.
    pub message: &'static str,
    /// What the code means, from `#[skms(description = "...")]`; for the
    /// standard catalog, the reference's Japanese description.
    pub description: Option<&'static str>,
    /// A link to the code's documentation, from `#[skms(doc = "https://...")]`.
    pub doc: Option<&'static str>,
    /// The name of the variant (or struct) that defines the code.
    pub variant: &'static str,
    pub(crate) detail: DetailKind,
    /// The `detail` format string as written, for a detail formatted from
    /// the variant's fields; empty for any other. Kept only for the OpenAPI
    /// examples: an entry stays small without them.
    #[cfg(feature = "utoipa")]
    pub(crate) detail_template: &'static str,
    /// `{"code":C,"message":"M"`, escaped: the start of every body of the
    /// entry, computed by the derive.
    pub(crate) json_prefix: &'static str,
    pub(crate) exposure: DetailExposure,
    /// Whether the variant took its status and message from the standard
    /// catalog (`#[skms(code = 40013)]` alone): the bit `REUSED`; and the
    /// gRPC code that it chose with `#[skms(grpc = "...")]`: the other bits,
    /// the value of a `tonic::Code` (1 to 16), or 0 when it chose none and
    /// its code follows its status. One byte for both, so that an entry stays
    /// at 112 bytes; a byte rather than a type of its own, whose derives cost
    /// the build of skms-core 0.5% more instructions.
    pub(crate) marks: u8,
}

// An entry is read in every answer and stored a thousand times in a large
// catalog: it stays at 112 bytes (BENCHMARKS.md measured lookups at 128),
// 128 with the detail templates of feature `utoipa`.
#[cfg(all(target_pointer_width = "64", not(feature = "utoipa")))]
const _: () = assert!(core::mem::size_of::<Entry>() == 112);
#[cfg(all(target_pointer_width = "64", feature = "utoipa"))]
const _: () = assert!(core::mem::size_of::<Entry>() == 128);

/// The bit of `Entry::marks` set when the entry reuses a standard code;
/// the others hold the gRPC code chosen.
pub(crate) const REUSED: u8 = 0x80;

/// How an entry's detail is produced; decided by the derive at compile time.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum DetailKind {
    None,
    Static(&'static str),
    /// Formatted from the variant's fields. For a detail of plain fields
    /// (no spec), its texts as the derive writes them (see
    /// `__private::with_plain_detail`); for any other, empty, and the
    /// generated code formats it.
    Formatted(&'static str),
}

impl Entry {
    /// An entry for the catalog of a hand-written `SkmsError` (derived
    /// types build theirs). Add a description or a link with
    /// [`with_description`](Entry::with_description) and
    /// [`with_doc`](Entry::with_doc).
    ///
    /// ```
    /// use skms_core::{Catalog, Entry};
    ///
    /// struct Upstream;
    ///
    /// impl Catalog for Upstream {
    ///     const ENTRIES: &'static [Entry] = &[Entry::new(50001, 500, "An unexpected error has occurred in the internal system", "Upstream")];
    /// }
    /// assert_eq!(Upstream::lookup(50001).unwrap().status, 500);
    /// ```
    #[must_use]
    pub const fn new(
        code: u32,
        status: u16,
        message: &'static str,
        variant: &'static str,
    ) -> Entry {
        // Only derived entries are written through their prefix.
        crate::__private::entry(code, status, message, variant, "")
    }

    /// The entry with a description.
    #[must_use]
    pub const fn with_description(self, description: &'static str) -> Entry {
        Entry {
            description: Some(description),
            ..self
        }
    }

    /// The entry with a documentation link.
    #[must_use]
    pub const fn with_doc(self, doc: &'static str) -> Entry {
        Entry {
            doc: Some(doc),
            ..self
        }
    }

    /// The detail of the entry when it is a fixed text (a `detail` that names
    /// no field), so known without a value.
    #[must_use]
    pub const fn static_detail(&self) -> Option<&'static str> {
        match self.detail {
            DetailKind::Static(detail) => Some(detail),
            DetailKind::None | DetailKind::Formatted(_) => None,
        }
    }

    /// The entry's detail as the variant declares it: the format string of a
    /// detail formatted from the variant's fields, as written in
    /// `#[skms(detail = "...")]` (`keyId : {key_id}`; `{field}` for a field
    /// marked `#[skms(detail)]`), or the text of a fixed detail. `None` for
    /// an entry without detail. What documentation shows in place of a
    /// detail that only a value knows (the `utoipa` integration's examples).
    ///
    /// With feature `utoipa` only: the derive keeps the format strings in
    /// the catalog then, and only then.
    ///
    /// ```
    /// use skms_core::{Catalog, SkmsError};
    ///
    /// #[derive(Debug, SkmsError)]
    /// enum VaultError {
    ///     #[skms(code = 40013, detail = "keyId : {key_id}")]
    ///     KeyNotFound { key_id: String },
    ///     #[skms(code = 40101, detail = "token expired")]
    ///     InvalidToken,
    ///     #[skms(code = 40105)]
    ///     RequiredValueMissing,
    /// }
    ///
    /// let template = |code| VaultError::lookup(code).unwrap().detail_template();
    /// assert_eq!(template(40013), Some("keyId : {key_id}"));
    /// assert_eq!(template(40101), Some("token expired"));
    /// assert_eq!(template(40105), None);
    /// ```
    #[cfg(feature = "utoipa")]
    #[must_use]
    pub const fn detail_template(&self) -> Option<&'static str> {
        match self.detail {
            DetailKind::None => None,
            DetailKind::Static(detail) => Some(detail),
            DetailKind::Formatted(_) => Some(self.detail_template),
        }
    }

    /// Whether the entry's detail is marked public or internal.
    #[must_use]
    pub const fn detail_exposure(&self) -> DetailExposure {
        self.exposure
    }

    /// Whether the entry is a standard code reused by a service's own
    /// variant, its status and message taken from [`StandardError`](crate::StandardError).
    #[must_use]
    pub const fn reuses_standard(&self) -> bool {
        self.marks & REUSED != 0
    }

    /// Whether every value of the entry's variant has a detail.
    #[must_use]
    pub const fn has_detail(&self) -> bool {
        !matches!(self.detail, DetailKind::None)
    }
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("code", &self.code)
            .field("status", &self.status)
            .field("message", &self.message)
            .field("description", &self.description)
            .field("doc", &self.doc)
            .field("variant", &self.variant)
            .finish_non_exhaustive()
    }
}

/// A catalog that a type includes through a `#[skms(transparent)]` variant:
/// the entries of the field's type and, in turn, what that type includes.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Include {
    /// The transparent variant.
    pub variant: &'static str,
    /// The field type's own entries.
    pub entries: &'static [Entry],
    /// What the field's type includes.
    pub includes: &'static [Include],
    /// The generic type that includes it, when the field's type names a
    /// parameter of that type: its composition is then checked after
    /// monomorphization, and a catalog that includes the type checks it
    /// again before (see `__private::check_include`).
    pub(crate) generic_in: Option<&'static str>,
}

impl Include {
    #[doc(hidden)]
    #[must_use]
    pub const fn new(
        variant: &'static str,
        entries: &'static [Entry],
        includes: &'static [Include],
    ) -> Self {
        Include {
            variant,
            entries,
            includes,
            generic_in: None,
        }
    }
}

/// A type whose values are the codes of a catalog; every
/// `#[derive(SkmsError)]` type implements it.
///
/// A type's catalog is composed: its own entries, then the catalogs of its
/// `#[skms(transparent)]` variants' fields, to any depth. The derive checks at
/// compile time that no code means two things in it.
///
/// A separate trait from [`SkmsError`](crate::SkmsError), so that
/// `dyn SkmsError` stays possible. A hand-written `SkmsError` that is the
/// field of a transparent variant implements it too; `ENTRIES` may be empty.
///
/// ```
/// use skms_core::{Catalog, StandardError};
///
/// assert_eq!(StandardError::ENTRIES.len(), 26);
/// let entry = StandardError::lookup(40301).unwrap();
/// assert_eq!(entry.status, 401);
/// assert_eq!(entry.variant, "PermissionDenied");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an SKMS catalog",
    label = "`{Self}` does not implement `Catalog`",
    note = "a #[skms(transparent)] field's type must list its codes: derive `SkmsError` for it, or implement `Catalog`"
)]
pub trait Catalog {
    /// The entries that the type's own variants define, in declaration order.
    /// The variants marked `#[skms(transparent)]` define none here: their
    /// entries are in [`INCLUDES`](Catalog::INCLUDES).
    const ENTRIES: &'static [Entry];

    /// The catalogs the type includes through its transparent variants.
    const INCLUDES: &'static [Include] = &[];

    /// The entry of `code` in the composed catalog: the type's own entries
    /// first, then the included catalogs in declaration order.
    #[must_use]
    fn lookup(code: u32) -> Option<&'static Entry> {
        find(Self::ENTRIES, Self::INCLUDES, code)
    }

    /// The whole composed catalog, own entries first, each code once.
    ///
    /// ```
    /// use skms_core::{Catalog, SkmsError, StandardError};
    ///
    /// #[derive(Debug, SkmsError)]
    /// enum KmsError {
    ///     #[skms(code = 60001, status = 503, msg = "Vault sealed", doc = "https://example.com/60001")]
    ///     Sealed,
    ///     #[skms(transparent)]
    ///     Standard(StandardError),
    /// }
    ///
    /// let catalog = KmsError::catalog();
    /// assert_eq!(catalog.len(), 27);
    /// assert_eq!(catalog.get(60001).unwrap().entry.doc, Some("https://example.com/60001"));
    /// assert_eq!(catalog.get(40013).unwrap().path, ["Standard"]);
    /// ```
    #[must_use]
    fn catalog() -> Listing
    where
        Self: Sized,
    {
        Listing::compose(Self::ENTRIES, Self::INCLUDES)
    }
}

impl<T: Catalog + ?Sized> Catalog for std::boxed::Box<T> {
    const ENTRIES: &'static [Entry] = T::ENTRIES;
    const INCLUDES: &'static [Include] = T::INCLUDES;

    fn lookup(code: u32) -> Option<&'static Entry> {
        T::lookup(code)
    }
}

impl<T: Catalog + ?Sized> Catalog for &T {
    const ENTRIES: &'static [Entry] = T::ENTRIES;
    const INCLUDES: &'static [Include] = T::INCLUDES;

    fn lookup(code: u32) -> Option<&'static Entry> {
        T::lookup(code)
    }
}

impl<T: Catalog + ?Sized> Catalog for std::sync::Arc<T> {
    const ENTRIES: &'static [Entry] = T::ENTRIES;
    const INCLUDES: &'static [Include] = T::INCLUDES;

    fn lookup(code: u32) -> Option<&'static Entry> {
        T::lookup(code)
    }
}

pub(crate) fn find(
    entries: &'static [Entry],
    includes: &'static [Include],
    code: u32,
) -> Option<&'static Entry> {
    entries.iter().find(|entry| entry.code == code).or_else(|| {
        includes
            .iter()
            .find_map(|include| find(include.entries, include.includes, code))
    })
}

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

impl Listed {
    /// Appends the JSON object of this code, as [`Listing::to_json`] lists it.
    pub(crate) fn write_json(&self, out: &mut Vec<u8>) {
        let Listed { entry, path } = self;
        let _ = write!(
            crate::json::Bytes(out),
            "{{\"code\":{},\"status\":{},\"message\":",
            entry.code,
            entry.status
        );
        crate::json::write_str(out, entry.message);
        if let Some(description) = entry.description {
            out.extend_from_slice(b",\"description\":");
            crate::json::write_str(out, description);
        }
        if let Some(doc) = entry.doc {
            out.extend_from_slice(b",\"doc\":");
            crate::json::write_str(out, doc);
        }
        out.extend_from_slice(b",\"variant\":");
        crate::json::write_str(out, entry.variant);
        if !path.is_empty() {
            out.extend_from_slice(b",\"via\":[");
            for (index, variant) in path.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                crate::json::write_str(out, variant);
            }
            out.push(b']');
        }
        out.push(b'}');
    }
}

/// A composed catalog, listed: what [`Catalog::catalog`] returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    listed: Vec<Listed>,
}

impl Listing {
    pub(crate) fn compose(entries: &'static [Entry], includes: &'static [Include]) -> Self {
        let mut listing = Listing { listed: Vec::new() };
        listing.add(entries, includes, &mut Vec::new());
        listing
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
            path.push(include.variant);
            self.add(include.entries, include.includes, path);
            path.pop();
        }
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

    /// The listing of `code`.
    #[must_use]
    pub fn get(&self, code: u32) -> Option<&Listed> {
        self.listed.iter().find(|listed| listed.entry.code == code)
    }

    /// The listing of `code` alone, for the catalog endpoint's one-code
    /// answers.
    #[cfg(any(feature = "axum", feature = "actix-web"))]
    pub(crate) fn only(&self, code: u32) -> Option<Listing> {
        self.get(code).map(|listed| Listing {
            listed: std::vec![listed.clone()],
        })
    }

    /// The catalog as a Markdown table in the reference's layout
    /// (`error code | message | Description | Status Code`), with a
    /// `Documentation` column when an entry has a `doc` link.
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
        let with_doc = self.listed.iter().any(|listed| listed.entry.doc.is_some());
        let mut out = String::from("| error code | message | Description | Status Code |");
        out.push_str(if with_doc {
            " Documentation |\n|---|---|---|---|---|\n"
        } else {
            "\n|---|---|---|---|\n"
        });
        for Listed { entry, .. } in &self.listed {
            let _ = write!(
                out,
                "| {} | {} | {} | {} |",
                entry.code,
                markdown_cell(entry.message),
                markdown_cell(entry.description.unwrap_or("")),
                entry.status
            );
            if with_doc {
                let _ = write!(out, " {} |", markdown_cell(entry.doc.unwrap_or("")));
            }
            out.push('\n');
        }
        out
    }

    /// The catalog as a JSON array, one object per code: `code`, `status`,
    /// `message`, `description` and `doc` when present, `variant`, and `via`
    /// (the transparent variants it is included through) when not empty.
    ///
    /// ```
    /// use skms_core::{Catalog, StandardError};
    ///
    /// let json = StandardError::catalog().to_json();
    /// assert!(json.contains(r#"{"code":40301,"status":401,"message":"You don't have permission this service","description":"アクセス権がありません","variant":"PermissionDenied"}"#));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(self.listed.len() * 128);
        out.extend_from_slice(b"[");
        for (index, listed) in self.listed.iter().enumerate() {
            out.extend_from_slice(if index == 0 { b"\n  " } else { b",\n  " });
            listed.write_json(&mut out);
        }
        out.extend_from_slice(b"\n]\n");
        // Everything written is UTF-8: literals and escaped `str`s.
        String::from_utf8(out).unwrap_or_default()
    }
}

impl<'a> IntoIterator for &'a Listing {
    type Item = &'a Listed;
    type IntoIter = core::slice::Iter<'a, Listed>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A table cell: `|` escaped, line breaks as `<br>`.
fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}
