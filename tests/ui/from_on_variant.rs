use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
#[from]
enum KmsError {
    #[from]
    #[skms(code = 60001, status = 500, msg = "Storage failed")]
    Storage(std::io::Error),
}

fn main() {}
