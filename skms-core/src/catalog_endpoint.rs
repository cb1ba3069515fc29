//! The catalog as an endpoint: what the `axum` and `actix-web` handlers
//! `catalog` and `catalog_entry` answer, whatever the framework.
//!
//! Client teams and support staff look codes up. `GET /errors` (mounted
//! wherever the service wants) answers the composed catalog of a type as
//! [`Listing::to_json`] writes it, or as the reference's Markdown table
//! ([`Listing::to_markdown`]) when the request prefers `text/markdown`;
//! `GET /errors/40013` answers that one code (a JSON object, or a table of
//! one row); a code the catalog reserves (`#[skms(reserved(...))]`) is
//! answered as retired, with its reservation and reason
//! (`{"code":40107,"reserved":{"low":40106,"high":40109,"reason":"merged into 40104"}}`),
//! and a code the catalog neither holds nor reserves is answered 404 with
//! an SKMS body, [`CodeNotInCatalog`].

// The derive's autoref calls `(&x).method()`, which clippy does not read in
// a derive's output, but does in the same code included from a file.
#![allow(clippy::needless_borrow)]

use std::string::String;
use std::vec::Vec;

use core::fmt::Write as _;

use crate::derived::derived;
use crate::{Catalog, Listing, Reserved};

// The derive's input, as a user writes it; the derive does not run here
// (see `derived.rs`): its output is `catalog_endpoint/generated.rs`,
// included below.
derived! {
    /// The answer to a request for a code that the catalog does not hold (or a
    /// last path segment that is not a code): 404, with the SKMS body
    /// `{"code":40400,"message":"Error code not found in the catalog","detail":"code : 40999"}`.
    ///
    /// 40400 is the catalog endpoint's own code, outside the reference's 26
    /// (which give no code a 404 status); its detail, the segment requested, is
    /// public under any [`DetailPolicy`](crate::DetailPolicy), since it is what
    /// the client sent. A catalog that gives 40400 another meaning cannot be
    /// served by the endpoint: `cargo build` fails where `catalog_entry` is
    /// built for it, since its clients would decode this 404 as its variant.
    #[derive(SkmsError, Clone, Debug, PartialEq, Eq)]
    #[skms(crate = "crate")]
    #[skms(
        code = 40400,
        status = 404,
        msg = "Error code not found in the catalog",
        detail = "code : {requested}",
        public_detail,
        description = "The catalog endpoint holds no such code"
    )]
    pub struct CodeNotInCatalog {
        /// The last segment of the requested path, as received (still
        /// percent-encoded); the endpoint quotes at most its first
        /// 40 bytes, followed by `...` when it was longer, so that a long URL
        /// does not come back whole.
        pub requested: String,
    }
}

include!("catalog_endpoint/generated.rs");

impl CodeNotInCatalog {
    /// At most this many bytes of the requested segment are quoted.
    const QUOTED: usize = 40;

    /// The error for the segment `requested`, quoted as the endpoint does:
    /// its first [`QUOTED`](Self::QUOTED) bytes (cut at a character
    /// boundary) and `...` when there were more.
    pub(crate) fn quoting(requested: &str) -> CodeNotInCatalog {
        let (mut quoted, cut) = crate::log_safe::first_bytes(requested, Self::QUOTED);
        if cut {
            quoted.push_str("...");
        }
        CodeNotInCatalog { requested: quoted }
    }
}

/// How the client asked to see the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Json,
    Markdown,
}

