//! The generated code names everything by absolute path: a crate that
//! shadows the prelude, or has none, still derives.
//! (A crate that names skms-core by another path: `tests/crate_path.rs`.)

#![allow(dead_code, unused_macros, non_camel_case_types, non_snake_case)]

/// Every name the generated code could have picked up from the prelude is
/// shadowed here by something else.
mod shadowed {
    use skms_core::SkmsError;

    type Result<T> = ::core::result::Result<T, ()>;
    struct Option;
    struct Some;
    struct None;
    struct Ok;
    struct Err;
    struct String;
    struct Box;
    struct Vec;
    struct Cow;
    struct Entry;
    trait Display {}
    trait Debug {}
    trait Serialize {}
    trait Serializer {}
    trait Formatter {}
    trait Error {}
    trait Catalog {}
    struct u32;
    struct u16;
    struct str;
    struct bool;
    struct usize;
    mod core {}
    mod std {}
    mod serde {}
    // The names the generated block imports its helpers under.
    struct __skms_entry;
    struct __skms_entry_plain_detail;
    struct __SkmsField;
    struct __SKMS_NO_FIELD_VALUE;
    struct __SkmsOwnConflict;
    trait From {}
    macro_rules! write {
        ($($tt:tt)*) => {
            compile_error!("the derive used a local write!")
        };
    }

    #[derive(::core::fmt::Debug, SkmsError)]
    pub enum KmsError {
        #[skms(
            code = 40013,
            status = 400,
            msg = "Key not found in the keyVault",
            detail = "keyId : {key_id}"
        )]
        KeyNotFound { key_id: ::std::string::String },
        #[skms(
            code = 40003,
            status = 400,
            msg = "Failed create header",
            detail = "fixed"
        )]
        Header,
        #[skms(transparent)]
        Standard(#[from] ::skms_core::StandardError),
    }

    #[derive(::core::fmt::Debug, SkmsError)]
    #[skms(code = 1, status = 400, msg = "m", detail = "{0}")]
    pub struct Tuple(pub ::core::primitive::u32);

    #[derive(::core::fmt::Debug, SkmsError)]
    #[skms(code = 2, status = 500, msg = "io")]
    pub struct Io(#[from] ::std::io::Error);
}

/// An enum named like the prelude's, with variants named like its: the
/// generated code names variants by the type's name.
mod named_like_the_prelude {
    #[derive(Debug, ::skms_core::SkmsError)]
    pub enum Option {
        #[skms(code = 60001, status = 400, msg = "Some")]
        Some,
        #[skms(code = 60002, status = 400, msg = "None", detail = "none: {0}")]
        None(::std::string::String),
    }
}

/// No prelude at all.
mod no_prelude {
    #![no_implicit_prelude]

    #[derive(::core::fmt::Debug, ::skms_core::SkmsError)]
    pub enum KmsError<T: ::core::fmt::Display> {
        #[skms(
            code = 40013,
            status = 400,
            msg = "Key not found in the keyVault",
            detail = "keyId : {key_id:>4}",
            grpc = "not_found"
        )]
        KeyNotFound { key_id: T },
        #[skms(transparent)]
        Standard(::skms_core::StandardError),
    }
}

/// Fields named like every local, parameter and item of the generated code
/// (with and without its `__`), in each shape that a detail is written in:
/// from texts and fields in an array (up to four fields), in its arm (more),
/// and by `write!` (a spec).
mod field_names {
    use skms_core::SkmsError;

