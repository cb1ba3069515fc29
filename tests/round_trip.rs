//! Every variant comes back typed: a value serialized and decoded through
//! its type is the same value, for every variant that its entry says is
//! rebuilt (`Entry::rebuilt`); and the detail reader never accepts a detail
//! as a value that formats differently, whatever the detail (issue 21).

use std::fmt;
use std::str::FromStr;

use skms_core::test::assert_round_trip;
use skms_core::{Catalog, ErrorBody, FromBody, Rebuilt, SkmsError, StandardError};

/// A type with `Display` and no `FromStr`: its variant still compiles,
/// and is never rebuilt.
#[derive(Debug, Clone, PartialEq)]
struct Opaque(u8);

impl fmt::Display for Opaque {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "opaque-{}", self.0)
    }
}

/// A type whose `Display` does not write back what `FromStr` reads: `007`
/// parses, and writes `7`.
#[derive(Debug, Clone, PartialEq)]
struct Lenient(u32);

impl fmt::Display for Lenient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Lenient {
    type Err = std::num::ParseIntError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim().parse().map(Lenient)
    }
}

/// The shapes of detail that a service writes. (The variants that are not
/// rebuilt are built by no test, only refused by the decoder.)
#[allow(dead_code)]
#[derive(Debug, Clone, PartialEq, SkmsError)]
enum VaultError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(
        code = 60002,
        status = 400,
        msg = "Token expired",
        detail = "token expired"
    )]
    TokenExpired,
    #[skms(
        code = 60003,
        status = 404,
        msg = "Key not found",
        detail = "keyId : {key_id}"
    )]
    KeyNotFound { key_id: String },
    #[skms(
        code = 60004,
        status = 404,
        msg = "Key version not found",
        detail = "{0} v{1}"
    )]
    VersionNotFound(String, u32),
    #[skms(code = 60005, status = 400, msg = "Range", detail = "[{low}..{high}]")]
    Range { low: i64, high: u64 },
    #[skms(
        code = 60006,
        status = 400,
        msg = "Twice",
        detail = "{id} ({id}) at {at}"
    )]
    Twice { id: u32, at: String },
    #[skms(code = 60007, status = 400, msg = "Bad id")]
    BadId(#[skms(detail)] String),
    #[skms(code = 60008, status = 400, msg = "Pair", detail = "{a}-{b}")]
    Pair { a: String, b: String },
    #[skms(code = 60009, status = 400, msg = "Numbers", detail = "{a}{b}")]
    Numbers { a: u32, b: String },
    #[skms(code = 60010, status = 400, msg = "Framed", detail = "x{a}y")]
    Framed { a: String },
    #[skms(code = 60011, status = 400, msg = "Flag", detail = "{0} {1} {2}")]
    Flags(bool, char, f64),
    #[skms(transparent)]
    Standard(StandardError),
    // Not rebuilt: a spec, a field left out, a type without `FromStr`.
    #[skms(code = 60020, status = 400, msg = "Debug", detail = "{0:?}")]
    Debugged(String),
    #[skms(code = 60021, status = 400, msg = "Width", detail = "{0:>5}")]
    Padded(u32),
    #[skms(code = 60022, status = 400, msg = "Left out", detail = "{a}")]
    LeftOut { a: String, b: u32 },
    #[skms(code = 60023, status = 400, msg = "Opaque", detail = "{0}")]
    Opaque(Opaque),
    #[skms(code = 60024, status = 400, msg = "No detail")]
    NoDetail(u32),
    #[skms(code = 60025, status = 400, msg = "Lenient", detail = "n={0}")]
    Lenient(Lenient),
    // Reused standard codes, one with a gRPC code of its own: the marks
    // kept apart.
    #[skms(code = 40003, grpc = "already_exists", detail = "header {0}")]
    ReusedRead(u32),
    #[skms(code = 40105)]
    ReusedNever(u32),
    #[skms(code = 40104, grpc = "unavailable")]
    ReusedAlways,
}

/// A struct, read back as a whole.
#[derive(Debug, Clone, PartialEq, SkmsError)]
#[skms(
    code = 61001,
    status = 409,
    msg = "Key exists",
    detail = "{name}@{version}"
)]
struct KeyExists {
    name: String,
    version: u16,
}

