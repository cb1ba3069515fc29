//! The OpenAPI document of a small axum service, built by utoipa from its
//! `#[utoipa::path]` and the derived `IntoResponses` of its error type:
//! every code under its status with its example, the bodies that the real
//! server sends valid against the documented schema, and the document kept
//! as a golden file.

#![cfg(all(feature = "utoipa", feature = "axum", feature = "jsonschema"))]

use std::collections::BTreeMap;
use std::future::IntoFuture;
use std::io::{Read as _, Write as _};
use std::net::SocketAddr;

use axum::extract::Path;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
use skms_core::{Catalog, ErrorBody, SkmsError, StandardError};
use utoipa::OpenApi;

/// A key of the vault.
#[derive(serde::Serialize, utoipa::ToSchema)]
struct Key {
    id: String,
    algorithm: String,
}

/// Every kind of entry that the document must show: reused and own codes,
/// two own codes sharing a status with a standard one, a fixed detail, and
/// details sent, withheld by status, and marked either way.
#[derive(Debug, SkmsError)]
enum KmsError {
    /// Reuses the standard entry; its detail is sent (4xx).
    #[skms(code = 40013, detail = "keyId : {key_id}")]
    KeyNotFound { key_id: String },
    /// An own code with the status of 40013 and of many standard codes.
    #[skms(
        code = 60001,
        status = 400,
        msg = "Key disabled",
        detail = "disabled since {0}",
        description = "The key exists but may not be used",
        doc = "https://kms.example.com/errors/60001"
    )]
    KeyDisabled(u32),
    /// A fixed detail.
    #[skms(
        code = 60003,
        status = 400,
        msg = "Malformed key id",
        detail = "a key id has 7 digits"
    )]
    MalformedKeyId,
    /// 5xx, unmarked: the detail is withheld.
    #[skms(code = 50001, detail = "{0}")]
    Internal(String),
    /// 5xx, marked public: the detail is sent.
    #[skms(
        code = 60501,
        status = 503,
        msg = "Vault sealed",
        detail = "retry after {0} s",
        public_detail
    )]
    Sealed(u32),
    /// 4xx, marked internal: the detail is withheld.
    #[skms(
        code = 60002,
        status = 403,
        msg = "Key locked",
        detail = "locked by {0}",
        internal_detail
    )]
    Locked(String),
    #[skms(transparent)]
    Standard(StandardError),
}

/// The detail that the document's example of each own code shows: the
/// template when the default policy sends it.
const OWN_EXAMPLE_DETAILS: &[(u32, Option<&str>)] = &[
    (40013, Some("keyId : {key_id}")),
    (60001, Some("disabled since {0}")),
    (60003, Some("a key id has 7 digits")),
    (50001, None),
    (60501, Some("retry after {0} s")),
    (60002, None),
];

/// The error that `/keys/code-<code>` fails with.
fn error_of(code: u32) -> KmsError {
    match code {
        40013 => KmsError::KeyNotFound {
            key_id: "0000009".into(),
        },
        60001 => KmsError::KeyDisabled(1_700_000_000),
        60003 => KmsError::MalformedKeyId,
        50001 => KmsError::Internal("connect to hsm.vault.internal:8080 failed".into()),
        60501 => KmsError::Sealed(30),
        60002 => KmsError::Locked("admin \"root\"".into()),
        code => KmsError::Standard(StandardError::from_code(code).unwrap()),
    }
}

/// A key, or the error of the code that the id names (`code-40013`).
#[utoipa::path(
    get,
    path = "/keys/{id}",
    params(("id" = String, Path, description = "The key's id")),
    responses((status = 200, description = "The key", body = Key), KmsError)
)]
async fn get_key(Path(id): Path<String>) -> Result<impl IntoResponse, KmsError> {
    if let Some(code) = id.strip_prefix("code-") {
        return Err(error_of(code.parse().unwrap()));
    }
    let key = Key {
        id,
        algorithm: "AES-256".into(),
    };
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::to_string(&key).unwrap(),
    ))
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "key vault",
        version = "1.0.0",
        description = "A small SKMS service"
    ),
    paths(get_key),
    components(schemas(ErrorBody))
)]
struct ApiDoc;

