//! The texts encoding of a plain detail, the derive's half: the encoder.
//! skms-core's `private/texts.rs` holds the decoder, and its round-trip test
//! includes this file by `#[path]`, which is why it uses std only.
//!
//! A plain detail is texts and fields, one field between each two texts:
//! the text before each field, then the text after the last. Its entry
//! keeps the texts as one string: each text after its length in bytes,
//! written as one `char`; then, only when JSON escaping changes them, the
//! same texts escaped for a JSON string, each after its length; and the
//! whole after the length in bytes of the first part, as a `char`. A reader
//! finds every text without scanning, and writes JSON without escaping.
//!
//! Also the one JSON escaper of the derive ([`escape_json`]).

use std::fmt::Write as _;

/// The texts of a plain detail, encoded for its entry; `None` when a length
/// is not a `char` below the surrogates (a text from 55,296 bytes on), for
/// a detail that `write!` then formats instead.
pub(crate) fn encode(texts: &[&str]) -> Option<String> {
    let mut plain = String::new();
    let mut json = String::new();
    let mut escaped = String::new();
    for text in texts {
        push_len(&mut plain, text.len())?;
        plain.push_str(text);
        escaped.clear();
        escape_json(&mut escaped, text);
        push_len(&mut json, escaped.len())?;
        json.push_str(&escaped);
    }
    let mut encoded = String::with_capacity(plain.len() + json.len() + 4);
    push_len(&mut encoded, plain.len())?;
    encoded.push_str(&plain);
    if json != plain {
        encoded.push_str(&json);
    }
    Some(encoded)
}

/// Appends `text` escaped as `serde_json` escapes the inside of a string.
pub(crate) fn escape_json(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

/// Appends a length in bytes written as a `char`; `None` for a length that
/// is not one (below the surrogates, every number is a `char`).
fn push_len(out: &mut String, len: usize) -> Option<()> {
    if len >= 0xD800 {
        return None;
    }
    out.push(char::from_u32(u32::try_from(len).ok()?)?);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::{encode, escape_json};

    #[test]
    fn texts_follow_their_lengths() {
        // `keyId : {key_id}`: one text before the field, an empty one after.
        assert_eq!(
            encode(&["keyId : ", ""]).unwrap(),
            "\u{a}\u{8}keyId : \u{0}"
        );
        // `{0}{1}`: three empty texts.
        assert_eq!(encode(&["", "", ""]).unwrap(), "\u{3}\0\0\0");
        // A lone field.
        assert_eq!(encode(&["", ""]).unwrap(), "\u{2}\0\0");
    }

    #[test]
    fn json_texts_follow_only_when_escaping_changes_them() {
        assert_eq!(
            encode(&["\"", "\""]).unwrap(),
            "\u{4}\u{1}\"\u{1}\"\u{2}\\\"\u{2}\\\""
        );
        // Non-ASCII is not escaped, and lengths are in bytes.
        assert_eq!(encode(&["é", ""]).unwrap(), "\u{4}\u{2}é\u{0}");
        assert_eq!(
            encode(&["\n", ""]).unwrap(),
            "\u{3}\u{1}\n\u{0}\u{2}\\n\u{0}"
        );
    }

    #[test]
    fn lengths_from_the_surrogates_on_are_not_encodable() {
        let long = "x".repeat(0xD800);
        assert!(encode(&[&long, ""]).is_none());
        let long = "x".repeat(0xD7F0);
        let encoded = encode(&[&long, ""]).unwrap();
        // The first length is a char of three bytes in UTF-8.
        assert_eq!(encoded.chars().next(), char::from_u32(0xD7F0 + 3 + 1));
        // The texts fit one by one but not together.
        let half = "x".repeat(0x7000);
        assert!(encode(&[&half, &half]).is_none());
        // An escaped text too long, though the text itself fits.
        let quotes = "\"".repeat(0x7000);
        assert!(encode(&[&quotes, ""]).is_none());
    }

    #[test]
    fn escapes_as_serde_json_does() {
        let mut out = String::new();
        escape_json(&mut out, "a\"b\\c\u{8}\t\n\u{c}\r\u{1}\u{1f} é\u{7f}");
        assert_eq!(out, "a\\\"b\\\\c\\b\\t\\n\\f\\r\\u0001\\u001f é\u{7f}");
    }
}
