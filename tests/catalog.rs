//! A type's own entries, catalogs composed from included catalogs, reused
//! standard codes, code ranges, and the catalog as data (listing, lookup,
//! Markdown, JSON).

// Most types here exist for their catalogs: their values are never built.
#![allow(dead_code)]

use skms_core::{Catalog, Entry, ErrorBody, FromBody, Include, SkmsError, StandardError};

#[path = "support/round_trip.rs"]
mod round_trip;

/// A key vault's own codes, in its range, with the standard catalog.
#[derive(Debug, PartialEq, SkmsError)]
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

#[derive(Debug, PartialEq, SkmsError)]
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
#[derive(Debug, PartialEq, SkmsError)]
enum ServiceError {
    #[skms(transparent)]
    Vault(VaultError),
    #[skms(transparent)]
    License(LicenseError),
}

/// Restates a standard code with the same status and message: the same
/// meaning, so allowed next to the standard catalog (the README's example).
#[derive(Debug, PartialEq, SkmsError)]
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
    assert_eq!(json["format"], 1);
    assert_eq!(json["name"], "VaultError");
    assert_eq!(
        json["range"],
        serde_json::json!({"low": 60000, "high": 60999})
    );
    let list = json["codes"].as_array().unwrap();
    assert_eq!(list.len(), VaultError::catalog().len());
    assert_eq!(
        list[0],
        serde_json::json!({
            "code": 60001, "status": 503, "message": "Vault sealed",
            "doc": "https://docs.example.com/skms/60001", "variant": "Sealed",
            "rebuilt": "always",
        })
    );
    // Whether each variant comes back from a body: a reused standard code
    // with a plain detail over its field, read back from the detail.
    assert_eq!(list[1]["rebuilt"], "from_detail");
    assert_eq!(list[3]["via"], serde_json::json!(["Standard"]));
    assert_eq!(list[3]["rebuilt"], "always");
    assert_eq!(list[3]["description"], "ヘッダーの生成に失敗しました");

    let markdown = VaultError::catalog().to_markdown();
    assert!(markdown.starts_with(
        "| error code | message | Description | Status Code | Documentation |\n|---|---|---|---|---|\n| 60001 | Vault sealed |  | 503 | https://docs.example.com/skms/60001 |\n"
    ));
}

/// A generic type includes what its parameter includes.
#[derive(Debug, PartialEq, SkmsError)]
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
#[derive(Debug, PartialEq, SkmsError)]
enum Gateway<E> {
    #[skms(code = 62002, status = 502, msg = "Upstream down")]
    Down,
    #[skms(transparent)]
    Standard(StandardError),
    #[skms(transparent)]
    Inner(E),
}

#[derive(Debug, PartialEq, SkmsError)]
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
#[derive(Debug, PartialEq, SkmsError)]
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

/// `lookup` (a hash table of a derived type's own codes, then its
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

/// Codes scattered over the whole `u32` range, so that some share a slot
/// of the derive's hash table and are found further on.
macro_rules! scattered {
    ($($variant:ident = $code:tt,)*) => {
        #[derive(Debug, SkmsError)]
        enum Scattered {
            $(
                #[skms(code = $code, status = 500, msg = "Scattered")]
                $variant,
            )*
            #[skms(transparent)]
            License(Box<LicenseError>),
        }

        const SCATTERED: &[u32] = &[$($code),*];
    };
}

