//! SKMS errors over gRPC, for real: tonic servers on `127.0.0.1:0` and a
//! tonic client in the test, through a service that fails with each kind of
//! variant; what is checked is what the client receives (the status, its
//! metadata, the typed error it rebuilds) and what the server's log holds
//! (the details withheld, escaped).
//!
//! The service and its codec are written by hand, the way tonic-build would
//! generate them: a `Codec` whose messages are UTF-8 text, served through
//! `tonic::server::Grpc` and called through `tonic::client::Grpc`. Generated
//! code would need `protoc` at build time (prost-build runs it), which a CI
//! machine or a contributor need not have, and vendoring a generator would add
//! a build dependency to the workspace for one test. The codec never touches
//! a status: what is tested is exactly what a protobuf service would send.
//!
//! Its own test binary: it installs the process-wide log capture.

#![cfg(feature = "tonic")]

mod support;

#[path = "../examples/grpc/one_method.rs"]
mod one_method;
#[path = "../examples/grpc/stream_method.rs"]
mod stream_method;
#[path = "../examples/grpc/text_codec.rs"]
mod text_codec;

use std::net::SocketAddr;

use one_method::OneMethod;
use skms_core::tonic::{
    StatusDecodeErrorKind, CODE_KEY, DETAIL_KEY, DETAIL_TRUNCATED_KEY, MAX_DETAIL_BYTES,
    MAX_MESSAGE_BYTES,
};
use skms_core::{Decoded, DetailPolicy, SkmsError, StandardError};
use stream_method::StreamMethod;
use text_codec::TextCodec;
use tonic::codegen::http;
use tonic::metadata::MetadataValue;
use tonic::transport::server::TcpIncoming;
use tonic::transport::{Channel, Server};
use tonic::{Code, Request, Response, Status};
use tracing::Level;

#[derive(Debug, PartialEq, SkmsError)]
enum VaultError {
    /// Own, 4xx, unmarked: the detail is sent.
    #[skms(code = 40013, status = 400, msg = "Key not found in the keyVault")]
    KeyNotFound(#[skms(detail)] String),
    /// 5xx, unmarked: withheld, logged at ERROR.
    #[skms(
        code = 50001,
        status = 500,
        msg = "An unexpected error has occurred in the internal system"
    )]
    Internal(#[skms(detail)] String),
    /// 5xx, marked public: sent.
    #[skms(code = 60503, status = 503, msg = "Vault sealed", public_detail)]
    Sealed(#[skms(detail)] String),
    /// 4xx, marked internal: withheld, logged at INFO.
    #[skms(
        code = 60401,
        status = 401,
        msg = "Signature rejected",
        internal_detail
    )]
    BadSignature(#[skms(detail)] String),
    /// 409 with a gRPC code of its own.
    #[skms(
        code = 60409,
        status = 409,
        msg = "Key already exists",
        grpc = "already_exists"
    )]
    KeyExists(#[skms(detail)] String),
    /// Own, 4xx, public, the detail formatted from a field that echoes the
    /// request, as long as the request.
    #[skms(
        code = 60400,
        status = 400,
        msg = "Key id rejected",
        detail = "keyId : {input}",
        public_detail
    )]
    Rejected { input: String },
    /// 409 without: `ABORTED`.
    #[skms(code = 60410, status = 409, msg = "Key version conflict")]
    VersionConflict,
    #[skms(transparent)]
    Standard(StandardError),
    #[skms(transparent)]
    Hsm(HsmError),
}

/// A catalog included through a transparent variant, whose variant chose
/// its gRPC code: the including type answers with the field's choice.
#[derive(Debug, PartialEq, SkmsError)]
enum HsmError {
    #[skms(
        code = 61001,
        status = 400,
        msg = "HSM partition locked",
        grpc = "failed_precondition"
    )]
    Locked,
}

