//! Which SKMS errors a service answers, seen from outside: real axum,
//! actix-web and tonic servers on `127.0.0.1` answer own codes, standard
//! codes, transparent variants and withheld details; a capturing tracing
//! layer reads the fields recorded on each request's span, and metrics-util's
//! debugging recorder the counter `skms_errors_total`.
//!
//! Its own test binary: it installs the process-wide subscriber and
//! recorder, and its tests take turns (`observed`), since both are shared.

#![cfg(all(
    feature = "axum",
    feature = "actix-web",
    feature = "tonic",
    feature = "metrics"
))]

mod support;

#[path = "../examples/grpc/one_method.rs"]
mod one_method;
#[path = "../examples/grpc/text_codec.rs"]
mod text_codec;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use metrics_util::debugging::{DebugValue, DebuggingRecorder, Snapshotter};
use skms_core::observe::{self, Transport};
use skms_core::{DetailPolicy, SkmsError, StandardError};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::Subscriber;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

#[derive(Debug, PartialEq, SkmsError)]
enum VaultError {
    /// Own code, 4xx: the detail is sent.
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {0}"
    )]
    KeyNotFound(String),
    /// Own code, 5xx: the detail is withheld and logged.
    #[skms(
        code = 50001,
        status = 500,
        msg = "An unexpected error has occurred in the internal system",
        detail = "{0}"
    )]
    Internal(String),
    #[skms(transparent)]
    Standard(StandardError),
    /// A catalog of its own, with its own messages and details.
    #[skms(transparent)]
    Hsm(HsmError),
}

#[derive(Debug, PartialEq, SkmsError)]
enum HsmError {
    #[skms(
        code = 61001,
        status = 503,
        msg = "HSM partition locked",
        detail = "partition {0}"
    )]
    Locked(String),
}

/// What every server answers for a request `kind/tag` (a path over HTTP,
/// the message over gRPC); `tag` goes into the detail, and tells the
/// requests apart.
enum Answer {
    Vault(VaultError),
    /// A standard error, answered as the type it is.
    Standard(StandardError),
}

fn answer(asked: &str) -> Answer {
    let (kind, tag) = asked.split_once('/').unwrap_or((asked, ""));
    let tag = tag.to_owned();
    match kind {
        "own" => Answer::Vault(VaultError::KeyNotFound(tag)),
        "withheld" => Answer::Vault(VaultError::Internal(tag)),
        "standard" => Answer::Standard(StandardError::InvalidToken),
        "transparent" => Answer::Vault(VaultError::Standard(StandardError::PermissionDenied)),
        "hsm" => Answer::Vault(VaultError::Hsm(HsmError::Locked(tag))),
        _ => panic!("unknown request {asked}"),
    }
}

/// The requests, and the code and status that each is answered with.
const CASES: &[(&str, &str, &str)] = &[
    ("own", "40013", "400"),
    ("withheld", "50001", "500"),
    ("standard", "40101", "401"),
    ("transparent", "40301", "401"),
    ("hsm", "61001", "503"),
];

// ---------------------------------------------------------------------------
// What is captured.

/// A recorded field value, with the kind that tracing recorded it as.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Value {
    Str(String),
    U64(u64),
    Other(String),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Str(text) | Value::Other(text) => text.clone(),
            Value::U64(number) => number.to_string(),
        }
    }
}

#[derive(Default)]
struct Fields(BTreeMap<String, Value>);

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().into(), Value::Str(value.into()));
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().into(), Value::U64(value));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0
            .insert(field.name().into(), Value::Other(format!("{value:?}")));
    }
}

/// The spans of the process, in the order they were made, with their
/// fields as recorded so far: the servers answer on threads of their own.
#[derive(Default)]
struct SpanCapture {
    spans: Mutex<Vec<(String, BTreeMap<String, Value>)>>,
    /// The index in `spans` of each open span.
    open: Mutex<HashMap<Id, usize>>,
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> tracing_subscriber::Layer<S> for &'static SpanCapture {
    fn on_new_span(&self, attributes: &Attributes<'_>, id: &Id, _: Context<'_, S>) {
        let mut fields = Fields::default();
        attributes.record(&mut fields);
        let mut spans = self.spans.lock().unwrap();
        spans.push((attributes.metadata().name().to_owned(), fields.0));
        self.open
            .lock()
            .unwrap()
            .insert(id.clone(), spans.len() - 1);
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, _: Context<'_, S>) {
        let mut fields = Fields::default();
        values.record(&mut fields);
        if let Some(&at) = self.open.lock().unwrap().get(id) {
            self.spans.lock().unwrap()[at].1.extend(fields.0);
        }
    }

