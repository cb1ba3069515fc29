//! Where the generated `__skms_detail` writes a detail (`DetailWriter`, for a
//! `Formatter` and a JSON string), and the values of the fields it hands over
//! (`FieldValue`), chosen for each field's type by `DetailField`.

use core::cell::Cell;
use core::fmt;
use std::vec::Vec;

use crate::catalog::{DetailKind, Entry};
use crate::error::{write_keeping, FmtDetail};

use super::texts::{self, walk};
use super::{Cow, Resolved};

/// Fills the fixed-size array of fields that the generated `__skms_detail`
/// builds in every arm, for a variant with fewer fields than the longest:
/// never written, since the entry's texts say how many fields there are.
pub const NO_FIELD_VALUE: FieldValue<'static> = FieldValue::Unsigned(0);

/// Writes the detail of `entry`, a detail of plain fields, into `writer`:
/// its texts with `fields` between them.
///
/// # Errors
///
/// Passes on the error of a field's `Display`.
#[inline]
pub fn write_plain_detail(
    writer: &mut dyn DetailWriter,
    entry: &Entry,
    fields: &[FieldValue<'_>],
) -> fmt::Result {
    match entry.detail {
        DetailKind::Plain(all) => match texts::split(all) {
            Some((texts, json_texts)) => writer.plain_detail(texts, json_texts, fields),
            None => Ok(()),
        },
        DetailKind::None | DetailKind::Static(_) | DetailKind::Formatted => Ok(()),
    }
}

/// Where the generated `__skms_detail` writes a detail: a `Formatter` (for
/// `fmt_detail`, `Display`, `detail()`) or a JSON string (for `write_json`).
/// A trait object, so that the one match over the variants is compiled once.
pub trait DetailWriter {
    /// Writes the detail of a variant whose `detail` names fields without a
    /// spec: the texts around the fields, with `fields[i]` after the `i`-th
    /// text. `texts` holds the texts, each after its length in bytes as a
    /// char (see the module `texts`); `json_texts` the same for the
    /// texts escaped for a JSON string by the derive. `fields` may hold more
    /// fields than there are texts before fields: those are fillers, not
    /// written.
    ///
    /// # Errors
    ///
    /// Passes on the error of a field's `Display`.
    fn plain_detail(
        &mut self,
        texts: &str,
        json_texts: &str,
        fields: &[FieldValue<'_>],
    ) -> fmt::Result;

    /// Writes a detail formatted by `core::write!`, for details with specs.
    ///
    /// # Errors
    ///
    /// Passes on the error of a field's formatting.
    fn write_fmt(&mut self, args: fmt::Arguments<'_>) -> fmt::Result;

    /// Writes the detail of a variant that formats none: a fixed detail, a
    /// transparent field's, or nothing.
    ///
    /// # Errors
    ///
    /// Passes on the error of a transparent field's detail.
    fn resolved(&mut self, resolved: Resolved<'_>) -> fmt::Result;
}

impl DetailWriter for fmt::Formatter<'_> {
    #[inline]
    fn plain_detail(&mut self, texts: &str, _: &str, fields: &[FieldValue<'_>]) -> fmt::Result {
        plain_detail(self, texts, fields, &Cell::new(false))
    }

    #[inline]
    fn write_fmt(&mut self, args: fmt::Arguments<'_>) -> fmt::Result {
        fmt::Formatter::write_fmt(self, args)
    }

    #[inline]
    fn resolved(&mut self, resolved: Resolved<'_>) -> fmt::Result {
        resolved.fmt_detail(self)
    }
}

/// Writes the texts and fields of a plain detail into `f`.
///
/// # Errors
///
/// Passes on the error of `f`; a field whose `Display` fails on its own ends
/// the detail there, with an error, and sets `failed`.
#[inline]
pub(crate) fn plain_detail(
    f: &mut fmt::Formatter<'_>,
    texts: &str,
    fields: &[FieldValue<'_>],
    failed: &Cell<bool>,
) -> fmt::Result {
    walk(
        f,
        texts,
        fields,
        |f, text| {
            if text.is_empty() {
                Ok(())
            } else {
                f.write_str(text)
            }
        },
        // A field that failed stops the walk, with an error that is not `f`'s.
        |f, field| match field.fmt(f, failed) {
            Ok(()) if failed.get() => Err(fmt::Error),
            result => result,
        },
    )
}

/// The inside of the JSON string of a detail: what is written is escaped.
pub struct JsonDetail<'a>(pub &'a mut Vec<u8>);

impl DetailWriter for JsonDetail<'_> {
    #[inline]
    fn plain_detail(
        &mut self,
        _: &str,
        json_texts: &str,
        fields: &[FieldValue<'_>],
    ) -> fmt::Result {
        walk(
            self.0,
            json_texts,
            fields,
            |out, text| {
                out.extend_from_slice(text.as_bytes());
                Ok(())
            },
            |out, field| field.write_json(out),
        )
    }

    #[inline]
    fn write_fmt(&mut self, args: fmt::Arguments<'_>) -> fmt::Result {
        crate::json::escape_fmt(self.0, args)
    }

    fn resolved(&mut self, resolved: Resolved<'_>) -> fmt::Result {
        match resolved {
            Resolved::Entry(entry) => {
                if let DetailKind::Static(detail) = entry.detail {
                    crate::json::escape_into(self.0, detail);
                }
                Ok(())
            }
            Resolved::Transparent(inner) => {
                crate::json::escape_fmt(self.0, format_args!("{}", FmtDetail(inner)))
            }
        }
    }
}

/// A field of a detail without a spec, as the generated code hands it to a
/// [`DetailWriter`]: `DetailField(field).skms_field_value()`. Strings and
/// integers are written without `core::fmt`; any other type through its
/// `Display`. Chosen by method resolution (autoref specialization), like
/// [`Source`](super::Source): the inherent method applies to the types of [`AsPlainField`],
/// `DisplayFieldValue` one autoref further to every type, its method requiring
/// `Display`, so that a field that is not `Display` is reported as such.
/// (An inherent method, and one trait: the cheapest resolution for the
/// compiler, which does it once per field of every detail.)
pub struct DetailField<'a, T: ?Sized>(pub &'a T);

impl<'a, T: AsPlainField + ?Sized> DetailField<'a, T> {
    #[inline]
    pub fn skms_field_value(&self) -> FieldValue<'a> {
        self.0.as_plain_field()
    }
}

pub trait DisplayFieldValue<'a, T> {
    fn skms_field_value(&self) -> FieldValue<'a>
    where
        T: DetailDisplay;
}

impl<'a, T> DisplayFieldValue<'a, T> for DetailField<'a, T> {
    #[inline]
    fn skms_field_value(&self) -> FieldValue<'a>
    where
        T: DetailDisplay,
    {
        FieldValue::Display(self.0)
    }
}

