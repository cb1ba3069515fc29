//! The JSON export of a catalog, written (`Listing::to_json`) and read back
//! (`Listing::from_json`, feature `json`), side by side with their
//! round-trip test: a release's export is committed, and diffed against
//! later.
//!
//! Format 1 is an object:
//! `{"format":1,"name":N,"range":{"low":L,"high":H},"codes":[...],"reserved":[...]}`.
//! Format 0, the first export, was the bare array of codes.
//!
//! Every function here is `#[inline]`: tests and tools call them, a service
//! never does at run time, so they are compiled in the crate that calls
//! them (a test, the `skms` command) and not in every build of skms-core,
//! which sits on the critical path of a service's clean build. (Measured in
//! BENCHMARKS.md: without it, skms-core's build took 37% more instructions.)

use core::fmt::Write as _;
use std::string::String;
use std::vec::Vec;

use crate::catalog::{Rebuilt, Reserved};
use crate::listing::{Listed, Listing};
use crate::DetailExposure;

/// The format version that [`Listing::to_json`] writes and the newest that
/// [`Listing::from_json`] reads.
pub const EXPORT_FORMAT: u32 = 1;

/// `{"low":40106,"high":40109,"reason":"..."}`: one reservation, as the
/// export lists it and the catalog endpoint answers a reserved code.
#[inline]
pub(crate) fn write_reserved(out: &mut Vec<u8>, reserved: &Reserved) {
    let _ = write!(
        crate::json::Bytes(out),
        "{{\"low\":{},\"high\":{}",
        reserved.codes.low,
        reserved.codes.high
    );
    if let Some(reason) = reserved.reason {
        out.extend_from_slice(b",\"reason\":");
        crate::json::write_str(out, reason);
    }
    out.push(b'}');
}

/// How the export names a [`Rebuilt`].
#[inline]
pub(crate) fn rebuilt_name(rebuilt: Rebuilt) -> &'static str {
    match rebuilt {
        Rebuilt::Always => "always",
        Rebuilt::FromDetail => "from_detail",
        Rebuilt::Never => "never",
    }
}

impl Listed {
    /// Appends the JSON object of this code, as [`Listing::to_json`] lists it.
    #[inline]
    pub(crate) fn write_json(&self, out: &mut Vec<u8>) {
        let Listed { entry, path } = self;
        let _ = write!(
            crate::json::Bytes(out),
            "{{\"code\":{},\"status\":{},\"message\":",
            entry.code,
            entry.status
        );
        crate::json::write_str(out, entry.message);
        if let Some(description) = entry.description {
            out.extend_from_slice(b",\"description\":");
            crate::json::write_str(out, description);
        }
        if let Some(doc) = entry.doc {
            out.extend_from_slice(b",\"doc\":");
            crate::json::write_str(out, doc);
        }
        out.extend_from_slice(b",\"variant\":");
        crate::json::write_str(out, entry.variant);
        if !path.is_empty() {
            out.extend_from_slice(b",\"via\":[");
            for (index, variant) in path.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                crate::json::write_str(out, variant);
            }
            out.push(b']');
        }
        match entry.detail_exposure() {
            DetailExposure::Unmarked => {}
            DetailExposure::Public => out.extend_from_slice(b",\"exposure\":\"public\""),
            DetailExposure::Internal => out.extend_from_slice(b",\"exposure\":\"internal\""),
        }
        if let Some(note) = entry.deprecated {
            out.extend_from_slice(b",\"deprecated\":");
            crate::json::write_str(out, note);
        }
        if let Some(rebuilt) = entry.rebuilt() {
            out.extend_from_slice(b",\"rebuilt\":\"");
            out.extend_from_slice(rebuilt_name(rebuilt).as_bytes());
            out.push(b'"');
        }
        out.push(b'}');
    }
}