    fn on_close(&self, id: Id, _: Context<'_, S>) {
        self.open.lock().unwrap().remove(&id);
    }
}

struct Observers {
    spans: &'static SpanCapture,
    counters: Snapshotter,
}

/// The capture and the recorder, installed for the whole process on first
/// use.
fn observers() -> &'static Observers {
    static OBSERVERS: OnceLock<Observers> = OnceLock::new();
    OBSERVERS.get_or_init(|| {
        let spans: &'static SpanCapture = Box::leak(Box::default());
        tracing::subscriber::set_global_default(tracing_subscriber::registry().with(spans))
            .expect("no other global subscriber in this test binary");
        let recorder = DebuggingRecorder::new();
        let counters = recorder.snapshotter();
        recorder
            .install()
            .expect("no other global recorder in this test binary");
        Observers { spans, counters }
    })
}

/// The turn of a test: the subscriber and the recorder are the process's,
/// and what a test reads of them must be what it caused.
fn turn() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A series of `skms_errors_total`: its labels, sorted by name.
type Series = Vec<(String, String)>;

/// What `f` caused: the spans named `request` that it made, and how much
/// each series of `skms_errors_total` grew. One test at a time.
fn observed<T>(f: impl FnOnce() -> T) -> (T, Vec<BTreeMap<String, Value>>, BTreeMap<Series, u64>) {
    let _turn = turn();
    let observers = observers();
    // The debugging recorder's snapshot takes the counts, so that the next
    // one holds only what grew since.
    let _ = observers.counters.snapshot();
    let first = observers.spans.spans.lock().unwrap().len();
    let result = f();
    let spans = observers.spans.spans.lock().unwrap()[first..]
        .iter()
        .filter(|(name, _)| name == "request")
        .map(|(_, fields)| fields.clone())
        .collect();
    let mut counts = BTreeMap::new();
    for (key, _, _, value) in observers.counters.snapshot().into_vec() {
        let DebugValue::Counter(count) = value else {
            continue;
        };
        if count == 0 {
            continue;
        }
        assert_eq!(key.key().name(), observe::ERRORS_TOTAL);
        let mut labels: Series = key
            .key()
            .labels()
            .map(|label| (label.key().to_owned(), label.value().to_owned()))
            .collect();
        labels.sort();
        counts.insert(labels, count);
    }
    (result, spans, counts)
}

fn series(code: &str, status: &str, transport: &str) -> Series {
    vec![
        ("code".into(), code.into()),
        ("status".into(), status.into()),
        ("transport".into(), transport.into()),
    ]
}

/// Checks what one answered request left: one request span carrying the
/// code, and one more in its series.
fn assert_observed(
    spans: &[BTreeMap<String, Value>],
    counts: &BTreeMap<Series, u64>,
    (code, status, transport): (&str, &str, &str),
) {
    assert_eq!(spans.len(), 1, "{spans:?}");
    let fields = &spans[0];
    assert_eq!(
        fields.get("error.type"),
        Some(&Value::Str(code.into())),
        "{fields:?}"
    );
    assert_eq!(
        fields.get("skms.code"),
        Some(&Value::U64(code.parse().unwrap())),
        "{fields:?}"
    );
    assert_eq!(
        counts,
        &BTreeMap::from([(series(code, status, transport), 1)]),
    );
}

/// No span field and no label holds `text`: a detail, or a message.
fn assert_nowhere(text: &str, spans: &[BTreeMap<String, Value>], counts: &BTreeMap<Series, u64>) {
    for fields in spans {
        for (name, value) in fields {
            assert!(
                !value.text().contains(text),
                "{text:?} in span field {name}: {value:?}"
            );
        }
    }
    for series in counts.keys() {
        for (name, value) in series {
            assert!(!value.contains(text), "{text:?} in label {name}: {value:?}");
        }
    }
}

// ---------------------------------------------------------------------------
// The servers.

mod axum_server {
    use axum::extract::Path;
    use axum::response::{IntoResponse, Response};
    use axum::routing::get;
    use axum::Router;
    use tower_http::trace::TraceLayer;

