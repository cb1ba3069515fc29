//! Serializing an error allocates nothing beyond the output: the detail is
//! formatted straight into the serializer, without a `String`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write as _;

use skms_core::{ErrorBody, SkmsError, StandardError};

#[path = "support/round_trip.rs"]
mod round_trip;

/// Counts the allocations of the current thread, so that tests running in
/// parallel do not see each other's.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_of(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[derive(Debug, PartialEq, SkmsError)]
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
        detail = "{0:>8} / {1:?}"
    )]
    Header(u64, &'static str),
    #[skms(
        code = 40004,
        status = 400,
        msg = "Failed extract header",
        detail = "header {0} of \"{1}\": {2}"
    )]
    Extract(u32, String, i64),
    #[skms(code = 60005, status = 400, msg = "Ratio", detail = "ratio {0} at {1}")]
    Ratio(f64, std::net::Ipv4Addr),
    #[skms(code = 60001, status = 503, msg = "Sealed", detail = "sealed \"now\"")]
    Sealed,
    // One field alone: serde writes it with `serialize_str`.
    #[skms(code = 60006, status = 400, msg = "Alone", detail = "{0}")]
    Alone(String),
    #[skms(code = 60007, status = 400, msg = "Count", detail = "{0}")]
    Count(i64),
    #[skms(transparent)]
    Standard(StandardError),
    #[skms(transparent)]
    Nested(Box<KmsError>),
}

fn errors() -> Vec<KmsError> {
    vec![
        KmsError::KeyNotFound {
            key_id: "0000009 with \"quotes\", \\ and \u{1F511}".into(),
        },
        KmsError::Header(4020, "tab\there"),
        KmsError::Extract(3, "tab\there é".into(), -7),
        KmsError::Ratio(0.25, std::net::Ipv4Addr::LOCALHOST),
        KmsError::Sealed,
        KmsError::Alone("a \"lone\" \u{1F511}".into()),
        KmsError::Count(-42),
        KmsError::Standard(StandardError::EncryptionKeyEmpty),
        KmsError::Nested(Box::new(KmsError::Header(1, "nested"))),
    ]
}

#[test]
fn serializing_into_a_buffer_with_room_allocates_nothing() {
    for error in errors() {
        let mut buffer = Vec::with_capacity(1024);
        let count = allocations_of(|| serde_json::to_writer(&mut buffer, &error).unwrap());
        assert_eq!(count, 0, "{error:?} allocated");
        // And the bytes are the right ones.
        let expected = serde_json::json!({
            "code": error.code(),
            "message": error.message(),
            "detail": error.detail(),
        });
        let mut expected = expected.as_object().unwrap().clone();
        if error.detail().is_none() {
            expected.remove("detail");
        }
        let written: serde_json::Value = serde_json::from_slice(&buffer).unwrap();
        assert_eq!(written, serde_json::Value::Object(expected));
    }
}

