//! The precise decoder (feature `json`): received JSON decoded into an
//! `ErrorBody`, with an error that says what is wrong and where
//! (`DecodeError`, its kinds and texts); and the JSON entry points of
//! `ErrorBody` and `Decoded` (`from_slice`, `from_str`), inherent impls
//! written here that rustdoc shows on the types' pages.
//!
//! The `Deserialize` impl of `ErrorBody` works with any serde format but can
//! only report what serde lets a visitor see. Here the decoder is
//! serde_json's, and each field's JSON text is found in the input once
//! serde_json has read it: the text says exactly what was sent (`"40013"`,
//! `40013.0`, `1e400`, a 30-digit integer, `null`), and the error can name
//! it and point at it. The two decoders accept the
//! same inputs and give the same bodies; the tests and the fuzz target check
//! that they agree.
//!
//! [`ErrorBody::from_slice`] and [`ErrorBody::from_str`] first try the
//! scanner (`json/scan.rs`), made for plain bodies, and come here only when
//! it is not sure: every error, and every body it does not answer, is this
//! module's.
//!
//! One concern, a received body read from JSON with precise errors: the
//! decoder, its error type, and the entry points that call it.

use core::cell::Cell;
use core::fmt;
use std::borrow::Cow;
use std::boxed::Box;
use std::string::{String, ToString};

use serde::de::{self, Deserializer as _, IgnoredAny, MapAccess, Visitor};
use serde_json::error::Category;

use super::scan::{scan_body, scan_slice};
use crate::body::Key;
use crate::{Decoded, ErrorBody, FromBody};

/// What is wrong with a body that could not be decoded; see [`DecodeError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The input is not JSON: a syntax error, input that ends too early, bytes
    /// that are not UTF-8 inside a string, or something after the body.
    NotJson,
    /// The input is JSON, but not an object.
    NotAnObject,
    /// The object has no `code`.
    MissingCode,
    /// `code` is not a JSON integer: a string, a number with a fraction or an
    /// exponent (`40013.0`, `4e4`), `null`, a boolean, an array, an object.
    CodeNotInteger,
    /// `code` is an integer outside `0..=4294967295` (negative, or too
    /// large for a `u32`).
    CodeOutOfRange,
    /// The object has no `message`.
    MissingMessage,
    /// `message` is not a string (`null` included), or is a string that is
    /// not valid Unicode (an escaped lone surrogate such as `"\ud800"`).
    MessageNotString,
    /// `detail` is present but is not a string (`null` included), or is a
    /// string that is not valid Unicode.
    DetailNotString,
    /// `code`, `message` or `detail` appears more than once, so which one
    /// the server meant is unknown.
    DuplicateField,
}

/// Why a received body could not be decoded: its [`kind`](DecodeError::kind),
/// and where ([`line`](DecodeError::line), [`column`](DecodeError::column)).
///
/// Its `Display` says what is wrong and what was found, such as
/// ``invalid SKMS error body: `code` must be an integer, found the string "40013" at line 1 column 10``.
/// What it quotes of the input is cut short and escaped, so that a hostile
/// server cannot fill or forge a log line through it.
///
/// ```
/// use skms_core::{DecodeErrorKind, ErrorBody};
///
/// let error = ErrorBody::from_str(r#"{"code": 99999999999, "message": "m"}"#).unwrap_err();
/// assert_eq!(error.kind(), DecodeErrorKind::CodeOutOfRange);
/// assert_eq!((error.line(), error.column()), (1, 10));
/// assert_eq!(
///     error.to_string(),
///     "invalid SKMS error body: `code` must be from 0 to 4294967295, found 99999999999 at line 1 column 10",
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DecodeError {
    kind: DecodeErrorKind,
    reason: Box<str>,
    line: usize,
    column: usize,
}

