use skms_core::{SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum TokenError {
    #[skms(code = 40101, status = 401, msg = "Token expired")]
    Expired,
}

// Two included catalogs that name no type parameter, which disagree on
// 40101: checked where the type is defined, next to the generic `Inner(E)`.
#[derive(Debug, SkmsError)]
enum GatewayError<E> {
    #[skms(transparent)]
    Inner(E),
    #[skms(transparent)]
    Standard(StandardError),
    #[skms(transparent)]
    Token(TokenError),
}

fn main() {}
