//! The golden-file guard: a service's test compares its catalog with a
//! committed snapshot, so that a changed wire contract never ships by
//! accident.
//!
//! Every function here is `#[inline]`: tests and tools call them, a service
//! never does at run time, so they are compiled in the crate that calls
//! them (a test, the `skms` command) and not in every build of skms-core,
//! which sits on the critical path of a service's clean build. (Measured in
//! BENCHMARKS.md: without it, skms-core's build took 37% more instructions.)

use core::fmt;
use std::path::Path;
use std::string::{String, ToString};
use std::vec::Vec;
use std::{env, fs, io};

use crate::catalog::CodeRange;
use crate::diff::{classify, CatalogDiff, ChangeKind, Code, Side};
use crate::listing::Listing;

/// The environment variable that rewrites snapshots: `SKMS_SNAPSHOT=overwrite`.
pub const SNAPSHOT_ENV: &str = "SKMS_SNAPSHOT";

/// One row of a snapshot table, its cells as written (unescaped).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    /// The line of the row in the file, for the messages.
    line: usize,
    /// A code, or a range of reserved codes (`40106..=40109`).
    codes: CodeRange,
    message: String,
    description: String,
    status: String,
    doc: String,
    /// Empty, `deprecated[: NOTE]`, `reserved[: REASON]` or `retired`.
    state: String,
}

/// How a catalog differs from its snapshot; its `Display` is the readable
/// diff, one line per change, breaking changes first.
#[derive(Debug)]
pub struct SnapshotMismatch {
    path: String,
    changes: Vec<String>,
    diff: CatalogDiff,
}

impl SnapshotMismatch {
    /// One line per change, breaking changes first, each prefixed with its
    /// class and followed by its kind, such as
    /// `breaking: code 40013: message "Key not found in the keyVault" -> "Key not found" (MESSAGE_CHANGED)`.
    #[must_use]
    #[inline]
    pub fn changes(&self) -> &[String] {
        &self.changes
    }

    /// The changes, classed (see [`Listing::diff`]).
    #[must_use]
    #[inline]
    pub fn diff(&self) -> &CatalogDiff {
        &self.diff
    }

    /// Whether a code that the snapshot keeps as retired is used with
    /// another meaning, which overwriting the snapshot does not accept.
    #[inline]
    fn reuses_retired(&self) -> bool {
        self.diff
            .iter()
            .any(|change| change.kind() == ChangeKind::RetiredCodeUsed)
    }
}

impl fmt::Display for SnapshotMismatch {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "the SKMS catalog differs from its snapshot {}:",
            self.path
        )?;
        for change in &self.changes {
            writeln!(f, "  {change}")?;
        }
        if self.reuses_retired() {
            write!(
                f,
                "a retired code keeps its meaning for good, and {SNAPSHOT_ENV}=overwrite does not \
                 change it: give the variant another code, or, to reuse the code deliberately, \
                 delete its `retired` row from the snapshot by hand"
            )
        } else {
            write!(
                f,
                "if the change is intended, rerun with {SNAPSHOT_ENV}=overwrite and commit the snapshot"
            )
        }
    }
}

impl std::error::Error for SnapshotMismatch {}

/// What `check_snapshot` could not do.
#[derive(Debug)]
pub enum SnapshotError {
    /// The catalog differs from the snapshot.
    Mismatch(SnapshotMismatch),
    /// The snapshot could not be read or written.
    Io(io::Error),
    /// The snapshot file is not a catalog table; the message says where.
    Malformed(String),
    /// There is no snapshot, and the `CI` environment variable is set: on
    /// CI a snapshot is compared, never written.
    Missing(String),
}

impl fmt::Display for SnapshotError {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SnapshotError::Mismatch(mismatch) => mismatch.fmt(f),
            SnapshotError::Io(error) => write!(f, "cannot use the catalog snapshot: {error}"),
            SnapshotError::Malformed(why) => write!(f, "the catalog snapshot is malformed: {why}"),
            SnapshotError::Missing(path) => write!(
                f,
                "there is no catalog snapshot at {path}; run the test locally to write it, and commit it"
            ),
        }
    }
}