scattered! {
    S112648 = 112648, S241134 = 241134, S385458 = 385458, S545620 = 545620, S721620 = 721620,
    S913458 = 913458, S1121134 = 1121134, S1344648 = 1344648, S1584000 = 1584000, S1839190 = 1839190,
    S2110218 = 2110218, S2397084 = 2397084, S2699788 = 2699788, S3018330 = 3018330, S3352710 = 3352710,
    S3702928 = 3702928, S4068984 = 4068984, S4450878 = 4450878, S4848610 = 4848610, S5262180 = 5262180,
    S5691588 = 5691588, S6136834 = 6136834, S6597918 = 6597918, S7074840 = 7074840, S7567600 = 7567600,
    S8076198 = 8076198, S8600634 = 8600634, S9140908 = 9140908, S9697020 = 9697020, S10268970 = 10268970,
    S10856758 = 10856758, S11460384 = 11460384, S12079848 = 12079848, S12715150 = 12715150, S13366290 = 13366290,
    S14033268 = 14033268, S14716084 = 14716084, S15414738 = 15414738, S16129230 = 16129230, S16859560 = 16859560,
    S17605728 = 17605728, S18367734 = 18367734, S19145578 = 19145578, S19939260 = 19939260, S20748780 = 20748780,
    S21574138 = 21574138, S22415334 = 22415334, S23272368 = 23272368, S24145240 = 24145240, S25033950 = 25033950,
    S25938498 = 25938498, S26858884 = 26858884, S27795108 = 27795108, S28747170 = 28747170, S29715070 = 29715070,
    S30698808 = 30698808, S31698384 = 31698384, S32713798 = 32713798, S33745050 = 33745050, S34792140 = 34792140,
    S35855068 = 35855068, S36933834 = 36933834, S38028438 = 38028438, S39138880 = 39138880, S40265160 = 40265160,
    S41407278 = 41407278, S42565234 = 42565234, S43739028 = 43739028, S44928660 = 44928660, S46134130 = 46134130,
    S47355438 = 47355438, S48592584 = 48592584, S49845568 = 49845568, S51114390 = 51114390, S52399050 = 52399050,
    S53699548 = 53699548, S55015884 = 55015884, S56348058 = 56348058, S57696070 = 57696070, S59059920 = 59059920,
    S60439608 = 60439608, S61835134 = 61835134, S63246498 = 63246498, S64673700 = 64673700, S66116740 = 66116740,
    S67575618 = 67575618, S69050334 = 69050334, S70540888 = 70540888, S72047280 = 72047280, S73569510 = 73569510,
    S75107578 = 75107578, S76661484 = 76661484, S78231228 = 78231228, S79816810 = 79816810, S81418230 = 81418230,
    S83035488 = 83035488, S84668584 = 84668584, S86317518 = 86317518, S87982290 = 87982290, S89662900 = 89662900,
    S91359348 = 91359348, S93071634 = 93071634, S94799758 = 94799758, S96543720 = 96543720, S98303520 = 98303520,
    S100079158 = 100079158, S101870634 = 101870634, S103677948 = 103677948, S105501100 = 105501100, S107340090 = 107340090,
    S109194918 = 109194918, S111065584 = 111065584, S112952088 = 112952088, S114854430 = 114854430, S116772610 = 116772610,
    S118706628 = 118706628, S120656484 = 120656484, S122622178 = 122622178, S124603710 = 124603710, S126601080 = 126601080,
    S128614288 = 128614288, S130643334 = 130643334, S132688218 = 132688218, S134748940 = 134748940, S136825500 = 136825500,
    S138917898 = 138917898, S141026134 = 141026134, S143150208 = 143150208, S145290120 = 145290120, S147445870 = 147445870,
    S149617458 = 149617458, S151804884 = 151804884, S154008148 = 154008148, S156227250 = 156227250, S158462190 = 158462190,
    S160712968 = 160712968, S162979584 = 162979584, S165262038 = 165262038, S167560330 = 167560330, S169874460 = 169874460,
    S172204428 = 172204428, S174550234 = 174550234, S176911878 = 176911878, S179289360 = 179289360, S181682680 = 181682680,
    S184091838 = 184091838, S186516834 = 186516834, S188957668 = 188957668, S191414340 = 191414340, S193886850 = 193886850,
    S196375198 = 196375198, S198879384 = 198879384, S201399408 = 201399408, S203935270 = 203935270, S206486970 = 206486970,
    S209054508 = 209054508, S211637884 = 211637884, S214237098 = 214237098, S216852150 = 216852150, S219483040 = 219483040,
    S222129768 = 222129768, S224792334 = 224792334, S227470738 = 227470738, S230164980 = 230164980, S232875060 = 232875060,
    S235600978 = 235600978, S238342734 = 238342734, S241100328 = 241100328, S243873760 = 243873760, S246663030 = 246663030,
    S249468138 = 249468138, S252289084 = 252289084, S255125868 = 255125868, S257978490 = 257978490, S260846950 = 260846950,
    S263731248 = 263731248, S266631384 = 266631384, S269547358 = 269547358, S272479170 = 272479170, S275426820 = 275426820,
    S278390308 = 278390308, S281369634 = 281369634, S284364798 = 284364798, S287375800 = 287375800, S290402640 = 290402640,
    S293445318 = 293445318, S296503834 = 296503834, S299578188 = 299578188, S302668380 = 302668380, S305774410 = 305774410,
    S308896278 = 308896278, S312033984 = 312033984, S315187528 = 315187528, S318356910 = 318356910, S321542130 = 321542130,
    S324743188 = 324743188, S327960084 = 327960084, S331192818 = 331192818, S334441390 = 334441390, S337705800 = 337705800,
}

