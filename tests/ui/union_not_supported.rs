use skms_core::SkmsError;

#[derive(SkmsError)]
union KmsError {
    code: u32,
    status: u16,
}

fn main() {}
