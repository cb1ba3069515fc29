//! What a value resolves to (`Resolved`): its own entry, or the field of a
//! transparent variant, whose answers are the field's; and
//! `TransparentField`, what such a field's type must be.

use core::fmt;
use std::string::String;

use crate::catalog::{DetailKind, Entry, Include, Reserved};
use crate::error::FmtDetail;
use crate::{DetailExposure, SkmsError};

use super::Cow;

/// What a value of a derived type resolves to, once, in its generated
/// `__skms_resolve`: the entry of its variant in its type's own table, or the
/// field of a transparent variant, which answers for it.
pub enum Resolved<'a> {
    Entry(&'static Entry),
    Transparent(&'a dyn SkmsError),
}

impl<'a> Resolved<'a> {
    #[inline]
    #[must_use]
    pub fn code(self) -> u32 {
        match self {
            Resolved::Entry(entry) => entry.code,
            Resolved::Transparent(inner) => inner.code(),
        }
    }

    #[inline]
    #[must_use]
    pub fn status(self) -> u16 {
        match self {
            Resolved::Entry(entry) => entry.status,
            Resolved::Transparent(inner) => inner.status(),
        }
    }

    #[inline]
    #[must_use]
    pub fn message(self) -> &'a str {
        match self {
            Resolved::Entry(entry) => entry.message,
            Resolved::Transparent(inner) => inner.message(),
        }
    }

    #[inline]
    #[must_use]
    pub fn has_detail(self) -> bool {
        match self {
            Resolved::Entry(entry) => entry.has_detail(),
            Resolved::Transparent(inner) => inner.has_detail(),
        }
    }

    #[inline]
    #[must_use]
    pub fn detail_exposure(self) -> DetailExposure {
        match self {
            Resolved::Entry(entry) => entry.exposure,
            Resolved::Transparent(inner) => inner.detail_exposure(),
        }
    }

    /// The gRPC code that the variant chose, or its transparent field; 0
    /// when none was chosen.
    #[inline]
    #[must_use]
    pub fn grpc(self) -> u8 {
        match self {
            Resolved::Entry(entry) => entry.grpc(),
            // Through `grpc_code`, which a hand-written field may override.
            #[cfg(feature = "tonic")]
            Resolved::Transparent(inner) => inner.grpc_code().map_or(0, |code| code as u8),
            // Read by nothing without `tonic`.
            #[cfg(not(feature = "tonic"))]
            Resolved::Transparent(inner) => inner.__skms_grpc(),
        }
    }

    /// The detail of `this`, the value that resolved to `self`.
    #[inline]
    pub fn detail<E: SkmsError + ?Sized>(self, this: &'a E) -> Option<Cow<'a, str>> {
        match self {
            Resolved::Entry(entry) => match entry.detail {
                DetailKind::None => None,
                DetailKind::Static(detail) => Some(Cow::Borrowed(detail)),
                DetailKind::Formatted | DetailKind::Plain(_) => {
                    // Not `to_string`, which panics when a `Display` fails:
                    // what was written is the detail.
                    let mut detail = String::new();
                    let _ = fmt::write(&mut detail, format_args!("{}", FmtDetail(this)));
                    Some(Cow::Owned(detail))
                }
            },
            Resolved::Transparent(inner) => inner.detail(),
        }
    }

    /// Writes the detail of a variant whose detail is not formatted from its
    /// fields (those are written by the generated code itself).
    ///
    /// # Errors
    ///
    /// Passes on the error of the formatter.
    #[inline]
    pub fn fmt_detail(self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Resolved::Entry(entry) => match entry.detail {
                DetailKind::Static(detail) => f.write_str(detail),
                DetailKind::None | DetailKind::Formatted | DetailKind::Plain(_) => Ok(()),
            },
            Resolved::Transparent(inner) => inner.fmt_detail(f),
        }
    }
}

/// What the type of a `#[skms(transparent)]` field must be: an SKMS error
/// whose codes are listed, `SkmsError` and `Catalog`. The generated code
/// reaches both through this one trait, spanned at the field's type, so that
/// a type that lacks either is one error there, not one for each use and
/// each trait (`do_not_recommend` keeps the compiler from reporting each
/// missing trait of the impl below on its own).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a #[skms(transparent)] field",
    label = "`{Self}` must implement `SkmsError` and `Catalog`",
    note = "a transparent variant answers with its field's codes and includes its field's catalog: derive `SkmsError` for `{Self}`, which implements both (or implement the one it lacks), or give the variant a code of its own"
)]
pub trait TransparentField {
    /// `Catalog::ENTRIES`.
    const ENTRIES: &'static [Entry];
    /// `Catalog::INCLUDES`.
    const INCLUDES: &'static [Include];
    /// `Catalog::RESERVED`.
    const RESERVED: &'static [Reserved];
    /// The field as a trait object.
    fn as_dyn(&self) -> &dyn SkmsError;
    /// `Catalog::lookup`.
    fn lookup(code: u32) -> Option<&'static Entry>;
}

#[diagnostic::do_not_recommend]
impl<E: SkmsError + crate::Catalog> TransparentField for E {
    const ENTRIES: &'static [Entry] = <E as crate::Catalog>::ENTRIES;
    const INCLUDES: &'static [Include] = <E as crate::Catalog>::INCLUDES;
    const RESERVED: &'static [Reserved] = <E as crate::Catalog>::RESERVED;

    #[inline]
    fn as_dyn(&self) -> &dyn SkmsError {
        self
    }

    #[inline]
    fn lookup(code: u32) -> Option<&'static Entry> {
        <E as crate::Catalog>::lookup(code)
    }
}
