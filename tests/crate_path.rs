//! `#[skms(crate = "...")]`: a crate that re-exports skms-core names it by
//! its own path, and the generated code uses that path. Its mistakes:
//! `tests/ui/crate_*.rs`.

use skms_core::SkmsError;

/// A re-exporting crate names skms-core by another path.
mod reexported {
    pub mod my_errors {
        pub use ::skms_core as skms;
    }

    #[derive(Debug, PartialEq, ::skms_core::SkmsError)]
    #[skms(crate = "my_errors::skms")]
    pub enum KmsError {
        #[skms(code = 40101, status = 401, msg = "Invalid token")]
        InvalidToken,
    }
}

#[test]
fn crate_path_for_reexporters() {
    assert_eq!(reexported::KmsError::InvalidToken.status(), 401);
}

/// `FromBody` through the re-exported path too: the variant comes back
/// (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    skms_core::test::assert_round_trip(&reexported::KmsError::InvalidToken);
}
