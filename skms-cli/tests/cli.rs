//! `skms` run as a process, as CI runs it: its output and exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::{fs, process};

use skms_core::{Catalog, SkmsError, StandardError};

/// A file of `text` in a directory of its own, in the target directory's
/// scratch space.
fn file(name: &str, text: &str) -> PathBuf {
    static RUN: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "skms-cli-{}-{}",
        process::id(),
        RUN.fetch_add(1, Ordering::Relaxed)
    ));
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn skms(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skms"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn path(path: &Path) -> &str {
    path.to_str().unwrap()
}

const OLD: &str = r#"{"format":1,"name":"KmsError","range":{"low":60000,"high":60999},"codes":[
  {"code":60001,"status":503,"message":"Vault sealed","variant":"Sealed"},
  {"code":60002,"status":400,"message":"Vault full","variant":"Full"},
  {"code":60003,"status":400,"message":"Key disabled","variant":"KeyDisabled"}
]}
"#;

/// 60001's status changed (breaking), 60002 removed and reserved, 60003
/// deprecated, 60004 added (compatible).
const NEW: &str = r#"{"format":1,"name":"KmsError","range":{"low":60000,"high":60999},"codes":[
  {"code":60001,"status":500,"message":"Vault sealed","variant":"Sealed"},
  {"code":60003,"status":400,"message":"Key disabled","variant":"KeyDisabled","deprecated":"use 60004"},
  {"code":60004,"status":400,"message":"Key not usable","variant":"KeyNotUsable"}
],"reserved":[
  {"low":60002,"high":60002,"reason":"no quotas"}
]}
"#;

/// NEW without the breaking change.
const COMPATIBLE: &str = r#"{"format":1,"codes":[
  {"code":60001,"status":503,"message":"Vault sealed","variant":"Sealed","doc":"https://example.com/60001"},
  {"code":60002,"status":400,"message":"Vault full","variant":"Full"},
  {"code":60003,"status":400,"message":"Key disabled","variant":"KeyDisabled"}
],"range":{"low":60000,"high":60999}}
"#;

