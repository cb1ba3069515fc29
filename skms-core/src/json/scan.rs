//! The scanner (feature `json`): made for the one small shape of an SKMS
//! body, it answers a body only when the input is certainly one, and
//! otherwise nothing.
//!
//! Nothing is the answer for anything unusual, whether wrong or merely rare
//! (an escaped key, an unknown field holding an array or an object, a
//! negative or fractional code, a lone surrogate, bytes that are not UTF-8,
//! a repeated field): the input then goes to the precise decoder,
//! `json/decode.rs`, which decodes it or says what is wrong and where. So what
//! this scanner accepts is a subset of what the precise decoder accepts, with
//! the same body, borrowed the same way; the errors are the precise
//! decoder's alone. The property tests and the fuzz target check both
//! halves of that on every input they try.
//!
//! It is fast because it does only what the shape needs: no serde visitor,
//! no raw values, keys compared as bytes, strings scanned eight bytes at a
//! time, and an escaped string written once into the `String` it becomes.
//! It never recurses and reads each byte once.

use std::borrow::Cow;
use std::string::String;

use super::escape::escape_mask;
use crate::ErrorBody;

/// The body of `input` when `input` is bytes of a body that the scanner is
/// sure of; `None` for anything else, which goes to the precise decoder.
/// Public (hidden) for the tests and the fuzz target, which check it against
/// the precise decoder on every input, as `__private::decode_fast_path`.
#[doc(hidden)]
#[must_use]
pub fn scan_slice(input: &[u8]) -> Option<ErrorBody<'_>> {
    // serde_json checks the UTF-8 of the strings it reads; checking all the
    // input at once costs about the same, and leaves the scanner only `str`.
    core::str::from_utf8(input).ok().and_then(scan_body)
}

/// The body in `input`, when `input` is a body that the scanner is sure of;
/// `None` sends it to the precise decoder.
pub(crate) fn scan_body(input: &str) -> Option<ErrorBody<'_>> {
    let mut scanner = Scanner {
        text: input,
        bytes: input.as_bytes(),
        at: 0,
    };
    scanner.skip_whitespace();
    scanner.expect(b'{')?;
    scanner.skip_whitespace();
    let mut code = None;
    let mut message = None;
    let mut detail = None;
    loop {
        // An empty object has no code: the precise decoder says so.
        scanner.expect(b'"')?;
        let key = scanner.key()?;
        scanner.skip_whitespace();
        scanner.expect(b':')?;
        scanner.skip_whitespace();
        match key {
            b"code" if code.is_none() => code = Some(scanner.code()?),
            b"message" if message.is_none() => message = Some(scanner.text()?),
            b"detail" if detail.is_none() => detail = Some(scanner.text()?),
            // Repeated: refused, by the precise decoder.
            b"code" | b"message" | b"detail" => return None,
            _ => scanner.skip_scalar()?,
        }
        scanner.skip_whitespace();
        match scanner.next()? {
            b',' => scanner.skip_whitespace(),
            b'}' => break,
            _ => return None,
        }
    }
    scanner.skip_whitespace();
    if scanner.at != scanner.bytes.len() {
        return None;
    }
    Some(ErrorBody {
        code: code?,
        message: message?,
        detail,
    })
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    at: usize,
}

impl<'a> Scanner<'a> {
    fn next(&mut self) -> Option<u8> {
        let byte = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    fn expect(&mut self, expected: u8) -> Option<()> {
        (self.next()? == expected).then_some(())
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// A key, after its opening quote; only a key without escapes.
    fn key(&mut self) -> Option<&'a [u8]> {
        let start = self.at;
        let end = special_byte(self.bytes, start);
        if self.bytes.get(end) != Some(&b'"') {
            return None;
        }
        self.at = end + 1;
        self.bytes.get(start..end)
    }

    /// The code: an integer within `u32`, without sign. Digits after the
    /// tenth, a fraction or an exponent are not a delimiter, so the object
    /// refuses them.
    fn code(&mut self) -> Option<u32> {
        let first = self.next()?;
        let mut code = u64::from(first.checked_sub(b'0').filter(|digit| *digit <= 9)?);
        if code != 0 {
            for _ in 0..9 {
                match self.bytes.get(self.at) {
                    Some(&byte @ b'0'..=b'9') => {
                        code = code * 10 + u64::from(byte - b'0');
                        self.at += 1;
                    }
                    _ => break,
                }
            }
        }
        u32::try_from(code).ok()
    }

    /// A string value, borrowed from the input when it holds no escape.
    fn text(&mut self) -> Option<Cow<'a, str>> {
        self.expect(b'"')?;
        let start = self.at;
        let end = special_byte(self.bytes, start);
        match self.bytes.get(end)? {
            b'"' => {
                self.at = end + 1;
                self.text.get(start..end).map(Cow::Borrowed)
            }
            b'\\' => self.unescape(start, end).map(Cow::Owned),
            // A control character, which JSON refuses.
            _ => None,
        }
    }

