use skms_core::{SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum TokenError {
    #[skms(code = 40101, status = 401, msg = "Token expired")]
    Expired,
}

// Builds: what `E` includes is checked where `Wrapper<..>` is used.
#[derive(Debug, SkmsError)]
enum Wrapper<E> {
    #[skms(transparent)]
    Standard(StandardError),
    #[skms(transparent)]
    Inner(E),
}

// Including `Wrapper<TokenError>` reads its catalog, which is checked there
// (40101 means two things in it): the error is at `Wrapper`'s variant, in
// `cargo check`.
#[derive(Debug, SkmsError)]
enum ServiceError {
    #[skms(transparent)]
    Wrapped(Wrapper<TokenError>),
}

fn main() {}