    use super::{answer, Answer};

    async fn fail(Path((kind, tag)): Path<(String, String)>) -> Response {
        match answer(&format!("{kind}/{tag}")) {
            Answer::Vault(error) => error.into_response(),
            Answer::Standard(error) => Err::<(), _>(error).into_response(),
        }
    }

    pub fn router() -> Router {
        Router::new()
            .route("/{kind}/{tag}", get(fail))
            .layer(TraceLayer::new_for_http().make_span_with(skms_core::observe::http_span))
    }
}

mod actix_server {
    use actix_web::dev::Service;
    use actix_web::{web, App, HttpResponse};
    use tracing::Instrument;

    use super::{answer, Answer};

    async fn fail(path: web::Path<(String, String)>) -> Result<HttpResponse, actix_web::Error> {
        let (kind, tag) = path.into_inner();
        match answer(&format!("{kind}/{tag}")) {
            Answer::Vault(error) => Err(error.into()),
            Answer::Standard(error) => Err(error.into()),
        }
    }

    /// actix-web has no `TraceLayer`: a span of the service's own, with the
    /// fields declared (as tracing-actix-web's `root_span!` would be given
    /// them).
    pub fn app() -> App<
        impl actix_web::dev::ServiceFactory<
            actix_web::dev::ServiceRequest,
            Config = (),
            Response = actix_web::dev::ServiceResponse,
            Error = actix_web::Error,
            InitError = (),
        >,
    > {
        App::new()
            .wrap_fn(|request, service| {
                let span = tracing::info_span!(
                    "request",
                    uri = %request.uri(),
                    error.type = tracing::field::Empty,
                    skms.code = tracing::field::Empty,
                );
                service.call(request).instrument(span)
            })
            .route("/{kind}/{tag}", web::get().to(fail))
    }
}

mod grpc_server {
    use std::net::SocketAddr;

    use tonic::transport::server::TcpIncoming;
    use tonic::transport::Server;
    use tonic::{Response, Status};

    use super::one_method::OneMethod;
    use super::{answer, Answer};

    pub const ASK: &str = "/skms.test.Vault/Ask";

    fn ask(asked: &str) -> Result<Response<String>, Status> {
        match answer(asked) {
            Answer::Vault(error) => Err(error)?,
            Answer::Standard(error) => Err(error)?,
        }
    }

    /// Serves on `127.0.0.1:0` in the current runtime, each call in the
    /// span of `observe::http_span`.
    pub async fn serve() -> SocketAddr {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(
            Server::builder()
                .trace_fn(skms_core::observe::http_span)
                .serve_with_incoming(
                    OneMethod {
                        path: ASK,
                        handler: ask,
                    },
                    TcpIncoming::from(listener),
                ),
        );
        address
    }
}

/// Asks the gRPC server at `address` each of `asked`, in order, from a
/// runtime of this thread; the gRPC status of each.
fn grpc_calls(asked: &[String]) -> Vec<(tonic::Code, Option<String>)> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            let address = grpc_server::serve().await;
            let channel = tonic::transport::Channel::from_shared(format!("http://{address}"))
                .unwrap()
                .connect()
                .await
                .unwrap();
            let mut client = tonic::client::Grpc::new(channel);
            let mut statuses = Vec::new();
            for asked in asked {
                client.ready().await.unwrap();
                let status = client
                    .unary(
                        tonic::Request::new(asked.clone()),
                        tonic::codegen::http::uri::PathAndQuery::from_static(grpc_server::ASK),
                        text_codec::TextCodec,
                    )
                    .await
                    .unwrap_err();
                let detail = status
                    .metadata()
                    .get_bin(skms_core::tonic::DETAIL_KEY)
                    .map(|detail| String::from_utf8(detail.to_bytes().unwrap().to_vec()).unwrap());
                statuses.push((status.code(), detail));
            }
            statuses
        })
}

// ---------------------------------------------------------------------------
// The tests.

