//! Decoding SKMS bodies on the client side, and finding a code in a
//! catalog.
//!
//! - `decode/*`: a body into `ErrorBody` with `ErrorBody::from_slice` (its
//!   strings borrowed from the input), against what a client writes by
//!   hand (a `#[derive(Deserialize)]` struct through `serde_json::from_slice`),
//!   and against a `serde_json::Value`, the untyped alternative; also the
//!   `Deserialize` impl of `ErrorBody`, and the precise path alone;
//! - `from_code/*`: `StandardError::from_code` and `Catalog::lookup` over
//!   every code of the catalog and a few unknown ones, against a
//!   hand-written `match`; the same for a composed catalog of a few hundred
//!   codes.
//!
//! Run with `cargo bench --features bench --bench decode`. With
//! `SKMS_COUNT=group/way/N` set, it runs one way N times instead, for
//! `scripts/instructions.sh decode` to count instructions; with
//! `SKMS_ROUNDS=N`, it times every way in N rounds interleaved and prints the
//! fastest and the median of each, for ratios that a noisy machine moves
//! less.

use std::borrow::Cow;
use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, Criterion};
use serde::Deserialize;
use skms_core::{Catalog, ErrorBody, FromBody, SkmsError, StandardError};

const WITH_DETAIL: &str =
    r#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}"#;
const WITHOUT_DETAIL: &str = r#"{"code":40101,"message":"Invalid token"}"#;
/// The reference's 50001 body, laid out as the reference writes it: a long
/// detail with escaped quotes (so it cannot be borrowed); plus a field the
/// reference does not define.
const ESCAPED_UNKNOWN_FIELD: &str = r#"{
"code": 50001,
"message": "An unexpected error has occurred in the internal system",
"detail": "I/O error on GET request for \"https://devkms.softcamp.co.kr:8080/drm/7FDKQsEK-QVGKyXA2-fx1LxIzy-SNIre0s9/key/0000003\": Connect to devkms.softcamp.co.kr:8080 [devkms.softcamp.co.kr/10.14.10.171] failed: Connection timed out: connect; nested exception is org.apache.http.conn.HttpHostConnectException: Connect to devkms.softcamp.co.kr:8080 [devkms.softcamp.co.kr/10.14.10.171] failed: Connection timed out: connect",
"traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
}"#;

const BODIES: [(&str, &str); 3] = [
    ("detail", WITH_DETAIL),
    ("no_detail", WITHOUT_DETAIL),
    ("escaped_unknown_field", ESCAPED_UNKNOWN_FIELD),
];

