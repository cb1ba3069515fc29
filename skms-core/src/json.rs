//! The fast path: an SKMS body written straight into a byte buffer, byte for
//! byte what serde_json writes, without going through a `Serializer`.
//!
//! Derived types start from their entry's pre-escaped prefix
//! (`{"code":40013,"message":"Key not found in the keyVault"`), computed by
//! the derive at compile time; only the detail is escaped at run time.

use core::fmt::{self, Write as _};
use std::vec::Vec;

use crate::error::DetailOf;
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

/// Appends `{"code":C,"message":"M"`.
fn write_code_and_message<E: SkmsError + ?Sized>(error: &E, out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\"code\":");
    write_u32(out, error.code());
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
        let _ = write!(Escaping(out), "{}", DetailOf(error));
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

/// Writes `n` in decimal.
fn write_u32(out: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut start = digits.len();
    loop {
        start -= 1;
        // n % 10 < 10, so the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (n % 10) as u8;
        digits[start] = b'0' + digit;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[start..]);
}

/// Appends `text` escaped as the inside of a JSON string, the way serde_json
/// escapes it: `"` and `\` with a backslash, the control characters
/// `\b \t \n \f \r` by name and the others as `\u00XX` (lowercase hex);
/// everything else, non-ASCII included, as it is.
pub(crate) fn escape_into(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut run_start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        if byte >= 0x20 && byte != b'"' && byte != b'\\' {
            continue;
        }
        out.extend_from_slice(&bytes[run_start..i]);
        run_start = i + 1;
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\x08' => out.extend_from_slice(b"\\b"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\x0c' => out.extend_from_slice(b"\\f"),
            b'\r' => out.extend_from_slice(b"\\r"),
            control => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(control >> 4)]);
                out.push(HEX[usize::from(control & 0xf)]);
            }
        }
    }
    out.extend_from_slice(&bytes[run_start..]);
}

/// Appends `text` as a JSON string, quotes included.
pub(crate) fn write_str(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    escape_into(out, text);
    out.push(b'"');
}

/// A `fmt::Write` that appends what it is given to a byte buffer as it is.
pub(crate) struct Bytes<'a>(pub(crate) &'a mut Vec<u8>);

impl fmt::Write for Bytes<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.0.extend_from_slice(text.as_bytes());
        Ok(())
    }
}

/// A `fmt::Write` that escapes what it is given into a byte buffer.
struct Escaping<'a>(&'a mut Vec<u8>);

impl fmt::Write for Escaping<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        escape_into(self.0, text);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{escape_into, write_u32};

    #[test]
    fn escapes_like_serde_json() {
        let all: String = (0u8..0x80)
            .map(char::from)
            .chain("é🔑\u{2028}".chars())
            .collect();
        let mut ours = Vec::new();
        escape_into(&mut ours, &all);
        let theirs = serde_json::to_vec(&all).unwrap();
        assert_eq!(ours, theirs[1..theirs.len() - 1]);
    }

    #[test]
    fn writes_integers() {
        for n in [0, 7, 10, 40013, 99_999, u32::MAX] {
            let mut out = Vec::new();
            write_u32(&mut out, n);
            assert_eq!(out, n.to_string().into_bytes());
        }
    }
}
