//! Catalogs as data: the entries a derived type defines (`Entry`) and the
//! catalogs it includes (`Include`), and the trait `Catalog` that lists
//! them. The composed catalog listed at run time and exported as Markdown or
//! JSON is `listing.rs`; the snapshot that guards it, `snapshot.rs`.

use core::fmt;

use crate::DetailExposure;
use crate::Listing;

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
    /// Whether the code is deprecated, from `#[skms(deprecated = "use
    /// 40120")]`: the note (empty for a bare `#[skms(deprecated)]`). A
    /// deprecated code is still answered as before; the catalog's listing,
    /// exports and endpoint mark it.
    pub deprecated: Option<&'static str>,
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
    /// catalog (`#[skms(code = 40013)]` alone), whether its variant is
    /// rebuilt from a body ([`Rebuilt`]), and the gRPC code that it chose
    /// with `#[skms(grpc = "...")]`: one byte for all, so that an entry
    /// stays at 128 bytes; a byte rather than a type of its own, whose
    /// derives cost the build of skms-core 0.5% more instructions. Its
    /// layout is `private/entry.rs`'s, which alone reads and writes it; the
    /// rest of the crate asks its accessors (`reused`, `rebuilt_mark`,
    /// `with_rebuilt`, `grpc`).
    pub(crate) marks: u8,
}

// An entry is read in every answer and stored a thousand times in a large
// catalog: it stays at 128 bytes, 144 with the detail templates of feature
// `utoipa`; a field more is a decision, measured in BENCHMARKS.md.
#[cfg(all(target_pointer_width = "64", not(feature = "utoipa")))]
const _: () = assert!(core::mem::size_of::<Entry>() == 128);
#[cfg(all(target_pointer_width = "64", feature = "utoipa"))]
const _: () = assert!(core::mem::size_of::<Entry>() == 144);

/// Whether a body with an entry's code comes back as its variant through
/// [`FromBody`](crate::FromBody), the impl that `#[derive(SkmsError)]`
/// writes: [`Entry::rebuilt`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum Rebuilt {
    /// Every body with the code: the variant has no field (a unit variant,
    /// with or without a fixed detail).
    Always,
    /// A body whose detail reads back into the variant's fields: every
    /// field appears in the detail (`detail = "keyId : {key_id}"`, or one
    /// field marked `#[skms(detail)]`) without a format spec, and, what the
    /// derive cannot see, each field's type implements `FromStr` and
    /// `Display` (`String`, the integers...); a field of another type makes
    /// the variant never rebuilt, though its entry says `FromDetail`. Only a
    /// body that carries the detail has something to read: a detail that a
    /// [`DetailPolicy`](crate::DetailPolicy) withholds, or that gRPC cut,
    /// leaves the body with its code alone. [`test::assert_round_trip`] tells which
    /// (feature `json`).
    ///
    /// [`test::assert_round_trip`]: crate::test::assert_round_trip
    FromDetail,
    /// Never: a field that the detail leaves out, or formats with a spec
    /// (`{id:?}`, `{n:>5}`), cannot be read back; nor more than eight
    /// fields; nor a field whose type names a type parameter of the enum
    /// (its `FromStr` is not known inside the generic impl).
    /// [`Decoded`](crate::Decoded) keeps such a body, with its code.
    Never,
}

