//! TEMPORARY copy on branch relay-core, so that skms-core's round-trip test
//! (`skms-core/src/private/texts.rs`) runs before the derive's branch is
//! merged: the derive engineer's `texts.rs` replaces it. Std only, since
//! skms-core includes it by `#[path]`.
//!
//! The encoder of the texts of a plain detail: see the format in
//! skms-core's `private/texts.rs`.

use std::fmt::Write as _;

/// The entry's texts for `texts` (the text before each field, then the text
/// after the last): each after its length in bytes as a char, then the same
/// escaped for JSON when escaping changes them, the whole after the length
/// of the first part. `None` when a length is not a char below the
/// surrogates (from 0xD800 on).
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
    let mut entry = String::new();
    push_len(&mut entry, plain.len())?;
    entry.push_str(&plain);
    if json != plain {
        entry.push_str(&json);
    }
    Some(entry)
}

/// Appends a length in bytes written as a char; `None` for a length that is
/// not a char below the surrogates.
fn push_len(out: &mut String, len: usize) -> Option<()> {
    if len >= 0xD800 {
        return None;
    }
    out.push(char::from_u32(u32::try_from(len).ok()?)?);
    Some(())
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
