//! The `SkmsError` trait and the ways every SKMS error is written out.

use core::cell::Cell;
use core::fmt;
use std::borrow::Cow;
use std::boxed::Box;
use std::rc::Rc;
use std::sync::Arc;
use std::vec::Vec;

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// An error that a SKMS service answers with: an SKMS code, the HTTP status of
/// the response, the fixed message of the code and, optionally, the detail of
/// this occurrence.
///
/// Implement it with `#[derive(SkmsError)]`; a hand-written implementation
/// needs only the four required methods. The trait is object safe, so
/// `&dyn SkmsError` and `Box<dyn SkmsError>` work, and `dyn SkmsError`
/// implements [`Serialize`] into the SKMS body:
///
/// ```
/// use skms_core::{SkmsError, StandardError};
///
/// let error: &dyn SkmsError = &StandardError::KeyNotFound;
/// assert_eq!(error.code(), 40013);
/// assert_eq!(error.status(), 400);
/// assert_eq!(error.message(), "Key not found in the keyVault");
/// assert_eq!(error.detail(), None);
/// assert_eq!(
///     serde_json::to_string(error).unwrap(),
///     r#"{"code":40013,"message":"Key not found in the keyVault"}"#,
/// );
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an SKMS error",
    label = "`{Self}` does not implement `SkmsError`",
    note = "a #[skms(transparent)] field must be an SKMS error: derive `SkmsError` for `{Self}`, or give the variant a code of its own"
)]
pub trait SkmsError {
    /// The SKMS code, such as `40013`.
    fn code(&self) -> u32;

    /// The HTTP status the error is answered with, such as `400`.
    fn status(&self) -> u16;

    /// The fixed message of the code, such as `"Key not found in the keyVault"`.
    fn message(&self) -> &str;

    /// The detail of this occurrence, such as `"keyId : 0000009"`, if any.
    ///
    /// A derived detail that formats fields builds a `String` here; to write it
    /// out without one, use [`fmt_detail`](SkmsError::fmt_detail), as the
    /// `Serialize` and `Display` impls do.
    fn detail(&self) -> Option<Cow<'_, str>>;

    /// Whether [`detail`](SkmsError::detail) is `Some`, without building it.
    ///
    /// Derived impls answer from static data; override it in a hand-written
    /// impl whose `detail` allocates.
    fn has_detail(&self) -> bool {
        self.detail().is_some()
    }

    /// Writes the detail into `f`, writing nothing when there is none.
    ///
    /// Derived impls format the detail straight into `f`, without a `String`;
    /// override it in a hand-written impl whose `detail` allocates.
    ///
    /// # Errors
    ///
    /// Passes on the error of the formatter, and that of a field's `Display`
    /// that fails on its own (against std's contract), which ends the detail
    /// there. Elsewhere such a field never panics: [`detail`](SkmsError::detail),
    /// the type's `Display` (and so `to_string`) and the JSON body keep what
    /// was written before it failed, and `Serialize` returns the serializer's
    /// error.
    fn fmt_detail(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.detail() {
            Some(detail) => f.write_str(&detail),
            None => Ok(()),
        }
    }

    /// Appends the JSON body of the error to `out`: byte for byte what
    /// `serde_json` writes for the `Serialize` impl, without a serializer.
    ///
    /// Derived types write each variant's code and message as one
    /// pre-escaped constant computed at compile time, then the escaped
    /// detail, then `}`.
    ///
    /// ```
    /// use skms_core::{SkmsError, StandardError};
    ///
    /// let mut out = Vec::new();
    /// StandardError::KeyNotFound.write_json(&mut out);
    /// assert_eq!(out, serde_json::to_vec(&StandardError::KeyNotFound).unwrap());
    /// ```
    fn write_json(&self, out: &mut Vec<u8>) {
        crate::json::write_json(self, out);
    }

    /// Whether the detail may be shown to the client, as marked on the
    /// variant or the type with `#[skms(public_detail)]` or
    /// `#[skms(internal_detail)]`; `Unmarked` leaves it to the service's
    /// policy.
    fn detail_exposure(&self) -> DetailExposure {
        DetailExposure::Unmarked
    }

    /// The gRPC code that the error's variant chose with
    /// `#[skms(grpc = "...")]` (or its transparent field's), as the value of
    /// a `tonic::Code`; 0 when none was chosen, and the code follows the
    /// status. Written by the derive, read through [`grpc_code`]: not an
    /// API (a hand-written implementation overrides `grpc_code`).
    ///
    /// [`grpc_code`]: SkmsError::grpc_code
    #[doc(hidden)]
    fn __skms_grpc(&self) -> u8 {
        0
    }

