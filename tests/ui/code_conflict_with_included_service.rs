use skms_core::SkmsError;

#[derive(Debug, SkmsError)]
enum TokenError {
    #[skms(code = 60101, status = 401, msg = "Token expired")]
    Expired,
}

// 60101 is not a standard code: the variant can take another code, or the
// included entry's status and message. Reported at the transparent variant
// that brings the other meaning in (only a standard code is reported at the
// variant's code, see `own_check` in skms-derive's expand/compose.rs).
#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 60100, status = 500, msg = "Sealed")]
    Sealed,
    #[skms(code = 60101, status = 401, msg = "Session expired")]
    SessionExpired,
    #[skms(transparent)]
    Token(TokenError),
}

fn main() {}
