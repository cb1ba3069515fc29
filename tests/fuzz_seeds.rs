//! The fuzz target's seed corpus, run through the fuzz target's own checks
//! (`fuzz/src/lib.rs`), so that neither rots while nobody fuzzes.

use std::fs;
use std::path::PathBuf;

use skms_core::{DecodeErrorKind, Decoded, ErrorBody, StandardError};

#[path = "../fuzz/src/lib.rs"]
mod fuzz_checks;

const REFERENCE: &str = include_str!("data/skms-reference.txt");

fn seeds() -> Vec<(String, Vec<u8>)> {
    inputs("fuzz/seeds")
}

/// The inputs of `dir`, by name.
fn inputs(dir: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut seeds: Vec<(String, Vec<u8>)> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&path).unwrap())
        })
        .collect();
    seeds.sort();
    seeds
}

fn seed(name: &str) -> Vec<u8> {
    let (_, data) = seeds().into_iter().find(|(seed, _)| seed == name).unwrap();
    data
}

#[test]
fn every_seed_passes_the_fuzz_checks() {
    let seeds = seeds();
    assert!(seeds.len() >= 20, "the corpus lost seeds: {}", seeds.len());
    for (name, data) in &seeds {
        let result = std::panic::catch_unwind(|| fuzz_checks::check_decode(data));
        assert!(result.is_ok(), "seed {name} fails the fuzz checks");
    }
}

/// What the fuzzer found that reaches code the seeds do not (`fuzz/found`,
/// the corpus of the hour-long runs, minimized to the inputs that add a
/// coverage edge to the seeds'): every one passes the checks too, so a
/// change that breaks what the fuzzer once explored fails here, not only in
/// the next fuzzing session.
#[test]
fn every_found_input_passes_the_fuzz_checks() {
    let found = inputs("fuzz/found");
    assert!(
        found.len() >= 100,
        "the found inputs are gone: {}",
        found.len()
    );
    for (name, data) in &found {
        let result = std::panic::catch_unwind(|| fuzz_checks::check_decode(data));
        assert!(result.is_ok(), "found input {name} fails the fuzz checks");
    }
}

#[test]
fn the_reference_seeds_are_the_references_examples() {
    let seeds = seeds();
    let reference: Vec<_> = seeds
        .iter()
        .filter(|(name, _)| name.starts_with("reference-"))
        .collect();
    assert_eq!(reference.len(), 3);
    for (name, data) in reference {
        let text = std::str::from_utf8(data).unwrap();
        assert!(REFERENCE.contains(text), "{name} is not in the reference");
        let decoded = Decoded::<StandardError>::from_slice(data).unwrap();
        let code = name["reference-".len()..name.len() - ".json".len()].parse();
        assert_eq!(Ok(decoded.code()), code);
        assert!(decoded.is_known() && decoded.detail().is_some(), "{name}");
    }
}

#[test]
fn the_seeds_cover_every_kind_of_error_and_success() {
    let mut kinds: Vec<DecodeErrorKind> = seeds()
        .iter()
        .filter_map(|(_, data)| ErrorBody::from_slice(data).err())
        .map(|error| error.kind())
        .collect();
    kinds.sort_by_key(|kind| format!("{kind:?}"));
    kinds.dedup();
    assert_eq!(
        kinds,
        [
            DecodeErrorKind::CodeNotInteger,
            DecodeErrorKind::CodeOutOfRange,
            DecodeErrorKind::DetailNotString,
            DecodeErrorKind::DuplicateField,
            DecodeErrorKind::MessageNotString,
            DecodeErrorKind::MissingCode,
            DecodeErrorKind::MissingMessage,
            DecodeErrorKind::NotAnObject,
            DecodeErrorKind::NotJson,
        ]
    );
    let decoded = Decoded::<StandardError>::from_slice(&seed("unknown-code.json")).unwrap();
    assert!(!decoded.is_known());
    let decoded = Decoded::<StandardError>::from_slice(&seed("escapes.json")).unwrap();
    assert_eq!(
        decoded.error(),
        Some(&StandardError::SciServiceLinkerRegistrationFailed)
    );
    assert!(decoded
        .detail()
        .unwrap()
        .contains("nul\0 e\u{301} é 🔑 🔑 東京 \u{2028}"));
}