impl DecodeError {
    /// What is wrong.
    #[must_use]
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// The line of the problem, from 1: where the value at fault starts, for
    /// a `code`, `message` or `detail` that is wrong or repeated (its second
    /// value) and for a body that is not an object; otherwise where
    /// serde_json stopped reading (the byte at fault for input that is not
    /// JSON, the closing brace for a missing field).
    #[must_use]
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of the problem on [`line`](DecodeError::line), from 1, in
    /// bytes; 0 for empty input.
    #[must_use]
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid SKMS error body: {}", self.reason)?;
        if self.line != 0 {
            write!(f, " at line {} column {}", self.line, self.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}

impl<'a> ErrorBody<'a> {
    /// Decodes a received body from JSON bytes, borrowing its strings from
    /// `input` when they hold no escapes. Feature `json`.
    ///
    /// It accepts what the [`Deserialize`](serde::Deserialize) impl accepts
    /// (see [`ErrorBody`]), and its error says what is wrong; see
    /// [`DecodeErrorKind`]. Whitespace around the body is allowed; anything
    /// else after it is not.
    ///
    /// ```
    /// use skms_core::{DecodeErrorKind, ErrorBody};
    ///
    /// let body = ErrorBody::from_slice(br#"{"code":40101,"message":"Invalid token"}"#).unwrap();
    /// assert_eq!((body.code, &*body.message, body.detail), (40101, "Invalid token", None));
    ///
    /// let error = ErrorBody::from_slice(br#"{"code":40101,"message":"m","detail":null}"#).unwrap_err();
    /// assert_eq!(error.kind(), DecodeErrorKind::DetailNotString);
    /// ```
    ///
    /// # Errors
    ///
    /// A [`DecodeError`] when `input` is not an SKMS error body.
    pub fn from_slice(input: &'a [u8]) -> Result<Self, DecodeError> {
        match scan_slice(input) {
            Some(body) => Ok(body),
            None => precise_slice(input),
        }
    }

    /// Decodes a received body from JSON text, borrowing its strings from
    /// `input` when they hold no escapes. Feature `json`.
    ///
    /// The same as [`from_slice`](ErrorBody::from_slice), for text. It is
    /// not `FromStr`, which cannot borrow from its input.
    ///
    /// ```
    /// use skms_core::ErrorBody;
    ///
    /// let body = ErrorBody::from_str(r#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}"#).unwrap();
    /// assert_eq!(body.detail.as_deref(), Some("keyId : 0000009"));
    /// ```
    ///
    /// # Errors
    ///
    /// A [`DecodeError`] when `input` is not an SKMS error body.
    #[allow(clippy::should_implement_trait)] // FromStr cannot borrow from the input.
    pub fn from_str(input: &'a str) -> Result<Self, DecodeError> {
        match scan_body(input) {
            Some(body) => Ok(body),
            None => decode(serde_json::Deserializer::from_str(input), input.as_bytes()),
        }
    }
}

impl<E: FromBody> Decoded<E> {
    /// Decodes a received body from JSON bytes and rebuilds it as an `E`
    /// when `E` can; see [`ErrorBody::from_slice`] and [`FromBody`].
    /// Feature `json`.
    ///
    /// ```
    /// use skms_core::{Decoded, StandardError};
    ///
    /// let decoded = Decoded::<StandardError>::from_slice(
    ///     br#"{"code":40003,"message":"Failed create header","detail":"4020"}"#,
    /// )
    /// .unwrap();
    /// assert_eq!(decoded.error(), Some(&StandardError::FailedCreateHeader));
    /// assert_eq!(decoded.detail(), Some("4020"));
    /// ```
    ///
    /// # Errors
    ///
    /// A [`DecodeError`] when `input` is not an SKMS error body. A body with
    /// a code that `E` does not know is not an error: it is kept, with
    /// [`error`](Decoded::error) `None`.
    pub fn from_slice(input: &[u8]) -> Result<Self, DecodeError> {
        ErrorBody::from_slice(input).map(Decoded::from_body)
    }

    /// Decodes a received body from JSON text and rebuilds it as an `E`
    /// when `E` can; see [`Decoded::from_slice`]. Feature `json`.
    ///
    /// # Errors
    ///
    /// A [`DecodeError`] when `input` is not an SKMS error body.
    #[allow(clippy::should_implement_trait)] // FromStr is implemented too; this needs no import.
    pub fn from_str(input: &str) -> Result<Self, DecodeError> {
        ErrorBody::from_str(input).map(Decoded::from_body)
    }
}

impl<E: FromBody> core::str::FromStr for Decoded<E> {
    type Err = DecodeError;

    /// The same as [`Decoded::from_str`], for `text.parse()`.
    fn from_str(input: &str) -> Result<Self, DecodeError> {
        Decoded::from_str(input)
    }
}

/// What [`ErrorBody::from_slice`] answers without its scanner: the strict
/// visitor over serde_json, with the precise errors. For the tests and the
/// fuzz target.
///
/// # Errors
///
/// A [`DecodeError`] when `input` is not an SKMS error body.
#[doc(hidden)]
pub fn precise_slice(input: &[u8]) -> Result<ErrorBody<'_>, DecodeError> {
    decode(serde_json::Deserializer::from_slice(input), input)
}

/// Runs the strict visitor over `input` and turns serde_json's error into a
/// `DecodeError`.
fn decode<'de, R: serde_json::de::Read<'de>>(
    mut deserializer: serde_json::Deserializer<R>,
    input: &'de [u8],
) -> Result<ErrorBody<'de>, DecodeError> {
    let problem = Cell::new(None);
    let visitor = StrictVisitor {
        problem: &problem,
        values: Values {
            input,
            at: Cell::new(0),
        },
    };
    let result = (&mut deserializer)
        .deserialize_map(visitor)
        .and_then(|body| deserializer.end().map(|()| body));
    result.map_err(|error| {
        let (mut line, mut column) = (error.line(), error.column());
        let (kind, reason) = match problem.take() {
            Some(Problem { kind, reason, at }) => {
                match at {
                    At::Value(offset) => (line, column) = position(input, offset),
                    At::Index(index) => (line, column) = serde_position(input, index),
                    At::Stop => {}
                }
                (kind, reason)
            }
            None => match (error.classify(), first_value(input)) {
                // Our visitor records every problem it finds, so a data error
                // it did not record is serde_json refusing a non-object at
                // the top.
                (Category::Data, Some((offset, first))) if first != b'{' => {
                    (line, column) = position(input, offset);
                    (
                        DecodeErrorKind::NotAnObject,
                        format!(
                            "expected an object with `code` and `message`, found {}",
                            kind_of(first)
                        ),
                    )
                }
                _ => (
                    DecodeErrorKind::NotJson,
                    format!("not JSON: {}", without_position(&error)),
                ),
            },
        };
        DecodeError {
            kind,
            reason: reason.into_boxed_str(),
            line,
            column,
        }
    })
}