#[test]
fn diff_prints_the_changes_breaking_first_and_fails_on_one() {
    let (old, new) = (file("old.json", OLD), file("new.json", NEW));
    let output = skms(&["diff", path(&old), path(&new)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "\
breaking   STATUS_CHANGED             code 60001: status \"503\" -> \"500\"
compatible CODE_REMOVED_AND_RESERVED  code 60002: vanished and reserved (was \"Vault full\", status 400)
compatible CODE_DEPRECATED            code 60003: deprecated (\"use 60004\")
compatible CODE_ADDED                 code 60004: new (\"Key not usable\", status 400)
"
    );
    assert_eq!(stderr(&output), "");

    let output = skms(&["diff", path(&old), path(&new), "--format", "markdown"]);
    assert_eq!(output.status.code(), Some(1));
    let markdown = stdout(&output);
    assert!(
        markdown.starts_with(
            "### Breaking changes\n\n- `STATUS_CHANGED` code 60001: status \"503\" -> \"500\"\n\n### Compatible changes\n\n"
        ),
        "{markdown}"
    );

    let output = skms(&["diff", "--format=json", path(&old), path(&new)]);
    assert_eq!(output.status.code(), Some(1));
    let json = stdout(&output);
    assert!(json.starts_with("{\"breaking\":true,\"changes\":[\n  {\"class\":\"breaking\",\"kind\":\"STATUS_CHANGED\",\"codes\":{\"low\":60001,\"high\":60001},\"before\":\"503\",\"after\":\"500\""), "{json}");
}

#[test]
fn diff_passes_compatible_changes_and_no_change() {
    let (old, compatible) = (file("old.json", OLD), file("compatible.json", COMPATIBLE));
    let output = skms(&["diff", path(&old), path(&compatible)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "compatible DOC_CHANGED                code 60001: doc \"\" -> \"https://example.com/60001\"\n"
    );
    let output = skms(&["diff", path(&old), path(&old)]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "no changes\n");
    let output = skms(&["diff", path(&old), path(&old), "--format", "markdown"]);
    assert_eq!(stdout(&output), "No changes to the SKMS catalog.\n");
    let output = skms(&["diff", path(&old), path(&old), "--format", "json"]);
    assert_eq!(stdout(&output), "{\"breaking\":false,\"changes\":[]}\n");
}

#[derive(Debug, SkmsError)]
#[skms(range = 60000..=60999, reserved(60005 = "kept free"))]
enum Vault {
    #[skms(code = 60001, status = 503, msg = "Vault sealed")]
    Sealed,
    #[skms(transparent)]
    Standard(StandardError),
}

#[derive(Debug, SkmsError)]
#[skms(range = 60900..=61999)]
enum Gateway {
    #[skms(code = 60901, status = 502, msg = "Upstream failed")]
    Upstream,
    #[skms(transparent)]
    Standard(StandardError),
}

#[test]
fn check_names_both_services_and_the_code() {
    let vault = file("vault.json", &Vault::catalog().to_json());
    let gateway = file("gateway.json", &Gateway::catalog().to_json());
    let clashing = file(
        "billing.json",
        r#"[{"code":40013,"status":404,"message":"Key missing","variant":"KeyMissing"},
            {"code":60005,"status":400,"message":"Quota","variant":"Quota"}]"#,
    );

    // The standard codes that the vault and the gateway include mean one
    // thing to both: no clash.
    let output = skms(&["check", path(&vault), path(&gateway), path(&clashing)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let (vault, gateway, billing) = (
        format!("{} (Vault)", path(&vault)),
        format!("{} (Gateway)", path(&gateway)),
        path(&clashing).to_owned(),
    );
    assert_eq!(
        stdout(&output),
        format!(
            "\
RANGES_OVERLAP  codes 60900..=60999: {vault:?} declares the range 60000..=60999, {gateway:?} 60900..=61999
CODE_MEANING  code 40013: {vault:?} answers 400 \"Key not found in the keyVault\", {billing:?} answers 404 \"Key missing\"
RESERVED_CODE_USED  code 60005: {vault:?} reserves it (\"kept free\"), {billing:?} answers 400 \"Quota\"
CODE_MEANING  code 40013: {gateway:?} answers 400 \"Key not found in the keyVault\", {billing:?} answers 404 \"Key missing\"
"
        )
    );
}

#[test]
fn check_passes_services_that_agree() {
    let vault = file("vault.json", &Vault::catalog().to_json());
    let standard = file("standard.json", &StandardError::catalog().to_json());
    let output = skms(&["check", path(&vault), path(&standard)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "no clashes between 2 services\n");
}

/// Exit code 2 and one line on stderr, which `expected` is part of.
fn bad_input(args: &[&str], expected: &str) {
    let output = skms(args);
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    let stderr = stderr(&output);
    assert!(stderr.starts_with("skms: "), "{stderr}");
    assert!(stderr.contains(expected), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(stdout(&output), "");
}

#[test]
fn bad_input_is_one_line_and_exit_code_2() {
    let old = file("old.json", OLD);
    let missing = old.with_file_name("missing.json");
    bad_input(&["diff", path(&missing), path(&old)], "missing.json: ");
    bad_input(&["check", path(&old), path(&missing)], "missing.json: ");
    let malformed = file("malformed.json", "{\"format\":1,\n\"codes\":[}");
    bad_input(
        &["diff", path(&old), path(&malformed)],
        "malformed.json: expected value at line 2 column 10",
    );
    let future = file("future.json", r#"{"format":2,"codes":[]}"#);
    bad_input(
        &["diff", path(&future), path(&old)],
        "future.json: format 2 is newer than this skms-core reads (1)",
    );
    let wrong = file(
        "wrong.json",
        r#"{"format":1,"codes":[{"code":1,"status":400,"message":"m"},{"code":2,"status":"400","message":"m"}]}"#,
    );
    bad_input(
        &["check", path(&wrong)],
        "wrong.json: codes[1].status: expected an integer 400..=599, found a string",
    );
    let not_utf8 = file("binary.json", "");
    fs::write(&not_utf8, [0xff, 0xfe]).unwrap();
    bad_input(&["diff", path(&not_utf8), path(&old)], "binary.json: ");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let old = file("old.json", OLD);
    for args in [
        &[][..],
        &["diff", path(&old)],
        &["diff", path(&old), path(&old), "--format", "yaml"],
        &["check"],
        &["lint"],
    ] {
        let output = skms(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&output).is_empty(), "{args:?}");
    }
    let output = skms(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("diff"));
    let output = skms(&["diff", "--help"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("text (one line a change)"));
}

/// The catalogs of the catalog guide's section "Evolving a catalog"
/// (`docs/catalogs.md`).
mod readme {
    #![allow(dead_code)]

    pub mod v1_0 {
        use skms_core::SkmsError;

        #[derive(Debug, SkmsError)]
        #[skms(range = 60000..=60999)]
        pub enum KmsError {
            #[skms(code = 60001, status = 503, msg = "Vault sealed")]
            Sealed,
            #[skms(code = 60002, status = 400, msg = "Vault full")]
            Full,
            #[skms(code = 60003, status = 400, msg = "Key disabled")]
            KeyDisabled,
        }
    }

    pub mod v1_1 {
        use skms_core::SkmsError;

        #[derive(Debug, SkmsError)]
        #[skms(range = 60000..=60999, reserved(60002 = "quotas are gone"))]
        pub enum KmsError {
            #[skms(code = 60001, status = 503, msg = "Vault sealed")]
            Sealed,
            #[skms(
                code = 60003,
                status = 400,
                msg = "Key disabled",
                deprecated = "use 60004"
            )]
            KeyDisabled,
            #[skms(code = 60004, status = 400, msg = "Key not usable")]
            KeyNotUsable,
        }
    }

    pub mod v2_0 {
        use skms_core::SkmsError;

        #[derive(Debug, SkmsError)]
        #[skms(range = 60000..=60999, reserved(60002 = "quotas are gone"))]
        pub enum KmsError {
            #[skms(code = 60001, status = 500, msg = "Vault sealed")]
            Sealed,
            #[skms(
                code = 60003,
                status = 400,
                msg = "Key disabled",
                deprecated = "use 60004"
            )]
            KeyDisabled,
            #[skms(code = 60004, status = 400, msg = "Key not usable")]
            KeyNotUsable,
            #[skms(code = 60005, status = 423, msg = "Vault locked")]
            Locked,
        }
    }

    use skms_core::SkmsError;

    #[derive(Debug, SkmsError)]
    #[skms(range = 60005..=61999)]
    pub enum GatewayError {
        #[skms(code = 60005, status = 502, msg = "Upstream failed")]
        Upstream,
    }
}

/// The block of the catalog guide's section "Evolving a catalog" that starts
/// with `fence`.
fn readme_block(fence: &str) -> &'static str {
    const README: &str = include_str!("../../docs/catalogs.md");
    let section = README.find("## Evolving a catalog").unwrap();
    let start = README[section..].find(fence).unwrap() + section + fence.len();
    let end = README[start..].find("```").unwrap() + start;
    &README[start..end]
}

#[test]
fn the_readme_shows_what_skms_prints() {
    let kms = readme::v1_1::KmsError::catalog();
    assert_eq!(readme_block("```text\n"), kms.to_markdown());

    let dir = file("kms-1.0.json", &readme::v1_0::KmsError::catalog().to_json());
    let dir = dir.parent().unwrap();
    fs::write(dir.join("kms-1.1.json"), kms.to_json()).unwrap();
    fs::write(
        dir.join("kms-2.0.json"),
        readme::v2_0::KmsError::catalog().to_json(),
    )
    .unwrap();
    fs::write(
        dir.join("gateway.json"),
        readme::GatewayError::catalog().to_json(),
    )
    .unwrap();
    // Each `$ skms ...` line run in that directory prints the lines after
    // it; `$ echo $?` is its exit code.
    let mut expected = String::new();
    let mut last: Option<Output> = None;
    let compare = |last: &Option<Output>, expected: &mut String| {
        if let Some(output) = last {
            assert_eq!(&stdout(output), expected);
        }
        expected.clear();
    };
    for line in readme_block("```console\n").lines() {
        if let Some(command) = line.strip_prefix("$ ") {
            compare(&last, &mut expected);
            if command == "echo $?" {
                let code = last.take().unwrap().status.code().unwrap();
                expected.push_str(&format!("{code}\n"));
                last = None;
                continue;
            }
            let args: Vec<&str> = command.split(' ').collect();
            assert_eq!(args[0], "skms");
            last = Some(
                Command::new(env!("CARGO_BIN_EXE_skms"))
                    .args(&args[1..])
                    .current_dir(dir)
                    .output()
                    .unwrap(),
            );
        } else if last.is_none() {
            // The exit code of the command before.
            assert_eq!(line, expected.trim_end(), "exit code");
            expected.clear();
        } else {
            expected.push_str(line);
            expected.push('\n');
        }
    }
    compare(&last, &mut expected);
}
