//! What the axum and actix-web test servers serve, and the checks that a
//! real client makes against either: the same routes, the same bytes.

use std::time::Duration;

use skms_core::reqwest::{ErrorContent, SkmsResponseExt};
use skms_core::{DetailPolicy, ErrorBody, SkmsError, StandardError};
use tracing::Level;

use super::log;

/// The detail of the SKMS reference's own 50001 example: what must never
/// reach a client.
pub const REFERENCE_DETAIL: &str = "I/O error on GET request for \"https://devkms.softcamp.co.kr:8080/drm/7FDKQsEK-QVGKyXA2-fx1LxIzy-SNIre0s9/key/0000003\": Connect to devkms.softcamp.co.kr:8080 [devkms.softcamp.co.kr/10.14.10.171] failed: Connection timed out: connect; nested exception is org.apache.http.conn.HttpHostConnectException: Connect to devkms.softcamp.co.kr:8080 [devkms.softcamp.co.kr/10.14.10.171] failed: Connection timed out: connect";

/// The errors of the test key vault, one of each kind of detail.
#[derive(Debug, SkmsError)]
pub enum VaultError {
    /// 4xx, unmarked: sent.
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {key_id}"
    )]
    KeyNotFound { key_id: String },
    /// 5xx, unmarked: withheld, logged at ERROR.
    #[skms(
        code = 50001,
        status = 500,
        msg = "An unexpected error has occurred in the internal system",
        detail = "{0}"
    )]
    Internal(String),
    /// 5xx, marked public: sent.
    #[skms(
        code = 50002,
        status = 500,
        msg = "SCI Connection failed",
        detail = "retry after {0} s",
        public_detail
    )]
    SciDown(u32),
    /// 4xx, marked internal: withheld, logged at INFO.
    #[skms(
        code = 40101,
        status = 401,
        msg = "Invalid token",
        detail = "token {0} revoked by {1}",
        internal_detail
    )]
    Revoked(String, String),
    /// The standard catalog, no detail.
    #[skms(transparent)]
    Standard(StandardError),
}

/// The error that a route answers with, by the server: every route but
/// `/keys/0000001` and the ones of [`NOT_SKMS`] fails.
pub fn error_of(path: &str) -> Option<VaultError> {
    Some(match path {
        "/keys/0000001" => return None,
        "/keys/0000003" => VaultError::Internal(REFERENCE_DETAIL.into()),
        "/sci" => VaultError::SciDown(30),
        "/revoked" => VaultError::Revoked("tok-77".into(), "the \"admin\"".into()),
        "/standard" => VaultError::Standard(StandardError::PermissionDenied),
        _ => VaultError::KeyNotFound {
            key_id: path.trim_start_matches("/keys/").into(),
        },
    })
}

/// The body of the one key the vault holds.
pub const KEY_ONE: &str = "key-one";

/// Routes whose bodies are not SKMS bodies, for the client side: path,
/// status, content type, body.
pub const NOT_SKMS: &[(&str, u16, &str, &str)] = &[
    (
        "/proxy",
        502,
        "text/html",
        "<html><body>502 Bad Gateway</body></html>",
    ),
    ("/empty", 503, "text/plain", ""),
    (
        "/wrong-code",
        400,
        "application/json",
        r#"{"code":"40013","message":"Key not found in the keyVault"}"#,
    ),
];

/// A route whose body is longer than a client reads.
pub const HUGE: &str = "/huge";

/// The body of [`HUGE`]: a JSON string of 100 000 bytes.
pub fn huge_body() -> String {
    format!("\"{}\"", "x".repeat(99_998))
}

/// The routes that answer with a [`VaultError`], and what the client must
/// receive: path, status, body.
const SERVED: &[(&str, u16, &str)] = &[
    (
        "/keys/0000009",
        400,
        r#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}"#,
    ),
    (
        "/keys/0000003",
        500,
        r#"{"code":50001,"message":"An unexpected error has occurred in the internal system"}"#,
    ),
    (
        "/sci",
        500,
        r#"{"code":50002,"message":"SCI Connection failed","detail":"retry after 30 s"}"#,
    ),
    (
        "/revoked",
        401,
        r#"{"code":40101,"message":"Invalid token"}"#,
    ),
    (
        "/standard",
        401,
        r#"{"code":40301,"message":"You don't have permission this service"}"#,
    ),
];

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

