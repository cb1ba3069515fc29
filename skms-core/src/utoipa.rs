//! SKMS errors in OpenAPI documents, through utoipa.
//!
//! With feature `utoipa`, [`ErrorBody`] implements `utoipa::ToSchema`, and
//! every derived type (and so [`StandardError`](crate::StandardError))
//! implements `utoipa::IntoResponses`: an endpoint lists its error type among
//! its responses, and the document shows every code of the type's composed
//! catalog, so that codes are never written into the document by hand.
//!
//! ```
//! use skms_core::{SkmsError, StandardError};
//! use utoipa::IntoResponses;
//!
//! #[derive(Debug, SkmsError)]
//! enum KmsError {
//!     #[skms(code = 40013, detail = "keyId : {key_id}")]
//!     KeyNotFound { key_id: String },
//!     #[skms(code = 50001, detail = "{0}")]
//!     Internal(String),
//!     #[skms(transparent)]
//!     Standard(StandardError),
//! }
//!
//! // In a service: `#[utoipa::path(get, path = "/keys/{id}",
//! //     responses((status = 200, body = Key), KmsError))]`.
//! let responses = serde_json::to_value(KmsError::responses()).unwrap();
//! let examples = &responses["400"]["content"]["application/json"]["examples"];
//! assert_eq!(examples["40013 KeyNotFound"]["summary"], "Key not found in the keyVault");
//! assert_eq!(
//!     examples["40013 KeyNotFound"]["value"],
//!     serde_json::json!({"code": 40013, "message": "Key not found in the keyVault", "detail": "keyId : {key_id}"}),
//! );
//! // A 5xx detail is withheld by the default DetailPolicy: not in the example.
//! assert_eq!(
//!     responses["500"]["content"]["application/json"]["examples"]["50001 Internal"]["value"],
//!     serde_json::json!({"code": 50001, "message": "An unexpected error has occurred in the internal system"}),
//! );
//! // The included standard catalog is documented too, each code once.
//! assert!(examples.get("40101 InvalidToken").is_none());
//! assert!(responses["401"]["content"]["application/json"]["examples"].get("40101 InvalidToken").is_some());
//! ```
//!
//! What the responses say:
//!
//! - **One response per HTTP status.** utoipa keeps one response per status,
//!   so the codes that share a status share its response (written by hand,
//!   the second of two `(status = 400, ...)` would replace the first).
//! - **One named example per code**, named `"<code> <Variant>"`
//!   (`40013 KeyNotFound`): the message as its summary, the entry's
//!   description and `doc` link as its description, and as its value the
//!   body that the service sends, the detail shown as its template
//!   (`keyId : {key_id}`, see [`Entry::detail_template`]) and left out where
//!   [`DetailPolicy::DEFAULT`] withholds it (an unmarked detail of a 5xx,
//!   and any `#[skms(internal_detail)]`).
//! - **The schema of the body** is [`ErrorBody`]'s, inline in each response,
//!   so that the document needs no component of its own.
//! - **The composed catalog**: the codes of the type's `transparent`
//!   variants' types are documented too, each once.
//!
//! An endpoint that fails with only some codes documents only those by
//! declaring a small enum that reuses them: `#[skms(code = 40013)]` alone
//! takes the standard entry's status and message.
//!
//! ```
//! use skms_core::SkmsError;
//! use utoipa::IntoResponses;
//!
//! /// What `GET /keys/{id}` can fail with.
//! #[derive(Debug, SkmsError)]
//! enum GetKeyError {
//!     #[skms(code = 40013, detail = "keyId : {0}")]
//!     KeyNotFound(String),
//!     #[skms(code = 40101)]
//!     InvalidToken,
//! }
//!
//! let responses = GetKeyError::responses();
//! assert_eq!(responses.keys().collect::<Vec<_>>(), ["400", "401"]);
//! ```
//!
//! A hand-written [`Catalog`] documents its codes with [`responses`]; the
//! schema alone is `<ErrorBody as utoipa::PartialSchema>::schema()`, and
//! `components(schemas(ErrorBody))` in `#[derive(OpenApi)]` names it.

use std::collections::BTreeMap;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

use ::utoipa::openapi::example::ExampleBuilder;
use ::utoipa::openapi::{
    ContentBuilder, ObjectBuilder, RefOr, Response, ResponseBuilder, Schema, SchemaFormat, Type,
};

use crate::{Catalog, DetailPolicy, Entry, ErrorBody, HttpStatus, Listing};

/// The JSON body of an SKMS error: `code` an integer (`format: uint32`),
/// `message` a string, `detail` an optional string. The schema accepts
/// every body a server writes, and refuses what the strict decoder refuses
/// where JSON Schema can say it: a `code` that is not an integer or not
/// within `u32`, a missing `code` or `message`, a `message` or `detail` that
/// is not a string (`null` included). Unknown fields are allowed, as the
/// decoder ignores them. (JSON Schema cannot refuse a key written twice, nor
/// `1.0` as a code, which the decoder refuses and JSON Schema counts as an
/// integer.)
impl ::utoipa::PartialSchema for ErrorBody<'_> {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .description(Some("An SKMS error body"))
            .property(
                "code",
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .format(Some(SchemaFormat::Custom("uint32".into())))
                    .minimum(Some(0_u32))
                    .maximum(Some(u32::MAX))
                    .description(Some("The SKMS code")),
            )
            .required("code")
            .property(
                "message",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some("The fixed message of the code")),
            )
            .required("message")
            .property(
                "detail",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some("What happened this time, when the service says it")),
            )
            .into()
    }
}

