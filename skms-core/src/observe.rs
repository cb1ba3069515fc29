//! Which SKMS errors a service answers: span fields and a counter.
//!
//! The first question in an incident is "which errors are we answering, how
//! often, since when?". An SKMS code is what observability conventions ask an
//! error class to be: predictable and low in cardinality, and listed (the
//! catalog is the list). Every error that the integrations answer
//! (`IntoResponse` of axum, `ResponseError` of actix-web,
//! `http::Response::from`, `tonic::Status::from`, and the policy's
//! `http_response`, `actix_response` and `status`) is observed once, by
//! [`answered`]:
//!
//! | what | name | value |
//! |---|---|---|
//! | span field (feature `tracing`) | `error.type` ([`ERROR_TYPE`]) | the code, as a string: `"40013"` (OpenTelemetry's attribute for the class of an error) |
//! | span field (feature `tracing`) | `skms.code` ([`SKMS_CODE`]) | the code, as a number: `40013` |
//! | counter (feature `metrics`) | `skms_errors_total` ([`ERRORS_TOTAL`]) | errors answered, labelled `code` (`"40013"`), `status` (`"400"`) and `transport` (`"http"` or `"grpc"`) |
//!
//! Only the code and the status are recorded: never the detail (unbounded,
//! and often client input) nor the message. A transparent variant is
//! recorded as what it answers, its field's code and status. The labels come
//! from the catalog, so the counter has at most one series per code (and
//! transport) that the service can answer.
//!
//! # Span fields
//!
//! The fields are recorded on the span that is current where the error is
//! turned into its answer, when that span declares them (tracing records
//! only the fields that a span declared, as [`tracing::field::Empty`] until
//! known). [`http_span`] (feature `http`) makes such a span for a request,
//! for tower-http's `TraceLayer` or tonic's `trace_fn`:
//!
//! ```
//! # #[cfg(feature = "axum")] {
//! use tower_http::trace::TraceLayer;
//!
//! let app: axum::Router = axum::Router::new()
//!     // .route(...)
//!     .layer(TraceLayer::new_for_http().make_span_with(skms_core::observe::http_span));
//! # }
//! ```
//!
//! A span of one's own declares them in one line each:
//!
//! ```
//! # #[cfg(feature = "tracing")] {
//! let span = tracing::info_span!(
//!     "request",
//!     error.type = tracing::field::Empty,
//!     skms.code = tracing::field::Empty,
//! );
//! # }
//! ```
//!
//! tracing-opentelemetry exports them as the span's attributes, and a `fmt`
//! subscriber prints them with the span, on every event inside it (the
//! withheld detail's among them).
//!
//! # The counter
//!
//! With feature `metrics`, `skms_errors_total` is incremented once per
//! error answered, whatever the [`DetailPolicy`](crate::DetailPolicy),
//! through the [`metrics`](https://docs.rs/metrics/0.24) facade: the service
//! installs the recorder and exporter it wants (without one, nothing is
//! recorded), and [`describe_metrics`] describes the counter to it:
//!
//! ```
//! # #[cfg(feature = "metrics")] {
//! // At startup, once the recorder is installed:
//! skms_core::observe::describe_metrics();
//! # }
//! ```
//!
//! With metrics-exporter-prometheus, a scrape reads:
//!
//! ```text
//! # HELP skms_errors_total SKMS errors answered, by code, HTTP status and transport
//! # TYPE skms_errors_total counter
//! skms_errors_total{code="40013",status="400",transport="http"} 1
//! skms_errors_total{code="50001",status="500",transport="grpc"} 2
//! ```
//!
//! The labels are text, and building them for each answer would allocate.
//! They are built once per code, status and transport, kept for the life of
//! the process (a few hundred bytes a code; a catalog bounds their number),
//! and found again through a cache of each thread, without a lock: an answer
//! costs the recorder's increment and a lookup in a small table (the
//! repository's BENCHMARKS.md has the figures).

