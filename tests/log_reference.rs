//! A reference that a client quotes must be in the log: with
//! `refer_to_withheld_details(true)`, a reference is sent in place of a
//! withheld detail only when the event that logs the detail is recorded.
//! Here real servers on 127.0.0.1 answer under a subscriber whose filter the
//! test changes: at WARN (a 4xx detail's INFO event filtered out), with
//! skms-core's target off (`info,skms_core=off`), and at INFO; `fmt`'s
//! output is captured, and each reference the client receives must be the
//! one of a logged line.
//!
//! Its own test binary: it installs the process-wide subscriber and detail
//! policy.

#![cfg(any(feature = "axum", feature = "actix-web"))]

#[macro_use]
mod support;

use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use skms_core::{DetailPolicy, SkmsError};
use tracing::level_filters::LevelFilter;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::{reload, Registry};

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
}

/// The captured `fmt` output, and the handle that changes the filter in
/// front of it.
struct Log {
    output: Arc<Mutex<Vec<u8>>>,
    filter: reload::Handle<Targets, Registry>,
    /// One test at a time: the filter is the whole process's.
    turn: Mutex<()>,
}

fn log() -> &'static Log {
    static LOG: OnceLock<Log> = OnceLock::new();
    LOG.get_or_init(|| {
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        let (filter, handle) = reload::Layer::new(Targets::new().with_default(LevelFilter::INFO));
        let subscriber = tracing_subscriber::registry().with(filter).with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(move || Sink(Arc::clone(&sink))),
        );
        tracing::subscriber::set_global_default(subscriber).unwrap();
        DetailPolicy::DEFAULT
            .refer_to_withheld_details(true)
            .install()
            .unwrap();
        Log {
            output,
            filter: handle,
            turn: Mutex::new(()),
        }
    })
}

impl Log {
    /// The turn of one test, with the filter at `targets`.
    fn filtered(&self, targets: Targets) -> MutexGuard<'_, ()> {
        let turn = self
            .turn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        self.filter.reload(targets).unwrap();
        turn
    }

    /// The lines of the output that name `key`.
    fn lines_with(&self, key: &str) -> Vec<String> {
        let output = String::from_utf8(self.output.lock().unwrap().clone()).unwrap();
        output
            .lines()
            .filter(|line| line.contains(key))
            .map(str::to_owned)
            .collect()
    }
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

/// Asks the server at `address` for an error of `kind` about `key`: the
/// status and the reference that the body carries, if any.
fn ask(address: SocketAddr, kind: &str, key: &str) -> (u16, Option<String>) {
    let answer = support::tcp::get(address, &format!("/{kind}/{key}"), &[]);
    let reference = answer
        .body
        .split_once(r#","detail":"ref : "#)
        .map(|(_, rest)| {
            rest.strip_suffix(r#""}"#)
                .unwrap_or_else(|| panic!("{}", answer.body))
                .to_owned()
        });
    assert!(!answer.body.contains(key), "{}", answer.body);
    (answer.status, reference)
}

/// Checks that `reference` is sixteen lowercase hexadecimal digits, and the
/// `reference` of the one logged line that names `key`.
fn assert_logged(reference: &str, key: &str) {
    assert_eq!(reference.len(), 16, "{reference}");
    assert!(
        reference
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
        "{reference}"
    );
    let lines = log().lines_with(key);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let pairs = support::log::logfmt(&lines[0]);
    assert_eq!(
        support::log::values(&pairs, "reference"),
        [reference],
        "{}",
        lines[0]
    );
}

fn check_server(address: SocketAddr, server: &str) {
    let log = log();

    // WARN: a 4xx detail's INFO event is filtered out, so no reference; a
    // 5xx detail's ERROR event is recorded, with the reference sent.
    {
        let _turn = log.filtered(Targets::new().with_default(LevelFilter::WARN));
        let key = format!("{server}-warn-4xx");
        assert_eq!(ask(address, "expired", &key), (401, None));
        assert_eq!(log.lines_with(&key), Vec::<String>::new());
        let key = format!("{server}-warn-5xx");
        let (status, reference) = ask(address, "internal", &key);
        assert_eq!(status, 500);
        assert_logged(&reference.expect("a reference"), &key);
    }

    // `info,skms_core=off`: nothing of skms-core is recorded, no reference
    // is sent.
    {
        let _turn = log.filtered(
            Targets::new()
                .with_default(LevelFilter::INFO)
                .with_target("skms_core", LevelFilter::OFF),
        );
        for kind in ["expired", "internal"] {
            let key = format!("{server}-off-{kind}");
            let (_, reference) = ask(address, kind, &key);
            assert_eq!(reference, None, "{kind}");
            assert_eq!(log.lines_with(&key), Vec::<String>::new());
        }
    }

    // INFO: both recorded, both referred to.
    {
        let _turn = log.filtered(Targets::new().with_default(LevelFilter::INFO));
        for kind in ["expired", "internal"] {
            let key = format!("{server}-info-{kind}");
            let (_, reference) = ask(address, kind, &key);
            assert_logged(&reference.expect("a reference"), &key);
        }
    }
}

fn error_of(kind: &str, key: String) -> VaultError {
    if kind == "expired" {
        VaultError::Expired(key)
    } else {
        VaultError::Internal(key)
    }
}

#[cfg(feature = "axum")]
#[test]
fn axum_sends_a_reference_only_when_it_is_logged() {
    use axum::extract::Path;

    async fn fail(Path((kind, key)): Path<(String, String)>) -> VaultError {
        error_of(&kind, key)
    }

    let _ = log();
    let router = axum::Router::new().route("/{kind}/{key}", axum::routing::get(fail));
    let server = support::servers::axum(router);
    check_server(server.address, "axum");
}

#[cfg(feature = "actix-web")]
#[test]
fn actix_web_sends_a_reference_only_when_it_is_logged() {
    use actix_web::{web, App};

    async fn fail(path: web::Path<(String, String)>) -> Result<&'static str, VaultError> {
        let (kind, key) = path.into_inner();
        Err(error_of(&kind, key))
    }

    let _ = log();
    let server = support::servers::actix(actix_server!(
        || App::new().route("/{kind}/{key}", web::get().to(fail))
    ));
    check_server(server.address, "actix");
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant comes back as itself (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    round_trip::round_trips(&[
        VaultError::Internal(String::new()),
        VaultError::Internal("HSM timed out for key k\n".into()),
        VaultError::Expired(" expired".into()),
    ]);
}
