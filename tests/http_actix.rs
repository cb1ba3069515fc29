//! A real actix-web server on 127.0.0.1 answering with derived SKMS errors,
//! read by a real reqwest client: status, headers, body bytes, the log of
//! the withheld details, and the reqwest extension.

#![cfg(all(feature = "actix-web", feature = "reqwest"))]

mod support;

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer, ResponseError};
use support::vault::{self, VaultError};

async fn key(key_id: web::Path<String>) -> Result<&'static str, VaultError> {
    match vault::error_of(&format!("/keys/{key_id}")) {
        None => Ok(vault::KEY_ONE),
        Some(error) => Err(error),
    }
}

async fn fail(request: HttpRequest) -> Result<HttpResponse, VaultError> {
    Err(vault::error_of(request.path()).unwrap())
}

async fn not_skms(request: HttpRequest) -> HttpResponse {
    if request.path() == vault::HUGE {
        return HttpResponse::InternalServerError().body(vault::huge_body());
    }
    let &(_, status, content_type, body) = vault::NOT_SKMS
        .iter()
        .find(|(path, ..)| *path == request.path())
        .unwrap();
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap())
        .content_type(content_type)
        .body(body)
}

fn app() -> App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let mut app = App::new()
        .route("/keys/{key_id}", web::get().to(key))
        .route("/sci", web::get().to(fail))
        .route("/revoked", web::get().to(fail))
        .route("/standard", web::get().to(fail))
        .route(vault::HUGE, web::get().to(not_skms));
    for (path, ..) in vault::NOT_SKMS {
        app = app.route(path, web::get().to(not_skms));
    }
    app
}

#[test]
fn actix_web_serves_skms_errors_that_reqwest_reads() {
    actix_web::rt::System::new().block_on(async {
        let server = HttpServer::new(app)
            .workers(1)
            .disable_signals()
            .shutdown_timeout(5)
            .bind(("127.0.0.1", 0))
            .unwrap();
        let address = server.addrs()[0];
        let server = server.run();
        let handle = server.handle();
        let running = actix_web::rt::spawn(server);

        vault::check_server(&format!("http://{address}")).await;

        handle.stop(true).await;
        running.await.unwrap().unwrap();
    });
}

#[test]
fn the_standard_catalog_is_an_actix_web_error() {
    let error = skms_core::StandardError::InvalidToken;
    assert_eq!(error.status_code(), 401);
    let response = error.error_response();
    assert_eq!(response.status(), 401);
    assert_eq!(
        response.headers().get("content-type").unwrap(),
        "application/json"
    );
}
