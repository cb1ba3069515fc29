use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 60001, status = 500, msg = "Storage failed")]
    Storage(#[from(std::io::Error)] std::io::Error),
}

fn main() {}