/// What the service answers for `asked`: `kind:detail`.
fn answer(asked: &str) -> Result<Response<String>, Status> {
    let (kind, detail) = asked.split_once(':').unwrap_or((asked, ""));
    let detail = detail.to_owned();
    // `?` converts through the derived `From<VaultError> for Status`.
    Err(match kind {
        "key" => return Ok(Response::new(format!("key of {detail}"))),
        "not-found" => VaultError::KeyNotFound(detail),
        "internal" => VaultError::Internal(detail),
        "sealed" => VaultError::Sealed(detail),
        "signature" => VaultError::BadSignature(detail),
        "exists" => VaultError::KeyExists(detail),
        "conflict" => VaultError::VersionConflict,
        "standard" => VaultError::Standard(StandardError::InvalidToken),
        "hsm" => VaultError::Hsm(HsmError::Locked),
        "rejected" => VaultError::Rejected {
            input: long_input(detail.parse().unwrap()),
        },
        "long-message" => return Err(skms_core::tonic::status(&LongMessage)),
        // Statuses that an SKMS server would not send.
        "forged-code" => return Err(forged(&[("skms-code", "40O13")], &[])),
        "zero-code" => return Err(forged(&[("skms-code", "0040013")], &[])),
        "signed-code" => return Err(forged(&[("skms-code", "+40013")], &[])),
        "two-codes" => {
            return Err(forged(
                &[("skms-code", "40013"), ("skms-code", "40101")],
                &[],
            ))
        }
        "detail-alone" => return Err(forged(&[], &[b"keyId : 0000009"])),
        "not-utf8" => return Err(forged(&[("skms-code", "40013")], &[b"\xff\xfe"])),
        _ => return Err(Status::invalid_argument(format!("unknown request {kind}"))),
    })?
}

/// `bytes` bytes of input, "鍵" (3 bytes of UTF-8) repeated, so that a cut
/// falls inside a character.
fn long_input(bytes: usize) -> String {
    let mut input = "鍵".repeat(bytes / 3);
    input.push_str(&"k".repeat(bytes % 3));
    input
}

/// Hand-written, with a message far longer than any in a catalog.
#[derive(Debug)]
struct LongMessage;

impl SkmsError for LongMessage {
    fn code(&self) -> u32 {
        60401
    }
    fn status(&self) -> u16 {
        400
    }
    fn message(&self) -> &str {
        static MESSAGE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        MESSAGE.get_or_init(|| long_input(64 << 10))
    }
    fn detail(&self) -> Option<std::borrow::Cow<'_, str>> {
        None
    }
}

/// A status with SKMS metadata written by hand.
fn forged(codes: &[(&'static str, &'static str)], details: &[&[u8]]) -> Status {
    let mut status = Status::internal("forged");
    for (key, value) in codes {
        status
            .metadata_mut()
            .append(*key, MetadataValue::from_static(value));
    }
    for detail in details {
        status
            .metadata_mut()
            .append_bin(DETAIL_KEY, MetadataValue::from_bytes(detail));
    }
    status
}

/// The service `skms.test.Vault`, with one unary method, `Ask`, served
/// alone (tonic's router of several services needs its `router` feature,
/// which builds axum).
const VAULT: OneMethod = OneMethod {
    path: ASK,
    handler: answer,
};

const ASK: &str = "/skms.test.Vault/Ask";

/// A server on `127.0.0.1:0`, under `policy` (through its tower layer) or
/// the installed one.
async fn serve(policy: Option<DetailPolicy>) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let incoming = TcpIncoming::from(listener);
    match policy {
        Some(policy) => tokio::spawn(
            Server::builder()
                .layer(policy.layer())
                .serve_with_incoming(VAULT, incoming),
        ),
        None => tokio::spawn(Server::builder().serve_with_incoming(VAULT, incoming)),
    };
    address
}

/// The service `skms.test.Vault`, with one server-streaming method,
/// `Watch`: `kind:detail` answers one message, then fails as `Ask` does,
/// while the response body is polled.
const WATCH: &str = "/skms.test.Vault/Watch";

fn watch(asked: &str, index: usize) -> Option<Result<String, Status>> {
    match index {
        0 => Some(Ok(format!("watching {asked}"))),
        1 => Some(answer(asked).map(Response::into_inner)),
        _ => None,
    }
}

/// A server of `Watch` on `127.0.0.1:0`, under `policy` (through its tower
/// layer) or the installed one.
async fn serve_stream(policy: Option<DetailPolicy>) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let incoming = TcpIncoming::from(listener);
    let service = StreamMethod {
        path: WATCH,
        handler: watch,
    };
    match policy {
        Some(policy) => tokio::spawn(
            Server::builder()
                .layer(policy.layer())
                .serve_with_incoming(service, incoming),
        ),
        None => tokio::spawn(Server::builder().serve_with_incoming(service, incoming)),
    };
    address
}

/// Calls `Watch` with `asked`: the first message, and the status that the
/// stream fails with after it.
async fn fail_in_stream(client: &mut tonic::client::Grpc<Channel>, asked: &str) -> Status {
    client.ready().await.unwrap();
    let path = http::uri::PathAndQuery::from_static(WATCH);
    let mut answers = client
        .server_streaming(Request::new(asked.to_owned()), path, TextCodec)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        answers.message().await.unwrap().as_deref(),
        Some(format!("watching {asked}").as_str())
    );
    answers.message().await.unwrap_err()
}

