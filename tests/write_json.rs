//! `SkmsError::write_json`, the fast path, writes exactly the bytes that
//! serde_json writes for the `Serialize` impl.

use std::borrow::Cow;

use skms_core::{Catalog, SkmsError, StandardError};

#[path = "support/round_trip.rs"]
mod round_trip;

/// Details that a hostile or unlucky server could put on the wire.
const HOSTILE: &[&str] = &[
    "",
    "plain",
    "quote \" and backslash \\ and slash /",
    "controls \u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f}\u{7f}",
    "unicode é ü 漢字 \u{2028}\u{2029} astral 🔑𝄞",
    "I/O error on GET request for \"https://devkms.softcamp.co.kr:8080/drm/7FDKQsEK-QVGKyXA2-fx1LxIzy-SNIre0s9/key/0000003\": Connect to devkms.softcamp.co.kr:8080 [devkms.softcamp.co.kr/10.14.10.171] failed",
    "{\"code\":1}",
];

#[derive(Debug, PartialEq, SkmsError)]
enum KmsError {
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {0}"
    )]
    KeyNotFound(String),
    #[skms(
        code = 60001,
        status = 400,
        msg = "A \"quoted\"\tmessage\\ with \u{1} controls é",
        detail = "{0:?}"
    )]
    Odd(String),
    #[skms(
        code = 60002,
        status = 400,
        msg = "Fixed",
        detail = "fixed \"detail\"\n"
    )]
    Fixed,
    #[skms(code = 60003, status = 400, msg = "None")]
    Nothing,
    #[skms(transparent)]
    Standard(StandardError),
    #[skms(transparent)]
    Hand(Hand),
}

/// A hand-written impl takes the trait's default `write_json`.
#[derive(Debug, PartialEq)]
struct Hand(String);

impl SkmsError for Hand {
    fn code(&self) -> u32 {
        4_294_967_295
    }
    fn status(&self) -> u16 {
        599
    }
    fn message(&self) -> &str {
        "hand \"written\""
    }
    fn detail(&self) -> Option<Cow<'_, str>> {
        (!self.0.is_empty()).then_some(Cow::Borrowed(self.0.as_str()))
    }
}

impl Catalog for Hand {
    const ENTRIES: &'static [skms_core::Entry] = &[skms_core::Entry::new(
        4_294_967_295,
        599,
        "hand \"written\"",
        "Hand",
    )];
}

fn check<E: SkmsError + serde::Serialize + ?Sized>(error: &E) {
    let mut fast = b"prefix kept:".to_vec();
    error.write_json(&mut fast);
    let serde = serde_json::to_vec(error).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&fast[12..]),
        String::from_utf8_lossy(&serde)
    );
    assert_eq!(&fast[..12], b"prefix kept:");
    assert_eq!(skms_core::to_json_vec(error), serde);
}

#[test]
fn the_whole_standard_catalog() {
    for error in StandardError::ALL {
        check(&error);
        check(&KmsError::Standard(error));
        check(&error as &dyn SkmsError);
    }
}

#[test]
fn hostile_details() {
    for detail in HOSTILE {
        check(&KmsError::KeyNotFound((*detail).to_owned()));
        check(&KmsError::Odd((*detail).to_owned()));
        check(&KmsError::Hand(Hand((*detail).to_owned())));
        check(&Hand((*detail).to_owned()) as &dyn SkmsError);
    }
    check(&KmsError::Fixed);
    check(&KmsError::Nothing);
}

/// One value of each own entry of `KmsError`, with details empty and not.
#[test]
fn every_derived_entry() {
    let values = [
        KmsError::KeyNotFound(String::new()),
        KmsError::KeyNotFound("k".into()),
        KmsError::Odd(String::new()),
        KmsError::Odd("o".into()),
        KmsError::Fixed,
        KmsError::Nothing,
    ];
    let mut covered: Vec<u32> = values.iter().map(SkmsError::code).collect();
    covered.dedup();
    let entries: Vec<u32> = KmsError::ENTRIES.iter().map(|entry| entry.code).collect();
    assert_eq!(covered, entries);
    for value in &values {
        check(value);
    }
}

/// A field that is not a string or an integer: its `Display` goes through
/// `core::fmt`, escaped on the way.
#[derive(Debug, PartialEq)]
struct Path(&'static str);

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "/vault/\"{}\"", self.0)
    }
}

