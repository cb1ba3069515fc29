//! The entries of a derived type's table: one `const fn` call builds each
//! (`entry`, `entry_formatted`, `entry_plain_detail`, or `reuse` for a
//! standard code), and the `with_*` functions add what the variant declares
//! around it.
//!
//! The module owns the layout of `Entry::marks`: it alone reads and writes
//! the byte, and the rest of the crate asks the accessors on `Entry` below
//! (`reused`, `rebuilt_mark`, `with_rebuilt`, `grpc`).
//!
//! Every function is `#[inline]`: they build static tables in const
//! evaluation, which reads their MIR, so a build of skms-core need not
//! compile them to machine code.

use crate::catalog::{DetailKind, Entry, Rebuilt};
use crate::DetailExposure;

use super::message::Message;

// The layout of `Entry::marks`, one byte for three marks.

/// The bit set when the entry reuses a standard code.
const REUSED: u8 = 0x80;
/// The bits that say whether the variant is rebuilt from a body: 0 when not
/// known, else `1 + Rebuilt as u8` (the value the derive passes to
/// [`with_rebuilt`]), shifted by [`REBUILT_SHIFT`].
const REBUILT: u8 = 0x60;
const REBUILT_SHIFT: u32 = 5;
/// The bits that hold the gRPC code chosen: the value of a `tonic::Code`
/// (1 to 16), or 0 when none was chosen.
const GRPC: u8 = 0x1F;

// Whether the variant is rebuilt from a body (`Rebuilt`), as `marks`: what
// each constructor assumes of its detail (none or fixed: always; plain
// fields: from the detail; formatted with a spec: never), which the derive
// corrects with `with_rebuilt` where the variant's fields say otherwise.
const ALWAYS: u8 = 1 << REBUILT_SHIFT;
const FROM_DETAIL: u8 = 2 << REBUILT_SHIFT;
const NEVER: u8 = 3 << REBUILT_SHIFT;

/// What the rest of the crate reads and writes of `marks`.
impl Entry {
    /// Whether the entry reuses a standard code
    /// ([`Entry::reuses_standard`]).
    #[inline]
    pub(crate) const fn reused(&self) -> bool {
        self.marks & REUSED != 0
    }

    /// Whether the entry's variant is rebuilt from a body; `None` when not
    /// known ([`Entry::rebuilt`]).
    #[inline]
    pub(crate) const fn rebuilt_mark(&self) -> Option<Rebuilt> {
        match (self.marks & REBUILT) >> REBUILT_SHIFT {
            1 => Some(Rebuilt::Always),
            2 => Some(Rebuilt::FromDetail),
            3 => Some(Rebuilt::Never),
            _ => None,
        }
    }

    /// The entry marked as `rebuilt` says (`None`: not known).
    #[must_use]
    #[inline]
    pub(crate) const fn with_rebuilt(self, rebuilt: Option<Rebuilt>) -> Entry {
        let bits = match rebuilt {
            None => 0,
            Some(Rebuilt::Always) => ALWAYS,
            Some(Rebuilt::FromDetail) => FROM_DETAIL,
            Some(Rebuilt::Never) => NEVER,
        };
        Entry {
            marks: (self.marks & !REBUILT) | bits,
            ..self
        }
    }

    /// The gRPC code that the variant chose with `#[skms(grpc = "...")]`,
    /// the value of a `tonic::Code` (1 to 16); 0 when it chose none and its
    /// code follows its status.
    #[inline]
    pub(crate) const fn grpc(&self) -> u8 {
        self.marks & GRPC
    }
}

// The derive builds each entry with one call of these, a description, a
// link or an exposure mark added around it: in a table of a thousand
// entries, every argument and every nested call costs the compiler.

/// An entry whose detail is absent.
#[must_use]
#[inline]
pub const fn entry(
    code: u32,
    status: u16,
    message: &'static str,
    variant: &'static str,
    json_prefix: &'static str,
) -> Entry {
    let detail = DetailKind::None;
    entry_with(code, status, message, variant, json_prefix, detail, ALWAYS)
}

/// An entry whose detail is formatted by `write!` in the generated code.
#[must_use]
#[inline]
pub const fn entry_formatted(
    code: u32,
    status: u16,
    message: &'static str,
    variant: &'static str,
    json_prefix: &'static str,
) -> Entry {
    let detail = DetailKind::Formatted;
    entry_with(code, status, message, variant, json_prefix, detail, NEVER)
}

/// An entry whose detail is plain fields between `texts`: see
/// [`with_plain_detail`].
#[must_use]
#[inline]
pub const fn entry_plain_detail(
    code: u32,
    status: u16,
    message: &'static str,
    variant: &'static str,
    json_prefix: &'static str,
    texts: &'static str,
) -> Entry {
    let detail = DetailKind::Plain(texts);
    entry_with(
        code,
        status,
        message,
        variant,
        json_prefix,
        detail,
        FROM_DETAIL,
    )
}

