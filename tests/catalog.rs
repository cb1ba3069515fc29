//! Catalogs composed from included catalogs, reused standard codes, code
//! ranges, and the catalog as data (listing, Markdown, JSON).

// Most types here exist for their catalogs: their values are never built.
#![allow(dead_code)]

use skms_core::{Catalog, SkmsError, StandardError};

/// A key vault's own codes, in its range, with the standard catalog.
#[derive(Debug, SkmsError)]
#[skms(range = 60000..=60999)]
enum VaultError {
    #[skms(
        code = 60001,
        status = 503,
        msg = "Vault sealed",
        doc = "https://docs.example.com/skms/60001"
    )]
    Sealed,
    /// Reuses the standard 40013: status and message are the reference's.
    #[skms(code = 40013, detail = "keyId : {key_id}")]
    KeyNotFound { key_id: String },
    #[skms(code = 40101, detail = "token of {0}")]
    InvalidToken(String),
    #[skms(transparent)]
    Standard(StandardError),
}

#[derive(Debug, SkmsError)]
#[skms(range = 61000..61999)]
enum LicenseError {
    #[skms(
        code = 61001,
        status = 403,
        msg = "License expired",
        description = "the license has expired"
    )]
    Expired,
    #[skms(transparent)]
    Standard(StandardError),
}

/// Includes two catalogs that both include `StandardError`: the standard
/// codes are reached along two paths, with one meaning.
#[derive(Debug, SkmsError)]
enum ServiceError {
    #[skms(transparent)]
    Vault(VaultError),
    #[skms(transparent)]
    License(LicenseError),
}

/// Restates a standard code with the same status and message: the same
/// meaning, so allowed next to the standard catalog (the README's example).
#[derive(Debug, SkmsError)]
enum Restated {
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {key_id}"
    )]
    KeyNotFound { key_id: String },
    #[skms(transparent)]
    Standard(StandardError),
}

#[test]
fn a_restated_standard_code_is_the_same_code() {
    let catalog = Restated::catalog();
    assert_eq!(catalog.len(), 26);
    assert_eq!(catalog.get(40013).unwrap().entry.variant, "KeyNotFound");
    assert!(!Restated::ENTRIES[0].reuses_standard());
}

#[test]
fn reuse_takes_status_and_message_from_the_reference() {
    let error = VaultError::KeyNotFound {
        key_id: "0000009".into(),
    };
    assert_eq!(error.status(), 400);
    assert_eq!(error.message(), "Key not found in the keyVault");
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}"#
    );
    assert_eq!(
        skms_core::to_json_vec(&error),
        serde_json::to_vec(&error).unwrap()
    );
    let entry = VaultError::ENTRIES[1];
    assert!(entry.reuses_standard());
    assert_eq!(entry.variant, "KeyNotFound");
    assert_eq!(
        entry.description,
        Some("キーボルトキーの取得に失敗しました")
    );
    assert!(!VaultError::ENTRIES[0].reuses_standard());
}

#[test]
fn the_composed_listing() {
    let catalog = VaultError::catalog();
    // Own entries, then the 26 standard codes but the two the vault defines.
    assert_eq!(catalog.len(), 3 + 24);
    let codes: Vec<u32> = catalog.iter().take(4).map(|l| l.entry.code).collect();
    assert_eq!(codes, [60001, 40013, 40101, 40003]);
    let own = catalog.get(40013).unwrap();
    assert_eq!((own.entry.variant, own.path.len()), ("KeyNotFound", 0));
    let included = catalog.get(50001).unwrap();
    assert_eq!(included.entry.variant, "InternalError");
    assert_eq!(included.path, ["Standard"]);
    assert_eq!(
        catalog.get(60001).unwrap().entry.doc,
        Some("https://docs.example.com/skms/60001")
    );

    let service = ServiceError::catalog();
    assert_eq!(service.len(), 3 + 1 + 24);
    assert!(ServiceError::ENTRIES.is_empty());
    assert_eq!(ServiceError::INCLUDES.len(), 2);
    assert_eq!(service.get(61001).unwrap().path, ["License"]);
    assert_eq!(service.get(50002).unwrap().path, ["Vault", "Standard"]);
    assert_eq!(ServiceError::lookup(61001).unwrap().status, 403);
    assert_eq!(ServiceError::lookup(40013).unwrap().variant, "KeyNotFound");
    // The codes are unique in every listing.
    let mut codes: Vec<u32> = service.iter().map(|l| l.entry.code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), service.len());
}

#[test]
fn values_of_a_composed_type() {
    let error = ServiceError::License(LicenseError::Expired);
    assert_eq!((error.code(), error.status()), (61001, 403));
    let error = ServiceError::Vault(VaultError::Standard(StandardError::SciConnectionFailed));
    assert_eq!(error.code(), 50002);
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"code":50002,"message":"SCI Connection failed"}"#
    );
}

