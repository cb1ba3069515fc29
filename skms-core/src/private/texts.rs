//! The texts of a plain detail as an entry keeps them, read back: the
//! decoder of the encoding that the derive writes (its encoder is
//! skms-derive's `texts.rs`).

use core::fmt;

use super::Piece;

/// Writes `texts` with `fields` between them into `out`: each text, then,
/// but after the last, the next field (fillers past the texts' count are
/// not written). The one walk of the encoding, for every writer.
#[inline]
pub(super) fn walk<W: ?Sized>(
    out: &mut W,
    texts: &str,
    fields: &[Piece<'_>],
    text: impl Fn(&mut W, &str) -> fmt::Result,
    field: impl Fn(&mut W, Piece<'_>) -> fmt::Result,
) -> fmt::Result {
    let mut texts = texts;
    let mut fields = fields.iter();
    while let Some((first, rest)) = next_text(texts) {
        text(out, first)?;
        // The text after the last field ends the texts.
        if rest.is_empty() {
            break;
        }
        if let Some(&piece) = fields.next() {
            field(out, piece)?;
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
