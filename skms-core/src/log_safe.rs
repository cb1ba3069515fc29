//! `LogSafe`: text that cannot forge a log line.
//!
//! A detail often carries what a client sent (a key id from the URL, a
//! header value). Logged as it is, a detail such as
//! `"0000009\n2026-11-30T00:00:00.000000Z  INFO audit: admin login ok"`
//! writes a second line that reads like a real event of the service
//! (CWE-117), and an ANSI escape sequence rewrites what a terminal shows.
//! Everything skms-core logs, and the `Display` of every body it receives,
//! goes through [`LogSafe`].

use core::fmt::{self, Write as _};

/// Writes the `Display` of `T` with every character that could end a log
/// line, reach a terminal as a control, or reorder what a terminal shows
/// escaped, Rust-style: `\n`, `\r`, `\t`, `\\` for a backslash (so that an
/// escape in the log always means an escaped character), and `\u{..}` for
/// the others. All other text, non-ASCII included, is written as it is.
///
/// Escaped are: the C0 controls (U+0000 to U+001F, among them CR, LF and the
/// ESC that starts an ANSI sequence), DEL, the C1 controls (U+0080 to U+009F,
/// among them NEL, U+0085, and the one-byte CSI, U+009B), the line and
/// paragraph separators U+2028 and U+2029, and the bidirectional formatting
/// characters (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069).
///
/// The escaping is done while `T` is written: nothing is allocated.
///
/// ```
/// use skms_core::LogSafe;
///
/// let key_id = "0000009\n2026-11-30T00:00:00Z  INFO audit: admin login ok";
/// assert_eq!(
///     LogSafe(key_id).to_string(),
///     r"0000009\n2026-11-30T00:00:00Z  INFO audit: admin login ok",
/// );
/// assert_eq!(LogSafe("\u{1b}[2J C:\\keys").to_string(), r"\u{1b}[2J C:\\keys");
/// ```
///
/// The `Display` of a derived type writes its detail as it is, like any
/// `Display`; to log an error whose detail holds client input, wrap it:
/// `tracing::warn!(error = %LogSafe(&error))`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct LogSafe<T>(pub T);

impl<T: fmt::Display> fmt::Display for LogSafe<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            Escaping {
                out: f,
                quote: false
            },
            "{}",
            self.0
        )
    }
}

/// The `Display` of `T` as one quoted token: between double quotes, escaped
/// as [`LogSafe`] escapes it and `"` as `\"`, so that a key=value (logfmt)
/// reader of the line takes no `key=value` inside it for a field of the
/// event. What the withheld-detail event of skms-core writes its message
/// with.
#[cfg(feature = "tracing")]
pub(crate) struct Quoted<T>(pub(crate) T);

#[cfg(feature = "tracing")]
impl<T: fmt::Display> fmt::Display for Quoted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        write!(
            Escaping {
                out: f,
                quote: true
            },
            "{}",
            self.0
        )?;
        f.write_char('"')
    }
}

/// The first `max` bytes of a detail, cut at a character boundary, in its
/// [`LogSafe`] form, and the length in bytes of the whole detail when it was
/// cut: what the withheld-detail event of skms-core records, so that a
/// detail of megabytes does not become a log line of megabytes.
#[cfg(feature = "tracing")]
pub(crate) struct Capped {
    /// The [`LogSafe`] form of the detail's first bytes.
    pub(crate) text: String,
    /// The length in bytes of the whole detail, when longer than `max`.
    pub(crate) cut_from: Option<u64>,
}

#[cfg(feature = "tracing")]
impl Capped {
    pub(crate) fn new<T: fmt::Display>(detail: T, max: usize) -> Capped {
        let mut kept = Keep {
            text: String::new(),
            max,
            len: 0,
        };
        // Keep's writes cannot fail; a Display that fails leaves what it wrote.
        let _ = write!(kept, "{detail}");
        let text = if kept.text.chars().any(|c| escape(c).is_some()) {
            LogSafe(kept.text.as_str()).to_string()
        } else {
            kept.text
        };
        Capped {
            text,
            cut_from: (kept.len > max).then(|| u64::try_from(kept.len).unwrap_or(u64::MAX)),
        }
    }
}

/// The first `max` bytes of the `Display` of `value`, cut at a character
/// boundary (the rest is not kept, however long), and whether it was cut:
/// the text of a [`Rejection`](crate::Rejection), the segment that
/// [`CodeNotInCatalog`](crate::CodeNotInCatalog) quotes.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn first_bytes<T: fmt::Display>(value: T, max: usize) -> (String, bool) {
    let mut kept = Keep {
        text: String::new(),
        max,
        len: 0,
    };
    // Keep's writes cannot fail; a Display that fails leaves what it wrote.
    let _ = write!(kept, "{value}");
    let cut = kept.len > kept.text.len();
    (kept.text, cut)
}

/// Keeps the first `max` bytes written to it (cut at a character boundary)
/// and counts them all.
#[cfg(feature = "tracing")]
struct Keep {
    text: String,
    max: usize,
    len: usize,
}

#[cfg(feature = "tracing")]
impl fmt::Write for Keep {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.len = self.len.saturating_add(text.len());
        let room = self.max - self.text.len();
        if text.len() <= room {
            self.text.push_str(text);
        } else {
            let mut end = room;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            self.text.push_str(&text[..end]);
            // Nothing after a cut: the next piece could fit where this
            // one's last character did not.
            self.max = self.text.len();
        }
        Ok(())
    }
}

/// Escapes what it is given into the formatter it wraps; `"` too, when
/// `quote`.
struct Escaping<'a, 'b> {
    out: &'a mut fmt::Formatter<'b>,
    quote: bool,
}