/// How an entry's detail is produced; decided by the derive at compile time.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum DetailKind {
    None,
    Static(&'static str),
    /// Formatted from the variant's fields by `write!` in the generated code
    /// (a field has a spec).
    Formatted,
    /// Formatted from the variant's fields, none with a spec: the texts
    /// around them, as the derive encodes them (see `__private::texts`);
    /// the generated code hands over the fields.
    Plain(&'static str),
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
        // Only derived entries are written through their prefix; whether a
        // hand-written type rebuilds the entry from a body is not known.
        crate::__private::entry(code, status, message, variant, "").with_rebuilt(None)
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

    /// The entry, deprecated with `note` (which may be empty).
    #[must_use]
    pub const fn with_deprecated(self, note: &'static str) -> Entry {
        Entry {
            deprecated: Some(note),
            ..self
        }
    }

    /// Whether the code is deprecated (see [`deprecated`](Entry::deprecated)).
    #[must_use]
    pub const fn is_deprecated(&self) -> bool {
        self.deprecated.is_some()
    }

    /// The detail of the entry when it is a fixed text (a `detail` that names
    /// no field), so known without a value.
    #[must_use]
    pub const fn static_detail(&self) -> Option<&'static str> {
        match self.detail {
            DetailKind::Static(detail) => Some(detail),
            DetailKind::None | DetailKind::Formatted | DetailKind::Plain(_) => None,
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
            DetailKind::Formatted | DetailKind::Plain(_) => Some(self.detail_template),
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
        self.reused()
    }

    /// Whether a body with the entry's code comes back as its variant
    /// through the derived [`FromBody`](crate::FromBody); `None` when not
    /// known: an entry written by hand ([`Entry::new`]), or read from an
    /// export older than this mark.
    ///
    /// ```
    /// use skms_core::{Catalog, Rebuilt, SkmsError};
    ///
    /// #[derive(Debug, SkmsError)]
    /// enum VaultError {
    ///     #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    ///     Sealed,
    ///     #[skms(code = 60002, status = 404, msg = "Key not found", detail = "keyId : {key_id}")]
    ///     KeyNotFound { key_id: String },
    ///     #[skms(code = 60003, status = 400, msg = "Key too short", detail = "{0:?}")]
    ///     KeyTooShort(String),
    /// }
    ///
    /// let rebuilt = |code| VaultError::lookup(code).unwrap().rebuilt();
    /// assert_eq!(rebuilt(60001), Some(Rebuilt::Always));
    /// assert_eq!(rebuilt(60002), Some(Rebuilt::FromDetail));
    /// assert_eq!(rebuilt(60003), Some(Rebuilt::Never));
    /// ```
    #[must_use]
    pub const fn rebuilt(&self) -> Option<Rebuilt> {
        self.rebuilt_mark()
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
            .field("deprecated", &self.deprecated)
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
    /// The codes the field's type reserves ([`Catalog::RESERVED`]).
    pub reserved: &'static [Reserved],
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
            reserved: &[],
            generic_in: None,
        }
    }

    /// The include, with the codes its type reserves.
    #[doc(hidden)]
    #[must_use]
    pub const fn with_reserved(self, reserved: &'static [Reserved]) -> Self {
        Include { reserved, ..self }
    }
}

/// Codes from `low` to `high`, both included: a type's declared `range`, or
/// codes it reserves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CodeRange {
    /// The first code.
    pub low: u32,
    /// The last code, at least `low`.
    pub high: u32,
}

impl CodeRange {
    /// The codes `low..=high` (swapped if `high` is below `low`).
    #[must_use]
    pub const fn new(low: u32, high: u32) -> CodeRange {
        if low <= high {
            CodeRange { low, high }
        } else {
            CodeRange {
                low: high,
                high: low,
            }
        }
    }

    /// The one code `code`.
    #[must_use]
    pub const fn code(code: u32) -> CodeRange {
        CodeRange {
            low: code,
            high: code,
        }
    }

    /// Whether `code` is in the range.
    #[must_use]
    pub const fn contains(&self, code: u32) -> bool {
        self.low <= code && code <= self.high
    }

    /// Whether the two ranges share a code.
    #[must_use]
    pub const fn overlaps(&self, other: &CodeRange) -> bool {
        self.low <= other.high && other.low <= self.high
    }
}

/// `40106`, or `40106..=40109`.
impl fmt::Display for CodeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.low == self.high {
            write!(f, "{}", self.low)
        } else {
            write!(f, "{}..={}", self.low, self.high)
        }
    }
}

