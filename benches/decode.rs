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
//! Run with `cargo bench --bench decode`. With `SKMS_COUNT=group/way/N` set,
//! it runs one way N times instead, for `scripts/instructions.sh decode` to
//! count instructions; with `SKMS_ROUNDS=N`, it times every way in N rounds
//! interleaved and prints the medians, for ratios that a noisy machine
//! moves less.

use std::borrow::Cow;
use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, Criterion};
use serde::Deserialize;
use skms_core::{Catalog, ErrorBody, StandardError};

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
const DECODERS: [(&str, fn(&[u8])); 5] = [
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

/// The ways of finding a code in the standard catalog, by name.
const FINDERS: [(&str, fn(u32)); 3] = [
    ("StandardError::from_code", |code| {
        black_box(StandardError::from_code(code));
    }),
    ("Catalog::lookup", |code| {
        black_box(StandardError::lookup(code));
    }),
    ("hand/match", |code| {
        black_box(from_code_by_hand(code));
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
        group.bench_function(way, |b| {
            b.iter(|| {
                for &code in black_box(&codes) {
                    find(code);
                }
            });
        });
    }
    group.finish();
}

/// Every way of every group, as one operation each: a body decoded, or the
/// 32 codes looked up.
fn operations() -> Vec<(String, &'static str, Box<dyn Fn()>)> {
    let mut operations: Vec<(String, &'static str, Box<dyn Fn()>)> = Vec::new();
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
            Box::new(move || {
                for &code in black_box(&codes) {
                    find(code);
                }
            }),
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
/// other in each round, and prints each way's median time per operation
/// and its ratio to the group's first hand-written way.
fn interleaved(rounds: usize) {
    const BATCH: usize = 20_000;
    let operations = operations();
    let mut groups: Vec<&str> = operations
        .iter()
        .map(|(group, _, _)| group.as_str())
        .collect();
    groups.dedup();
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
        let medians: Vec<f64> = times
            .iter_mut()
            .map(|times| {
                times.sort_by(f64::total_cmp);
                times[times.len() / 2]
            })
            .collect();
        let baseline = ways
            .iter()
            .position(|(_, way, _)| way.starts_with("hand/"))
            .map_or(1.0, |index| medians[index]);
        for ((_, way, _), median) in ways.iter().zip(&medians) {
            println!(
                "{group:<32} {way:<28} {median:>9.1} ns  {:>5.2}x",
                median / baseline
            );
        }
    }
}

criterion_group!(benches, decode, from_code);

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