/// Details of plain `{field}`s are written from constants escaped by the
/// derive, with string and integer fields written without `core::fmt`;
/// every other field, and every field with a spec, through `core::fmt`.
#[derive(Debug, PartialEq, SkmsError)]
enum Plain<'a, T: std::fmt::Display> {
    #[skms(code = 1, status = 400, msg = "str", detail = "{0}")]
    Str(&'a str),
    #[skms(code = 2, status = 400, msg = "owned", detail = "{0}/{1}/{2}/{3}/{4}")]
    Owned(
        String,
        Cow<'a, str>,
        Box<str>,
        std::rc::Rc<str>,
        std::sync::Arc<str>,
    ),
    #[skms(
        code = 3,
        status = 400,
        msg = "unsigned",
        detail = "{a} {b} {c} {d} {e}"
    )]
    Unsigned {
        a: u8,
        b: u16,
        c: u32,
        d: u64,
        e: usize,
    },
    #[skms(code = 4, status = 400, msg = "signed", detail = "{a} {b} {c} {d} {e}")]
    Signed {
        a: i8,
        b: i16,
        c: i32,
        d: i64,
        e: isize,
    },
    #[skms(
        code = 5,
        status = 400,
        msg = "text \"around\"",
        detail = "\"quoted\" {{braces}} \\ \t{0}\n{0}{1}é{{"
    )]
    Around(String, u32),
    #[skms(
        code = 6,
        status = 400,
        msg = "other",
        detail = "at {0} ({1}, {2}, {3})"
    )]
    Other(Path, f64, char, bool),
    #[skms(code = 7, status = 400, msg = "mixed", detail = "{0} {1:>6} {0:?}")]
    Spec(String, u32),
    #[skms(code = 8, status = 400, msg = "generic", detail = "key {key}")]
    Generic { key: T },
    #[skms(code = 9, status = 400, msg = "raw", detail = "{r#type}: {id}")]
    Raw { r#type: &'a str, id: u64 },
    #[skms(code = 10, status = 400, msg = "shared", detail = "{0}")]
    Shared(std::rc::Rc<String>),
    // One field alone: serialized with `serialize_str`, not `collect_str`.
    #[skms(code = 11, status = 400, msg = "count", detail = "{0}")]
    Count(u64),
    #[skms(code = 12, status = 400, msg = "delta", detail = "{0}")]
    Delta(i32),
}

type P<'a> = Plain<'a, u8>;

#[test]
fn plain_details() {
    for text in HOSTILE {
        check(&P::Str(text));
        check(&P::Owned(
            (*text).into(),
            Cow::Borrowed(text),
            (*text).into(),
            (*text).into(),
            (*text).into(),
        ));
        check(&P::Around((*text).into(), 7));
        check(&P::Spec((*text).into(), 42));
        check(&P::Raw {
            r#type: text,
            id: 9,
        });
        check(&P::Shared(std::rc::Rc::new((*text).into())));
        check(&Plain::Generic { key: *text });
        check(&Plain::Generic { key: Path(text) });
        check(&P::Other(Path(text), -0.5, '"', true));
    }
    check(&P::Unsigned {
        a: 0,
        b: 9,
        c: 10,
        d: 1_000_000,
        e: 42,
    });
    check(&P::Unsigned {
        a: u8::MAX,
        b: u16::MAX,
        c: u32::MAX,
        d: u64::MAX,
        e: usize::MAX,
    });
    for sign in [-1, 0, 1] {
        check(&P::Signed {
            a: i8::MAX * sign,
            b: 1 - i16::from(sign),
            c: -1,
            d: 99 * i64::from(sign),
            e: isize::MAX * sign as isize,
        });
    }
    check(&P::Signed {
        a: i8::MIN,
        b: i16::MIN,
        c: i32::MIN,
        d: i64::MIN,
        e: isize::MIN,
    });
    for n in [0, 9, 10, u64::MAX] {
        check(&P::Count(n));
    }
    for n in [0, -1, 10, i32::MIN, i32::MAX] {
        check(&P::Delta(n));
    }
    check(&Plain::Generic { key: 7u32 });
    check(&Plain::Generic { key: -7i64 });
    check(&Plain::Generic { key: 1.5f32 });
}

/// The fast path writes what `Display` writes: the detail in the body is the
/// `detail()` of the error.
#[test]
fn plain_details_agree_with_detail() {
    let error = P::Around("x\"y".into(), 12);
    let json = skms_core::to_json_vec(&error);
    let body: skms_core::ErrorBody<'_> = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        body.detail.as_deref(),
        Some("\"quoted\" {braces} \\ \tx\"y\nx\"y12é{")
    );
    assert_eq!(body.detail, error.detail());
}

/// A struct with a plain detail.
#[derive(Debug, PartialEq, SkmsError)]
#[skms(
    code = 40013,
    status = 400,
    msg = "Key not found in the keyVault",
    detail = "keyId : {key_id}"
)]
struct KeyNotFound {
    key_id: String,
}