/// The oracle that the fuzz checks compare the decoder with knows the rules
/// on its own, and has an opinion on most seeds.
#[test]
fn the_oracle_knows_the_rules() {
    use fuzz_checks::{oracle, Expected};
    use DecodeErrorKind as Kind;

    let body = |code, message: &str, detail: Option<&str>| {
        Expected::Body(ErrorBody {
            code,
            message: message.to_owned().into(),
            detail: detail.map(|detail| detail.to_owned().into()),
        })
    };
    for (input, expected) in [
        (r#"{"x":[],"code":7,"message":"m"}"#, body(7, "m", None)),
        (
            r#"{"code":7,"message":"é","detail":"d"}"#,
            body(7, "é", Some("d")),
        ),
        ("[]", Expected::Kinds(&[Kind::NotAnObject])),
        (r#"{"message":"m"}"#, Expected::Kinds(&[Kind::MissingCode])),
        (r#"{"code":1}"#, Expected::Kinds(&[Kind::MissingMessage])),
        (
            r#"{"code":"1","message":"m"}"#,
            Expected::Kinds(&[Kind::CodeNotInteger]),
        ),
        (
            r#"{"code":-1,"message":"m"}"#,
            Expected::Kinds(&[Kind::CodeOutOfRange]),
        ),
        (
            r#"{"code":4294967296,"message":"m"}"#,
            Expected::Kinds(&[Kind::CodeOutOfRange]),
        ),
        (
            r#"{"code":1.5,"message":"m"}"#,
            Expected::Kinds(&[Kind::CodeNotInteger, Kind::CodeOutOfRange]),
        ),
        (
            r#"{"code":1,"message":null}"#,
            Expected::Kinds(&[Kind::MessageNotString]),
        ),
        (
            r#"{"code":1,"message":"m","detail":1}"#,
            Expected::Kinds(&[Kind::DetailNotString]),
        ),
        (
            r#"{"code":1,"message":"m","code":1}"#,
            Expected::Kinds(&[Kind::DuplicateField]),
        ),
        // The first problem wins.
        (
            r#"{"detail":null,"message":"m"}"#,
            Expected::Kinds(&[Kind::DetailNotString]),
        ),
        ("{", Expected::Unknown),
    ] {
        assert_eq!(oracle(input.as_bytes()), expected, "{input}");
    }
    let judged = seeds()
        .iter()
        .filter(|(_, data)| oracle(data) != Expected::Unknown)
        .count();
    assert!(judged >= 20, "{judged}");
}

/// The seeds of the detail reader come back as a variant, each a value that
/// writes the detail it was read from (the fuzz checks assert that of every
/// input); where a detail splits more than one way, the first field takes
/// the least.
#[test]
fn the_read_back_seeds_come_back() {
    use fuzz_checks::ReadBack;
    use skms_core::FromBody;

    let read = |name: &str| {
        let data = seed(name);
        let body = ErrorBody::from_slice(&data).unwrap();
        ReadBack::from_body(&body)
    };
    assert_eq!(
        read("readback-pair.json"),
        Some(ReadBack::Pair {
            a: "a".into(),
            b: "b-c".into()
        })
    );
    assert_eq!(
        read("readback-numbers.json"),
        Some(ReadBack::Numbers(1, 234))
    );
    assert_eq!(
        read("readback-twice.json"),
        Some(ReadBack::Twice("a and b".into()))
    );
    assert_eq!(read("readback-flag.json"), Some(ReadBack::Flag(true, '/')));
    assert!(matches!(read("readback-float.json"), Some(ReadBack::Float(x)) if x.is_nan()));
    assert!(matches!(
        read("readback-mixed.json"),
        Some(ReadBack::Mixed { .. })
    ));
}
