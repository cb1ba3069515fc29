use skms_core::SkmsError;

// Under `std_error = false`, #[from] is left to the derive that writes
// `Error`; without one, nothing would write `From`.
#[derive(Debug, SkmsError)]
#[skms(std_error = false)]
enum KmsError {
    #[skms(code = 60001, status = 500, msg = "Storage failed")]
    Storage(#[from] std::io::Error),
}

fn main() {}