/// Eight fields, the most that the reader reads into; nine, not read.
#[allow(dead_code)]
#[derive(Debug, Clone, PartialEq, SkmsError)]
enum Wide {
    #[skms(
        code = 62001,
        status = 400,
        msg = "Eight",
        detail = "{0},{1},{2},{3},{4},{5},{6},{7}"
    )]
    Eight(u8, u8, u8, u8, u8, u8, u8, u8),
    #[skms(
        code = 62002,
        status = 400,
        msg = "Nine",
        detail = "{0},{1},{2},{3},{4},{5},{6},{7},{8}"
    )]
    Nine(u8, u8, u8, u8, u8, u8, u8, u8, u8),
}

/// Generic over its field: a type parameter has no `FromStr` that the
/// derive can see, so it is not read (and the impl compiles for any `T`).
#[derive(Debug, Clone, PartialEq, SkmsError)]
enum Generic<T: fmt::Display + fmt::Debug> {
    #[skms(code = 63001, status = 400, msg = "Generic", detail = "v={0}")]
    Value(T),
    #[skms(code = 63002, status = 400, msg = "Fixed", detail = "n={0}")]
    Fixed(u32),
}

fn body(code: u32, detail: Option<&str>) -> ErrorBody<'static> {
    ErrorBody {
        code,
        message: "m".into(),
        detail: detail.map(|detail| detail.to_owned().into()),
    }
}

fn decode<E: FromBody>(code: u32, detail: &str) -> Option<E> {
    E::from_body(&body(code, Some(detail)))
}

#[test]
fn formatted_details_come_back_typed() {
    for value in [
        VaultError::Sealed,
        VaultError::TokenExpired,
        VaultError::KeyNotFound {
            key_id: "0000009".into(),
        },
        VaultError::VersionNotFound("k 9".into(), 2),
        VaultError::Range {
            low: -5,
            high: u64::MAX,
        },
        VaultError::Twice {
            id: 7,
            at: "()".into(),
        },
        VaultError::BadId("k-9".into()),
        VaultError::Framed { a: "xyxy".into() },
        VaultError::Flags(true, ' ', -1.5),
        VaultError::Standard(StandardError::KeyNotFound),
        VaultError::ReusedRead(4020),
        VaultError::ReusedAlways,
    ] {
        assert_round_trip(&value);
    }
    assert_round_trip(&KeyExists {
        name: "a@b".into(),
        version: 3,
    });
    assert_round_trip(&Wide::Eight(1, 2, 3, 4, 5, 6, 7, 8));
    assert_round_trip(&Generic::<String>::Fixed(4));
}

#[test]
fn a_detail_is_read_as_written() {
    assert_eq!(
        decode::<VaultError>(60003, "keyId : 0000009"),
        Some(VaultError::KeyNotFound {
            key_id: "0000009".into()
        })
    );
    // The texts must be there, around fields that read back.
    assert_eq!(decode::<VaultError>(60003, "keyId: 0000009"), None);
    assert_eq!(decode::<VaultError>(60004, "k v"), None);
    assert_eq!(decode::<VaultError>(60004, "k v02"), None);
    assert_eq!(decode::<VaultError>(60004, "k v+2"), None);
    assert_eq!(
        decode::<VaultError>(60004, "a v b v3"),
        Some(VaultError::VersionNotFound("a v b".into(), 3))
    );
    assert_eq!(decode::<VaultError>(60005, "[1..-1]"), None);
    // Without a detail, nothing to read.
    assert_eq!(VaultError::from_body(&body(60003, None)), None);
    // A field named twice: the same text both times.
    assert_eq!(
        decode::<VaultError>(60006, "7 (7) at x"),
        Some(VaultError::Twice {
            id: 7,
            at: "x".into()
        })
    );
    assert_eq!(decode::<VaultError>(60006, "7 (8) at x"), None);
    assert_eq!(decode::<VaultError>(60006, "7 (07) at x"), None);
    assert_eq!(
        decode::<VaultError>(60006, "7 (7) at "),
        Some(VaultError::Twice {
            id: 7,
            at: String::new()
        })
    );
    // Ambiguous: the first split that reads back, never a value that
    // formats differently.
    let pair = decode::<VaultError>(60008, "a-b-c").unwrap();
    assert_eq!(
        pair,
        VaultError::Pair {
            a: "a".into(),
            b: "b-c".into()
        }
    );
    let numbers = decode::<VaultError>(60009, "123abc").unwrap();
    assert_eq!(
        numbers,
        VaultError::Numbers {
            a: 1,
            b: "23abc".into()
        }
    );
    // No split reads back: the first field must be a u32.
    assert_eq!(decode::<VaultError>(60009, "abc"), None);
    assert_eq!(
        decode::<VaultError>(60010, "xy"),
        Some(VaultError::Framed { a: String::new() })
    );
    assert_eq!(decode::<VaultError>(60010, "x"), None);
    assert_eq!(decode::<VaultError>(60010, "y"), None);
    assert_eq!(
        decode::<KeyExists>(61001, "a@b@7"),
        Some(KeyExists {
            name: "a@b".into(),
            version: 7
        })
    );
    assert_eq!(
        decode::<Wide>(62001, "1,2,3,4,5,6,7,8"),
        Some(Wide::Eight(1, 2, 3, 4, 5, 6, 7, 8))
    );
    assert_eq!(decode::<Wide>(62001, "1,2,3,4,5,6,7,256"), None);
}

