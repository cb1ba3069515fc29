use skms_core::SkmsError;

#[derive(Debug)]
struct NotAnError;

// The field of a variant of its own marked #[from] is its source, which
// must be an `Error`: reported at the field.
#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 60001, status = 500, msg = "Storage failed")]
    Storage(#[from] NotAnError),
}

fn main() {}