/// What `lookup` must answer: the composed catalog searched entry by entry,
/// own entries first, then the included catalogs in order.
fn search(
    entries: &'static [Entry],
    includes: &'static [Include],
    code: u32,
) -> Option<&'static Entry> {
    entries.iter().find(|entry| entry.code == code).or_else(|| {
        includes
            .iter()
            .find_map(|include| search(include.entries, include.includes, code))
    })
}

/// `lookup`, through the derive's hash tables, answers what a search entry
/// by entry answers, for every code up to 70,000 and every scattered one
/// (and its neighbours); `from_code` and `from_body` agree with it.
#[test]
fn lookup_by_hash_agrees_with_a_search_entry_by_entry() {
    fn agrees<T: Catalog>(codes: &[u32]) {
        for code in codes {
            assert_eq!(
                T::lookup(*code),
                search(T::ENTRIES, T::INCLUDES, *code),
                "{code}"
            );
        }
    }
    let mut codes: Vec<u32> = (0..70_000).chain([u32::MAX - 1, u32::MAX]).collect();
    codes.extend(
        SCATTERED
            .iter()
            .flat_map(|&code| [code.wrapping_sub(1), code, code.wrapping_add(1)]),
    );
    agrees::<StandardError>(&codes);
    agrees::<VaultError>(&codes);
    agrees::<ServiceError>(&codes);
    agrees::<Restated>(&codes);
    agrees::<Wrapper<LicenseError>>(&codes);
    agrees::<Recursive>(&codes);
    agrees::<Scattered>(&codes);
    agrees::<Box<Scattered>>(&codes);
    agrees::<&VaultError>(&codes);
    assert_eq!(Scattered::ENTRIES.len(), 200);
    for &code in SCATTERED {
        assert_eq!(Scattered::lookup(code).map(|entry| entry.code), Some(code));
    }

    for &code in &codes {
        let expected = StandardError::ALL
            .iter()
            .copied()
            .find(|error| error.code() == code);
        assert_eq!(StandardError::from_code(code), expected, "{code}");
        let body = ErrorBody {
            code,
            message: "m".into(),
            detail: None,
        };
        // Every entry of `Scattered`'s catalog is of a unit variant, which
        // a body rebuilds.
        let rebuilt = Scattered::from_body(&body).map(|error| error.code());
        let listed = search(Scattered::ENTRIES, Scattered::INCLUDES, code).map(|entry| entry.code);
        assert_eq!(rebuilt, listed, "{code}");
    }
}

/// Own entries of each kind: with a detail format, a fixed detail, a
/// description, none, and a transparent variant, which has no own entry.
#[derive(Debug, PartialEq, SkmsError)]
enum KmsError {
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {key_id}"
    )]
    KeyNotFound { key_id: String },
    #[skms(
        code = 40003,
        status = 400,
        msg = "Failed create header",
        detail = "{0}"
    )]
    CreateHeader(u32),
    #[skms(
        code = 60001,
        status = 503,
        msg = "Vault sealed",
        detail = "the vault is sealed; try {{later}}"
    )]
    Sealed,
    #[skms(
        code = 60002,
        status = 404,
        msg = "No such vault",
        description = "the vault id matches no vault"
    )]
    NoSuchVault,
    #[skms(transparent)]
    Standard(StandardError),
}

