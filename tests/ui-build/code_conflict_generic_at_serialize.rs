use skms_core::{SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum TokenError {
    #[skms(code = 40101, status = 401, msg = "Token expired")]
    Expired,
}

#[derive(Debug, SkmsError)]
enum Wrapper<E> {
    #[skms(transparent)]
    Standard(StandardError),
    #[skms(transparent)]
    Inner(E),
}

// Serializing a `Wrapper<TokenError>`, and nothing else.
fn main() {
    let error = Wrapper::<TokenError>::Standard(StandardError::InvalidToken);
    println!("{}", serde_json::to_string(&error).unwrap());
}
