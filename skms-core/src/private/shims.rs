//! The autoref shims of a transparent field and of a field marked
//! `#[skms(detail)]`: `Source` (its `source()`), `Rebuild` (from a body,
//! when it is a `FromBody`) and `ParseDetail` (from a body's detail, when it
//! is `FromStr`), and `ReadFromStr` (a field read back from a detail, when it
//! is `FromStr` and `Display`). Each is chosen by method resolution: a trait impl for the
//! types that can, one autoref further a fallback for every other.

use super::StdError;

/// The field of a transparent variant, for its `source()`: the field's own
/// when its type is a `std::error::Error`, else `None`. Chosen by method
/// resolution (autoref specialization): `(&Source(field)).skms_source()`
/// finds `SourceOfError` when the field's type implements `Error`, else
/// falls back to `SourceOfOther` one autoref further.
pub struct Source<'a, T: ?Sized>(pub &'a T);

pub trait SourceOfError<'a> {
    fn skms_source(&self) -> Option<&'a (dyn StdError + 'static)>;
}

impl<'a, T: StdError + ?Sized> SourceOfError<'a> for Source<'a, T> {
    #[inline]
    fn skms_source(&self) -> Option<&'a (dyn StdError + 'static)> {
        self.0.source()
    }
}

pub trait SourceOfOther {
    #[inline]
    fn skms_source(&self) -> Option<&'static (dyn StdError + 'static)> {
        None
    }
}

impl<T: ?Sized> SourceOfOther for &Source<'_, T> {}

/// Rebuilds the field of a transparent variant from a body, when its type is
/// a [`FromBody`](crate::FromBody); else `None`. Chosen by method resolution,
/// as [`Source`] is: `(&Rebuild::<T>::NEW).rebuild(body)`.
pub struct Rebuild<T>(core::marker::PhantomData<fn() -> T>);

impl<T> Rebuild<T> {
    pub const NEW: Self = Rebuild(core::marker::PhantomData);
}

pub trait RebuildFromBody<T> {
    fn rebuild(&self, body: &crate::ErrorBody<'_>) -> Option<T>;
}

impl<T: crate::FromBody> RebuildFromBody<T> for Rebuild<T> {
    #[inline]
    fn rebuild(&self, body: &crate::ErrorBody<'_>) -> Option<T> {
        T::from_body(body)
    }
}

pub trait RebuildNothing<T> {
    #[inline]
    fn rebuild(&self, _body: &crate::ErrorBody<'_>) -> Option<T> {
        None
    }
}

impl<T> RebuildNothing<T> for &Rebuild<T> {}

/// Rebuilds a field marked `#[skms(detail)]` from a body's detail, when its
/// type is `FromStr`; else `None`: `(&ParseDetail::<T>::NEW).parse(body)`.
pub struct ParseDetail<T>(core::marker::PhantomData<fn() -> T>);

impl<T> ParseDetail<T> {
    pub const NEW: Self = ParseDetail(core::marker::PhantomData);
}

pub trait ParseFromStr<T> {
    fn parse(&self, body: &crate::ErrorBody<'_>) -> Option<T>;
}

impl<T: core::str::FromStr> ParseFromStr<T> for ParseDetail<T> {
    #[inline]
    fn parse(&self, body: &crate::ErrorBody<'_>) -> Option<T> {
        body.detail.as_deref()?.parse().ok()
    }
}

pub trait ParseNothing<T> {
    #[inline]
    fn parse(&self, _body: &crate::ErrorBody<'_>) -> Option<T> {
        None
    }
}

impl<T> ParseNothing<T> for &ParseDetail<T> {}

/// The field marked `#[from]` of a variant with an entry of its own, as its
/// `source()`: `(*field).skms_as_source()`. Implemented for every sized `Error`
/// and, found by auto-deref, for the trait objects behind a
/// `Box<dyn Error + Send + Sync>` or an `anyhow::Error`, which are not
/// `Error` themselves.
pub trait AsSource {
    fn skms_as_source(&self) -> &(dyn StdError + 'static);
}

impl<T: StdError + 'static> AsSource for T {
    #[inline]
    fn skms_as_source(&self) -> &(dyn StdError + 'static) {
        self
    }
}

macro_rules! as_source_of_dyn {
    ($($object:ty),*) => {$(
        impl AsSource for $object {
            #[inline]
            fn skms_as_source(&self) -> &(dyn StdError + 'static) {
                self
            }
        }
    )*};
}

as_source_of_dyn!(
    dyn StdError + 'static,
    dyn StdError + Send + 'static,
    dyn StdError + Sync + 'static,
    dyn StdError + Send + Sync + 'static
);

/// Reads a field of a detail back (see `read_detail`), when its type is
/// `FromStr` and `Display`; else every text is `Unreadable`:
/// `(&ParseDetail::<T>::NEW).read_field(text)`.
pub trait ReadFromStr<T> {
    fn read_field(&self, text: &str) -> super::FieldRead<T>;
}

impl<T: core::str::FromStr + core::fmt::Display> ReadFromStr<T> for ParseDetail<T> {
    #[inline]
    fn read_field(&self, text: &str) -> super::FieldRead<T> {
        super::read_field(text)
    }
}

pub trait ReadNothing<T> {
    #[inline]
    fn read_field(&self, _text: &str) -> super::FieldRead<T> {
        super::FieldRead::Unreadable
    }
}

impl<T> ReadNothing<T> for &ParseDetail<T> {}