use crate::SkmsError;

/// The span field of the code as a string, OpenTelemetry's `error.type`:
/// `"40013"`.
pub const ERROR_TYPE: &str = "error.type";

/// The span field of the code as a number: `40013`.
pub const SKMS_CODE: &str = "skms.code";

/// Every span field recorded for an answered error: what a span declares,
/// as [`tracing::field::Empty`], to receive them.
pub const FIELDS: [&str; 2] = [ERROR_TYPE, SKMS_CODE];

/// The name of the counter of answered errors (feature `metrics`).
pub const ERRORS_TOTAL: &str = "skms_errors_total";

/// The labels of [`ERRORS_TOTAL`], in the order they are written.
pub const LABELS: [&str; 3] = ["code", "status", "transport"];

/// What the counter's description says (see [`describe_metrics`]).
pub const ERRORS_TOTAL_DESCRIPTION: &str =
    "SKMS errors answered, by code, HTTP status and transport";

/// How an error was answered: the `transport` label of [`ERRORS_TOTAL`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Transport {
    /// An HTTP response with a JSON body: axum, actix-web, `http`.
    Http,
    /// A gRPC status: tonic.
    Grpc,
}

impl Transport {
    /// The label's value: `"http"` or `"grpc"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Transport::Http => "http",
            Transport::Grpc => "grpc",
        }
    }
}

/// Observes that `error` is answered over `transport`: records `error.type`
/// and `skms.code` on the current span (feature `tracing`, where the span
/// declares them) and increments `skms_errors_total` (feature `metrics`).
///
/// Every integration calls it once per answer; call it where a service
/// answers an SKMS error by other means (another web framework, a message
/// queue), so that it is counted like the others. The status label is
/// [`SkmsError::status`].
///
/// ```
/// use skms_core::observe::{answered, Transport};
/// use skms_core::StandardError;
///
/// answered(&StandardError::KeyNotFound, Transport::Http);
/// ```
pub fn answered<E: SkmsError + ?Sized>(error: &E, transport: Transport) {
    answered_with(error.code(), error.status(), transport);
}

/// What [`answered`] does, with the status that was answered (a response
/// answers an invalid hand-written status with 500, and says so). Not
/// generic, so that it is compiled once.
#[cfg_attr(not(feature = "metrics"), allow(unused_variables))]
#[inline]
pub(crate) fn answered_with(code: u32, status: u16, transport: Transport) {
    #[cfg(feature = "tracing")]
    span::record(code);
    #[cfg(feature = "metrics")]
    counter::increment(code, status, transport);
}

/// A span for a request whose SKMS error, if any, is recorded on it: an
/// `INFO` span named `request`, target `skms_core`, with the request's
/// `method`, `uri` and `version` (as tower-http's default span has them),
/// and [`FIELDS`] declared, empty until an error is answered.
///
/// It is the `make_span_with` of tower-http's `TraceLayer`, and the
/// `trace_fn` of a tonic server, as it is:
///
/// ```
/// use axum::routing::get;
/// use skms_core::StandardError;
/// use tower_http::trace::TraceLayer;
///
/// async fn key() -> Result<String, StandardError> {
///     Err(StandardError::KeyNotFound)
/// }
///
/// let app: axum::Router = axum::Router::new()
///     .route("/keys/{id}", get(key))
///     .layer(TraceLayer::new_for_http().make_span_with(skms_core::observe::http_span));
/// ```
///
/// A `fmt` subscriber then prints, for the withheld detail of a 50001:
///
/// ```text
/// ERROR request{method=GET uri=/keys/0000003 version=HTTP/1.1 error.type="50001" skms.code=50001}: skms_core: [50001] ...
/// ```
#[cfg(feature = "http")]
pub fn http_span<B>(request: &::http::Request<B>) -> tracing::Span {
    tracing::info_span!(
        target: "skms_core",
        "request",
        method = %request.method(),
        uri = %request.uri(),
        version = ?request.version(),
        error.type = tracing::field::Empty,
        skms.code = tracing::field::Empty,
    )
}

