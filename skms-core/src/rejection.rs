//! What a web framework answers on its own, before any handler runs, read
//! the same way for axum and actix-web: so that a service answers it with
//! an SKMS error of its choosing instead of the framework's plain text.

use core::fmt;
use std::string::String;

use crate::StandardError;

/// What a web framework answered instead of running a handler: an
/// extractor's rejection (a path parameter that does not parse, a JSON body
/// that is malformed or lacks a field, a query string that does not
/// deserialize), a path that no route matches (404), a method that the
/// route does not take (405). It is read from the framework's HTTP status
/// and text, whatever the framework and the extractor, so that one mapping
/// answers them all.
///
/// A service answers rejections with SKMS errors by implementing
/// `From<Rejection>` for its error type; the axum wrapper
/// [`WithSkmsRejection`](crate::axum::WithSkmsRejection), the axum handlers
/// [`fallback`](crate::axum::fallback) and
/// [`method_not_allowed`](crate::axum::method_not_allowed), and the
/// actix-web helpers of [`actix_web`](crate::actix_web) convert through it.
/// [`Rejection::standard`] gives the reference's code where one fits, and
/// nothing where none does: the service chooses its own code for those.
///
/// ```
/// use skms_core::{Rejection, SkmsError, StandardError};
///
/// #[derive(Debug, SkmsError)]
/// enum ShopError {
///     #[skms(code = 60400, status = 400, msg = "Malformed request", detail = "{0}")]
///     Malformed(String),
///     #[skms(code = 60404, status = 404, msg = "No such resource")]
///     NoSuchResource,
///     #[skms(code = 60405, status = 405, msg = "Method not allowed")]
///     MethodNotAllowed,
///     #[skms(transparent)]
///     Standard(StandardError),
/// }
///
/// impl From<Rejection> for ShopError {
///     fn from(rejection: Rejection) -> Self {
///         match (rejection.standard(), rejection.status()) {
///             (Some(standard), _) => ShopError::Standard(standard),
///             (None, 404) => ShopError::NoSuchResource,
///             (None, 405) => ShopError::MethodNotAllowed,
///             (None, _) => ShopError::Malformed(rejection.text().to_owned()),
///         }
///     }
/// }
///
/// let missing = Rejection::new(422, "Failed to deserialize the JSON body into the target type: missing field `sku` at line 1 column 2");
/// assert_eq!(missing.missing_field(), Some("sku"));
/// assert_eq!(ShopError::from(missing).code(), 40105);
/// let syntax = Rejection::new(400, "Failed to parse the request body as JSON: EOF while parsing an object at line 1 column 1");
/// assert_eq!(ShopError::from(syntax).code(), 60400);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rejection {
    /// Set by the axum wrapper after the text: reading axum's status
    /// consumes its rejection.
    pub(crate) status: u16,
    text: String,
}

impl Rejection {
    /// At most this many bytes of the framework's text are kept, followed
    /// by `...` when it was longer: the text often quotes what the client
    /// sent (``Cannot parse `...` to a `u64` ``), which is not sent back whole.
    pub const MAX_TEXT_BYTES: usize = 200;

    /// The rejection of HTTP status `status` whose text is the `Display`
    /// of `text`, cut to [`MAX_TEXT_BYTES`](Self::MAX_TEXT_BYTES) (at a
    /// character boundary, marked with `...`) without writing the rest.
    #[must_use]
    pub fn new(status: u16, text: impl fmt::Display) -> Rejection {
        let (mut text, cut) = crate::log_safe::first_bytes(text, Self::MAX_TEXT_BYTES);
        if cut {
            text.push_str("...");
        }
        Rejection { status, text }
    }

    /// The HTTP status that the framework would have answered with: 400,
    /// 422 or 415 for an extractor (a 5xx for a server's own mistake, such
    /// as a missing extension), 404 for a path that no route matches, 405
    /// for a method that the route does not take.
    #[must_use]
    pub const fn status(&self) -> u16 {
        self.status
    }

    /// The framework's text, the `Display` of its rejection:
    /// ``Cannot parse `x` to a `u64` `` (axum's `Path`),
    /// `Failed to parse the request body as JSON: ...` (axum's `Json`),
    /// `Json deserialize error: ...` (actix-web's), cut to
    /// [`MAX_TEXT_BYTES`](Self::MAX_TEXT_BYTES).
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The field that a request lacks, when the rejection is serde's
    /// ``missing field `name` `` (a JSON body, a query string, a form,
    /// whichever framework read it) with a 4xx status.
    ///
    /// ```
    /// use skms_core::Rejection;
    ///
    /// let rejection = Rejection::new(400, "Failed to deserialize query string: missing field `page`");
    /// assert_eq!(rejection.missing_field(), Some("page"));
    /// assert_eq!(Rejection::new(400, "Failed to parse the request body as JSON").missing_field(), None);
    /// ```
    #[must_use]
    pub fn missing_field(&self) -> Option<&str> {
        if !(400..500).contains(&self.status) {
            return None;
        }
        const MARK: &str = "missing field `";
        let start = self.text.find(MARK)? + MARK.len();
        let length = self.text[start..].find('`')?;
        Some(&self.text[start..start + length])
    }