#[test]
fn what_cannot_be_read_back_is_not_rebuilt() {
    assert_eq!(decode::<VaultError>(60020, "\"a\""), None);
    assert_eq!(decode::<VaultError>(60021, "    5"), None);
    assert_eq!(decode::<VaultError>(60022, "a"), None);
    assert_eq!(decode::<VaultError>(60023, "opaque-1"), None);
    assert_eq!(decode::<VaultError>(60024, "1"), None);
    assert_eq!(VaultError::from_body(&body(60024, None)), None);
    // `FromStr` reads ` 7`, `Display` writes `7`: not the detail received.
    assert_eq!(decode::<VaultError>(60025, "n= 7"), None);
    assert_eq!(
        decode::<VaultError>(60025, "n=7"),
        Some(VaultError::Lenient(Lenient(7)))
    );
    assert_eq!(decode::<Wide>(62002, "1,2,3,4,5,6,7,8,9"), None);
    // A field whose type is a parameter is never read back, and the catalog
    // says so.
    assert_eq!(decode::<Generic<String>>(63001, "v=a"), None);
    let value = Generic::<String>::Value("a".into());
    assert_eq!(value.detail().as_deref(), Some("v=a"));
    assert_eq!(
        Generic::<String>::lookup(63001).unwrap().rebuilt(),
        Some(Rebuilt::Never)
    );
    assert_eq!(
        decode::<Generic<String>>(63002, "n=1"),
        Some(Generic::Fixed(1))
    );
}

