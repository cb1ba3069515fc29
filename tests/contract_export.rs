//! The exports: reserved and deprecated codes in the Markdown and JSON
//! exports, the JSON export's format version, and `Listing::from_json`,
//! which reads this format and the earlier one back.

// The types here exist for their catalogs: their values are never built.
#![allow(dead_code)]

use skms_core::{Catalog, DetailExposure, Listing, SkmsError, StandardError, EXPORT_FORMAT};

#[derive(Debug, SkmsError)]
#[skms(
    range = 60000..=60999,
    reserved(60002, 60010..=60019 = "the old | sealing API")
)]
enum KmsError {
    #[skms(
        code = 60001,
        status = 503,
        msg = "Vault sealed",
        internal_detail,
        detail = "{0}"
    )]
    Sealed(String),
    #[skms(
        code = 60003,
        status = 400,
        msg = "Key disabled",
        description = "鍵が無効です",
        doc = "https://example.com/60003",
        deprecated = "use 60004",
        public_detail,
        detail = "key {0}"
    )]
    KeyDisabled(String),
    #[skms(code = 60004, status = 400, msg = "Key not usable", deprecated)]
    KeyNotUsable,
    #[skms(transparent)]
    Standard(StandardError),
}

#[derive(Debug, SkmsError)]
#[skms(reserved(61000))]
enum Gateway {
    #[skms(code = 61001, status = 502, msg = "Upstream failed")]
    Upstream,
    #[skms(transparent)]
    Kms(KmsError),
}