    #[derive(Debug, SkmsError)]
    pub enum Locals {
        #[skms(
            code = 61001,
            status = 400,
            msg = "m",
            detail = "{w}{f}{out}{serializer}"
        )]
        Array {
            w: u8,
            f: &'static str,
            out: u16,
            serializer: ::std::string::String,
        },
        #[skms(
            code = 61002,
            status = 400,
            msg = "m",
            detail = "{S}{code}{body}{detail}{inner}{index}"
        )]
        Arm {
            S: i64,
            code: u32,
            body: u8,
            detail: f64,
            inner: char,
            index: usize,
        },
        #[skms(
            code = 61003,
            status = 400,
            msg = "m",
            detail = "{fields:>2}{field:?}{self_:x}{__w:w$}{__field:1}"
        )]
        Spec {
            fields: u8,
            field: &'static str,
            self_: u8,
            w: usize,
            __w: u8,
            __field: u8,
        },
    }

    /// The names of the items and bindings that the generated block
    /// declares or imports.
    #[derive(Debug, SkmsError)]
    pub enum Items {
        #[skms(
            code = 61011,
            status = 400,
            msg = "m",
            detail = "{SKMS_ENTRIES}{SKMS_BY_CODE}{SKMS_NO_FIELD_VALUE}{SkmsField}"
        )]
        Array {
            SKMS_ENTRIES: u8,
            SKMS_BY_CODE: u8,
            SKMS_NO_FIELD_VALUE: u8,
            SkmsField: u8,
        },
        #[skms(
            code = 61012,
            status = 400,
            msg = "m",
            detail = "{skms_field_value_0}{skms_entry}{skms_field_0}{skms_field_1}{skms_resolve}{skms_detail}"
        )]
        Arm {
            skms_field_value_0: u8,
            skms_entry: u8,
            skms_field_1: u8,
            skms_field_0: u8,
            skms_resolve: u8,
            skms_detail: u8,
        },
        #[skms(
            code = 61013,
            status = 400,
            msg = "m",
            detail = "{__skms_field_1:?}{__skms_field_0:>2}{__SKMS_ENTRIES:x}"
        )]
        Spec {
            __skms_field_0: u8,
            __skms_field_1: u8,
            __SKMS_ENTRIES: u8,
        },
    }

    #[derive(Debug, SkmsError)]
    #[skms(code = 61021, status = 400, msg = "m", detail = "{w}:{f}")]
    pub struct Struct {
        pub w: u8,
        pub f: u8,
    }
}

/// Variants, fields and their types written by a `macro_rules!` from its
/// caller's tokens, whose hygiene is not the derive's (thiserror's issues
/// 86 and 398).
mod from_macro_rules {
    use skms_core::SkmsError;

    macro_rules! variant_from_caller {
        ($variant:ident($value:ty), $field:ident: $ty:ty) => {
            #[derive(Debug, SkmsError)]
            pub enum Tuple {
                #[skms(code = 62001, status = 400, msg = "m", detail = "{0}")]
                $variant($value),
                #[skms(code = 62002, status = 400, msg = "m", detail = "{0:?}")]
                Spec($value),
            }

            #[derive(Debug, SkmsError)]
            pub enum Named {
                #[skms(code = 62003, status = 400, msg = "m", detail = "{x}")]
                Plain { $field: $ty },
                #[skms(code = 62004, status = 400, msg = "m", detail = "{x:>3}")]
                Spec { $field: $ty },
            }

            #[derive(Debug, SkmsError)]
            #[skms(code = 62005, status = 400, msg = "m", detail = "{0}")]
            pub struct Struct(pub $value);

            #[derive(Debug, SkmsError)]
            pub enum Generic<T: ::core::fmt::Display> {
                #[skms(code = 62006, status = 400, msg = "m", detail = "{0}")]
                $variant(T),
            }
        };
    }

    variant_from_caller!(Repro(f64), x: u8);

    macro_rules! variants_from_caller {
        ($($variants:tt)*) => {
            #[derive(Debug, SkmsError)]
            pub enum Listed {
                $($variants)*
            }
        };
    }

    variants_from_caller! {
        #[skms(code = 62011, status = 400, msg = "m", detail = "{0}")]
        Unnamed(u8),
        #[skms(code = 62012, status = 400, msg = "m", detail = "{x}")]
        Named { x: ::std::string::String },
        #[skms(code = 62013, status = 400, msg = "m", detail = "{x:?}")]
        Spec { x: u8 },
    }
}

/// `#![deny(deprecated)]`: retiring a code, a type or a field with
/// `#[deprecated]` builds, whatever the derive names of it (thiserror's
/// test_lints and serde's test_gen do the same).
mod deprecated {
    #![deny(deprecated)]

    use skms_core::SkmsError;