impl ::utoipa::ToSchema for ErrorBody<'_> {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("ErrorBody")
    }
}

/// The OpenAPI responses of the composed catalog of `C`: what the derived
/// `utoipa::IntoResponses` returns, for a hand-written [`Catalog`].
///
/// ```
/// use skms_core::{Catalog, Entry};
///
/// struct Upstream;
///
/// impl Catalog for Upstream {
///     const ENTRIES: &'static [Entry] = &[
///         Entry::new(60001, 503, "Upstream unavailable", "Unavailable"),
///         Entry::new(60002, 503, "Upstream overloaded", "Overloaded"),
///     ];
/// }
///
/// let responses = serde_json::to_value(skms_core::utoipa::responses::<Upstream>()).unwrap();
/// let examples = responses["503"]["content"]["application/json"]["examples"].as_object().unwrap();
/// assert_eq!(examples.keys().collect::<Vec<_>>(), ["60001 Unavailable", "60002 Overloaded"]);
/// ```
#[must_use]
#[inline]
pub fn responses<C: Catalog>() -> BTreeMap<String, RefOr<Response>> {
    listing_responses(&C::catalog())
}

/// The body of [`responses`], compiled once here rather than in the user's
/// crate for every derived type: generic, it cost the 1,000-variant crate of
/// `scripts/compile-time.sh` (four types) 593 M more rustc instructions.
fn listing_responses(catalog: &Listing) -> BTreeMap<String, RefOr<Response>> {
    // The statuses in the order of their first code; each with its codes.
    let mut statuses: Vec<(u16, Vec<&'static Entry>)> = Vec::new();
    for listed in catalog {
        let entry = listed.entry;
        match statuses
            .iter_mut()
            .find(|(status, _)| *status == entry.status)
        {
            Some((_, entries)) => entries.push(entry),
            None => statuses.push((entry.status, std::vec![entry])),
        }
    }
    statuses
        .into_iter()
        .map(|(status, entries)| (status.to_string(), status_response(status, &entries)))
        .collect()
}

/// The response of one status: its codes' examples over the body's schema.
fn status_response(status: u16, entries: &[&'static Entry]) -> RefOr<Response> {
    let codes: Vec<String> = entries.iter().map(|entry| entry.code.to_string()).collect();
    let description = match HttpStatus::lookup(status) {
        Some(known) => format!("{}: SKMS error {}", known.message, codes.join(", ")),
        None => format!("SKMS error {}", codes.join(", ")),
    };
    let content = ContentBuilder::new()
        .schema(Some(<ErrorBody<'_> as ::utoipa::PartialSchema>::schema()))
        .examples_from_iter(entries.iter().map(|entry| {
            let name = if entry.is_deprecated() {
                format!("{} {} (deprecated)", entry.code, entry.variant)
            } else {
                format!("{} {}", entry.code, entry.variant)
            };
            (name, example(entry))
        }))
        .build();
    ResponseBuilder::new()
        .description(description)
        .content("application/json", content)
        .build()
        .into()
}

/// The example of one code: message as summary; deprecation, description
/// and link as description; the body a client receives as value. A
/// deprecated code's example is named `60003 KeyDisabled (deprecated)`.
fn example(entry: &Entry) -> ExampleBuilder {
    let mut description = String::new();
    if let Some(note) = entry.deprecated {
        description.push_str("Deprecated");
        if !note.is_empty() {
            description.push_str(": ");
            description.push_str(note);
        }
        description.push('.');
    }
    if let Some(text) = entry.description {
        if !description.is_empty() && !text.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(text);
    }
    if let Some(doc) = entry.doc {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str("Documentation: <");
        description.push_str(doc);
        description.push('>');
    }
    let detail = entry
        .detail_template()
        .filter(|_| DetailPolicy::DEFAULT.shows_entry_detail(entry));
    ExampleBuilder::new()
        .summary(entry.message)
        .description(description)
        .value(Some(body_value(entry.code, entry.message, detail)))
}

/// `{"code":C,"message":"M","detail":"D"}` as a JSON value. Generic over
/// the value type, which is utoipa's `serde_json::Value`, so that this crate
/// names serde_json only with feature `json`.
fn body_value<V>(code: u32, message: &str, detail: Option<&str>) -> V
where
    V: From<u32> + for<'a> From<&'a str> + FromIterator<(&'static str, V)>,
{
    let mut fields = std::vec![("code", V::from(code)), ("message", V::from(message))];
    if let Some(detail) = detail {
        fields.push(("detail", V::from(detail)));
    }
    fields.into_iter().collect()
}
