//! The derive's behaviour, as a user of `skms-core` meets it.

use std::borrow::Cow;
use std::error::Error as _;
use std::fmt;

use skms_core::{Catalog, SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {key_id}"
    )]
    KeyNotFound { key_id: String },
    #[skms(
        code = 40003,
        status = 400,
        msg = "Failed create header",
        detail = "{0}"
    )]
    CreateHeader(u32),
    #[skms(
        code = 60001,
        status = 503,
        msg = "Vault sealed",
        detail = "the vault is sealed; try {{later}}"
    )]
    Sealed,
    #[skms(
        code = 60002,
        status = 404,
        msg = "No such vault",
        description = "the vault id matches no vault"
    )]
    NoSuchVault,
    #[skms(transparent)]
    Standard(StandardError),
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

#[test]
fn the_reference_example_byte_for_byte() {
    let error = KmsError::KeyNotFound {
        key_id: "0000009".into(),
    };
    assert_eq!(error.code(), 40013);
    assert_eq!(error.status(), 400);
    assert_eq!(error.message(), "Key not found in the keyVault");
    assert_eq!(error.detail(), Some(Cow::Owned("keyId : 0000009".into())));
    assert!(error.has_detail());
    assert_eq!(
        json(&error),
        r#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}"#
    );
    assert_eq!(
        json(&KmsError::CreateHeader(4020)),
        r#"{"code":40003,"message":"Failed create header","detail":"4020"}"#
    );
}

#[test]
fn a_fixed_detail_is_borrowed_and_unescaped() {
    let error = KmsError::Sealed;
    assert!(matches!(
        error.detail(),
        Some(Cow::Borrowed("the vault is sealed; try {later}"))
    ));
    assert_eq!(error.status(), 503);
    assert_eq!(
        json(&error),
        r#"{"code":60001,"message":"Vault sealed","detail":"the vault is sealed; try {later}"}"#
    );
}

#[test]
fn no_detail_leaves_the_key_out() {
    let error = KmsError::NoSuchVault;
    assert_eq!(error.detail(), None);
    assert!(!error.has_detail());
    assert_eq!(json(&error), r#"{"code":60002,"message":"No such vault"}"#);
}

#[test]
fn transparent_variants_forward_everything() {
    let error = KmsError::Standard(StandardError::PermissionDenied);
    assert_eq!(error.code(), 40301);
    assert_eq!(error.status(), 401);
    assert_eq!(error.message(), "You don't have permission this service");
    assert_eq!(error.detail(), None);
    assert_eq!(json(&error), json(&StandardError::PermissionDenied));
    assert_eq!(
        error.to_string(),
        "[40301] You don't have permission this service"
    );
}

#[test]
fn display_shows_code_message_and_detail() {
    let error = KmsError::KeyNotFound {
        key_id: "0000009".into(),
    };
    assert_eq!(
        error.to_string(),
        "[40013] Key not found in the keyVault: keyId : 0000009"
    );
    assert_eq!(KmsError::NoSuchVault.to_string(), "[60002] No such vault");
}

#[test]
fn dyn_skms_error_serializes_and_displays_like_the_type() {
    let errors: Vec<Box<dyn SkmsError>> = vec![
        Box::new(KmsError::CreateHeader(7)),
        Box::new(StandardError::InternalError),
        Box::new(KmsError::Standard(StandardError::InvalidToken)),
    ];
    assert_eq!(
        json(&*errors[0]),
        r#"{"code":40003,"message":"Failed create header","detail":"7"}"#
    );
    assert_eq!(
        json(&errors[1]),
        r#"{"code":50001,"message":"An unexpected error has occurred in the internal system"}"#
    );
    assert_eq!(errors[2].code(), 40101);
    assert_eq!(errors[0].to_string(), "[40003] Failed create header: 7");
}

#[test]
fn the_catalog_lists_own_entries_in_order() {
    let entries = KmsError::ENTRIES;
    let codes: Vec<u32> = entries.iter().map(|e| e.code).collect();
    assert_eq!(codes, [40013, 40003, 60001, 60002]);
    assert_eq!(entries[0].variant, "KeyNotFound");
    assert_eq!(
        entries[3].description,
        Some("the vault id matches no vault")
    );
    assert_eq!(entries[0].description, None);
    assert_eq!(
        entries[2].static_detail(),
        Some("the vault is sealed; try {later}")
    );
    assert!(entries[0].has_detail() && !entries[3].has_detail());
    assert_eq!(KmsError::lookup(60001).map(|e| e.status), Some(503));
    // Lookups search the composed catalog: own entries, then included ones.
    assert_eq!(
        KmsError::lookup(40101).map(|e| e.variant),
        Some("InvalidToken")
    );
    assert_eq!(
        KmsError::lookup(40013).map(|e| e.variant),
        Some("KeyNotFound")
    );
    assert_eq!(KmsError::lookup(12345), None);
}

/// Format specs pass through, positional and named fields mix, widths can
/// come from fields.
#[derive(Debug, SkmsError)]
enum Formats {
    #[skms(
        code = 1,
        status = 400,
        msg = "m",
        detail = "[{0:>5}] [{1:?}] [{0:#06x}]"
    )]
    Tuple(u32, &'static str),
    #[skms(
        code = 2,
        status = 400,
        msg = "m",
        detail = "[{name:>width$}] [{name:<width$}] [{ratio:.2}] [{ratio:e}]"
    )]
    Named {
        name: String,
        width: usize,
        ratio: f64,
    },
    #[skms(code = 3, status = 400, msg = "m", detail = "{r#type} {type}")]
    Raw { r#type: char },
    #[skms(
        code = 4,
        status = 400,
        msg = "m",
        detail = "unused fields are fine: {1}"
    )]
    Unused(#[allow(dead_code)] u8, u8, #[allow(dead_code)] u8),
}