#[inline]
const fn entry_with(
    code: u32,
    status: u16,
    message: &'static str,
    variant: &'static str,
    json_prefix: &'static str,
    detail: DetailKind,
    marks: u8,
) -> Entry {
    // Every field written here, with no nested call: const evaluation of a
    // thousand entries pays for each call (42 M instructions on the
    // 1,000-variant crate for a call of `Entry::new`, which calls this
    // instead).
    Entry {
        code,
        status,
        message,
        description: None,
        variant,
        deprecated: None,
        detail,
        #[cfg(feature = "utoipa")]
        detail_template: "",
        json_prefix,
        exposure: DetailExposure::Unmarked,
        doc: None,
        marks,
    }
}

/// The entry of a variant that reuses the standard code `code`, taking its
/// status, message, description and JSON prefix from `StandardError`; for a
/// code the standard catalog does not define, the message that the
/// generated table panics with, spanned at the code.
// Evaluated by the compiler only (in the table of entries), where the size
// of the error costs nothing.
#[allow(clippy::result_large_err)]
#[inline]
pub const fn reuse(code: u32, variant: &'static str) -> Result<Entry, Message> {
    let standard = <crate::StandardError as crate::Catalog>::ENTRIES;
    let mut i = 0;
    while i < standard.len() {
        if standard[i].code == code {
            return Ok(Entry {
                variant,
                marks: standard[i].marks | REUSED,
                ..standard[i]
            });
        }
        i += 1;
    }
    let mut message = Message::new();
    message.push("code ");
    message.push_u32(code);
    message.push(" of `");
    message.push(variant);
    message.push("` is not in the standard catalog, so it has no status and message to take; give it `status` and `msg` of its own");
    Err(message)
}

/// `entry` with a description.
#[must_use]
#[inline]
pub const fn with_description(entry: Entry, description: &'static str) -> Entry {
    entry.with_description(description)
}

/// `entry`, deprecated with `note`.
#[must_use]
#[inline]
pub const fn with_deprecated(entry: Entry, note: &'static str) -> Entry {
    entry.with_deprecated(note)
}

/// `entry` with a documentation link.
#[must_use]
#[inline]
pub const fn with_doc(entry: Entry, doc: &'static str) -> Entry {
    entry.with_doc(doc)
}

/// `entry` with the `detail` format string as written (`keyId : {key_id}`),
/// for an entry whose detail is formatted from the variant's fields. The
/// derive calls it with its feature `utoipa`, which skms-core's turns on;
/// without skms-core's, the string is not kept.
#[cfg(feature = "utoipa")]
#[must_use]
#[inline]
pub const fn with_detail_template(entry: Entry, template: &'static str) -> Entry {
    Entry {
        detail_template: template,
        ..entry
    }
}

/// `with_detail_template` without skms-core's `utoipa`: nothing kept.
#[cfg(not(feature = "utoipa"))]
#[must_use]
#[inline]
pub const fn with_detail_template(entry: Entry, _template: &'static str) -> Entry {
    entry
}

/// `entry` with its detail marked public or internal.
#[must_use]
#[inline]
pub const fn with_exposure(entry: Entry, exposure: DetailExposure) -> Entry {
    Entry { exposure, ..entry }
}

/// `entry` with the gRPC code `code` (the value of a `tonic::Code`, 1 to
/// 16), chosen with `#[skms(grpc = "...")]`.
#[must_use]
#[inline]
pub const fn with_grpc(entry: Entry, code: u8) -> Entry {
    Entry {
        // The derive writes only the values of gRPC's error codes, 1 to 16.
        marks: (entry.marks & !GRPC) | (code & GRPC),
        ..entry
    }
}

/// `entry` with a fixed detail.
#[must_use]
#[inline]
pub const fn with_static_detail(entry: Entry, detail: &'static str) -> Entry {
    Entry {
        detail: DetailKind::Static(detail),
        ..entry
    }
}

/// `entry` with a detail formatted from the variant's fields by `write!` in
/// the generated code.
#[must_use]
#[inline]
pub const fn with_formatted_detail(entry: Entry) -> Entry {
    Entry {
        detail: DetailKind::Formatted,
        marks: (entry.marks & !REBUILT) | NEVER,
        ..entry
    }
}

/// `entry`, rebuilt from a body as `rebuilt` says: 1 always, 2 from its
/// detail, 3 never (see `Rebuilt`); for a variant whose fields make it
/// differ from what its detail alone says (a field left out of the detail).
#[must_use]
#[inline]
pub const fn with_rebuilt(entry: Entry, rebuilt: u8) -> Entry {
    Entry {
        marks: (entry.marks & !REBUILT) | ((rebuilt << REBUILT_SHIFT) & REBUILT),
        ..entry
    }
}

/// `entry` with a detail of plain fields (no spec) between texts: `texts`
/// as the derive encodes them (the format is in the module `texts`).
/// The generated `__skms_detail` hands the fields to
/// [`write_plain_detail`](super::write_plain_detail) with the entry.
#[must_use]
#[inline]
pub const fn with_plain_detail(entry: Entry, texts: &'static str) -> Entry {
    Entry {
        detail: DetailKind::Plain(texts),
        marks: (entry.marks & !REBUILT) | FROM_DETAIL,
        ..entry
    }
}
