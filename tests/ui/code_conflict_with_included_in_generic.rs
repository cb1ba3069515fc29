use std::fmt::{Debug, Display};

use skms_core::{SkmsError, StandardError};

// Own code 40013 against the included StandardError, which names no type
// parameter: checked where the type is defined, whatever `T` is.
#[derive(Debug, SkmsError)]
enum KmsError<T: Debug + Display> {
    #[skms(code = 40013, status = 500, msg = "Something else")]
    Clash,
    #[skms(code = 61000, status = 400, msg = "Payload", detail = "{0}")]
    Payload(T),
    #[skms(transparent)]
    Standard(StandardError),
}

fn main() {}
