use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
#[skms(code = 60001, status = 500, msg = "Storage failed", detail = "{path}")]
struct StorageFailed {
    #[from]
    source: std::io::Error,
    path: String,
}

fn main() {}
