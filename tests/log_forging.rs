//! A detail is often client input: a key id from the URL. Logged as it is,
//! a withheld detail could write a second log line that reads like a real
//! event (CWE-117), or send escape sequences to the terminal. Here real
//! servers on 127.0.0.1 answer a hostile request, `tracing-subscriber`'s
//! default `fmt` output is captured, and the log must hold the detail on the
//! event's own line, escaped, with the reference that the client received.
//! A key=value (logfmt) reader of that line must find the event's own
//! `code`, `status`, `detail` and `reference`, once each, whatever `key=value`
//! text the detail holds, and a detail of megabytes must not make a line of
//! megabytes.
//!
//! Its own test binary: it installs the process-wide subscriber and detail
//! policy.

#![cfg(any(feature = "axum", feature = "actix-web"))]

#[macro_use]
mod support;

use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};

use skms_core::{DetailPolicy, SkmsError};

#[derive(Debug, PartialEq, SkmsError)]
enum VaultError {
    /// 5xx, unmarked: withheld and logged at ERROR.
    #[skms(
        code = 50001,
        status = 500,
        msg = "An unexpected error has occurred in the internal system",
        detail = "HSM timed out for key {0}"
    )]
    Internal(String),
    /// 4xx, internal: withheld and logged at INFO.
    #[skms(
        code = 40101,
        status = 401,
        msg = "Invalid token",
        detail = "token of key {0} expired",
        internal_detail
    )]
    Expired(String),
    /// 4xx, unmarked: sent to the client, not logged.
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {0}"
    )]
    KeyNotFound(String),
    /// 5xx, unmarked, of 5 MB: logged cut.
    #[skms(
        code = 50002,
        status = 500,
        msg = "An unexpected error has occurred in the internal system",
        detail = "{0}: {1}"
    )]
    Long(String, String),
}

impl VaultError {
    fn of(kind: &str, key_id: String) -> VaultError {
        match kind {
            "internal" => VaultError::Internal(key_id),
            "expired" => VaultError::Expired(key_id),
            "long" => VaultError::Long(key_id, "é".repeat(LONG / 2)),
            _ => VaultError::KeyNotFound(key_id),
        }
    }
}

/// A forged event after a line break, an ANSI sequence that clears the
/// screen, and every other kind of character that ends a line or controls a
/// terminal, percent-encoded in the path as a client sends them.
const FORGED: &str = "%0A2026-11-30T00:00:00.000000Z%20%20INFO%20audit:%20admin%20login%20ok\
     %0D%1B[2J%7F%C2%85%C2%9B%E2%80%A8%E2%80%A9%E2%80%AE%09end\
     %20reference=00000000%20code=40101%20status=401%20detail=%22x%5C%22%20y=%22";

/// What the decoded detail must look like in the log: each character escaped.
const FORGED_LOGGED: &str = r#"\n2026-11-30T00:00:00.000000Z  INFO audit: admin login ok\r\u{1b}[2J\u{7f}\u{85}\u{9b}\u{2028}\u{2029}\u{202e}\tend reference=00000000 code=40101 status=401 detail="x\\" y=""#;

/// The bytes of the long detail after its key id.
const LONG: usize = 5_000_000;

/// The `fmt` subscriber's output, as it would reach a file or a terminal.
fn log() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOG.get_or_init(|| {
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&log);
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || Sink(Arc::clone(&sink)))
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
        DetailPolicy::DEFAULT
            .refer_to_withheld_details(true)
            .install()
            .unwrap();
        log
    })
}

struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `GET path`: the status and the body.
fn get(address: SocketAddr, path: &str) -> (u16, String) {
    let answer = support::tcp::get(address, path, &[]);
    (answer.status, answer.body)
}

