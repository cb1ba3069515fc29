//! A detail policy per router: one process, three routers, each answering
//! the same errors with its own policy, over real loopback requests, and the
//! log of what each withheld (once, never twice, never sent).

#![cfg(any(feature = "axum", feature = "actix-web"))]

#[macro_use]
mod support;

use std::net::SocketAddr;

use skms_core::{DetailPolicy, SkmsError};
use support::tcp::get;

#[derive(Debug, PartialEq, SkmsError)]
enum VaultError {
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {0}"
    )]
    KeyNotFound(String),
    #[skms(
        code = 50001,
        status = 500,
        msg = "An unexpected error has occurred in the internal system",
        detail = "{0}"
    )]
    Internal(String),
}

impl VaultError {
    fn of(kind: &str, detail: String) -> VaultError {
        if kind == "internal" {
            VaultError::Internal(detail)
        } else {
            VaultError::KeyNotFound(detail)
        }
    }
}

/// Administrators see 5xx details too.
const ADMIN: DetailPolicy = DetailPolicy::DEFAULT.show_server_error_details(true);
/// Partners see no detail at all, and get a reference instead.
const PARTNER: DetailPolicy = DetailPolicy::DEFAULT
    .show_client_error_details(false)
    .refer_to_withheld_details(true);

const NOT_FOUND: &str = r#"{"code":40013,"message":"Key not found in the keyVault""#;
const INTERNAL: &str =
    r#"{"code":50001,"message":"An unexpected error has occurred in the internal system""#;

/// Asks `router` (`api`, `admin`, `partner`, `admin/strict`) of the server at
/// `address` for an error of `kind`, with a detail unique to the request.
fn ask(address: SocketAddr, server: &str, router: &str, kind: &str) -> (String, String) {
    let detail = format!("{server}-{}-{kind}", router.replace('/', "-"));
    let answer = get(address, &format!("/{router}/{kind}/{detail}"), &[]);
    assert_eq!(answer.status, if kind == "internal" { 500 } else { 400 });
    (answer.body, detail)
}

fn check_server(address: SocketAddr, server: &str) {
    let log = support::log::capture();
    let logged = |detail: &str| log.with_detail(detail).len();

    // The public API: the installed policy (the default here).
    let (body, detail) = ask(address, server, "api", "not-found");
    assert_eq!(
        body,
        format!(r#"{NOT_FOUND},"detail":"keyId : {detail}"}}"#)
    );
    assert_eq!(logged(&format!("keyId : {detail}")), 0);
    let (body, detail) = ask(address, server, "api", "internal");
    assert_eq!(body, format!("{INTERNAL}}}"));
    assert_eq!(logged(&detail), 1);

    // The admin router: 5xx details sent, so not logged.
    let (body, detail) = ask(address, server, "admin", "internal");
    assert_eq!(body, format!(r#"{INTERNAL},"detail":"{detail}"}}"#));
    assert_eq!(logged(&detail), 0);
    let (body, detail) = ask(address, server, "admin", "not-found");
    assert_eq!(
        body,
        format!(r#"{NOT_FOUND},"detail":"keyId : {detail}"}}"#)
    );

    // Inside the admin router, a stricter one: the innermost policy wins.
    let (body, detail) = ask(address, server, "admin/strict", "internal");
    assert_eq!(body, format!("{INTERNAL}}}"));
    assert_eq!(logged(&detail), 1);

    // The partner router: even 4xx details withheld, each logged once, with
    // the reference that the partner received.
    for kind in ["not-found", "internal"] {
        let (body, detail) = ask(address, server, "partner", kind);
        assert!(!body.contains(&detail), "{body}");
        let reference = body
            .split_once(r#","detail":"ref : "#)
            .and_then(|(_, rest)| rest.strip_suffix(r#""}"#))
            .unwrap_or_else(|| panic!("{body}"));
        let detail = if kind == "internal" {
            detail
        } else {
            format!("keyId : {detail}")
        };
        let events = log.with_detail(&detail);
        assert_eq!(events.len(), 1, "{detail}");
        assert_eq!(events[0].field("reference"), Some(reference));
    }

    // Outside the routers, the process's policy is still the installed one.
    assert_eq!(DetailPolicy::in_force(), DetailPolicy::installed());
    assert_eq!(DetailPolicy::installed(), DetailPolicy::DEFAULT);
}

#[cfg(feature = "axum")]
#[test]
fn axum_routers_answer_with_their_own_policies() {
    use axum::extract::Path;
    use axum::routing::get;
    use axum::Router;

    async fn fail(Path((kind, detail)): Path<(String, String)>) -> Result<String, VaultError> {
        Err(VaultError::of(&kind, detail))
    }

    let routes = || Router::new().route("/{kind}/{detail}", get(fail));
    let strict = routes().layer(DetailPolicy::DEFAULT.layer());
    let app = Router::new()
        .nest("/api", routes())
        .nest(
            "/admin",
            routes().nest("/strict", strict).layer(ADMIN.layer()),
        )
        .nest("/partner", routes().layer(PARTNER.layer()));
    let server = support::servers::axum(app);
    check_server(server.address, "axum");
}

#[cfg(feature = "actix-web")]
#[test]
fn actix_web_scopes_answer_with_their_own_policies() {
    use actix_web::{web, App};

    async fn fail(path: web::Path<(String, String)>) -> Result<String, VaultError> {
        let (kind, detail) = path.into_inner();
        Err(VaultError::of(&kind, detail))
    }

    let server = support::servers::actix(actix_server!(|| App::new()
        .service(web::scope("/api").route("/{kind}/{detail}", web::get().to(fail)))
        .service(
            web::scope("/admin")
                .wrap(ADMIN.actix_middleware())
                .service(
                    web::scope("/strict")
                        .wrap(DetailPolicy::DEFAULT.actix_middleware())
                        .route("/{kind}/{detail}", web::get().to(fail)),
                )
                .route("/{kind}/{detail}", web::get().to(fail)),
        )
        .service(
            web::scope("/partner")
                .wrap(PARTNER.actix_middleware())
                .route("/{kind}/{detail}", web::get().to(fail)),
        )));
    check_server(server.address, "actix");
}

#[test]
fn a_scope_is_undone_when_it_ends_or_panics() {
    assert_eq!(
        ADMIN.scope(|| PARTNER.scope(DetailPolicy::in_force)),
        PARTNER
    );
    assert_eq!(ADMIN.scope(DetailPolicy::in_force), ADMIN);
    let panicked = std::panic::catch_unwind(|| ADMIN.scope(|| panic!("inside")));
    assert!(panicked.is_err());
    assert_eq!(DetailPolicy::in_force(), DetailPolicy::installed());
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant comes back as itself (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    round_trip::round_trips(&[
        VaultError::KeyNotFound(String::new()),
        VaultError::Internal("keyId : 1".into()),
    ]);
}