    /// The reference's code for the rejection, where one fits; `None`
    /// where none does, which the service answers with a code of its own.
    ///
    /// | rejection | standard error |
    /// |---|---|
    /// | a missing field ([`missing_field`](Self::missing_field)): a JSON body, a query string or a form without a required value | 40105 `RequiredValueMissing`, "Required value is missing" (400) |
    /// | any 5xx: the server's own mistake (axum's missing extension or path parameters) | 50001 `InternalError`, "An unexpected error has occurred in the internal system" (500) |
    /// | a path parameter that does not parse, a body that is not JSON or does not fit the type, a missing or wrong `Content-Type`, a body too large | none: the reference has no code for a malformed request |
    /// | a path that no route matches (404) | none: the reference gives no code a 404 status |
    /// | a method that the route does not take (405) | none |
    ///
    /// ```
    /// use skms_core::{Rejection, StandardError};
    ///
    /// let missing = Rejection::new(422, "missing field `sku` at line 1 column 2");
    /// assert_eq!(missing.standard(), Some(StandardError::RequiredValueMissing));
    /// assert_eq!(Rejection::new(500, "Missing request extension").standard(), Some(StandardError::InternalError));
    /// assert_eq!(Rejection::new(400, "Invalid URL: Cannot parse `x` to a `u64`").standard(), None);
    /// assert_eq!(Rejection::new(404, "No route").standard(), None);
    /// ```
    #[must_use]
    pub fn standard(&self) -> Option<StandardError> {
        if self.missing_field().is_some() {
            Some(StandardError::RequiredValueMissing)
        } else if (500..600).contains(&self.status) {
            Some(StandardError::InternalError)
        } else {
            None
        }
    }
}

/// `status text`, as the framework would have answered it.
impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status, self.text)
    }
}

/// A rejection is an error of the request, which a service may keep as
/// the source of its own.
impl std::error::Error for Rejection {}

/// The text that [`fallback`](crate::axum::fallback) and its actix-web
/// counterpart give a path that no route matches.
pub(crate) const NO_ROUTE: &str = "No route matches the path";

/// The rejection of a path that no route matches: 404, [`NO_ROUTE`].
pub(crate) fn no_route() -> Rejection {
    Rejection::new(404, NO_ROUTE)
}

/// The rejection of a method that the route does not take: 405.
pub(crate) fn method_not_allowed(method: &str) -> Rejection {
    Rejection::new(405, format_args!("Method {method} is not allowed here"))
}

#[cfg(test)]
mod tests {
    use super::Rejection;
    use crate::StandardError;
    use std::string::ToString;

    #[test]
    fn a_long_text_is_cut_and_marked_never_written_whole() {
        assert_eq!(Rejection::new(400, "").text(), "");
        let whole = "x".repeat(200);
        assert_eq!(Rejection::new(400, &whole).text(), whole);
        let long = "y".repeat(60_000);
        assert_eq!(Rejection::new(400, &long).text(), "y".repeat(200) + "...");
        // "鍵" is 3 bytes: a cut inside it falls back to its start.
        let keys = "k".repeat(199) + "鍵";
        assert_eq!(Rejection::new(400, &keys).text(), "k".repeat(199) + "...");
        let rejection = Rejection::new(405, format_args!("{}{}", "a", "b"));
        assert_eq!(rejection.status(), 405);
        assert_eq!(rejection.to_string(), "405 ab");
        let error: &dyn std::error::Error = &rejection;
        assert_eq!(error.to_string(), "405 ab");
    }

    #[test]
    fn a_missing_field_is_read_from_serdes_text_in_a_4xx() {
        let text = "Failed to deserialize the JSON body into the target type: missing field `sku` at line 1 column 2";
        for status in [400, 422, 499] {
            assert_eq!(Rejection::new(status, text).missing_field(), Some("sku"));
        }
        for status in [399, 500, 200] {
            assert_eq!(
                Rejection::new(status, text).missing_field(),
                None,
                "{status}"
            );
        }
        assert_eq!(
            Rejection::new(400, "missing field ``").missing_field(),
            Some("")
        );
        assert_eq!(
            Rejection::new(400, "missing field `sku").missing_field(),
            None
        );
        assert_eq!(Rejection::new(400, "missing field").missing_field(), None);
        assert_eq!(
            Rejection::new(400, "items[0]: missing field `qty`").missing_field(),
            Some("qty")
        );
    }

    #[test]
    fn the_standard_code_only_where_one_fits() {
        let cases: [(u16, &str, Option<StandardError>); 9] = [
            (
                422,
                "missing field `sku`",
                Some(StandardError::RequiredValueMissing),
            ),
            (
                400,
                "missing field `page`",
                Some(StandardError::RequiredValueMissing),
            ),
            (
                500,
                "Missing request extension",
                Some(StandardError::InternalError),
            ),
            (599, "", Some(StandardError::InternalError)),
            (500, "missing field `x`", Some(StandardError::InternalError)),
            (400, "Invalid URL: Cannot parse `x` to a `u64`", None),
            (
                415,
                "Expected request with `Content-Type: application/json`",
                None,
            ),
            (404, super::NO_ROUTE, None),
            (600, "", None),
        ];
        for (status, text, standard) in cases {
            assert_eq!(
                Rejection::new(status, text).standard(),
                standard,
                "{status} {text}"
            );
        }
        assert_eq!(
            super::no_route(),
            Rejection::new(404, "No route matches the path")
        );
        let method = super::method_not_allowed("DELETE");
        assert_eq!(method.status(), 405);
        assert_eq!(method.text(), "Method DELETE is not allowed here");
        assert_eq!(method.standard(), None);
    }
}