/// A client of the server at `address`.
async fn connect(address: SocketAddr) -> tonic::client::Grpc<Channel> {
    let channel = Channel::from_shared(format!("http://{address}"))
        .unwrap()
        .connect()
        .await
        .unwrap();
    tonic::client::Grpc::new(channel)
}

/// Calls `path` with `asked`; the status it fails with.
async fn fail(
    client: &mut tonic::client::Grpc<Channel>,
    path: &'static str,
    asked: &str,
) -> Status {
    client.ready().await.unwrap();
    let path = http::uri::PathAndQuery::from_static(path);
    match client
        .unary(Request::new(asked.to_owned()), path, TextCodec)
        .await
    {
        Ok(response) => panic!("{asked}: answered {:?}", response.get_ref()),
        Err(status) => status,
    }
}

/// The received metadata: the SKMS code, and the detail if any.
fn skms_metadata(status: &Status) -> (&str, Option<String>) {
    let code = status.metadata().get(CODE_KEY).unwrap().to_str().unwrap();
    let detail = status
        .metadata()
        .get_bin(DETAIL_KEY)
        .map(|value| String::from_utf8(value.to_bytes().unwrap().to_vec()).unwrap());
    (code, detail)
}

fn decoded(status: &Status) -> Decoded<VaultError> {
    Decoded::from_status(status)
        .unwrap()
        .expect("an SKMS status")
}

#[tokio::test]
async fn every_kind_of_variant_over_a_real_channel() {
    let mut client = connect(serve(None).await).await;
    client.ready().await.unwrap();
    let answered = client
        .unary(
            Request::new("key:0000001".to_owned()),
            http::uri::PathAndQuery::from_static(ASK),
            TextCodec,
        )
        .await
        .unwrap();
    assert_eq!(answered.get_ref(), "key of 0000001");

    // Own variant, 400: INVALID_ARGUMENT; any UTF-8 in the detail arrives
    // as it was, line break included.
    let detail = "鍵 0000009\nwith a second line";
    let status = fail(&mut client, ASK, &format!("not-found:{detail}")).await;
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(status.message(), "Key not found in the keyVault");
    assert_eq!(skms_metadata(&status), ("40013", Some(detail.to_owned())));
    let received = decoded(&status);
    assert_eq!(
        received.error(),
        Some(&VaultError::KeyNotFound(detail.into()))
    );
    assert_eq!(
        (received.code(), received.message(), received.detail()),
        (40013, "Key not found in the keyVault", Some(detail))
    );

    // Transparent StandardError: its code, no detail, 401 UNAUTHENTICATED.
    let status = fail(&mut client, ASK, "standard").await;
    assert_eq!(status.code(), Code::Unauthenticated);
    assert_eq!(status.message(), "Invalid token");
    assert_eq!(skms_metadata(&status), ("40101", None));
    assert_eq!(
        decoded(&status).error(),
        Some(&VaultError::Standard(StandardError::InvalidToken))
    );

    // Transparent, and the field's variant chose its code.
    let status = fail(&mut client, ASK, "hsm").await;
    assert_eq!(status.code(), Code::FailedPrecondition);
    assert_eq!(skms_metadata(&status), ("61001", None));
    assert_eq!(
        decoded(&status).error(),
        Some(&VaultError::Hsm(HsmError::Locked))
    );

    // Chosen: ALREADY_EXISTS; the same status without a choice: ABORTED.
    let status = fail(&mut client, ASK, "exists:k-7").await;
    assert_eq!(status.code(), Code::AlreadyExists);
    assert_eq!(skms_metadata(&status), ("60409", Some("k-7".to_owned())));
    assert_eq!(
        decoded(&status).error(),
        Some(&VaultError::KeyExists("k-7".into()))
    );
    let status = fail(&mut client, ASK, "conflict").await;
    assert_eq!(status.code(), Code::Aborted);
    assert_eq!(decoded(&status).error(), Some(&VaultError::VersionConflict));

    // 5xx marked public: sent, UNAVAILABLE.
    let status = fail(&mut client, ASK, "sealed:until 09:00").await;
    assert_eq!(status.code(), Code::Unavailable);
    assert_eq!(
        skms_metadata(&status),
        ("60503", Some("until 09:00".to_owned()))
    );
    assert_eq!(
        decoded(&status).error(),
        Some(&VaultError::Sealed("until 09:00".into()))
    );
}

