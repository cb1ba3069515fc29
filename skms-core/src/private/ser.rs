//! A derived type's serialization: the bodies of `Serialize::serialize`
//! (`serialize_resolved`, with the detail as one serde string) and of
//! `write_json`.

use core::cell::Cell;
use core::fmt;
use std::vec::Vec;

use crate::catalog::{DetailKind, Entry};
use crate::error::{collect_str_reporting, FmtDetail, DISPLAY_FAILED};
use crate::SkmsError;

use super::detail::{plain_detail, DetailWriter, JsonDetail};
use super::texts::ONE_FIELD_ALONE;
use super::{serde, FieldValue, Resolved};

/// The body of `Serialize::serialize` for a derived type: the entry's code,
/// message and detail, with the entry found once; a transparent variant's
/// is its field's. `detail` is the type's `__skms_detail`.
///
/// # Errors
///
/// Passes on the error of the serializer.
#[inline]
pub fn serialize_resolved<E, S, F>(
    resolved: Resolved<'_>,
    this: &E,
    serializer: S,
    detail: F,
) -> Result<S::Ok, S::Error>
where
    E: SkmsError + ?Sized,
    S: serde::Serializer,
    F: Fn(&E, &mut dyn DetailWriter) -> fmt::Result,
{
    match resolved {
        Resolved::Entry(entry) if entry.has_detail() => {
            serialize_with_detail(serializer, entry, &SerdeDetail { this, detail })
        }
        Resolved::Entry(entry) => serialize_without_detail(serializer, entry),
        Resolved::Transparent(inner) => crate::error::serialize_error(inner, serializer),
    }
}

// The body with a detail and the body without are written by two functions
// out of line, generic over the serializer only (not the error type): inlined
// into the derived `serialize`, their two copies of serde_json's writes make
// the compiler inline fewer of those one-byte writes, and serialization
// slower (BENCHMARKS.md, "Serialization").
#[inline(never)]
fn serialize_with_detail<S: serde::Serializer, D: serde::Serialize>(
    serializer: S,
    entry: &Entry,
    detail: &D,
) -> Result<S::Ok, S::Error> {
    crate::error::serialize_body(serializer, entry.code, entry.message, Some(detail))
}

#[inline(never)]
fn serialize_without_detail<S: serde::Serializer>(
    serializer: S,
    entry: &Entry,
) -> Result<S::Ok, S::Error> {
    crate::error::serialize_body::<S, str>(serializer, entry.code, entry.message, None)
}

/// The detail of a derived type's own variant as a serde string: written
/// by the type's `__skms_detail` into a [`SerdeString`], which hands a detail
/// that is one string (a fixed detail, or one string or integer field and no
/// text) to `serialize_str`, the way hand-written code does, and any other
/// to `collect_str`.
struct SerdeDetail<'a, E: ?Sized, F> {
    this: &'a E,
    detail: F,
}

impl<E, F> serde::Serialize for SerdeDetail<'_, E, F>
where
    E: ?Sized,
    F: Fn(&E, &mut dyn DetailWriter) -> fmt::Result,
{
    #[inline]
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut string = SerdeString {
            serializer: Some(serializer),
            result: None,
        };
        // The error of the writer is the one kept in `result`: each of its
        // methods makes the one call to the serializer.
        let _ = (self.detail)(self.this, &mut string);
        match (string.result, string.serializer) {
            (Some(result), _) => result,
            // A variant whose detail writes nothing (not one the derive
            // makes for an entry with a detail): the empty string.
            (None, Some(serializer)) => serializer.serialize_str(""),
            // Not reached: the serializer is taken only with a result.
            (None, None) => Err(serde::ser::Error::custom("the detail was not written")),
        }
    }
}

/// A [`DetailWriter`] that writes the detail as one serde string: the
/// generated `__skms_detail` makes exactly one call to it.
struct SerdeString<S: serde::Serializer> {
    serializer: Option<S>,
    result: Option<Result<S::Ok, S::Error>>,
}