impl std::error::Error for SnapshotError {}

impl Listing {
    /// Compares the catalog with the snapshot at `path`, a Markdown table as
    /// [`to_markdown`](Listing::to_markdown) writes it. Writes the snapshot
    /// instead when there is none (except on CI, where the `CI` environment
    /// variable is set), or when `SKMS_SNAPSHOT=overwrite` is set.
    ///
    /// The snapshot remembers: its `State` column records deprecated and
    /// reserved codes, and a code that was in it and is gone (and not
    /// reserved) stays in it for good as a `retired` row, with its old
    /// message and status. A retired code used again with another status or
    /// message is a breaking change that overwriting does not accept: to
    /// reuse the code deliberately, delete its row by hand. Snapshots written
    /// before these columns existed are read as they are.
    ///
    /// # Errors
    ///
    /// [`SnapshotError::Mismatch`] when a code was added, vanished, reserved,
    /// deprecated, or changed its status, message, description or
    /// documentation link (each change classed as [`Listing::diff`] classes
    /// it, breaking ones first), or when a retired code is used again with
    /// another meaning, even under `SKMS_SNAPSHOT=overwrite`; the other
    /// variants when the file cannot be read, written or understood.
    #[inline]
    pub fn check_snapshot(&self, path: impl AsRef<Path>) -> Result<(), SnapshotError> {
        let path = path.as_ref();
        let overwrite = env::var(SNAPSHOT_ENV).is_ok_and(|value| value == "overwrite");
        if !path.exists() {
            if !overwrite && env::var_os("CI").is_some() {
                return Err(SnapshotError::Missing(path.display().to_string()));
            }
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(SnapshotError::Io)?;
            }
            return fs::write(path, self.to_markdown()).map_err(SnapshotError::Io);
        }
        let current = self.to_markdown();
        let committed = fs::read_to_string(path).map_err(SnapshotError::Io)?;
        let committed = parse(&committed).map_err(SnapshotError::Malformed)?;
        let committed = side(&committed).map_err(SnapshotError::Malformed)?;
        let current_rows = parse(&current).map_err(SnapshotError::Malformed)?;
        let current = side(&current_rows).map_err(SnapshotError::Malformed)?;
        let diff = classify(&committed, &current);
        let mismatch = || {
            SnapshotError::Mismatch(SnapshotMismatch {
                path: path.display().to_string(),
                changes: diff
                    .iter()
                    .map(|change| {
                        format!("{}: {change} ({})", change.kind().class(), change.kind())
                    })
                    .collect(),
                diff: diff.clone(),
            })
        };
        if overwrite {
            if diff
                .iter()
                .any(|change| change.kind() == ChangeKind::RetiredCodeUsed)
            {
                return Err(mismatch());
            }
            // Every code once committed, and gone now without a
            // reservation, stays as a retired row.
            let retired: Vec<Code<'_>> = committed
                .codes
                .iter()
                .chain(&committed.retired)
                .filter(|old| {
                    !current.codes.iter().any(|new| new.code == old.code)
                        && !current
                            .reserved
                            .iter()
                            .any(|(codes, _)| codes.contains(old.code))
                })
                .cloned()
                .collect();
            return fs::write(path, self.markdown_with(&retired)).map_err(SnapshotError::Io);
        }
        if diff.is_empty() {
            Ok(())
        } else {
            Err(mismatch())
        }
    }

    /// [`check_snapshot`](Listing::check_snapshot), for a test: panics with
    /// the readable diff when the catalog changed.
    ///
    /// ```no_run
    /// use skms_core::{Catalog, StandardError};
    ///
    /// StandardError::catalog().assert_snapshot("tests/snapshots/standard-catalog.md");
    /// ```
    ///
    /// # Panics
    ///
    /// When [`check_snapshot`](Listing::check_snapshot) fails.
    #[track_caller]
    #[inline]
    pub fn assert_snapshot(&self, path: impl AsRef<Path>) {
        if let Err(error) = self.check_snapshot(path) {
            panic!("{error}");
        }
    }
}