impl Format {
    /// The format that an `Accept` header prefers: Markdown when it names
    /// `text/markdown` with a higher quality than `application/json` (and
    /// than `*/*`); JSON otherwise, and without the header.
    pub(crate) fn negotiate(accept: Option<&[u8]>) -> Format {
        let Some(accept) = accept.and_then(|accept| core::str::from_utf8(accept).ok()) else {
            return Format::Json;
        };
        let mut markdown: Option<u16> = None;
        let mut json: Option<u16> = None;
        for range in accept.split(',') {
            let mut parameters = range.split(';');
            let media_type = parameters.next().unwrap_or("").trim();
            let quality = parameters
                .filter_map(|parameter| {
                    let (name, value) = parameter.split_once('=')?;
                    name.trim()
                        .eq_ignore_ascii_case("q")
                        .then(|| quality(value.trim()))
                })
                .next_back()
                .unwrap_or(1000);
            let slot = if media_type.eq_ignore_ascii_case("text/markdown") {
                &mut markdown
            } else if media_type.eq_ignore_ascii_case("application/json")
                || media_type == "*/*"
                || media_type.eq_ignore_ascii_case("application/*")
            {
                &mut json
            } else {
                continue;
            };
            *slot = Some(slot.map_or(quality, |q| q.max(quality)));
        }
        match markdown {
            Some(markdown) if markdown > 0 && markdown > json.unwrap_or(0) => Format::Markdown,
            _ => Format::Json,
        }
    }

    /// The `content-type` of an answer in this format.
    pub(crate) fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Markdown => "text/markdown; charset=utf-8",
        }
    }
}

/// A quality value (`0`, `0.5`, `1.000`) in thousandths; anything else is
/// read as 0, which refuses the media range.
fn quality(value: &str) -> u16 {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return 0;
    }
    let thousandths = fraction
        .bytes()
        .chain(core::iter::repeat(b'0'))
        .take(3)
        .fold(0, |n, digit| n * 10 + u16::from(digit - b'0'));
    match whole {
        "0" => thousandths,
        "1" if thousandths == 0 => 1000,
        _ => 0,
    }
}

/// The answer to `GET /errors`: the whole composed catalog of `E`.
pub(crate) fn listing<E: Catalog>(format: Format) -> String {
    render(&E::catalog(), format)
}

/// The answer to `GET /errors/{code}`, where `requested` is the last path
/// segment: that code of the composed catalog of `E`, or the error that
/// answers it.
pub(crate) fn entry<E: Catalog>(
    requested: &str,
    format: Format,
) -> Result<String, CodeNotInCatalog> {
    // Checked where the endpoint is built for `E`, at `cargo build`: a
    // catalog that gives the endpoint's own code another meaning would have
    // its clients decode the endpoint's 404 as its variant.
    const {
        let endpoint = &<CodeNotInCatalog as Catalog>::ENTRIES[0];
        if let Some(message) =
            crate::__private::endpoint_conflict(endpoint, E::ENTRIES, E::INCLUDES)
        {
            panic!("{}", message.as_str());
        }
    }
    let not_found = || CodeNotInCatalog::quoting(requested);
    // A code as every reader reads one: `+1`, ` 1` and `01` are not how a
    // code is written, and each code has one URL.
    let code = crate::parse_code(requested).map_err(|_| not_found())?;
    let listing = E::catalog().only(code).ok_or_else(not_found)?;
    Ok(match format {
        Format::Markdown => listing.to_markdown(),
        Format::Json => {
            let mut out = Vec::with_capacity(256);
            listing
                .iter()
                .for_each(|listed| listed.write_json(&mut out));
            for reserved in listing.reserved() {
                write_reserved(&mut out, code, reserved);
            }
            out.push(b'\n');
            // Only escaped `str`s and literals were written.
            String::from_utf8(out).unwrap_or_default()
        }
    })
}

/// `{"code":40107,"reserved":{"low":40106,"high":40109,"reason":"merged into 40104"}}`:
/// the answer for a reserved code, which the catalog does not answer with
/// but holds, as retired.
fn write_reserved(out: &mut Vec<u8>, code: u32, reserved: &Reserved) {
    let _ = write!(crate::json::Bytes(out), "{{\"code\":{code},\"reserved\":");
    crate::export::write_reserved(out, reserved);
    out.push(b'}');
}

fn render(listing: &Listing, format: Format) -> String {
    match format {
        Format::Json => listing.to_json(),
        Format::Markdown => listing.to_markdown(),
    }
}