/// Everything a client sees of a server at `base`, and what the server's
/// log holds: status, headers and body bytes of every route, the reqwest
/// extension on each, and the events of the withheld details.
pub async fn check_server(base: &str) {
    let client = client();
    let log = log::capture();

    for &(path, status, body) in SERVED {
        let error = error_of(path).unwrap();
        let response = client.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(
            response.headers()["content-type"],
            "application/json",
            "{path}"
        );
        let bytes = response.bytes().await.unwrap();
        assert_eq!(
            std::str::from_utf8(&bytes).unwrap(),
            body,
            "{path}: what the client receives"
        );
        // Byte for byte what serde_json writes for the body as redacted.
        let redacted = DetailPolicy::DEFAULT.body(&error);
        assert_eq!(
            bytes,
            serde_json::to_vec(&redacted).unwrap(),
            "{path}: serde's bytes"
        );
        assert_eq!(
            serde_json::from_slice::<ErrorBody>(&bytes).unwrap(),
            redacted,
            "{path}"
        );
    }

    // The reference's 50001 detail: nothing of it reached the client above;
    // all of it is in the log, at ERROR, with the code and the status.
    let internal = log.with_detail(REFERENCE_DETAIL);
    assert!(!internal.is_empty(), "the withheld 5xx detail is logged");
    for event in &internal {
        assert_eq!(event.level, Level::ERROR);
        assert_eq!(event.target, "skms_core");
        assert_eq!(event.field("code"), Some("50001"));
        assert_eq!(event.field("status"), Some("500"));
        assert_eq!(
            event.field("message"),
            Some(
                "[50001] \"An unexpected error has occurred in the internal system\"; \
                 detail withheld from the client"
            )
        );
    }
    // The internal 4xx detail: at INFO.
    let revoked = log.with_detail("token tok-77 revoked by the \"admin\"");
    assert!(!revoked.is_empty(), "the withheld 4xx detail is logged");
    assert!(revoked.iter().all(|event| event.level == Level::INFO
        && event.field("code") == Some("40101")
        && event.field("status") == Some("401")));
    // The details that the client received are not logged.
    assert!(log.with_detail("keyId : 0000009").is_empty());
    assert!(log.with_detail("retry after 30 s").is_empty());

    check_client(base, &client).await;
}

/// `GET base + path` through the reqwest extension.
async fn fetch(
    client: &reqwest::Client,
    base: &str,
    path: &str,
) -> Result<reqwest::Response, skms_core::reqwest::SkmsHttpError> {
    let response = client.get(format!("{base}{path}")).send().await.unwrap();
    response.skms_error_for_status().await
}

/// The reqwest extension against the same server.
async fn check_client(base: &str, client: &reqwest::Client) {
    // A success passes through untouched.
    let response = fetch(client, base, "/keys/0000001").await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), KEY_ONE);

    // Every SKMS error comes back with its status and its body as sent.
    for &(path, status, body) in SERVED {
        let error = fetch(client, base, path).await.unwrap_err();
        assert_eq!(error.status(), status, "{path}");
        assert_eq!(error.url().path(), path);
        let expected: ErrorBody = serde_json::from_str(body).unwrap();
        assert_eq!(error.body(), Some(&expected), "{path}");
        assert_eq!(error.code(), Some(expected.code));
        assert_eq!(error.text(), None);
        assert!(std::error::Error::source(&error).is_none());
        assert!(matches!(error.content(), ErrorContent::Skms(_)));
    }
    let error = fetch(client, base, "/keys/0000009").await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "HTTP 400 Bad Request: [40013] Key not found in the keyVault: keyId : 0000009"
    );
    let decoded = error.decode::<StandardError>().unwrap();
    assert_eq!(decoded.error(), Some(&StandardError::KeyNotFound));
    assert_eq!(decoded.detail(), Some("keyId : 0000009"));
    assert_eq!(
        error.into_body().unwrap().detail.as_deref(),
        Some("keyId : 0000009")
    );

    // A body that is not an SKMS body keeps the status and the raw text.
    for &(path, status, _, body) in NOT_SKMS {
        let error = fetch(client, base, path).await.unwrap_err();
        assert_eq!(error.status(), status, "{path}");
        assert_eq!(error.body(), None, "{path}");
        assert_eq!(error.code(), None, "{path}");
        assert_eq!(error.text(), Some(body), "{path}");
        let ErrorContent::NotSkms { reason, .. } = error.content() else {
            panic!("{path}: {:?}", error.content());
        };
        let expected_reason = match path {
            "/proxy" => "expected value at line 1 column 1",
            "/empty" => "the body is empty",
            _ => "`code` must be an integer, found the string \"40013\"",
        };
        assert!(
            reason.contains(expected_reason),
            "{path}: {reason:?} should say {expected_reason:?}"
        );
        assert!(
            error.to_string().starts_with(&format!(
                "HTTP {}, and the body is not an SKMS error body: ",
                error.status()
            )),
            "{error}"
        );
    }

    // A body too long to read whole: the first 64 KiB of it.
    let error = fetch(client, base, HUGE).await.unwrap_err();
    assert_eq!(error.status(), 500);
    assert_eq!(
        error.text().map(str::len),
        Some(skms_core::reqwest::MAX_BODY_LEN)
    );
    assert!(huge_body().starts_with(error.text().unwrap()));
    let ErrorContent::NotSkms { reason, .. } = error.into_content() else {
        panic!("a body longer than the limit is not read as SKMS");
    };
    assert_eq!(reason, "the body is longer than 65536 bytes");
}
