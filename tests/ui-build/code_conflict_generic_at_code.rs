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

// `code()` of `Wrapper<TokenError>`, in whose catalog 40101 means two
// things: `cargo check` passes, `cargo build` stops at `Inner`.
fn main() {
    let error = Wrapper::Inner(TokenError::Expired);
    println!("{}", error.code());
}