/// Every `Accept` header of a request as one list, as HTTP reads repeated
/// headers (RFC 9110, 5.3): `None` without any.
pub(crate) fn accept_headers<'a>(values: impl Iterator<Item = &'a [u8]>) -> Option<Vec<u8>> {
    let mut joined: Option<Vec<u8>> = None;
    for value in values {
        match &mut joined {
            None => joined = Some(value.to_vec()),
            Some(joined) => {
                joined.extend_from_slice(b", ");
                joined.extend_from_slice(value);
            }
        }
    }
    joined
}

/// The last segment of a request's path: the code asked for.
pub(crate) fn last_segment(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::{accept_headers, quality, CodeNotInCatalog, Format};
    use std::string::ToString;

    #[test]
    fn a_long_segment_is_quoted_cut_and_marked() {
        let quoted = |requested: &str| CodeNotInCatalog::quoting(requested).requested;
        assert_eq!(quoted(""), "");
        assert_eq!(quoted("40999"), "40999");
        let forty = "4".repeat(40);
        assert_eq!(quoted(&forty), forty); // exactly at the limit: whole
        assert_eq!(quoted(&"4".repeat(41)), forty.clone() + "...");
        assert_eq!(quoted(&"0".repeat(60_000)), "0".repeat(40) + "...");
        // "鍵" is 3 bytes: a cut inside it falls back to its start.
        let keys = "k".repeat(38) + "鍵鍵";
        assert_eq!(quoted(&keys), "k".repeat(38) + "...");
        let error = CodeNotInCatalog::quoting(&"9".repeat(100));
        assert_eq!(
            error.to_string(),
            format!(
                "[40400] Error code not found in the catalog: code : {forty9}...",
                forty9 = "9".repeat(40)
            )
        );
    }

    #[test]
    fn accept_headers_choose_the_format() {
        let cases: [(Option<&str>, Format); 14] = [
            (None, Format::Json),
            (Some(""), Format::Json),
            (Some("text/markdown"), Format::Markdown),
            (Some("TEXT/Markdown"), Format::Markdown),
            (Some("text/markdown; charset=utf-8"), Format::Markdown),
            (Some("application/json"), Format::Json),
            (Some("text/markdown, application/json"), Format::Json),
            (
                Some("application/json;q=0.9, text/markdown"),
                Format::Markdown,
            ),
            (
                Some("text/markdown;q=0.5, application/json;q=0.6"),
                Format::Json,
            ),
            (
                Some("text/markdown;q=0.7, application/json;q=0.6"),
                Format::Markdown,
            ),
            (Some("text/markdown;q=0"), Format::Json),
            (Some("text/markdown;q=0.5, */*;q=0.1"), Format::Markdown),
            (Some("text/markdown;q=0.5, */*"), Format::Json),
            (Some("text/html, text/*"), Format::Json),
        ];
        for (accept, format) in cases {
            assert_eq!(
                Format::negotiate(accept.map(str::as_bytes)),
                format,
                "{accept:?}"
            );
        }
        assert_eq!(Format::negotiate(Some(b"\xff text/markdown")), Format::Json);
    }

    #[test]
    fn repeated_accept_headers_are_one_list() {
        assert_eq!(accept_headers([].into_iter()), None);
        assert_eq!(
            accept_headers([&b"text/markdown"[..]].into_iter()).as_deref(),
            Some(&b"text/markdown"[..])
        );
        let joined = accept_headers([&b"application/json;q=0.5"[..], b"text/markdown"].into_iter());
        assert_eq!(
            joined.as_deref(),
            Some(&b"application/json;q=0.5, text/markdown"[..])
        );
        assert_eq!(Format::negotiate(joined.as_deref()), Format::Markdown);
    }

    #[test]
    fn qualities_are_read_in_thousandths() {
        for (text, value) in [
            ("1", 1000),
            ("1.0", 1000),
            ("1.000", 1000),
            ("0", 0),
            ("0.5", 500),
            ("0.25", 250),
            ("0.001", 1),
            ("1.5", 0),
            ("2", 0),
            ("0.0001", 0),
            ("0.x", 0),
            ("", 0),
            ("-1", 0),
        ] {
            assert_eq!(quality(text), value, "{text}");
        }
    }
}