    /// The gRPC code that the error is answered with when it chose one;
    /// `None` lets the code follow the HTTP status
    /// ([`code_for_status`](crate::tonic::code_for_status)), which is what
    /// [`skms_core::tonic::code`](crate::tonic::code) does then. A derived
    /// type chooses with `#[skms(grpc = "...")]`; a hand-written one
    /// overrides this method:
    ///
    /// ```
    /// use std::borrow::Cow;
    ///
    /// use skms_core::SkmsError;
    /// use tonic::Code;
    ///
    /// #[derive(Debug)]
    /// struct KeyExists;
    ///
    /// impl SkmsError for KeyExists {
    ///     fn code(&self) -> u32 { 60409 }
    ///     fn status(&self) -> u16 { 409 }
    ///     fn message(&self) -> &str { "Key already exists" }
    ///     fn detail(&self) -> Option<Cow<'_, str>> { None }
    ///     // 409 would be ABORTED.
    ///     fn grpc_code(&self) -> Option<Code> { Some(Code::AlreadyExists) }
    /// }
    ///
    /// assert_eq!(skms_core::tonic::status(&KeyExists).code(), Code::AlreadyExists);
    /// ```
    #[cfg(feature = "tonic")]
    fn grpc_code(&self) -> Option<tonic::Code> {
        match self.__skms_grpc() {
            0 => None,
            chosen => Some(tonic::Code::from_i32(i32::from(chosen))),
        }
    }
}

/// Whether the detail of an error may be shown to the client.
///
/// Details can carry what a client must not see (the reference's own 50001
/// example sends an internal URL, host name and IP address); the HTTP
/// integrations withhold a detail that is not public.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum DetailExposure {
    /// Not marked: the service's policy decides (by default, public for a
    /// 4xx status, internal for a 5xx one).
    #[default]
    Unmarked,
    /// Marked `#[skms(public_detail)]`: always sent.
    Public,
    /// Marked `#[skms(internal_detail)]`: never sent, only logged.
    Internal,
}

macro_rules! forward_skms_error {
    ($($ty:ty),*) => {$(
        impl<E: SkmsError + ?Sized> SkmsError for $ty {
            fn code(&self) -> u32 {
                (**self).code()
            }
            fn status(&self) -> u16 {
                (**self).status()
            }
            fn message(&self) -> &str {
                (**self).message()
            }
            fn detail(&self) -> Option<Cow<'_, str>> {
                (**self).detail()
            }
            fn has_detail(&self) -> bool {
                (**self).has_detail()
            }
            fn fmt_detail(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                (**self).fmt_detail(f)
            }
            fn write_json(&self, out: &mut Vec<u8>) {
                (**self).write_json(out)
            }
            fn detail_exposure(&self) -> DetailExposure {
                (**self).detail_exposure()
            }
            fn __skms_grpc(&self) -> u8 {
                (**self).__skms_grpc()
            }
            #[cfg(feature = "tonic")]
            fn grpc_code(&self) -> Option<tonic::Code> {
                (**self).grpc_code()
            }
        }
    )*};
}

forward_skms_error!(&E, &mut E, Box<E>, Rc<E>, Arc<E>);

/// Serializes `error` as the SKMS body `{"code":..,"message":..,"detail":..}`,
/// keys in that order, `detail` left out when there is none.
///
/// The detail is written through [`SkmsError::fmt_detail`] with
/// `Serializer::collect_str`, so with serde_json nothing is allocated beyond
/// the output itself.
///
/// # Errors
///
/// Passes on the error of the serializer.
pub fn serialize_error<E, S>(error: &E, serializer: S) -> Result<S::Ok, S::Error>
where
    E: SkmsError + ?Sized,
    S: Serializer,
{
    let detail = error.has_detail().then_some(DetailOf(error));
    serialize_body(serializer, error.code(), error.message(), detail.as_ref())
}