/// Describes [`ERRORS_TOTAL`] to the recorder in force (feature `metrics`):
/// a count, with [`ERRORS_TOTAL_DESCRIPTION`]. Call it once the recorder is
/// installed; exporters write it as the metric's help (Prometheus's
/// `# HELP`).
#[cfg(feature = "metrics")]
pub fn describe_metrics() {
    metrics::describe_counter!(ERRORS_TOTAL, metrics::Unit::Count, ERRORS_TOTAL_DESCRIPTION);
}

/// The span fields.
#[cfg(feature = "tracing")]
mod span {
    use tracing::field::{Field, Value};
    use tracing::span::Record;
    use tracing::Dispatch;

    use super::{ERROR_TYPE, SKMS_CODE};

    /// Records `code` on the current span, in the fields of [`super::FIELDS`]
    /// that it declares. Through the dispatcher rather than
    /// `Span::current()`, which would clone the span's handle (a reference
    /// count in the subscriber's registry) and drop it; and the code is
    /// written out only for a span that declares `error.type`.
    pub(super) fn record(code: u32) {
        tracing::dispatcher::get_default(|dispatch| {
            let Some((id, metadata)) = dispatch.current_span().into_inner() else {
                return;
            };
            let fields = metadata.fields();
            let error_type = fields.field(ERROR_TYPE);
            let skms_code = fields.field(SKMS_CODE);
            let text = CodeText::new(code);
            let text = text.as_str();
            match (&error_type, &skms_code) {
                (Some(error_type), Some(skms_code)) => {
                    let values: [(&Field, Option<&dyn Value>); 2] =
                        [(error_type, Some(&text)), (skms_code, Some(&code))];
                    record_values(dispatch, &id, fields.value_set(&values));
                }
                (Some(error_type), None) => {
                    let values: [(&Field, Option<&dyn Value>); 1] = [(error_type, Some(&text))];
                    record_values(dispatch, &id, fields.value_set(&values));
                }
                (None, Some(skms_code)) => {
                    let values: [(&Field, Option<&dyn Value>); 1] = [(skms_code, Some(&code))];
                    record_values(dispatch, &id, fields.value_set(&values));
                }
                (None, None) => {}
            }
        });
    }

    fn record_values(
        dispatch: &Dispatch,
        id: &tracing::span::Id,
        values: tracing::field::ValueSet<'_>,
    ) {
        dispatch.record(id, &Record::new(&values));
    }

    /// A code written out in decimal on the stack: `error.type` is a string.
    pub(super) struct CodeText {
        digits: [u8; 10],
        start: usize,
    }

    impl CodeText {
        pub(super) fn new(mut code: u32) -> CodeText {
            let mut digits = [b'0'; 10];
            let mut start = digits.len();
            loop {
                start -= 1;
                // A digit: `code % 10` is below 10.
                #[allow(clippy::cast_possible_truncation)]
                let digit = (code % 10) as u8;
                digits[start] = b'0' + digit;
                code /= 10;
                if code == 0 {
                    return CodeText { digits, start };
                }
            }
        }

        pub(super) fn as_str(&self) -> &str {
            // Only ASCII digits were written.
            core::str::from_utf8(&self.digits[self.start..]).unwrap_or_default()
        }
    }

    #[cfg(test)]
    mod tests {
        use super::CodeText;

        #[test]
        fn codes_are_written_in_decimal() {
            for code in [0, 7, 10, 40013, 99_999, 100_000, 4_294_967_295] {
                assert_eq!(CodeText::new(code).as_str(), code.to_string());
            }
        }
    }
}

/// The counter.
#[cfg(feature = "metrics")]
mod counter {
    use core::cell::RefCell;
    use std::boxed::Box;
    use std::string::ToString;
    use std::sync::Mutex;
    use std::vec;
    use std::vec::Vec;