/// The line and column (from 1, in bytes, as serde_json counts them) of the
/// byte at `offset` in `input`.
fn position(input: &[u8], offset: usize) -> (usize, usize) {
    let before = &input[..offset.min(input.len())];
    let line_start = before
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |newline| newline + 1);
    let line = 1 + before.iter().filter(|&&byte| byte == b'\n').count();
    (line, before.len() - line_start + 1)
}

/// The position that serde_json gives an error found when it has read
/// `index` bytes of `input`: the column counts the bytes read on the line.
fn serde_position(input: &[u8], index: usize) -> (usize, usize) {
    let (line, column) = position(input, index);
    (line, column - 1)
}

/// A problem the visitor found, kept aside: serde_json's error can only
/// carry a message.
struct Problem {
    kind: DecodeErrorKind,
    reason: String,
    at: At,
}

/// Where a problem is.
enum At {
    /// At the start of the value at fault, this offset: more useful than
    /// where serde_json stopped (after trying to close the object).
    Value(usize),
    /// Where serde_json would stop, having read this many bytes.
    Index(usize),
    /// Where serde_json stopped.
    Stop,
}

/// The values of the body's object, one after the other, as text.
///
/// serde_json reads them (and so checks them: that they are JSON, where
/// they end) but does not say where they are; this follows it through the
/// input, one value behind, to give the text of each value it has read.
/// What serde_json has read is valid JSON, so following it needs no more
/// than the delimiters.
struct Values<'de> {
    input: &'de [u8],
    /// After the last value serde_json read (at first, the start).
    at: Cell<usize>,
}