/// Metadata is bounded (h2 refuses a header list past 16 KiB by default):
/// without a bound, a detail past about 10 KB lost the whole error, the
/// client receiving a bare `INTERNAL` or `RESOURCE_EXHAUSTED`. The code and
/// the message always arrive; the detail arrives cut, and says so.
#[tokio::test]
async fn a_long_detail_arrives_cut_with_the_code_and_the_message() {
    let mut client = connect(serve(None).await).await;
    for bytes in [8 << 10, 16 << 10, 64 << 10, 1 << 20] {
        // Formatted from a field: "keyId : " and 4,088 bytes of input fit,
        // the 4,089th is inside a "鍵".
        let detail = format!("keyId : {}", long_input(bytes));
        let status = fail(&mut client, ASK, &format!("rejected:{bytes}")).await;
        assert_eq!(status.code(), Code::InvalidArgument, "{bytes}");
        assert_eq!(status.message(), "Key id rejected", "{bytes}");
        let mark = status.metadata().get(DETAIL_TRUNCATED_KEY).unwrap();
        assert_eq!(mark.to_str().unwrap(), detail.len().to_string());
        let (code, sent) = skms_metadata(&status);
        assert_eq!(code, "60400");
        let sent = sent.unwrap();
        assert_eq!(sent.len(), MAX_DETAIL_BYTES - 2, "{bytes}");
        assert_eq!(sent, detail[..MAX_DETAIL_BYTES - 2]);
        let received = decoded(&status);
        assert_eq!(
            (received.code(), received.message(), received.detail()),
            (60400, "Key id rejected", Some(sent.as_str()))
        );
        assert_eq!(received.detail_truncated(), Some(detail.len()));

        // A variant whose field is the detail: not rebuilt from a cut
        // detail, which would pass for the whole key id; the code stays.
        let input = long_input(bytes);
        let status = fail(&mut client, ASK, &format!("not-found:{input}")).await;
        assert_eq!(status.message(), "Key not found in the keyVault");
        let received = decoded(&status);
        assert_eq!((received.code(), received.error()), (40013, None));
        assert_eq!(received.detail(), Some(&input[..MAX_DETAIL_BYTES - 1]));
        assert_eq!(received.detail_truncated(), Some(bytes));
    }

    // At the limit, a detail arrives whole, unmarked, and rebuilds.
    let input = "k".repeat(MAX_DETAIL_BYTES);
    let status = fail(&mut client, ASK, &format!("not-found:{input}")).await;
    assert!(status.metadata().get(DETAIL_TRUNCATED_KEY).is_none());
    let received = decoded(&status);
    assert_eq!(received.error(), Some(&VaultError::KeyNotFound(input)));
    assert_eq!(received.detail_truncated(), None);

    // A hand-written message of 64 KB: cut too, the code intact.
    let status = fail(&mut client, ASK, "long-message").await;
    assert_eq!(skms_metadata(&status), ("60401", None));
    assert_eq!(status.message().len(), MAX_MESSAGE_BYTES - 1);
    assert!(LongMessage.message().starts_with(status.message()));
}

#[tokio::test]
async fn withheld_details_are_logged_never_sent() {
    let log = support::log::capture();
    let mut client = connect(serve(None).await).await;

    // 5xx, unmarked: withheld; the client still learns the code and the
    // message, and cannot rebuild a variant whose detail it did not get.
    let detail = "Connect to hsm.vault.internal:8080 [10.14.10.171] failed\nINFO forged line";
    let status = fail(&mut client, ASK, &format!("internal:{detail}")).await;
    assert_eq!(status.code(), Code::Internal);
    assert_eq!(
        status.message(),
        "An unexpected error has occurred in the internal system"
    );
    assert_eq!(skms_metadata(&status), ("50001", None));
    let received = decoded(&status);
    assert_eq!(
        (received.error(), received.code(), received.detail()),
        (None, 50001, None)
    );
    // Logged once, escaped: the line break cannot start a line of its own.
    let escaped = detail.replace('\n', "\\n");
    let logged = log.with_detail(&escaped);
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!(logged[0].level, Level::ERROR);
    assert_eq!(logged[0].target, "skms_core");
    assert_eq!(logged[0].field("code"), Some("50001"));
    assert_eq!(logged[0].field("status"), Some("500"));
    assert!(log.with_detail(detail).is_empty());

    // 4xx, marked internal: withheld, logged at INFO.
    let status = fail(&mut client, ASK, "signature:hmac 9f8e of tenant 42").await;
    assert_eq!(status.code(), Code::Unauthenticated);
    assert_eq!(skms_metadata(&status), ("60401", None));
    let logged = log.with_detail("hmac 9f8e of tenant 42");
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!(logged[0].level, Level::INFO);

    // Sent details are not logged.
    fail(&mut client, ASK, "not-found:sent-not-logged").await;
    assert!(log.with_detail("sent-not-logged").is_empty());
}

