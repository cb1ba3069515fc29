//! `Listing::diff`: every class of change, one catalog change at a time,
//! and its renderings.

// The types here exist for their catalogs: their values are never built.
#![allow(dead_code)]

use skms_core::{Catalog, ChangeKind, CodeRange, Listing, SkmsError, StandardError};

/// A listing of format 1 with `codes` and `reserved` (JSON arrays' items).
fn listing(codes: &str, reserved: &str) -> Listing {
    Listing::from_json(&format!(
        r#"{{"format":1,"codes":[{codes}],"reserved":[{reserved}]}}"#
    ))
    .unwrap()
}

/// The changes from `old` to `new`, as `KIND text` lines.
fn changes(old: &Listing, new: &Listing) -> Vec<String> {
    old.diff(new)
        .iter()
        .map(|change| format!("{} {change}", change.kind()))
        .collect()
}

const SEALED: &str = r#"{"code":60001,"status":503,"message":"Vault sealed","variant":"Sealed"}"#;
const FULL: &str = r#"{"code":60002,"status":400,"message":"Vault full","variant":"Full"}"#;

#[test]
fn nothing_changed_is_no_change() {
    let old = listing(&format!("{SEALED},{FULL}"), r#"{"low":60010,"high":60019}"#);
    let diff = old.diff(&old);
    assert!(diff.is_empty() && !diff.is_breaking());
    assert_eq!(diff.len(), 0);
    assert_eq!(diff.to_text(), "");
    assert_eq!(diff.to_markdown(), "No changes to the SKMS catalog.\n");
    assert_eq!(diff.to_json(), "{\"breaking\":false,\"changes\":[]}\n");
}

#[test]
fn removed_codes_break_unless_reserved() {
    let old = listing(&format!("{SEALED},{FULL}"), "");
    let removed = listing(SEALED, "");
    assert_eq!(
        changes(&old, &removed),
        [r#"CODE_REMOVED code 60002: vanished (was "Vault full", status 400)"#]
    );
    assert!(old.diff(&removed).is_breaking());

    let reserved = listing(SEALED, r#"{"low":60002,"high":60002}"#);
    assert_eq!(
        changes(&old, &reserved),
        [
            r#"CODE_REMOVED_AND_RESERVED code 60002: vanished and reserved (was "Vault full", status 400)"#
        ]
    );
    assert!(!old.diff(&reserved).is_breaking());

    // Reserved in a range with more codes: those are newly reserved.
    let range = listing(SEALED, r#"{"low":60002,"high":60004,"reason":"quotas"}"#);
    assert_eq!(
        changes(&old, &range),
        [
            r#"CODE_REMOVED_AND_RESERVED code 60002: vanished and reserved (was "Vault full", status 400)"#,
            r#"CODE_RESERVED codes 60003..=60004: reserved ("quotas")"#,
        ]
    );
}

#[test]
fn added_codes_are_compatible_unless_reserved() {
    let old = listing(SEALED, "");
    let new = listing(&format!("{SEALED},{FULL}"), "");
    assert_eq!(
        changes(&old, &new),
        [r#"CODE_ADDED code 60002: new ("Vault full", status 400)"#]
    );
    assert!(!old.diff(&new).is_breaking());

    let old = listing(SEALED, r#"{"low":60002,"high":60003}"#);
    let diff = old.diff(&new);
    assert_eq!(
        changes(&old, &new),
        [
            r#"RESERVED_CODE_USED code 60002: reserved, now used ("Vault full", status 400)"#,
            r#"RESERVATION_REMOVED code 60003: no longer reserved"#,
        ]
    );
    assert!(diff.is_breaking());
    assert!(diff.iter().all(|change| change.is_breaking()));
}

#[test]
fn reservations_lifted_break_and_new_ones_do_not() {
    let old = listing(SEALED, r#"{"low":60010,"high":60019,"reason":"old API"}"#);
    let narrower = listing(SEALED, r#"{"low":60010,"high":60014,"reason":"old API"}"#);
    assert_eq!(
        changes(&old, &narrower),
        [r#"RESERVATION_REMOVED codes 60015..=60019: no longer reserved ("old API")"#]
    );
    let change = old.diff(&narrower).iter().next().cloned().unwrap();
    assert_eq!(change.codes(), Some(CodeRange::new(60015, 60019)));
    assert_eq!((change.before(), change.after()), (Some("old API"), None));

    // Split in two with another reason: the same codes, still reserved.
    let split = listing(
        SEALED,
        r#"{"low":60010,"high":60012},{"low":60013,"high":60019,"reason":"old API"}"#,
    );
    assert_eq!(changes(&old, &split), Vec::<String>::new());
    let wider = listing(
        SEALED,
        r#"{"low":60010,"high":60019,"reason":"the old API"}"#,
    );
    assert_eq!(
        changes(&old, &wider),
        [
            r#"RESERVATION_REASON_CHANGED codes 60010..=60019: reason for the reservation "old API" -> "the old API""#
        ]
    );
    let more = listing(SEALED, r#"{"low":60005,"high":60019,"reason":"old API"}"#);
    assert_eq!(
        changes(&old, &more),
        [r#"CODE_RESERVED codes 60005..=60009: reserved ("old API")"#]
    );
    assert!(!old.diff(&more).is_breaking());
}

/// `SEALED` with `field` changed.
fn sealed_with(field: &str) -> Listing {
    listing(
        &format!(
            r#"{{"code":60001,"status":503,"message":"Vault sealed","variant":"Sealed",{field}}}"#
        )
        .replace(",}", "}"),
        "",
    )
}

#[test]
fn each_field_of_a_code_is_classed() {
    let old = sealed_with("");
    let cases: &[(&str, &str, bool)] = &[
        (
            r#""status":500"#,
            r#"STATUS_CHANGED code 60001: status "503" -> "500""#,
            true,
        ),
        (
            r#""message":"Sealed""#,
            r#"MESSAGE_CHANGED code 60001: message "Vault sealed" -> "Sealed""#,
            true,
        ),
        (
            r#""exposure":"internal""#,
            "DETAIL_EXPOSURE_CHANGED code 60001: detail unmarked -> internal",
            true,
        ),
        (
            r#""exposure":"public""#,
            "DETAIL_EXPOSURE_CHANGED code 60001: detail unmarked -> public",
            true,
        ),
        (
            r#""deprecated":"use 60003""#,
            r#"CODE_DEPRECATED code 60001: deprecated ("use 60003")"#,
            false,
        ),
        (
            r#""deprecated":"""#,
            "CODE_DEPRECATED code 60001: deprecated",
            false,
        ),
        (
            r#""description":"封印""#,
            r#"DESCRIPTION_CHANGED code 60001: description "" -> "封印""#,
            false,
        ),
        (
            r#""doc":"https://x""#,
            r#"DOC_CHANGED code 60001: doc "" -> "https://x""#,
            false,
        ),
        (
            r#""variant":"Closed""#,
            r#"VARIANT_RENAMED code 60001: variant "Sealed" -> "Closed""#,
            false,
        ),
        (
            r#""via":["Kms"]"#,
            r#"VARIANT_RENAMED code 60001: variant "Sealed" -> "Kms > Sealed""#,
            false,
        ),
    ];
    let change = old
        .diff(&sealed_with(r#""status":500"#))
        .iter()
        .next()
        .cloned()
        .unwrap();
    assert_eq!(
        (change.before(), change.after()),
        (Some("503"), Some("500"))
    );
    for &(field, line, breaking) in cases {
        // serde_json keeps the last of two equal keys.
        let new = sealed_with(field);
        assert_eq!(changes(&old, &new), [line], "{field}");
        assert_eq!(old.diff(&new).is_breaking(), breaking, "{field}");
    }
    let public = sealed_with(r#""exposure":"public""#);
    let internal = sealed_with(r#""exposure":"internal""#);
    assert_eq!(
        changes(&public, &internal),
        ["DETAIL_EXPOSURE_CHANGED code 60001: detail public -> internal"]
    );
    assert_eq!(
        changes(&internal, &old),
        ["DETAIL_EXPOSURE_CHANGED code 60001: detail internal -> unmarked"]
    );
    let deprecated = sealed_with(r#""deprecated":"a""#);
    assert_eq!(
        changes(&deprecated, &sealed_with(r#""deprecated":"b""#)),
        [r#"DEPRECATION_CHANGED code 60001: deprecation note "a" -> "b""#]
    );
    assert_eq!(
        changes(&deprecated, &old),
        ["DEPRECATION_REMOVED code 60001: no longer deprecated"]
    );
    assert!(old
        .diff(&sealed_with(r#""deprecated":"""#))
        .iter()
        .all(|c| !c.is_breaking()));
}

#[test]
fn the_declared_range_is_compared() {
    let with_range = |range: &str| {
        Listing::from_json(&format!(r#"{{"format":1,{range}"codes":[{SEALED}]}}"#)).unwrap()
    };
    let none = with_range("");
    let narrow = with_range(r#""range":{"low":60000,"high":60999},"#);
    let wide = with_range(r#""range":{"low":60000,"high":61999},"#);
    assert_eq!(
        changes(&narrow, &wide),
        ["RANGE_CHANGED range 60000..=60999 -> 60000..=61999"]
    );
    assert_eq!(
        changes(&none, &narrow),
        ["RANGE_CHANGED range none -> 60000..=60999"]
    );
    let change = narrow.diff(&none).iter().next().cloned().unwrap();
    assert_eq!(change.kind(), ChangeKind::RangeChanged);
    assert_eq!(change.codes(), None);
    assert_eq!(
        (change.before(), change.after()),
        (Some("60000..=60999"), None)
    );
    assert!(!narrow.diff(&wide).is_breaking());
}

#[test]
fn every_kind_has_its_id_and_class() {
    let breaking = [
        (ChangeKind::CodeRemoved, "CODE_REMOVED"),
        (ChangeKind::ReservedCodeUsed, "RESERVED_CODE_USED"),
        (ChangeKind::RetiredCodeUsed, "RETIRED_CODE_USED"),
        (ChangeKind::StatusChanged, "STATUS_CHANGED"),
        (ChangeKind::MessageChanged, "MESSAGE_CHANGED"),
        (ChangeKind::DetailExposureChanged, "DETAIL_EXPOSURE_CHANGED"),
        (ChangeKind::ReservationRemoved, "RESERVATION_REMOVED"),
    ];
    let compatible = [
        (ChangeKind::CodeAdded, "CODE_ADDED"),
        (ChangeKind::CodeReserved, "CODE_RESERVED"),
        (
            ChangeKind::CodeRemovedAndReserved,
            "CODE_REMOVED_AND_RESERVED",
        ),
        (ChangeKind::CodeRestored, "CODE_RESTORED"),
        (ChangeKind::CodeDeprecated, "CODE_DEPRECATED"),
        (ChangeKind::DeprecationChanged, "DEPRECATION_CHANGED"),
        (ChangeKind::DeprecationRemoved, "DEPRECATION_REMOVED"),
        (ChangeKind::DescriptionChanged, "DESCRIPTION_CHANGED"),
        (ChangeKind::DocChanged, "DOC_CHANGED"),
        (ChangeKind::VariantRenamed, "VARIANT_RENAMED"),
        (
            ChangeKind::ReservationReasonChanged,
            "RESERVATION_REASON_CHANGED",
        ),
        (ChangeKind::RangeChanged, "RANGE_CHANGED"),
    ];
    for (kind, id) in breaking {
        assert_eq!(
            (kind.id(), kind.to_string(), kind.class()),
            (id, id.to_owned(), "breaking")
        );
        assert!(kind.is_breaking());
    }
    for (kind, id) in compatible {
        assert_eq!(
            (kind.id(), kind.to_string(), kind.class()),
            (id, id.to_owned(), "compatible")
        );
        assert!(!kind.is_breaking());
    }
}

#[derive(Debug, SkmsError)]
#[skms(range = 60000..=60999)]
enum Before {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(code = 60002, status = 400, msg = "Vault full")]
    Full,
    #[skms(code = 60003, status = 500, msg = "Vault broken", detail = "{0}")]
    Broken(String),
    #[skms(transparent)]
    Standard(StandardError),
}

#[derive(Debug, SkmsError)]
#[skms(range = 60000..=60999, reserved(60002 = "no quotas"))]
enum After {
    #[skms(
        code = 60001,
        status = 500,
        msg = "Vault sealed",
        deprecated = "use 60004"
    )]
    Sealed,
    #[skms(
        code = 60003,
        status = 500,
        msg = "Vault broken",
        detail = "{0}",
        internal_detail
    )]
    Broken(String),
    #[skms(code = 60004, status = 503, msg = "Vault is sealed")]
    Closed,
    #[skms(transparent)]
    Standard(StandardError),
}

#[test]
fn derived_catalogs_are_compared_breaking_first() {
    let diff = Listing::diff(&Before::catalog(), &After::catalog());
    assert_eq!(
        diff.to_text(),
        "\
breaking   STATUS_CHANGED             code 60001: status \"503\" -> \"500\"
breaking   DETAIL_EXPOSURE_CHANGED    code 60003: detail unmarked -> internal
compatible CODE_DEPRECATED            code 60001: deprecated (\"use 60004\")
compatible CODE_REMOVED_AND_RESERVED  code 60002: vanished and reserved (was \"Vault full\", status 400)
compatible CODE_ADDED                 code 60004: new (\"Vault is sealed\", status 503)
"
    );
    assert_eq!(diff.to_string(), diff.to_text());
    assert_eq!(diff.len(), 5);
    assert!(diff.is_breaking());
    assert_eq!(
        diff.to_markdown(),
        "\
### Breaking changes

- `STATUS_CHANGED` code 60001: status \"503\" -> \"500\"
- `DETAIL_EXPOSURE_CHANGED` code 60003: detail unmarked -> internal

### Compatible changes

- `CODE_DEPRECATED` code 60001: deprecated (\"use 60004\")
- `CODE_REMOVED_AND_RESERVED` code 60002: vanished and reserved (was \"Vault full\", status 400)
- `CODE_ADDED` code 60004: new (\"Vault is sealed\", status 503)
"
    );
    let json: serde_json::Value = serde_json::from_str(&diff.to_json()).unwrap();
    assert_eq!(json["breaking"], true);
    assert_eq!(
        json["changes"][0],
        serde_json::json!({
            "class": "breaking", "kind": "STATUS_CHANGED",
            "codes": {"low": 60001, "high": 60001},
            "before": "503", "after": "500",
            "text": "code 60001: status \"503\" -> \"500\"",
        })
    );
    assert_eq!(json["changes"].as_array().unwrap().len(), 5);
    assert_eq!(
        json["changes"][4],
        serde_json::json!({
            "class": "compatible", "kind": "CODE_ADDED",
            "codes": {"low": 60004, "high": 60004},
            "after": "Vault is sealed",
            "text": "code 60004: new (\"Vault is sealed\", status 503)",
        })
    );
    // Only the breaking-only view: iterate.
    let kinds: Vec<ChangeKind> = (&diff).into_iter().map(|change| change.kind()).collect();
    assert_eq!(
        kinds[..2],
        [ChangeKind::StatusChanged, ChangeKind::DetailExposureChanged]
    );

    // Against an export read back, the same changes.
    let exported = Listing::from_json(&Before::catalog().to_json()).unwrap();
    assert_eq!(exported.diff(&After::catalog()), diff);
    assert!(StandardError::catalog()
        .diff(&Listing::from_json(&StandardError::catalog().to_json()).unwrap())
        .is_empty());
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant comes back as itself, an internal detail too (the body
/// written here carries it) (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    use round_trip::round_trips_debug;

    let mut before = vec![Before::Sealed, Before::Full, Before::Broken(String::new())];
    before.extend(StandardError::ALL.map(Before::Standard));
    round_trips_debug(&before);
    let mut after = vec![
        After::Sealed,
        After::Broken("disk: 1".into()),
        After::Closed,
    ];
    after.extend(StandardError::ALL.map(After::Standard));
    round_trips_debug(&after);
}
