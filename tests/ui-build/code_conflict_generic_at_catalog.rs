use skms_core::{Catalog, SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum TokenError {
    #[skms(code = 40101, status = 401, msg = "Token expired")]
    Expired,
}

#[derive(Debug, SkmsError)]
enum Wrapper<E> {
    // An own code next to a generic catalog: checked against it too.
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(transparent)]
    Inner(E),
    #[skms(transparent)]
    Standard(StandardError),
}

// The catalog of `Wrapper<TokenError>`, and nothing else.
fn main() {
    println!("{}", Wrapper::<TokenError>::catalog().len());
}
