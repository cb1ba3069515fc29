//! The HTTP status codes of the SKMS reference.

/// One row of the reference's status table: a status code, its status
/// message and the reference's (Japanese) description.
///
/// ```
/// use skms_core::HttpStatus;
///
/// let status = HttpStatus::lookup(403).unwrap();
/// assert_eq!(status.message, "Forbidden");
/// assert!(HttpStatus::lookup(418).is_none());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct HttpStatus {
    /// The status code, such as `400`.
    pub code: u16,
    /// The status message, such as `"Bad Request"`.
    pub message: &'static str,
    /// What the reference says the status means.
    pub description: &'static str,
}

impl HttpStatus {
    /// The reference's status table, in its order.
    pub const TABLE: [HttpStatus; 6] = [
        HttpStatus::new(200, "OK", "リクエスト成功"),
        HttpStatus::new(
            400,
            "Bad Request",
            "クライアントのリクエストが無効です(例:必須値の入力が欠落しています)",
        ),
        HttpStatus::new(401, "Unauthorized", "承認されていません(認証失敗)"),
        HttpStatus::new(
            403,
            "Forbidden",
            "許可されていません(認証はされましたが、該当ユーザーに許可されていないリクエストの場合)",
        ),
        HttpStatus::new(404, "Not Found", "リクエストされたリソースがありません"),
        HttpStatus::new(
            500,
            "Internal Server Error",
            "リクエストを処理中に内部サーバーエラーが発生しました",
        ),
    ];

    const fn new(code: u16, message: &'static str, description: &'static str) -> Self {
        HttpStatus {
            code,
            message,
            description,
        }
    }

    /// The row of `code` in the reference's table, if it has one.
    #[must_use]
    pub fn lookup(code: u16) -> Option<&'static HttpStatus> {
        const TABLE: &[HttpStatus] = &HttpStatus::TABLE;
        TABLE.iter().find(|status| status.code == code)
    }
}
