use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 60001, status = 500, msg = "Storage failed", detail = "{path}")]
    Storage {
        #[from]
        source: std::io::Error,
        path: String,
    },
}

fn main() {}