fn document() -> Value {
    serde_json::to_value(ApiDoc::openapi()).unwrap()
}

fn responses(document: &Value) -> &serde_json::Map<String, Value> {
    document["paths"]["/keys/{id}"]["get"]["responses"]
        .as_object()
        .unwrap()
}

fn json_content(response: &Value) -> &Value {
    &response["content"]["application/json"]
}

/// (a) Each code of the composed catalog sits under its status, once, with
/// its example; the 200 response is still there.
#[test]
fn each_code_sits_under_its_status_with_its_example() {
    let document = document();
    let responses = responses(&document);
    assert_eq!(
        responses.keys().collect::<Vec<_>>(),
        ["200", "400", "401", "403", "500", "503"]
    );
    assert_eq!(
        json_content(&responses["200"])["schema"]["$ref"],
        "#/components/schemas/Key"
    );

    let catalog = KmsError::catalog();
    // Six own codes and the 26 standard ones, 40013 and 50001 counted once.
    assert_eq!(catalog.len(), 30);
    let mut per_status: BTreeMap<String, usize> = BTreeMap::new();
    for listed in &catalog {
        let entry = listed.entry;
        *per_status.entry(entry.status.to_string()).or_default() += 1;
        let name = format!("{} {}", entry.code, entry.variant);
        let example = &json_content(&responses[&entry.status.to_string()])["examples"][&name];
        assert_eq!(example["summary"], entry.message, "{name}");
        let detail = OWN_EXAMPLE_DETAILS
            .iter()
            .find(|(code, _)| *code == entry.code)
            .and_then(|(_, detail)| *detail);
        let mut value = json!({"code": entry.code, "message": entry.message});
        if let Some(detail) = detail {
            value["detail"] = json!(detail);
        }
        assert_eq!(example["value"], value, "{name}");
        // Each example is itself a body that the schema accepts.
        let schema = &json_content(&responses[&entry.status.to_string()])["schema"];
        assert!(jsonschema::draft202012::is_valid(schema, &value), "{name}");
    }
    for (status, response) in responses.iter().filter(|(status, _)| *status != "200") {
        let examples = json_content(response)["examples"].as_object().unwrap();
        assert_eq!(examples.len(), per_status[status], "status {status}");
    }
    // Two variants of one status do not overwrite each other.
    let bad_request = json_content(&responses["400"])["examples"]
        .as_object()
        .unwrap();
    for name in [
        "40013 KeyNotFound",
        "60001 KeyDisabled",
        "60003 MalformedKeyId",
        "40003 FailedCreateHeader",
        "40112 SciServerIdNotFound",
    ] {
        assert!(bad_request.contains_key(name), "{name}");
    }
    // 40301 answers 401, as the reference says.
    assert!(json_content(&responses["401"])["examples"]["40301 PermissionDenied"].is_object());

    // The description: the entry's, and its documentation link.
    assert_eq!(
        bad_request["60001 KeyDisabled"]["description"],
        "The key exists but may not be used\n\nDocumentation: <https://kms.example.com/errors/60001>"
    );
    assert_eq!(
        bad_request["40013 KeyNotFound"]["description"],
        "キーボルトキーの取得に失敗しました"
    );
    assert_eq!(
        responses["503"]["description"], "SKMS error 60501",
        "a status outside the reference's table"
    );
    assert!(responses["400"]["description"]
        .as_str()
        .unwrap()
        .starts_with("Bad Request: SKMS error 40013, 60001, 60003, 40003, "));

    // The body's schema is ErrorBody's, inline, and named in the components.
    let schema = &json_content(&responses["400"])["schema"];
    assert_eq!(schema, &document["components"]["schemas"]["ErrorBody"]);
    assert_eq!(schema["properties"]["code"]["format"], "uint32");
    assert_eq!(schema["required"], json!(["code", "message"]));
}

