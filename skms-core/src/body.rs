//! `ErrorBody`, the SKMS error body as it travels on the wire, with its
//! serde impls, which serve any format. Its JSON entry points
//! (`ErrorBody::from_slice`, `from_str`) are in `json/decode.rs`.

use core::fmt;
use std::borrow::Cow;
use std::string::String;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::{LogSafe, SkmsError};

/// The JSON body of a failed SKMS request:
/// `{"code": 40013, "message": "Key not found in the keyVault", "detail": "keyId : 0000009"}`.
///
/// Decoding is as strict as the reference: `code` must be a JSON integer
/// within `u32`, `message` a string, `detail` a string when present (`null`
/// is refused); fields the reference does not know are ignored. Strings are
/// borrowed from the input when they hold no escapes.
///
/// ```
/// use skms_core::ErrorBody;
///
/// let body: ErrorBody = serde_json::from_str(
///     r#"{"code": 40013, "message": "Key not found in the keyVault", "detail": "keyId : 0000009"}"#,
/// )
/// .unwrap();
/// assert_eq!(body.code, 40013);
/// assert_eq!(body.detail.as_deref(), Some("keyId : 0000009"));
///
/// let error = serde_json::from_str::<ErrorBody>(r#"{"code": "40013", "message": "x"}"#).unwrap_err();
/// assert!(error.to_string().contains("an SKMS code"), "{error}");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ErrorBody<'a> {
    /// The SKMS code.
    pub code: u32,
    /// The message of the code, as the server sent it.
    pub message: Cow<'a, str>,
    /// The detail of the occurrence, if the server sent one.
    pub detail: Option<Cow<'a, str>>,
}

impl<'a> ErrorBody<'a> {
    /// The body that `error` is answered with. Borrows the message; a
    /// formatted detail is built into a `String`.
    #[must_use]
    pub fn of<E: SkmsError + ?Sized>(error: &'a E) -> Self {
        ErrorBody {
            code: error.code(),
            message: Cow::Borrowed(error.message()),
            detail: error.detail(),
        }
    }

    /// The same body, owning its strings.
    #[must_use]
    pub fn into_owned(self) -> ErrorBody<'static> {
        ErrorBody {
            code: self.code,
            message: Cow::Owned(self.message.into_owned()),
            detail: self.detail.map(|detail| Cow::Owned(detail.into_owned())),
        }
    }
}

impl fmt::Display for ErrorBody<'_> {
    /// `[code] message: detail`, the same layout as a derived type's
    /// `Display`, with the message and the detail written through
    /// [`LogSafe`](crate::LogSafe): a body is most often one received from
    /// another service, and what it says must not be able to forge a line of
    /// the log it is written to. The fields hold the text as it is.
    ///
    /// ```
    /// use skms_core::ErrorBody;
    ///
    /// let body = ErrorBody {
    ///     code: 40013,
    ///     message: "Key not found in the keyVault".into(),
    ///     detail: Some("keyId : 9\n INFO audit: admin login ok".into()),
    /// };
    /// assert_eq!(
    ///     body.to_string(),
    ///     r"[40013] Key not found in the keyVault: keyId : 9\n INFO audit: admin login ok",
    /// );
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.code, LogSafe(&*self.message))?;
        if let Some(detail) = &self.detail {
            write!(f, ": {}", LogSafe(&**detail))?;
        }
        Ok(())
    }
}

impl Serialize for ErrorBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::error::serialize_body(serializer, self.code, &self.message, self.detail.as_deref())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for ErrorBody<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const FIELDS: &[&str] = &["code", "message", "detail"];
        deserializer.deserialize_struct("ErrorBody", FIELDS, BodyVisitor)
    }
}

struct BodyVisitor;

impl<'de> Visitor<'de> for BodyVisitor {
    type Value = ErrorBody<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an SKMS error body, an object with `code` and `message`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut code = None;
        let mut message = None;
        let mut detail = None;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Code => {
                    if code.is_some() {
                        return Err(de::Error::duplicate_field("code"));
                    }
                    code = Some(map.next_value::<Code>()?.0);
                }
                Key::Message => {
                    if message.is_some() {
                        return Err(de::Error::duplicate_field("message"));
                    }
                    message = Some(map.next_value::<Text<'de>>()?.0);
                }
                Key::Detail => {
                    if detail.is_some() {
                        return Err(de::Error::duplicate_field("detail"));
                    }
                    detail = Some(map.next_value::<Text<'de>>()?.0);
                }
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(ErrorBody {
            code: code.ok_or_else(|| de::Error::missing_field("code"))?,
            message: message.ok_or_else(|| de::Error::missing_field("message"))?,
            detail,
        })
    }
}

/// A key of the body; `Other` for the keys the reference does not define.
pub(crate) enum Key {
    Code,
    Message,
    Detail,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl Visitor<'_> for KeyVisitor {
            type Value = Key;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "code" => Key::Code,
                    "message" => Key::Message,
                    "detail" => Key::Detail,
                    _ => Key::Other,
                })
            }

            fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Key, E> {
                Ok(match key {
                    b"code" => Key::Code,
                    b"message" => Key::Message,
                    b"detail" => Key::Detail,
                    _ => Key::Other,
                })
            }
        }

        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// The `code` of a body: an integer within `u32`, nothing else.
struct Code(u32);

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CodeVisitor;

        impl Visitor<'_> for CodeVisitor {
            type Value = Code;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an SKMS code, an integer from 0 to 4294967295")
            }

            fn visit_u64<E: de::Error>(self, code: u64) -> Result<Code, E> {
                u32::try_from(code)
                    .map(Code)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(code), &self))
            }

            fn visit_i64<E: de::Error>(self, code: i64) -> Result<Code, E> {
                u32::try_from(code)
                    .map(Code)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(code), &self))
            }

            fn visit_u128<E: de::Error>(self, code: u128) -> Result<Code, E> {
                u32::try_from(code)
                    .map(Code)
                    .map_err(|_| E::invalid_value(de::Unexpected::Other("a larger integer"), &self))
            }

            fn visit_i128<E: de::Error>(self, code: i128) -> Result<Code, E> {
                u32::try_from(code).map(Code).map_err(|_| {
                    E::invalid_value(de::Unexpected::Other("an integer out of range"), &self)
                })
            }
        }

        deserializer.deserialize_u32(CodeVisitor)
    }
}

/// A string of a body, borrowed from the input when it can be.
struct Text<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(text)))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(text.into())))
            }

            fn visit_string<E: de::Error>(self, text: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(text)))
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}
