//! `skms`: the checks of SKMS catalogs that a platform team runs in CI, over
//! the JSON exports of services (`Listing::to_json`, committed at each
//! release or served at `GET /errors`).
//!
//! - `skms diff OLD.json NEW.json [--format text|markdown|json]` prints every
//!   change from one export to the other, classed breaking or compatible,
//!   and exits 1 when one is breaking.
//! - `skms check A.json B.json ...` exits 1 when two services give one code
//!   different meanings, or declare overlapping ranges.
//!
//! Bad input (a missing file, malformed JSON, an export of a newer format)
//! is one line on stderr and exit code 2, as clap's usage errors are.

#![forbid(unsafe_code)]

use std::io::Write as _;
use std::process::ExitCode;
use std::{fs, io};

use clap::{Arg, ArgMatches, Command};
use skms_core::{check_services, Listing};

/// Everything fine: no breaking change, no clash.
const OK: u8 = 0;
/// A breaking change, or services that clash.
const FOUND: u8 = 1;
/// Input that could not be read; clap exits with it too on a usage error.
const BAD_INPUT: u8 = 2;

fn command() -> Command {
    Command::new("skms")
        .version(env!("CARGO_PKG_VERSION"))
        .about("Checks SKMS catalogs, read from their JSON exports")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Command::new("diff")
                .about(
                    "Prints the changes from OLD to NEW, breaking ones first; \
                     exits 1 when one is breaking",
                )
                .arg(Arg::new("old").value_name("OLD.json").required(true))
                .arg(Arg::new("new").value_name("NEW.json").required(true))
                .arg(
                    Arg::new("format")
                        .long("format")
                        .value_name("FORMAT")
                        .value_parser(["text", "markdown", "json"])
                        .default_value("text")
                        .help("text (one line a change), markdown (a changelog) or json"),
                ),
        )
        .subcommand(
            Command::new("check")
                .about(
                    "Checks that services agree: no code with two meanings, no \
                     overlapping ranges, no code that one reserves and another uses; \
                     exits 1 when they clash",
                )
                .arg(
                    Arg::new("exports")
                        .value_name("EXPORT.json")
                        .required(true)
                        .num_args(1..),
                ),
        )
}

fn main() -> ExitCode {
    let matches = match command().try_get_matches() {
        Ok(matches) => matches,
        // Help and version print to stdout and exit 0; a usage error prints
        // to stderr and exits 2.
        Err(error) => error.exit(),
    };
    let outcome = match matches.subcommand() {
        Some(("diff", matches)) => diff(matches),
        Some(("check", matches)) => check(matches),
        _ => unreachable!("clap requires one of the subcommands"),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            let _ = writeln!(io::stderr(), "skms: {message}");
            ExitCode::from(BAD_INPUT)
        }
    }
}

/// The export at `path`, or the one-line error that says why not.
fn read(path: &str) -> Result<Listing, String> {
    let text = fs::read_to_string(path).map_err(|error| format!("{path}: {error}"))?;
    Listing::from_json(&text).map_err(|error| format!("{path}: {error}"))
}

/// The argument `id` of `matches`, which clap requires.
fn argument<'a>(matches: &'a ArgMatches, id: &str) -> &'a str {
    matches.get_one::<String>(id).map_or("", String::as_str)
}

/// Writes `text` to stdout; a closed pipe (`skms diff ... | head`) is not
/// an error of the check.
fn print(text: &str) {
    let _ = io::stdout().lock().write_all(text.as_bytes());
}

fn diff(matches: &ArgMatches) -> Result<u8, String> {
    let older = read(argument(matches, "old"))?;
    let newer = read(argument(matches, "new"))?;
    let diff = older.diff(&newer);
    match argument(matches, "format") {
        "markdown" => print(&diff.to_markdown()),
        "json" => print(&diff.to_json()),
        _ if diff.is_empty() => print("no changes\n"),
        _ => print(&diff.to_text()),
    }
    Ok(if diff.is_breaking() { FOUND } else { OK })
}

fn check(matches: &ArgMatches) -> Result<u8, String> {
    let mut services = Vec::new();
    for path in matches.get_many::<String>("exports").into_iter().flatten() {
        let listing = read(path)?;
        // A service is its file, and the type it exports when known.
        let name = match listing.name() {
            Some(name) => format!("{path} ({name})"),
            None => path.clone(),
        };
        services.push((name, listing));
    }
    let named: Vec<(&str, &Listing)> = services
        .iter()
        .map(|(name, listing)| (name.as_str(), listing))
        .collect();
    let clashes = check_services(&named);
    if clashes.is_empty() {
        print(&format!(
            "no clashes between {} service{}\n",
            services.len(),
            if services.len() == 1 { "" } else { "s" }
        ));
        return Ok(OK);
    }
    let mut out = String::new();
    for clash in &clashes {
        out.push_str(&format!("{}  {clash}\n", clash.kind().id()));
    }
    print(&out);
    Ok(FOUND)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_is_well_formed() {
        super::command().debug_assert();
    }
}
