//! What the HTTP tests share. Each test binary uses a part of it.
#![allow(dead_code)]

pub mod log;
#[cfg(all(feature = "reqwest", any(feature = "axum", feature = "actix-web")))]
pub mod vault;
