//! JSON, one concern a file:
//!
//! - `escape`, the escaper: a text as the inside of a JSON string, as
//!   serde_json escapes it, and the one word-at-a-time mask of the bytes
//!   that need an escape, which the writer and the scanner share;
//! - `write`, the writer: an SKMS body written straight into a byte buffer,
//!   what [`SkmsError::write_json`](crate::SkmsError::write_json) and
//!   [`to_json_vec`] do;
//! - `scan`, the scanner (feature `json`): the one small shape of a plain
//!   body, read without serde, answering only bodies it is sure of;
//! - `decode`, the precise decoder (feature `json`): every other body, over
//!   serde_json, with a [`DecodeError`](crate::DecodeError) that says what is
//!   wrong and where; and the JSON entry points of the types,
//!   `ErrorBody::from_slice` / `from_str` and `Decoded::from_slice` /
//!   `from_str`, which try the scanner first.
//!
//! The format-agnostic halves stay outside: the wire type and its serde
//! impls in `body.rs`, `Decoded` and `FromBody` in `decode.rs`.

#[cfg(feature = "json")]
pub(crate) mod decode;
mod escape;
#[cfg(feature = "json")]
pub(crate) mod scan;
mod write;

pub(crate) use self::escape::{escape_fmt, escape_into, write_str};
pub use self::write::{to_json_vec, write_json};
pub(crate) use self::write::{write_with_detail_text, write_without_detail, Bytes, Digits};