#[test]
fn format_specs_work() {
    assert_eq!(
        Formats::Tuple(42, "q\"x").detail().unwrap(),
        r#"[   42] ["q\"x"] [0x002a]"#
    );
    let named = Formats::Named {
        name: "ab".into(),
        width: 4,
        ratio: 1234.5,
    };
    assert_eq!(
        named.detail().unwrap(),
        "[  ab] [ab  ] [1234.50] [1.2345e3]"
    );
    assert_eq!(Formats::Raw { r#type: 'k' }.detail().unwrap(), "k k");
    assert_eq!(
        Formats::Unused(1, 2, 3).detail().unwrap(),
        "unused fields are fine: 2"
    );
    assert_eq!(
        json(&Formats::Tuple(1, "\\")),
        r#"{"code":1,"message":"m","detail":"[    1] [\"\\\\\"] [0x0001]"}"#
    );
}

/// A struct carries the attribute on itself.
#[derive(Debug, SkmsError)]
#[skms(
    code = 40105,
    status = 400,
    msg = "Required value is missing",
    detail = "missing {field}"
)]
struct MissingValue {
    field: &'static str,
}

#[derive(Debug, SkmsError)]
#[skms(
    code = 50002,
    status = 500,
    msg = "SCI Connection failed",
    detail = "{0}:{1}"
)]
struct SciDown(&'static str, u16);

#[derive(Debug, SkmsError)]
#[skms(code = 40101, status = 401, msg = "Invalid token")]
struct BadToken;

#[derive(Debug, SkmsError)]
#[skms(transparent)]
struct Opaque(KmsError);

#[test]
fn structs_work() {
    assert_eq!(
        json(&MissingValue { field: "keyId" }),
        r#"{"code":40105,"message":"Required value is missing","detail":"missing keyId"}"#
    );
    assert_eq!(SciDown("sci", 8443).detail().unwrap(), "sci:8443");
    assert_eq!(
        json(&BadToken),
        r#"{"code":40101,"message":"Invalid token"}"#
    );
    assert_eq!(BadToken::ENTRIES[0].variant, "BadToken");
    let opaque = Opaque(KmsError::CreateHeader(3));
    assert_eq!(
        (opaque.code(), opaque.detail().unwrap()),
        (40003, "3".into())
    );
    assert!(Opaque::ENTRIES.is_empty());
}

/// Generics: bounds are added for what the generated code uses.
#[derive(Debug, SkmsError)]
enum Generic<'a, T, E, const N: usize>
where
    T: Copy,
{
    #[skms(
        code = 61001,
        status = 400,
        msg = "Bad value",
        detail = "value {value} in {context}"
    )]
    BadValue { value: T, context: &'a str },
    #[skms(code = 61002, status = 400, msg = "Bad bytes", detail = "{0:?}")]
    BadBytes([u8; N]),
    #[skms(transparent)]
    Inner(E),
}

