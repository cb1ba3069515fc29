use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum TokenError {
    #[skms(code = 60101, status = 401, msg = "Token expired")]
    Expired,
}

// Builds: what `E` includes is checked where `Wrapper<..>` is used, and an
// own code that it means otherwise is reported at the variant's code.
#[derive(Debug, SkmsError)]
enum Wrapper<E> {
    #[skms(code = 60101, status = 500, msg = "Wrapped call failed")]
    Failed,
    #[skms(transparent)]
    Inner(E),
}

fn main() {
    let error = Wrapper::Inner(TokenError::Expired);
    println!("{}", error.code());
}
