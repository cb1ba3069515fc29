//! The writer: an SKMS body written straight into a byte buffer, byte for
//! byte what serde_json writes, without going through a `Serializer`; what
//! [`SkmsError::write_json`] does.
//!
//! Derived types start from their entry's pre-escaped prefix
//! (`{"code":40013,"message":"Key not found in the keyVault"`), computed by
//! the derive at compile time; only the detail is escaped at run time.

use core::fmt::{self, Write as _};
use std::vec::Vec;

use super::escape::{escape_into, write_str, Escaping};
use crate::error::FmtDetail;
use crate::SkmsError;

/// Appends the SKMS body of `error` to `out`: the same bytes as
/// `serde_json::to_writer(out, error)`, faster.
///
/// This is what [`SkmsError::write_json`] does for a hand-written impl;
/// derived types override it with their pre-escaped prefixes.
pub fn write_json<E: SkmsError + ?Sized>(error: &E, out: &mut Vec<u8>) {
    write_code_and_message(error, out);
    write_detail_and_close(error, out);
}

/// Appends the SKMS body of `error` without its detail, as a
/// [`DetailPolicy`](crate::DetailPolicy) that withholds it sends it.
pub(crate) fn write_without_detail<E: SkmsError + ?Sized>(error: &E, out: &mut Vec<u8>) {
    write_code_and_message(error, out);
    out.push(b'}');
}

/// Appends the SKMS body of `error` with `detail` in place of its own, as a
/// [`DetailPolicy`](crate::DetailPolicy) that sends a reference for a
/// withheld detail sends it.
pub(crate) fn write_with_detail_text<E: SkmsError + ?Sized>(
    error: &E,
    detail: &str,
    out: &mut Vec<u8>,
) {
    write_code_and_message(error, out);
    out.extend_from_slice(b",\"detail\":");
    write_str(out, detail);
    out.push(b'}');
}

/// Appends `{"code":C,"message":"M"`.
fn write_code_and_message<E: SkmsError + ?Sized>(error: &E, out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\"code\":");
    out.extend_from_slice(
        Digits::new(u64::from(error.code()), false)
            .as_str()
            .as_bytes(),
    );
    out.extend_from_slice(b",\"message\":\"");
    escape_into(out, error.message());
    out.push(b'"');
}

/// Appends `,"detail":"..."}`, or `}` when `error` has no detail.
pub(crate) fn write_detail_and_close<E: SkmsError + ?Sized>(error: &E, out: &mut Vec<u8>) {
    if error.has_detail() {
        out.extend_from_slice(b",\"detail\":\"");
        // The escaping writer never fails; a detail's Display that fails
        // leaves what it wrote, as serde_json would have failed mid-string.
        let _ = write!(Escaping(out), "{}", FmtDetail(error));
        out.push(b'"');
    }
    out.push(b'}');
}

/// The JSON body of `error` as a new `Vec<u8>`, through
/// [`SkmsError::write_json`].
///
/// ```
/// use skms_core::StandardError;
///
/// let body = skms_core::to_json_vec(&StandardError::InvalidToken);
/// assert_eq!(body, br#"{"code":40101,"message":"Invalid token"}"#);
/// ```
#[must_use]
pub fn to_json_vec<E: SkmsError + ?Sized>(error: &E) -> Vec<u8> {
    let mut out = Vec::with_capacity(128);
    error.write_json(&mut out);
    out
}

/// The decimal digits of an integer, with its sign, as its `Display`
/// writes them, in a buffer on the stack.
pub(crate) struct Digits {
    buffer: [u8; 21],
    start: usize,
}

impl Digits {
    /// The digits of `magnitude`, after a `-` when `negative`.
    #[inline]
    pub(crate) fn new(mut magnitude: u64, negative: bool) -> Self {
        let mut buffer = [0u8; 21];
        let mut start = buffer.len();
        loop {
            start -= 1;
            // magnitude % 10 < 10, so the cast cannot truncate.
            #[allow(clippy::cast_possible_truncation)]
            let digit = (magnitude % 10) as u8;
            buffer[start] = b'0' + digit;
            magnitude /= 10;
            if magnitude == 0 {
                break;
            }
        }
        if negative {
            start -= 1;
            buffer[start] = b'-';
        }
        Digits { buffer, start }
    }

    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits and `-` were written.
        core::str::from_utf8(&self.buffer[self.start..]).unwrap_or_default()
    }
}

/// A `fmt::Write` that appends what it is given to a byte buffer as it is.
pub(crate) struct Bytes<'a>(pub(crate) &'a mut Vec<u8>);

impl fmt::Write for Bytes<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.0.extend_from_slice(text.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Digits;

    #[test]
    fn writes_integers() {
        for n in [0, 7, 10, 40013, 99_999, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(Digits::new(n, false).as_str(), n.to_string());
        }
        for n in [-1, -10, i64::from(i32::MIN), i64::MIN] {
            assert_eq!(Digits::new(n.unsigned_abs(), true).as_str(), n.to_string());
        }
    }
}