    use metrics::{Key, Label, Level, Metadata};

    use super::{Transport, ERRORS_TOTAL, LABELS};

    /// Where the counter comes from, for recorders that filter by it.
    static METADATA: Metadata<'static> =
        Metadata::new("skms_core", Level::INFO, Some(module_path!()));

    /// The most keys kept for the life of the process. A catalog bounds what
    /// derived types answer; a hand-written `SkmsError` that passes on any
    /// code (an upstream's, say) is still counted past this number, with a
    /// key built for each answer.
    const MAX_KEPT: usize = 4096;

    /// A code, a status and a transport, packed: what the tables are sorted
    /// by.
    type Packed = u64;

    /// Keys sorted by their packed code, status and transport: a binary
    /// search finds one among the few that a service answers with in a few
    /// nanoseconds, and a `Vec` costs the build of skms-core far less than a
    /// `HashMap` of its own (a seventh of its instructions, measured).
    type Table = Vec<(Packed, &'static Key)>;

    /// The keys of every code answered so far, shared by the threads: read
    /// only when a thread answers a code for the first time.
    static KEPT: Mutex<Table> = Mutex::new(Vec::new());

    std::thread_local! {
        /// The keys this thread has answered with: the lookup of each answer.
        static CACHED: RefCell<Table> = const { RefCell::new(Vec::new()) };
    }

    pub(super) fn increment(code: u32, status: u16, transport: Transport) {
        let packed = pack(code, status, transport);
        let cached = CACHED
            .try_with(|cached| find(&cached.borrow(), packed))
            .ok()
            .flatten();
        match cached.or_else(|| kept(packed, code, status, transport)) {
            Some(key) => count(key),
            None => count(&key(code, status, transport)),
        }
    }

    fn count(key: &Key) {
        metrics::with_recorder(|recorder| recorder.register_counter(key, &METADATA).increment(1));
    }

    fn find(table: &Table, packed: Packed) -> Option<&'static Key> {
        let at = table
            .binary_search_by_key(&packed, |(kept, _)| *kept)
            .ok()?;
        Some(table[at].1)
    }

    /// Puts `key` in its place in `table`, unless it is there.
    fn insert(table: &mut Table, packed: Packed, key: &'static Key) {
        if let Err(at) = table.binary_search_by_key(&packed, |(kept, _)| *kept) {
            table.insert(at, (packed, key));
        }
    }

