//! Reserved and deprecated codes: `#[skms(reserved(...))]` on the type,
//! `#[skms(deprecated = "...")]` on a variant, as the catalog lists them.

use skms_core::{Catalog, CodeRange, Reserved, SkmsError, StandardError};

#[derive(Debug, SkmsError)]
#[skms(
    range = 60000..=60999,
    reserved(60002, 60010..=60019 = "the old sealing API", 60020..60022)
)]
enum KmsError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(
        code = 60003,
        status = 400,
        msg = "Key disabled",
        deprecated = "use 60004"
    )]
    KeyDisabled,
    #[skms(code = 60004, status = 400, msg = "Key not usable", deprecated)]
    KeyNotUsable,
    #[skms(transparent)]
    Standard(StandardError),
}

#[derive(Debug, SkmsError)]
#[skms(reserved(61000 = "moved to KmsError"))]
enum Gateway {
    #[skms(code = 61001, status = 502, msg = "Upstream failed")]
    Upstream,
    #[skms(transparent)]
    Kms(KmsError),
}

#[test]
fn reserved_codes_are_the_types_and_its_catalogs() {
    assert_eq!(
        KmsError::RESERVED,
        [
            Reserved::code(60002),
            Reserved::new(60010, 60019).with_reason("the old sealing API"),
            Reserved::new(60020, 60021),
        ]
    );
    assert_eq!(KmsError::RANGE, Some(CodeRange::new(60000, 60999)));
    assert_eq!(Gateway::RANGE, None);
    let listing = Gateway::catalog();
    assert_eq!(listing.name(), Some("Gateway"));
    let reserved: Vec<String> = listing
        .reserved()
        .iter()
        .map(|reserved| reserved.codes.to_string())
        .collect();
    assert_eq!(
        reserved,
        ["61000", "60002", "60010..=60019", "60020..=60021"]
    );
    assert_eq!(
        listing.reservation(60015).and_then(|r| r.reason),
        Some("the old sealing API")
    );
    assert!(listing.reservation(60022).is_none());
    assert!(listing.reservation(60001).is_none());
    assert_eq!(
        KmsError::catalog().range(),
        Some(CodeRange::new(60000, 60999))
    );
    // Reserved codes are not entries: nothing decodes into them.
    assert!(Gateway::lookup(60002).is_none());
}

#[test]
fn deprecated_codes_are_still_answered_and_marked() {
    let entry = KmsError::lookup(60003).unwrap();
    assert_eq!(entry.deprecated, Some("use 60004"));
    assert!(entry.is_deprecated());
    assert_eq!(KmsError::lookup(60004).unwrap().deprecated, Some(""));
    assert_eq!(KmsError::lookup(60001).unwrap().deprecated, None);
    assert!(!KmsError::lookup(60001).unwrap().is_deprecated());
    let error = KmsError::KeyDisabled;
    assert_eq!((error.code(), error.status()), (60003, 400));
    assert_eq!(
        skms_core::to_json_vec(&error),
        br#"{"code":60003,"message":"Key disabled"}"#
    );
}

#[test]
fn code_ranges_read_as_written() {
    assert_eq!(CodeRange::new(5, 3), CodeRange::new(3, 5));
    assert!(CodeRange::new(3, 5).contains(3) && CodeRange::new(3, 5).contains(5));
    assert!(!CodeRange::new(3, 5).contains(6) && !CodeRange::new(3, 5).contains(2));
    assert!(CodeRange::new(3, 5).overlaps(&CodeRange::code(5)));
    assert!(CodeRange::code(3).overlaps(&CodeRange::new(1, 3)));
    assert!(!CodeRange::new(3, 5).overlaps(&CodeRange::code(6)));
    assert!(!CodeRange::new(3, 5).overlaps(&CodeRange::code(2)));
    assert_eq!(CodeRange::code(40010).to_string(), "40010");
    assert_eq!(CodeRange::new(40106, 40109).to_string(), "40106..=40109");
    assert!(Reserved::code(7).contains(7) && !Reserved::code(7).contains(8));
}

#[test]
fn a_reserved_code_is_never_decoded_into_a_variant() {
    let body = br#"{"code":60012,"message":"Seal key missing","detail":"k1"}"#;
    let decoded = skms_core::Decoded::<Gateway>::from_slice(body).unwrap();
    assert!(decoded.error().is_none());
    // Kept, not dropped: the client still sees what it received.
    assert_eq!(decoded.code(), 60012);
    assert_eq!(decoded.message(), "Seal key missing");
    // A deprecated code still decodes into its variant.
    let body = br#"{"code":60003,"message":"Key disabled"}"#;
    let decoded = skms_core::Decoded::<Gateway>::from_slice(body).unwrap();
    assert!(matches!(
        decoded.error(),
        Some(Gateway::Kms(KmsError::KeyDisabled))
    ));
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant comes back as itself (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    use round_trip::round_trips_debug;

    let mut values = vec![
        KmsError::Sealed,
        KmsError::KeyDisabled,
        KmsError::KeyNotUsable,
    ];
    values.extend(StandardError::ALL.map(KmsError::Standard));
    round_trips_debug(&values);
    round_trips_debug(&[Gateway::Upstream, Gateway::Kms(KmsError::KeyNotUsable)]);
}
