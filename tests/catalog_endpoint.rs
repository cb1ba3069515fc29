//! The catalog as an endpoint: real axum and actix-web servers on 127.0.0.1
//! serve a composed catalog as JSON and as Markdown, one code, and a 404
//! SKMS body for a code they do not hold.

#![cfg(any(feature = "axum", feature = "actix-web"))]

#[macro_use]
mod support;

use std::net::SocketAddr;

use skms_core::{Catalog, SkmsError, StandardError};
use support::tcp::get;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(
        code = 60001,
        status = 503,
        msg = "Vault sealed",
        description = "The vault is sealed | unseal it",
        doc = "https://docs.example.com/errors/60001"
    )]
    Sealed,
    #[skms(transparent)]
    Standard(StandardError),
}

const MARKDOWN: &str = "accept: text/markdown";

/// What a server that mounts the catalog of `KmsError` at `base` answers.
fn check_server(address: SocketAddr, base: &str) {
    let catalog = KmsError::catalog();

    // The whole catalog: JSON by default ...
    let answer = get(address, base, &[]);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(answer.header("vary"), Some("accept"));
    assert_eq!(answer.body, catalog.to_json());
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(json["format"], 1);
    assert_eq!(json["codes"].as_array().unwrap().len(), 27);
    let answer = get(
        address,
        base,
        &["accept: application/json, text/markdown;q=0.5"],
    );
    assert_eq!(answer.body, catalog.to_json());

    // ... the reference's Markdown table when asked for.
    let answer = get(address, base, &[MARKDOWN]);
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.header("content-type"),
        Some("text/markdown; charset=utf-8")
    );
    assert_eq!(answer.body, catalog.to_markdown());
    // Every `Accept` header counts, not only the first.
    let answer = get(address, base, &["accept: application/json;q=0.5", MARKDOWN]);
    assert_eq!(answer.body, catalog.to_markdown());
    assert!(answer.body.contains(
        "| 40013 | Key not found in the keyVault | キーボルトキーの取得に失敗しました | 400 |  |\n"
    ));

    // One code, own or included.
    let answer = get(address, &format!("{base}/60001"), &[]);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(
        answer.body,
        "{\"code\":60001,\"status\":503,\"message\":\"Vault sealed\",\"description\":\"The vault is sealed | unseal it\",\"doc\":\"https://docs.example.com/errors/60001\",\"variant\":\"Sealed\",\"rebuilt\":\"always\"}\n"
    );
    let answer = get(address, &format!("{base}/40013"), &[]);
    assert_eq!(
        answer.body,
        "{\"code\":40013,\"status\":400,\"message\":\"Key not found in the keyVault\",\"description\":\"キーボルトキーの取得に失敗しました\",\"variant\":\"KeyNotFound\",\"via\":[\"Standard\"],\"rebuilt\":\"always\"}\n"
    );
    let answer = get(address, &format!("{base}/40013"), &[MARKDOWN]);
    assert_eq!(
        answer.header("content-type"),
        Some("text/markdown; charset=utf-8")
    );
    assert_eq!(
        answer.body,
        "| error code | message | Description | Status Code |\n|---|---|---|---|\n\
         | 40013 | Key not found in the keyVault | キーボルトキーの取得に失敗しました | 400 |\n"
    );
    let answer = get(address, &format!("{base}/60001"), &[MARKDOWN]);
    assert!(answer.body.ends_with(
        "| 60001 | Vault sealed | The vault is sealed \\| unseal it | 503 | https://docs.example.com/errors/60001 |\n"
    ));

    // HEAD as GET, without the body.
    for path in [base.to_owned(), format!("{base}/40013")] {
        let answer = support::tcp::request(address, "HEAD", &path, &[]);
        assert_eq!(answer.status, 200, "HEAD {path}");
        assert_eq!(answer.header("content-type"), Some("application/json"));
        assert_eq!(answer.body, "", "HEAD {path}");
    }

    // Anything else: 404, an SKMS body, in JSON whatever was asked.
    for (requested, accept) in [
        ("40999", MARKDOWN),
        ("40999", ""),
        ("4294967296", ""),
        ("+40013", ""),
        ("abc", ""),
        ("%0A40013", ""),
        // One code, one URL: no leading zero (`0` is the code 0, which the
        // catalog does not hold).
        ("040013", ""),
        ("00040013", ""),
        ("0", ""),
        ("%340013", ""),
    ] {
        let answer = get(
            address,
            &format!("{base}/{requested}"),
            &[accept][..usize::from(!accept.is_empty())],
        );
        assert_eq!(answer.status, 404, "{requested}");
        assert_eq!(answer.header("content-type"), Some("application/json"));
        assert_eq!(
            answer.body,
            format!(
                r#"{{"code":40400,"message":"Error code not found in the catalog","detail":"code : {requested}"}}"#
            )
        );
    }

    // A long segment is quoted cut short, the cut marked: not sent back whole.
    for requested in [
        "0".repeat(60_000),
        "4".repeat(41),
        format!("{}40013", "0".repeat(100)),
    ] {
        let answer = get(address, &format!("{base}/{requested}"), &[]);
        assert_eq!(answer.status, 404, "{} bytes", requested.len());
        assert_eq!(
            answer.body,
            format!(
                r#"{{"code":40400,"message":"Error code not found in the catalog","detail":"code : {}..."}}"#,
                &requested[..40]
            )
        );
    }
}

