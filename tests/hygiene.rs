//! The generated code names everything by absolute path: a crate that
//! shadows the prelude, or has none, still derives.

#![allow(dead_code, unused_macros, non_camel_case_types)]

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
    struct __skms_entry_pieces;
    struct __SkmsField;
    struct __SKMS_NO_PIECE;
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
        Standard(::skms_core::StandardError),
    }

    #[derive(::core::fmt::Debug, SkmsError)]
    #[skms(code = 1, status = 400, msg = "m", detail = "{0}")]
    pub struct Tuple(pub ::core::primitive::u32);
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

/// A re-exporting crate names skms-core by another path.
mod reexported {
    pub mod my_errors {
        pub use ::skms_core as skms;
    }

    #[derive(Debug, ::skms_core::SkmsError)]
    #[skms(crate = "my_errors::skms")]
    pub enum KmsError {
        #[skms(code = 40101, status = 401, msg = "Invalid token")]
        InvalidToken,
    }
}

use skms_core::SkmsError;

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
}

#[test]
fn no_implicit_prelude() {
    let error = no_prelude::KmsError::KeyNotFound { key_id: 9 };
    assert_eq!(error.detail().as_deref(), Some("keyId :    9"));
    let error = no_prelude::KmsError::<u8>::Standard(skms_core::StandardError::InvalidToken);
    assert_eq!(error.code(), 40101);
}

#[test]
fn crate_path_for_reexporters() {
    assert_eq!(reexported::KmsError::InvalidToken.status(), 401);
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