/// Partners see no detail, and a reference instead; administrators see
/// every detail. Each server puts its policy in force with the tower layer
/// of `DetailPolicy`, around tonic's router.
const PARTNER: DetailPolicy = DetailPolicy::DEFAULT
    .show_client_error_details(false)
    .refer_to_withheld_details(true);
const ADMIN: DetailPolicy = DetailPolicy::DEFAULT.show_server_error_details(true);

#[tokio::test]
async fn a_layer_answers_with_its_own_policy() {
    let log = support::log::capture();
    let mut partner = connect(serve(Some(PARTNER)).await).await;
    let mut admin = connect(serve(Some(ADMIN)).await).await;

    for (kind, detail) in [("internal", "partner-5xx"), ("not-found", "partner-4xx")] {
        let status = fail(&mut partner, ASK, &format!("{kind}:{detail}")).await;
        let (_, sent) = skms_metadata(&status);
        let sent = sent.expect("a reference");
        let digits = sent.strip_prefix("ref : ").expect("a reference");
        assert!(
            digits.len() == 16 && digits.bytes().all(|b| b.is_ascii_hexdigit()),
            "{sent}"
        );
        let logged = log.with_detail(detail);
        assert_eq!(logged.len(), 1, "{logged:?}");
        assert_eq!(logged[0].field("reference"), Some(digits));
        // The client receives the reference as the detail, as over HTTP.
        assert_eq!(decoded(&status).detail(), Some(sent.as_str()));
    }

    let status = fail(&mut admin, ASK, "internal:admin-5xx").await;
    assert_eq!(
        skms_metadata(&status),
        ("50001", Some("admin-5xx".to_owned()))
    );
    assert_eq!(
        decoded(&status).error(),
        Some(&VaultError::Internal("admin-5xx".into()))
    );
    assert!(log.with_detail("admin-5xx").is_empty());
    // Marked internal stays internal, whatever the policy.
    let status = fail(&mut admin, ASK, "signature:admin-internal").await;
    assert_eq!(skms_metadata(&status), ("60401", None));
    assert_eq!(log.with_detail("admin-internal").len(), 1);
}

/// The README's setup: the installed policy strict (the default), the
/// administrators' server permissive through its layer. A response stream
/// is polled as the response body, after the layer's future has finished:
/// the layer answers the errors it yields all the same.
/// tests/policy_streams.rs checks the other way round.
#[tokio::test]
async fn a_layer_answers_the_errors_of_a_response_stream() {
    let log = support::log::capture();
    let mut admin = connect(serve_stream(Some(ADMIN)).await).await;
    let mut public = connect(serve_stream(None).await).await;
    let mut partner = connect(serve_stream(Some(PARTNER)).await).await;

    let status = fail_in_stream(&mut admin, "internal:stream-admin-5xx").await;
    assert_eq!(status.code(), Code::Internal);
    assert_eq!(
        skms_metadata(&status),
        ("50001", Some("stream-admin-5xx".to_owned()))
    );
    assert_eq!(
        decoded(&status).error(),
        Some(&VaultError::Internal("stream-admin-5xx".into()))
    );
    assert!(log.with_detail("stream-admin-5xx").is_empty());

    // Without a layer, the installed policy: withheld, logged once.
    let status = fail_in_stream(&mut public, "internal:stream-public-5xx").await;
    assert_eq!(skms_metadata(&status), ("50001", None));
    assert_eq!(log.with_detail("stream-public-5xx").len(), 1);

    // A 4xx detail, which the installed policy would send: the partners'
    // layer sends a reference instead.
    let status = fail_in_stream(&mut partner, "not-found:stream-partner-4xx").await;
    let (code, sent) = skms_metadata(&status);
    assert_eq!(code, "40013");
    assert!(sent.expect("a reference").starts_with("ref : "));
    let logged = log.with_detail("stream-partner-4xx");
    assert_eq!(logged.len(), 1, "{logged:?}");
}

