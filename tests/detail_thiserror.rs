//! thiserror's display and generics tests (tests/test_display.rs,
//! tests/test_generics.rs) that map to a `detail`, ported: what a detail's
//! string literal may hold, and the bounds a generic detail adds. (Its
//! hygiene, lint and pointer cases are in tests/hygiene.rs and
//! tests/detail_specs.rs; cases of expressions and extra arguments have no
//! detail to map to: a detail names the variant's fields only.)

#![cfg(feature = "thiserror")]
// Fields a detail leaves out are never read.
#![allow(dead_code)]

use core::fmt::{self, Debug, Display};

use skms_core::SkmsError;

#[path = "support/round_trip.rs"]
mod round_trip;

/// The escapes of the literal are the compiler's: a detail sees its value.
#[derive(Debug, PartialEq, SkmsError)]
enum Literals {
    #[skms(code = 65001, status = 400, msg = "m", detail = "brace left {{")]
    BraceLeft,
    #[skms(
        code = 65002,
        status = 400,
        msg = "m",
        detail = "brace left 2 \x7B\x7B"
    )]
    BraceLeft2,
    #[skms(
        code = 65003,
        status = 400,
        msg = "m",
        detail = "brace right 3 \u{7D}\u{7D}"
    )]
    BraceRight3,
    #[skms(code = 65004, status = 400, msg = "m", detail = r#"raw brace left {{"#)]
    RawBraceLeft,
    #[skms(
        code = 65005,
        status = 400,
        msg = "m",
        detail = r#"raw brace left 2 \x7B"#
    )]
    RawEscape,
    #[skms(
        code = 65006,
        status = 400,
        msg = "m",
        detail = "new_\
                  line"
    )]
    NewLine,
    #[skms(
        code = 65007,
        status = 400,
        msg = "m",
        detail = "fn main() {{}} {0}\x7B\x7B"
    )]
    WithField(u8),
    #[skms(code = 65008, status = 400, msg = "m", detail = "braced error")]
    BracedUnused { extra: usize },
    #[skms(code = 65009, status = 400, msg = "m", detail = "error {0}")]
    Ints(usize, usize),
    #[skms(
        code = 65010,
        status = 400,
        msg = "m",
        detail = "braced raw error: {fn}"
    )]
    Raw { r#fn: &'static str },
}

#[test]
fn literals() {
    for (error, detail) in [
        (Literals::BraceLeft, "brace left {"),
        (Literals::BraceLeft2, "brace left 2 {"),
        (Literals::BraceRight3, "brace right 3 }"),
        (Literals::RawBraceLeft, "raw brace left {"),
        (Literals::RawEscape, r"raw brace left 2 \x7B"),
        (Literals::NewLine, "new_line"),
        (Literals::WithField(1), "fn main() {} 1{"),
        (Literals::BracedUnused { extra: 0 }, "braced error"),
        (Literals::Ints(9, 0), "error 9"),
        (Literals::Raw { r#fn: "T" }, "braced raw error: T"),
    ] {
        assert_eq!(error.detail().as_deref(), Some(detail));
        assert_eq!(serde_json::to_value(&error).unwrap()["detail"], detail);
    }
}

pub struct NoFormat;

#[derive(Debug)]
pub struct DebugOnly;

pub struct DisplayOnly;

impl Display for DisplayOnly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("display only")
    }
}

/// Each type parameter is bounded by what its fields' uses ask, and only
/// that: `HasNeither` is never formatted, so it needs nothing.
#[derive(SkmsError)]
#[skms(std_error = false)]
pub enum EnumCompound<HasDisplay, HasDebug, HasNeither> {
    #[skms(code = 65101, status = 400, msg = "m", detail = "{0} {1:?}")]
    DisplayDebug(HasDisplay, HasDebug),
    #[skms(code = 65102, status = 400, msg = "m", detail = "{0}")]
    Display(HasDisplay, HasNeither),
    #[skms(code = 65103, status = 400, msg = "m", detail = "{1:?}")]
    Debug(HasNeither, HasDebug),
}

impl<A, B, C> Debug for EnumCompound<A, B, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EnumCompound")
    }
}

#[test]
fn bounds_follow_the_uses() {
    type Compound = EnumCompound<DisplayOnly, DebugOnly, NoFormat>;
    let error: Compound = EnumCompound::DisplayDebug(DisplayOnly, DebugOnly);
    assert_eq!(error.detail().as_deref(), Some("display only DebugOnly"));
    let error: Compound = EnumCompound::Display(DisplayOnly, NoFormat);
    assert_eq!(error.detail().as_deref(), Some("display only"));
    let error: Compound = EnumCompound::Debug(NoFormat, DebugOnly);
    assert_eq!(error.detail().as_deref(), Some("DebugOnly"));
}

/// A field used with two traits is bounded by both.
#[derive(Debug, SkmsError)]
#[skms(
    code = 65201,
    status = 400,
    msg = "m",
    detail = "0x{thing:x} 0x{thing:X}"
)]
pub struct MultipleBound<T> {
    thing: T,
}

/// A field written with `:?` only needs `Debug`.
#[derive(Debug, SkmsError)]
pub enum DebugGeneric<E> {
    #[skms(code = 65301, status = 400, msg = "m", detail = "{0:?}")]
    Fatal(E),
}

#[test]
fn generic_fields() {
    let error = MultipleBound { thing: 0xFFi32 };
    assert_eq!(error.detail().as_deref(), Some("0xff 0xFF"));
    let error = DebugGeneric::Fatal(DebugOnly);
    assert_eq!(error.detail().as_deref(), Some("DebugOnly"));
}

/// Every literal detail comes back, a field between literal braces too; a
/// field the detail leaves out is never rebuilt, and a `&str` field does
/// not read back (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    round_trip::round_trips(&[
        Literals::BraceLeft,
        Literals::BraceLeft2,
        Literals::BraceRight3,
        Literals::RawBraceLeft,
        Literals::RawEscape,
        Literals::NewLine,
        Literals::WithField(0),
        Literals::WithField(u8::MAX),
    ]);
    round_trip::never_rebuilt(&[Literals::BracedUnused { extra: 1 }, Literals::Ints(1, 2)]);
    round_trip::not_read_back(&[Literals::Raw { r#fn: "main" }]);
    round_trip::never_rebuilt(&[MultipleBound { thing: 255_u8 }]);
    round_trip::never_rebuilt(&[DebugGeneric::Fatal("e")]);
}
