use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
struct KeyNotFound {
    key_id: String,
}

fn main() {}