/// The columns of a snapshot, by the names of its header.
struct Columns {
    code: usize,
    message: usize,
    description: usize,
    status: usize,
    doc: Option<usize>,
    state: Option<usize>,
}

impl Columns {
    /// The columns that the header `cells` names; the reference's order
    /// (and the optional `Documentation`, then `State`) for a header that
    /// names none of them.
    #[inline]
    fn of(header: &[String]) -> Result<Columns, String> {
        let find = |name: &str| header.iter().position(|cell| cell == name);
        let Some(code) = find("error code") else {
            return Ok(Columns {
                code: 0,
                message: 1,
                description: 2,
                status: 3,
                doc: Some(4),
                state: Some(5),
            });
        };
        let need = |name: &str| {
            find(name).ok_or_else(|| format!("line 1: the header has no `{name}` column"))
        };
        Ok(Columns {
            code,
            message: need("message")?,
            description: need("Description")?,
            status: need("Status Code")?,
            doc: find("Documentation"),
            state: find("State"),
        })
    }
}

/// The rows of a snapshot table.
#[inline]
fn parse(table: &str) -> Result<Vec<Row>, String> {
    let header = cells(table.lines().next().unwrap_or(""));
    let columns = Columns::of(&header)?;
    let mut rows = Vec::new();
    for (number, line) in table.lines().enumerate().skip(2) {
        let line_number = number + 1;
        if line.trim().is_empty() {
            continue;
        }
        let cells = cells(line);
        let cell = |index: Option<usize>| {
            index
                .and_then(|index| cells.get(index))
                .cloned()
                .unwrap_or_default()
        };
        let required = [
            columns.code,
            columns.message,
            columns.description,
            columns.status,
        ];
        if required.iter().any(|&index| index >= cells.len()) {
            return Err(format!(
                "line {line_number}: expected a table row, found {line:?}"
            ));
        }
        let codes = code_cell(&cells[columns.code]).ok_or_else(|| {
            format!(
                "line {line_number}: {:?} is not a code",
                cells[columns.code]
            )
        })?;
        rows.push(Row {
            line: line_number,
            codes,
            message: cell(Some(columns.message)),
            description: cell(Some(columns.description)),
            status: cell(Some(columns.status)),
            doc: cell(columns.doc),
            state: cell(columns.state),
        });
    }
    Ok(rows)
}

/// `40013`, or `40106..=40109`, each code read as every code is read from
/// text ([`parse_code`](crate::parse_code)).
#[inline]
fn code_cell(cell: &str) -> Option<CodeRange> {
    match cell.split_once("..=") {
        Some((low, high)) => {
            let low = crate::parse_code(low).ok()?;
            let high = crate::parse_code(high).ok()?;
            (low <= high).then(|| CodeRange::new(low, high))
        }
        None => crate::parse_code(cell).ok().map(CodeRange::code),
    }
}