#[tokio::test]
async fn other_statuses_are_not_guessed() {
    let mut client = connect(serve(None).await).await;

    // A plain gRPC failure: no SKMS code, nothing decoded.
    let status = fail(&mut client, "/skms.test.Vault/Missing", "key:1").await;
    assert_eq!(status.code(), Code::Unimplemented);
    assert_eq!(Decoded::<VaultError>::from_status(&status), Ok(None));
    let status = fail(&mut client, ASK, "nonsense").await;
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(Decoded::<VaultError>::from_status(&status), Ok(None));

    // SKMS metadata that no SKMS server writes: an error that says what.
    for (asked, kind, text) in [
        (
            "forged-code",
            StatusDecodeErrorKind::CodeNotInteger,
            r#"invalid SKMS status: `skms-code` must be an integer within u32, found "40O13""#,
        ),
        // A code is read one way everywhere: no leading zero, no sign.
        (
            "zero-code",
            StatusDecodeErrorKind::CodeLeadingZero,
            r#"invalid SKMS status: `skms-code` must be written without a leading zero, found "0040013""#,
        ),
        (
            "signed-code",
            StatusDecodeErrorKind::CodeNotInteger,
            r#"invalid SKMS status: `skms-code` must be an integer within u32, found "+40013""#,
        ),
        (
            "two-codes",
            StatusDecodeErrorKind::DuplicateCode,
            "invalid SKMS status: `skms-code` must appear once",
        ),
        (
            "detail-alone",
            StatusDecodeErrorKind::DetailWithoutCode,
            "invalid SKMS status: `skms-detail-bin` comes without `skms-code`",
        ),
        (
            "not-utf8",
            StatusDecodeErrorKind::DetailNotUtf8,
            "invalid SKMS status: `skms-detail-bin` must be UTF-8 once decoded, found \"\u{fffd}\u{fffd}\"",
        ),
    ] {
        let status = fail(&mut client, ASK, asked).await;
        let error = Decoded::<VaultError>::from_status(&status).unwrap_err();
        assert_eq!(error.kind(), kind, "{asked}");
        assert_eq!(error.to_string(), text, "{asked}");
    }
}

/// However many zeros lead it, `skms-code` is not read as the code after
/// them; what the error quotes of it is cut short, and its source says
/// what is wrong with the text.
#[test]
fn leading_zeros_are_refused_however_many() {
    for zeros in [1, 2, 100_000] {
        let mut status = Status::internal("Key not found in the keyVault");
        let code = format!("{}40013", "0".repeat(zeros));
        status
            .metadata_mut()
            .insert("skms-code", code.parse().unwrap());
        let error = Decoded::<VaultError>::from_status(&status).unwrap_err();
        assert_eq!(error.kind(), StatusDecodeErrorKind::CodeLeadingZero);
        let source = std::error::Error::source(&error).unwrap();
        assert_eq!(
            source.downcast_ref::<skms_core::ParseCodeError>(),
            Some(&skms_core::ParseCodeError::LeadingZero)
        );
        let quoted = if code.len() > 40 {
            format!("{}...", &code[..40])
        } else {
            code.clone()
        };
        assert_eq!(
            error.to_string(),
            format!(
                "invalid SKMS status: `skms-code` must be written without a leading zero, found \"{quoted}\""
            )
        );
    }
    let mut status = Status::internal("m");
    status
        .metadata_mut()
        .insert("skms-code", "40O13".parse().unwrap());
    let error = Decoded::<VaultError>::from_status(&status).unwrap_err();
    assert_eq!(
        std::error::Error::source(&error).unwrap().to_string(),
        "a code must be ASCII digits; byte 2 is not one"
    );
}

/// `skms-code` is read by `skms_core::parse_code`: each way of failing it
/// has its kind, with the reason as the source.
#[test]
fn skms_code_is_read_as_every_code_is() {
    use skms_core::ParseCodeError;
    for (text, kind, reason) in [
        (
            "",
            StatusDecodeErrorKind::CodeNotInteger,
            ParseCodeError::Empty,
        ),
        (
            "+40013",
            StatusDecodeErrorKind::CodeNotInteger,
            ParseCodeError::NotDigit { position: 0 },
        ),
        (
            "40013 ",
            StatusDecodeErrorKind::CodeNotInteger,
            ParseCodeError::NotDigit { position: 5 },
        ),
        (
            "040013",
            StatusDecodeErrorKind::CodeLeadingZero,
            ParseCodeError::LeadingZero,
        ),
        (
            "4294967296",
            StatusDecodeErrorKind::CodeOutOfRange,
            ParseCodeError::TooLarge,
        ),
    ] {
        let mut status = Status::internal("m");
        status
            .metadata_mut()
            .insert("skms-code", MetadataValue::try_from(text).unwrap());
        let error = Decoded::<VaultError>::from_status(&status).unwrap_err();
        assert_eq!(error.kind(), kind, "{text:?}");
        let source = std::error::Error::source(&error).unwrap();
        assert_eq!(
            source.downcast_ref::<ParseCodeError>(),
            Some(&reason),
            "{text:?}"
        );
    }
    let mut status = Status::internal("m");
    status
        .metadata_mut()
        .insert("skms-code", MetadataValue::from_static("4294967295"));
    let decoded = Decoded::<VaultError>::from_status(&status)
        .unwrap()
        .unwrap();
    assert_eq!(decoded.code(), u32::MAX);
}