    /// The key kept for `packed`, made and kept now if need be, and cached
    /// for this thread; `None` once [`MAX_KEPT`] keys are kept.
    #[cold]
    fn kept(packed: Packed, code: u32, status: u16, transport: Transport) -> Option<&'static Key> {
        let key = {
            let mut kept = KEPT
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match find(&kept, packed) {
                Some(key) => key,
                None if kept.len() < MAX_KEPT => {
                    let key = leaked_key(code, status, transport);
                    insert(&mut kept, packed, key);
                    key
                }
                None => return None,
            }
        };
        // Not while a recorder that answers an error itself is borrowing the
        // table: then it is simply not cached.
        let _ = CACHED.try_with(|cached| {
            if let Ok(mut cached) = cached.try_borrow_mut() {
                insert(&mut cached, packed, key);
            }
        });
        Some(key)
    }

    /// The key of the series, made of static parts alone: a recorder keeps
    /// a key with `Key::to_retained`, which copies every part that is not
    /// static (the Prometheus recorder does so on every registration), and
    /// copies nothing of this one.
    fn leaked_key(code: u32, status: u16, transport: Transport) -> &'static Key {
        let [code_label, status_label, transport_label] = LABELS;
        let code: &'static str = Box::leak(code.to_string().into_boxed_str());
        let status: &'static str = Box::leak(status.to_string().into_boxed_str());
        let labels: &'static [Label; 3] = Box::leak(Box::new([
            Label::from_static_parts(code_label, code),
            Label::from_static_parts(status_label, status),
            Label::from_static_parts(transport_label, transport.as_str()),
        ]));
        Box::leak(Box::new(Key::from_static_labels(ERRORS_TOTAL, labels)))
    }

    /// The key of the series, built for one answer: past [`MAX_KEPT`].
    fn key(code: u32, status: u16, transport: Transport) -> Key {
        let [code_label, status_label, transport_label] = LABELS;
        Key::from_parts(
            ERRORS_TOTAL,
            vec![
                Label::new(code_label, code.to_string()),
                Label::new(status_label, status.to_string()),
                Label::from_static_parts(transport_label, transport.as_str()),
            ],
        )
    }

    fn pack(code: u32, status: u16, transport: Transport) -> Packed {
        let transport: u64 = match transport {
            Transport::Http => 0,
            Transport::Grpc => 1,
        };
        (transport << 48) + (u64::from(status) << 32) + u64::from(code)
    }

    #[cfg(test)]
    mod tests {
        use std::vec::Vec;

        use super::{find, insert, key, leaked_key, pack, Key, Table, Transport};

        fn labels(key: &Key) -> Vec<(&str, &str)> {
            key.labels()
                .map(|label| (label.key(), label.value()))
                .collect()
        }

        #[test]
        fn a_key_is_the_counter_and_its_three_labels() {
            for key in [
                leaked_key(40013, 400, Transport::Grpc),
                &key(40013, 400, Transport::Grpc),
            ] {
                assert_eq!(key.name(), "skms_errors_total");
                assert_eq!(
                    labels(key),
                    [("code", "40013"), ("status", "400"), ("transport", "grpc")]
                );
            }
        }

        #[test]
        fn the_tables_stay_sorted_and_keep_the_first_key() {
            let keys: Vec<&'static Key> = (0..3)
                .map(|code| leaked_key(code, 400, Transport::Http))
                .collect();
            let mut table = Table::new();
            for (packed, key) in [(30, keys[0]), (10, keys[1]), (20, keys[2]), (10, keys[0])] {
                insert(&mut table, packed, key);
            }
            let packed: Vec<u64> = table.iter().map(|(packed, _)| *packed).collect();
            assert_eq!(packed, [10, 20, 30]);
            assert!(core::ptr::eq(find(&table, 10).unwrap(), keys[1]));
            assert!(core::ptr::eq(find(&table, 30).unwrap(), keys[0]));
            assert!(find(&table, 15).is_none());
        }

        #[test]
        fn at_most_max_kept_keys_are_kept() {
            use super::{kept, MAX_KEPT};
            // Codes that no other test answers; whatever the other tests
            // kept before counts towards the bound too.
            let mut refused = 0;
            for code in 0..=u32::try_from(MAX_KEPT).unwrap() {
                let code = 3_000_000 + code;
                let packed = pack(code, 500, Transport::Grpc);
                match kept(packed, code, 500, Transport::Grpc) {
                    Some(key) => assert_eq!(labels(key)[0], ("code", &*code.to_string())),
                    None => refused += 1,
                }
            }
            assert!(refused > 0);
            assert_eq!(super::KEPT.lock().unwrap().len(), MAX_KEPT);
            // What is kept is still found.
            let packed = pack(3_000_000, 500, Transport::Grpc);
            assert!(kept(packed, 3_000_000, 500, Transport::Grpc).is_some());
        }

        #[test]
        fn packed_keys_differ_by_each_part() {
            assert_eq!(pack(40013, 400, Transport::Grpc), 0x0001_0190_0000_9C4D);
            let key = pack(40013, 400, Transport::Http);
            assert_ne!(key, pack(40014, 400, Transport::Http));
            assert_ne!(key, pack(40013, 401, Transport::Http));
            assert_ne!(key, pack(40013, 400, Transport::Grpc));
            assert_ne!(
                pack(u32::MAX, 0, Transport::Http),
                pack(0, 1, Transport::Http)
            );
        }
    }
}
