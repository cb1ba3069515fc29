//! The `http` integration and the detail policy, without a server: the
//! conversions of derived types into `http::StatusCode` and
//! `http::Response`, what the policy sends and withholds, and what it logs.

#![cfg(feature = "http")]

mod support;

use std::borrow::Cow;
use std::fmt::Display;

use http::{Response, StatusCode};
use skms_core::{DetailExposure, DetailPolicy, ErrorBody, SkmsError, StandardError};
use tracing::Level;

#[derive(Debug, PartialEq, SkmsError)]
enum VaultError<'a, T: Display> {
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {key_id}"
    )]
    KeyNotFound { key_id: T },
    #[skms(
        code = 50001,
        status = 500,
        msg = "An unexpected error has occurred in the internal system",
        detail = "{0}"
    )]
    Internal(&'a str),
    #[skms(code = 60003, status = 503, msg = "Sealed \"vault\"\n")]
    Sealed,
    #[skms(transparent)]
    Standard(StandardError),
}

/// Every detail of the type is internal, 4xx or not.
#[derive(Debug, PartialEq, SkmsError)]
#[skms(internal_detail)]
enum AuthError {
    #[skms(
        code = 40101,
        status = 401,
        msg = "Invalid token",
        detail = "token {0} expired"
    )]
    Expired(u32),
}

/// A transparent variant takes the exposure of its field.
#[derive(Debug, PartialEq, SkmsError)]
enum Service {
    #[skms(transparent)]
    Auth(AuthError),
}

#[derive(Debug, PartialEq, SkmsError)]
#[skms(
    code = 50002,
    status = 500,
    msg = "SCI Connection failed",
    detail = "{0}",
    public_detail
)]
struct SciDown(&'static str);

type Vault<'a> = VaultError<'a, u32>;

#[test]
fn derived_types_convert_into_status_codes() {
    let error: Vault = VaultError::KeyNotFound { key_id: 9 };
    assert_eq!(StatusCode::from(&error), StatusCode::BAD_REQUEST);
    assert_eq!(StatusCode::from(error), StatusCode::BAD_REQUEST);
    let sealed: StatusCode = Vault::Sealed.into();
    assert_eq!(sealed, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        StatusCode::from(&StandardError::PermissionDenied),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        StatusCode::from(Vault::Standard(StandardError::InternalError)),
        500
    );
    assert_eq!(StatusCode::from(SciDown("x")), 500);
    for error in StandardError::ALL {
        assert_eq!(StatusCode::from(error).as_u16(), error.status());
        assert_eq!(
            skms_core::http::status_code(&error).as_u16(),
            error.status()
        );
    }
}

/// A body type of one's own: anything that converts from `Vec<u8>`.
struct Body(Vec<u8>);

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body(bytes)
    }
}

#[test]
fn derived_types_convert_into_responses() {
    let response: Response<Vec<u8>> = Vault::KeyNotFound { key_id: 9 }.into();
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers().len(), 1);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(
        response.body(),
        br#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 9"}"#
    );

    let response = Response::<Body>::from(StandardError::InvalidToken);
    assert_eq!(response.status(), 401);
    assert_eq!(
        response.body().0,
        br#"{"code":40101,"message":"Invalid token"}"#
    );

    let response = skms_core::http::response::<Vec<u8>, dyn SkmsError>(&SciDown("later"));
    assert_eq!(response.status(), 500);
    assert_eq!(
        response.body(),
        br#"{"code":50002,"message":"SCI Connection failed","detail":"later"}"#
    );
}

#[test]
fn the_default_policy_sends_4xx_details_and_withholds_5xx_ones() {
    let policy = DetailPolicy::DEFAULT;
    assert_eq!(DetailPolicy::default(), policy);
    assert!(policy.shows_client_error_details());
    assert!(!policy.shows_server_error_details());
    assert!(policy.logs_withheld_details());

    let cases: [(&dyn SkmsError, Option<&str>); 6] = [
        (&Vault::KeyNotFound { key_id: 9 }, Some("keyId : 9")),
        (&Vault::Internal("disk /dev/sda1 full on 10.0.0.7"), None),
        (&Vault::Sealed, None),
        (&AuthError::Expired(3), None),
        (&Service::Auth(AuthError::Expired(4)), None),
        (&SciDown("retry"), Some("retry")),
    ];
    for (error, detail) in cases {
        let sent = policy.body(error);
        assert_eq!(sent.code, error.code());
        assert_eq!(sent.message, error.message());
        assert_eq!(sent.detail.as_deref(), detail, "{}", error.code());
        if error.has_detail() {
            assert_eq!(
                policy.shows_detail(error),
                detail.is_some(),
                "{}",
                error.code()
            );
        }
        // The fast path writes what serde writes for the body as sent.
        assert_eq!(
            policy.to_json_vec(error),
            serde_json::to_vec(&sent).unwrap(),
            "{}",
            error.code()
        );
    }
    assert_eq!(
        Service::Auth(AuthError::Expired(4)).detail_exposure(),
        DetailExposure::Internal
    );
}