/// `StandardError` documents its 26 codes by itself, under the reference's
/// statuses (40301 under 401).
#[test]
fn the_standard_catalog_documents_its_codes() {
    use utoipa::IntoResponses as _;

    let responses = serde_json::to_value(StandardError::responses()).unwrap();
    let names = |status: &str| -> Vec<String> {
        json_content(&responses[status])["examples"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(responses.as_object().unwrap().len(), 3);
    assert_eq!(names("400").len(), 19);
    assert_eq!(
        names("401"),
        ["40101 InvalidToken", "40301 PermissionDenied"]
    );
    assert_eq!(
        names("500"),
        [
            "50001 InternalError",
            "50002 SciConnectionFailed",
            "50003 ServiceLinkerNameNotExist",
            "50004 ServiceLinkerUnused",
            "50005 SciServiceLinkerRegistrationFailed"
        ]
    );
}

/// A deprecated code is documented as such: its example's name and
/// description say so, with the note.
#[test]
fn deprecated_codes_are_marked_in_their_examples() {
    #[derive(Debug, SkmsError)]
    enum Retiring {
        #[skms(
            code = 60003,
            status = 400,
            msg = "Key disabled",
            deprecated = "use 60004",
            description = "The key is disabled"
        )]
        KeyDisabled,
        #[skms(code = 60005, status = 400, msg = "Key gone", deprecated)]
        Gone,
        #[skms(code = 60004, status = 400, msg = "Key not usable")]
        KeyNotUsable,
    }

    let responses = serde_json::to_value(skms_core::utoipa::responses::<Retiring>()).unwrap();
    let examples = json_content(&responses["400"])["examples"]
        .as_object()
        .unwrap();
    assert_eq!(
        examples.keys().collect::<Vec<_>>(),
        [
            "60003 KeyDisabled (deprecated)",
            "60004 KeyNotUsable",
            "60005 Gone (deprecated)"
        ]
    );
    let description = |name: &str| {
        examples[name]["description"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    };
    assert_eq!(
        description("60003 KeyDisabled (deprecated)"),
        "Deprecated: use 60004.\n\nThe key is disabled"
    );
    assert_eq!(description("60005 Gone (deprecated)"), "Deprecated.");
    assert_eq!(description("60004 KeyNotUsable"), "");
    // Deprecated, and still decoded (issue 21, item 7).
    round_trip::round_trips_debug(&[
        Retiring::KeyDisabled,
        Retiring::Gone,
        Retiring::KeyNotUsable,
    ]);
    assert_eq!(
        examples["60003 KeyDisabled (deprecated)"]["value"],
        json!({"code": 60003, "message": "Key disabled"})
    );
}

/// A GET of `path` on the server, over a plain TCP connection (blocking,
/// off the runtime's thread): the status and the body bytes, as they came.
async fn fetch(address: SocketAddr, path: &str) -> (u16, Vec<u8>) {
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    let response = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        response
    })
    .await
    .unwrap();
    let end = response
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .unwrap();
    let head = std::str::from_utf8(&response[..end]).unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().unwrap())
        })
        .unwrap();
    let body = response[end + 4..].to_vec();
    assert_eq!(body.len(), length, "{head}");
    (status, body)
}

