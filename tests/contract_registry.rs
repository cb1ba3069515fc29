//! `check_services`: one registry across services, as a service's own test
//! can run it (and `skms check` runs it over exports).

use skms_core::{check_services, ClashKind, CodeRange, Listing};

fn listing(json: &str) -> Listing {
    Listing::from_json(json).unwrap()
}

fn lines(services: &[(&str, &Listing)]) -> Vec<String> {
    check_services(services)
        .iter()
        .map(|clash| format!("{} {clash}", clash.kind().id()))
        .collect()
}

#[test]
fn services_that_agree_do_not_clash() {
    let standard =
        listing(r#"[{"code":40013,"status":400,"message":"Key not found in the keyVault"}]"#);
    let vault = listing(
        r#"{"format":1,"range":{"low":60000,"high":60999},"codes":[
            {"code":60001,"status":503,"message":"Vault sealed"},
            {"code":40013,"status":400,"message":"Key not found in the keyVault","description":"another description","variant":"Other"}]}"#,
    );
    let gateway = listing(
        r#"{"format":1,"range":{"low":61000,"high":61999},"codes":[],"reserved":[{"low":62000,"high":62999}]}"#,
    );
    assert!(check_services(&[
        ("standard", &standard),
        ("vault", &vault),
        ("gateway", &gateway)
    ])
    .is_empty());
    assert!(check_services(&[("vault", &vault)]).is_empty());
    assert!(check_services(&[]).is_empty());
}

#[test]
fn every_clash_names_both_services_and_the_code() {
    let vault = listing(
        r#"{"format":1,"range":{"low":60000,"high":60999},"codes":[
            {"code":60001,"status":503,"message":"Vault sealed"},
            {"code":60002,"status":400,"message":"Vault full"},
            {"code":60003,"status":400,"message":"Vault locked"}],
            "reserved":[{"low":60100,"high":60199,"reason":"old API"}]}"#,
    );
    let gateway = listing(
        r#"{"format":1,"range":{"low":60999,"high":61999},"codes":[
            {"code":60001,"status":500,"message":"Vault sealed"},
            {"code":60002,"status":400,"message":"Vault is full"},
            {"code":60003,"status":400,"message":"Vault locked"},
            {"code":60150,"status":400,"message":"Old"}],
            "reserved":[{"low":60003,"high":60003}]}"#,
    );
    assert_eq!(
        lines(&[("vault", &vault), ("gateway", &gateway)]),
        [
            r#"CODE_MEANING code 60001: "vault" answers 503 "Vault sealed", "gateway" answers 500 "Vault sealed""#,
            r#"CODE_MEANING code 60002: "vault" answers 400 "Vault full", "gateway" answers 400 "Vault is full""#,
            r#"RANGES_OVERLAP code 60999: "vault" declares the range 60000..=60999, "gateway" 60999..=61999"#,
            r#"RESERVED_CODE_USED code 60150: "vault" reserves it ("old API"), "gateway" answers 400 "Old""#,
            r#"RESERVED_CODE_USED code 60003: "gateway" reserves it, "vault" answers 400 "Vault locked""#,
        ]
    );
    let clashes = check_services(&[("vault", &vault), ("gateway", &gateway)]);
    assert_eq!(clashes[0].kind(), ClashKind::CodeMeaning);
    assert_eq!(clashes[0].services(), ["vault", "gateway"]);
    assert_eq!(clashes[0].codes(), CodeRange::code(60001));
    assert_eq!(clashes[2].kind(), ClashKind::RangesOverlap);
    assert_eq!(clashes[2].codes(), CodeRange::code(60999));
    assert_eq!(clashes[4].kind(), ClashKind::ReservedCodeUsed);
    assert_eq!(clashes[4].services(), ["vault", "gateway"]);

    // Three services: each pair is checked, in the order given.
    let third = listing(r#"{"format":1,"range":{"low":60500,"high":60500},"codes":[]}"#);
    let clashes = check_services(&[("vault", &vault), ("gateway", &gateway), ("third", &third)]);
    assert_eq!(clashes.len(), 6);
    assert_eq!(clashes[5].services(), ["vault", "third"]);
    assert_eq!(
        clashes[5].to_string(),
        r#"code 60500: "vault" declares the range 60000..=60999, "third" 60500"#
    );
    assert_eq!(ClashKind::RangesOverlap.id(), "RANGES_OVERLAP");

    // An empty reason is no reason.
    let reserving =
        listing(r#"{"format":1,"codes":[],"reserved":[{"low":1,"high":9,"reason":""}]}"#);
    let using = listing(r#"[{"code":5,"status":400,"message":"m"}]"#);
    assert_eq!(
        lines(&[("a", &reserving), ("b", &using)]),
        [r#"RESERVED_CODE_USED code 5: "a" reserves it, "b" answers 400 "m""#]
    );
}