/// The one place that writes the SKMS body's shape: `code`, `message`, then
/// `detail` or nothing, for derived types, `dyn SkmsError` and `ErrorBody`.
#[inline]
pub(crate) fn serialize_body<S, D>(
    serializer: S,
    code: u32,
    message: &str,
    detail: Option<&D>,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    D: Serialize + ?Sized,
{
    let mut body = serializer.serialize_struct("ErrorBody", 2 + usize::from(detail.is_some()))?;
    body.serialize_field("code", &code)?;
    body.serialize_field("message", message)?;
    match detail {
        Some(detail) => body.serialize_field("detail", detail)?,
        None => body.skip_field("detail")?,
    }
    body.end()
}

/// Writes an error as `[code] message: detail`, or `[code] message` without a
/// detail: the `Display` of every derived type.
///
/// # Errors
///
/// Passes on the error of the formatter.
pub fn display_error<E>(error: &E, f: &mut fmt::Formatter<'_>) -> fmt::Result
where
    E: SkmsError + ?Sized,
{
    write!(f, "[{}] {}", error.code(), error.message())?;
    if error.has_detail() {
        f.write_str(": ")?;
        fmt::Display::fmt(&DetailOf(error), f)?;
    }
    Ok(())
}

/// The detail of an error as a `Display` and `Serialize` value that writes it
/// straight into its output. A field whose `Display` fails on its own ends
/// the detail where it failed: `Display` keeps what was written (see
/// [`write_keeping`]), `Serialize` reports it.
pub(crate) struct DetailOf<'a, E: ?Sized>(pub(crate) &'a E);

impl<E: SkmsError + ?Sized> fmt::Display for DetailOf<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_keeping(f, format_args!("{}", FmtDetail(self.0)), &Cell::new(false))
    }
}

impl<E: SkmsError + ?Sized> Serialize for DetailOf<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        collect_str_reporting(serializer, &FmtDetail(self.0))
    }
}

/// The detail of an error as a `Display`: its `fmt_detail`, whose error is
/// passed on, whether the writer's or a field's. For a writer that never
/// fails (a `String`, a `Vec`), every error is a field's.
pub(crate) struct FmtDetail<'a, E: ?Sized>(pub(crate) &'a E);

impl<E: SkmsError + ?Sized> fmt::Display for FmtDetail<'_, E> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_detail(f)
    }
}

/// Writes `args` into `f`. An error that `args` raises on its own (a
/// field's `Display` that fails, against std's contract, which allows an
/// error only when the writer fails) is not passed on: what was written
/// stays, the rest of `args` is left out, and `failed` is set. An error of
/// `f` itself is passed on.
///
/// Passing a field's error on would make `to_string` panic, and serde_json's
/// `collect_str` too, in code the user did not write.
pub(crate) fn write_keeping(
    f: &mut fmt::Formatter<'_>,
    args: fmt::Arguments<'_>,
    failed: &Cell<bool>,
) -> fmt::Result {
    /// `f`, noting whether a write to it failed.
    struct Sink<'a, 'b> {
        f: &'a mut fmt::Formatter<'b>,
        failed: bool,
    }

    impl fmt::Write for Sink<'_, '_> {
        #[inline]
        fn write_str(&mut self, text: &str) -> fmt::Result {
            let result = self.f.write_str(text);
            self.failed |= result.is_err();
            result
        }
    }

    let mut sink = Sink { f, failed: false };
    match fmt::write(&mut sink, args) {
        Err(error) if sink.failed => Err(error),
        Err(_) => {
            failed.set(true);
            Ok(())
        }
        Ok(()) => Ok(()),
    }
}

/// The message of the serializer's error when a detail's `Display` failed
/// on its own.
pub(crate) const DISPLAY_FAILED: &str =
    "a `Display` of the detail returned an error without its writer failing";

/// `value` as one string through `collect_str`, with an error of `value`'s
/// own `Display` reported as the serializer's error (serde_json would
/// otherwise panic on it).
///
/// # Errors
///
/// The serializer's, or [`DISPLAY_FAILED`].
pub(crate) fn collect_str_reporting<S: Serializer, T: fmt::Display + ?Sized>(
    serializer: S,
    value: &T,
) -> Result<S::Ok, S::Error> {
    /// `value`, written with [`write_keeping`].
    struct Keeping<'a, T: ?Sized> {
        value: &'a T,
        failed: Cell<bool>,
    }

    impl<T: fmt::Display + ?Sized> fmt::Display for Keeping<'_, T> {
        #[inline]
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write_keeping(f, format_args!("{}", self.value), &self.failed)
        }
    }

    let keeping = Keeping {
        value,
        failed: Cell::new(false),
    };
    let written = serializer.collect_str(&keeping)?;
    if keeping.failed.get() {
        return Err(serde::ser::Error::custom(DISPLAY_FAILED));
    }
    Ok(written)
}

impl Serialize for dyn SkmsError + '_ {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_error(self, serializer)
    }
}

impl Serialize for dyn SkmsError + Send + Sync + '_ {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_error(self, serializer)
    }
}

impl fmt::Display for dyn SkmsError + '_ {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display_error(self, f)
    }
}

impl fmt::Display for dyn SkmsError + Send + Sync + '_ {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display_error(self, f)
    }
}
