//! The texts of a plain detail (one whose fields have no spec), as the
//! derive encodes them into the detail's entry, read back: its decoder. The
//! encoder is skms-derive's `texts.rs`; the test below runs the two together.
//!
//! The encoding: the texts of the detail (the text before each field, then
//! the text after the last field), each after its length in bytes written
//! as one `char`; then the same texts escaped for a JSON string, only when
//! escaping changes them; the whole after the length in bytes of the first
//! part, as a `char` too. One string literal is far cheaper for the compiler
//! than an array of them, a length saves the writers a scan, and one
//! `&'static str` keeps an entry small. A length from 0xD800 on is not a
//! `char` below the surrogates: the derive formats such a detail with
//! `write!` instead.

use core::fmt;

use super::FieldValue;

#[cfg(test)]
#[path = "../../../skms-derive/src/texts.rs"]
mod encoder;

/// The plain texts and the JSON texts of an entry's encoded texts (the
/// plain ones again when escaping changes none). `None` for texts that the
/// derive does not write.
#[inline]
pub(super) fn split(all: &str) -> Option<(&str, &str)> {
    let (texts, json_texts) = next_text(all)?;
    Some((
        texts,
        if json_texts.is_empty() {
            texts
        } else {
            json_texts
        },
    ))
}

/// Writes `texts` with `fields` between them into `out`: each text, then,
/// but after the last, the next field (fillers past the texts' count are
/// not written). The one walk of the encoding, for every writer.
#[inline]
pub(super) fn walk<W: ?Sized>(
    out: &mut W,
    texts: &str,
    fields: &[FieldValue<'_>],
    text: impl Fn(&mut W, &str) -> fmt::Result,
    field: impl Fn(&mut W, FieldValue<'_>) -> fmt::Result,
) -> fmt::Result {
    let mut texts = texts;
    let mut fields = fields.iter();
    while let Some((first, rest)) = next_text(texts) {
        text(out, first)?;
        // The text after the last field ends the texts.
        if rest.is_empty() {
            break;
        }
        if let Some(&value) = fields.next() {
            field(out, value)?;
        }
        texts = rest;
    }
    Ok(())
}

/// `texts` of a detail that is one field alone: two empty texts, each after
/// its length 0.
pub(super) const ONE_FIELD_ALONE: &str = "\0\0";

/// The first text of `texts` and the texts after it: each text is written
/// after its length in bytes, as a char. `None` at the end (or for texts
/// not written so, which the derive never makes).
#[inline]
pub(super) fn next_text(texts: &str) -> Option<(&str, &str)> {
    let mut chars = texts.chars();
    let len = chars.next()? as usize;
    chars.as_str().split_at_checked(len)
}

#[cfg(test)]
mod tests {
    use std::string::String;
    use std::vec::Vec;

    use super::{encoder, next_text, split, walk, FieldValue};

    /// Each text of `texts`, as the writers read them one by one.
    fn decoded(mut texts: &str) -> Vec<&str> {
        let mut all = Vec::new();
        while let Some((text, rest)) = next_text(texts) {
            all.push(text);
            texts = rest;
        }
        all
    }

    /// What the encoder makes of `texts`, read back by the decoder: the
    /// plain texts as given, the JSON ones as `serde_json` escapes them.
    fn round_trip(texts: &[&str]) {
        let encoded = encoder::encode(texts).unwrap();
        let (plain, json) = split(&encoded).unwrap();
        assert_eq!(decoded(plain), texts);
        let json = decoded(json);
        assert_eq!(json.len(), texts.len());
        for (escaped, text) in json.iter().zip(texts) {
            let string: String = serde_json::from_str(&std::format!("\"{escaped}\"")).unwrap();
            assert_eq!(string, *text);
            let mut ours = Vec::new();
            crate::json::escape_into(&mut ours, text);
            assert_eq!(
                escaped.as_bytes(),
                ours,
                "the derive and the writer escape alike"
            );
        }
        // The JSON texts are kept only when escaping changes them.
        let escapes = texts.iter().any(|text| {
            let mut escaped = String::new();
            encoder::escape_json(&mut escaped, text);
            escaped != *text
        });
        let first_len = encoded.chars().next().unwrap().len_utf8();
        assert_eq!(encoded.len() > first_len + plain.len(), escapes);
    }

    #[test]
    fn texts_read_back_as_written() {
        round_trip(&[""]);
        round_trip(&["", ""]);
        round_trip(&["keyId : ", ""]);
        round_trip(&["<", ", ", " and ", ">"]);
        round_trip(&["\"quoted\" \\ ", "\t\n\r\u{8}\u{c}\u{1}\u{1f}", "\u{7f}"]);
        round_trip(&["é, 日本語, 🦀 ", " ü"]);
        let long = "x".repeat(0xD7F0);
        round_trip(&[&long[..127], &long[..128], &long[..2_048]]);
        round_trip(&[&long, ""]);
    }

    /// A length from 0xD800 on is not a char below the surrogates: the
    /// encoder gives up, for a text and for the whole.
    #[test]
    fn lengths_past_the_surrogates_are_not_encoded() {
        let long = "x".repeat(0xD800);
        assert!(encoder::encode(&[&long, ""]).is_none());
        // The first part, each text after its length of three bytes.
        let half = "x".repeat(0x6BFD);
        assert!(encoder::encode(&[&half, &half]).is_none());
        assert!(encoder::encode(&[&half[..0x6BFC], &half[..0x6BFC]]).is_some());
    }

    /// The walk writes each text, and a field after each but the last;
    /// fields past the texts' count are fillers, not written.
    #[test]
    fn the_walk_puts_fields_between_texts() {
        let encoded = encoder::encode(&["a=", ", b=", "."]).unwrap();
        let (texts, _) = split(&encoded).unwrap();
        let fields = [
            FieldValue::Str("1"),
            FieldValue::Unsigned(2),
            FieldValue::Str("filler"),
        ];
        let mut out = String::new();
        walk(
            &mut out,
            texts,
            &fields,
            |out, text| {
                out.push_str(text);
                Ok(())
            },
            |out, field| {
                out.push_str(match field {
                    FieldValue::Str(text) => text,
                    FieldValue::Unsigned(2) => "2",
                    _ => "?",
                });
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(out, "a=1, b=2.");
        // One field alone: two empty texts.
        assert_eq!(
            encoder::encode(&["", ""]).unwrap()[1..],
            *super::ONE_FIELD_ALONE
        );
    }
}