/// The standard catalog's Markdown is the reference's table.
#[test]
fn standard_markdown_is_the_references_table() {
    let markdown = StandardError::catalog().to_markdown();
    let mut lines = markdown.lines();
    assert_eq!(
        lines.next(),
        Some("| error code | message | Description | Status Code |")
    );
    assert_eq!(lines.next(), Some("|---|---|---|---|"));
    let reference = include_str!("data/skms-reference.txt");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 26);
    for row in rows {
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        // The reference writes each row's cells one after the other, the
        // description's line breaks as line breaks.
        let flat = format!("{}{}{}", cells[0], cells[1], cells[2].replace("<br>", "\n"));
        assert!(reference.contains(&flat), "{row}");
        assert!(["400", "401", "500"].contains(&cells[3]), "{row}");
    }
    assert!(markdown.contains("| 40111 | EncryptionKey is Empty | 一致する暗号化キーがありません<br>- DS_KEY_ENCRYPTION_KEY | 400 |"));
}

#[test]
fn json_export_lists_every_field() {
    let json: serde_json::Value = serde_json::from_str(&VaultError::catalog().to_json()).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), VaultError::catalog().len());
    assert_eq!(
        list[0],
        serde_json::json!({
            "code": 60001, "status": 503, "message": "Vault sealed",
            "doc": "https://docs.example.com/skms/60001", "variant": "Sealed",
        })
    );
    assert_eq!(list[3]["via"], serde_json::json!(["Standard"]));
    assert_eq!(list[3]["description"], "ヘッダーの生成に失敗しました");

    let markdown = VaultError::catalog().to_markdown();
    assert!(markdown.starts_with(
        "| error code | message | Description | Status Code | Documentation |\n|---|---|---|---|---|\n| 60001 | Vault sealed |  | 503 | https://docs.example.com/skms/60001 |\n"
    ));
}

/// A generic type includes what its parameter includes.
#[derive(Debug, SkmsError)]
enum Wrapper<E> {
    #[skms(code = 62001, status = 400, msg = "Wrapped")]
    Own,
    #[skms(transparent)]
    Inner(E),
}

#[test]
fn generic_includes() {
    let catalog = Wrapper::<LicenseError>::catalog();
    assert_eq!(catalog.len(), 1 + 1 + 26);
    assert_eq!(catalog.get(61001).unwrap().path, ["Inner"]);
    assert_eq!(catalog.get(40013).unwrap().path, ["Inner", "Standard"]);
}

/// A generic type whose composition passes its checks: the own code and
/// `StandardError` before monomorphization, `Inner(E)` after; and a type
/// that includes `Gateway<LicenseError>` checks that too.
#[derive(Debug, SkmsError)]
enum Gateway<E> {
    #[skms(code = 62002, status = 502, msg = "Upstream down")]
    Down,
    #[skms(transparent)]
    Standard(StandardError),
    #[skms(transparent)]
    Inner(E),
}

#[derive(Debug, SkmsError)]
enum Front {
    #[skms(transparent)]
    Gateway(Gateway<LicenseError>),
    #[skms(transparent)]
    Standard(StandardError),
}

#[test]
fn generic_types_that_compose() {
    let error = Gateway::Inner(LicenseError::Expired);
    assert_eq!(error.code(), 61001);
    assert_eq!(Gateway::<LicenseError>::catalog().len(), 1 + 26 + 1);
    assert_eq!(Gateway::<LicenseError>::lookup(62002).unwrap().status, 502);
    assert_eq!(Front::catalog().len(), 1 + 26 + 1);
    assert_eq!(
        Front::catalog().get(61001).unwrap().path,
        ["Gateway", "Inner"]
    );
    assert_eq!(Front::Gateway(error).code(), 61001);
}

/// A type that includes itself through a box lists itself once.
#[derive(Debug, SkmsError)]
enum Recursive {
    #[skms(code = 63001, status = 400, msg = "Leaf")]
    Leaf,
    #[skms(transparent)]
    Nested(Box<Recursive>),
}

#[test]
fn recursive_types_list_themselves_once() {
    assert_eq!(Recursive::catalog().len(), 1);
    let error = Recursive::Nested(Box::new(Recursive::Leaf));
    assert_eq!(error.code(), 63001);
}

/// `lookup` (a binary search over a derived type's own codes, then its
/// included catalogs) finds what the composed listing lists, own entries
/// first, and nothing for a code it does not list.
#[test]
fn lookup_agrees_with_the_listing() {
    fn agrees<T: Catalog>() {
        let listing = T::catalog();
        for listed in listing.iter() {
            assert_eq!(T::lookup(listed.entry.code), Some(listed.entry));
        }
        for code in [0, 1, 39_999, 40_012, 60_000, 99_999, u32::MAX] {
            assert_eq!(T::lookup(code).is_some(), listing.get(code).is_some());
        }
    }
    agrees::<StandardError>();
    agrees::<VaultError>();
    agrees::<ServiceError>();
}