impl Values<'_> {
    /// Where the value that serde_json has just read starts and ends: after
    /// the `{` or the `,` that follows the previous value, the key and its
    /// colon.
    fn next(&self) -> (usize, usize) {
        let mut at = self.whitespace(self.at.get()) + 1;
        at = self.whitespace(at);
        at = self.string(at);
        at = self.whitespace(at) + 1;
        let start = self.whitespace(at);
        let end = self.value(start);
        self.at.set(end);
        (start, end)
    }

    fn byte(&self, at: usize) -> u8 {
        self.input.get(at).copied().unwrap_or_default()
    }

    fn whitespace(&self, mut at: usize) -> usize {
        while matches!(self.byte(at), b' ' | b'\t' | b'\n' | b'\r') {
            at += 1;
        }
        at
    }

    /// The end of the string that starts at `at`.
    fn string(&self, mut at: usize) -> usize {
        at += 1;
        while at < self.input.len() {
            match self.byte(at) {
                b'"' => return at + 1,
                b'\\' => at += 2,
                _ => at += 1,
            }
        }
        self.input.len()
    }

    /// The end of the value that starts at `at`; without recursion, so
    /// that no nesting can exhaust the stack.
    fn value(&self, mut at: usize) -> usize {
        match self.byte(at) {
            b'"' => self.string(at),
            b'[' | b'{' => {
                let mut depth = 0_usize;
                while at < self.input.len() {
                    match self.byte(at) {
                        b'"' => {
                            at = self.string(at);
                            continue;
                        }
                        b'[' | b'{' => depth += 1,
                        b']' | b'}' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                return at + 1;
                            }
                        }
                        _ => {}
                    }
                    at += 1;
                }
                self.input.len()
            }
            b't' | b'n' => at + 4,
            b'f' => at + 5,
            // A number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`,
            // and nothing of what follows it.
            _ => {
                if self.byte(at) == b'-' {
                    at += 1;
                }
                at = self.digits(at);
                if self.byte(at) == b'.' {
                    at = self.digits(at + 1);
                }
                if matches!(self.byte(at), b'e' | b'E') {
                    at += 1;
                    if matches!(self.byte(at), b'+' | b'-') {
                        at += 1;
                    }
                    at = self.digits(at);
                }
                at
            }
        }
    }

    fn digits(&self, mut at: usize) -> usize {
        while self.byte(at).is_ascii_digit() {
            at += 1;
        }
        at
    }
}

struct StrictVisitor<'p, 'de> {
    problem: &'p Cell<Option<Problem>>,
    values: Values<'de>,
}