#[test]
fn the_json_export_carries_its_format_and_everything_listed() {
    let json = KmsError::catalog().to_json();
    assert_eq!(EXPORT_FORMAT, 1);
    let mut lines = json.lines();
    assert_eq!(
        lines.next(),
        Some(r#"{"format":1,"name":"KmsError","range":{"low":60000,"high":60999},"codes":["#)
    );
    assert_eq!(
        lines.next(),
        Some(
            r#"  {"code":60001,"status":503,"message":"Vault sealed","variant":"Sealed","exposure":"internal","rebuilt":"from_detail"},"#
        )
    );
    assert_eq!(
        lines.next(),
        Some(
            r#"  {"code":60003,"status":400,"message":"Key disabled","description":"鍵が無効です","doc":"https://example.com/60003","variant":"KeyDisabled","exposure":"public","deprecated":"use 60004","rebuilt":"from_detail"},"#
        )
    );
    assert_eq!(
        lines.next(),
        Some(
            r#"  {"code":60004,"status":400,"message":"Key not usable","variant":"KeyNotUsable","deprecated":"","rebuilt":"always"},"#
        )
    );
    assert!(json.ends_with(
        "\n],\"reserved\":[\n  {\"low\":60002,\"high\":60002},\n  {\"low\":60010,\"high\":60019,\"reason\":\"the old | sealing API\"}\n]}\n"
    ));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["codes"].as_array().unwrap().len(), 29);
    assert_eq!(value["codes"][3]["via"], serde_json::json!(["Standard"]));

    // No name, range or reservations: none written; no code: an empty list.
    let empty = Listing::from_json(r#"{"format":1,"codes":[]}"#).unwrap();
    assert_eq!(empty.to_json(), "{\"format\":1,\"codes\":[]}\n");
    assert!(empty.is_empty());
}

#[test]
fn the_markdown_export_has_a_state_column_when_needed() {
    let markdown = KmsError::catalog().to_markdown();
    let lines: Vec<&str> = markdown.lines().collect();
    assert_eq!(
        lines[..5],
        [
            "| error code | message | Description | Status Code | Documentation | State |",
            "|---|---|---|---|---|---|",
            "| 60001 | Vault sealed |  | 503 |  |  |",
            "| 60003 | Key disabled | 鍵が無効です | 400 | https://example.com/60003 | deprecated: use 60004 |",
            "| 60004 | Key not usable |  | 400 |  | deprecated |",
        ]
    );
    assert_eq!(
        lines[lines.len() - 2..],
        [
            "| 60002 |  |  |  |  | reserved |",
            r"| 60010..=60019 |  |  |  |  | reserved: the old \| sealing API |",
        ]
    );
    // The included catalog's reservations follow the type's own.
    let markdown = Gateway::catalog().to_markdown();
    assert!(markdown.ends_with(
        "| 61000 |  |  |  |  | reserved |\n| 60002 |  |  |  |  | reserved |\n| 60010..=60019 |  |  |  |  | reserved: the old \\| sealing API |\n"
    ));
    // Neither deprecated nor reserved: the reference's columns only.
    assert!(StandardError::catalog().to_markdown().starts_with(
        "| error code | message | Description | Status Code |\n|---|---|---|---|\n| 40003 |"
    ));
    let deprecated_only =
        Listing::from_json(r#"[{"code":1,"status":400,"message":"m","deprecated":""}]"#).unwrap();
    assert_eq!(
        deprecated_only.to_markdown(),
        "| error code | message | Description | Status Code | State |\n|---|---|---|---|---|\n| 1 | m |  | 400 | deprecated |\n"
    );
    let reserved_only = Listing::from_json(
        r#"{"format":1,"codes":[{"code":1,"status":400,"message":"m"}],"reserved":[{"low":2,"high":2}]}"#,
    )
    .unwrap();
    assert_eq!(
        reserved_only.to_markdown(),
        "| error code | message | Description | Status Code | State |\n|---|---|---|---|---|\n| 1 | m |  | 400 |  |\n| 2 |  |  |  | reserved |\n"
    );
}

#[test]
fn exports_read_back_as_they_were_written() {
    for listing in [
        KmsError::catalog(),
        Gateway::catalog(),
        StandardError::catalog(),
    ] {
        let json = listing.to_json();
        let read = Listing::from_json(&json).unwrap();
        assert_eq!(read.to_json(), json);
        assert_eq!(read.to_markdown(), listing.to_markdown());
        assert!(listing.diff(&read).is_empty(), "{}", listing.diff(&read));
        assert_eq!(read.name(), listing.name());
        assert_eq!(read.range(), listing.range());
        assert_eq!(read.reserved(), listing.reserved());
        assert_eq!(read.len(), listing.len());
        for (read, listed) in read.iter().zip(&listing) {
            assert_eq!(read.entry.code, listed.entry.code);
            assert_eq!(read.entry.status, listed.entry.status);
            assert_eq!(read.entry.message, listed.entry.message);
            assert_eq!(read.entry.description, listed.entry.description);
            assert_eq!(read.entry.doc, listed.entry.doc);
            assert_eq!(read.entry.variant, listed.entry.variant);
            assert_eq!(read.entry.deprecated, listed.entry.deprecated);
            assert_eq!(read.entry.detail_exposure(), listed.entry.detail_exposure());
            assert_eq!(read.entry.rebuilt(), listed.entry.rebuilt());
            assert!(read.entry.rebuilt().is_some());
            assert_eq!(read.path, listed.path);
        }
    }
    let read = Listing::from_json(&KmsError::catalog().to_json()).unwrap();
    assert_eq!(
        read.get(60003).unwrap().entry.detail_exposure(),
        DetailExposure::Public
    );
    assert_eq!(
        read.reservation(60012).unwrap().reason,
        Some("the old | sealing API")
    );
}

#[test]
fn format_0_the_bare_array_is_read() {
    // What `to_json` wrote before the format version.
    let listing = Listing::from_json(
        r#"[
  {"code":60001,"status":503,"message":"Vault sealed","doc":"https://example.com/60001","variant":"Sealed"},
  {"code":40003,"status":400,"message":"Failed create header","description":"ヘッダーの生成に失敗しました","variant":"HeaderCreationFailed","via":["Standard"]}
]
"#,
    )
    .unwrap();
    assert_eq!(listing.len(), 2);
    assert_eq!(listing.name(), None);
    assert_eq!(listing.range(), None);
    assert!(listing.reserved().is_empty());
    assert_eq!(listing.get(40003).unwrap().path, ["Standard"]);
    // Older than the `rebuilt` mark: not known, and not written back.
    assert_eq!(listing.get(40003).unwrap().entry.rebuilt(), None);
    assert!(!listing.to_json().contains("rebuilt"));
    assert_eq!(
        listing.get(60001).unwrap().entry.doc,
        Some("https://example.com/60001")
    );
    assert_eq!(listing.get(60001).unwrap().entry.deprecated, None);
    // Unknown keys are ignored; `variant` may be left out.
    let listing = Listing::from_json(
        r#"{"format":1,"generator":"x","codes":[{"code":1,"status":599,"message":"m","new":[1]}]}"#,
    )
    .unwrap();
    assert_eq!(listing.get(1).unwrap().entry.variant, "");
}

#[test]
fn malformed_exports_are_precise_errors() {
    let error = |json: &str| Listing::from_json(json).unwrap_err().to_string();
    assert_eq!(error(""), "EOF while parsing a value at line 1 column 0");
    assert_eq!(
        error("{\"format\":1,\n\"codes\":[}"),
        "expected value at line 2 column 10"
    );
    assert_eq!(error("7"), "expected an object, found 7");
    assert_eq!(error("{}"), "missing `format`");
    assert_eq!(
        error(r#"{"format":"1"}"#),
        "format: expected an integer, found a string"
    );
    assert_eq!(error(r#"{"format":1}"#), "missing `codes`");
    assert_eq!(
        error(r#"{"format":1,"codes":{}}"#),
        "codes: expected an array, found an object"
    );
    assert_eq!(
        error(r#"{"format":1,"codes":[null]}"#),
        "codes[0]: expected an object, found null"
    );
    let code = |fields: &str| {
        error(&format!(
            r#"{{"format":1,"codes":[{{"code":1,"status":400,"message":"m"}},{{{fields}}}]}}"#
        ))
    };
    assert_eq!(
        code(r#""status":400,"message":"m""#),
        "codes[1]: missing `code`"
    );
    assert_eq!(
        code(r#""code":2,"message":"m""#),
        "codes[1]: missing `status`"
    );
    assert_eq!(
        code(r#""code":2,"status":400"#),
        "codes[1]: missing `message`"
    );
    assert_eq!(
        code(r#""code":2,"status":400,"message":"m","rebuilt":"sometimes""#),
        r#"codes[1].rebuilt: expected "always", "from_detail" or "never", found "sometimes""#
    );
    assert_eq!(
        code(r#""code":2,"status":400,"message":"m","rebuilt":true"#),
        "codes[1].rebuilt: expected a string, found true"
    );
    assert_eq!(
        code(r#""code":-2,"status":400,"message":"m""#),
        "codes[1].code: expected an integer 0..=4294967295, found -2"
    );
    assert_eq!(
        code(r#""code":4294967296,"status":400,"message":"m""#),
        "codes[1].code: expected an integer 0..=4294967295, found 4294967296"
    );
    assert_eq!(
        code(r#""code":2,"status":399,"message":"m""#),
        "codes[1].status: expected an integer 400..=599, found 399"
    );
    assert_eq!(
        code(r#""code":2,"status":600,"message":"m""#),
        "codes[1].status: expected an integer 400..=599, found 600"
    );
    assert_eq!(
        code(r#""code":2,"status":400.5,"message":"m""#),
        "codes[1].status: expected an integer 400..=599, found 400.5"
    );
    assert_eq!(
        code(r#""code":2,"status":400,"message":true"#),
        "codes[1].message: expected a string, found true"
    );
    assert_eq!(
        code(r#""code":2,"status":400,"message":"m","description":1"#),
        "codes[1].description: expected a string, found 1"
    );
    assert_eq!(
        code(r#""code":2,"status":400,"message":"m","doc":[]"#),
        "codes[1].doc: expected a string, found an array"
    );
    assert_eq!(
        code(r#""code":2,"status":400,"message":"m","deprecated":false"#),
        "codes[1].deprecated: expected a string, found false"
    );
    assert_eq!(
        code(r#""code":2,"status":400,"message":"m","variant":{}"#),
        "codes[1].variant: expected a string, found an object"
    );
    assert_eq!(
        code(r#""code":2,"status":400,"message":"m","exposure":"secret""#),
        "codes[1].exposure: expected \"public\" or \"internal\", found \"secret\""
    );
    assert_eq!(
        code(r#""code":2,"status":400,"message":"m","via":"Kms""#),
        "codes[1].via: expected an array, found a string"
    );
    assert_eq!(
        code(r#""code":2,"status":400,"message":"m","via":["Kms",3]"#),
        "codes[1].via[1]: expected a string, found 3"
    );
    assert_eq!(
        code(r#""code":1,"status":400,"message":"m""#),
        "codes[1].code: 1 is listed twice"
    );
    let top = |fields: &str| error(&format!(r#"{{"format":1,"codes":[],{fields}}}"#));
    assert_eq!(top(r#""name":5"#), "name: expected a string, found 5");
    assert_eq!(
        top(r#""range":[]"#),
        "range: expected an object, found an array"
    );
    assert_eq!(top(r#""range":{"low":5}"#), "range: missing `high`");
    assert_eq!(top(r#""range":{"high":5}"#), "range: missing `low`");
    assert_eq!(
        top(r#""range":{"low":6,"high":5}"#),
        "range: `high` 5 is below `low` 6"
    );
    assert_eq!(
        top(r#""reserved":{}"#),
        "reserved: expected an array, found an object"
    );
    assert_eq!(
        top(r#""reserved":[1]"#),
        "reserved[0]: expected an object, found 1"
    );
    assert_eq!(
        top(r#""reserved":[{"low":1,"high":2,"reason":3}]"#),
        "reserved[0].reason: expected a string, found 3"
    );
    assert_eq!(
        top(r#""reserved":[{"low":1,"high":2},{"low":1,"high":-2}]"#),
        "reserved[1].high: expected an integer 0..=4294967295, found -2"
    );
    let whole = r#"{"format":1,"codes":[],"range":{"low":0,"high":4294967295}}"#;
    assert_eq!(
        Listing::from_json(whole).unwrap().range(),
        Some(skms_core::CodeRange::new(0, u32::MAX))
    );
}

#[test]
fn newer_formats_are_refused_by_name() {
    let error = Listing::from_json(r#"{"format":2,"codes":"whatever it is now"}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "format 2 is newer than this skms-core reads (1)"
    );
    assert_eq!(error.newer_format(), Some(2));
    let error = Listing::from_json("[1]").unwrap_err();
    assert_eq!(error.newer_format(), None);
    assert_eq!(error.to_string(), "codes[0]: expected an object, found 1");
    // Format 0 written as an object is read too.
    assert!(Listing::from_json(r#"{"format":0,"codes":[]}"#).is_ok());
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// Every variant comes back as itself (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    use round_trip::round_trips_debug;

    let mut values = vec![
        KmsError::Sealed("key 1".into()),
        KmsError::KeyDisabled("key 1".into()),
        KmsError::KeyDisabled(String::new()),
        KmsError::KeyNotUsable,
    ];
    values.extend(StandardError::ALL.map(KmsError::Standard));
    round_trips_debug(&values);
    round_trips_debug(&[
        Gateway::Upstream,
        Gateway::Kms(KmsError::KeyDisabled("鍵".into())),
    ]);
}
