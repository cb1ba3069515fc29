//! A code read from text: the one reading that every reader of a code
//! shares (the gRPC `skms-code` metadata, the catalog endpoint's path, the
//! snapshot's table), so that one code has one spelling everywhere.
//!
//! The JSON decoder reads a code as JSON writes an integer, which is the
//! same spelling: `40013` and `0` are codes, `040013`, `+40013` and
//! `4294967296` are not.

use core::fmt;

/// Reads an SKMS code from text: ASCII digits only, without a leading
/// zero, within `u32`. Every `u32` has exactly one spelling, the one that
/// `u32`'s `Display` writes; anything else is refused with what is wrong.
///
/// No sign (`+40013`), no whitespace (` 40013`, `40013\n`), no other digits
/// than ASCII's (`４００１３`, `٤٠٠١٣`), no leading zero (`040013`, which
/// would give one code endlessly many spellings: a URL per spelling, a
/// cache entry per URL). `0` itself is read as the code 0, as the JSON
/// decoder and [`Listing::from_json`](crate::Listing::from_json) read
/// `{"code":0}`: no catalog in practice gives it, but whether a catalog
/// holds a code is for the catalog to say, not for the reader of its
/// spelling.
///
/// Takes a `&str` or bytes (`b"40013"`, a header value's bytes).
///
/// ```
/// use skms_core::{parse_code, ParseCodeError};
///
/// assert_eq!(parse_code("40013"), Ok(40013));
/// assert_eq!(parse_code(b"4294967295"), Ok(u32::MAX));
/// assert_eq!(parse_code("0040013"), Err(ParseCodeError::LeadingZero));
/// assert_eq!(parse_code("40O13"), Err(ParseCodeError::NotDigit { position: 2 }));
/// assert_eq!(parse_code("4294967296"), Err(ParseCodeError::TooLarge));
/// assert_eq!(
///     parse_code("+40013").unwrap_err().to_string(),
///     "a code must be ASCII digits; byte 0 is not one",
/// );
/// ```
///
/// # Errors
///
/// [`ParseCodeError`], the first of these that applies: the text is empty,
/// a byte is not an ASCII digit (the first such), the text starts with `0`
/// and is not `0`, the value exceeds `u32::MAX`.
pub fn parse_code(text: impl AsRef<[u8]>) -> Result<u32, ParseCodeError> {
    let text = text.as_ref();
    if text.is_empty() {
        return Err(ParseCodeError::Empty);
    }
    if let Some(position) = text.iter().position(|byte| !byte.is_ascii_digit()) {
        return Err(ParseCodeError::NotDigit { position });
    }
    if text[0] == b'0' && text.len() > 1 {
        return Err(ParseCodeError::LeadingZero);
    }
    // `u32::MAX` has 10 digits: more, without a leading zero, is too large,
    // and is not summed (a segment of 60,000 digits is refused at once).
    if text.len() > 10 {
        return Err(ParseCodeError::TooLarge);
    }
    let value = text
        .iter()
        .fold(0_u64, |value, digit| value * 10 + u64::from(digit - b'0'));
    u32::try_from(value).map_err(|_| ParseCodeError::TooLarge)
}

/// Why text is not an SKMS code; see [`parse_code`].
///
/// Its `Display` says what the rule is and, for a byte that is not a
/// digit, where; it quotes nothing of the text, which the caller may quote
/// as it sees fit (cut short, escaped).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseCodeError {
    /// The text is empty.
    Empty,
    /// The byte at `position` (from 0) is not an ASCII digit: a sign, a
    /// space, a letter, another script's digit (whose first byte is
    /// `position`).
    NotDigit {
        /// Where the first byte that is not an ASCII digit is, in bytes
        /// from the start.
        position: usize,
    },
    /// Digits that start with `0` and are not `0`: `040013`.
    LeadingZero,
    /// Digits whose value exceeds `u32::MAX` (4294967295).
    TooLarge,
}

impl fmt::Display for ParseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseCodeError::Empty => f.write_str("a code must be digits, found nothing"),
            ParseCodeError::NotDigit { position } => {
                write!(f, "a code must be ASCII digits; byte {position} is not one")
            }
            ParseCodeError::LeadingZero => {
                f.write_str("a code must be written without a leading zero")
            }
            ParseCodeError::TooLarge => f.write_str("a code must be at most 4294967295"),
        }
    }
}

impl std::error::Error for ParseCodeError {}

#[cfg(test)]
mod tests {
    use super::{parse_code, ParseCodeError};
    use std::string::ToString;