impl<'de> StrictVisitor<'_, 'de> {
    /// Records the problem and stops the decoder with it.
    fn fail<E: de::Error>(&self, kind: DecodeErrorKind, reason: String, at: At) -> E {
        let error = E::custom(&reason);
        self.problem.set(Some(Problem { kind, reason, at }));
        error
    }

    /// Reads the next value and answers its JSON text and where it starts.
    /// Like serde_json's raw values, the text must be UTF-8, even where
    /// serde_json would not look (the string of a wrong code, say).
    fn raw<A: MapAccess<'de>>(&self, map: &mut A) -> Result<(&'de str, usize), A::Error> {
        map.next_value::<IgnoredAny>()?;
        let (start, end) = self.values.next();
        let text = self.values.input.get(start..end).unwrap_or_default();
        core::str::from_utf8(text)
            .map(|raw| (raw, start))
            .map_err(|error| {
                self.fail(
                    DecodeErrorKind::NotJson,
                    "not JSON: invalid unicode code point".into(),
                    At::Index(start + error.valid_up_to() + 1),
                )
            })
    }

    /// Reads the next value as raw JSON and parses it with `parse`.
    fn field<A, T>(
        &self,
        map: &mut A,
        parse: impl FnOnce(&'de str) -> Result<T, Refusal>,
    ) -> Result<T, A::Error>
    where
        A: MapAccess<'de>,
    {
        let (raw, start) = self.raw(map)?;
        parse(raw).map_err(|(kind, reason)| self.fail(kind, reason, At::Value(start)))
    }
}

impl<'de> Visitor<'de> for StrictVisitor<'_, 'de> {
    type Value = ErrorBody<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an SKMS error body, an object with `code` and `message`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut code = None;
        let mut message = None;
        let mut detail = None;
        while let Some(key) = map.next_key::<Key>()? {
            let name = match key {
                Key::Code if code.is_none() => {
                    code = Some(self.field(&mut map, parse_code)?);
                    continue;
                }
                Key::Message if message.is_none() => {
                    message = Some(self.field(&mut map, |raw| {
                        parse_text(raw, "message", DecodeErrorKind::MessageNotString)
                    })?);
                    continue;
                }
                Key::Detail if detail.is_none() => {
                    detail = Some(self.field(&mut map, |raw| {
                        parse_text(raw, "detail", DecodeErrorKind::DetailNotString)
                    })?);
                    continue;
                }
                Key::Other => {
                    // Skipped as serde_json skips it, its text unchecked.
                    map.next_value::<IgnoredAny>()?;
                    self.values.next();
                    continue;
                }
                Key::Code => "code",
                Key::Message => "message",
                Key::Detail => "detail",
            };
            // Read the second value, to point at it.
            let (_, start) = self.raw(&mut map)?;
            return Err(self.fail(
                DecodeErrorKind::DuplicateField,
                format!("`{name}` appears more than once"),
                At::Value(start),
            ));
        }
        let Some(code) = code else {
            return Err(self.fail(
                DecodeErrorKind::MissingCode,
                "`code` is missing".into(),
                At::Stop,
            ));
        };
        let Some(message) = message else {
            return Err(self.fail(
                DecodeErrorKind::MissingMessage,
                "`message` is missing".into(),
                At::Stop,
            ));
        };
        Ok(ErrorBody {
            code,
            message,
            detail,
        })
    }
}

type Refusal = (DecodeErrorKind, String);

/// The code from its raw JSON text, which serde_json has checked is one
/// JSON value.
fn parse_code(raw: &str) -> Result<u32, Refusal> {
    let raw = raw.trim_matches(is_json_whitespace);
    let first = raw.as_bytes().first().copied().unwrap_or_default();
    if first != b'-' && !first.is_ascii_digit() {
        return Err((
            DecodeErrorKind::CodeNotInteger,
            format!("`code` must be an integer, found {}", found(raw)),
        ));
    }
    if raw.contains(['.', 'e', 'E']) {
        return Err((
            DecodeErrorKind::CodeNotInteger,
            format!("`code` must be an integer, found {}", found(raw)),
        ));
    }
    // An integer, which JSON writes as `-?(0|[1-9][0-9]*)`: negative (`-0`
    // included, which serde_json reads as a float) or too many for a u32 is
    // the only way to fail here.
    raw.parse::<u32>().map_err(|_| {
        (
            DecodeErrorKind::CodeOutOfRange,
            format!(
                "`code` must be from 0 to 4294967295, found {}",
                excerpt(raw)
            ),
        )
    })
}

