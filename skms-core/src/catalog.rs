//! Catalogs as data: the entries a derived type defines, listed at run time
//! from static data.

use core::fmt;

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
    /// The name of the variant (or struct) that defines the code.
    pub variant: &'static str,
    pub(crate) detail: DetailKind,
    /// `{"code":C,"message":"M"`, escaped: the start of every body of the
    /// entry, computed by the derive.
    pub(crate) json_prefix: &'static str,
    pub(crate) exposure: DetailExposure,
}

/// How an entry's detail is produced; decided by the derive at compile time.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum DetailKind {
    None,
    Static(&'static str),
    Formatted,
}

impl Entry {
    /// The detail of the entry when it is a fixed text (a `detail` that names
    /// no field), so known without a value.
    #[must_use]
    pub const fn static_detail(&self) -> Option<&'static str> {
        match self.detail {
            DetailKind::Static(detail) => Some(detail),
            DetailKind::None | DetailKind::Formatted => None,
        }
    }

    /// Whether the entry's detail is marked public or internal.
    #[must_use]
    pub const fn detail_exposure(&self) -> DetailExposure {
        self.exposure
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
            .field("variant", &self.variant)
            .finish_non_exhaustive()
    }
}

/// A type whose values are the codes of a catalog; every
/// `#[derive(SkmsError)]` type implements it.
///
/// A separate trait from [`SkmsError`](crate::SkmsError), so that
/// `dyn SkmsError` stays possible.
///
/// ```
/// use skms_core::{Catalog, StandardError};
///
/// assert_eq!(StandardError::ENTRIES.len(), 26);
/// let entry = StandardError::lookup(40301).unwrap();
/// assert_eq!(entry.status, 401);
/// assert_eq!(entry.variant, "PermissionDenied");
/// ```
pub trait Catalog {
    /// The entries that the type's own variants define, in declaration order.
    /// The variants marked `#[skms(transparent)]` define none here: their
    /// entries are the listing of the type they wrap.
    const ENTRIES: &'static [Entry];

    /// The entry of `code` among [`ENTRIES`](Catalog::ENTRIES).
    #[must_use]
    fn lookup(code: u32) -> Option<&'static Entry> {
        Self::ENTRIES.iter().find(|entry| entry.code == code)
    }
}
