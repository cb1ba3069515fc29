use skms_core::{SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum TokenError {
    #[skms(code = 60101, status = 401, msg = "Token expired")]
    Expired,
    #[skms(transparent)]
    Standard(StandardError),
}

// Builds: what `E` includes is checked where `Wrapper<..>` is used, and an
// own standard code that it means otherwise is reported at the variant's
// code.
#[derive(Debug, SkmsError)]
enum Wrapper<E> {
    #[skms(code = 40013, status = 404, msg = "No such key")]
    Missing,
    #[skms(transparent)]
    Inner(E),
}

fn main() {
    let error = Wrapper::Inner(TokenError::Expired);
    println!("{}", error.code());
}
