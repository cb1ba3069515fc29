//! What the HTTP tests share. Each test binary uses a part of it.
#![allow(dead_code)]

pub mod log;
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub mod servers;
pub mod tcp;
#[cfg(all(feature = "reqwest", any(feature = "axum", feature = "actix-web")))]
pub mod vault;
