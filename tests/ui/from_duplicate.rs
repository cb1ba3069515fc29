use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 60001, status = 500, msg = "Storage failed")]
    Storage(#[from] #[from] std::io::Error),
}

fn main() {}
