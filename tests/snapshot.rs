//! The golden-file guard, and this repository's own guard of the standard
//! catalog. One test function: the environment variable it sets would race
//! with other tests of the same binary.

// The types here exist for their catalogs: their values are never built.
#![allow(dead_code)]

use std::fs;
use std::path::PathBuf;

use skms_core::{Catalog, SkmsError, SnapshotError, StandardError, SNAPSHOT_ENV};

#[derive(Debug, SkmsError)]
enum Before {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(code = 60002, status = 400, msg = "Vault full | no room")]
    Full,
}

#[derive(Debug, SkmsError)]
enum After {
    #[skms(code = 60001, status = 500, msg = "Vault is sealed")]
    Sealed,
    #[skms(code = 60003, status = 400, msg = "Vault locked")]
    Locked,
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("snapshots");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let _ = fs::remove_file(&path);
    path
}

#[test]
fn snapshots_guard_the_wire_contract() {
    // This repository's guard: the standard catalog is the committed one.
    StandardError::catalog().assert_snapshot(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/standard-catalog.md"
    ));

    // No snapshot yet: it is written, and then it matches; on CI it is an
    // error instead.
    let path = scratch("vault.md");
    let ci = std::env::var_os("CI");
    std::env::set_var("CI", "true");
    let missing = Before::catalog().check_snapshot(&path);
    match &ci {
        Some(value) => std::env::set_var("CI", value),
        None => std::env::remove_var("CI"),
    }
    assert!(
        matches!(missing, Err(SnapshotError::Missing(_))),
        "{missing:?}"
    );
    assert!(!path.exists());
    std::env::remove_var("CI");
    Before::catalog().check_snapshot(&path).unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        Before::catalog().to_markdown()
    );
    Before::catalog().check_snapshot(&path).unwrap();

    // A changed status and message, a vanished code and a new one: all
    // named, classed, breaking ones first.
    let Err(SnapshotError::Mismatch(mismatch)) = After::catalog().check_snapshot(&path) else {
        panic!("the changed catalog matched its old snapshot");
    };
    assert_eq!(
        mismatch.changes(),
        [
            r#"breaking: code 60001: status "503" -> "500" (STATUS_CHANGED)"#,
            r#"breaking: code 60001: message "Vault sealed" -> "Vault is sealed" (MESSAGE_CHANGED)"#,
            r#"breaking: code 60002: vanished (was "Vault full | no room", status 400) (CODE_REMOVED)"#,
            r#"compatible: code 60003: new ("Vault locked", status 400) (CODE_ADDED)"#,
        ]
    );
    assert!(mismatch.diff().is_breaking());
    let text = mismatch.to_string();
    assert!(text.contains("vault.md"), "{text}");
    assert!(text.contains("SKMS_SNAPSHOT=overwrite"), "{text}");
    let panic = std::panic::catch_unwind(|| After::catalog().assert_snapshot(&path)).unwrap_err();
    let panic = panic.downcast_ref::<String>().unwrap();
    assert!(panic.contains("code 60002: vanished"), "{panic}");

    // The environment variable accepts the change.
    std::env::set_var(SNAPSHOT_ENV, "overwrite");
    let written = After::catalog().check_snapshot(&path);
    std::env::remove_var(SNAPSHOT_ENV);
    written.unwrap();
    After::catalog().check_snapshot(&path).unwrap();
    // The vanished code stays in the snapshot, retired.
    assert!(fs::read_to_string(&path)
        .unwrap()
        .contains("| 60002 | Vault full \\| no room |  | 400 | retired |\n"));
    if let Some(value) = ci {
        std::env::set_var("CI", value);
    }

    // A file that is not a catalog table is an error, not a panic.
    fs::write(&path, "| a | b |\n|---|\n| not a code | x | y | 400 |\n").unwrap();
    let error = After::catalog().check_snapshot(&path).unwrap_err();
    assert!(matches!(error, SnapshotError::Malformed(_)), "{error}");
    assert!(error.to_string().contains("not a code"));
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant comes back as itself (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    round_trip::round_trips_debug(&[Before::Sealed, Before::Full]);
    round_trip::round_trips_debug(&[After::Sealed, After::Locked]);
}
