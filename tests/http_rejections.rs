//! What the framework answers on its own, before a handler runs, answered
//! with SKMS bodies by real axum and actix-web servers on 127.0.0.1: a path
//! parameter that does not parse, a malformed JSON body, a JSON body
//! without a required field, a path that no route matches, a method that
//! the route does not take. Each answers the SKMS error that the service's
//! `From<Rejection>` chose, in JSON, as the client decodes it.

#![cfg(any(feature = "axum", feature = "actix-web"))]

#[macro_use]
mod support;

use std::net::SocketAddr;

use skms_core::{Decoded, Rejection, SkmsError, StandardError};

#[derive(Debug, PartialEq, Eq, SkmsError)]
enum ShopError {
    #[skms(code = 60400, status = 400, msg = "Malformed request")]
    Malformed(#[skms(detail)] String),
    #[skms(code = 60404, status = 404, msg = "No such resource")]
    NoSuchResource,
    #[skms(code = 60405, status = 405, msg = "Method not allowed")]
    MethodNotAllowed(#[skms(detail)] String),
    #[skms(code = 60001, status = 404, msg = "No such order")]
    NoSuchOrder(#[skms(detail)] u64),
    #[skms(transparent)]
    Standard(StandardError),
}

/// The service's mapping: the reference's code where one fits, its own
/// codes for the rest.
impl From<Rejection> for ShopError {
    fn from(rejection: Rejection) -> Self {
        match (rejection.standard(), rejection.status()) {
            (Some(standard), _) => ShopError::Standard(standard),
            (None, 404) => ShopError::NoSuchResource,
            (None, 405) => ShopError::MethodNotAllowed(rejection.text().to_owned()),
            (None, _) => ShopError::Malformed(rejection.text().to_owned()),
        }
    }
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)] // Read by the extractor; the test only needs it to parse.
struct Order {
    sku: String,
    quantity: u32,
}

#[derive(Debug, serde::Deserialize)]
struct Search {
    page: u32,
}

const JSON: &str = "content-type: application/json";

/// One request and the SKMS error that must answer it.
struct Case {
    method: &'static str,
    path: String,
    headers: &'static [&'static str],
    body: Option<&'static str>,
    status: u16,
    code: u32,
}

fn case(
    method: &'static str,
    path: &str,
    body: Option<&'static str>,
    status: u16,
    code: u32,
) -> Case {
    Case {
        method,
        path: path.to_owned(),
        headers: if body.is_some() { &[JSON] } else { &[] },
        body,
        status,
        code,
    }
}

/// What a server that mounts the orders routes answers, whatever the
/// framework; returns the decoded errors for the caller to check the
/// framework's texts.
fn check_server(address: SocketAddr) -> Vec<(String, Decoded<ShopError>)> {
    // The handlers themselves.
    let answer = support::tcp::get(address, "/orders/1", &[]);
    assert_eq!((answer.status, answer.body.as_str()), (200, "order 1"));
    let answer = support::tcp::get(address, "/search?page=3", &[]);
    assert_eq!((answer.status, answer.body.as_str()), (200, "page 3"));
    let answer = support::tcp::send(
        address,
        "POST",
        "/orders",
        &[JSON],
        Some(r#"{"sku":"tea","quantity":2}"#),
    );
    assert_eq!((answer.status, answer.body.as_str()), (200, "2 tea"));

    let cases = [
        // The handler's own error, for comparison.
        case("GET", "/orders/2", None, 404, 60001),
        // A path parameter that is not a u64: the service's 60400.
        case("GET", "/orders/notanumber", None, 400, 60400),
        // A malformed JSON body: 60400.
        case("POST", "/orders", Some(r#"{"sku": "#), 400, 60400),
        // A body of the wrong type: 60400.
        case(
            "POST",
            "/orders",
            Some(r#"{"sku":"tea","quantity":"two"}"#),
            400,
            60400,
        ),
        // A missing field: the reference's 40105 "Required value is missing".
        case("POST", "/orders", Some(r#"{"sku":"tea"}"#), 400, 40105),
        // A query string without a required field: 40105 too.
        case("GET", "/search", None, 400, 40105),
        // A query string of the wrong type: 60400.
        case("GET", "/search?page=first", None, 400, 60400),
        // A path that no route matches: the service's 60404.
        case("GET", "/nowhere", None, 404, 60404),
        // A method that the route does not take: the service's 60405.
        case("DELETE", "/orders", None, 405, 60405),
    ];
    let mut decoded = Vec::new();
    for Case {
        method,
        path,
        headers,
        body,
        status,
        code,
    } in cases
    {
        let what = format!("{method} {path} {body:?}");
        let answer = support::tcp::send(address, method, &path, headers, body);
        assert_eq!(answer.status, status, "{what}: {}", answer.body);
        assert_eq!(
            answer.header("content-type"),
            Some("application/json"),
            "{what}"
        );
        let error = Decoded::<ShopError>::from_str(&answer.body)
            .unwrap_or_else(|error| panic!("{what}: {error}: {}", answer.body));
        assert_eq!(error.code(), code, "{what}: {}", answer.body);
        assert!(error.error().is_some(), "{what}: {}", answer.body);
        decoded.push((what, error));
    }
    // The missing field's answer is the standard error itself.
    assert_eq!(
        decoded[4].1.error(),
        Some(&ShopError::Standard(StandardError::RequiredValueMissing))
    );
    assert_eq!(decoded[4].1.message(), "Required value is missing");
    assert_eq!(
        decoded[5].1.error(),
        Some(&ShopError::Standard(StandardError::RequiredValueMissing))
    );
    assert_eq!(decoded[7].1.error(), Some(&ShopError::NoSuchResource));
    assert_eq!(decoded[7].1.detail(), None);
    assert_eq!(
        decoded[8].1.error(),
        Some(&ShopError::MethodNotAllowed(
            "Method DELETE is not allowed here".to_owned()
        ))
    );
    decoded
}

#[cfg(feature = "axum")]
#[test]
fn axum_answers_its_rejections_with_skms_bodies() {
    use axum::extract::{Path, Query};
    use axum::routing::get;
    use axum::Json;
    use skms_core::axum::{fallback, method_not_allowed, WithSkmsRejection};

    async fn order(
        WithSkmsRejection(Path(id), _): WithSkmsRejection<Path<u64>, ShopError>,
    ) -> Result<String, ShopError> {
        match id {
            1 => Ok("order 1".to_owned()),
            _ => Err(ShopError::NoSuchOrder(id)),
        }
    }

    async fn create(
        WithSkmsRejection(Json(order), _): WithSkmsRejection<Json<Order>, ShopError>,
    ) -> String {
        format!("{} {}", order.quantity, order.sku)
    }

    async fn search(
        WithSkmsRejection(Query(search), _): WithSkmsRejection<Query<Search>, ShopError>,
    ) -> String {
        format!("page {}", search.page)
    }

    let router = axum::Router::new()
        .route("/orders/{id}", get(order))
        .route("/search", get(search))
        .route("/orders", axum::routing::post(create))
        .fallback(fallback::<ShopError>)
        .method_not_allowed_fallback(method_not_allowed::<ShopError>);
    let server = support::servers::axum(router);
    let decoded = check_server(server.address);
    // axum's texts, cut and kept as the detail the service chose.
    let details: Vec<_> = decoded.iter().map(|(_, error)| error.detail()).collect();
    assert_eq!(details[1], Some("Cannot parse `notanumber` to a `u64`"));
    assert!(
        details[2]
            .unwrap()
            .starts_with("Failed to parse the request body as JSON"),
        "{details:?}"
    );
    assert!(
        details[3]
            .unwrap()
            .starts_with("Failed to deserialize the JSON body into the target type"),
        "{details:?}"
    );

    // axum keeps the `Allow` header of the route's methods.
    let answer = support::tcp::request(server.address, "DELETE", "/orders", &[]);
    assert_eq!(answer.header("allow"), Some("POST"));
    // A body without its content type: the service's 60400 too.
    let answer = support::tcp::send(server.address, "POST", "/orders", &[], Some("{}"));
    assert_eq!(answer.status, 400);
    assert!(answer.body.contains("\"code\":60400"), "{}", answer.body);
    // A long parameter is not sent back whole.
    let long = "9".repeat(10_000);
    let answer = support::tcp::get(server.address, &format!("/orders/{long}x"), &[]);
    let error = Decoded::<ShopError>::from_str(&answer.body).unwrap();
    assert_eq!(error.code(), 60400);
    let detail = error.detail().unwrap();
    assert_eq!(detail.len(), Rejection::MAX_TEXT_BYTES + 3, "{detail}");
    assert!(detail.ends_with("..."), "{detail}");
}

#[cfg(feature = "actix-web")]
#[test]
fn actix_web_answers_its_rejections_with_skms_bodies() {
    use actix_web::{web, App};
    use skms_core::actix_web::{fallback, method_not_allowed, rejection};

    async fn order(id: web::Path<u64>) -> Result<String, ShopError> {
        match *id {
            1 => Ok("order 1".to_owned()),
            id => Err(ShopError::NoSuchOrder(id)),
        }
    }

    async fn create(order: web::Json<Order>) -> String {
        format!("{} {}", order.quantity, order.sku)
    }

    async fn search(search: web::Query<Search>) -> String {
        format!("page {}", search.page)
    }

    let server = support::servers::actix(actix_server!(|| App::new()
        .app_data(web::JsonConfig::default().error_handler(rejection::<ShopError, _>))
        .app_data(web::PathConfig::default().error_handler(rejection::<ShopError, _>))
        .app_data(web::QueryConfig::default().error_handler(rejection::<ShopError, _>))
        .route("/orders/{id}", web::get().to(order))
        .route("/search", web::get().to(search))
        .service(
            web::resource("/orders")
                .route(web::post().to(create))
                .default_service(web::to(method_not_allowed::<ShopError>))
        )
        .default_service(web::to(fallback::<ShopError>))));
    let decoded = check_server(server.address);
    let details: Vec<_> = decoded.iter().map(|(_, error)| error.detail()).collect();
    assert!(details[1].unwrap().contains("notanumber"), "{details:?}");
    assert!(
        details[2].unwrap().starts_with("Json deserialize error"),
        "{details:?}"
    );
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant comes back as itself, the details the rejections write
/// included (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    let mut values = vec![
        ShopError::Malformed(String::new()),
        ShopError::Malformed(
            "Failed to parse the request body as JSON: key: expected value at line 1 column 8"
                .into(),
        ),
        ShopError::NoSuchResource,
        ShopError::MethodNotAllowed("DELETE /orders/7".into()),
        ShopError::NoSuchOrder(u64::MAX),
        ShopError::NoSuchOrder(0),
    ];
    values.extend(StandardError::ALL.map(ShopError::Standard));
    round_trip::round_trips(&values);
}
