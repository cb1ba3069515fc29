use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 60001, status = 500, msg = "Storage failed")]
    Storage(#[from] std::io::Error),
    #[skms(code = 60002, status = 503, msg = "Vault unreachable")]
    Unreachable(#[from] std::io::Error),
}

fn main() {}