/// A string field from its raw JSON text, borrowed when it holds no escape.
fn parse_text<'de>(
    raw: &'de str,
    name: &str,
    kind: DecodeErrorKind,
) -> Result<Cow<'de, str>, Refusal> {
    let raw = raw.trim_matches(is_json_whitespace);
    match raw
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        // serde_json has checked the string; without a backslash, its text
        // is its value.
        Some(text) if !text.contains('\\') => Ok(Cow::Borrowed(text)),
        Some(_) => serde_json::from_str::<String>(raw)
            .map(Cow::Owned)
            .map_err(|error| {
                (
                    kind,
                    format!(
                        "`{name}` is not a valid string: {}",
                        without_position(&error)
                    ),
                )
            }),
        None => Err((
            kind,
            format!("`{name}` must be a string, found {}", found(raw)),
        )),
    }
}

fn is_json_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// The offset and the first byte of the input's value, after whitespace.
fn first_value(input: &[u8]) -> Option<(usize, u8)> {
    input
        .iter()
        .copied()
        .enumerate()
        .find(|&(_, byte)| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
}

/// What a JSON value starting with `first` is.
fn kind_of(first: u8) -> &'static str {
    match first {
        b'"' => "a string",
        b't' | b'f' => "a boolean",
        b'n' => "null",
        b'[' => "an array",
        b'{' => "an object",
        _ => "a number",
    }
}

/// A JSON value as an error names it: its kind, and its text when it is a
/// number or a string.
fn found(raw: &str) -> String {
    match raw.as_bytes().first().copied() {
        Some(b'"') => format!("the string {}", excerpt(raw)),
        Some(b'-' | b'0'..=b'9') => format!("the number {}", excerpt(raw)),
        Some(first) => kind_of(first).to_string(),
        None => "nothing".to_string(),
    }
}

/// At most about 40 bytes of a value's JSON text, with every character that
/// could break or forge a log line (controls, line and paragraph separators,
/// bidirectional overrides, any other non-ASCII that is not a letter or a
/// digit) written as a `\u{..}` escape.
fn excerpt(raw: &str) -> String {
    const LIMIT: usize = 40;
    let mut out = String::new();
    for c in raw.chars() {
        if out.len() >= LIMIT {
            out.push('…');
            break;
        }
        if c.is_ascii_graphic() || c == ' ' || (!c.is_ascii() && c.is_alphanumeric()) {
            out.push(c);
        } else {
            out.extend(c.escape_unicode());
        }
    }
    out
}

/// serde_json's message without its ` at line L column C`, which the
/// `DecodeError` gives itself.
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(&suffix) {
        Some(reason) => reason.to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Values` finds each value that serde_json has read, whatever it
    /// holds, and no more of the input than the value.
    #[test]
    fn values_are_found_where_serde_json_read_them() {
        let input = br#" { "a" :
          [1, {"b": "]\"}"}, []] ,"co\"de"	:	-1.5e+3x"#;
        let values = Values {
            input,
            at: Cell::new(0),
        };
        let text = |(start, end): (usize, usize)| core::str::from_utf8(&input[start..end]).unwrap();
        assert_eq!(text(values.next()), r#"[1, {"b": "]\"}"}, []]"#);
        // serde_json stops after the number: what follows is not read.
        assert_eq!(text(values.next()), "-1.5e+3");
        let input = br#"{"n":null,"t":true,"f":false,"s":"\\","o":{},"z":0}"#;
        let values = Values {
            input,
            at: Cell::new(0),
        };
        let text = |(start, end): (usize, usize)| core::str::from_utf8(&input[start..end]).unwrap();
        for expected in ["null", "true", "false", r#""\\""#, "{}", "0"] {
            assert_eq!(text(values.next()), expected);
        }
    }

    #[test]
    fn serde_positions_count_the_bytes_read() {
        assert_eq!(serde_position(b"ab\ncd", 4), (2, 1));
        assert_eq!(serde_position(b"ab\ncd", 3), (2, 0));
        assert_eq!(serde_position(b"abc", 2), (1, 2));
    }
}