    /// The string that starts at `start`, with its first escape at
    /// `backslash`, unescaped into one `String`.
    fn unescape(&mut self, start: usize, mut backslash: usize) -> Option<String> {
        // Escapes make a string shorter, never longer: the rest of the input
        // is room enough, and reading the string twice to size it exactly
        // would cost more than the spare bytes (within a bound, for a short
        // string early in a long input).
        let room = (self.bytes.len() - start).min(16 * 1024);
        let mut out = String::with_capacity(room);
        out.push_str(self.text.get(start..backslash)?);
        loop {
            self.at = backslash + 1;
            match self.next()? {
                b'"' => out.push('"'),
                b'\\' => out.push('\\'),
                b'/' => out.push('/'),
                b'b' => out.push('\u{8}'),
                b'f' => out.push('\u{c}'),
                b'n' => out.push('\n'),
                b'r' => out.push('\r'),
                b't' => out.push('\t'),
                b'u' => out.push(self.escaped_char()?),
                _ => return None,
            }
            let start = self.at;
            let end = special_byte(self.bytes, start);
            out.push_str(self.text.get(start..end)?);
            match self.bytes.get(end)? {
                b'"' => {
                    self.at = end + 1;
                    return Some(out);
                }
                b'\\' => backslash = end,
                _ => return None,
            }
        }
    }

    /// The character of a `\u` escape, after the `u`: a code point outside
    /// the surrogates, or a high surrogate followed by a `\u` low one.
    /// Anything else (a lone surrogate) is for the precise decoder.
    fn escaped_char(&mut self) -> Option<char> {
        let first = self.hex4()?;
        let code_point = match first {
            0xd800..=0xdbff => {
                self.expect(b'\\')?;
                self.expect(b'u')?;
                let second = self.hex4()?;
                if !(0xdc00..=0xdfff).contains(&second) {
                    return None;
                }
                0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
            }
            _ => first,
        };
        // `None` for a lone low surrogate.
        char::from_u32(code_point)
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = char::from(self.next()?).to_digit(16)?;
            value = value * 16 + digit;
        }
        Some(value)
    }

    /// The value of an unknown field, when it is a string, a number, `true`,
    /// `false` or `null`; an array or an object goes to the precise decoder.
    fn skip_scalar(&mut self) -> Option<()> {
        match *self.bytes.get(self.at)? {
            b'"' => {
                self.at += 1;
                self.skip_string()
            }
            b'-' | b'0'..=b'9' => self.skip_number(),
            b't' => self.skip_literal(b"true"),
            b'f' => self.skip_literal(b"false"),
            b'n' => self.skip_literal(b"null"),
            _ => None,
        }
    }

    /// A string that is not kept, after its opening quote: its escapes are
    /// checked as serde_json checks those of a value it ignores.
    fn skip_string(&mut self) -> Option<()> {
        loop {
            let end = special_byte(self.bytes, self.at);
            self.at = end + 1;
            match self.bytes.get(end)? {
                b'"' => return Some(()),
                b'\\' => match self.next()? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                    b'u' => {
                        self.hex4()?;
                    }
                    _ => return None,
                },
                _ => return None,
            }
        }
    }

    /// A JSON number, `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`;
    /// whatever follows is the object's to judge.
    fn skip_number(&mut self) -> Option<()> {
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        match self.next()? {
            b'0' => {}
            b'1'..=b'9' => self.skip_digits(),
            _ => return None,
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            self.one_or_more_digits()?;
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            self.one_or_more_digits()?;
        }
        Some(())
    }

    fn one_or_more_digits(&mut self) -> Option<()> {
        if !self.next()?.is_ascii_digit() {
            return None;
        }
        self.skip_digits();
        Some(())
    }

    fn skip_digits(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
    }

    fn skip_literal(&mut self, literal: &[u8]) -> Option<()> {
        let rest = self.bytes.get(self.at..)?;
        rest.starts_with(literal).then(|| self.at += literal.len())
    }
}

/// The index of the first byte from `from` that ends the plain run of a
/// string: a quote, a backslash or a control character; the length of
/// `bytes` when there is none.
///
/// Eight bytes at a time, through the escaper's mask (see [`escape_mask`]),
/// whose lowest flag is exact: the bytes that end a plain run are the bytes
/// that a writer escapes.
fn special_byte(bytes: &[u8], from: usize) -> usize {
    let Some(rest) = bytes.get(from..) else {
        return bytes.len();
    };
    // Sixteen bytes a turn: one test of the loop for two words.
    // (`chunks_exact`, not `as_chunks`, which needs Rust 1.88.)
    let pairs = rest.chunks_exact(16);
    let tail = pairs.remainder();
    for (index, pair) in pairs.enumerate() {
        let (low, high) = pair.split_at(8);
        let (low, high) = (flags(low), flags(high));
        if low | high != 0 {
            let within = if low != 0 {
                low.trailing_zeros() / 8
            } else {
                8 + high.trailing_zeros() / 8
            };
            return from + index * 16 + within as usize;
        }
    }
    let at = from + (rest.len() - tail.len());
    let words = tail.chunks_exact(8);
    let bytes_left = words.remainder();
    if tail.len() >= 8 {
        let flags = flags(&tail[..8]);
        if flags != 0 {
            return at + (flags.trailing_zeros() / 8) as usize;
        }
    }
    let at = at + (tail.len() - bytes_left.len());
    bytes_left
        .iter()
        .position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20)
        .map_or(bytes.len(), |index| at + index)
}