#[test]
fn a_withheld_detail_leaves_no_detail_key() {
    let body = DetailPolicy::DEFAULT.to_json_vec(&Vault::Internal("secret"));
    assert_eq!(
        body,
        br#"{"code":50001,"message":"An unexpected error has occurred in the internal system"}"#
    );
    let body: ErrorBody = serde_json::from_slice(&body).unwrap();
    assert_eq!(body.detail, None);
}

/// A hand-written error, with whatever status and message it likes.
#[derive(Debug)]
struct HandWritten {
    status: u16,
    detail: &'static str,
}

impl SkmsError for HandWritten {
    fn code(&self) -> u32 {
        77_001
    }
    fn status(&self) -> u16 {
        self.status
    }
    fn message(&self) -> &str {
        "a \"quoted\"\tmessage\u{1}"
    }
    fn detail(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(self.detail))
    }
}

#[test]
fn a_withheld_detail_is_written_as_serde_writes_the_rest() {
    let error = HandWritten {
        status: 502,
        detail: "hand-written withheld",
    };
    let policy = DetailPolicy::DEFAULT;
    assert_eq!(
        policy.to_json_vec(&error),
        serde_json::to_vec(&policy.body(&error)).unwrap()
    );
    assert_eq!(
        policy.to_json_vec(&Vault::Sealed),
        serde_json::to_vec(&policy.body(&Vault::Sealed)).unwrap()
    );
}

#[test]
fn another_policy_sends_and_withholds_other_details() {
    let open = DetailPolicy::DEFAULT.show_server_error_details(true);
    assert_eq!(
        open.body(&Vault::Internal("open 5xx")).detail.as_deref(),
        Some("open 5xx")
    );
    // A detail marked internal stays internal under any policy.
    assert_eq!(open.body(&AuthError::Expired(5)).detail, None);

    let closed = DetailPolicy::DEFAULT.show_client_error_details(false);
    assert_eq!(closed.body(&Vault::KeyNotFound { key_id: 9 }).detail, None);
    // A detail marked public stays public under any policy.
    assert_eq!(
        closed.body(&SciDown("open")).detail.as_deref(),
        Some("open")
    );

    let response: Response<Vec<u8>> = open.http_response(&Vault::Internal("open response"));
    assert_eq!(response.status(), 500);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert!(response.body().ends_with(br#","detail":"open response"}"#));
}

#[test]
fn withheld_details_are_logged_with_the_code() {
    let log = support::log::capture();

    let _ = DetailPolicy::DEFAULT.to_json_vec(&Vault::Internal("logged 5xx detail"));
    let events = log.with_detail("logged 5xx detail");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].level, Level::ERROR);
    assert_eq!(events[0].target, "skms_core");
    assert_eq!(events[0].field("code"), Some("50001"));
    assert_eq!(events[0].field("status"), Some("500"));

    let closed = DetailPolicy::DEFAULT.show_client_error_details(false);
    let _ = closed.to_json_vec(&Vault::KeyNotFound { key_id: 4_242_424 });
    let events = log.with_detail("keyId : 4242424");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].level, Level::INFO);
    assert_eq!(events[0].field("code"), Some("40013"));

    // Sent details are not logged, nor withheld ones when the policy says so.
    let _ = DetailPolicy::DEFAULT.to_json_vec(&Vault::KeyNotFound { key_id: 5_151_515 });
    assert!(log.with_detail("keyId : 5151515").is_empty());
    let quiet = DetailPolicy::DEFAULT.log_withheld_details(false);
    assert!(!quiet.logs_withheld_details());
    let body = quiet.to_json_vec(&Vault::Internal("quiet 5xx detail"));
    assert!(!body.windows(5).any(|w| w == b"quiet"));
    assert!(log.with_detail("quiet 5xx detail").is_empty());
    // body() alone logs nothing: only writing a body does.
    let _ = DetailPolicy::DEFAULT.body(&Vault::Internal("body only"));
    assert!(log.with_detail("body only").is_empty());
}

#[test]
fn a_status_that_is_not_http_is_answered_with_500() {
    let log = support::log::capture();
    for status in [0, 99, 1000, u16::MAX] {
        let error = HandWritten {
            status,
            detail: "bad status",
        };
        let invalid = skms_core::http::try_status_code(&error).unwrap_err();
        assert_eq!((invalid.code(), invalid.status()), (77_001, status));
        assert_eq!(
            invalid.to_string(),
            format!(
                "SKMS error 77001 has status {status}, which is not an HTTP status code (100 to 999)"
            )
        );
        assert_eq!(skms_core::http::status_code(&error), 500);
        let response = skms_core::http::response::<Vec<u8>, _>(&error);
        assert_eq!(response.status(), 500);
        // Treated as the service's own failure: the detail is withheld.
        assert!(!response.body().windows(10).any(|w| w == b"bad status"));
        assert!(!log
            .with_message(&format!("has status {status}, which is not"))
            .is_empty());
    }
    assert_eq!(
        skms_core::http::try_status_code(&HandWritten {
            status: 418,
            detail: ""
        }),
        Ok(StatusCode::IM_A_TEAPOT)
    );
}

