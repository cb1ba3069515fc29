//! The golden-file guard: a service's test compares its catalog with a
//! committed snapshot, so that a changed wire contract never ships by
//! accident.

use core::fmt;
use std::path::Path;
use std::string::{String, ToString};
use std::vec::Vec;
use std::{env, fs, io};

use crate::listing::Listing;

/// The environment variable that rewrites snapshots: `SKMS_SNAPSHOT=overwrite`.
pub const SNAPSHOT_ENV: &str = "SKMS_SNAPSHOT";

/// One row of a snapshot: what the wire contract of a code is.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    code: u32,
    message: String,
    description: String,
    status: String,
    doc: String,
}

/// How a catalog differs from its snapshot; its `Display` is the readable
/// diff, one line per change.
#[derive(Debug)]
pub struct SnapshotMismatch {
    path: String,
    changes: Vec<String>,
}

impl SnapshotMismatch {
    /// One line per change, such as
    /// `code 40013: message "Key not found in the keyVault" -> "Key not found"`.
    #[must_use]
    pub fn changes(&self) -> &[String] {
        &self.changes
    }
}

impl fmt::Display for SnapshotMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "the SKMS catalog differs from its snapshot {}:",
            self.path
        )?;
        for change in &self.changes {
            writeln!(f, "  {change}")?;
        }
        write!(
            f,
            "if the change is intended, rerun with {SNAPSHOT_ENV}=overwrite and commit the snapshot"
        )
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
    /// # Errors
    ///
    /// [`SnapshotError::Mismatch`] when a code was added, vanished, or changed
    /// its status, message, description or documentation link; the other
    /// variants when the file cannot be read, written or understood.
    pub fn check_snapshot(&self, path: impl AsRef<Path>) -> Result<(), SnapshotError> {
        let path = path.as_ref();
        let current = self.to_markdown();
        let overwrite = env::var(SNAPSHOT_ENV).is_ok_and(|value| value == "overwrite");
        if !overwrite && !path.exists() && env::var_os("CI").is_some() {
            return Err(SnapshotError::Missing(path.display().to_string()));
        }
        if overwrite || !path.exists() {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(SnapshotError::Io)?;
            }
            return fs::write(path, current).map_err(SnapshotError::Io);
        }
        let committed = fs::read_to_string(path).map_err(SnapshotError::Io)?;
        let committed = parse(&committed).map_err(SnapshotError::Malformed)?;
        let current = parse(&current).map_err(SnapshotError::Malformed)?;
        let changes = diff(&committed, &current);
        if changes.is_empty() {
            Ok(())
        } else {
            Err(SnapshotError::Mismatch(SnapshotMismatch {
                path: path.display().to_string(),
                changes,
            }))
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
    pub fn assert_snapshot(&self, path: impl AsRef<Path>) {
        if let Err(error) = self.check_snapshot(path) {
            panic!("{error}");
        }
    }
}

/// The rows of a snapshot table.
fn parse(table: &str) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for (number, line) in table.lines().enumerate().skip(2) {
        if line.trim().is_empty() {
            continue;
        }
        let cells = cells(line);
        if cells.len() < 4 {
            return Err(format!(
                "line {}: expected a table row, found {line:?}",
                number + 1
            ));
        }
        let code = cells[0]
            .parse()
            .map_err(|_| format!("line {}: {:?} is not a code", number + 1, cells[0]))?;
        rows.push(Row {
            code,
            message: cells[1].clone(),
            description: cells[2].clone(),
            status: cells[3].clone(),
            doc: cells.get(4).cloned().unwrap_or_default(),
        });
    }
    Ok(rows)
}

/// The cells of a Markdown table row, `\|` and `<br>` unescaped.
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

fn diff(committed: &[Row], current: &[Row]) -> Vec<String> {
    let mut changes = Vec::new();
    for old in committed {
        let Some(new) = current.iter().find(|row| row.code == old.code) else {
            changes.push(format!(
                "code {}: vanished (was {:?}, status {})",
                old.code, old.message, old.status
            ));
            continue;
        };
        for (what, before, after) in [
            ("status", &old.status, &new.status),
            ("message", &old.message, &new.message),
            ("description", &old.description, &new.description),
            ("doc", &old.doc, &new.doc),
        ] {
            if before != after {
                changes.push(format!("code {}: {what} {before:?} -> {after:?}", old.code));
            }
        }
    }
    for new in current {
        if !committed.iter().any(|row| row.code == new.code) {
            changes.push(format!(
                "code {}: new ({:?}, status {})",
                new.code, new.message, new.status
            ));
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::{cells, diff, parse};

    #[test]
    fn cells_unescape_pipes_and_breaks() {
        assert_eq!(
            cells(r"| 1 | a \| b | x<br>y | 400 |"),
            ["1", "a | b", "x\ny", "400"]
        );
    }

    #[test]
    fn diff_names_every_change() {
        let old = parse("h\n-\n| 1 | one | d | 400 |\n| 2 | two | d | 400 |\n").unwrap();
        let new = parse("h\n-\n| 1 | uno | d | 404 |\n| 3 | three | d | 500 |\n").unwrap();
        let changes = diff(&old, &new);
        assert_eq!(
            changes,
            [
                r#"code 1: status "400" -> "404""#,
                r#"code 1: message "one" -> "uno""#,
                r#"code 2: vanished (was "two", status 400)"#,
                r#"code 3: new ("three", status 500)"#,
            ]
        );
        assert!(parse("h\n-\n| x | m | d | 400 |\n")
            .unwrap_err()
            .contains("not a code"));
        assert!(parse("h\n-\n| 1 | m |\n")
            .unwrap_err()
            .contains("table row"));
    }
}
