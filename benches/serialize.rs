//! Serializing SKMS errors: the derive against what users write by hand.
//!
//! Each group serializes one error into a reused `Vec<u8>` (cleared every
//! iteration, so that growing the output is not what is measured), in five
//! ways:
//!
//! - `derived/serde`: `serde_json::to_writer` on the derived type;
//! - `derived/write_json`: the derive's fast path, `SkmsError::write_json`;
//! - `hand/format_derive` (a): what services write today, a `format!` for
//!   the detail into a `#[derive(Serialize)]` body struct;
//! - `hand/collect_str` (b): the careful hand-written ideal, a hand-written
//!   `Serialize` that writes the detail with `collect_str`;
//! - `hand/json_macro` (c): a `serde_json::json!` value (its keys come out
//!   sorted, so its bytes differ; it is there for its cost).
//!
//! Before measuring, every group checks that (a), (b) and both derived paths
//! write the same bytes. Run with `cargo bench --features bench --bench
//! serialize`; with `SKMS_COUNT=case/way/iterations` set, it runs one way
//! instead, for `scripts/instructions.sh` to count instructions.

use std::fmt;
use std::hint::black_box;

use criterion::{criterion_group, Criterion};
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use skms_core::{SkmsError, StandardError};

/// The derived enum: a detail formatted from a field, a fixed code without
/// detail, and the standard catalog.
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
        code = 50001,
        status = 500,
        msg = "An unexpected error has occurred in the internal system",
        detail = "{0}"
    )]
    Internal(String),
    #[skms(code = 40101, status = 401, msg = "Invalid token")]
    InvalidToken,
    #[skms(transparent)]
    Standard(StandardError),
}

/// The same errors as a service writes them without skms: the codes,
/// messages and details by hand.
#[derive(Debug)]
enum HandError {
    KeyNotFound { key_id: String },
    Internal(String),
    InvalidToken,
}

impl HandError {
    fn code(&self) -> u32 {
        match self {
            HandError::KeyNotFound { .. } => 40013,
            HandError::Internal(_) => 50001,
            HandError::InvalidToken => 40101,
        }
    }

    fn message(&self) -> &'static str {
        match self {
            HandError::KeyNotFound { .. } => "Key not found in the keyVault",
            HandError::Internal(_) => "An unexpected error has occurred in the internal system",
            HandError::InvalidToken => "Invalid token",
        }
    }

    fn has_detail(&self) -> bool {
        !matches!(self, HandError::InvalidToken)
    }

    fn fmt_detail(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandError::KeyNotFound { key_id } => write!(f, "keyId : {key_id}"),
            HandError::Internal(detail) => write!(f, "{detail}"),
            HandError::InvalidToken => Ok(()),
        }
    }

    /// (a): the detail as a `String`.
    fn detail(&self) -> Option<String> {
        match self {
            HandError::KeyNotFound { key_id } => Some(format!("keyId : {key_id}")),
            HandError::Internal(detail) => Some(detail.clone()),
            HandError::InvalidToken => None,
        }
    }
}

/// (a): the body struct that services derive `Serialize` for.
#[derive(Serialize)]
struct Body<'a> {
    code: u32,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
}

fn write_format_derive(error: &HandError, out: &mut Vec<u8>) {
    let body = Body {
        code: error.code(),
        message: error.message(),
        detail: error.detail(),
    };
    serde_json::to_writer(out, &body).unwrap();
}

/// (b): a hand-written `Serialize` that formats the detail into the output.
struct Careful<'a>(&'a HandError);

struct CarefulDetail<'a>(&'a HandError);

impl fmt::Display for CarefulDetail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_detail(f)
    }
}

impl Serialize for Careful<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.0;
        let has_detail = error.has_detail();
        let mut body = serializer.serialize_struct("Body", 2 + usize::from(has_detail))?;
        body.serialize_field("code", &error.code())?;
        body.serialize_field("message", error.message())?;
        if has_detail {
            body.serialize_field("detail", &Collected(&CarefulDetail(error)))?;
        } else {
            body.skip_field("detail")?;
        }
        body.end()
    }
}

/// A `Display` serialized with `collect_str`.
struct Collected<'a, T>(&'a T);

impl<T: fmt::Display> Serialize for Collected<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

fn write_collect_str(error: &HandError, out: &mut Vec<u8>) {
    serde_json::to_writer(out, &Careful(error)).unwrap();
}

/// The derived type, serialized by its `Serialize` (a function, like the
/// hand-written ways, so that every way is called the same way).
fn write_derived_serde(error: &KmsError, out: &mut Vec<u8>) {
    serde_json::to_writer(out, error).unwrap();
}

/// (c): a `json!` value, serialized.
fn write_json_macro(error: &HandError, out: &mut Vec<u8>) {
    let value = match error.detail() {
        Some(detail) => serde_json::json!({
            "code": error.code(),
            "message": error.message(),
            "detail": detail,
        }),
        None => serde_json::json!({
            "code": error.code(),
            "message": error.message(),
        }),
    };
    serde_json::to_writer(out, &value).unwrap();
}