#[test]
fn the_catalog_lists_own_entries_in_order() {
    let entries = KmsError::ENTRIES;
    let codes: Vec<u32> = entries.iter().map(|e| e.code).collect();
    assert_eq!(codes, [40013, 40003, 60001, 60002]);
    assert_eq!(entries[0].variant, "KeyNotFound");
    assert_eq!(
        entries[3].description,
        Some("the vault id matches no vault")
    );
    assert_eq!(entries[0].description, None);
    assert_eq!(
        entries[2].static_detail(),
        Some("the vault is sealed; try {later}")
    );
    assert!(entries[0].has_detail() && !entries[3].has_detail());
    assert_eq!(KmsError::lookup(60001).map(|e| e.status), Some(503));
    // Lookups search the composed catalog: own entries, then included ones.
    assert_eq!(
        KmsError::lookup(40101).map(|e| e.variant),
        Some("InvalidToken")
    );
    assert_eq!(
        KmsError::lookup(40013).map(|e| e.variant),
        Some("KeyNotFound")
    );
    assert_eq!(KmsError::lookup(12345), None);
}

/// The standard errors whose codes `own` does not answer, each wrapped.
fn standard_but<E>(own: &[u32], wrap: impl Fn(StandardError) -> E) -> Vec<E> {
    StandardError::ALL
        .into_iter()
        .filter(|error| !own.contains(&error.code()))
        .map(wrap)
        .collect()
}

/// Every variant of the file's types that the catalog rebuilds comes back
/// as itself; a standard error whose code a variant reuses, and a value
/// nested in the wrapper of its own type, come back as what answers their
/// code (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    use round_trip::{decoded, round_trips};

    round_trips(&[
        VaultError::Sealed,
        VaultError::KeyNotFound {
            key_id: String::new(),
        },
        VaultError::KeyNotFound {
            key_id: "keyId : 7".into(),
        },
        VaultError::InvalidToken("token of é 🔑".into()),
        VaultError::InvalidToken(String::new()),
    ]);
    round_trips(&standard_but(&[40013, 40101], VaultError::Standard));
    round_trips(&[LicenseError::Expired]);
    round_trips(&standard_but(&[], LicenseError::Standard));
    round_trips(&[
        ServiceError::Vault(VaultError::Sealed),
        ServiceError::Vault(VaultError::InvalidToken("t".into())),
        ServiceError::Vault(VaultError::Standard(StandardError::FailedCreateHeader)),
        ServiceError::License(LicenseError::Expired),
    ]);
    // The standard errors come back through the first variant that
    // includes them.
    let licensed = ServiceError::License(LicenseError::Standard(StandardError::FailedCreateHeader));
    assert_eq!(
        decoded(&licensed),
        Some(ServiceError::Vault(VaultError::Standard(
            StandardError::FailedCreateHeader
        )))
    );
    round_trips(&[Restated::KeyNotFound {
        key_id: "a : b".into(),
    }]);
    round_trips(&standard_but(&[40013], Restated::Standard));
    round_trips(&[
        Wrapper::Own,
        Wrapper::Inner(LicenseError::Expired),
        Wrapper::Inner(LicenseError::Standard(StandardError::InvalidToken)),
    ]);
    round_trips(&[
        Gateway::Down,
        Gateway::Standard(StandardError::InvalidToken),
        Gateway::Inner(LicenseError::Expired),
    ]);
    round_trips(&[
        Front::Gateway(Gateway::Down),
        Front::Gateway(Gateway::Inner(LicenseError::Expired)),
        Front::Gateway(Gateway::Standard(StandardError::InvalidToken)),
    ]);
    round_trips(&[Recursive::Leaf]);
    assert_eq!(
        decoded(&Recursive::Nested(Box::new(Recursive::Leaf))),
        Some(Recursive::Leaf)
    );
    round_trips(&[
        KmsError::KeyNotFound {
            key_id: "\"quoted\"".into(),
        },
        KmsError::CreateHeader(u32::MAX),
        KmsError::CreateHeader(0),
        KmsError::Sealed,
        KmsError::NoSuchVault,
    ]);
    round_trips(&standard_but(&[40013, 40003], KmsError::Standard));
    // A standard error whose code a variant reuses comes back as no value:
    // the variant answers the code and reads a detail that is not there.
    for shadowed in [
        StandardError::KeyNotFound,
        StandardError::FailedCreateHeader,
    ] {
        assert_eq!(decoded(&KmsError::Standard(shadowed)), None);
    }
    assert_eq!(
        decoded(&VaultError::Standard(StandardError::InvalidToken)),
        None
    );
}