/// `#[skms(detail)]` keeps reading the whole detail with `FromStr` alone,
/// as before the detail reader.
#[test]
fn a_marked_field_parses_the_whole_detail() {
    #[derive(Debug, PartialEq, SkmsError)]
    enum Marked {
        #[skms(code = 64001, status = 400, msg = "Count")]
        Count(#[skms(detail)] Lenient),
    }
    assert_eq!(
        decode::<Marked>(64001, " 7"),
        Some(Marked::Count(Lenient(7)))
    );
    assert_eq!(
        Marked::lookup(64001).unwrap().rebuilt(),
        Some(Rebuilt::FromDetail)
    );
}

/// What the catalog says of each entry agrees with what comes back.
#[test]
fn the_catalog_says_which_entries_are_rebuilt() {
    let rebuilt = |code| VaultError::lookup(code).unwrap().rebuilt().unwrap();
    for code in [60001, 60002, 40013] {
        assert_eq!(rebuilt(code), Rebuilt::Always, "{code}");
    }
    for code in [
        60003, 60004, 60005, 60006, 60007, 60008, 60009, 60010, 60011,
    ] {
        assert_eq!(rebuilt(code), Rebuilt::FromDetail, "{code}");
    }
    // Rebuilt from the detail as far as the derive sees: the field type
    // `Opaque` has no `FromStr`, which only type checking knows.
    assert_eq!(rebuilt(60023), Rebuilt::FromDetail);
    for code in [60020, 60021, 60022, 60024] {
        assert_eq!(rebuilt(code), Rebuilt::Never, "{code}");
    }
    assert_eq!(rebuilt(40003), Rebuilt::FromDetail);
    assert_eq!(rebuilt(40105), Rebuilt::Never);
    assert_eq!(rebuilt(40104), Rebuilt::Always);
    assert!(VaultError::lookup(40003).unwrap().reuses_standard());
    #[cfg(feature = "tonic")]
    {
        let grpc = |code| VaultError::lookup(code).unwrap().grpc_code();
        assert_eq!(grpc(40003), tonic::Code::AlreadyExists);
        assert_eq!(grpc(40104), tonic::Code::Unavailable);
        assert_eq!(grpc(40105), tonic::Code::InvalidArgument);
    }
    assert_eq!(
        KeyExists::lookup(61001).unwrap().rebuilt(),
        Some(Rebuilt::FromDetail)
    );
    assert_eq!(Wide::lookup(62002).unwrap().rebuilt(), Some(Rebuilt::Never));
    assert_eq!(
        StandardError::lookup(40013).unwrap().rebuilt(),
        Some(Rebuilt::Always)
    );
    let never: Vec<u32> = VaultError::catalog()
        .not_rebuilt()
        .map(|listed| listed.entry.code)
        .collect();
    assert_eq!(never, [60020, 60021, 60022, 60024, 40105]);
    // An entry written by hand: not known.
    assert_eq!(skms_core::Entry::new(1, 400, "m", "V").rebuilt(), None);
}

/// The helper names the step that differed.
#[test]
fn assert_round_trip_says_what_differed() {
    let message = |value: VaultError| {
        let panic = std::panic::catch_unwind(|| assert_round_trip(&value)).unwrap_err();
        panic.downcast_ref::<String>().cloned().unwrap_or_default()
    };
    let not_rebuilt = message(VaultError::Debugged("a".into()));
    assert!(
        not_rebuilt.contains("does not come back as a `round_trip::VaultError`"),
        "{not_rebuilt}"
    );
    // A standard code that an own variant answers comes back as that.
    let shadowed = message(VaultError::Standard(StandardError::DomainNotFound));
    assert!(
        shadowed.contains("came back as ReusedAlways, another value that serializes the same"),
        "{shadowed}"
    );
    let ambiguous = message(VaultError::Pair {
        a: "a-b".into(),
        b: "c".into(),
    });
    assert!(
        ambiguous.contains(
            "came back as Pair { a: \"a\", b: \"b-c\" }, another value that serializes the same"
        ),
        "{ambiguous}"
    );
}

/// A detail built to make the reader try every split: each of the first
/// fields reads at every `-`, and the last never does. The budget stops
/// it, in linear time, with no value.
#[test]
fn pathological_details_are_refused_within_the_budget() {
    #[derive(Debug, PartialEq, SkmsError)]
    enum Deep {
        #[skms(code = 65001, status = 400, msg = "Deep", detail = "{a}-{b}-{c}-{d}")]
        Deep {
            a: String,
            b: String,
            c: String,
            d: u8,
        },
        #[skms(code = 65002, status = 400, msg = "Adjacent", detail = "{a}{b}{c}{d}x")]
        Adjacent {
            a: String,
            b: String,
            c: String,
            d: u8,
        },
    }
    let detail = "-".repeat(200_000);
    let started = std::time::Instant::now();
    assert_eq!(decode::<Deep>(65001, &detail), None);
    let adjacent = "1".repeat(100_000);
    assert_eq!(decode::<Deep>(65002, &adjacent), None);
    // Generous, for a loaded machine: what an unbounded search would take
    // is hours (O(n^3) splits).
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    // A reasonable detail still reads, after a few tries.
    assert_eq!(
        decode::<Deep>(65001, "a-b-c-d-7"),
        Some(Deep::Deep {
            a: "a".into(),
            b: "b".into(),
            c: "c-d".into(),
            d: 7
        })
    );
}

/// The properties (feature `proptest`, which the README's test command turns on).
#[cfg(feature = "proptest")]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn config() -> ProptestConfig {
        ProptestConfig {
            cases: 256,
            ..ProptestConfig::default()
        }
    }

    /// Text with the separators of the formats above, braces, escapes and
    /// Unicode, often empty.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            3 => prop::sample::select(vec![
                "-", " v", "v", " ", "(", ")", "..", "[", "]", "@", ",", "{", "}", "{}", "x", "y",
                "keyId : ", " at ", "\"", "\\", "\n", "\u{0}", "é", "日本", "🦀", "\u{202e}",
            ])
            .prop_map(str::to_owned),
            2 => any::<String>(),
            1 => (0u32..1000).prop_map(|n| n.to_string()),
        ];
        prop::collection::vec(piece, 0..5).prop_map(|pieces| pieces.concat())
    }

    fn vault_error() -> impl Strategy<Value = VaultError> {
        prop_oneof![
            Just(VaultError::Sealed),
            Just(VaultError::TokenExpired),
            text().prop_map(|key_id| VaultError::KeyNotFound { key_id }),
            (text(), any::<u32>())
                .prop_map(|(key, version)| VaultError::VersionNotFound(key, version)),
            (any::<i64>(), any::<u64>()).prop_map(|(low, high)| VaultError::Range { low, high }),
            (any::<u32>(), text()).prop_map(|(id, at)| VaultError::Twice { id, at }),
            text().prop_map(VaultError::BadId),
            (text(), text()).prop_map(|(a, b)| VaultError::Pair { a, b }),
            (any::<u32>(), text()).prop_map(|(a, b)| VaultError::Numbers { a, b }),
            text().prop_map(|a| VaultError::Framed { a }),
            (any::<bool>(), any::<char>(), any::<f64>())
                .prop_map(|(flag, c, x)| VaultError::Flags(flag, c, x)),
            // The standard codes that the enum answers with variants of its
            // own come back as those: left out.
            (0u16..=255)
                .prop_filter("own codes", |code| ![3, 104, 105].contains(code))
                .prop_map(|code| VaultError::Standard(
                    StandardError::from_code(40000 + u32::from(code))
                        .unwrap_or(StandardError::KeyNotFound)
                )),
            any::<u32>().prop_map(VaultError::ReusedRead),
            Just(VaultError::ReusedAlways),
        ]
    }

    /// Whether the variant's detail can be split two ways: two fields side by
    /// side, or a value that holds the text between its fields.
    fn ambiguous(value: &VaultError) -> bool {
        match value {
            VaultError::VersionNotFound(key, _) => key.contains(" v"),
            VaultError::Pair { a, .. } => a.contains('-'),
            VaultError::Numbers { .. } => true,
            VaultError::Flags(_, _, x) => x.is_nan(),
            _ => false,
        }
    }

    proptest! {
        #![proptest_config(config())]

        /// Every value of a rebuilt variant comes back as itself; where its
        /// detail is ambiguous, as a value that serializes the same.
        #[test]
        fn every_value_round_trips(value in vault_error()) {
            let rebuilt = VaultError::lookup(value.code()).unwrap().rebuilt();
            prop_assert_ne!(rebuilt, Some(Rebuilt::Never));
            if ambiguous(&value) {
                let json = skms_core::to_json_vec(&value);
                let body = ErrorBody::from_slice(&json).unwrap();
                let decoded = VaultError::from_body(&body);
                prop_assert!(decoded.is_some(), "{value:?}");
                prop_assert_eq!(skms_core::to_json_vec(&decoded.unwrap()), json);
            } else {
                assert_round_trip(&value);
            }
        }

        #[test]
        fn every_struct_round_trips(name in text(), version in any::<u16>()) {
            let value = KeyExists { name, version };
            let json = skms_core::to_json_vec(&value);
            let decoded = KeyExists::from_body(&ErrorBody::from_slice(&json).unwrap()).unwrap();
            // `{name}@{version}`: a name with `@` and digits after it splits
            // another way.
            prop_assert_eq!(skms_core::to_json_vec(&decoded), json);
            if !value.name.contains('@') {
                prop_assert_eq!(decoded, value);
            }
        }

        /// Whatever the detail, a value read from it formats to exactly that
        /// detail: the reader never accepts one that formats differently.
        #[test]
        fn no_detail_reads_as_a_value_that_formats_differently(
            code in prop::sample::select(vec![60003u32, 60004, 60005, 60006, 60008, 60009, 60010, 60011, 60025]),
            detail in text(),
        ) {
            if let Some(value) = decode::<VaultError>(code, &detail) {
                prop_assert_eq!(value.detail().map(std::borrow::Cow::into_owned), Some(detail.clone()));
            }
        }

        /// The same, with details made of the formats' own texts and digits,
        /// which read far more often than arbitrary text.
        #[test]
        fn details_near_the_formats_read_back_exactly(
            code in prop::sample::select(vec![60004u32, 60005, 60006, 60008, 60009, 60010, 61001]),
            pieces in prop::collection::vec(
                prop::sample::select(vec!["-", "1", "0", "07", "-3", " v", "v", "[", "]", "..", " (", ")", " at ", "x", "y", "@", "+", "a", "é"]),
                0..10,
            ),
        ) {
            let detail = pieces.concat();
            if code == 61001 {
                if let Some(value) = decode::<KeyExists>(code, &detail) {
                    prop_assert_eq!(value.detail().map(std::borrow::Cow::into_owned), Some(detail.clone()));
                }
            } else if let Some(value) = decode::<VaultError>(code, &detail) {
                prop_assert_eq!(value.detail().map(std::borrow::Cow::into_owned), Some(detail.clone()));
            }
        }
    }
}