    #[test]
    fn every_u32_is_read_from_its_one_spelling() {
        for code in [0, 1, 9, 10, 40013, 99_999, 999_999_999, 1_000_000_000] {
            assert_eq!(parse_code(code.to_string()), Ok(code), "{code}");
        }
        assert_eq!(parse_code("4294967295"), Ok(u32::MAX));
        assert_eq!(parse_code(b"4294967295"), Ok(u32::MAX));
        assert_eq!(parse_code(&b"40013"[..]), Ok(40013));
    }

    #[test]
    fn the_boundaries_are_refused_with_what_is_wrong() {
        use ParseCodeError::{Empty, LeadingZero, NotDigit, TooLarge};
        let cases: [(&str, ParseCodeError); 22] = [
            ("", Empty),
            ("4294967296", TooLarge),
            ("4294967300", TooLarge),
            ("9999999999", TooLarge),
            ("10000000000", TooLarge),
            ("00", LeadingZero),
            ("01", LeadingZero),
            ("0040013", LeadingZero),
            ("04294967296", LeadingZero),
            ("+1", NotDigit { position: 0 }),
            ("-1", NotDigit { position: 0 }),
            (" 1", NotDigit { position: 0 }),
            ("1 ", NotDigit { position: 1 }),
            ("1\n", NotDigit { position: 1 }),
            ("40O13", NotDigit { position: 2 }),
            ("0x1", NotDigit { position: 1 }),
            ("1.0", NotDigit { position: 1 }),
            ("1e4", NotDigit { position: 1 }),
            // Digits of other scripts: fullwidth one, Arabic-Indic four.
            ("１", NotDigit { position: 0 }),
            ("4٤", NotDigit { position: 1 }),
            ("٤0013", NotDigit { position: 0 }),
            ("4001３", NotDigit { position: 4 }),
        ];
        for (text, error) in cases {
            assert_eq!(parse_code(text), Err(error), "{text:?}");
        }
        assert_eq!(parse_code(b"4\xff"), Err(NotDigit { position: 1 }));
    }

    #[test]
    fn long_text_is_refused_without_reading_it_as_a_number() {
        let zeros = "0".repeat(100_000);
        assert_eq!(parse_code(&zeros), Err(ParseCodeError::LeadingZero));
        let mut leading = zeros.clone();
        leading.push_str("40013");
        assert_eq!(parse_code(&leading), Err(ParseCodeError::LeadingZero));
        let digits = "4".repeat(60_000);
        assert_eq!(parse_code(&digits), Err(ParseCodeError::TooLarge));
        let mut late = digits.clone();
        late.push('x');
        assert_eq!(
            parse_code(&late),
            Err(ParseCodeError::NotDigit { position: 60_000 })
        );
    }

    /// The JSON decoders read the code of a body as JSON writes an integer,
    /// which is this spelling: they accept and refuse the same texts.
    #[cfg(feature = "json")]
    #[test]
    fn the_json_decoders_read_the_same_spelling() {
        use std::format;
        for text in [
            "0",
            "1",
            "40013",
            "4294967295",
            "00",
            "01",
            "040013",
            "0040013",
            "4294967296",
            "99999999999",
            "-1",
            "-0",
            "+1",
            "1.0",
            "1e4",
            "0x1",
        ] {
            let body = format!(r#"{{"code":{text},"message":"m"}}"#);
            let expected = parse_code(text).ok();
            assert_eq!(
                crate::ErrorBody::from_str(&body).ok().map(|body| body.code),
                expected,
                "{text}"
            );
            assert_eq!(
                crate::json::decode::precise_slice(body.as_bytes())
                    .ok()
                    .map(|body| body.code),
                expected,
                "{text}"
            );
            // The scanner reads what it accepts the same way; what it
            // leaves, the precise decoder decides.
            if let Some(decoded) = crate::json::scan::scan_body(&body) {
                assert_eq!(Some(decoded.code), expected, "{text}");
            }
        }
    }

    #[test]
    fn each_error_says_the_rule() {
        for (error, text) in [
            (
                ParseCodeError::Empty,
                "a code must be digits, found nothing",
            ),
            (
                ParseCodeError::NotDigit { position: 3 },
                "a code must be ASCII digits; byte 3 is not one",
            ),
            (
                ParseCodeError::LeadingZero,
                "a code must be written without a leading zero",
            ),
            (
                ParseCodeError::TooLarge,
                "a code must be at most 4294967295",
            ),
        ] {
            assert_eq!(error.to_string(), text);
        }
    }
}
