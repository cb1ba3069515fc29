//! The snapshot remembers: reserved and deprecated codes are recorded, and a
//! code once committed stays as a `retired` row, so that it is never reused
//! with another meaning by accident. One test function: the environment
//! variable it sets would race with other tests of the same binary.

// The types here exist for their catalogs: their values are never built.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use skms_core::{Catalog, ChangeKind, Listing, SkmsError, SnapshotError, SNAPSHOT_ENV};

#[derive(Debug, SkmsError)]
enum V1 {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(
        code = 60002,
        status = 400,
        msg = "Vault full",
        doc = "https://x/60002"
    )]
    Full,
    #[skms(code = 60003, status = 400, msg = "Key disabled")]
    KeyDisabled,
}

/// 60002 removed without a reservation, 60003 deprecated, two codes
/// reserved.
#[derive(Debug, SkmsError)]
#[skms(reserved(60010..=60011 = "kept free"))]
enum V2 {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(
        code = 60003,
        status = 400,
        msg = "Key disabled",
        deprecated = "use 60001"
    )]
    KeyDisabled,
}

/// 60002 given another meaning.
#[derive(Debug, SkmsError)]
#[skms(reserved(60010..=60011 = "kept free"))]
enum V3 {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(code = 60002, status = 429, msg = "Vault quota exceeded")]
    Quota,
    #[skms(
        code = 60003,
        status = 400,
        msg = "Key disabled",
        deprecated = "use 60001"
    )]
    KeyDisabled,
}

/// 60002 with its old status and another message.
#[derive(Debug, SkmsError)]
#[skms(reserved(60010..=60011 = "kept free"))]
enum V3Message {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(code = 60002, status = 400, msg = "Vault is full")]
    Full,
    #[skms(
        code = 60003,
        status = 400,
        msg = "Key disabled",
        deprecated = "use 60001"
    )]
    KeyDisabled,
}

/// 60002 with its old message and another status.
#[derive(Debug, SkmsError)]
#[skms(reserved(60010..=60011 = "kept free"))]
enum V3Status {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(code = 60002, status = 507, msg = "Vault full")]
    Full,
    #[skms(
        code = 60003,
        status = 400,
        msg = "Key disabled",
        deprecated = "use 60001"
    )]
    KeyDisabled,
}

/// 60002 back with its old meaning.
#[derive(Debug, SkmsError)]
#[skms(reserved(60010..=60011 = "kept free"))]
enum V4 {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(
        code = 60002,
        status = 400,
        msg = "Vault full",
        doc = "https://x/60002"
    )]
    Full,
    #[skms(
        code = 60003,
        status = 400,
        msg = "Key disabled",
        deprecated = "use 60001"
    )]
    KeyDisabled,
}

/// 60002 reserved at last.
#[derive(Debug, SkmsError)]
#[skms(reserved(60002, 60010..=60011 = "kept free"))]
enum V5 {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(
        code = 60003,
        status = 400,
        msg = "Key disabled",
        deprecated = "use 60001"
    )]
    KeyDisabled,
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("contract-snapshots");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let _ = fs::remove_file(&path);
    path
}

/// The lines of the mismatch of `listing` with the snapshot at `path`.
fn mismatch(listing: &Listing, path: &Path) -> (Vec<String>, String) {
    match listing.check_snapshot(path) {
        Err(SnapshotError::Mismatch(mismatch)) => {
            (mismatch.changes().to_vec(), mismatch.to_string())
        }
        other => panic!("expected a mismatch, got {other:?}"),
    }
}

fn overwrite(listing: &Listing, path: &Path) -> Result<(), SnapshotError> {
    std::env::set_var(SNAPSHOT_ENV, "overwrite");
    let result = listing.check_snapshot(path);
    std::env::remove_var(SNAPSHOT_ENV);
    result
}

