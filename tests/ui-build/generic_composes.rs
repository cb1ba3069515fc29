//! The pass case that makes trybuild build (not only check) this folder:
//! a generic type whose catalog composes builds and runs.

use skms_core::{Catalog, SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum TokenError {
    #[skms(code = 61001, status = 401, msg = "Token expired")]
    Expired,
    // The standard entry restated: one meaning, so it composes.
    #[skms(code = 40101)]
    Invalid,
}

#[derive(Debug, SkmsError)]
enum Wrapper<E> {
    #[skms(transparent)]
    Standard(StandardError),
    #[skms(transparent)]
    Inner(E),
}

fn main() {
    let error = Wrapper::Inner(TokenError::Expired);
    assert_eq!(error.code(), 61001);
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"code":61001,"message":"Token expired"}"#
    );
    assert_eq!(Wrapper::<TokenError>::catalog().len(), 27);
    assert_eq!(Wrapper::<TokenError>::Inner(TokenError::Invalid).code(), 40101);
}