/// `Display`, under a name whose error says what a `detail` field needs.
#[diagnostic::on_unimplemented(
    message = "`{Self}` doesn't implement `std::fmt::Display`",
    label = "`{Self}` cannot be formatted with the default formatter",
    note = "a field named in `detail` is written with its `Display`; write `{{field:?}}` in the detail for its `Debug`"
)]
pub trait DetailDisplay: fmt::Display {}

impl<T: fmt::Display + ?Sized> DetailDisplay for T {}

/// A field of a detail: a string or an integer, which is written without
/// `core::fmt`, or any other `Display`.
#[derive(Clone, Copy)]
pub enum FieldValue<'a> {
    Str(&'a str),
    Unsigned(u64),
    Signed(i64),
    Display(&'a dyn fmt::Display),
}

impl FieldValue<'_> {
    /// Writes the field as `{}` would, its own spec reset (the width of the
    /// formatter of the whole error is not the field's).
    /// A `Display` that fails on its own sets `failed` (see
    /// [`write_keeping`]).
    #[inline]
    fn fmt(self, f: &mut fmt::Formatter<'_>, failed: &Cell<bool>) -> fmt::Result {
        match self {
            FieldValue::Str(text) => f.write_str(text),
            FieldValue::Unsigned(n) => f.write_str(crate::json::Digits::new(n, false).as_str()),
            FieldValue::Signed(n) => {
                f.write_str(crate::json::Digits::new(n.unsigned_abs(), n < 0).as_str())
            }
            FieldValue::Display(field) => write_keeping(f, format_args!("{field}"), failed),
        }
    }

    /// Appends the field as `{}` would write it, escaped for a JSON string.
    #[inline]
    fn write_json(self, out: &mut Vec<u8>) -> fmt::Result {
        match self {
            FieldValue::Str(text) => crate::json::escape_into(out, text),
            FieldValue::Unsigned(n) => {
                out.extend_from_slice(crate::json::Digits::new(n, false).as_str().as_bytes())
            }
            FieldValue::Signed(n) => out.extend_from_slice(
                crate::json::Digits::new(n.unsigned_abs(), n < 0)
                    .as_str()
                    .as_bytes(),
            ),
            FieldValue::Display(field) => {
                return crate::json::escape_fmt(out, format_args!("{field}"))
            }
        }
        Ok(())
    }
}

/// The types whose `Display` is their text (strings) or their decimal digits
/// (integers up to 64 bits), exactly.
pub trait AsPlainField {
    fn as_plain_field(&self) -> FieldValue<'_>;
}

impl<T: AsPlainField + ?Sized> AsPlainField for &T {
    #[inline]
    fn as_plain_field(&self) -> FieldValue<'_> {
        (**self).as_plain_field()
    }
}

macro_rules! plain_str {
    ($($ty:ty),*) => {$(
        impl AsPlainField for $ty {
            #[inline]
            fn as_plain_field(&self) -> FieldValue<'_> {
                FieldValue::Str(self)
            }
        }
    )*};
}