#[test]
fn snapshots_remember_every_code_they_held() {
    std::env::remove_var("CI");
    std::env::remove_var(SNAPSHOT_ENV);
    let path = scratch("vault.md");
    V1::catalog().check_snapshot(&path).unwrap();

    // A code removed without a reservation: breaking, listed first.
    let (changes, text) = mismatch(&V2::catalog(), &path);
    assert_eq!(
        changes,
        [
            r#"breaking: code 60002: vanished (was "Vault full", status 400) (CODE_REMOVED)"#,
            r#"compatible: code 60003: deprecated ("use 60001") (CODE_DEPRECATED)"#,
            r#"compatible: codes 60010..=60011: reserved ("kept free") (CODE_RESERVED)"#,
        ]
    );
    assert!(text.ends_with("rerun with SKMS_SNAPSHOT=overwrite and commit the snapshot"));

    // Accepted: the code is kept as a retired row, with its meaning.
    overwrite(&V2::catalog(), &path).unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "\
| error code | message | Description | Status Code | Documentation | State |
|---|---|---|---|---|---|
| 60001 | Vault sealed |  | 503 |  |  |
| 60003 | Key disabled |  | 400 |  | deprecated: use 60001 |
| 60010..=60011 |  |  |  |  | reserved: kept free |
| 60002 | Vault full |  | 400 | https://x/60002 | retired |
"
    );
    V2::catalog().check_snapshot(&path).unwrap();

    // Reused with another meaning: breaking, and overwriting refuses it.
    let (changes, text) = mismatch(&V3::catalog(), &path);
    assert_eq!(
        changes,
        [
            r#"breaking: code 60002: retired ("Vault full", status 400), now used with another meaning ("Vault quota exceeded", status 429) (RETIRED_CODE_USED)"#
        ]
    );
    assert!(
        text.contains("delete its `retired` row from the snapshot by hand"),
        "{text}"
    );
    let before = fs::read_to_string(&path).unwrap();
    let Err(SnapshotError::Mismatch(refused)) = overwrite(&V3::catalog(), &path) else {
        panic!("overwriting accepted a retired code with another meaning");
    };
    assert_eq!(
        refused.diff().iter().next().unwrap().kind(),
        ChangeKind::RetiredCodeUsed
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
    // Another message alone, or another status alone, is another meaning.
    for listing in [V3Message::catalog(), V3Status::catalog()] {
        let (changes, _) = mismatch(&listing, &path);
        assert_eq!(changes.len(), 1);
        assert!(
            changes[0].starts_with("breaking: code 60002: retired"),
            "{changes:?}"
        );
        assert!(overwrite(&listing, &path).is_err());
    }

    // Back with its old meaning: restored, compatible, and active again.
    let (changes, _) = mismatch(&V4::catalog(), &path);
    assert_eq!(
        changes,
        [r#"compatible: code 60002: restored ("Vault full", status 400) (CODE_RESTORED)"#]
    );
    overwrite(&V4::catalog(), &path).unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        V4::catalog().to_markdown()
    );

    // Gone again, then reserved: the reservation replaces the retired row.
    overwrite(&V2::catalog(), &path).unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("| retired |"));
    let (changes, _) = mismatch(&V5::catalog(), &path);
    assert_eq!(
        changes,
        [r#"compatible: code 60002: reserved (CODE_RESERVED)"#]
    );
    overwrite(&V5::catalog(), &path).unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        V5::catalog().to_markdown()
    );

    // The retired row deleted by hand: the code may be reused, deliberately.
    overwrite(&V2::catalog(), &path).unwrap();
    let without: String = fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|line| !line.ends_with("| retired |"))
        .map(|line| format!("{line}\n"))
        .collect();
    fs::write(&path, without).unwrap();
    let (changes, _) = mismatch(&V3::catalog(), &path);
    assert_eq!(
        changes,
        [r#"compatible: code 60002: new ("Vault quota exceeded", status 429) (CODE_ADDED)"#]
    );
    overwrite(&V3::catalog(), &path).unwrap();
    V3::catalog().check_snapshot(&path).unwrap();

    snapshots_without_the_new_columns_still_read();
}

fn snapshots_without_the_new_columns_still_read() {
    // A snapshot as the first releases wrote it: four columns, or five
    // with the documentation links.
    let path = scratch("old-layout.md");
    fs::write(
        &path,
        "| error code | message | Description | Status Code | Documentation |\n|---|---|---|---|---|\n\
         | 60001 | Vault sealed |  | 503 |  |\n| 60002 | Vault full |  | 400 | https://x/60002 |\n\
         | 60003 | Key disabled |  | 400 |  |\n",
    )
    .unwrap();
    V1::catalog().check_snapshot(&path).unwrap();
    fs::write(
        &path,
        "| error code | message | Description | Status Code |\n|---|---|---|---|\n| 60001 | Vault sealed |  | 503 |\n",
    )
    .unwrap();
    let (changes, _) = mismatch(&V1::catalog(), &path);
    assert_eq!(
        changes,
        [
            r#"compatible: code 60002: new ("Vault full", status 400) (CODE_ADDED)"#,
            r#"compatible: code 60003: new ("Key disabled", status 400) (CODE_ADDED)"#,
        ]
    );
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant of every version comes back as itself (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    use round_trip::round_trips_debug;

    round_trips_debug(&[V1::Sealed, V1::Full, V1::KeyDisabled]);
    round_trips_debug(&[V2::Sealed, V2::KeyDisabled]);
    round_trips_debug(&[V3::Sealed, V3::Quota, V3::KeyDisabled]);
    round_trips_debug(&[V3Message::Sealed, V3Message::Full, V3Message::KeyDisabled]);
    round_trips_debug(&[V3Status::Sealed, V3Status::Full, V3Status::KeyDisabled]);
    round_trips_debug(&[V4::Sealed, V4::Full, V4::KeyDisabled]);
    round_trips_debug(&[V5::Sealed, V5::KeyDisabled]);
}
