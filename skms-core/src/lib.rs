//! SKMS errors as Rust types.
//!
//! SKMS services answer every failed request with an HTTP status and a JSON
//! body such as `{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}`.
//! `#[derive(SkmsError)]` on a service's own error enum gives each variant its
//! code, status, message, detail and that body, checked at compile time.
//!
//! ```
//! use skms_core::SkmsError;
//!
//! #[derive(Debug, SkmsError)]
//! enum KmsError {
//!     #[skms(code = 40013, status = 400, msg = "Key not found in the keyVault", detail = "keyId : {key_id}")]
//!     KeyNotFound { key_id: String },
//!     #[skms(transparent)]
//!     Standard(skms_core::StandardError),
//! }
//!
//! let error = KmsError::KeyNotFound { key_id: "0000009".into() };
//! assert_eq!((error.code(), error.status()), (40013, 400));
//! assert_eq!(error.message(), "Key not found in the keyVault");
//! assert_eq!(error.detail().as_deref(), Some("keyId : 0000009"));
//! assert_eq!(
//!     serde_json::to_string(&error).unwrap(),
//!     r#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}"#,
//! );
//!
//! let error = KmsError::Standard(skms_core::StandardError::InvalidToken);
//! assert_eq!(error.to_string(), "[40101] Invalid token");
//! ```
//!
//! # The attribute
//!
//! Every variant carries one `#[skms(...)]` (on a struct, the struct does):
//!
//! | key | value | meaning |
//! |---|---|---|
//! | `code` | integer literal that fits `u32` | the SKMS code; two variants of one type cannot share it |
//! | `status` | integer literal, `400..=599` | the HTTP status the error is answered with; with `msg`, or leave both out to reuse a standard code's |
//! | `msg` | string literal | the fixed message of the code |
//! | `detail` | format string over the variant's fields, with any spec that `format!` takes: `{key_id}`, `{0}`, `{0:>5}`, `{key_id:?}`, `{ptr:p}`, `{x:.prec$}` (a width or precision from a `usize` field; not `.*`), `{{` for a brace | the detail of each occurrence (optional) |
//! | `description` | string literal | what the code means, listed in the catalog (optional) |
//! | `doc` | string literal, a URL | the code's documentation, listed in the catalog (optional) |
//! | `transparent` | flag, alone, on a variant with one field whose type implements `SkmsError` | code, status, message, detail and `source()` are the field's |
//! | `public_detail`, `internal_detail` | flag, on a variant or on the enum (for its own variants) | whether the detail may be shown to the client (`DetailExposure`) |
//! | `grpc` | string literal, a `tonic::Code` in snake_case: `"already_exists"` | the gRPC code over gRPC (feature `tonic`), instead of the one of the HTTP status; not on an enum, not with `transparent` |
//! | `deprecated` | flag, or `= "use 60004"` | the code is still answered, and marked deprecated (with the note) in the catalog, its exports, its endpoint and the OpenAPI examples (optional) |
//!
//! On a field:
//!
//! | attribute | meaning |
//! |---|---|
//! | `#[skms(detail)]` | the field is the detail, as `detail = "{field}"` would make it; either way, a variant whose fields all appear in its detail comes back typed on the client |
//! | `#[from]` | thiserror's attribute: on the one field of a variant or struct, `From<Field>` for the type, so that `?` converts; a transparent variant answers with the field's code (and passes its `source()` on), a variant of its own keeps its code and the field is its `source()`; not under `std_error = false`, where thiserror writes `From` |
//!
//! A field marked `#[skms(detail)]` is rebuilt from a body's detail parsed
//! whole with its `FromStr`. A `detail = "..."`
//! that names every field of its variant, none with a spec, is read back too
//! (see [`FromBody`]): `detail = "keyId : {key_id}"` needs no mark.
//!
//! On the one field of a variant (or of a struct), `#[from]`, as thiserror
//! writes it, implements `From<Field>` for the type, so that `?` converts:
//! a transparent variant then answers with its field's code, status,
//! message and detail (and passes its field's `source()` on); a variant
//! with an entry of its own keeps its code, and its field is its
//! `source()`, which must be a `std::error::Error` (a
//! `Box<dyn Error + Send + Sync>` too). Two variants cannot convert from one
//! type, and `#[from]` needs the variant's one field. Under
//! `std_error = false` the derive writes no `From` (nor `Error`): `#[from]`
//! is then thiserror's, which writes both, so a type never has two.
//!
//! ```
//! use skms_core::{SkmsError, StandardError};
//!
//! #[derive(Debug, SkmsError)]
//! enum KmsError {
//!     #[skms(code = 60001, status = 503, msg = "Vault unreachable", detail = "{0}")]
//!     Unreachable(#[from] std::io::Error),
//!     #[skms(transparent)]
//!     Standard(#[from] StandardError),
//! }
//!
//! fn authorize(token: &str) -> Result<(), KmsError> {
//!     if token.is_empty() {
//!         Err(StandardError::InvalidToken)?;
//!     }
//!     Err(std::io::Error::other("timed out"))?
//! }
//!
//! assert_eq!(authorize("").unwrap_err().code(), 40101);
//! let error = authorize("t0k3n").unwrap_err();
//! assert_eq!((error.code(), error.detail().as_deref()), (60001, Some("timed out")));
//! assert_eq!(std::error::Error::source(&error).unwrap().to_string(), "timed out");
//! ```
//!
//! On the type itself:
//!
//! | key | value | meaning |
//! |---|---|---|
//! | `range` | `60000..=60999` or `60000..61000` | every own code must be in it (reused standard codes excepted) |
//! | `reserved` | `reserved(40010, 40106..=40109, 60002 = "merged into 60001")`: codes and inclusive ranges, each with an optional reason | codes that the composed catalog never uses again: a variant, or an included catalog, that uses one does not build; listed and exported as reserved |
//! | `crate` | string literal, a path | where skms-core is, for crates that re-export it (default `::skms_core`) |
//! | `std_error` | `false` | write neither `Display` nor `std::error::Error` (nor the `From` of `#[from]`), for types that derive `thiserror::Error` too |
//!
//! # What the derive implements
//!
//! - [`SkmsError`]: `code`, `status` and `message` from a static table, and
//!   the detail formatted straight into its output. Its
//!   [`write_json`](SkmsError::write_json) is the fast path: each variant's
//!   `{"code":..,"message":".."` is one pre-escaped constant, computed at
//!   compile time, followed by the escaped detail.
//! - [`Catalog`]: the type's own entries and included catalogs as static
//!   data, listed by [`Catalog::catalog`].
//! - [`serde::Serialize`]: exactly `{"code":C,"message":"M","detail":"D"}`,
//!   keys in that order, `detail` left out when there is none; into a buffer
//!   with room, nothing is allocated.
//! - `Display`, as `[40013] Key not found in the keyVault: keyId : 0000009`,
//!   and `std::error::Error`, whose `source()` is the field's for a transparent
//!   variant, the field marked `#[from]` of a variant of its own, and `None`
//!   otherwise. The type must be `Debug`.
//! - [`FromBody`]: a received body rebuilt as the variant of its code, where
//!   the variant can be read back (a unit variant, one whose fields all
//!   appear in its detail, a transparent one); see [`Entry::rebuilt`].
//! - `From<Field>` for each field marked `#[from]`.
//! - With an integration's feature, its traits: `IntoResponse` (`axum`),
//!   `ResponseError` (`actix-web`), `From<E> for tonic::Status` (`tonic`),
//!   `utoipa::IntoResponses` (`utoipa`).
//! - After a mistake in the attribute, all of these still, with bodies that
//!   never run, so that the build reports the mistake and nothing more.
//!
//! # Composing catalogs
//!
//! A `#[skms(transparent)]` variant includes its field's catalog in the
//! type's (`StandardError`, or another derived type, to any depth). In the
//! composed catalog a code means one thing, and the build checks it by
//! const evaluation:
//!
//! - an own code that an included catalog also defines is a compile error,
//!   unless both have the same status and message: a variant may restate or
//!   reuse a standard code to give it a detail;
//! - two included catalogs that define one code differently are a compile
//!   error; the same entry reached along two paths (two included catalogs
//!   that both include `StandardError`) is one code.
//!
//! `#[skms(code = 40013, detail = "keyId : {key_id}")]`, without `status` and
//! `msg`, reuses the standard entry of the code: its status, message and
//! description are the reference's, so they cannot drift from it. A code
//! that the standard catalog does not define then stops the build.
//! A reused code is exempt from the type's `range`, and, by the rule above,
//! may stand next to the included `StandardError`; decoding and lookups find
//! the own variant first.
//!
//! Each such mistake is one error that names the code, both meanings and
//! the type: an own variant that gives a standard code another meaning is
//! reported at its `code`, with the fix (another code, or leave out
//! `status` and `msg` to take the standard entry's); any other code that
//! means two things, at the transparent variant that brings the second
//! meaning in.
//!
//! Generic types are checked too. What the definition decides (own codes
//! against an included catalog whose type names no parameter, such as
//! `StandardError`, and such catalogs against each other) fails `cargo check`
//! of the generic type. What depends on a parameter (`Inner(E)` next to
//! `Standard(StandardError)`) is checked for each type that the code uses,
//! `Wrapper<TokenError>`: in `cargo check` of a type that includes it, and
//! at the latest in `cargo build` of code that calls its `code()` (or any
//! `SkmsError` method), serializes it, or calls its `lookup` or `catalog()`.
//! A field type that names a parameter must then be `SkmsError` and
//! `Catalog` for the type to be either.
//!
//! [`Catalog::catalog`] lists the composed catalog, and exports it as the
//! reference's Markdown table or as JSON; [`Listing::assert_snapshot`] guards
//! it in a test against a committed snapshot:
//!
//! ```no_run
//! # use skms_core::{Catalog, StandardError};
//! #[test]
//! fn the_wire_contract_is_unchanged() {
//!     StandardError::catalog().assert_snapshot("tests/snapshots/catalog.md");
//! }
//! ```
//!
//! The snapshot keeps every code it ever held, as a `retired` row once the
//! code is gone, so that no code is given another meaning by accident.
//! [`Listing::diff`] classes each change between two catalogs as breaking or
//! compatible, [`Listing::from_json`] reads a release's export back to
//! compare with it, and [`check_services`] finds two services that give one
//! code two meanings; the `skms` command (crate `skms-cli`) runs both in CI.
//!
//! # With thiserror
//!
//! A type that derives `thiserror::Error` gets `Display` and `Error` from
//! thiserror; `#[skms(std_error = false)]` keeps the derive from writing them
//! a second time:
//!
//! ```
//! use skms_core::SkmsError;
//!
//! #[derive(Debug, thiserror::Error, SkmsError)]
//! #[skms(std_error = false)]
//! enum VaultError {
//!     #[error("key {key_id} is not in the vault")]
//!     #[skms(code = 40013, status = 400, msg = "Key not found in the keyVault", detail = "keyId : {key_id}")]
//!     KeyNotFound { key_id: String },
//! }
//!
//! let error = VaultError::KeyNotFound { key_id: "0000009".into() };
//! assert_eq!(error.to_string(), "key 0000009 is not in the vault");
//! assert_eq!(error.code(), 40013);
//! ```
//!
//! # Decoding
//!
//! A client gets the bodies back as types: [`ErrorBody::from_slice`] decodes
//! the JSON (feature `json`), and [`Decoded`] rebuilds the typed error of a
//! catalog, keeping the body as it was received.
//!
//! ```
//! use skms_core::{Decoded, DecodeErrorKind, SkmsError, StandardError};
//!
//! let received = br#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}"#;
//! let decoded = Decoded::<StandardError>::from_slice(received)?;
//! assert_eq!(decoded.error(), Some(&StandardError::KeyNotFound));
//! assert_eq!(decoded.detail(), Some("keyId : 0000009"));
//!
//! // A service's own enum, shared by the server and its client: a variant
//! // whose fields all appear in its detail comes back with them.
//! #[derive(Debug, PartialEq, SkmsError)]
//! enum VaultError {
//!     #[skms(code = 40013, detail = "keyId : {key_id}")]
//!     KeyNotFound { key_id: String },
//! }
//! let decoded = Decoded::<VaultError>::from_slice(received)?;
//! assert_eq!(decoded.error(), Some(&VaultError::KeyNotFound { key_id: "0000009".into() }));
//! // In the service's tests: serialized, decoded, the same value.
//! skms_core::test::assert_round_trip(&VaultError::KeyNotFound { key_id: "0000009".into() });
//!
//! // A code the client's catalog does not know: kept whole.
//! let decoded = Decoded::<StandardError>::from_slice(br#"{"code":40999,"message":"Quota exceeded"}"#)?;
//! assert_eq!((decoded.error(), decoded.code(), decoded.message()), (None, 40999, "Quota exceeded"));
//!
//! // Not an SKMS body: an error that says why.
//! let error = Decoded::<StandardError>::from_slice(br#"{"code":"40013","message":"m"}"#).unwrap_err();
//! assert_eq!(error.kind(), DecodeErrorKind::CodeNotInteger);
//! assert_eq!(
//!     error.to_string(),
//!     r#"invalid SKMS error body: `code` must be an integer, found the string "40013" at line 1 column 9"#,
//! );
//! # Ok::<(), skms_core::DecodeError>(())
//! ```
//!
//! The rules:
//!
//! - **The body is checked, not trusted.** `code` must be a JSON integer
//!   from 0 to 4294967295, `message` a string, `detail` a string when
//!   present (`null` is refused); each at most once; unknown fields are
//!   ignored; nothing but whitespace may follow the body. Anything else is a
//!   [`DecodeError`] whose [`kind`](DecodeError::kind) names the rule that
//!   failed and whose text says what was found and where: never a panic,
//!   whatever the input (the decoder is fuzzed). The `Deserialize` impls of
//!   [`ErrorBody`] and [`Decoded`] accept exactly the same bodies, with
//!   serde's less precise errors.
//! - **By code, not by message.** The typed error is chosen by the code
//!   alone ([`FromBody`]). A server of another version may word a message
//!   differently: the body is still rebuilt, and the received message stays
//!   available ([`Decoded::message`]) beside the catalog's
//!   ([`Decoded::catalog_message`]).
//! - **Never a guess.** A body that the catalog cannot rebuild (a code it
//!   does not know, from a newer server or another service) is kept whole,
//!   code, message and detail, with [`Decoded::error`] `None`; it is never
//!   dropped and never mapped to a neighbouring or generic error.
//! - **What can be rebuilt.** [`StandardError`]: each of its 26 codes. A
//!   derived enum, through the [`FromBody`] impl the derive writes: its own
//!   codes first, a variant without fields by its code; a variant whose
//!   fields all appear in its detail, without a format spec
//!   (`detail = "keyId : {key_id}"`), from the body's detail, each field
//!   parsed with its `FromStr` and kept only when its `Display` writes the
//!   same text again (so the value rebuilt formats to exactly the detail
//!   received; details that split more than one way are read the first way
//!   that reads back, within a budget linear in the detail's length); a
//!   variant whose one field is marked `#[skms(detail)]` from the whole
//!   detail, parsed; then its `transparent` variants, through the type of
//!   their field. A variant with a field left out of its detail, written
//!   with a spec (`{id:?}`, `{n:>5}`), or of a type without `FromStr`,
//!   cannot be read back: its bodies are kept with their code, like unknown
//!   ones, and never taken for an included catalog's variant of the same
//!   code. [`Entry::rebuilt`] says which entries come back, and
//!   [`test::assert_round_trip`] checks a value in a test.
//! - **The detail is kept.** Whether or not the typed error has room for
//!   it, [`Decoded::detail`] is the received detail.
//! - **What was received is passed on.** `Display` and `Serialize` of
//!   [`Decoded`] write the received body unchanged. `Decoded` is not an
//!   [`SkmsError`]: a body carries no HTTP status, and for a code the
//!   catalog does not know any status would be a guess.
//!
//! # Over HTTP
//!
//! Every body that an integration sends goes through the [`DetailPolicy`]
//! in force: by default, the detail of a 4xx error is sent and the detail
//! of a 5xx error is withheld from the client and logged through `tracing`;
//! `#[skms(public_detail)]` and `#[skms(internal_detail)]` decide for a
//! variant or an enum, and a service can install another policy at startup.
//! A response has the error's status, `content-type: application/json` and
//! the body of [`SkmsError::write_json`], byte for byte what `serde_json`
//! writes for the body the client may see.
//!
//! A withheld detail is often client input, so it is logged through
//! [`LogSafe`]: line breaks, terminal controls and bidirectional
//! formatting characters are escaped (`\n`, `\u{1b}`), and no detail can
//! forge a log line. The `Display` of a received body ([`ErrorBody`],
//! [`Decoded`], the reqwest integration's error) escapes the same way; a
//! derived type's own `Display` does not, and
//! `tracing::warn!(error = %LogSafe(&error))` logs it safely.
//!
//! A router or scope can answer with its own policy: `DetailPolicy::layer`
//! (feature `tower`) and `DetailPolicy::actix_middleware` (feature
//! `actix-web`) put it in force while the service they wrap runs
//! ([`DetailPolicy::scope`], [`DetailPolicy::in_force`]) and while the
//! bodies of its responses are polled (gRPC response streams, streamed
//! bodies). The `catalog` and
//! `catalog_entry` handlers of `skms_core::axum` and `skms_core::actix_web`
//! serve a type's composed catalog, as JSON or Markdown.
//! [`DetailPolicy::refer_to_withheld_details`] sends, instead of nothing,
//! a random reference that the log holds next to the withheld detail
//! (`"detail":"ref : 7f3a9c2104d5e8b6"`), for the client to quote; only when
//! a subscriber records that event.
//!
//! # Over gRPC
//!
//! With feature `tonic`, every derived type converts into a
//! `tonic::Status`: the gRPC code that the variant chose with
//! `#[skms(grpc = "already_exists")]`, else the one that googleapis'
//! `google/rpc/code.proto` maps to its HTTP status (400 `INVALID_ARGUMENT`,
//! 409 `ABORTED`, 500 `INTERNAL`, ...); the SKMS message; the SKMS code in
//! the metadata `skms-code` and the detail in `skms-detail-bin`, after the
//! same [`DetailPolicy`] as over HTTP (a withheld detail logged, never
//! sent), at most 4 KiB of it (metadata is bounded; a longer detail is cut
//! at a character boundary and marked `skms-detail-truncated`, which
//! `Decoded::detail_truncated` reports; HTTP bodies have no such limit).
//! On the client, `Decoded::from_status` rebuilds the typed error,
//! and answers `None` for a status without an SKMS code, which it does not
//! guess at. `skms_core::tonic` has the table, the choices made where
//! `code.proto` is not one to one, and an example.
//!
//! # OpenAPI
//!
//! With feature `utoipa`, [`ErrorBody`] is a `utoipa::ToSchema` and every
//! derived type a `utoipa::IntoResponses`: name the error type among an
//! endpoint's responses, and its OpenAPI document lists every code of the
//! type's composed catalog, one response per HTTP status (codes that share a
//! status share its response, none overwrites another), one named example
//! per code (`40013 KeyNotFound`) with the message, description and `doc`
//! link, and the body that the service sends: the detail shown as its
//! template, left out where the default [`DetailPolicy`] withholds it.
//!
//! An endpoint that can fail with only some codes declares a small enum of
//! those codes: `#[skms(code = 40013)]` alone reuses the standard entry, its
//! status and message, so its document lists these codes and not all 26.
//!
//! ```
//! # #[cfg(feature = "utoipa")]
//! # fn main() -> Result<(), serde_json::Error> {
//! use skms_core::SkmsError;
//!
//! /// What `GET /keys/{id}` can fail with: two standard codes, reused.
//! #[derive(Debug, SkmsError)]
//! enum GetKeyError {
//!     #[skms(code = 40013, detail = "keyId : {key_id}")]
//!     KeyNotFound { key_id: String },
//!     #[skms(code = 40101)]
//!     InvalidToken,
//! }
//!
//! #[utoipa::path(
//!     get,
//!     path = "/keys/{id}",
//!     params(("id" = String, Path)),
//!     responses((status = 200, body = String), GetKeyError)
//! )]
//! async fn get_key(id: String) -> Result<String, GetKeyError> {
//!     Err(GetKeyError::KeyNotFound { key_id: id })
//! }
//!
//! #[derive(utoipa::OpenApi)]
//! #[openapi(paths(get_key))]
//! struct ApiDoc;
//!
//! let document = serde_json::to_value(<ApiDoc as utoipa::OpenApi>::openapi())?;
//! let responses = &document["paths"]["/keys/{id}"]["get"]["responses"];
//! let examples = &responses["400"]["content"]["application/json"]["examples"];
//! assert_eq!(examples["40013 KeyNotFound"]["summary"], "Key not found in the keyVault");
//! assert_eq!(
//!     examples["40013 KeyNotFound"]["value"],
//!     serde_json::json!({"code": 40013, "message": "Key not found in the keyVault", "detail": "keyId : {key_id}"}),
//! );
//! assert!(responses["401"]["content"]["application/json"]["examples"]["40101 InvalidToken"].is_object());
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "utoipa"))]
//! # fn main() {}
//! ```
//!
//! See `skms_core::utoipa` for what each part of the document says.
//!
//! # Features
//!
//! - `derive` (default): re-exports `#[derive(SkmsError)]`.
//! - `json` (default): decoding received bodies from JSON with precise
//!   errors ([`ErrorBody::from_slice`], [`Decoded::from_slice`],
//!   [`DecodeError`]), with serde_json (without its `raw_value` feature, so
//!   it changes nothing else of the build's serde_json). Without it,
//!   [`FromBody`], [`Decoded`] and the `Deserialize` impls remain, for any
//!   serde format; `reqwest` turns it on.
//! - `axum`: every derived type is an axum `IntoResponse`, handlers
//!   serve the catalog, and an extractor wrapper and two fallbacks answer
//!   axum's own rejections, unmatched routes and wrong methods with SKMS
//!   errors (through `From<Rejection>`); see `skms_core::axum`.
//! - `actix-web`: every derived type is an actix-web `ResponseError`, a
//!   middleware chooses the policy of a scope, handlers serve the
//!   catalog, and helpers answer extractor errors, unmatched routes and
//!   wrong methods with SKMS errors; see `skms_core::actix_web`.
//! - `http`: every derived type converts into `http::StatusCode` and
//!   `http::Response<B>`; see `skms_core::http`.
//! - `reqwest`: `skms_core::reqwest::SkmsResponseExt` turns a reqwest
//!   response with an error status into an `SkmsHttpError`.
//! - `tonic`: every derived type converts into a `tonic::Status` (the
//!   gRPC code of its HTTP status or of `#[skms(grpc = "...")]`, the SKMS
//!   message, the SKMS code and the detail in metadata, after the
//!   [`DetailPolicy`]), and `Decoded::from_status` rebuilds the typed error
//!   on the client; see `skms_core::tonic`. Only tonic's `Status`, `Code`
//!   and metadata: no transport, no codegen, no protobuf.
//! - `tower`: `DetailPolicy::layer`, a `tower` layer that answers the SKMS
//!   errors of the service it wraps, those of its response bodies included,
//!   with its own policy; `axum` turns it on. See `skms_core::tower`.
//! - `utoipa`: [`ErrorBody`] is a `utoipa::ToSchema`, and every derived
//!   type a `utoipa::IntoResponses` that documents each code of its composed
//!   catalog in an OpenAPI document; see `skms_core::utoipa` and
//!   [OpenAPI](#openapi).
//! - `tracing`: [`DetailPolicy`] logs the details it withholds, and every
//!   answered error is recorded on the request's span (`error.type`,
//!   `skms.code`); `axum`, `actix-web`, `http` and `tonic` turn it on. See
//!   [`observe`].
//! - `metrics`: the counter `skms_errors_total` of answered errors, by
//!   `code`, `status` and `transport`, through the `metrics` facade; see
//!   [`observe`].
//!
//! The derive cannot see these features: it emits one call to a macro of
//! this crate per type, and the macro writes the impls of the features that
//! are on.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
// On docs.rs (which sets `docsrs` and builds with every feature, see
// `[package.metadata.docs.rs]`), each item behind a feature says which.
#![cfg_attr(docsrs, feature(doc_cfg))]
// The docs link to items that exist only with a feature (the JSON decoding
// items, `observe`'s span and metrics helpers, the per-router layer and
// middleware): without it, the link is text. `cargo doc --all-features`, as
// CI and docs.rs build the docs, checks every link.
#![cfg_attr(
    not(all(
        feature = "json",
        feature = "tracing",
        feature = "http",
        feature = "metrics",
        feature = "tower",
        feature = "actix-web"
    )),
    allow(rustdoc::broken_intra_doc_links)
)]