#[test]
fn the_endpoint_error_is_an_skms_error() {
    let error = skms_core::CodeNotInCatalog {
        requested: "40999".into(),
    };
    assert_eq!((error.code(), error.status()), (40400, 404));
    assert_eq!(
        error.to_string(),
        "[40400] Error code not found in the catalog: code : 40999"
    );
    // Public: what the client sent is sent back under any policy.
    assert_eq!(error.detail_exposure(), skms_core::DetailExposure::Public);
}

#[cfg(feature = "axum")]
#[test]
fn axum_serves_the_catalog() {
    use axum::routing::get;
    use skms_core::axum::{catalog, catalog_entry};

    // Mounted under a prefix of the service's choosing, through a nested router.
    let errors = axum::Router::new()
        .route("/errors", get(catalog::<KmsError>))
        .route("/errors/{code}", get(catalog_entry::<KmsError>));
    let server = support::servers::axum(axum::Router::new().nest("/v1", errors));
    check_server(server.address, "/v1/errors");
}

#[cfg(feature = "actix-web")]
#[test]
fn actix_web_serves_the_catalog() {
    use actix_web::{web, App};
    use skms_core::actix_web::catalog_service;

    let server = support::servers::actix(actix_server!(|| App::new()
        .service(web::scope("/support").service(catalog_service::<KmsError>("/errors")))));
    check_server(server.address, "/support/errors");
}

/// A catalog that retires codes: reserved ones, and a deprecated one.
#[derive(Debug, SkmsError)]
#[skms(reserved(60002, 60010..=60019 = "the old sealing API"))]
enum RetiringError {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(
        code = 60003,
        status = 400,
        msg = "Key disabled",
        deprecated = "use 60004"
    )]
    KeyDisabled,
    #[skms(transparent)]
    Standard(StandardError),
}

/// What a server that mounts the catalog of `RetiringError` at `base`
/// answers for reserved and deprecated codes.
fn check_retired_codes(address: SocketAddr, base: &str) {
    // A reserved code is not a 404: it is answered as retired, with the
    // reservation that holds it.
    let answer = get(address, &format!("{base}/60012"), &[]);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(
        answer.body,
        "{\"code\":60012,\"reserved\":{\"low\":60010,\"high\":60019,\"reason\":\"the old sealing API\"}}\n"
    );
    let answer = get(address, &format!("{base}/60002"), &[]);
    assert_eq!(
        answer.body,
        "{\"code\":60002,\"reserved\":{\"low\":60002,\"high\":60002}}\n"
    );
    let answer = get(address, &format!("{base}/60012"), &[MARKDOWN]);
    assert_eq!(answer.status, 200);
    assert!(
        answer.body.contains("60010..=60019") && answer.body.contains("the old sealing API"),
        "{}",
        answer.body
    );
    // Next to a reservation, a code that is neither: 404.
    let answer = get(address, &format!("{base}/60020"), &[]);
    assert_eq!(answer.status, 404);

    // A deprecated code is still listed, marked, with its note.
    let answer = get(address, &format!("{base}/60003"), &[]);
    assert_eq!(answer.status, 200);
    assert!(
        answer.body.contains("\"deprecated\":\"use 60004\""),
        "{}",
        answer.body
    );
    let answer = get(address, &format!("{base}/60003"), &[MARKDOWN]);
    assert!(
        answer.body.contains("deprecated: use 60004"),
        "{}",
        answer.body
    );
    let answer = get(address, base, &[]);
    assert_eq!(answer.body, RetiringError::catalog().to_json());
    assert!(answer.body.contains("the old sealing API"));
}

#[cfg(feature = "axum")]
#[test]
fn axum_answers_retired_codes() {
    use axum::routing::get;
    use skms_core::axum::{catalog, catalog_entry};

    let server = support::servers::axum(
        axum::Router::new()
            .route("/errors", get(catalog::<RetiringError>))
            .route("/errors/{code}", get(catalog_entry::<RetiringError>)),
    );
    check_retired_codes(server.address, "/errors");
}

#[cfg(feature = "actix-web")]
#[test]
fn actix_web_answers_retired_codes() {
    use actix_web::{web, App};
    use skms_core::actix_web::{catalog, catalog_entry};

    let server = support::servers::actix(actix_server!(|| App::new()
        .route("/errors", web::get().to(catalog::<RetiringError>))
        .route(
            "/errors/{code}",
            web::get().to(catalog_entry::<RetiringError>)
        )));
    check_retired_codes(server.address, "/errors");
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant comes back as itself (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    use round_trip::round_trips_debug;

    let mut values = vec![KmsError::Sealed];
    values.extend(StandardError::ALL.map(KmsError::Standard));
    round_trips_debug(&values);
    let mut values = vec![RetiringError::Sealed, RetiringError::KeyDisabled];
    values.extend(StandardError::ALL.map(RetiringError::Standard));
    round_trips_debug(&values);
}