impl<S: serde::Serializer> SerdeString<S> {
    #[inline]
    fn finish(&mut self, write: impl FnOnce(S) -> Result<S::Ok, S::Error>) -> fmt::Result {
        let Some(serializer) = self.serializer.take() else {
            return Err(fmt::Error);
        };
        let result = write(serializer);
        let failed = result.is_err();
        self.result = Some(result);
        if failed {
            Err(fmt::Error)
        } else {
            Ok(())
        }
    }
}

/// Texts and fields as `Display`, for `collect_str`; `failed` is set when a
/// field's `Display` failed on its own.
struct PlainDetailDisplay<'a> {
    texts: &'a str,
    fields: &'a [FieldValue<'a>],
    failed: Cell<bool>,
}

impl fmt::Display for PlainDetailDisplay<'_> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match plain_detail(f, self.texts, self.fields, &self.failed) {
            // Reported after `collect_str`: serde_json panics on an error
            // that its writer did not raise.
            Err(_) if self.failed.get() => Ok(()),
            written => written,
        }
    }
}

impl<S: serde::Serializer> DetailWriter for SerdeString<S> {
    #[inline]
    fn plain_detail(&mut self, texts: &str, _: &str, fields: &[FieldValue<'_>]) -> fmt::Result {
        // Two empty texts, each after its length 0: one field alone
        // (`fields` may go on with fillers, never written).
        // One call site for each serializer method: copies of the inlined
        // `serialize_str` made the compiler inline less of each.
        let digits;
        let whole = match (texts, fields) {
            (ONE_FIELD_ALONE, [FieldValue::Str(text), ..]) => Some(*text),
            (ONE_FIELD_ALONE, [FieldValue::Unsigned(n), ..]) => {
                digits = crate::json::Digits::new(*n, false);
                Some(digits.as_str())
            }
            (ONE_FIELD_ALONE, [FieldValue::Signed(n), ..]) => {
                digits = crate::json::Digits::new(n.unsigned_abs(), *n < 0);
                Some(digits.as_str())
            }
            _ => None,
        };
        match whole {
            Some(text) => self.finish(|serializer| serializer.serialize_str(text)),
            None => self.finish(|serializer| {
                let display = PlainDetailDisplay {
                    texts,
                    fields,
                    failed: Cell::new(false),
                };
                let written = serializer.collect_str(&display)?;
                if display.failed.get() {
                    return Err(serde::ser::Error::custom(DISPLAY_FAILED));
                }
                Ok(written)
            }),
        }
    }

    #[inline]
    fn write_fmt(&mut self, args: fmt::Arguments<'_>) -> fmt::Result {
        match args.as_str() {
            Some(text) => self.finish(|serializer| serializer.serialize_str(text)),
            None => self.finish(|serializer| collect_str_reporting(serializer, &args)),
        }
    }

    fn resolved(&mut self, resolved: Resolved<'_>) -> fmt::Result {
        match resolved {
            Resolved::Entry(entry) => {
                let detail = match entry.detail {
                    DetailKind::Static(detail) => detail,
                    DetailKind::None | DetailKind::Formatted | DetailKind::Plain(_) => "",
                };
                self.finish(|serializer| serializer.serialize_str(detail))
            }
            Resolved::Transparent(inner) => {
                self.finish(|serializer| collect_str_reporting(serializer, &FmtDetail(inner)))
            }
        }
    }
}

/// The body of `write_json` for a derived type: the entry's pre-escaped
/// `{"code":..,"message":".."`, then the detail that `detail` writes,
/// escaped; a transparent variant's is its field's.
#[inline]
pub fn write_json<E: SkmsError + ?Sized>(
    resolved: Resolved<'_>,
    this: &E,
    out: &mut Vec<u8>,
    detail: impl FnOnce(&E, &mut dyn DetailWriter) -> fmt::Result,
) {
    match resolved {
        Resolved::Entry(entry) => {
            out.extend_from_slice(entry.json_prefix.as_bytes());
            if entry.has_detail() {
                out.extend_from_slice(b",\"detail\":\"");
                // A detail's Display that fails leaves what it wrote, as
                // serde_json would have failed mid-string.
                let _ = detail(this, &mut JsonDetail(out));
                out.push(b'"');
            }
            out.push(b'}');
        }
        Resolved::Transparent(inner) => inner.write_json(out),
    }
}