/// A way of doing something, by its name.
type Way<F> = (&'static str, F);

/// Decodes a body.
type Decode = fn(&[u8]);
/// Finds each of the codes.
type Find = fn(&[u32]);
/// Finds each of the codes, or rebuilds each of the bodies.
type FindComposed = fn(&[u32], &[ErrorBody<'static>]);

/// A way of a group, as one operation: `(group, way, operation)`.
type Operation = (String, &'static str, Box<dyn Fn()>);

/// What a client writes without skms.
#[derive(Deserialize)]
struct Body<'a> {
    code: u32,
    #[serde(borrow)]
    message: Cow<'a, str>,
    #[serde(borrow, default)]
    detail: Option<Cow<'a, str>>,
}

/// The ways of decoding, by name.
const DECODERS: [Way<Decode>; 5] = [
    ("ErrorBody::from_slice", |input| {
        black_box(ErrorBody::from_slice(input).unwrap());
    }),
    ("hand/derive_struct", |input| {
        black_box(serde_json::from_slice::<Body<'_>>(input).unwrap());
    }),
    ("serde_json::Value", |input| {
        black_box(serde_json::from_slice::<serde_json::Value>(input).unwrap());
    }),
    ("ErrorBody/Deserialize", |input| {
        black_box(serde_json::from_slice::<ErrorBody<'_>>(input).unwrap());
    }),
    ("precise_path", |input| {
        black_box(skms_core::__private::decode_precise(input).unwrap());
    }),
];

fn decode(c: &mut Criterion) {
    for (name, text) in BODIES {
        let input = text.as_bytes();
        // Every way decodes the same body.
        let body = ErrorBody::from_slice(input).unwrap();
        let hand: Body<'_> = serde_json::from_slice(input).unwrap();
        let value: serde_json::Value = serde_json::from_slice(input).unwrap();
        assert_eq!(
            (hand.code, &hand.message, &hand.detail),
            (body.code, &body.message, &body.detail)
        );
        assert_eq!(value["code"], body.code);
        assert_eq!(value["message"], *body.message);
        assert_eq!(
            value.get("detail").and_then(|d| d.as_str()),
            body.detail.as_deref()
        );
        assert_eq!(
            serde_json::from_slice::<ErrorBody<'_>>(input).unwrap(),
            body
        );
        assert_eq!(skms_core::__private::decode_precise(input).unwrap(), body);
        // The plain bodies go the fast way.
        assert_eq!(skms_core::__private::decode_fast_path(input), Some(body));

        let mut group = c.benchmark_group(format!("decode/{name}"));
        for (way, decode) in DECODERS {
            group.bench_function(way, |b| b.iter(|| decode(black_box(input))));
        }
        group.finish();
    }
}

/// The match a service writes without skms.
fn from_code_by_hand(code: u32) -> Option<StandardError> {
    use StandardError as E;
    Some(match code {
        40003 => E::FailedCreateHeader,
        40004 => E::FailedExtractHeader,
        40005 => E::BatchSchedulerFailed,
        40006 => E::OAuthConnectionFailed,
        40007 => E::IntegratedLogServiceFailed,
        40008 => E::KeyVaultServiceFailed,
        40009 => E::ServiceLinkerKeyManagerNotUsed,
        40011 => E::AzureInfoUnavailable,
        40012 => E::RelayClientAccessTokenFailed,
        40013 => E::KeyNotFound,
        40101 => E::InvalidToken,
        40102 => E::CompanyIdNotFound,
        40103 => E::DuplicateDomain,
        40104 => E::DomainNotFound,
        40105 => E::RequiredValueMissing,
        40107 => E::LicenseNotFound,
        40108 => E::LicenseUnavailable,
        40110 => E::HeaderKeyEmpty,
        40111 => E::EncryptionKeyEmpty,
        40112 => E::SciServerIdNotFound,
        40301 => E::PermissionDenied,
        50001 => E::InternalError,
        50002 => E::SciConnectionFailed,
        50003 => E::ServiceLinkerNameNotExist,
        50004 => E::ServiceLinkerUnused,
        50005 => E::SciServiceLinkerRegistrationFailed,
        _ => return None,
    })
}

/// Every code of the standard catalog, and codes it does not define.
fn standard_codes() -> Vec<u32> {
    StandardError::ENTRIES
        .iter()
        .map(|entry| entry.code)
        .chain([0, 40010, 40106, 40302, 99_999, u32::MAX])
        .collect()
}

/// The ways of finding a code in the standard catalog, each over all of
/// `codes`.
const FINDERS: [Way<Find>; 3] = [
    ("StandardError::from_code", |codes| {
        for &code in codes {
            black_box(StandardError::from_code(code));
        }
    }),
    ("Catalog::lookup", |codes| {
        for &code in codes {
            black_box(StandardError::lookup(code));
        }
    }),
    ("hand/match", |codes| {
        for &code in codes {
            black_box(from_code_by_hand(code));
        }
    }),
];

fn from_code(c: &mut Criterion) {
    let codes = standard_codes();
    for &code in &codes {
        let found = StandardError::from_code(code);
        assert_eq!(found, from_code_by_hand(code));
        assert_eq!(
            found.map(StandardError::entry),
            StandardError::lookup(code),
            "{code}"
        );
    }

    let mut group = c.benchmark_group("from_code/32_codes");
    for (way, find) in FINDERS {
        group.bench_function(way, |b| b.iter(|| find(black_box(&codes))));
    }
    group.finish();
}

/// A composed catalog of 326 codes: 300 of a service's own, in three
/// blocks of 100, and the standard catalog through a transparent variant;
/// and the `match` a service writes for it by hand, which hands the codes
/// it does not know to the hand-written match of the standard catalog.
macro_rules! composed {
    ($($variant:ident = $code:tt,)*) => {
        #[derive(Debug, PartialEq, SkmsError)]
        enum Composed {
            $(
                #[skms(code = $code, status = 400, msg = "A service's own error")]
                $variant,
            )*
            #[skms(transparent)]
            Standard(StandardError),
        }

        fn composed_by_hand(code: u32) -> Option<Composed> {
            Some(match code {
                $($code => Composed::$variant,)*
                _ => return from_code_by_hand(code).map(Composed::Standard),
            })
        }
    };
}

composed! {
    C60001 = 60001, C60002 = 60002, C60003 = 60003, C60004 = 60004, C60005 = 60005, C60006 = 60006,
    C60007 = 60007, C60008 = 60008, C60009 = 60009, C60010 = 60010, C60011 = 60011, C60012 = 60012,
    C60013 = 60013, C60014 = 60014, C60015 = 60015, C60016 = 60016, C60017 = 60017, C60018 = 60018,
    C60019 = 60019, C60020 = 60020, C60021 = 60021, C60022 = 60022, C60023 = 60023, C60024 = 60024,
    C60025 = 60025, C60026 = 60026, C60027 = 60027, C60028 = 60028, C60029 = 60029, C60030 = 60030,
    C60031 = 60031, C60032 = 60032, C60033 = 60033, C60034 = 60034, C60035 = 60035, C60036 = 60036,
    C60037 = 60037, C60038 = 60038, C60039 = 60039, C60040 = 60040, C60041 = 60041, C60042 = 60042,
    C60043 = 60043, C60044 = 60044, C60045 = 60045, C60046 = 60046, C60047 = 60047, C60048 = 60048,
    C60049 = 60049, C60050 = 60050, C60051 = 60051, C60052 = 60052, C60053 = 60053, C60054 = 60054,
    C60055 = 60055, C60056 = 60056, C60057 = 60057, C60058 = 60058, C60059 = 60059, C60060 = 60060,
    C60061 = 60061, C60062 = 60062, C60063 = 60063, C60064 = 60064, C60065 = 60065, C60066 = 60066,
    C60067 = 60067, C60068 = 60068, C60069 = 60069, C60070 = 60070, C60071 = 60071, C60072 = 60072,
    C60073 = 60073, C60074 = 60074, C60075 = 60075, C60076 = 60076, C60077 = 60077, C60078 = 60078,
    C60079 = 60079, C60080 = 60080, C60081 = 60081, C60082 = 60082, C60083 = 60083, C60084 = 60084,
    C60085 = 60085, C60086 = 60086, C60087 = 60087, C60088 = 60088, C60089 = 60089, C60090 = 60090,
    C60091 = 60091, C60092 = 60092, C60093 = 60093, C60094 = 60094, C60095 = 60095, C60096 = 60096,
    C60097 = 60097, C60098 = 60098, C60099 = 60099, C60100 = 60100, C61001 = 61001, C61002 = 61002,
    C61003 = 61003, C61004 = 61004, C61005 = 61005, C61006 = 61006, C61007 = 61007, C61008 = 61008,
    C61009 = 61009, C61010 = 61010, C61011 = 61011, C61012 = 61012, C61013 = 61013, C61014 = 61014,
    C61015 = 61015, C61016 = 61016, C61017 = 61017, C61018 = 61018, C61019 = 61019, C61020 = 61020,
    C61021 = 61021, C61022 = 61022, C61023 = 61023, C61024 = 61024, C61025 = 61025, C61026 = 61026,
    C61027 = 61027, C61028 = 61028, C61029 = 61029, C61030 = 61030, C61031 = 61031, C61032 = 61032,
    C61033 = 61033, C61034 = 61034, C61035 = 61035, C61036 = 61036, C61037 = 61037, C61038 = 61038,
    C61039 = 61039, C61040 = 61040, C61041 = 61041, C61042 = 61042, C61043 = 61043, C61044 = 61044,
    C61045 = 61045, C61046 = 61046, C61047 = 61047, C61048 = 61048, C61049 = 61049, C61050 = 61050,
    C61051 = 61051, C61052 = 61052, C61053 = 61053, C61054 = 61054, C61055 = 61055, C61056 = 61056,
    C61057 = 61057, C61058 = 61058, C61059 = 61059, C61060 = 61060, C61061 = 61061, C61062 = 61062,
    C61063 = 61063, C61064 = 61064, C61065 = 61065, C61066 = 61066, C61067 = 61067, C61068 = 61068,
    C61069 = 61069, C61070 = 61070, C61071 = 61071, C61072 = 61072, C61073 = 61073, C61074 = 61074,
    C61075 = 61075, C61076 = 61076, C61077 = 61077, C61078 = 61078, C61079 = 61079, C61080 = 61080,
    C61081 = 61081, C61082 = 61082, C61083 = 61083, C61084 = 61084, C61085 = 61085, C61086 = 61086,
    C61087 = 61087, C61088 = 61088, C61089 = 61089, C61090 = 61090, C61091 = 61091, C61092 = 61092,
    C61093 = 61093, C61094 = 61094, C61095 = 61095, C61096 = 61096, C61097 = 61097, C61098 = 61098,
    C61099 = 61099, C61100 = 61100, C62001 = 62001, C62002 = 62002, C62003 = 62003, C62004 = 62004,
    C62005 = 62005, C62006 = 62006, C62007 = 62007, C62008 = 62008, C62009 = 62009, C62010 = 62010,
    C62011 = 62011, C62012 = 62012, C62013 = 62013, C62014 = 62014, C62015 = 62015, C62016 = 62016,
    C62017 = 62017, C62018 = 62018, C62019 = 62019, C62020 = 62020, C62021 = 62021, C62022 = 62022,
    C62023 = 62023, C62024 = 62024, C62025 = 62025, C62026 = 62026, C62027 = 62027, C62028 = 62028,
    C62029 = 62029, C62030 = 62030, C62031 = 62031, C62032 = 62032, C62033 = 62033, C62034 = 62034,
    C62035 = 62035, C62036 = 62036, C62037 = 62037, C62038 = 62038, C62039 = 62039, C62040 = 62040,
    C62041 = 62041, C62042 = 62042, C62043 = 62043, C62044 = 62044, C62045 = 62045, C62046 = 62046,
    C62047 = 62047, C62048 = 62048, C62049 = 62049, C62050 = 62050, C62051 = 62051, C62052 = 62052,
    C62053 = 62053, C62054 = 62054, C62055 = 62055, C62056 = 62056, C62057 = 62057, C62058 = 62058,
    C62059 = 62059, C62060 = 62060, C62061 = 62061, C62062 = 62062, C62063 = 62063, C62064 = 62064,
    C62065 = 62065, C62066 = 62066, C62067 = 62067, C62068 = 62068, C62069 = 62069, C62070 = 62070,
    C62071 = 62071, C62072 = 62072, C62073 = 62073, C62074 = 62074, C62075 = 62075, C62076 = 62076,
    C62077 = 62077, C62078 = 62078, C62079 = 62079, C62080 = 62080, C62081 = 62081, C62082 = 62082,
    C62083 = 62083, C62084 = 62084, C62085 = 62085, C62086 = 62086, C62087 = 62087, C62088 = 62088,
    C62089 = 62089, C62090 = 62090, C62091 = 62091, C62092 = 62092, C62093 = 62093, C62094 = 62094,
    C62095 = 62095, C62096 = 62096, C62097 = 62097, C62098 = 62098, C62099 = 62099, C62100 = 62100,
}

/// Every code of the composed catalog, and codes it does not define.
fn composed_codes() -> Vec<u32> {
    Composed::catalog()
        .iter()
        .map(|listed| listed.entry.code)
        .chain([0, 40010, 60000, 60101, 61500, 99_999, u32::MAX])
        .collect()
}

/// A body of each code, for `FromBody`.
fn composed_bodies() -> Vec<ErrorBody<'static>> {
    composed_codes()
        .into_iter()
        .map(|code| ErrorBody {
            code,
            message: Cow::Borrowed("m"),
            detail: None,
        })
        .collect()
}

/// The ways of finding a code in the composed catalog, each over all of
/// `codes` (or their bodies).
const COMPOSED_FINDERS: [Way<FindComposed>; 3] = [
    ("Catalog::lookup", |codes, _| {
        for &code in codes {
            black_box(Composed::lookup(code));
        }
    }),
    ("FromBody::from_body", |_, bodies| {
        for body in bodies {
            black_box(Composed::from_body(body));
        }
    }),
    ("hand/match", |codes, _| {
        for &code in codes {
            black_box(composed_by_hand(code));
        }
    }),
];

fn composed(c: &mut Criterion) {
    let codes = composed_codes();
    let bodies = composed_bodies();
    assert_eq!(codes.len(), 300 + 26 + 7);
    for (&code, body) in codes.iter().zip(&bodies) {
        let by_hand = composed_by_hand(code);
        assert_eq!(Composed::from_body(body), by_hand, "{code}");
        assert_eq!(
            Composed::lookup(code).map(|entry| entry.code),
            by_hand.map(|error| error.code()),
            "{code}"
        );
    }

    let mut group = c.benchmark_group("from_code/composed_333_codes");
    for (way, find) in COMPOSED_FINDERS {
        group.bench_function(way, |b| {
            b.iter(|| find(black_box(&codes), black_box(&bodies)))
        });
    }
    group.finish();
}

/// Every way of every group, as one operation each: a body decoded, or the
/// 32 codes looked up.
fn operations() -> Vec<Operation> {
    let mut operations: Vec<Operation> = Vec::new();
    for (name, text) in BODIES {
        for (way, decode) in DECODERS {
            operations.push((
                format!("decode/{name}"),
                way,
                Box::new(move || decode(black_box(text.as_bytes()))),
            ));
        }
    }
    for (way, find) in FINDERS {
        let codes = standard_codes();
        operations.push((
            "from_code/32_codes".into(),
            way,
            Box::new(move || find(black_box(&codes))),
        ));
    }
    for (way, find) in COMPOSED_FINDERS {
        let (codes, bodies) = (composed_codes(), composed_bodies());
        operations.push((
            "from_code/composed_333_codes".into(),
            way,
            Box::new(move || find(black_box(&codes), black_box(&bodies))),
        ));
    }
    operations
}

/// Runs one way `iterations` times, for callgrind
/// (`scripts/instructions.sh decode`). `spec` is `group/way/iterations`,
/// such as `decode/detail/hand/derive_struct/10000`.
fn count(spec: &str) {
    let (operation, iterations) = spec.rsplit_once('/').expect("group/way/iterations");
    let iterations: usize = iterations.parse().expect("a number of iterations");
    let (_, _, run) = operations()
        .into_iter()
        .find(|(group, way, _)| format!("{group}/{way}") == operation)
        .unwrap_or_else(|| panic!("no operation {operation}"));
    for _ in 0..iterations {
        run();
    }
}

/// Times every way in `rounds` rounds, the ways of a group one after the
/// other in each round, and prints each way's fastest and median time per
/// operation, and their ratios to the group's hand-written way. On a
/// shared machine the fastest round is the one least disturbed.
fn interleaved(rounds: usize) {
    const BATCH: usize = 2_000;
    let operations = operations();
    let mut groups: Vec<&str> = operations
        .iter()
        .map(|(group, _, _)| group.as_str())
        .collect();
    groups.dedup();
    println!(
        "{:<30} {:<26} {:>10} {:>6} {:>10} {:>6}",
        "group", "way", "fastest", "ratio", "median", "ratio"
    );
    for group in groups {
        let ways: Vec<_> = operations.iter().filter(|(g, _, _)| g == group).collect();
        let mut times = vec![Vec::with_capacity(rounds); ways.len()];
        for _ in 0..rounds {
            for ((_, _, run), times) in ways.iter().zip(&mut times) {
                let start = Instant::now();
                for _ in 0..BATCH {
                    run();
                }
                times.push(start.elapsed().as_secs_f64() * 1e9 / BATCH as f64);
            }
        }
        for times in &mut times {
            times.sort_by(f64::total_cmp);
        }
        let hand = ways
            .iter()
            .position(|(_, way, _)| way.starts_with("hand/"))
            .unwrap_or(0);
        let (hand_fastest, hand_median) = (times[hand][0], times[hand][rounds / 2]);
        for ((_, way, _), times) in ways.iter().zip(&times) {
            let (fastest, median) = (times[0], times[rounds / 2]);
            println!(
                "{group:<30} {way:<26} {fastest:>7.1} ns {:>5.2}x {median:>7.1} ns {:>5.2}x",
                fastest / hand_fastest,
                median / hand_median,
            );
        }
    }
}

criterion_group!(benches, decode, from_code, composed);

fn main() {
    if let Ok(spec) = std::env::var("SKMS_COUNT") {
        count(&spec);
        return;
    }
    if let Ok(rounds) = std::env::var("SKMS_ROUNDS") {
        interleaved(rounds.parse().expect("a number of rounds"));
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
