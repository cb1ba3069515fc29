//! The gRPC code of a hand-written `SkmsError`: it chooses one by
//! overriding `SkmsError::grpc_code`, and every way an error becomes a
//! status reads that choice: `skms_core::tonic::code` and `status`, a
//! `Box<dyn SkmsError>` or a reference, and a derived type's transparent
//! variant that holds it. (Derived types choose with `#[skms(grpc = ...)]`:
//! `tests/grpc.rs`.)

#![cfg(feature = "tonic")]

use std::borrow::Cow;

use skms_core::{Catalog, Entry, SkmsError, StandardError};
use tonic::{Code, Status};

/// Hand-written, choosing ALREADY_EXISTS for its 409 (which would be
/// ABORTED).
#[derive(Debug)]
struct KeyExists;

impl SkmsError for KeyExists {
    fn code(&self) -> u32 {
        60409
    }
    fn status(&self) -> u16 {
        409
    }
    fn message(&self) -> &str {
        "Key already exists"
    }
    fn detail(&self) -> Option<Cow<'_, str>> {
        None
    }
    fn grpc_code(&self) -> Option<Code> {
        Some(Code::AlreadyExists)
    }
}

impl Catalog for KeyExists {
    const ENTRIES: &'static [Entry] = &[Entry::new(60409, 409, "Key already exists", "KeyExists")];
}

/// Hand-written, choosing nothing: its code follows its status.
#[derive(Debug)]
struct Conflict;

impl SkmsError for Conflict {
    fn code(&self) -> u32 {
        60410
    }
    fn status(&self) -> u16 {
        409
    }
    fn message(&self) -> &str {
        "Version conflict"
    }
    fn detail(&self) -> Option<Cow<'_, str>> {
        None
    }
}

impl Catalog for Conflict {
    const ENTRIES: &'static [Entry] = &[Entry::new(60410, 409, "Version conflict", "Conflict")];
}

#[derive(Debug, skms_core::SkmsError)]
enum VaultError {
    #[skms(transparent)]
    Exists(KeyExists),
    #[skms(transparent)]
    Conflict(Conflict),
    #[skms(
        code = 60411,
        status = 409,
        msg = "Locked",
        grpc = "failed_precondition"
    )]
    Locked,
    #[skms(code = 60412, status = 409, msg = "Busy")]
    Busy,
    #[skms(transparent)]
    Standard(StandardError),
}

#[test]
fn a_hand_written_error_chooses_its_grpc_code() {
    assert_eq!(KeyExists.grpc_code(), Some(Code::AlreadyExists));
    assert_eq!(skms_core::tonic::code(&KeyExists), Code::AlreadyExists);
    let status = skms_core::tonic::status(&KeyExists);
    assert_eq!(status.code(), Code::AlreadyExists);
    assert_eq!(status.message(), "Key already exists");
    assert_eq!(status.metadata().get("skms-code").unwrap(), "60409");

    // One that chooses nothing follows its status: 409 is ABORTED.
    assert_eq!(Conflict.grpc_code(), None);
    assert_eq!(skms_core::tonic::code(&Conflict), Code::Aborted);
}

#[test]
fn the_choice_survives_every_indirection() {
    let boxed: Box<dyn SkmsError + Send> = Box::new(KeyExists);
    assert_eq!(boxed.grpc_code(), Some(Code::AlreadyExists));
    assert_eq!(skms_core::tonic::code(&*boxed), Code::AlreadyExists);
    assert_eq!(skms_core::tonic::code(&&KeyExists), Code::AlreadyExists);
    let shared = std::sync::Arc::new(KeyExists);
    assert_eq!(skms_core::tonic::code(&shared), Code::AlreadyExists);

    // Through a derived type's transparent variant, and its `From`.
    let exists = VaultError::Exists(KeyExists);
    assert_eq!(exists.grpc_code(), Some(Code::AlreadyExists));
    assert_eq!(Status::from(exists).code(), Code::AlreadyExists);
    let conflict = VaultError::Conflict(Conflict);
    assert_eq!(conflict.grpc_code(), None);
    assert_eq!(Status::from(conflict).code(), Code::Aborted);
}

#[test]
fn derived_types_answer_grpc_code_from_their_attribute() {
    assert_eq!(
        VaultError::Locked.grpc_code(),
        Some(Code::FailedPrecondition)
    );
    assert_eq!(VaultError::Busy.grpc_code(), None);
    assert_eq!(skms_core::tonic::code(&VaultError::Busy), Code::Aborted);
    let standard = VaultError::Standard(StandardError::InvalidToken);
    assert_eq!(standard.grpc_code(), None);
    assert_eq!(Status::from(standard).code(), Code::Unauthenticated);
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// The derived variants come back as themselves; the hand-written types,
/// whose entries say nothing of rebuilding and which have no `FromBody`,
/// do not (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    use round_trip::round_trips_debug;

    let mut values = vec![VaultError::Locked, VaultError::Busy];
    values.extend(StandardError::ALL.map(VaultError::Standard));
    round_trips_debug(&values);
    for value in [
        VaultError::Exists(KeyExists),
        VaultError::Conflict(Conflict),
    ] {
        assert_eq!(round_trip::rebuilt(&value), None, "{value:?}");
        assert!(round_trip::decoded(&value).is_none(), "{value:?}");
    }
}
