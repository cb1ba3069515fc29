//! A detail with a spec writes what `format!` writes with the same string:
//! every spec kind that `format!` accepts, checked at run time against
//! `format!` itself, through each writer of a detail (`detail()`, which
//! goes through a `Formatter`; serde; and `write_json`).
//!
//! What `format!` accepts that a detail does not: `.*`, whose precision is
//! the next positional argument, which a detail has not (every field is
//! named by the detail); and arguments that are not fields. Both are
//! compile errors of the derive (tests/ui).

#![allow(clippy::unreadable_literal)]

use skms_core::SkmsError;

/// The detail of `error` as each writer writes it, checked against
/// `expected`.
fn check(error: &dyn SkmsError, expected: &str, spec: &str) {
    assert_eq!(
        error.detail().as_deref(),
        Some(expected),
        "detail() of {spec}"
    );
    let mut shown = String::new();
    std::fmt::Write::write_fmt(&mut shown, format_args!("{}", Detail(error))).unwrap();
    assert_eq!(shown, expected, "fmt_detail of {spec}");
    let body: serde_json::Value = serde_json::from_slice(&skms_core::to_json_vec(error)).unwrap();
    assert_eq!(body["detail"], expected, "write_json of {spec}");
}

fn check_serde<E: SkmsError + serde::Serialize>(error: &E, expected: &str, spec: &str) {
    check(error, expected, spec);
    let body = serde_json::to_value(error).unwrap();
    assert_eq!(body["detail"], expected, "Serialize of {spec}");
}

struct Detail<'a>(&'a dyn SkmsError);

impl std::fmt::Display for Detail<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt_detail(f)
    }
}

/// One struct per spec, `struct Name(Type)` with `detail = spec`, checked
/// against `format!(spec, value)`.
macro_rules! one_field {
    ($($name:ident($ty:ty) = $value:expr, $spec:tt;)*) => {
        $(
            #[derive(Debug, SkmsError)]
            #[skms(code = 64000, status = 400, msg = "m", detail = $spec)]
            struct $name($ty);
        )*

        /// A spec that writes as no spec (empty, blanks) is read back; every
        /// other is never rebuilt (issue 21, item 7).
        #[test]
        fn every_rebuilt_variant_round_trips() {
            const READ_BACK: &[&str] = &["EmptySpec", "BlankSpec", "BlankBeforeClose", "Braces"];
            $(
                if READ_BACK.contains(&stringify!($name)) {
                    round_trip::round_trips_debug(&[$name($value)]);
                } else {
                    round_trip::never_rebuilt(&[$name($value)]);
                }
            )*
        }

        #[test]
        fn one_field_specs() {
            $(
                let error = $name($value);
                let expected = format!($spec, error.0);
                check_serde(&error, &expected, $spec);
            )*
        }
    };
}