/// The detail of the reference's own 50001 example: long, with quotes.
const LONG_DETAIL: &str = "I/O error on GET request for \"https://devkms.softcamp.co.kr:8080/drm/7FDKQsEK-QVGKyXA2-fx1LxIzy-SNIre0s9/key/0000003\": Connect to devkms.softcamp.co.kr:8080 [devkms.softcamp.co.kr/10.14.10.171] failed: Connection refused";

/// The cases: a name, the derived error and its hand-written twin.
fn cases() -> Vec<(&'static str, KmsError, HandError)> {
    vec![
        ("no_detail", KmsError::InvalidToken, HandError::InvalidToken),
        (
            "detail",
            KmsError::KeyNotFound {
                key_id: "0000009".into(),
            },
            HandError::KeyNotFound {
                key_id: "0000009".into(),
            },
        ),
        (
            "long_detail",
            KmsError::Internal(LONG_DETAIL.into()),
            HandError::Internal(LONG_DETAIL.into()),
        ),
    ]
}

/// The bytes of one way of writing, into a fresh buffer.
fn bytes_of(write: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut out = Vec::new();
    write(&mut out);
    out
}

fn serialize(c: &mut Criterion) {
    for (name, derived, hand) in cases() {
        // The ways compared must write the same body.
        let expected = bytes_of(|out| serde_json::to_writer(out, &derived).unwrap());
        assert_eq!(bytes_of(|out| derived.write_json(out)), expected);
        assert_eq!(bytes_of(|out| write_format_derive(&hand, out)), expected);
        assert_eq!(bytes_of(|out| write_collect_str(&hand, out)), expected);

        let mut group = c.benchmark_group(format!("serialize/{name}"));
        let mut out = Vec::with_capacity(1024);
        group.bench_function("derived/serde", |b| {
            b.iter(|| {
                out.clear();
                write_derived_serde(black_box(&derived), &mut out);
                black_box(&out);
            });
        });
        group.bench_function("derived/write_json", |b| {
            b.iter(|| {
                out.clear();
                black_box(&derived).write_json(&mut out);
                black_box(&out);
            });
        });
        group.bench_function("hand/format_derive", |b| {
            b.iter(|| {
                out.clear();
                write_format_derive(black_box(&hand), &mut out);
                black_box(&out);
            });
        });
        group.bench_function("hand/collect_str", |b| {
            b.iter(|| {
                out.clear();
                write_collect_str(black_box(&hand), &mut out);
                black_box(&out);
            });
        });
        group.bench_function("hand/json_macro", |b| {
            b.iter(|| {
                out.clear();
                write_json_macro(black_box(&hand), &mut out);
                black_box(&out);
            });
        });
        group.finish();
    }
}

/// A transparent standard error: the derived enum delegating to the
/// catalog, against serializing the catalog's error directly.
fn serialize_transparent(c: &mut Criterion) {
    let wrapped = KmsError::Standard(StandardError::KeyNotFound);
    let direct = StandardError::KeyNotFound;
    assert_eq!(
        bytes_of(|out| wrapped.write_json(out)),
        bytes_of(|out| serde_json::to_writer(out, &direct).unwrap())
    );
    let mut group = c.benchmark_group("serialize/transparent");
    let mut out = Vec::with_capacity(1024);
    group.bench_function("derived/serde", |b| {
        b.iter(|| {
            out.clear();
            serde_json::to_writer(&mut out, black_box(&wrapped)).unwrap();
            black_box(&out);
        });
    });
    group.bench_function("derived/write_json", |b| {
        b.iter(|| {
            out.clear();
            black_box(&wrapped).write_json(&mut out);
            black_box(&out);
        });
    });
    group.bench_function("dyn/write_json", |b| {
        let error: &dyn SkmsError = &wrapped;
        b.iter(|| {
            out.clear();
            black_box(error).write_json(&mut out);
            black_box(&out);
        });
    });
    group.finish();
}

/// Runs one way of writing one case `iterations` times: for counting
/// instructions with callgrind, which a shared machine does not disturb
/// (`scripts/instructions.sh`). `spec` is `case/way/iterations`, such as
/// `detail/hand/collect_str/10000`.
fn count(spec: &str) {
    let (case, rest) = spec.split_once('/').expect("case/way/iterations");
    let (way, iterations) = rest.rsplit_once('/').expect("case/way/iterations");
    let iterations: usize = iterations.parse().expect("a number of iterations");
    let (_, derived, hand) = cases()
        .into_iter()
        .find(|(name, _, _)| *name == case)
        .expect("a case: no_detail, detail or long_detail");
    let mut out = Vec::with_capacity(1024);
    for _ in 0..iterations {
        out.clear();
        match way {
            "derived/serde" => write_derived_serde(black_box(&derived), &mut out),
            "derived/write_json" => black_box(&derived).write_json(&mut out),
            "hand/format_derive" => write_format_derive(black_box(&hand), &mut out),
            "hand/collect_str" => write_collect_str(black_box(&hand), &mut out),
            "hand/json_macro" => write_json_macro(black_box(&hand), &mut out),
            _ => panic!("unknown way {way}"),
        }
        black_box(&out);
    }
}

criterion_group!(benches, serialize, serialize_transparent);

fn main() {
    if let Ok(spec) = std::env::var("SKMS_COUNT") {
        count(&spec);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
