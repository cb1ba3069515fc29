//! The standard catalog and the status table against the SKMS reference
//! itself (`tests/data/skms-reference.txt`, a copy of the reference page):
//! every code, status, message and description, character for character.

use skms_core::{Catalog, HttpStatus, SkmsError, StandardError};

const REFERENCE: &str = include_str!("data/skms-reference.txt");

/// The rows of the reference's error code table, each as the text between
/// two codes: `{code}{message}{description}{status}` with the description's
/// line breaks as written.
fn reference_rows() -> Vec<(u32, String)> {
    let start = REFERENCE
        .find("error codemessageDescriptionStatus Code")
        .expect("the error code table");
    let end = REFERENCE[start..].find("Examples").expect("the examples") + start;
    let table = &REFERENCE[start..end];
    let mut rows: Vec<(u32, String)> = Vec::new();
    for line in table.lines().skip(1) {
        let code = line.get(..5).and_then(|head| head.parse::<u32>().ok());
        match code {
            Some(code) if line.len() > 5 => rows.push((code, line.to_owned())),
            _ if line.is_empty() => {}
            _ => {
                if let Some((_, row)) = rows.last_mut() {
                    row.push('\n');
                    row.push_str(line);
                }
            }
        }
    }
    rows
}

#[test]
fn the_catalog_is_the_references_table() {
    let rows = reference_rows();
    assert_eq!(rows.len(), 26, "the reference defines 26 codes");
    assert_eq!(StandardError::ENTRIES.len(), rows.len());
    for ((code, row), entry) in rows.iter().zip(StandardError::ENTRIES) {
        assert_eq!(entry.code, *code);
        let ours = format!(
            "{}{}{}{}",
            entry.code,
            entry.message,
            entry.description.unwrap(),
            entry.status
        );
        // The reference puts the status of a two-line description on a line
        // of its own.
        let row = row.replace("\n400", "400");
        assert_eq!(ours, row, "code {code}");
    }
}

#[test]
fn the_quirks_of_the_reference_are_kept() {
    assert_eq!(StandardError::PermissionDenied.status(), 401);
    assert_eq!(
        StandardError::PermissionDenied.message(),
        "You don't have permission this service"
    );
    for code in [
        40102, 40103, 40104, 40105, 40107, 40108, 40110, 40111, 40112,
    ] {
        assert_eq!(
            StandardError::from_code(code).unwrap().status(),
            400,
            "{code}"
        );
    }
    assert_eq!(
        StandardError::EncryptionKeyEmpty.description(),
        "一致する暗号化キーがありません\n- DS_KEY_ENCRYPTION_KEY"
    );
}

#[test]
fn every_entry_round_trips_through_from_code() {
    for (index, error) in StandardError::ALL.iter().enumerate() {
        let entry = &StandardError::ENTRIES[index];
        assert_eq!(error.code(), entry.code);
        assert_eq!(error.status(), entry.status);
        assert_eq!(error.message(), entry.message);
        assert_eq!(error.entry(), entry);
        assert_eq!(StandardError::from_code(entry.code), Some(*error));
        assert_eq!(StandardError::try_from(entry.code), Ok(*error));
        assert_eq!(format!("{error:?}"), entry.variant);
        assert_eq!(error.detail(), None);
    }
    for unknown in [0, 40000, 40010, 40106, 40109, 40302, 50000, 50006, u32::MAX] {
        assert_eq!(StandardError::from_code(unknown), None);
        let error = StandardError::try_from(unknown).unwrap_err();
        assert_eq!(error.0, unknown);
    }
}

#[test]
fn the_reference_example_bodies() {
    // The first two examples of the reference, byte for byte once the
    // reference's pretty-printing is taken out.
    let example = r#"{"code":40003,"message":"Failed create header"}"#;
    assert_eq!(
        serde_json::to_string(&StandardError::FailedCreateHeader).unwrap(),
        example
    );
    let status = HttpStatus::lookup(StandardError::KeyNotFound.status()).unwrap();
    assert_eq!(status.message, "Bad Request");
}

#[test]
fn the_status_table_is_the_references() {
    let start = REFERENCE
        .find("Status CodeStatus MessageDescription")
        .unwrap();
    let table = &REFERENCE[start..REFERENCE.find("Response Error JSON format").unwrap()];
    let rows: Vec<&str> = table.lines().skip(1).filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), HttpStatus::TABLE.len());
    for (row, status) in rows.iter().zip(&HttpStatus::TABLE) {
        assert_eq!(
            *row,
            format!("{}{}{}", status.code, status.message, status.description)
        );
    }
    // Every status the catalog answers with is in the table.
    for entry in StandardError::ENTRIES {
        assert!(HttpStatus::lookup(entry.status).is_some(), "{}", entry.code);
    }
}
