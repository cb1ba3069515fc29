//! A plain detail: a detail whose fields have no spec, written by
//! skms-core from the texts that its entry keeps and the fields that the
//! generated code hands over (`__private::write_plain_detail`), rather than
//! by `write!`. What the detail, its entry, its field values and `FromBody`
//! read of it.

use crate::fmt::{DetailFormat, Segment};
use crate::texts;

/// A detail whose fields have no spec: the texts around the fields as its
/// entry keeps them (see `__private::with_plain_detail` and `texts.rs`),
/// and the fields in the order they are written, by their position among
/// the fields that the detail binds (a field named twice is there twice).
pub(crate) struct PlainDetail {
    pub(crate) entry_texts: String,
    pub(crate) fields: Vec<usize>,
}

/// The plain detail of a formatted detail; `None` when a field has a spec (`{0:>5}`, `{key_id:?}`), which only `core::fmt` writes, or
/// when its texts cannot be encoded.
pub(crate) fn plain_detail(format: &DetailFormat<usize>) -> Option<PlainDetail> {
    let mut texts: Vec<&str> = Vec::new();
    let mut fields = Vec::new();
    let mut before = "";
    for segment in &format.segments {
        match segment {
            Segment::Text(text) => before = text,
            Segment::Field { field, spec } => {
                if !spec.is_empty() {
                    return None;
                }
                texts.push(std::mem::take(&mut before));
                fields.push(*field);
            }
        }
    }
    texts.push(before);
    Some(PlainDetail {
        entry_texts: texts::encode(&texts)?,
        fields,
    })
}

#[cfg(test)]
mod tests {
    use super::plain_detail;
    use crate::fmt;

    #[test]
    fn plain_detail_texts() {
        let plain = |detail: &str| {
            let parsed = fmt::parse(detail).unwrap();
            let named = parsed.fields();
            plain_detail(&parsed.map(|field| named.iter().position(|n| *n == field).unwrap()))
        };
        // The texts around the fields, encoded (see `texts.rs`), and the
        // fields as they are written, a field named twice there twice.
        let detail = plain("keyId : {key_id}").unwrap();
        assert_eq!(detail.fields, [0]);
        assert_eq!(detail.entry_texts, "\u{a}\u{8}keyId : \u{0}");
        let detail = plain("{1}{0}{1}").unwrap();
        assert_eq!(detail.fields, [0, 1, 0]);
        assert_eq!(detail.entry_texts, "\u{4}\0\0\0\0");
        let detail = plain("\"{0}\"").unwrap();
        assert_eq!(detail.entry_texts, "\u{4}\u{1}\"\u{1}\"\u{2}\\\"\u{2}\\\"");
        // A spec: `write!`; an empty one is none.
        assert!(plain("{0:>5}").is_none());
        assert!(plain("{0:}").is_some());
        // A text whose length is not a char below the surrogates: `write!`.
        let long = "x".repeat(0xD800);
        assert!(plain(&format!("{long}{{0}}")).is_none());
        let long = "x".repeat(0xD7F0);
        assert!(plain(&format!("{long}{{0}}")).is_some());
    }
}
