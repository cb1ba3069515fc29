//! The escaper: a text written as the inside of a JSON string, byte for
//! byte as serde_json escapes it, and [`escape_mask`], the word-at-a-time
//! test for the bytes that need an escape, which the scanner shares.

use core::fmt::{self, Write as _};
use std::vec::Vec;

/// Appends what `args` writes, escaped for a JSON string.
///
/// # Errors
///
/// Passes on the error of a `Display` in `args`; what it wrote stays.
pub(crate) fn escape_fmt(out: &mut Vec<u8>, args: fmt::Arguments<'_>) -> fmt::Result {
    Escaping(out).write_fmt(args)
}

/// Appends `text` escaped as the inside of a JSON string, the way serde_json
/// escapes it: `"` and `\` with a backslash, the control characters
/// `\b \t \n \f \r` by name and the others as `\u00XX` (lowercase hex);
/// everything else, non-ASCII included, as it is.
///
/// Texts are scanned eight bytes at a time, and the runs between escapes
/// copied whole.
pub(crate) fn escape_into(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    // `bytes[run_start..]` is not yet copied, and holds no escape before `i`.
    let mut run_start = 0;
    let mut i = 0;
    while i + 8 <= bytes.len() {
        let mask = escape_mask(word_at(bytes, i));
        if mask == 0 {
            i += 8;
            continue;
        }
        // The lowest flagged byte is exact (see `escape_mask`).
        let at = i + (mask.trailing_zeros() / 8) as usize;
        out.extend_from_slice(&bytes[run_start..at]);
        write_escape(out, bytes[at]);
        run_start = at + 1;
        i = at + 1;
    }
    // The last bytes, fewer than eight: most often nothing to escape, as
    // one check of two overlapping halves tells; else one at a time.
    if clean_tail(&bytes[i..]) {
        out.extend_from_slice(&bytes[run_start..]);
        return;
    }
    for (at, &byte) in bytes.iter().enumerate().skip(i) {
        if needs_escape(byte) {
            out.extend_from_slice(&bytes[run_start..at]);
            write_escape(out, byte);
            run_start = at + 1;
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

/// Whether `tail`, fewer than eight bytes, needs no escape.
#[inline]
fn clean_tail(tail: &[u8]) -> bool {
    let len = tail.len();
    if len < 4 {
        return !tail.iter().any(|&byte| needs_escape(byte));
    }
    // Two halves of four bytes, overlapping when `len < 8`.
    let half = |at: usize| {
        let mut bytes = [0u8; 4];
        bytes.copy_from_slice(&tail[at..at + 4]);
        u64::from(u32::from_le_bytes(bytes))
    };
    escape_mask(half(0) | half(len - 4) << 32) == 0
}

/// Whether `byte` is a control character, `"` or `\`.
#[inline]
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// The eight bytes of `bytes` from `at`, little-endian.
#[inline]
fn word_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// The high bit of each byte of `word` that is a control character, `"` or
/// `\`, the bytes a JSON string cannot hold as they are. Exact for the
/// lowest such byte (in a word read little-endian, a borrow only carries
/// upwards, from a byte that is itself flagged); above it, a borrow may flag
/// a byte that needs nothing. Bytes of 0x80 and above are never flagged.
///
/// The one mask of both directions: the writer finds with it the next byte
/// to escape, the scanner the end of a plain run of a string.
#[inline(always)]
pub(crate) const fn escape_mask(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    /// Flags the bytes of `word` below `n`.
    const fn below(word: u64, n: u8) -> u64 {
        word.wrapping_sub(ONES * n as u64) & !word & HIGHS
    }
    let quote = word ^ (ONES * b'"' as u64);
    let backslash = word ^ (ONES * b'\\' as u64);
    below(word, 0x20) | below(quote, 1) | below(backslash, 1)
}

/// Appends the escape of `byte`, a control character, `"` or `\`.
fn write_escape(out: &mut Vec<u8>, byte: u8) {
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

/// A `fmt::Write` that escapes what it is given into a byte buffer.
pub(crate) struct Escaping<'a>(pub(crate) &'a mut Vec<u8>);

impl fmt::Write for Escaping<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        escape_into(self.0, text);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{escape_into, escape_mask, needs_escape};

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

    fn check_escape(text: &str) {
        let mut ours = b"kept".to_vec();
        escape_into(&mut ours, text);
        let theirs = serde_json::to_vec(text).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&ours[4..]),
            String::from_utf8_lossy(&theirs[1..theirs.len() - 1]),
            "{text:?}"
        );
        assert_eq!(&ours[..4], b"kept");
    }

    /// Every byte that needs an escape, at every offset of the eight-byte
    /// words and of the tail, among ASCII and multi-byte neighbours.
    #[test]
    fn escapes_at_every_position() {
        let specials = (0u8..0x20).chain([b'"', b'\\']).map(char::from);
        for special in specials.chain(['a', '\u{7f}', 'é', '🔑']) {
            for filler in ["a", "é", "~", "!", "\u{80}"] {
                for len in 0..26 {
                    for at in 0..=len {
                        let mut text: String = filler.repeat(len);
                        let at = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
                        text.insert(at, special);
                        check_escape(&text);
                    }
                }
            }
        }
    }

    /// Pseudo-random texts over an alphabet that has every kind of byte.
    #[test]
    fn escapes_mixed_texts() {
        const ALPHABET: &[char] = &[
            'a', 'Z', ' ', '"', '\\', '/', '\n', '\t', '\u{0}', '\u{1f}', '\u{7f}', 'é', '漢',
            '🔑', '\u{2028}', '!', '#', '[', ']', '{', '}',
        ];
        let mut seed: u64 = 0x5eed;
        for _ in 0..2000 {
            let mut text = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let len = (seed >> 33) % 64;
            for _ in 0..len {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                // The high bits, reduced modulo the alphabet's length.
                let index = usize::try_from((seed >> 33) % ALPHABET.len() as u64).unwrap();
                text.push(ALPHABET[index]);
            }
            check_escape(&text);
        }
    }

    /// The mask flags exactly the bytes that need an escape, when there is
    /// one such byte in the word, at any position, among any neighbours;
    /// and the lowest of several, as both the writer and the scanner read it.
    #[test]
    fn the_mask_flags_the_first_byte_to_escape() {
        let word = |bytes: [u8; 8]| u64::from_le_bytes(bytes);
        for byte in 0..=255u8 {
            for filler in [b'a', b' ', b'!', b'#', b'[', b']', 0x7f, 0x80, 0xff] {
                for at in 0..8 {
                    let mut bytes = [filler; 8];
                    bytes[at] = byte;
                    let mask = escape_mask(word(bytes));
                    if needs_escape(byte) {
                        assert_eq!(mask.trailing_zeros() / 8, at as u32, "{bytes:?}");
                        // A second one above does not hide the first.
                        for later in at + 1..8 {
                            let mut two = bytes;
                            two[later] = b'"';
                            let mask = escape_mask(word(two));
                            assert_eq!(mask.trailing_zeros() / 8, at as u32, "{two:?}");
                        }
                    } else {
                        assert_eq!(mask, 0, "{bytes:?}");
                    }
                }
            }
        }
    }
}