#[test]
fn serializing_a_dyn_error_allocates_nothing() {
    let errors = errors();
    for error in &errors {
        let error: &dyn SkmsError = error;
        let mut buffer = Vec::with_capacity(1024);
        let count = allocations_of(|| serde_json::to_writer(&mut buffer, error).unwrap());
        assert_eq!(count, 0);
        assert!(buffer.starts_with(br#"{"code":"#));
    }
}

#[test]
fn display_and_fmt_detail_allocate_nothing() {
    for error in errors() {
        let mut text = String::with_capacity(1024);
        let count = allocations_of(|| write!(text, "{error}").unwrap());
        assert_eq!(count, 0, "{error:?} allocated");
        assert!(text.starts_with(&format!("[{}] ", error.code())));
    }
}

#[test]
fn the_fast_path_allocates_nothing() {
    for error in errors() {
        let mut buffer = Vec::with_capacity(1024);
        let count = allocations_of(|| error.write_json(&mut buffer));
        assert_eq!(count, 0, "{error:?} allocated");
        assert_eq!(buffer, serde_json::to_vec(&error).unwrap());
    }
}

#[test]
fn decoding_a_body_without_escapes_allocates_nothing() {
    let mut sent: Vec<Vec<u8>> = StandardError::ALL
        .iter()
        .map(skms_core::to_json_vec)
        .collect();
    sent.push(skms_core::to_json_vec(&KmsError::KeyNotFound {
        key_id: "0000009 \u{1F511}".into(),
    }));
    for sent in &sent {
        let mut decoded = None;
        let count = allocations_of(|| decoded = Some(ErrorBody::from_slice(sent)));
        assert_eq!(count, 0, "{} allocated", String::from_utf8_lossy(sent));
        let body = decoded.unwrap().unwrap();
        assert_eq!(serde_json::to_vec(&body).unwrap(), *sent);
    }
    // A string with an escape costs the unescaped string, nothing more (the
    // fast path writes it once; the precise path, through serde_json, also
    // its scratch buffer).
    let sent = br#"{"code":1,"message":"m","detail":"a\"b"}"#;
    assert_eq!(allocations_of(|| drop(ErrorBody::from_slice(sent))), 1);
    assert_eq!(
        allocations_of(|| drop(skms_core::__private::decode_precise(sent))),
        2
    );
}

#[test]
fn the_counter_sees_allocations() {
    // Guards the guard: a test that formats a String must count.
    let count = allocations_of(|| {
        let text = format!("{}", KmsError::Header(1, "x").detail().unwrap());
        assert!(!text.is_empty());
    });
    assert!(count >= 1);
}

/// Observing an answered error (`skms_core::observe`) allocates nothing of
/// its own once its code has been answered before: the labels' text is made
/// once per code, of static parts that a recorder keeps without copying them
/// (`Key::to_retained`, which metrics-exporter-prometheus calls on every
/// registration, copies whatever is not static), and the span fields are
/// written from the stack.
#[cfg(all(feature = "axum", feature = "metrics"))]
mod observe {
    use metrics::{Key, Level, Metadata};
    use skms_core::observe::{answered, http_span, Transport};
    use skms_core::StandardError;

    use super::{allocations_of, KmsError};

    #[test]
    fn observing_an_answer_allocates_nothing_of_its_own() {
        let _subscriber = tracing::subscriber::set_default(tracing_subscriber::registry());
        let request = http::Request::get("/keys/0000009").body(()).unwrap();
        let span = http_span(&request);
        let _entered = span.enter();
        let errors = [
            KmsError::KeyNotFound {
                key_id: "0000009".into(),
            },
            KmsError::Standard(StandardError::InternalError),
        ];

        // Without a recorder: nothing at all.
        for error in &errors {
            for transport in [Transport::Http, Transport::Grpc] {
                answered(error, transport);
                assert_eq!(allocations_of(|| answered(error, transport)), 0);
            }
        }

        // With Prometheus's recorder: what its registration of a static key
        // allocates (a handle of its own), and nothing more.
        let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
        let handle = recorder.handle();
        let _recorder = metrics::set_default_local_recorder(&recorder);
        static KEY: Key = Key::from_static_name("static_key");
        static METADATA: Metadata<'static> = Metadata::new("alloc", Level::INFO, None);
        let register = || {
            metrics::with_recorder(|recorder| {
                recorder.register_counter(&KEY, &METADATA).increment(1)
            });
        };
        register();
        let recorders_own = allocations_of(register);
        for error in &errors {
            for transport in [Transport::Http, Transport::Grpc] {
                answered(error, transport);
                assert_eq!(allocations_of(|| answered(error, transport)), recorders_own);
            }
        }
        let scraped = handle.render();
        for series in [
            r#"skms_errors_total{code="40013",status="400",transport="http"} 2"#,
            r#"skms_errors_total{code="40013",status="400",transport="grpc"} 2"#,
            r#"skms_errors_total{code="50001",status="500",transport="http"} 2"#,
            r#"skms_errors_total{code="50001",status="500",transport="grpc"} 2"#,
        ] {
            assert!(scraped.contains(series), "{scraped}");
        }
    }
}

/// Every variant whose detail reads back comes back as itself from its
/// body, with values that hold the detail's own separators; the variant
/// with specs does not (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    round_trip::round_trips(&[
        KmsError::KeyNotFound {
            key_id: String::new(),
        },
        KmsError::KeyNotFound {
            key_id: "keyId : k-1 : 2".into(),
        },
        KmsError::KeyNotFound {
            key_id: "ключ \"🔑\"\n".into(),
        },
        KmsError::Extract(u32::MAX, String::new(), i64::MIN),
        KmsError::Extract(0, "a\": 5\" of \"b\": ".into(), -1),
        KmsError::Extract(7, "header 1 of \"x\": 2".into(), i64::MAX),
        KmsError::Ratio(0.1, std::net::Ipv4Addr::LOCALHOST),
        KmsError::Ratio(-1e300, std::net::Ipv4Addr::new(10, 0, 0, 255)),
        KmsError::Ratio(f64::MIN_POSITIVE, std::net::Ipv4Addr::BROADCAST),
        KmsError::Ratio(f64::INFINITY, std::net::Ipv4Addr::UNSPECIFIED),
        KmsError::Sealed,
        KmsError::Alone(String::new()),
        KmsError::Alone("\"quoted\" \\ é\u{1}".into()),
        KmsError::Count(i64::MIN),
        KmsError::Count(0),
        KmsError::Standard(StandardError::InvalidToken),
    ]);
    round_trip::never_rebuilt(&[KmsError::Header(u64::MAX, "a / b")]);
    // The standard entry whose code a variant of the type reuses is that
    // variant's: its body, without the detail the variant reads, is no
    // value of the type.
    let shadowed = KmsError::Standard(StandardError::KeyNotFound);
    assert_eq!(round_trip::decoded(&shadowed), None);
    // A boxed value of the type comes back as the variant that answers its
    // code itself: another value, which serializes the same.
    let nested = KmsError::Nested(Box::new(KmsError::Sealed));
    assert_eq!(round_trip::decoded(&nested), Some(KmsError::Sealed));
    assert_eq!(
        skms_core::to_json_vec(&nested),
        skms_core::to_json_vec(&KmsError::Sealed)
    );
}
