use std::borrow::Cow;

use skms_core::SkmsError;

#[derive(Debug)]
struct Upstream;

impl SkmsError for Upstream {
    fn code(&self) -> u32 {
        50001
    }
    fn status(&self) -> u16 {
        500
    }
    fn message(&self) -> &str {
        "An unexpected error has occurred in the internal system"
    }
    fn detail(&self) -> Option<Cow<'_, str>> {
        None
    }
}

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(transparent)]
    Upstream(Upstream),
}

fn main() {}