    #[derive(Debug, SkmsError)]
    #[deprecated]
    pub enum DeprecatedEnum {
        #[skms(code = 63001, status = 400, msg = "m", detail = "{0}")]
        Plain(u8),
        #[skms(code = 63002, status = 400, msg = "m", detail = "{0:>2}")]
        Spec(u8),
        #[skms(transparent)]
        Standard(::skms_core::StandardError),
    }

    #[derive(Debug, SkmsError)]
    #[deprecated]
    #[skms(code = 63011, status = 400, msg = "m", detail = "{0}")]
    pub struct DeprecatedStruct(pub u8);

    #[derive(Debug, SkmsError)]
    pub enum DeprecatedVariant {
        #[deprecated]
        #[skms(code = 63021, status = 400, msg = "m")]
        Retired,
        #[deprecated]
        #[skms(code = 63022, status = 400, msg = "m", detail = "{0}")]
        RetiredDetail(u8),
        #[skms(code = 63023, status = 400, msg = "m")]
        Current,
    }

    #[derive(Debug, SkmsError)]
    pub enum DeprecatedField {
        #[skms(code = 63031, status = 400, msg = "m", detail = "{key_id} {key_id:?}")]
        Named {
            #[deprecated]
            key_id: ::std::string::String,
        },
        #[skms(code = 63032, status = 400, msg = "m")]
        Marked(
            #[deprecated]
            #[skms(detail)]
            u32,
        ),
    }