plain_str!(
    str,
    std::string::String,
    Cow<'_, str>,
    std::boxed::Box<str>,
    std::rc::Rc<str>,
    std::sync::Arc<str>
);

macro_rules! plain_int {
    ($variant:ident as $wide:ty: $($ty:ty),*) => {$(
        impl AsPlainField for $ty {
            // Lossless: every such type fits the wide one (usize and isize
            // are at most 64 bits on the targets Rust supports).
            #[inline]
            #[allow(clippy::cast_lossless, clippy::cast_possible_truncation)]
            fn as_plain_field(&self) -> FieldValue<'_> {
                FieldValue::$variant(*self as $wide)
            }
        }
    )*};
}

plain_int!(Unsigned as u64: u8, u16, u32, u64, usize);
plain_int!(Signed as i64: i8, i16, i32, i64, isize);

#[cfg(test)]
// The calls are written as the generated code writes them: the borrow is
// what selects the method.
#[allow(clippy::needless_borrow)]
mod tests {
    use core::fmt;
    use std::boxed::Box;
    use std::string::String;
    use std::vec::Vec;

    use super::{DetailField, DetailWriter, DisplayFieldValue as _, FieldValue, JsonDetail};

    fn is_plain(value: FieldValue<'_>) -> bool {
        !matches!(value, FieldValue::Display(_))
    }

    /// Texts as the derive writes them: each after its length, as a char.
    fn encoded<S: AsRef<str>>(texts: &[S]) -> String {
        let mut encoded = String::new();
        for text in texts {
            let text = text.as_ref();
            encoded.push(char::from_u32(u32::try_from(text.len()).unwrap()).unwrap());
            encoded.push_str(text);
        }
        encoded
    }

    /// What a writer makes of `texts` and `fields`: as `Display` and as JSON.
    fn written(texts: &[&str], fields: &[FieldValue<'_>]) -> (String, Vec<u8>) {
        struct PlainDetail<'a>(&'a str, &'a [FieldValue<'a>]);
        impl fmt::Display for PlainDetail<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.plain_detail(self.0, "", self.1)
            }
        }
        let json_texts: Vec<String> = texts.iter().map(|text| text.replace('\t', "\\t")).collect();
        let (texts, json_texts) = (encoded(texts), encoded(&json_texts));
        let mut json = Vec::new();
        JsonDetail(&mut json)
            .plain_detail(&texts, &json_texts, fields)
            .unwrap();
        // A width on the outer formatter is not the fields'.
        (std::format!("{:>40}", PlainDetail(&texts, fields)), json)
    }

    /// Which fields are written without `core::fmt`, as the generated code
    /// asks: strings and integers; everything else through `Display`.
    #[test]
    fn plain_field_values_are_strings_and_integers() {
        let owned = String::from("a\"b");
        let borrowed = "c";
        assert!(is_plain(DetailField(&owned).skms_field_value()));
        assert!(is_plain(DetailField(&&borrowed).skms_field_value()));
        assert!(is_plain(DetailField(&-42i8).skms_field_value()));
        assert!(is_plain(DetailField(&u64::MAX).skms_field_value()));
        assert!(!is_plain(DetailField(&1.5f64).skms_field_value()));
        assert!(!is_plain(DetailField(&'c').skms_field_value()));
        assert!(!is_plain(
            DetailField(&Box::new(owned.clone())).skms_field_value()
        ));
        assert!(!is_plain(DetailField(&1u128).skms_field_value()));

        let fields = [
            DetailField(&owned).skms_field_value(),
            DetailField(&-42i64).skms_field_value(),
            DetailField(&u64::MAX).skms_field_value(),
            DetailField(&1.5f64).skms_field_value(),
        ];
        let (display, json) = written(&["<", "", " ", "\t", ">"], &fields);
        assert_eq!(display, "<a\"b-42 18446744073709551615\t1.5>");
        assert_eq!(json, b"<a\\\"b-42 18446744073709551615\\t1.5>");
        // Fillers after the fields that the texts name are not written.
        let (display, _) = written(&["[", "]"], &fields);
        assert_eq!(display, "[a\"b]");
    }

    /// A text of 128 bytes or more has a length of two bytes or more.
    #[test]
    fn long_texts() {
        let long = "x".repeat(70_000);
        for len in [0, 1, 127, 128, 2_047, 2_048, 55_295, 65_536] {
            let text = &long[..len];
            let (display, json) = written(&[text, text], &[FieldValue::Str("|")]);
            assert_eq!(display, std::format!("{text}|{text}"));
            assert_eq!(json, display.as_bytes());
        }
    }

    /// A type parameter is written through its `Display`, whatever it
    /// stands for.
    #[test]
    fn type_parameters_go_through_display() {
        fn of<T: fmt::Display>(value: &T) -> bool {
            is_plain(DetailField(value).skms_field_value())
        }
        assert!(!of(&String::from("x")));
        assert!(!of(&1u32));
    }
}
