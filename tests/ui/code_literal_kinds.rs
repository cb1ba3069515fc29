use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = b"40013", status = 400, msg = "m")]
    ByteString,
    #[skms(code = 'c', status = 400, msg = "m")]
    Character,
    #[skms(code = 400.13, status = 400, msg = "m")]
    Float,
    #[skms(code = true, status = 400, msg = "m")]
    Boolean,
    #[skms(code = "40013\n", status = 400, msg = "m")]
    EscapedString,
    #[skms(code = 40014, status = 400, msg = 40014u32)]
    SuffixedInteger,
}

fn main() {}