/// Sends the hostile requests to the server at `address`, whose key ids
/// start with `server`, and checks what the client and the log received.
fn check_server(address: SocketAddr, server: &str) {
    let log = log();

    // 5xx: withheld, a reference in its place, logged at ERROR.
    let key = format!("{server}-internal");
    let (status, body) = get(address, &format!("/internal/{key}{FORGED}"));
    assert_eq!(status, 500);
    let prefix = r#"{"code":50001,"message":"An unexpected error has occurred in the internal system","detail":"ref : "#;
    let reference = body
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(r#""}"#))
        .unwrap_or_else(|| panic!("{body}"));
    assert_eq!(reference.len(), 16, "{reference}");
    assert!(reference
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    let line = logged_line(log, &key);
    assert!(line.contains(" ERROR skms_core: [50001] "), "{line}");
    let fields = event_fields(&line);
    assert_eq!(fields.code, "50001", "{line}");
    assert_eq!(fields.status, "500", "{line}");
    assert_eq!(fields.reference.as_deref(), Some(reference), "{line}");
    assert_eq!(
        fields.detail,
        format!("HSM timed out for key {key}{FORGED_LOGGED}"),
        "{line}"
    );
    assert_eq!(fields.detail_len, None, "{line}");

    // 4xx marked internal: withheld, logged at INFO.
    let key = format!("{server}-expired");
    let (status, body) = get(address, &format!("/expired/{key}{FORGED}"));
    assert_eq!(status, 401);
    let reference = body
        .strip_prefix(r#"{"code":40101,"message":"Invalid token","detail":"ref : "#)
        .and_then(|rest| rest.strip_suffix(r#""}"#))
        .unwrap_or_else(|| panic!("{body}"));
    let line = logged_line(log, &key);
    assert!(line.contains("  INFO skms_core: [40101] "), "{line}");
    let fields = event_fields(&line);
    assert_eq!(fields.code, "40101", "{line}");
    assert_eq!(fields.status, "401", "{line}");
    assert_eq!(fields.reference.as_deref(), Some(reference), "{line}");
    assert_eq!(
        fields.detail,
        format!("token of key {key}{FORGED_LOGGED} expired"),
        "{line}"
    );

    // 5 MB of detail: the first 2048 bytes logged, cut at a character
    // boundary, and the whole length beside them.
    let key = format!("{server}-long");
    let (status, body) = get(address, &format!("/long/{key}"));
    assert_eq!(status, 500);
    assert!(body.contains(r#","detail":"ref : "#), "{body}");
    let line = logged_line(log, &key);
    assert!(line.len() < 3000, "a line of {} bytes", line.len());
    let fields = event_fields(&line);
    assert_eq!(fields.code, "50002", "{line}");
    let detail = format!("{key}: {}", "é".repeat(LONG / 2));
    assert_eq!(fields.detail_len, Some(detail.len().to_string()), "{line}");
    assert!(detail.starts_with(&fields.detail), "{line}");
    assert!(
        (2047..=2048).contains(&fields.detail.len()),
        "{}",
        fields.detail.len()
    );

    // 4xx unmarked: sent, JSON-escaped; nothing logged.
    let key = format!("{server}-not-found");
    let (status, body) = get(address, &format!("/not-found/{key}%0Aok"));
    assert_eq!(status, 400);
    assert_eq!(
        body,
        format!(
            r#"{{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : {key}\nok"}}"#
        )
    );
    let output = String::from_utf8(log.lock().unwrap().clone()).unwrap();
    assert!(!output.contains(&key), "{output}");
}

/// The fields of a withheld-detail event, as a key=value reader finds them
/// in its line: each of `code`, `status`, `detail` once, `reference` and
/// `detail_len` at most once.
struct EventFields {
    code: String,
    status: String,
    detail: String,
    reference: Option<String>,
    detail_len: Option<String>,
}

fn event_fields(line: &str) -> EventFields {
    let pairs = support::log::logfmt(line);
    let one = |key: &str| -> Option<String> {
        let values = support::log::values(&pairs, key);
        assert!(values.len() <= 1, "{key} {values:?} in {line}");
        values.first().map(|value| (*value).to_owned())
    };
    EventFields {
        code: one("code").unwrap_or_else(|| panic!("no code: {line}")),
        status: one("status").unwrap_or_else(|| panic!("no status: {line}")),
        detail: one("detail").unwrap_or_else(|| panic!("no detail: {line}")),
        reference: one("reference"),
        detail_len: one("detail_len"),
    }
}

/// The one line of the log that names `key`, once the whole log is known to
/// hold nothing that a terminal would take for a line break or a control.
fn logged_line(log: &Mutex<Vec<u8>>, key: &str) -> String {
    let output = String::from_utf8(log.lock().unwrap().clone()).unwrap();
    for c in output.chars() {
        assert!(
            c == '\n' || !(c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202e}')),
            "{c:?} reached the log raw: {output}"
        );
    }
    assert!(
        !output
            .lines()
            .any(|line| line.starts_with("2026-11-30T00:00:00.000000Z")),
        "a forged line: {output}"
    );
    let lines: Vec<&str> = output.lines().filter(|line| line.contains(key)).collect();
    assert_eq!(lines.len(), 1, "{output}");
    lines[0].to_owned()
}

#[cfg(feature = "axum")]
#[test]
fn axum_logs_hostile_details_on_one_escaped_line() {
    use axum::extract::Path;

    async fn fail(Path((kind, key_id)): Path<(String, String)>) -> VaultError {
        VaultError::of(&kind, key_id)
    }

    let _ = log();
    let router = axum::Router::new().route("/{kind}/{key_id}", axum::routing::get(fail));
    let server = support::servers::axum(router);
    check_server(server.address, "axum");
}

#[cfg(feature = "actix-web")]
#[test]
fn actix_web_logs_hostile_details_on_one_escaped_line() {
    use actix_web::{web, App};

    async fn fail(path: web::Path<(String, String)>) -> Result<&'static str, VaultError> {
        let (kind, key_id) = path.into_inner();
        Err(VaultError::of(&kind, key_id))
    }

    let _ = log();
    let server = support::servers::actix(actix_server!(
        || App::new().route("/{kind}/{key_id}", web::get().to(fail))
    ));
    check_server(server.address, "actix");
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant comes back as itself, with the forged lines and escape
/// sequences of the tests above as values; a `": "` in `Long`'s first field
/// splits the detail there (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    let forged = "k1\n2026-12-04T10:00:00Z INFO login ok user=admin\r\u{1b}[2J\u{7f}";
    let values: Vec<VaultError> = [forged, "", "keyId : k", "é 🔑"]
        .into_iter()
        .flat_map(|text| {
            [
                VaultError::Internal(text.into()),
                VaultError::Expired(text.into()),
                VaultError::KeyNotFound(text.into()),
                VaultError::Long(String::new(), text.into()),
                VaultError::Long("a".into(), text.into()),
            ]
        })
        .collect();
    round_trip::round_trips(&values);
    round_trip::comes_back_as(
        &VaultError::Long("a: b".into(), "c".into()),
        &VaultError::Long("a".into(), "b: c".into()),
    );
}