one_field! {
    // fill and align, `}` and `{` as fill included
    FillBrace(u8) = 7, "{0:}>5}";
    FillOpenBrace(u8) = 7, "{0:{<5}";
    FillAlign(u8) = 7, "{0:>>5}";
    Left(&'static str) = "ab", "[{0:<5}]";
    Center(&'static str) = "ab", "[{0:*^7}]";
    Right(&'static str) = "ab", "[{0:>5}]";
    AlignAlone(u8) = 7, "{0:<}";
    FillNewline(u8) = 7, "{0:\n>3}";
    FillSpace(u8) = 7, "{0: >3}";
    FillUnicode(u8) = 7, "{0:é^5}";
    // sign, #, 0
    Plus(i32) = 5, "{0:+}";
    Minus(i32) = -5, "{0:-}";
    Alternate(f64) = 1.0, "{0:#}";
    ZeroPad(i32) = -42, "{0:08}";
    ZeroPadPlus(i32) = 42, "{0:+08}";
    ZeroAlone(u8) = 7, "{0:0}";
    ZeroZero(u8) = 7, "{0:00}";
    ZeroWidth(u8) = 7, "{0:007}";
    // width and precision
    Width(u32) = 42, "{0:6}";
    WidthStr(&'static str) = "ab", "[{0:6}]";
    Precision(f64) = 1.23456, "{0:.2}";
    PrecisionZero(f64) = 2.5, "{0:.0}";
    PrecisionStr(&'static str) = "abcdef", "{0:.3}";
    WidthPrecision(f64) = 1.23456, "{0:8.3}";
    PrecisionDot(f64) = 1.5, "{0:.}";
    WidthDot(f64) = 1.5, "{0:5.}";
    Everything(f64) = 1.23456, "{0:_^+#12.3}";
    // types
    Debug(&'static str) = "a\"b\n", "{0:?}";
    DebugWidth(&'static str) = "ab", "{0:>8?}";
    DebugPretty((u8, &'static str)) = (1, "a"), "{0:#?}";
    DebugLowerHex(Vec<u8>) = vec![10, 255], "{0:x?}";
    DebugUpperHex(Vec<u8>) = vec![10, 255], "{0:X?}";
    DebugHexPretty(Vec<u8>) = vec![10, 255], "{0:#x?}";
    LowerHex(u32) = 255, "{0:x}";
    LowerHexAlternate(u32) = 255, "{0:#010x}";
    UpperHex(i16) = -1, "{0:X}";
    UpperHexAlternate(u32) = 255, "{0:#X}";
    Octal(u32) = 8, "{0:o}";
    OctalAlternate(u32) = 8, "{0:#o}";
    Binary(u8) = 5, "{0:b}";
    BinaryAlternate(u8) = 5, "{0:#010b}";
    LowerExp(f64) = 1234.5, "{0:e}";
    LowerExpPrecision(f64) = 1234.5, "{0:+.2e}";
    UpperExp(f64) = 0.00012, "{0:E}";
    UpperExpWidth(u32) = 1200, "{0:>12E}";
    Pointer(&'static u8) = &3, "{0:p}";
    PointerBox(Box<i32>) = Box::new(-1), "{0:p}";
    PointerRaw(*const u8) = std::ptr::dangling::<u8>(), "{0:#p}";
    PointerWidth(&'static str) = "p", "{0:>20p}";
    // blanks and empty specs
    EmptySpec(f64) = 1.5, "{0:}";
    BlankSpec(f64) = 1.5, "{0: }";
    BlankBeforeClose(u8) = 7, "{0 }";
    BlankAroundColon(u8) = 255, "{0 :x }";
    Braces(u8) = 7, "{{{0}}} {{}}";
}

/// Widths and precisions taken from fields: `1$`, `0$`, `name$`.
mod counts {
    use skms_core::SkmsError;

    #[derive(Debug, SkmsError)]
    pub enum Counts {
        #[skms(code = 64101, status = 400, msg = "m", detail = "[{0:1$}]")]
        Width(&'static str, usize),
        #[skms(code = 64102, status = 400, msg = "m", detail = "[{0:.1$}]")]
        Precision(f64, usize),
        #[skms(code = 64103, status = 400, msg = "m", detail = "[{0:>1$.2$}] [{1}]")]
        Both(f64, usize, usize),
        #[skms(code = 64104, status = 400, msg = "m", detail = "[{0:0$}]")]
        Itself(usize),
        #[skms(
            code = 64105,
            status = 400,
            msg = "m",
            detail = "[{x:w$}] [{x:>w$.p$e}]"
        )]
        Named { x: f64, w: usize, p: usize },
        #[skms(code = 64106, status = 400, msg = "m", detail = "[{x:0w$}] [{x:+0w$}]")]
        ZeroPadded { x: i32, w: usize },
    }
}

#[test]
fn counts_from_fields() {
    use counts::Counts;
    let cases: [(Counts, String); 7] = [
        (Counts::Width("ab", 5), format!("[{0:1$}]", "ab", 5)),
        (
            Counts::Precision(1.23456, 2),
            format!("[{0:.1$}]", 1.23456, 2),
        ),
        (
            Counts::Both(1.23456, 9, 3),
            format!("[{0:>1$.2$}] [{1}]", 1.23456, 9, 3),
        ),
        (Counts::Itself(4), format!("[{0:0$}]", 4)),
        (
            Counts::Named {
                x: 1234.5,
                w: 12,
                p: 1,
            },
            format!("[{x:w$}] [{x:>w$.p$e}]", x = 1234.5, w = 12, p = 1),
        ),
        (
            Counts::ZeroPadded { x: -7, w: 5 },
            format!("[{x:0w$}] [{x:+0w$}]", x = -7, w = 5),
        ),
        (Counts::Width("", 0), format!("[{0:1$}]", "", 0)),
    ];
    for (error, expected) in &cases {
        check_serde(error, expected, "counts");
    }
}

/// A generic field written with `:p` needs `Pointer`, and only that: a raw
/// pointer is not `Display`.
#[derive(Debug, SkmsError)]
#[skms(code = 64201, status = 400, msg = "m", detail = "{0:p}")]
struct GenericPointer<T>(T);

#[test]
fn a_pointer_field_is_written_by_value() {
    let value = 5u8;
    let raw: *const u8 = &value;
    let error = GenericPointer(raw);
    check_serde(&error, &format!("{raw:p}"), "{0:p} of *const u8");
    let boxed = GenericPointer(Box::new(7));
    let expected = format!("{:p}", boxed.0);
    check_serde(&boxed, &expected, "{0:p} of Box");
    // Not the address of the field inside the error.
    assert_ne!(expected, format!("{:p}", &boxed.0));
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Widths and precisions from fields, and `:p`, are never rebuilt (issue
/// 21, item 7).
#[test]
fn counts_and_pointers_are_never_rebuilt() {
    use counts::Counts;
    round_trip::never_rebuilt(&[
        Counts::Width("ab", 5),
        Counts::Precision(1.5, 2),
        Counts::Both(1.5, 9, 3),
        Counts::Itself(4),
        Counts::Named {
            x: 1.5,
            w: 12,
            p: 1,
        },
        Counts::ZeroPadded { x: -7, w: 5 },
    ]);
    round_trip::never_rebuilt(&[GenericPointer(Box::new(7))]);
}