    #[derive(Debug, SkmsError)]
    pub enum DeprecatedTransparent {
        #[skms(transparent)]
        Retired(#[allow(deprecated)] DeprecatedStruct),
        #[skms(transparent)]
        RetiredEnum(#[allow(deprecated)] DeprecatedEnum),
    }
}

use skms_core::SkmsError;

#[test]
fn fields_named_like_the_generated_code() {
    use field_names::{Items, Locals, Struct};
    let error = Locals::Array {
        w: 1,
        f: "f",
        out: 2,
        serializer: "s".into(),
    };
    assert_eq!(error.detail().as_deref(), Some("1f2s"));
    let error = Locals::Arm {
        S: -1,
        code: 2,
        body: 3,
        detail: 4.5,
        inner: 'i',
        index: 6,
    };
    assert_eq!(error.detail().as_deref(), Some("-1234.5i6"));
    let error = Locals::Spec {
        fields: 1,
        field: "f",
        self_: 255,
        w: 3,
        __w: 7,
        __field: 8,
    };
    assert_eq!(error.detail().as_deref(), Some(r#" 1"f"ff  78"#));
    assert_eq!(
        serde_json::to_value(&error).unwrap()["detail"],
        r#" 1"f"ff  78"#
    );
    let error = Items::Array {
        SKMS_ENTRIES: 1,
        SKMS_BY_CODE: 2,
        SKMS_NO_FIELD_VALUE: 3,
        SkmsField: 4,
    };
    assert_eq!(error.detail().as_deref(), Some("1234"));
    let error = Items::Arm {
        skms_field_value_0: 1,
        skms_entry: 2,
        skms_field_1: 3,
        skms_field_0: 4,
        skms_resolve: 5,
        skms_detail: 6,
    };
    assert_eq!(error.detail().as_deref(), Some("124356"));
    let error = Items::Spec {
        __skms_field_0: 1,
        __skms_field_1: 2,
        __SKMS_ENTRIES: 255,
    };
    assert_eq!(error.detail().as_deref(), Some("2 1ff"));
    assert_eq!(Struct { w: 1, f: 2 }.detail().as_deref(), Some("1:2"));
}

#[test]
fn names_and_types_from_a_macro_rules() {
    use from_macro_rules::{Generic, Listed, Named, Struct, Tuple};
    assert_eq!(Tuple::Repro(1.5).detail().as_deref(), Some("1.5"));
    assert_eq!(Tuple::Spec(1.5).detail().as_deref(), Some("1.5"));
    assert_eq!(Named::Plain { x: 7 }.detail().as_deref(), Some("7"));
    assert_eq!(Named::Spec { x: 7 }.detail().as_deref(), Some("  7"));
    assert_eq!(Struct(2.5).detail().as_deref(), Some("2.5"));
    assert_eq!(Generic::Repro('g').detail().as_deref(), Some("g"));
    assert_eq!(Listed::Unnamed(3).detail().as_deref(), Some("3"));
    assert_eq!(
        Listed::Named { x: "x".into() }.detail().as_deref(),
        Some("x")
    );
    assert_eq!(Listed::Spec { x: 4 }.detail().as_deref(), Some("4"));
    assert_eq!(
        serde_json::to_string(&Listed::Unnamed(3)).unwrap(),
        r#"{"code":62011,"message":"m","detail":"3"}"#
    );
}

#[test]
#[allow(deprecated)]
fn deprecated_items_derive() {
    use deprecated::{
        DeprecatedEnum, DeprecatedField, DeprecatedStruct, DeprecatedTransparent, DeprecatedVariant,
    };
    use skms_core::{ErrorBody, FromBody};
    assert_eq!(DeprecatedEnum::Plain(1).detail().as_deref(), Some("1"));
    assert_eq!(DeprecatedEnum::Spec(1).detail().as_deref(), Some(" 1"));
    assert_eq!(DeprecatedStruct(2).code(), 63011);
    assert_eq!(DeprecatedVariant::Retired.code(), 63021);
    assert_eq!(
        DeprecatedVariant::RetiredDetail(3).detail().as_deref(),
        Some("3")
    );
    let error = DeprecatedField::Named { key_id: "k".into() };
    assert_eq!(error.detail().as_deref(), Some(r#"k "k""#));
    let body = ErrorBody::of(&DeprecatedField::Marked(9));
    assert!(matches!(
        DeprecatedField::from_body(&body),
        Some(DeprecatedField::Marked(9))
    ));
    let error = DeprecatedTransparent::Retired(DeprecatedStruct(4));
    assert_eq!(
        (error.code(), error.detail().as_deref()),
        (63011, Some("4"))
    );
}

#[test]
fn shadowed_prelude() {
    let error = shadowed::KmsError::KeyNotFound {
        key_id: "0000009".into(),
    };
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}"#
    );
    assert_eq!(
        shadowed::KmsError::Header.detail().as_deref(),
        Some("fixed")
    );
    assert_eq!(shadowed::Tuple(5).to_string(), "[1] m: 5");
    let error = shadowed::KmsError::from(skms_core::StandardError::InvalidToken);
    assert_eq!(error.code(), 40101);
    let error = shadowed::Io::from(std::io::Error::other("disk"));
    assert_eq!(
        std::error::Error::source(&error).unwrap().to_string(),
        "disk"
    );
}

#[test]
fn no_implicit_prelude() {
    let error = no_prelude::KmsError::KeyNotFound { key_id: 9 };
    assert_eq!(error.detail().as_deref(), Some("keyId :    9"));
    let error = no_prelude::KmsError::<u8>::Standard(skms_core::StandardError::InvalidToken);
    assert_eq!(error.code(), 40101);
}

#[test]
fn an_enum_named_like_the_prelude() {
    use named_like_the_prelude::Option;
    use skms_core::FromBody;
    assert_eq!(Option::Some.code(), 60001);
    assert_eq!(
        Option::None("x".into()).detail().as_deref(),
        Some("none: x")
    );
    let body = skms_core::ErrorBody::of(&Option::Some);
    assert!(matches!(Option::from_body(&body), Some(Option::Some)));
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant of the types above that the catalog rebuilds comes back
/// as itself, however its fields are named, adjacent fields included; the
/// others are said never rebuilt or not read back (issue 21, item 7). The
/// types derive no `PartialEq`: `Debug` and the body compare.
#[test]
#[allow(deprecated)]
fn every_rebuilt_variant_round_trips() {
    use round_trip::{never_rebuilt, not_read_back, round_trips_debug};

    round_trips_debug(&[
        shadowed::KmsError::KeyNotFound {
            key_id: "keyId : ".into(),
        },
        shadowed::KmsError::Header,
        shadowed::KmsError::Standard(skms_core::StandardError::InvalidToken),
    ]);
    round_trips_debug(&[shadowed::Tuple(u32::MAX)]);
    never_rebuilt(&[shadowed::Io::from(std::io::Error::other("io"))]);
    round_trips_debug(&[
        named_like_the_prelude::Option::Some,
        named_like_the_prelude::Option::None("none: ".into()),
    ]);
    never_rebuilt(&[no_prelude::KmsError::KeyNotFound { key_id: 7 }]);
    round_trips_debug(&[no_prelude::KmsError::<u8>::Standard(
        skms_core::StandardError::InvalidToken,
    )]);

    use field_names::{Items, Locals, Struct};
    not_read_back(&[Locals::Array {
        w: 1,
        f: "f",
        out: 2,
        serializer: "s".into(),
    }]);
    round_trips_debug(&[Locals::Arm {
        S: -1,
        code: 2,
        body: 3,
        detail: 4.5,
        inner: 'x',
        index: 6,
    }]);
    // Six fields without a text between them: from a detail of about 24
    // bytes on, the splits to try, shortest first field first, are beyond
    // the reader's budget (`read_detail::budget`, 64 KiB for a short
    // detail), and the detail is not read (`None`, never misread), though
    // the catalog says `FromDetail`. This one is 37 bytes.
    let beyond = Locals::Arm {
        S: i64::MIN,
        code: u32::MAX,
        body: 0,
        detail: -0.25,
        inner: '9',
        index: 0,
    };
    assert_eq!(
        round_trip::rebuilt(&beyond),
        Some(skms_core::Rebuilt::FromDetail)
    );
    assert!(round_trip::decoded(&beyond).is_none());
    never_rebuilt(&[Locals::Spec {
        fields: 1,
        field: "f",
        self_: 2,
        w: 3,
        __w: 4,
        __field: 5,
    }]);
    round_trips_debug(&[
        Items::Array {
            SKMS_ENTRIES: 1,
            SKMS_BY_CODE: 2,
            SKMS_NO_FIELD_VALUE: 3,
            SkmsField: 4,
        },
        Items::Arm {
            skms_field_value_0: 1,
            skms_entry: 2,
            skms_field_1: 3,
            skms_field_0: 4,
            skms_resolve: 5,
            skms_detail: 6,
        },
    ]);
    never_rebuilt(&[Items::Spec {
        __skms_field_0: 1,
        __skms_field_1: 2,
        __SKMS_ENTRIES: 3,
    }]);
    round_trips_debug(&[Struct { w: 0, f: u8::MAX }]);

    use from_macro_rules::{Generic, Listed, Named, Tuple};
    round_trips_debug(&[Tuple::Repro(0.5), Tuple::Repro(-1e-7)]);
    never_rebuilt(&[Tuple::Spec(0.5)]);
    round_trips_debug(&[Named::Plain { x: 7 }]);
    never_rebuilt(&[Named::Spec { x: 7 }]);
    round_trips_debug(&[from_macro_rules::Struct(f64::MAX)]);
    never_rebuilt(&[Generic::Repro(7)]);
    round_trips_debug(&[Listed::Unnamed(0), Listed::Named { x: String::new() }]);
    never_rebuilt(&[Listed::Spec { x: 1 }]);

    use deprecated::{
        DeprecatedEnum, DeprecatedField, DeprecatedStruct, DeprecatedTransparent, DeprecatedVariant,
    };
    round_trips_debug(&[
        DeprecatedEnum::Plain(1),
        DeprecatedEnum::Standard(skms_core::StandardError::InvalidToken),
    ]);
    never_rebuilt(&[DeprecatedEnum::Spec(1)]);
    round_trips_debug(&[DeprecatedStruct(u8::MAX)]);
    round_trips_debug(&[
        DeprecatedVariant::Retired,
        DeprecatedVariant::RetiredDetail(3),
        DeprecatedVariant::Current,
    ]);
    never_rebuilt(&[DeprecatedField::Named { key_id: "k".into() }]);
    round_trips_debug(&[DeprecatedField::Marked(u32::MAX)]);
    round_trips_debug(&[
        DeprecatedTransparent::Retired(DeprecatedStruct(2)),
        DeprecatedTransparent::RetiredEnum(DeprecatedEnum::Plain(3)),
    ]);
}