#[test]
fn generics_lifetimes_and_const_generics_work() {
    let error: Generic<'_, u8, StandardError, 2> = Generic::BadValue {
        value: 7,
        context: "ctx",
    };
    assert_eq!(error.detail().unwrap(), "value 7 in ctx");
    let error: Generic<'_, u8, StandardError, 2> = Generic::BadBytes([1, 2]);
    assert_eq!(error.detail().unwrap(), "[1, 2]");
    let error: Generic<'_, u8, KmsError, 0> = Generic::Inner(KmsError::NoSuchVault);
    assert_eq!(error.code(), 60002);
    assert_eq!(error.to_string(), "[60002] No such vault");
    assert!(error.source().is_none());
    let _: &dyn std::error::Error = &error;
}

/// A hand-written SkmsError whose `source()` is set, to see that a
/// transparent variant passes it on.
#[derive(Debug)]
struct Upstream(std::io::Error);

impl SkmsError for Upstream {
    fn code(&self) -> u32 {
        50001
    }
    fn status(&self) -> u16 {
        500
    }
    fn message(&self) -> &str {
        "An unexpected error has occurred in the internal system"
    }
    fn detail(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Owned(self.0.to_string()))
    }
}

impl Catalog for Upstream {
    const ENTRIES: &'static [skms_core::Entry] = &[skms_core::Entry::new(
        50001,
        500,
        "An unexpected error has occurred in the internal system",
        "Upstream",
    )];
}

impl fmt::Display for Upstream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("upstream failed")
    }
}

impl std::error::Error for Upstream {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

#[derive(Debug, SkmsError)]
enum Service {
    #[skms(transparent)]
    Upstream(Upstream),
    #[skms(code = 60003, status = 400, msg = "Own")]
    Own,
}

#[test]
fn source_of_a_transparent_variant_is_its_fields() {
    let error = Service::Upstream(Upstream(std::io::Error::other("disk on fire")));
    let source = error.source().expect("the field's source");
    assert_eq!(source.to_string(), "disk on fire");
    assert_eq!(error.detail().unwrap(), "disk on fire");
    assert_eq!(
        json(&error),
        r#"{"code":50001,"message":"An unexpected error has occurred in the internal system","detail":"disk on fire"}"#
    );
    assert!(Service::Own.source().is_none());
}

/// An enum without variants is allowed, as serde allows it.
#[derive(Debug, SkmsError)]
enum Never {}

#[test]
fn an_empty_enum_derives() {
    fn is_an_skms_error<T: SkmsError + serde::Serialize + std::error::Error + Catalog>() {}
    is_an_skms_error::<Never>();
    assert!(Never::ENTRIES.is_empty());
    assert!(Never::catalog().is_empty());
}

/// A hand-written SkmsError that is not a `std::error::Error`: a transparent
/// variant takes it, and its `source()` is `None`.
#[derive(Debug)]
struct Bare;

impl SkmsError for Bare {
    fn code(&self) -> u32 {
        60009
    }
    fn status(&self) -> u16 {
        500
    }
    fn message(&self) -> &str {
        "Bare"
    }
    fn detail(&self) -> Option<Cow<'_, str>> {
        None
    }
}

impl Catalog for Bare {
    const ENTRIES: &'static [skms_core::Entry] = &[];
}

#[derive(Debug, SkmsError)]
enum WrapsBare {
    #[skms(transparent)]
    Bare(Bare),
}

#[test]
fn a_transparent_field_need_not_be_a_std_error() {
    let error = WrapsBare::Bare(Bare);
    assert!(error.source().is_none());
    assert_eq!(error.to_string(), "[60009] Bare");
}

/// `#[skms(detail)]` on a field makes the field the detail.
#[derive(Debug, SkmsError)]
enum Marked {
    #[skms(code = 40013)]
    KeyNotFound(#[skms(detail)] String),
    #[skms(code = 40003)]
    Header {
        #[skms(detail)]
        code: u32,
    },
}

#[test]
fn a_field_marked_as_the_detail() {
    assert_eq!(
        serde_json::to_string(&Marked::KeyNotFound("keyId : 0000009".into())).unwrap(),
        r#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}"#
    );
    assert_eq!(Marked::Header { code: 4020 }.detail().unwrap(), "4020");
}
