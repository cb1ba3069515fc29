use skms_core::{SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum LicenseError {
    #[skms(code = 40107, status = 400, msg = "No matching license found")]
    NotFound,
}

// Builds: what `E` uses is checked where `Wrapper<..>` is used.
#[derive(Debug, SkmsError)]
#[skms(reserved(40106..=40109 = "merged into 40104"))]
enum Wrapper<E> {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(transparent)]
    Inner(E),
}

// `code()` of `Wrapper<LicenseError>`, whose catalog would answer the
// reserved 40107: `cargo check` passes, `cargo build` stops at `Inner`.
fn main() {
    let error = Wrapper::Inner(LicenseError::NotFound);
    println!("{}", error.code());
    let _ = StandardError::InvalidToken;
}