/// `text`, or `None` for an empty cell.
#[inline]
fn optional(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

/// The catalog that the rows of a snapshot record, as the rules of
/// `diff.rs` compare it.
#[inline]
fn side(rows: &[Row]) -> Result<Side<'_>, String> {
    let mut side = Side::default();
    for row in rows {
        let (state, note) = match row.state.split_once(':') {
            Some((state, note)) => (state.trim(), Some(note.trim())),
            None => (row.state.trim(), None),
        };
        if state == "reserved" {
            side.reserved.push((row.codes, note.and_then(optional)));
            continue;
        }
        let line = row.line;
        if row.codes.low != row.codes.high {
            return Err(format!(
                "line {line}: {} is a range of codes, which only a reserved row has",
                row.codes
            ));
        }
        let status = row
            .status
            .parse()
            .map_err(|_| format!("line {line}: {:?} is not a status", row.status))?;
        let mut code = Code {
            code: row.codes.low,
            status,
            message: &row.message,
            description: optional(&row.description),
            doc: optional(&row.doc),
            deprecated: None,
            exposure: None,
            variant: None,
        };
        match state {
            "" => side.codes.push(code),
            "deprecated" => {
                code.deprecated = Some(note.unwrap_or(""));
                side.codes.push(code);
            }
            "retired" => side.retired.push(code),
            other => {
                return Err(format!(
                    "line {line}: unknown state {other:?}; expected deprecated, reserved or retired"
                ))
            }
        }
    }
    Ok(side)
}
/// The cells of a Markdown table row, `\|` and `<br>` unescaped.
#[inline]
fn cells(line: &str) -> Vec<String> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line.strip_suffix('|').unwrap_or(line);
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(core::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    cells.push(cell);
    cells
        .into_iter()
        .map(|cell| cell.trim().replace("<br>", "\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{cells, classify, parse, side};

    fn lines(old: &str, new: &str) -> Vec<String> {
        let (old, new) = (parse(old).unwrap(), parse(new).unwrap());
        classify(&side(&old).unwrap(), &side(&new).unwrap())
            .iter()
            .map(|change| format!("{}: {change}", change.kind()))
            .collect()
    }

    #[test]
    fn cells_unescape_pipes_and_breaks() {
        assert_eq!(
            cells(r"| 1 | a \| b | x<br>y | 400 |"),
            ["1", "a | b", "x\ny", "400"]
        );
        // A backslash before anything else is a backslash.
        assert_eq!(cells(r"| a\b | c\ |"), [r"a\b", r"c\"]);
    }

    #[test]
    fn rows_are_read_by_their_header() {
        let old = "| error code | message | Description | Status Code |\n|---|---|---|---|\n\
                   | 1 | one | d | 400 |\n| 2 | two | d | 400 |\n| 4 | four | d | 400 |\n";
        let new =
            "| Status Code | error code | message | Description | State |\n|---|---|---|---|---|\n\
                   | 404 | 1 | uno | d | |\n| 500 | 3 | three | d | deprecated: use 1 |\n\
                   | | 4..=9 | | | reserved: gone |\n| 400 | 2 | two | d | retired |\n";
        assert_eq!(
            lines(old, new),
            [
                r#"STATUS_CHANGED: code 1: status "400" -> "404""#,
                r#"MESSAGE_CHANGED: code 1: message "one" -> "uno""#,
                r#"CODE_REMOVED: code 2: vanished (was "two", status 400)"#,
                r#"CODE_ADDED: code 3: new ("three", status 500)"#,
                r#"CODE_REMOVED_AND_RESERVED: code 4: vanished and reserved (was "four", status 400)"#,
                r#"CODE_RESERVED: codes 5..=9: reserved ("gone")"#,
            ]
        );
    }

    #[test]
    fn malformed_tables_say_where() {
        let error = |table: &str| {
            parse(table)
                .and_then(|rows| side(&rows).map(|_| ()))
                .unwrap_err()
        };
        assert!(error("h\n-\n| x | m | d | 400 |\n").contains("line 3: \"x\" is not a code"));
        // A code is read as everywhere: one spelling for each.
        for code in ["040013", "+40013", "4294967296", "0..=040013", "01..=2"] {
            let table = format!("h\n-\n| {code} | m | d | 400 |\n");
            assert!(
                error(&table).contains(&format!("line 3: {code:?} is not a code")),
                "{code}"
            );
        }
        assert!(error("h\n-\n| 1 | m |\n").contains("table row"));
        assert!(error("h\n-\n| 1 | m | d | 4x |\n").contains("not a status"));
        assert!(error("h\n-\n| 1..=2 | m | d | 400 |\n").contains("range of codes"));
        assert!(error("h\n-\n| 2..=1 | | | | reserved |\n").contains("not a code"));
        assert!(error("h\n-\n| 1 | m | d | 400 | | gone |\n").contains("unknown state"));
        assert!(error("| error code | msg |\n-\n").contains("no `message` column"));
    }
}