/// [`escape_mask`] of the eight bytes of `bytes`, read little-endian: zero
/// when none is a quote, a backslash or a control character, else a word
/// whose lowest flag is the first such byte.
#[inline(always)]
fn flags(bytes: &[u8]) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(bytes);
    escape_mask(u64::from_le_bytes(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_special_byte_is_the_first_one() {
        let plain = "abcdefghijklmnopqrstuvwxyz0123456789é東🔑";
        for position in 0..=plain.len() {
            for special in ['"', '\\', '\0', '\n', '\u{1f}'] {
                let mut text = plain.as_bytes().to_vec();
                text.insert(position, special as u8);
                // A second one later must not be found first.
                text.push(b'"');
                for from in 0..=position {
                    assert_eq!(special_byte(&text, from), position, "{text:?} {from}");
                }
            }
            assert_eq!(special_byte(plain.as_bytes(), position), plain.len());
        }
        for byte in 0..=255u8 {
            let text = [b'a', b'a', b'a', byte, b'a', b'a', b'a', b'a', b'a'];
            let special = byte == b'"' || byte == b'\\' || byte < 0x20;
            assert_eq!(special_byte(&text, 0), if special { 3 } else { 9 });
        }
    }

    #[test]
    fn plain_bodies_are_decoded_here() {
        let body = scan_body(
            r#" {"code":40013,"message":"Key","detail":"a\"b\u00e9\ud83d\udd11","x":[]} "#,
        );
        assert_eq!(body, None);
        let body = scan_body(
            "{\n \"x\": -1.5e+3, \"code\" : 0, \"y\":null,\"message\":\"m\",\"detail\":\"a\\\"b\\u00e9\\ud83d\\udd11\"}\n",
        )
        .unwrap();
        assert_eq!(body.code, 0);
        assert_eq!(body.message, Cow::Borrowed("m"));
        assert_eq!(body.detail.as_deref(), Some("a\"bé🔑"));
        let body = scan_body(r#"{"code":4294967295,"message":"","z":"\u0000\ud800"}"#).unwrap();
        assert_eq!((body.code, &*body.message), (u32::MAX, ""));
    }

    #[test]
    fn anything_unusual_is_left_to_the_precise_decoder() {
        for input in [
            "",
            "{}",
            r#"{"code":1}"#,
            r#"{"message":"m"}"#,
            r#"{"code":01,"message":"m"}"#,
            r#"{"code":-1,"message":"m"}"#,
            r#"{"code":-0,"message":"m"}"#,
            r#"{"code":1.0,"message":"m"}"#,
            r#"{"code":1e3,"message":"m"}"#,
            r#"{"code":4294967296,"message":"m"}"#,
            r#"{"code":12345678901,"message":"m"}"#,
            r#"{"code":"1","message":"m"}"#,
            r#"{"code":1,"message":null}"#,
            r#"{"code":1,"message":"\ud800"}"#,
            r#"{"code":1,"message":"\udc00"}"#,
            r#"{"code":1,"message":"\ud800\u0041"}"#,
            r#"{"code":1,"message":"\x"}"#,
            "{\"code\":1,\"message\":\"a\u{1}\"}",
            r#"{"code":1,"message":"m","code":1}"#,
            r#"{"code":1,"message":"m","detail":"d","detail":"d"}"#,
            r#"{"co\u0064e":1,"message":"m"}"#,
            r#"{"code":1,"message":"m",}"#,
            r#"{"code":1,"message":"m"} x"#,
            r#"{"code":1,"message":"m"#,
            r#"{"code":1 "message":"m"}"#,
            r#"{"code":1,"message":"m","x":{}}"#,
            r#"{"code":1,"message":"m","x":01}"#,
            r#"{"code":1,"message":"m","x":1.}"#,
            r#"{"code":1,"message":"m","x":-}"#,
            r#"{"code":1,"message":"m","x":nul}"#,
            r#"{"code":1,"message":"m","x":"\q"}"#,
            r#"{"code":1,"message":"m","x":"\u12"}"#,
            "[]",
        ] {
            assert_eq!(scan_body(input), None, "{input}");
        }
    }
}