/// (b) The bodies that a real server sends for each code are valid against
/// the schema documented under their status, and are the example's body
/// with the detail filled in.
#[tokio::test]
async fn the_bodies_the_server_sends_match_the_document() {
    let document = document();
    let responses = responses(&document);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = Router::new().route("/keys/{id}", get(get_key));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .into_future(),
    );

    let (status, body) = fetch(address, "/keys/0000001").await;
    assert_eq!(status, 200);
    assert_eq!(body, br#"{"id":"0000001","algorithm":"AES-256"}"#);

    let catalog = KmsError::catalog();
    for listed in &catalog {
        let entry = listed.entry;
        let (status, body) = fetch(address, &format!("/keys/code-{}", entry.code)).await;
        assert_eq!(status, entry.status, "{}", entry.code);
        let response = &responses[&status.to_string()];
        let validator = jsonschema::draft202012::new(&json_content(response)["schema"]).unwrap();
        let sent: Value = serde_json::from_slice(&body).unwrap();
        if let Err(error) = validator.validate(&sent) {
            panic!("{sent} does not match the documented schema: {error}");
        }
        let name = format!("{} {}", entry.code, entry.variant);
        let example = &json_content(response)["examples"][&name]["value"];
        assert_eq!(sent["code"], example["code"], "{name}");
        assert_eq!(sent["message"], example["message"], "{name}");
        // The example has a detail exactly when the client receives one.
        assert_eq!(
            sent.get("detail").is_some(),
            example.get("detail").is_some(),
            "{name}: sent {sent}"
        );
    }
    // The bytes of one body, to be sure of what was validated.
    let (_, body) = fetch(address, "/keys/code-60002").await;
    assert_eq!(body, br#"{"code":60002,"message":"Key locked"}"#);

    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

/// The documented schema accepts what the strict decoder accepts, and
/// refuses what it refuses where JSON Schema can say so.
#[test]
fn the_schema_refuses_what_the_decoder_refuses() {
    let document = document();
    let schema = &document["components"]["schemas"]["ErrorBody"];
    let validator = jsonschema::draft202012::new(schema).unwrap();
    let accepted = [
        r#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}"#,
        r#"{"code":40101,"message":"Invalid token"}"#,
        r#"{"code":0,"message":""}"#,
        r#"{"code":4294967295,"message":"m","detail":""}"#,
        r#"{"message":"m","code":1,"trace":{"id":7},"detail":"d"}"#,
    ];
    for body in accepted {
        let value: Value = serde_json::from_str(body).unwrap();
        assert!(validator.is_valid(&value), "{body} refused by the schema");
        assert!(
            ErrorBody::from_str(body).is_ok(),
            "{body} refused by the decoder"
        );
    }
    let refused = [
        r#"{"code":"40013","message":"m"}"#,
        r#"{"code":40013}"#,
        r#"{"code":40013,"message":"m","detail":null}"#,
        r#"{"message":"m"}"#,
        r#"{"code":-1,"message":"m"}"#,
        r#"{"code":4294967296,"message":"m"}"#,
        r#"{"code":40013.5,"message":"m"}"#,
        r#"{"code":null,"message":"m"}"#,
        r#"{"code":40013,"message":null}"#,
        r#"{"code":40013,"message":7}"#,
        r#"{"code":40013,"message":"m","detail":["d"]}"#,
        r#"[40013,"m"]"#,
    ];
    for body in refused {
        let value: Value = serde_json::from_str(body).unwrap();
        assert!(!validator.is_valid(&value), "{body} accepted by the schema");
        assert!(
            ErrorBody::from_str(body).is_err(),
            "{body} accepted by the decoder"
        );
    }
}

/// (c) The document as a golden file, so that a change of the documented
/// contract shows in review. `SKMS_SNAPSHOT=overwrite` writes it anew.
#[test]
fn the_document_is_the_golden_file() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots/openapi.json");
    let current = ApiDoc::openapi().to_pretty_json().unwrap() + "\n";
    let overwrite = std::env::var(skms_core::SNAPSHOT_ENV).is_ok_and(|value| value == "overwrite");
    if overwrite {
        std::fs::write(path, &current).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_else(|error| {
        panic!("{path}: {error}; run with SKMS_SNAPSHOT=overwrite to write it")
    });
    // Compared as JSON: the order of an example's keys depends on the
    // features of serde_json in the build, not on the contract.
    let (committed_value, current_value): (Value, Value) = (
        serde_json::from_str(&committed).unwrap(),
        serde_json::from_str(&current).unwrap(),
    );
    assert!(
        committed_value == current_value,
        "the OpenAPI document changed; if intended, rerun with SKMS_SNAPSHOT=overwrite and commit {path}\n--- committed\n{committed}\n+++ current\n{current}"
    );
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant comes back as itself, the withheld details too (the body
/// written here carries them) (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    let mut values = vec![
        KmsError::KeyNotFound {
            key_id: "keyId : 1".into(),
        },
        KmsError::KeyDisabled(0),
        KmsError::KeyDisabled(u32::MAX),
        KmsError::MalformedKeyId,
        KmsError::Internal("at line 3: null".into()),
        KmsError::Sealed(30),
        KmsError::Locked("admin s".into()),
    ];
    values.extend(
        StandardError::ALL
            .into_iter()
            .filter(|error| ![40013, 50001].contains(&error.code()))
            .map(KmsError::Standard),
    );
    round_trip::round_trips_debug(&values);
}