/// A status that says `Ok` is no SKMS error, whatever its metadata says:
/// refused, neither decoded as the code it carries nor taken for no error.
#[test]
fn a_code_on_a_success_is_refused() {
    let mut metadata = tonic::metadata::MetadataMap::new();
    metadata.insert("skms-code", "40013".parse().unwrap());
    let status = Status::with_metadata(Code::Ok, "Key not found in the keyVault", metadata.clone());
    let error = Decoded::<VaultError>::from_status(&status).unwrap_err();
    assert_eq!(error.kind(), StatusDecodeErrorKind::CodeOnSuccess);
    assert_eq!(
        error.to_string(),
        "invalid SKMS status: `skms-code` comes on a status whose code is `Ok`"
    );
    // The same metadata on a failure is an SKMS error.
    let status = Status::with_metadata(
        Code::InvalidArgument,
        "Key not found in the keyVault",
        metadata,
    );
    assert_eq!(
        Decoded::<VaultError>::from_status(&status)
            .unwrap()
            .unwrap()
            .code(),
        40013
    );
}

/// Every name the attribute takes is the `tonic::Code` of that name: the
/// derive writes a number, and this is where the numbers meet tonic's.
#[test]
fn every_grpc_name_is_tonics_code() {
    #[derive(Debug, SkmsError)]
    enum Chosen {
        #[skms(code = 1, status = 400, msg = "m", grpc = "cancelled")]
        Cancelled,
        #[skms(code = 2, status = 400, msg = "m", grpc = "unknown")]
        Unknown,
        #[skms(code = 3, status = 500, msg = "m", grpc = "invalid_argument")]
        InvalidArgument,
        #[skms(code = 4, status = 400, msg = "m", grpc = "deadline_exceeded")]
        DeadlineExceeded,
        #[skms(code = 5, status = 400, msg = "m", grpc = "not_found")]
        NotFound,
        #[skms(code = 6, status = 400, msg = "m", grpc = "already_exists")]
        AlreadyExists,
        #[skms(code = 7, status = 400, msg = "m", grpc = "permission_denied")]
        PermissionDenied,
        #[skms(code = 8, status = 400, msg = "m", grpc = "resource_exhausted")]
        ResourceExhausted,
        #[skms(code = 9, status = 500, msg = "m", grpc = "failed_precondition")]
        FailedPrecondition,
        #[skms(code = 10, status = 400, msg = "m", grpc = "aborted")]
        Aborted,
        #[skms(code = 11, status = 400, msg = "m", grpc = "out_of_range")]
        OutOfRange,
        #[skms(code = 12, status = 400, msg = "m", grpc = "unimplemented")]
        Unimplemented,
        #[skms(code = 13, status = 400, msg = "m", grpc = "internal")]
        Internal,
        #[skms(code = 14, status = 400, msg = "m", grpc = "unavailable")]
        Unavailable,
        #[skms(code = 15, status = 400, msg = "m", grpc = "data_loss")]
        DataLoss,
        #[skms(code = 16, status = 500, msg = "m", grpc = "unauthenticated")]
        Unauthenticated,
        #[skms(code = 17, status = 400, msg = "m")]
        ByStatus,
    }
    use skms_core::Catalog;
    let expected = [
        (Chosen::Cancelled, Code::Cancelled),
        (Chosen::Unknown, Code::Unknown),
        (Chosen::InvalidArgument, Code::InvalidArgument),
        (Chosen::DeadlineExceeded, Code::DeadlineExceeded),
        (Chosen::NotFound, Code::NotFound),
        (Chosen::AlreadyExists, Code::AlreadyExists),
        (Chosen::PermissionDenied, Code::PermissionDenied),
        (Chosen::ResourceExhausted, Code::ResourceExhausted),
        (Chosen::FailedPrecondition, Code::FailedPrecondition),
        (Chosen::Aborted, Code::Aborted),
        (Chosen::OutOfRange, Code::OutOfRange),
        (Chosen::Unimplemented, Code::Unimplemented),
        (Chosen::Internal, Code::Internal),
        (Chosen::Unavailable, Code::Unavailable),
        (Chosen::DataLoss, Code::DataLoss),
        (Chosen::Unauthenticated, Code::Unauthenticated),
        (Chosen::ByStatus, Code::InvalidArgument),
    ];
    for (error, code) in expected {
        assert_eq!(skms_core::tonic::code(&error), code, "{error:?}");
        assert_eq!(Status::from(error).code(), code);
    }
    // The entries, too; their SKMS codes are the values of the gRPC codes
    // they choose, but the last, which follows its status.
    for entry in Chosen::ENTRIES {
        let expected = match entry.code {
            17 => Code::InvalidArgument,
            chosen => Code::from_i32(i32::try_from(chosen).unwrap()),
        };
        assert_eq!(entry.grpc_code(), expected, "{entry:?}");
    }
    // Through a pointer and a trait object, the choice stays.
    // Every variant comes back as itself (issue 21, item 7).
    round_trip::round_trips_debug(&[
        Chosen::Cancelled,
        Chosen::Unknown,
        Chosen::InvalidArgument,
        Chosen::DeadlineExceeded,
        Chosen::NotFound,
        Chosen::AlreadyExists,
        Chosen::PermissionDenied,
        Chosen::ResourceExhausted,
        Chosen::FailedPrecondition,
        Chosen::Aborted,
        Chosen::OutOfRange,
        Chosen::Unimplemented,
        Chosen::Internal,
        Chosen::Unavailable,
        Chosen::DataLoss,
        Chosen::Unauthenticated,
        Chosen::ByStatus,
    ]);
    let boxed: Box<dyn SkmsError> = Box::new(Chosen::DataLoss);
    assert_eq!(skms_core::tonic::code(&*boxed), Code::DataLoss);
    assert_eq!(skms_core::tonic::code(&&Chosen::Aborted), Code::Aborted);
}