#[test]
fn axum_records_every_answered_error_on_its_span_and_counts_it() {
    let server = support::servers::axum(axum_server::router());
    for &(kind, code, status) in CASES {
        let tag = format!("axum-{kind}");
        let (answer, spans, counts) =
            observed(|| support::tcp::get(server.address, &format!("/{kind}/{tag}"), &[]));
        assert_eq!(answer.status.to_string(), status);
        assert!(
            answer.body.contains(&format!(r#""code":{code}"#)),
            "{}",
            answer.body
        );
        assert_observed(&spans, &counts, (code, status, "http"));
        assert_eq!(
            spans[0].get("uri"),
            Some(&Value::Other(format!("/{kind}/{tag}")))
        );
    }
}

#[test]
fn actix_web_records_every_answered_error_on_its_span_and_counts_it() {
    let server = support::servers::actix(actix_server!(actix_server::app));
    for &(kind, code, status) in CASES {
        let tag = format!("actix-{kind}");
        let (answer, spans, counts) =
            observed(|| support::tcp::get(server.address, &format!("/{kind}/{tag}"), &[]));
        assert_eq!(answer.status.to_string(), status);
        assert!(
            answer.body.contains(&format!(r#""code":{code}"#)),
            "{}",
            answer.body
        );
        assert_observed(&spans, &counts, (code, status, "http"));
    }
}

#[test]
fn tonic_records_every_answered_status_on_its_span_and_counts_it() {
    for &(kind, code, status) in CASES {
        let asked = format!("{kind}/grpc-{kind}");
        let (_, spans, counts) = observed(|| grpc_calls(&[asked]));
        assert_observed(&spans, &counts, (code, status, "grpc"));
        // The request's URI as HTTP/2 carries it: scheme, authority, path.
        let uri = spans[0]["uri"].text();
        assert!(uri.ends_with(grpc_server::ASK), "{uri}");
    }
}

#[test]
fn a_detail_never_reaches_a_label_or_a_span_field() {
    let axum = support::servers::axum(axum_server::router());
    let actix = support::servers::actix(actix_server!(actix_server::app));
    // Details sent (40013) and withheld (50001, 61001), over each transport;
    // the path holds the detail's text, so the tag is looked for in the
    // fields other than the span's own `uri`.
    for kind in ["own", "withheld", "hsm"] {
        let tag = format!("secret-{kind}-10.14.10.171");
        let (_, mut spans, counts) = observed(|| {
            support::tcp::get(axum.address, &format!("/{kind}/{tag}"), &[]);
            support::tcp::get(actix.address, &format!("/{kind}/{tag}"), &[]);
            grpc_calls(&[format!("{kind}/{tag}")])
        });
        assert_eq!(spans.len(), 3);
        assert_eq!(counts.values().sum::<u64>(), 3);
        for fields in &mut spans {
            fields.remove("uri");
        }
        assert_nowhere(&tag, &spans, &counts);
        // Nor a message: the inner one of a transparent variant included.
        assert_nowhere("HSM partition locked", &spans, &counts);
        assert_nowhere("Key not found", &spans, &counts);
        for fields in &spans {
            let names: Vec<&str> = fields.keys().map(String::as_str).collect();
            assert!(
                names
                    .iter()
                    .all(|name| ["method", "version", "error.type", "skms.code"].contains(name)),
                "{names:?}"
            );
        }
        for series in counts.keys() {
            let names: Vec<&str> = series.iter().map(|(name, _)| name.as_str()).collect();
            assert_eq!(names, observe::LABELS);
        }
    }
}

#[test]
fn every_answer_is_counted_once_whatever_the_policy() {
    let admin = DetailPolicy::DEFAULT
        .show_server_error_details(true)
        .log_withheld_details(false);
    let quiet = DetailPolicy::DEFAULT
        .show_client_error_details(false)
        .refer_to_withheld_details(true);
    for policy in [admin, quiet] {
        let axum = support::servers::axum(axum_server::router().layer(policy.layer()));
        let (_, spans, counts) = observed(|| {
            support::tcp::get(axum.address, "/withheld/policy", &[]);
            support::tcp::get(axum.address, "/own/policy", &[]);
        });
        assert_eq!(spans.len(), 2);
        assert_eq!(
            counts,
            BTreeMap::from([
                (series("40013", "400", "http"), 1),
                (series("50001", "500", "http"), 1)
            ]),
            "{policy:?}"
        );
    }
}

#[test]
fn http_response_from_and_the_policy_s_answers_are_observed() {
    let (_, spans, counts) = observed(|| {
        let request = http::Request::get("/keys/0000009").body(()).unwrap();
        let span = observe::http_span(&request);
        let _entered = span.enter();
        let response = http::Response::<Vec<u8>>::from(VaultError::Internal("disk full".into()));
        assert_eq!(response.status(), 500);
    });
    assert_observed(&spans, &counts, ("50001", "500", "http"));

    let (_, spans, counts) = observed(|| {
        let span = tracing::info_span!("request", error.type = tracing::field::Empty, skms.code = tracing::field::Empty);
        let _entered = span.enter();
        let status = DetailPolicy::DEFAULT.status(&StandardError::KeyNotFound);
        assert_eq!(status.code(), tonic::Code::InvalidArgument);
    });
    assert_observed(&spans, &counts, ("40013", "400", "grpc"));

    // By hand, for an answer that no integration writes.
    let (_, spans, counts) = observed(|| {
        observe::answered(&HsmError::Locked("p1".into()), Transport::Http);
    });
    assert!(spans.is_empty());
    assert_eq!(
        counts,
        BTreeMap::from([(series("61001", "503", "http"), 1)])
    );
}

#[test]
fn a_span_that_declares_some_or_none_of_the_fields_keeps_what_it_declares() {
    let (_, spans, counts) = observed(|| {
        let span = tracing::info_span!("request", error.type = tracing::field::Empty);
        let _entered = span.enter();
        let _ = http::Response::<Vec<u8>>::from(StandardError::InvalidToken);
    });
    assert_eq!(spans.len(), 1);
    assert_eq!(
        spans[0].get("error.type"),
        Some(&Value::Str("40101".into()))
    );
    assert_eq!(spans[0].get("skms.code"), None);
    assert_eq!(counts.values().sum::<u64>(), 1);

    let (_, spans, _) = observed(|| {
        let span = tracing::info_span!("request", skms.code = tracing::field::Empty);
        let _entered = span.enter();
        let _ = http::Response::<Vec<u8>>::from(StandardError::InvalidToken);
    });
    assert_eq!(spans[0].get("error.type"), None);
    assert_eq!(spans[0].get("skms.code"), Some(&Value::U64(40101)));

    let (_, spans, counts) = observed(|| {
        let span = tracing::info_span!("request", key = "0000009");
        let _entered = span.enter();
        let _ = http::Response::<Vec<u8>>::from(StandardError::InvalidToken);
    });
    assert_eq!(spans[0].len(), 1, "{:?}", spans[0]);
    assert_eq!(counts.values().sum::<u64>(), 1);
}

#[test]
fn the_counter_is_described_for_exporters() {
    let _turn = turn();
    observers();
    observe::describe_metrics();
    let _ = http::Response::<Vec<u8>>::from(StandardError::InvalidToken);
    let snapshot = observers().counters.snapshot().into_vec();
    let (_, unit, description, _) = snapshot
        .iter()
        .find(|(key, ..)| key.key().name() == "skms_errors_total")
        .unwrap();
    assert_eq!(*unit, Some(metrics::Unit::Count));
    assert_eq!(
        description.as_deref(),
        Some("SKMS errors answered, by code, HTTP status and transport")
    );
}

#[test]
fn a_fmt_subscriber_prints_the_fields_on_the_log_of_a_withheld_detail() {
    let written = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&written);
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || Sink(Arc::clone(&sink)))
        .without_time()
        .with_ansi(false)
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        let request = http::Request::get("/keys/0000003").body(()).unwrap();
        let span = observe::http_span(&request);
        let _entered = span.enter();
        let _ = http::Response::<Vec<u8>>::from(VaultError::Internal("hsm down".into()));
    });
    let written = String::from_utf8(written.lock().unwrap().clone()).unwrap();
    assert!(
        written.starts_with(
            r#"ERROR request{method=GET uri=/keys/0000003 version=HTTP/1.1 error.type="50001" skms.code=50001}: skms_core: [50001]"#
        ),
        "{written}"
    );
}

/// Where the `fmt` subscriber writes.
struct Sink(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant comes back as itself (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    let mut values = vec![
        VaultError::KeyNotFound("keyId : 1".into()),
        VaultError::Internal("\u{0}".into()),
        VaultError::Hsm(HsmError::Locked("partition 2".into())),
    ];
    values.extend(
        StandardError::ALL
            .into_iter()
            .filter(|error| ![40013, 50001].contains(&error.code()))
            .map(VaultError::Standard),
    );
    round_trip::round_trips(&values);
    round_trip::round_trips(&[HsmError::Locked(String::new())]);
}