impl Listing {
    /// The catalog as JSON, format 1: an object with `format` (1), `name`
    /// (the type's) and `range` (`{"low":L,"high":H}`) when known, `codes`,
    /// one object per code, and `reserved`, one object per reservation
    /// (`low`, `high`, and `reason` when given).
    ///
    /// Each code's object has `code`, `status`, `message`, `description`
    /// and `doc` when present, `variant`, `via` (the transparent variants it
    /// is included through) when not empty, `exposure` (`public` or
    /// `internal`) when the detail is marked, `deprecated` (the note,
    /// empty for a bare mark) when deprecated, and `rebuilt` when known
    /// ([`Entry::rebuilt`](crate::Entry::rebuilt): `always`, `from_detail`
    /// or `never`; an entry written by hand, or read from an older export,
    /// has none). One code a line. The format stays 1: `rebuilt` is an
    /// added key that older readers ignore, and exports without it are read
    /// as before.
    /// [`Listing::from_json`] reads it back.
    ///
    /// ```
    /// use skms_core::{Catalog, StandardError};
    ///
    /// let json = StandardError::catalog().to_json();
    /// assert!(json.starts_with("{\"format\":1,\"name\":\"StandardError\",\"codes\":[\n"));
    /// assert!(json.contains(r#"{"code":40301,"status":401,"message":"You don't have permission this service","description":"アクセス権がありません","variant":"PermissionDenied","rebuilt":"always"}"#));
    /// ```
    #[must_use]
    #[inline]
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(64 + self.listed.len() * 128);
        let _ = write!(crate::json::Bytes(&mut out), "{{\"format\":{EXPORT_FORMAT}");
        if let Some(name) = &self.name {
            out.extend_from_slice(b",\"name\":");
            crate::json::write_str(&mut out, name);
        }
        if let Some(range) = self.range {
            let _ = write!(
                crate::json::Bytes(&mut out),
                ",\"range\":{{\"low\":{},\"high\":{}}}",
                range.low,
                range.high
            );
        }
        out.extend_from_slice(b",\"codes\":[");
        for (index, listed) in self.listed.iter().enumerate() {
            out.extend_from_slice(if index == 0 { b"\n  " } else { b",\n  " });
            listed.write_json(&mut out);
        }
        out.extend_from_slice(if self.listed.is_empty() { b"]" } else { b"\n]" });
        if !self.reserved.is_empty() {
            out.extend_from_slice(b",\"reserved\":[");
            for (index, reserved) in self.reserved.iter().enumerate() {
                out.extend_from_slice(if index == 0 { b"\n  " } else { b",\n  " });
                write_reserved(&mut out, reserved);
            }
            out.extend_from_slice(b"\n]");
        }
        out.extend_from_slice(b"}\n");
        // Everything written is UTF-8: literals, numbers and escaped `str`s.
        String::from_utf8(out).unwrap_or_default()
    }
}

#[cfg(feature = "json")]
pub use self::read::ExportError;

#[cfg(feature = "json")]
mod read {
    use core::fmt;
    use std::borrow::ToOwned;
    use std::boxed::Box;
    use std::format;
    use std::string::{String, ToString};
    use std::vec::Vec;

    use serde_json::{Map, Value};

    use super::EXPORT_FORMAT;
    use crate::catalog::{CodeRange, Reserved};
    use crate::listing::{Listed, Listing};
    use crate::DetailExposure;

