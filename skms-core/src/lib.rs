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
//! | `code` | integer literal that fits `u32` | the SKMS code; unique within the type |
//! | `status` | integer literal, `400..=599` | the HTTP status the error is answered with |
//! | `msg` | string literal | the fixed message of the code |
//! | `detail` | format string over the variant's fields: `{key_id}`, `{0}`, `{0:>5}`, `{key_id:?}` | the detail of each occurrence (optional) |
//! | `description` | string literal | what the code means, for the catalog listing (optional) |
//! | `transparent` | flag, alone, on a variant with one field whose type implements `SkmsError` | code, status, message, detail and `source()` are the field's |
//! | `public_detail`, `internal_detail` | flag, on a variant or on the enum (for its own variants) | whether the detail may reach the client; see [`DetailExposure`] |
//!
//! On the type itself:
//!
//! | key | value | meaning |
//! |---|---|---|
//! | `crate` | string literal, a path | where skms-core is, for crates that re-export it (default `::skms_core`) |
//! | `std_error` | `false` | implement neither `Display` nor `std::error::Error`: for types that derive `thiserror::Error` too |
//!
//! # What the derive implements
//!
//! - [`SkmsError`]: `code`, `status` and `message` from a static table, and
//!   the detail formatted straight into its output. Its
//!   [`write_json`](SkmsError::write_json) is the fast path: each variant's
//!   `{"code":..,"message":".."` is one pre-escaped constant, computed at
//!   compile time, followed by the escaped detail.
//! - [`Catalog`]: the type's own entries as static data.
//! - [`serde::Serialize`]: exactly `{"code":C,"message":"M","detail":"D"}`,
//!   keys in that order, `detail` left out when there is none; into a buffer
//!   with room, nothing is allocated.
//! - `Display`, as `[40013] Key not found in the keyVault: keyId : 0000009`,
//!   and `std::error::Error`, whose `source()` is the field's for a transparent
//!   variant and `None` otherwise. The type must be `Debug`.
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
//! # Features
//!
//! - `derive` (default): re-exports `#[derive(SkmsError)]`.
//! - `axum`: every derived type is an axum `IntoResponse`; see `skms_core::axum`.
//! - `actix-web`: every derived type is an actix-web `ResponseError`; see
//!   `skms_core::actix_web`.
//! - `http`: every derived type converts into `http::StatusCode` and
//!   `http::Response<B>`; see `skms_core::http`.
//! - `reqwest`: `skms_core::reqwest::SkmsResponseExt` turns a reqwest
//!   response with an error status into an `SkmsHttpError`.
//! - `tracing`: [`DetailPolicy`] logs the details it withholds; `axum`,
//!   `actix-web` and `http` turn it on.
//!
//! The derive cannot see these features: it emits one call to a macro of
//! this crate per type, and the macro writes the impls of the features that
//! are on.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod body;
mod catalog;
mod error;
mod json;
mod policy;
mod standard;
mod status;

#[cfg(feature = "actix-web")]
pub mod actix_web;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "http")]
pub mod http;
#[cfg(feature = "reqwest")]
pub mod reqwest;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use crate::body::ErrorBody;
pub use crate::catalog::{Catalog, Entry};
pub use crate::error::{display_error, serialize_error, DetailExposure, SkmsError};
pub use crate::json::{to_json_vec, write_json};
pub use crate::policy::{DetailPolicy, PolicyInstalled};
pub use crate::standard::{StandardError, UnknownCode};
pub use crate::status::HttpStatus;

/// Derives [`SkmsError`], [`Catalog`], `serde::Serialize`, `Display` and
/// `std::error::Error`; see the [crate docs](crate#the-attribute) for the
/// attribute.
#[cfg(feature = "derive")]
pub use skms_derive::SkmsError;