#[test]
fn what_a_withheld_detail_logs_cannot_forge_a_line() {
    let log = support::log::capture();
    let error = HandWritten {
        status: 503,
        detail: "forged\n2026-11-30T00:00:00Z  INFO audit: ok\u{1b}[2J",
    };
    let _ = DetailPolicy::DEFAULT.to_json_vec(&error);
    let events = log.with_detail(r"forged\n2026-11-30T00:00:00Z  INFO audit: ok\u{1b}[2J");
    assert_eq!(events.len(), 1);
    // The hand-written message too: only the type's author wrote it, but it
    // reaches the same line.
    assert_eq!(
        events[0].field("message"),
        Some(r#"[77001] "a \"quoted\"\tmessage\u{1}"; detail withheld from the client"#)
    );
}

#[test]
fn a_policy_can_send_a_reference_in_place_of_a_withheld_detail() {
    let log = support::log::capture();
    let prefix =
        br#"{"code":50001,"message":"An unexpected error has occurred in the internal system""#;

    // Off by default: the body has no detail, the event no reference.
    assert!(!DetailPolicy::DEFAULT.refers_to_withheld_details());
    let body = DetailPolicy::DEFAULT.to_json_vec(&Vault::Internal("unreferenced"));
    assert_eq!(&body[..], &[&prefix[..], b"}"].concat()[..]);
    assert_eq!(log.with_detail("unreferenced")[0].field("reference"), None);

    let policy = DetailPolicy::DEFAULT.refer_to_withheld_details(true);
    assert!(policy.refers_to_withheld_details());
    let mut references = Vec::new();
    for detail in ["referenced one", "referenced two"] {
        let body = String::from_utf8(policy.to_json_vec(&Vault::Internal(detail))).unwrap();
        let reference = body
            .strip_prefix(std::str::from_utf8(prefix).unwrap())
            .and_then(|rest| rest.strip_prefix(r#","detail":"ref : "#))
            .and_then(|rest| rest.strip_suffix(r#""}"#))
            .unwrap_or_else(|| panic!("{body}"))
            .to_owned();
        assert_eq!(reference.len(), 16);
        assert!(reference
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        let events = log.with_detail(detail);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].field("reference"), Some(&*reference));
        references.push(reference);
    }
    assert_ne!(references[0], references[1]);
    // body() makes no reference: nothing would log it.
    assert_eq!(
        policy.body(&Vault::Internal("no body reference")).detail,
        None
    );
    // A sent detail is sent, not referred to.
    assert_eq!(
        policy.to_json_vec(&Vault::KeyNotFound { key_id: 7 }),
        DetailPolicy::DEFAULT.to_json_vec(&Vault::KeyNotFound { key_id: 7 })
    );

    // A reference that nothing logs would connect nothing: none is sent.
    let quiet = policy.log_withheld_details(false);
    assert!(!quiet.refers_to_withheld_details());
    let body = quiet.to_json_vec(&Vault::Internal("quiet reference"));
    assert_eq!(&body[..], &[&prefix[..], b"}"].concat()[..]);
}

/// A field whose `Display` fails on its own (against std's contract): the
/// withheld detail is logged as written up to the failure, the body sent
/// without it, and nothing panics.
#[test]
fn a_withheld_detail_whose_display_fails_is_logged_as_written() {
    #[derive(Debug)]
    struct Failing;
    impl Display for Failing {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("written before failing")?;
            Err(std::fmt::Error)
        }
    }
    #[derive(Debug, SkmsError)]
    #[skms(code = 50002, status = 500, msg = "Internal", detail = "{0} and after")]
    struct Internal(Failing);

    let log = support::log::capture();
    let body = DetailPolicy::DEFAULT.to_json_vec(&Internal(Failing));
    assert_eq!(body, br#"{"code":50002,"message":"Internal"}"#);
    let events = log.with_detail("written before failing");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].field("code"), Some("50002"));
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant whose detail reads back comes back as itself, an
/// `internal_detail` one too (the body written here carries its detail);
/// a borrowed field, or one whose type is a parameter, is not read back
/// (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    use round_trip::{never_rebuilt, not_read_back, round_trips};

    let mut values = vec![Vault::Sealed];
    values.extend(
        StandardError::ALL
            .into_iter()
            .filter(|error| ![40013, 50001].contains(&error.code()))
            .map(VaultError::Standard),
    );
    round_trips(&values);
    // `key_id: T`, a parameter: never read back, and the catalog says so.
    never_rebuilt(&[Vault::KeyNotFound { key_id: 9 }]);
    not_read_back(&[Vault::Internal("hsm")]);
    round_trips(&[AuthError::Expired(0), AuthError::Expired(u32::MAX)]);
    round_trips(&[Service::Auth(AuthError::Expired(7))]);
    not_read_back(&[SciDown("down")]);
}