    /// An export that [`Listing::from_json`] cannot read; its `Display` is
    /// one line that says where and why: `line 3 column 9: expected ...`,
    /// `codes[3].status: expected an integer 400..=599, found 700`, or
    /// `format 2 is newer than this skms-core reads (1)`.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct ExportError {
        message: String,
        newer_format: Option<u64>,
    }

    impl ExportError {
        /// `message` about the value at `path` (`codes[3].status`; empty
        /// for the export itself).
        #[inline]
        fn at(path: &str, message: impl fmt::Display) -> ExportError {
            ExportError {
                message: if path.is_empty() {
                    message.to_string()
                } else {
                    format!("{path}: {message}")
                },
                newer_format: None,
            }
        }

        /// The format version of the export, when it is newer than
        /// [`EXPORT_FORMAT`](crate::EXPORT_FORMAT): a newer skms-core wrote it.
        #[must_use]
        #[inline]
        pub fn newer_format(&self) -> Option<u64> {
            self.newer_format
        }
    }

    impl fmt::Display for ExportError {
        #[inline]
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.message)
        }
    }

    impl std::error::Error for ExportError {}

    /// A JSON value's kind, as the messages name it.
    #[inline]
    fn kind(value: &Value) -> String {
        match value {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            Value::String(_) => "a string".to_owned(),
            Value::Array(_) => "an array".to_owned(),
            Value::Object(_) => "an object".to_owned(),
        }
    }

    /// The strings of a listing read back live as long as the program:
    /// an entry is `'static` data.
    #[inline]
    fn leak(text: &str) -> &'static str {
        Box::leak(text.to_owned().into_boxed_str())
    }

    #[inline]
    fn object<'v>(value: &'v Value, path: &str) -> Result<&'v Map<String, Value>, ExportError> {
        value.as_object().ok_or_else(|| {
            ExportError::at(path, format!("expected an object, found {}", kind(value)))
        })
    }

    #[inline]
    fn integer(
        object: &Map<String, Value>,
        path: &str,
        key: &str,
        low: u64,
        high: u64,
    ) -> Result<Option<u64>, ExportError> {
        let Some(value) = object.get(key) else {
            return Ok(None);
        };
        match value.as_u64() {
            Some(n) if (low..=high).contains(&n) => Ok(Some(n)),
            _ => Err(ExportError::at(
                &join(path, key),
                format!("expected an integer {low}..={high}, found {}", kind(value)),
            )),
        }
    }

    /// The path of `key` in the object at `path`.
    #[inline]
    fn join(path: &str, key: &str) -> String {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    }

    #[inline]
    fn required<T>(value: Option<T>, path: &str, key: &str) -> Result<T, ExportError> {
        value.ok_or_else(|| ExportError::at(path, format!("missing `{key}`")))
    }

    #[inline]
    fn string<'v>(
        object: &'v Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Result<Option<&'v str>, ExportError> {
        match object.get(key) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(value) => Err(ExportError::at(
                &join(path, key),
                format!("expected a string, found {}", kind(value)),
            )),
        }
    }

    #[inline]
    fn range(object: &Map<String, Value>, path: &str) -> Result<CodeRange, ExportError> {
        let max = u64::from(u32::MAX);
        let low = required(integer(object, path, "low", 0, max)?, path, "low")?;
        let high = required(integer(object, path, "high", 0, max)?, path, "high")?;
        if high < low {
            return Err(ExportError::at(
                path,
                format!("`high` {high} is below `low` {low}"),
            ));
        }
        // Both within u32, checked above.
        Ok(CodeRange::new(
            u32::try_from(low).unwrap_or(u32::MAX),
            u32::try_from(high).unwrap_or(u32::MAX),
        ))
    }

    #[inline]
    fn code(value: &Value, path: &str) -> Result<Listed, ExportError> {
        let object = object(value, path)?;
        let code = integer(object, path, "code", 0, u64::from(u32::MAX))?;
        let code = required(code, path, "code")?;
        let status = required(integer(object, path, "status", 400, 599)?, path, "status")?;
        let message = required(string(object, path, "message")?, path, "message")?;
        let variant = string(object, path, "variant")?.unwrap_or("");
        let rebuilt = match string(object, path, "rebuilt")? {
            None => None,
            Some("always") => Some(crate::Rebuilt::Always),
            Some("from_detail") => Some(crate::Rebuilt::FromDetail),
            Some("never") => Some(crate::Rebuilt::Never),
            Some(other) => {
                return Err(ExportError::at(
                    &format!("{path}.rebuilt"),
                    format!("expected \"always\", \"from_detail\" or \"never\", found {other:?}"),
                ))
            }
        };
        let mut entry = crate::__private::entry(
            u32::try_from(code).unwrap_or(u32::MAX),
            u16::try_from(status).unwrap_or(599),
            leak(message),
            leak(variant),
            "",
        )
        .with_rebuilt(rebuilt);
        if let Some(description) = string(object, path, "description")? {
            entry = entry.with_description(leak(description));
        }
        if let Some(doc) = string(object, path, "doc")? {
            entry = entry.with_doc(leak(doc));
        }
        if let Some(note) = string(object, path, "deprecated")? {
            entry = entry.with_deprecated(leak(note));
        }
        match string(object, path, "exposure")? {
            None => {}
            Some("public") => {
                entry = crate::__private::with_exposure(entry, DetailExposure::Public);
            }
            Some("internal") => {
                entry = crate::__private::with_exposure(entry, DetailExposure::Internal);
            }
            Some(other) => {
                return Err(ExportError::at(
                    &format!("{path}.exposure"),
                    format!("expected \"public\" or \"internal\", found {other:?}"),
                ))
            }
        }
        let mut via = Vec::new();
        match object.get("via") {
            None => {}
            Some(Value::Array(variants)) => {
                for (index, variant) in variants.iter().enumerate() {
                    let Value::String(variant) = variant else {
                        return Err(ExportError::at(
                            &format!("{path}.via[{index}]"),
                            format!("expected a string, found {}", kind(variant)),
                        ));
                    };
                    via.push(leak(variant));
                }
            }
            Some(value) => {
                return Err(ExportError::at(
                    &format!("{path}.via"),
                    format!("expected an array, found {}", kind(value)),
                ))
            }
        }
        Ok(Listed {
            entry: Box::leak(Box::new(entry)),
            path: via,
        })
    }

    #[inline]
    fn array<'v>(value: &'v Value, path: &str) -> Result<&'v [Value], ExportError> {
        match value {
            Value::Array(items) => Ok(items),
            value => Err(ExportError::at(
                path,
                format!("expected an array, found {}", kind(value)),
            )),
        }
    }

    #[inline]
    fn codes(value: &Value, path: &str) -> Result<Vec<Listed>, ExportError> {
        let mut listed: Vec<Listed> = Vec::new();
        for (index, value) in array(value, path)?.iter().enumerate() {
            let path = format!("{path}[{index}]");
            let code = code(value, &path)?;
            if listed.iter().any(|l| l.entry.code == code.entry.code) {
                return Err(ExportError::at(
                    &format!("{path}.code"),
                    format!("{} is listed twice", code.entry.code),
                ));
            }
            listed.push(code);
        }
        Ok(listed)
    }

    impl Listing {
        /// Reads back an export that [`to_json`](Listing::to_json) wrote:
        /// format 1, or the bare array of codes of the first exports
        /// (format 0). Keys that it does not know are ignored.
        ///
        /// The strings of the listing read, and its entries, live as long
        /// as the program (an [`Entry`](crate::Entry) is `'static` data): read exports in
        /// tests and tools, not once per request.
        ///
        /// ```
        /// use skms_core::{Catalog, Listing, StandardError};
        ///
        /// let export = StandardError::catalog().to_json();
        /// let listing = Listing::from_json(&export).unwrap();
        /// assert_eq!(listing.to_json(), export);
        /// assert!(listing.diff(&StandardError::catalog()).is_empty());
        ///
        /// let error = Listing::from_json(r#"{"format":1,"codes":[{"code":1,"status":700,"message":"m"}]}"#).unwrap_err();
        /// assert_eq!(error.to_string(), "codes[0].status: expected an integer 400..=599, found 700");
        /// ```
        ///
        /// # Errors
        ///
        /// [`ExportError`] when the text is not JSON, not an export, an
        /// export with a wrong value (its message gives the line and column
        /// of a syntax error, or the path of the value: `codes[3].status`),
        /// or an export of a newer format than [`EXPORT_FORMAT`](crate::EXPORT_FORMAT).
        #[inline]
        pub fn from_json(json: &str) -> Result<Listing, ExportError> {
            // `FromStr` of `Value` is compiled once, in serde_json: a
            // `from_str::<Value>` here would compile its deserializer again
            // in skms-core, for every build of it.
            let value: Value = json
                .parse()
                .map_err(|error: serde_json::Error| ExportError {
                    message: error.to_string(),
                    newer_format: None,
                })?;
            let mut listing = Listing {
                listed: Vec::new(),
                reserved: Vec::new(),
                name: None,
                range: None,
            };
            if let Value::Array(_) = value {
                listing.listed = codes(&value, "codes")?;
                return Ok(listing);
            }
            let object = object(&value, "")?;
            let format = match object.get("format") {
                None => return Err(ExportError::at("", "missing `format`")),
                Some(format) => format.as_u64().ok_or_else(|| {
                    ExportError::at(
                        "format",
                        format!("expected an integer, found {}", kind(format)),
                    )
                })?,
            };
            if format > u64::from(EXPORT_FORMAT) {
                return Err(ExportError {
                    message: format!(
                        "format {format} is newer than this skms-core reads ({EXPORT_FORMAT})"
                    ),
                    newer_format: Some(format),
                });
            }
            listing.name = string(object, "", "name")?.map(ToOwned::to_owned);
            if let Some(value) = object.get("range") {
                listing.range = Some(range(self::object(value, "range")?, "range")?);
            }
            let codes_value = required(object.get("codes"), "", "codes")?;
            listing.listed = codes(codes_value, "codes")?;
            if let Some(value) = object.get("reserved") {
                for (index, value) in array(value, "reserved")?.iter().enumerate() {
                    let path = format!("reserved[{index}]");
                    let object = self::object(value, &path)?;
                    let mut reserved = Reserved {
                        codes: range(object, &path)?,
                        reason: None,
                    };
                    if let Some(reason) = string(object, &path, "reason")? {
                        reserved = reserved.with_reason(leak(reason));
                    }
                    listing.reserved.push(reserved);
                }
            }
            Ok(listing)
        }
    }
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use crate::{Catalog, Listing, StandardError};

    #[test]
    #[inline]
    fn exports_round_trip() {
        let export = StandardError::catalog().to_json();
        assert_eq!(Listing::from_json(&export).unwrap().to_json(), export);
    }
}
