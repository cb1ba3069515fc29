use skms_core::SkmsError;

// `From<T>` and `From<std::io::Error>` overlap where `T` is
// `std::io::Error`: the compiler's error, at the #[from] of the second.
#[derive(Debug, SkmsError)]
enum KmsError<T: std::error::Error + 'static> {
    #[skms(code = 60001, status = 500, msg = "Backend failed")]
    Backend(#[from] T),
    #[skms(code = 60002, status = 500, msg = "Storage failed")]
    Storage(#[from] std::io::Error),
}

fn main() {}
