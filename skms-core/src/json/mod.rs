//! JSON, one concern a file: the writer (`write`), the scanner for plain
//! bodies (`scan`) and the precise decoder (`decode`).

#[cfg(feature = "json")]
pub(crate) mod decode;
#[cfg(feature = "json")]
pub(crate) mod scan;
mod write;

pub use self::write::{to_json_vec, write_json};
pub(crate) use self::write::{
    escape_fmt, escape_into, write_str, write_with_detail_text, write_without_detail, Bytes,
    Digits,
};