#[test]
fn plain_struct_detail() {
    for text in HOSTILE {
        check(&KeyNotFound {
            key_id: (*text).into(),
        });
    }
}

/// A writer that fails after `left` bytes.
struct Failing {
    left: usize,
}

impl std::io::Write for Failing {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            return Err(std::io::Error::other("full"));
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A serializer that fails anywhere in the body, the detail included, is an
/// `Err` from `Serialize`, whichever way the detail is written.
#[test]
fn a_failing_serializer_is_an_error() {
    let errors: [&dyn erased::Both; 6] = [
        &P::Str("a \"detail\""),
        &P::Count(12_345),
        &P::Around("x".into(), 7),
        &P::Spec("y".into(), 42),
        &KmsError::Fixed,
        &KmsError::Standard(StandardError::KeyNotFound),
    ];
    for error in errors {
        let full = error.json().len();
        for left in 0..full {
            assert!(
                error.write_to(Failing { left }).is_err(),
                "{left} of {full}"
            );
        }
        assert!(error.write_to(Failing { left: full }).is_ok());
    }
}

mod erased {
    /// Serializes to bytes, or into a writer.
    pub trait Both {
        fn json(&self) -> Vec<u8>;
        fn write_to(&self, writer: super::Failing) -> serde_json::Result<()>;
    }

    impl<T: serde::Serialize> Both for T {
        fn json(&self) -> Vec<u8> {
            serde_json::to_vec(self).unwrap()
        }
        fn write_to(&self, writer: super::Failing) -> serde_json::Result<()> {
            serde_json::to_writer(writer, self)
        }
    }
}

/// Every variant whose detail reads back comes back as itself, with the
/// hostile details as values; the others are said never rebuilt, or not
/// read back where a field's type has no `FromStr` (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    use round_trip::{never_rebuilt, not_read_back, round_trips};

    let mut values = vec![KmsError::Fixed, KmsError::Nothing];
    values.extend(
        HOSTILE
            .iter()
            .map(|text| KmsError::KeyNotFound((*text).into())),
    );
    values.extend(
        StandardError::ALL
            .into_iter()
            .filter(|error| error.code() != 40013)
            .map(KmsError::Standard),
    );
    round_trips(&values);
    never_rebuilt(&[KmsError::Odd("\"".into())]);
    // A hand-written type has no `FromBody`: nothing comes back.
    assert_eq!(round_trip::rebuilt(&KmsError::Hand(Hand("h".into()))), None);
    assert_eq!(round_trip::decoded(&KmsError::Hand(Hand("h".into()))), None);

    type P<'a> = Plain<'a, String>;
    let mut values = vec![
        P::Unsigned {
            a: u8::MAX,
            b: u16::MAX,
            c: u32::MAX,
            d: u64::MAX,
            e: usize::MAX,
        },
        P::Unsigned {
            a: 0,
            b: 0,
            c: 0,
            d: 0,
            e: 0,
        },
        P::Signed {
            a: i8::MIN,
            b: i16::MIN,
            c: i32::MIN,
            d: i64::MIN,
            e: isize::MIN,
        },
        P::Signed {
            a: i8::MAX,
            b: -1,
            c: 0,
            d: i64::MAX,
            e: 1,
        },
        P::Around(String::new(), 0),
        P::Around("7".into(), 7),
        P::Around("\n{0}é{".into(), u32::MAX),
        P::Count(u64::MAX),
        P::Delta(i32::MIN),
    ];
    for text in HOSTILE {
        values.push(P::Around((*text).into(), 12));
    }
    round_trips(&values);
    never_rebuilt(&[P::Spec("s".into(), 6)]);
    // A field whose type is a parameter is not read, even as a `String`,
    // and the catalog says so.
    never_rebuilt(&[P::Generic { key: "k".into() }]);
    // Types without `FromStr`: the catalog says `FromDetail` (what the
    // derive sees of the variant), and nothing comes back.
    not_read_back(&[
        P::Str("s"),
        P::Owned(
            "a".into(),
            Cow::Borrowed("b"),
            "c".into(),
            "d".into(),
            "e".into(),
        ),
        P::Other(Path("p"), 0.5, 'c', true),
        P::Raw { r#type: "t", id: 1 },
        P::Shared(std::rc::Rc::new("s".into())),
    ]);

    round_trips(&[
        KeyNotFound {
            key_id: String::new(),
        },
        KeyNotFound {
            key_id: "keyId : keyId : ".into(),
        },
    ]);
}
