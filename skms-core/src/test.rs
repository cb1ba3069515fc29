//! Assertions for a service's own tests (feature `json`): that its errors
//! come back as themselves from the bodies it answers with.

use core::fmt::Debug;
use std::string::String;

use crate::{ErrorBody, FromBody, SkmsError};

/// Asserts that `value` comes back as itself from its body: serializes it,
/// decodes the bytes as an [`ErrorBody`], rebuilds a value of its type with
/// [`FromBody`] and compares.
///
/// # Panics
///
/// A test assertion: panics, saying which step differed, when
///
/// - the body written does not say what `value` says (its code, message or
///   detail), or does not decode;
/// - the type does not rebuild the body (its variant is not
///   [`Rebuilt`](crate::Rebuilt)`::Always`, or `FromDetail` with field
///   types that read back: see [`FromBody`]);
/// - it rebuilds another value: the message tells one that serializes the
///   same (the detail is ambiguous, `"{a}-{b}"` with a `-` in a value; or an
///   own variant answers the code of an included catalog's variant) from
///   one that does not.
///
/// ```
/// use skms_core::SkmsError;
/// use skms_core::test::assert_round_trip;
///
/// #[derive(Debug, PartialEq, SkmsError)]
/// enum VaultError {
///     #[skms(code = 60001, status = 503, msg = "Vault sealed")]
///     Sealed,
///     #[skms(code = 60002, status = 404, msg = "Key not found", detail = "keyId : {key_id}")]
///     KeyNotFound { key_id: String },
///     #[skms(code = 60003, status = 404, msg = "Key version not found", detail = "{0} v{1}")]
///     VersionNotFound(String, u32),
/// }
///
/// assert_round_trip(&VaultError::Sealed);
/// assert_round_trip(&VaultError::KeyNotFound { key_id: "k-9".into() });
/// assert_round_trip(&VaultError::VersionNotFound("k 9".into(), 2));
/// ```
///
/// A variant whose detail cannot be read back fails:
///
/// ```should_panic
/// # use skms_core::SkmsError;
/// # use skms_core::test::assert_round_trip;
/// #[derive(Debug, PartialEq, SkmsError)]
/// enum VaultError {
///     #[skms(code = 60002, status = 404, msg = "Key not found", detail = "keyId : {key_id:?}")]
///     KeyNotFound { key_id: String },
/// }
///
/// // the body {"code":60002,...} does not come back as a `VaultError`
/// assert_round_trip(&VaultError::KeyNotFound { key_id: "k-9".into() });
/// ```
#[track_caller]
pub fn assert_round_trip<E: SkmsError + FromBody + PartialEq + Debug>(value: &E) {
    let type_name = core::any::type_name::<E>();
    let json = crate::to_json_vec(value);
    let text = String::from_utf8_lossy(&json);
    let body = match ErrorBody::from_slice(&json) {
        Ok(body) => body,
        Err(error) => panic!(
            "round trip of {value:?}: serialization wrote a body that does not decode ({error}): {text}"
        ),
    };
    let detail = value.detail();
    if body.code != value.code()
        || *body.message != *value.message()
        || body.detail.as_deref() != detail.as_deref()
    {
        panic!(
            "round trip of {value:?}: serialization wrote {text}, which is not its code {}, message {:?} and detail {:?}",
            value.code(),
            value.message(),
            detail,
        );
    }
    let Some(decoded) = E::from_body(&body) else {
        panic!(
            "round trip of {value:?}: the body {text} does not come back as a `{type_name}` (`FromBody` gives `None`): its variant is rebuilt only when every field appears in the detail, without a format spec, and each field's type reads back with `FromStr` and writes back with `Display` to the same text"
        );
    };
    if decoded != *value {
        let again = crate::to_json_vec(&decoded);
        if again == json {
            panic!(
                "round trip of {value:?}: the body {text} came back as {decoded:?}, another value that serializes the same: the type has two values for this body (a detail that splits more than one way, `{{a}}-{{b}}` with a `-` in a value; or a variant of its own that answers a code of a catalog it includes)"
            );
        }
        panic!(
            "round trip of {value:?}: the body {text} came back as {decoded:?}, which serializes differently: {}",
            String::from_utf8_lossy(&again)
        );
    }
}