impl fmt::Write for Escaping<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        // `text[run..]` is not yet written, and needs no escape before `at`.
        let mut run = 0;
        for (at, c) in text.char_indices() {
            let escape = if self.quote && c == '"' {
                Some(Escape::Named("\\\""))
            } else {
                escape(c)
            };
            if let Some(escape) = escape {
                self.out.write_str(&text[run..at])?;
                match escape {
                    Escape::Named(name) => self.out.write_str(name)?,
                    Escape::Unicode => write!(self.out, "\\u{{{:x}}}", u32::from(c))?,
                }
                run = at + c.len_utf8();
            }
        }
        self.out.write_str(&text[run..])
    }
}

enum Escape {
    Named(&'static str),
    Unicode,
}

/// How `c` is written in a log, if not as it is.
fn escape(c: char) -> Option<Escape> {
    match c {
        '\n' => Some(Escape::Named("\\n")),
        '\r' => Some(Escape::Named("\\r")),
        '\t' => Some(Escape::Named("\\t")),
        '\\' => Some(Escape::Named("\\\\")),
        // C0, DEL and C1: `char::is_control` is exactly the category Cc.
        c if c.is_control() => Some(Escape::Unicode),
        '\u{2028}' | '\u{2029}' => Some(Escape::Unicode),
        '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some(Escape::Unicode),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::LogSafe;

    #[test]
    fn line_breaks_and_controls_are_escaped() {
        let cases = [
            ("a\nb", r"a\nb"),
            ("a\rb", r"a\rb"),
            ("a\tb", r"a\tb"),
            ("a\\nb", r"a\\nb"),
            ("\u{0}\u{1f}\u{7f}", r"\u{0}\u{1f}\u{7f}"),
            ("\u{1b}[31mred", r"\u{1b}[31mred"),
            ("\u{80}\u{85}\u{9b}\u{9f}", r"\u{80}\u{85}\u{9b}\u{9f}"),
            ("a\u{2028}b\u{2029}c", r"a\u{2028}b\u{2029}c"),
            (
                "\u{61c}\u{200e}\u{200f}\u{202a}\u{202e}\u{2066}\u{2069}",
                r"\u{61c}\u{200e}\u{200f}\u{202a}\u{202e}\u{2066}\u{2069}",
            ),
        ];
        for (text, logged) in cases {
            assert_eq!(LogSafe(text).to_string(), logged, "{text:?}");
        }
    }

    #[test]
    fn other_text_is_written_as_it_is() {
        for text in [
            "",
            "keyId : 0000009",
            "キーボルトキーの取得に失敗しました",
            "\"quoted\" {braces} 'single' é \u{a0}\u{2027}\u{202f}\u{206a}\u{1f600}",
        ] {
            assert_eq!(LogSafe(text).to_string(), text);
        }
    }

    #[test]
    fn escapes_cut_across_the_pieces_of_a_display() {
        struct Pieces;
        impl core::fmt::Display for Pieces {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("one\n")?;
                f.write_str("two")?;
                write!(f, "{}\r", 3)
            }
        }
        assert_eq!(LogSafe(Pieces).to_string(), r"one\ntwo3\r");
    }
}

#[cfg(all(test, feature = "tracing"))]
mod quoted_and_capped_tests {
    use super::{Capped, Quoted};

    #[test]
    fn quoted_text_is_one_token_with_its_quotes_escaped() {
        assert_eq!(Quoted("Invalid token").to_string(), r#""Invalid token""#);
        assert_eq!(
            Quoted("a \"b\" c=d\n\\").to_string(),
            r#""a \"b\" c=d\n\\""#
        );
        assert_eq!(Quoted("\u{1b}é").to_string(), r#""\u{1b}é""#);
    }

    #[test]
    fn a_short_detail_is_kept_whole_in_its_log_safe_form() {
        let capped = Capped::new("keyId : 0000009", 16);
        assert_eq!(capped.text, "keyId : 0000009");
        assert_eq!(capped.cut_from, None);
        // Exactly the cap: whole.
        let capped = Capped::new("0123456789abcdef", 16);
        assert_eq!(capped.text, "0123456789abcdef");
        assert_eq!(capped.cut_from, None);
        // Escaped after the cap is applied: the cap counts the detail's bytes.
        let capped = Capped::new("a\nb\"", 4);
        assert_eq!(capped.text, r#"a\nb""#);
        assert_eq!(capped.cut_from, None);
    }

    #[test]
    fn a_long_detail_is_cut_at_a_character_boundary_with_its_length() {
        let capped = Capped::new("0123456789abcdefg", 16);
        assert_eq!(capped.text, "0123456789abcdef");
        assert_eq!(capped.cut_from, Some(17));
        // `é` is two bytes: the one that would end past the cap is left out.
        let capped = Capped::new("aéé", 4);
        assert_eq!(capped.text, "aé");
        assert_eq!(capped.cut_from, Some(5));
        let capped = Capped::new("\n".repeat(10), 3);
        assert_eq!(capped.text, r"\n\n\n");
        assert_eq!(capped.cut_from, Some(10));
    }

    #[test]
    fn a_detail_written_in_pieces_is_cut_once() {
        struct Pieces;
        impl core::fmt::Display for Pieces {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("abc")?;
                f.write_str("é")?;
                f.write_str("d")?;
                f.write_str("efgh")
            }
        }
        // "abc" fits, "é" does not (it would end at byte 5): nothing after.
        let capped = Capped::new(Pieces, 4);
        assert_eq!(capped.text, "abc");
        assert_eq!(capped.cut_from, Some(10));
        let capped = Capped::new(Pieces, 6);
        assert_eq!(capped.text, "abcéd");
        assert_eq!(capped.cut_from, Some(10));
    }
}