mod body;
mod catalog;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod catalog_endpoint;
mod code;
mod decode;
mod derived;
mod diff;
mod error;
mod export;
#[cfg(any(feature = "tower", feature = "actix-web"))]
mod in_policy;
mod json;
mod listing;
mod log_safe;
pub mod observe;
mod policy;
mod registry;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod rejection;
mod snapshot;
mod standard;
mod status;
#[cfg(feature = "json")]
pub mod test;

#[cfg(feature = "actix-web")]
pub mod actix_web;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "http")]
pub mod http;
#[cfg(feature = "reqwest")]
pub mod reqwest;
#[cfg(feature = "tonic")]
pub mod tonic;
#[cfg(feature = "tower")]
pub mod tower;
#[cfg(feature = "utoipa")]
pub mod utoipa;

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;

pub use crate::body::ErrorBody;
pub use crate::catalog::{Catalog, CodeRange, Entry, Include, Rebuilt, Reserved};
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub use crate::catalog_endpoint::CodeNotInCatalog;
pub use crate::code::{parse_code, ParseCodeError};
pub use crate::decode::{Decoded, FromBody};
pub use crate::diff::{CatalogDiff, Change, ChangeKind};
pub use crate::error::{display_error, serialize_error, DetailExposure, SkmsError};
#[cfg(feature = "json")]
pub use crate::export::ExportError;
pub use crate::export::EXPORT_FORMAT;
#[cfg(any(feature = "tower", feature = "actix-web"))]
pub use crate::in_policy::InPolicy;
#[cfg(feature = "json")]
pub use crate::json::decode::{DecodeError, DecodeErrorKind};
pub use crate::json::{to_json_vec, write_json};
pub use crate::listing::{Listed, Listing};
pub use crate::log_safe::LogSafe;
pub use crate::policy::{DetailPolicy, PolicyInstalled};
pub use crate::registry::{check_services, Clash, ClashKind};
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub use crate::rejection::Rejection;
pub use crate::snapshot::{SnapshotError, SnapshotMismatch, SNAPSHOT_ENV};
pub use crate::standard::{StandardError, UnknownCode};
pub use crate::status::HttpStatus;

/// Derives [`SkmsError`], [`Catalog`], `serde::Serialize`, `Display` and
/// `std::error::Error`; see the [crate docs](crate#the-attribute) for the
/// attribute.
#[cfg(feature = "derive")]
pub use skms_derive::SkmsError;
