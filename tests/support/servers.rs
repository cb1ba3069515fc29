//! Real servers on 127.0.0.1, each on a thread of its own, so that a test
//! talks to them with the blocking client of `tcp.rs`; stopped when dropped.

use std::net::SocketAddr;
use std::thread::JoinHandle;

/// A server that runs until dropped.
pub struct Running {
    pub address: SocketAddr,
    stop: Option<Box<dyn FnOnce() + Send>>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            stop();
        }
        if let Some(thread) = self.thread.take() {
            // A panic of the server thread fails the test, unless the test
            // is already failing.
            if thread.join().is_err() && !std::thread::panicking() {
                panic!("the server thread panicked");
            }
        }
    }
}

/// Serves `router` with axum.
#[cfg(feature = "axum")]
pub fn axum(router: axum::Router) -> Running {
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    let (ready, address) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
            .unwrap()
            .block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                ready.send(listener.local_addr().unwrap()).unwrap();
                axum::serve(listener, router)
                    .with_graceful_shutdown(async move {
                        let _ = tokio::task::spawn_blocking(move || stopped.recv()).await;
                    })
                    .await
                    .unwrap();
            });
    });
    Running {
        address: address.recv().unwrap(),
        stop: Some(Box::new(move || {
            let _ = stop.send(());
        })),
        thread: Some(thread),
    }
}

/// Runs the actix-web server that `build` binds (to `127.0.0.1:0`, with
/// one worker and no signal handling) and returns with its address.
#[cfg(feature = "actix-web")]
pub fn actix<F>(build: F) -> Running
where
    F: FnOnce() -> (SocketAddr, actix_web::dev::Server) + Send + 'static,
{
    let (ready, handle) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let (address, server) = build();
            ready.send((address, server.handle())).unwrap();
            server.await.unwrap();
        });
    });
    let (address, handle) = handle.recv().unwrap();
    Running {
        address,
        stop: Some(Box::new(move || {
            actix_web::rt::System::new().block_on(handle.stop(true));
        })),
        thread: Some(thread),
    }
}

/// An actix-web server of `app`, as `actix` wants it built.
#[cfg(feature = "actix-web")]
#[macro_export]
macro_rules! actix_server {
    ($app:expr) => {
        || {
            let server = actix_web::HttpServer::new($app)
                .workers(1)
                .disable_signals()
                .bind(("127.0.0.1", 0))
                .unwrap();
            let address = server.addrs()[0];
            (address, server.run())
        }
    };
}
