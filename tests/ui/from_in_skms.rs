use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 60001, status = 500, msg = "Storage failed")]
    Storage(#[skms(from)] std::io::Error),
    #[skms(code = 60002, status = 500, msg = "Format failed", from)]
    Format(std::fmt::Error),
}

fn main() {}