/// Codes that a catalog never uses again, from
/// `#[skms(reserved(40010, 40106..=40109, 40110 = "merged into 40104"))]`:
/// retired codes, or holes kept free, like protobuf's `reserved` numbers.
///
/// A derived type's composed catalog cannot use a code it (or a catalog it
/// includes) reserves: the derive refuses it at compile time. Reserved codes
/// are listed, exported, and answered by the catalog endpoint as retired;
/// they are never decoded into a variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Reserved {
    /// The codes reserved.
    pub codes: CodeRange,
    /// Why, when the attribute says: `40106 = "merged into 40104"`.
    pub reason: Option<&'static str>,
}

impl Reserved {
    /// The codes `low..=high`, reserved without a reason.
    #[must_use]
    pub const fn new(low: u32, high: u32) -> Reserved {
        Reserved {
            codes: CodeRange::new(low, high),
            reason: None,
        }
    }

    /// The one code `code`, reserved without a reason.
    #[must_use]
    pub const fn code(code: u32) -> Reserved {
        Reserved::new(code, code)
    }

    /// The reservation with a reason.
    #[must_use]
    pub const fn with_reason(self, reason: &'static str) -> Reserved {
        Reserved {
            reason: Some(reason),
            ..self
        }
    }

    /// Whether `code` is reserved here.
    #[must_use]
    pub const fn contains(&self, code: u32) -> bool {
        self.codes.contains(code)
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

    /// The codes the type reserves: `#[skms(reserved(...))]`. Its composed
    /// catalog uses none of them, nor any that an included catalog reserves.
    const RESERVED: &'static [Reserved] = &[];

    /// The range the type's own codes keep to: `#[skms(range = ...)]`.
    const RANGE: Option<CodeRange> = None;

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
            .with_type::<Self>(Self::RESERVED, Self::RANGE)
    }
}

impl<T: Catalog + ?Sized> Catalog for std::boxed::Box<T> {
    const ENTRIES: &'static [Entry] = T::ENTRIES;
    const INCLUDES: &'static [Include] = T::INCLUDES;
    const RESERVED: &'static [Reserved] = T::RESERVED;
    const RANGE: Option<CodeRange> = T::RANGE;

    fn lookup(code: u32) -> Option<&'static Entry> {
        T::lookup(code)
    }
}

impl<T: Catalog + ?Sized> Catalog for &T {
    const ENTRIES: &'static [Entry] = T::ENTRIES;
    const INCLUDES: &'static [Include] = T::INCLUDES;
    const RESERVED: &'static [Reserved] = T::RESERVED;
    const RANGE: Option<CodeRange> = T::RANGE;

    fn lookup(code: u32) -> Option<&'static Entry> {
        T::lookup(code)
    }
}

impl<T: Catalog + ?Sized> Catalog for std::sync::Arc<T> {
    const ENTRIES: &'static [Entry] = T::ENTRIES;
    const INCLUDES: &'static [Include] = T::INCLUDES;
    const RESERVED: &'static [Reserved] = T::RESERVED;
    const RANGE: Option<CodeRange> = T::RANGE;

    fn lookup(code: u32) -> Option<&'static Entry> {
        T::lookup(code)
    }
}

/// The entry of `code` in the composed catalog of `entries` and `includes`:
/// the entries first, then each included catalog in order, to any depth.
/// What `Catalog::lookup` answers, and what the composition checks look a
/// code up with in const evaluation.
#[inline]
pub(crate) const fn find<'a>(
    entries: &'a [Entry],
    includes: &'a [Include],
    code: u32,
) -> Option<&'a Entry> {
    let mut i = 0;
    while i < entries.len() {
        if entries[i].code == code {
            return Some(&entries[i]);
        }
        i += 1;
    }
    let mut i = 0;
    while i < includes.len() {
        let found = find(includes[i].entries, includes[i].includes, code);
        if found.is_some() {
            return found;
        }
        i += 1;
    }
    None
}