/// A variant that reuses a standard code may choose its gRPC code: the entry
/// keeps both marks (they share a byte), and the standard entry is untouched.
#[test]
fn a_reused_standard_code_can_choose_its_grpc_code() {
    use skms_core::Catalog;

    #[derive(Debug, SkmsError)]
    enum KmsError {
        #[skms(code = 40013, grpc = "not_found")]
        KeyNotFound,
        #[skms(transparent)]
        Standard(StandardError),
    }
    let entry = KmsError::lookup(40013).unwrap();
    assert!(entry.reuses_standard());
    assert_eq!((entry.status, entry.grpc_code()), (400, Code::NotFound));
    assert_eq!(Status::from(KmsError::KeyNotFound).code(), Code::NotFound);
    let standard = StandardError::lookup(40013).unwrap();
    assert!(!standard.reuses_standard());
    assert_eq!(standard.grpc_code(), Code::InvalidArgument);
    assert_eq!(
        Status::from(KmsError::Standard(StandardError::KeyNotFound)).code(),
        Code::InvalidArgument
    );
    // From its JSON body, the standard error comes back as the variant
    // that reuses its code: the same body (issue 21, item 7).
    round_trip::round_trips_debug(&[KmsError::KeyNotFound]);
    let back = round_trip::decoded(&KmsError::Standard(StandardError::KeyNotFound));
    assert!(matches!(back, Some(KmsError::KeyNotFound)), "{back:?}");
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant comes back as itself from its JSON body (the gRPC round
/// trips are the tests above) (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    let mut values = vec![
        VaultError::KeyNotFound(String::new()),
        VaultError::Internal("hsm\ntimeout".into()),
        VaultError::Sealed("🔒".into()),
        VaultError::BadSignature("sig".into()),
        VaultError::KeyExists("k".into()),
        VaultError::Rejected {
            input: "keyId : ".into(),
        },
        VaultError::VersionConflict,
        VaultError::Hsm(HsmError::Locked),
    ];
    values.extend(
        StandardError::ALL
            .into_iter()
            .filter(|error| ![40013, 50001].contains(&error.code()))
            .map(VaultError::Standard),
    );
    round_trip::round_trips(&values);
    round_trip::round_trips(&[HsmError::Locked]);
}
