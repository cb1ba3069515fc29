//! What changed between two versions of a catalog, each change classed as
//! buf and oasdiff class theirs: breaking for the clients that hold the old
//! catalog, or compatible. `Listing::diff` compares two listings; the
//! snapshot guard (`snapshot.rs`) compares its committed table with the
//! current one through the same rules.
//!
//! One concern, the changes of a catalog: the rules that class them and the
//! three renderings of their list (text, Markdown changelog, JSON).
//!
//! Every function here is `#[inline]`: tests and tools call them, a service
//! never does at run time, so they are compiled in the crate that calls
//! them (a test, the `skms` command) and not in every build of skms-core,
//! which sits on the critical path of a service's clean build. (Measured in
//! BENCHMARKS.md: without it, skms-core's build took 37% more instructions.)

use core::fmt::{self, Write as _};
use std::borrow::ToOwned;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

use crate::catalog::CodeRange;
use crate::listing::{Listed, Listing};
use crate::DetailExposure;

/// What kind of change a [`Change`] is; [`id`](ChangeKind::id) names it as
/// buf names its rules (`STATUS_CHANGED`), and
/// [`is_breaking`](ChangeKind::is_breaking) classes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ChangeKind {
    /// Breaking: a code is gone and not reserved, so that a later version
    /// could give it another meaning.
    CodeRemoved,
    /// Breaking: a code that was reserved is used.
    ReservedCodeUsed,
    /// Breaking: a code that a snapshot remembers as retired is used with
    /// another status or message.
    RetiredCodeUsed,
    /// Breaking: a code answers with another HTTP status.
    StatusChanged,
    /// Breaking: a code answers with another message (clients compare it).
    MessageChanged,
    /// Breaking: a code's detail was marked public and is not now, or the
    /// reverse (`#[skms(public_detail)]`, `#[skms(internal_detail)]`).
    DetailExposureChanged,
    /// Breaking: codes that were reserved are not, and are not used: a later
    /// version could use them with another meaning.
    ReservationRemoved,
    /// Compatible: a code is new.
    CodeAdded,
    /// Compatible: codes are newly reserved.
    CodeReserved,
    /// Compatible: a code is gone, and reserved in the same change.
    CodeRemovedAndReserved,
    /// Compatible: a code that a snapshot remembers as retired is back with
    /// its old status and message.
    CodeRestored,
    /// Compatible: a code is newly deprecated.
    CodeDeprecated,
    /// Compatible: the note of a deprecated code changed.
    DeprecationChanged,
    /// Compatible: a code is no longer deprecated.
    DeprecationRemoved,
    /// Compatible: a code's description changed.
    DescriptionChanged,
    /// Compatible: a code's documentation link changed.
    DocChanged,
    /// Compatible: the variant that defines a code (or the transparent
    /// variants it is included through) changed.
    VariantRenamed,
    /// Compatible: the reason given for reserved codes changed.
    ReservationReasonChanged,
    /// Compatible: the declared range of the type's codes changed.
    RangeChanged,
}

impl ChangeKind {
    /// The kind's identifier, in buf's style: `CODE_REMOVED`,
    /// `STATUS_CHANGED`, ...
    #[must_use]
    #[inline]
    pub const fn id(self) -> &'static str {
        match self {
            ChangeKind::CodeRemoved => "CODE_REMOVED",
            ChangeKind::ReservedCodeUsed => "RESERVED_CODE_USED",
            ChangeKind::RetiredCodeUsed => "RETIRED_CODE_USED",
            ChangeKind::StatusChanged => "STATUS_CHANGED",
            ChangeKind::MessageChanged => "MESSAGE_CHANGED",
            ChangeKind::DetailExposureChanged => "DETAIL_EXPOSURE_CHANGED",
            ChangeKind::ReservationRemoved => "RESERVATION_REMOVED",
            ChangeKind::CodeAdded => "CODE_ADDED",
            ChangeKind::CodeReserved => "CODE_RESERVED",
            ChangeKind::CodeRemovedAndReserved => "CODE_REMOVED_AND_RESERVED",
            ChangeKind::CodeRestored => "CODE_RESTORED",
            ChangeKind::CodeDeprecated => "CODE_DEPRECATED",
            ChangeKind::DeprecationChanged => "DEPRECATION_CHANGED",
            ChangeKind::DeprecationRemoved => "DEPRECATION_REMOVED",
            ChangeKind::DescriptionChanged => "DESCRIPTION_CHANGED",
            ChangeKind::DocChanged => "DOC_CHANGED",
            ChangeKind::VariantRenamed => "VARIANT_RENAMED",
            ChangeKind::ReservationReasonChanged => "RESERVATION_REASON_CHANGED",
            ChangeKind::RangeChanged => "RANGE_CHANGED",
        }
    }

    /// Whether a client built against the older catalog can misread the
    /// newer one: a code gone or reused, a status, message or detail
    /// exposure changed, a reservation lifted.
    #[must_use]
    #[inline]
    pub const fn is_breaking(self) -> bool {
        matches!(
            self,
            ChangeKind::CodeRemoved
                | ChangeKind::ReservedCodeUsed
                | ChangeKind::RetiredCodeUsed
                | ChangeKind::StatusChanged
                | ChangeKind::MessageChanged
                | ChangeKind::DetailExposureChanged
                | ChangeKind::ReservationRemoved
        )
    }

    /// `breaking` or `compatible`.
    #[must_use]
    #[inline]
    pub const fn class(self) -> &'static str {
        if self.is_breaking() {
            "breaking"
        } else {
            "compatible"
        }
    }
}

impl fmt::Display for ChangeKind {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One change between two versions of a catalog. Its `Display` is one line:
/// `code 40013: status "400" -> "404"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    kind: ChangeKind,
    codes: Option<CodeRange>,
    before: Option<String>,
    after: Option<String>,
    text: String,
}

impl Change {
    /// What kind of change it is.
    #[must_use]
    #[inline]
    pub fn kind(&self) -> ChangeKind {
        self.kind
    }

    /// Whether the change is breaking (see [`ChangeKind::is_breaking`]).
    #[must_use]
    #[inline]
    pub fn is_breaking(&self) -> bool {
        self.kind.is_breaking()
    }

    /// The code (or the codes) changed; `None` for a change of the
    /// catalog's declared range.
    #[must_use]
    #[inline]
    pub fn codes(&self) -> Option<CodeRange> {
        self.codes
    }

    /// What the changed item was (a status, a message, a note), when it
    /// was something.
    #[must_use]
    #[inline]
    pub fn before(&self) -> Option<&str> {
        self.before.as_deref()
    }

    /// What the changed item is now, when it is something.
    #[must_use]
    #[inline]
    pub fn after(&self) -> Option<&str> {
        self.after.as_deref()
    }
}

impl fmt::Display for Change {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Every change between two versions of a catalog, breaking ones first:
/// what [`Listing::diff`] returns. Its `Display` is [`to_text`](CatalogDiff::to_text).
///
/// ```
/// use skms_core::{Catalog, SkmsError};
///
/// #[derive(Debug, SkmsError)]
/// enum Before {
///     #[skms(code = 60001, status = 503, msg = "Vault sealed")]
///     Sealed,
///     #[skms(code = 60002, status = 400, msg = "Vault full")]
///     Full,
/// }
///
/// #[derive(Debug, SkmsError)]
/// #[skms(reserved(60002 = "no quotas any more"))]
/// enum After {
///     #[skms(code = 60001, status = 500, msg = "Vault sealed")]
///     Sealed,
///     #[skms(code = 60003, status = 400, msg = "Vault locked")]
///     Locked,
/// }
///
/// let diff = Before::catalog().diff(&After::catalog());
/// assert!(diff.is_breaking());
/// assert_eq!(
///     diff.to_text(),
///     "\
/// breaking   STATUS_CHANGED             code 60001: status \"503\" -> \"500\"
/// compatible CODE_REMOVED_AND_RESERVED  code 60002: vanished and reserved (was \"Vault full\", status 400)
/// compatible CODE_ADDED                 code 60003: new (\"Vault locked\", status 400)
/// "
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogDiff {
    changes: Vec<Change>,
}

impl CatalogDiff {
    /// Whether any change is breaking.
    #[must_use]
    #[inline]
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(Change::is_breaking)
    }

    /// The changes, breaking ones first, each class in the order of codes.
    #[inline]
    pub fn iter(&self) -> core::slice::Iter<'_, Change> {
        self.changes.iter()
    }

    /// The number of changes.
    #[must_use]
    #[inline]
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    /// Whether nothing changed.
    #[must_use]
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// One line per change, breaking ones first: its class, its kind and
    /// what changed, in columns. Empty when nothing changed.
    #[must_use]
    #[inline]
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for change in &self.changes {
            let _ = writeln!(
                out,
                "{:<10} {:<26} {}",
                change.kind.class(),
                change.kind.id(),
                change
            );
        }
        out
    }

    /// A changelog for release notes: `### Breaking changes` and
    /// `### Compatible changes`, one bullet per change.
    #[must_use]
    #[inline]
    pub fn to_markdown(&self) -> String {
        if self.changes.is_empty() {
            return "No changes to the SKMS catalog.\n".to_owned();
        }
        let mut out = String::new();
        for (breaking, title) in [(true, "Breaking changes"), (false, "Compatible changes")] {
            let mut changes = self
                .changes
                .iter()
                .filter(|change| change.is_breaking() == breaking)
                .peekable();
            if changes.peek().is_none() {
                continue;
            }
            if !out.is_empty() {
                out.push('\n');
            }
            let _ = writeln!(out, "### {title}\n");
            for change in changes {
                let _ = writeln!(out, "- `{}` {}", change.kind.id(), change);
            }
        }
        out
    }

    /// The changes as JSON: `{"breaking":B,"changes":[...]}`, each change
    /// an object with `class`, `kind`, `codes` (`{"low":L,"high":H}`, left
    /// out for a change of the declared range), `before` and `after` when
    /// known, and `text`, its line.
    #[must_use]
    #[inline]
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(64 + self.changes.len() * 128);
        let _ = write!(
            crate::json::Bytes(&mut out),
            "{{\"breaking\":{},\"changes\":[",
            self.is_breaking()
        );
        for (index, change) in self.changes.iter().enumerate() {
            out.extend_from_slice(if index == 0 { b"\n  " } else { b",\n  " });
            let _ = write!(
                crate::json::Bytes(&mut out),
                "{{\"class\":\"{}\",\"kind\":\"{}\"",
                change.kind.class(),
                change.kind.id()
            );
            if let Some(codes) = change.codes {
                let _ = write!(
                    crate::json::Bytes(&mut out),
                    ",\"codes\":{{\"low\":{},\"high\":{}}}",
                    codes.low,
                    codes.high
                );
            }
            for (key, value) in [("before", &change.before), ("after", &change.after)] {
                if let Some(value) = value {
                    let _ = write!(crate::json::Bytes(&mut out), ",\"{key}\":");
                    crate::json::write_str(&mut out, value);
                }
            }
            out.extend_from_slice(b",\"text\":");
            crate::json::write_str(&mut out, &change.text);
            out.push(b'}');
        }
        out.extend_from_slice(if self.changes.is_empty() {
            b"]}\n"
        } else {
            b"\n]}\n"
        });
        // Only literals, numbers and escaped `str`s were written.
        String::from_utf8(out).unwrap_or_default()
    }
}

impl fmt::Display for CatalogDiff {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

impl<'a> IntoIterator for &'a CatalogDiff {
    type Item = &'a Change;
    type IntoIter = core::slice::Iter<'a, Change>;

    #[inline]
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl Listing {
    /// Every change from this catalog (`self`, the older) to `newer`, each
    /// classed breaking or compatible:
    ///
    /// | breaking | compatible |
    /// |---|---|
    /// | a code removed without being reserved (`CODE_REMOVED`) | a code added (`CODE_ADDED`) |
    /// | a reserved code used (`RESERVED_CODE_USED`) | codes reserved (`CODE_RESERVED`) |
    /// | a status changed (`STATUS_CHANGED`) | a code removed and reserved (`CODE_REMOVED_AND_RESERVED`) |
    /// | a message changed (`MESSAGE_CHANGED`) | a code deprecated, its note changed, or undeprecated |
    /// | a detail's public or internal mark changed (`DETAIL_EXPOSURE_CHANGED`) | a description or doc link changed |
    /// | reserved codes freed (`RESERVATION_REMOVED`) | a variant renamed, a reason or the declared range changed |
    ///
    /// Call it as `Listing::diff(&older, &newer)` or `older.diff(&newer)`;
    /// read a release's export back with [`Listing::from_json`] to compare
    /// with it. See [`CatalogDiff`] for an example.
    #[must_use]
    #[inline]
    pub fn diff(&self, newer: &Listing) -> CatalogDiff {
        classify(&Side::of(self), &Side::of(newer))
    }
}

/// One code as the rules compare it, borrowed from a listing or from the
/// rows of a snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Code<'a> {
    pub(crate) code: u32,
    pub(crate) status: u16,
    pub(crate) message: &'a str,
    pub(crate) description: Option<&'a str>,
    pub(crate) doc: Option<&'a str>,
    pub(crate) deprecated: Option<&'a str>,
    /// `None` where it is not recorded (a snapshot): not compared then.
    pub(crate) exposure: Option<DetailExposure>,
    /// The variant, after the transparent variants it is included through:
    /// `Standard > KeyNotFound`; `None` where it is not recorded.
    pub(crate) variant: Option<String>,
}

/// One version of a catalog as the rules compare it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Side<'a> {
    pub(crate) codes: Vec<Code<'a>>,
    pub(crate) reserved: Vec<(CodeRange, Option<&'a str>)>,
    /// Codes that a snapshot remembers as once used (only a snapshot has
    /// them).
    pub(crate) retired: Vec<Code<'a>>,
    pub(crate) range: Option<CodeRange>,
}

impl<'a> Side<'a> {
    #[inline]
    pub(crate) fn of(listing: &'a Listing) -> Side<'a> {
        Side {
            codes: listing.iter().map(Code::of).collect(),
            reserved: listing
                .reserved()
                .iter()
                .map(|reserved| (reserved.codes, reserved.reason))
                .collect(),
            retired: Vec::new(),
            range: listing.range(),
        }
    }

    #[inline]
    fn code(&self, code: u32) -> Option<&Code<'a>> {
        self.codes.iter().find(|listed| listed.code == code)
    }

    #[inline]
    fn reserves(&self, code: u32) -> bool {
        self.reserved.iter().any(|(codes, _)| codes.contains(code))
    }
}

impl<'a> Code<'a> {
    #[inline]
    fn of(listed: &'a Listed) -> Code<'a> {
        let entry = listed.entry;
        let mut variant = String::new();
        for via in &listed.path {
            variant.push_str(via);
            variant.push_str(" > ");
        }
        variant.push_str(entry.variant);
        Code {
            code: entry.code,
            status: entry.status,
            message: entry.message,
            description: entry.description,
            doc: entry.doc,
            deprecated: entry.deprecated,
            exposure: Some(entry.detail_exposure()),
            variant: Some(variant),
        }
    }

    /// Whether the two mean the same to a client: status and message.
    #[inline]
    fn same_meaning(&self, other: &Code<'_>) -> bool {
        self.status == other.status && self.message == other.message
    }
}

/// `code 40013`, or `codes 40106..=40109`.
#[inline]
fn label(codes: CodeRange) -> String {
    if codes.low == codes.high {
        format!("code {codes}")
    } else {
        format!("codes {codes}")
    }
}

/// `("Vault sealed", status 503)`.
#[inline]
fn meaning(code: &Code<'_>) -> String {
    format!("({:?}, status {})", code.message, code.status)
}

/// ` ("note")`, or nothing for an empty or absent note.
#[inline]
fn note(note: Option<&str>) -> String {
    match note {
        Some(note) if !note.is_empty() => format!(" ({note:?})"),
        _ => String::new(),
    }
}

#[inline]
fn exposure_name(exposure: DetailExposure) -> &'static str {
    match exposure {
        DetailExposure::Unmarked => "unmarked",
        DetailExposure::Public => "public",
        DetailExposure::Internal => "internal",
    }
}

#[inline]
fn change(
    kind: ChangeKind,
    codes: Option<CodeRange>,
    before: Option<&str>,
    after: Option<&str>,
    text: String,
) -> Change {
    Change {
        kind,
        codes,
        before: before.map(ToOwned::to_owned),
        after: after.map(ToOwned::to_owned),
        text,
    }
}

/// `range` without the codes of `holes`, in pieces.
#[inline]
fn subtract(range: CodeRange, holes: impl IntoIterator<Item = CodeRange>) -> Vec<CodeRange> {
    let mut pieces = std::vec![range];
    for hole in holes {
        let mut left = Vec::with_capacity(pieces.len() + 1);
        for piece in pieces {
            if !piece.overlaps(&hole) {
                left.push(piece);
                continue;
            }
            if piece.low < hole.low {
                left.push(CodeRange::new(piece.low, hole.low - 1));
            }
            if hole.high < piece.high {
                left.push(CodeRange::new(hole.high + 1, piece.high));
            }
        }
        pieces = left;
    }
    pieces
}

/// Every change from `older` to `newer`, breaking ones first.
#[inline]
pub(crate) fn classify(older: &Side<'_>, newer: &Side<'_>) -> CatalogDiff {
    let mut changes = Vec::new();
    for old in &older.codes {
        let codes = Some(CodeRange::code(old.code));
        match newer.code(old.code) {
            None => {
                let (kind, how) = if newer.reserves(old.code) {
                    (ChangeKind::CodeRemovedAndReserved, "vanished and reserved")
                } else {
                    (ChangeKind::CodeRemoved, "vanished")
                };
                let text = format!(
                    "code {}: {how} (was {:?}, status {})",
                    old.code, old.message, old.status
                );
                changes.push(change(kind, codes, Some(old.message), None, text));
            }
            Some(new) => compare(old, new, &mut changes),
        }
    }
    for new in &newer.codes {
        if older.code(new.code).is_some() {
            continue;
        }
        let codes = Some(CodeRange::code(new.code));
        let after = Some(new.message);
        let retired = older.retired.iter().find(|old| old.code == new.code);
        changes.push(if older.reserves(new.code) {
            let text = format!("code {}: reserved, now used {}", new.code, meaning(new));
            change(ChangeKind::ReservedCodeUsed, codes, None, after, text)
        } else if let Some(old) = retired {
            if old.same_meaning(new) {
                let text = format!("code {}: restored {}", new.code, meaning(new));
                change(ChangeKind::CodeRestored, codes, None, after, text)
            } else {
                let text = format!(
                    "code {}: retired {}, now used with another meaning {}",
                    new.code,
                    meaning(old),
                    meaning(new)
                );
                change(
                    ChangeKind::RetiredCodeUsed,
                    codes,
                    Some(old.message),
                    after,
                    text,
                )
            }
        } else {
            let text = format!("code {}: new {}", new.code, meaning(new));
            change(ChangeKind::CodeAdded, codes, None, after, text)
        });
    }
    reservations(older, newer, &mut changes);
    if older.range != newer.range {
        let show = |range: Option<CodeRange>| range.map_or("none".to_string(), |r| r.to_string());
        let (before, after) = (show(older.range), show(newer.range));
        let text = format!("range {before} -> {after}");
        changes.push(change(
            ChangeKind::RangeChanged,
            None,
            older.range.map(|_| before.as_str()),
            newer.range.map(|_| after.as_str()),
            text,
        ));
    }
    // Breaking first; within a class, by code (the range's change first),
    // each code's changes in the order found. Inserted in place rather than
    // sorted: a stable sort is 5,000 lines of LLVM IR that every build of
    // skms-core would compile, for lists of a few changes.
    let key = |change: &Change| {
        (
            !change.is_breaking(),
            change.codes.map(|codes| (codes.low, codes.high)),
        )
    };
    let mut sorted: Vec<Change> = Vec::with_capacity(changes.len());
    for change in changes {
        let at = sorted.partition_point(|before| key(before) <= key(&change));
        sorted.insert(at, change);
    }
    CatalogDiff { changes: sorted }
}

/// The changes of a code that both versions define.
#[inline]
fn compare(old: &Code<'_>, new: &Code<'_>, changes: &mut Vec<Change>) {
    let codes = Some(CodeRange::code(old.code));
    let (old_status, new_status) = (old.status.to_string(), new.status.to_string());
    let fields = [
        (
            ChangeKind::StatusChanged,
            "status",
            Some(old_status.as_str()),
            Some(new_status.as_str()),
        ),
        (
            ChangeKind::MessageChanged,
            "message",
            Some(old.message),
            Some(new.message),
        ),
        (
            ChangeKind::DescriptionChanged,
            "description",
            old.description,
            new.description,
        ),
        (ChangeKind::DocChanged, "doc", old.doc, new.doc),
    ];
    for (kind, what, before, after) in fields {
        if before != after {
            let text = format!(
                "code {}: {what} {:?} -> {:?}",
                old.code,
                before.unwrap_or(""),
                after.unwrap_or("")
            );
            changes.push(change(kind, codes, before, after, text));
        }
    }
    if let (Some(before), Some(after)) = (old.exposure, new.exposure) {
        if before != after {
            let (before, after) = (exposure_name(before), exposure_name(after));
            let text = format!("code {}: detail {before} -> {after}", old.code);
            changes.push(change(
                ChangeKind::DetailExposureChanged,
                codes,
                Some(before),
                Some(after),
                text,
            ));
        }
    }
    match (old.deprecated, new.deprecated) {
        (None, Some(after)) => {
            let text = format!("code {}: deprecated{}", old.code, note(Some(after)));
            changes.push(change(
                ChangeKind::CodeDeprecated,
                codes,
                None,
                Some(after),
                text,
            ));
        }
        (Some(before), None) => {
            let text = format!("code {}: no longer deprecated", old.code);
            changes.push(change(
                ChangeKind::DeprecationRemoved,
                codes,
                Some(before),
                None,
                text,
            ));
        }
        (Some(before), Some(after)) if before != after => {
            let text = format!(
                "code {}: deprecation note {before:?} -> {after:?}",
                old.code
            );
            changes.push(change(
                ChangeKind::DeprecationChanged,
                codes,
                Some(before),
                Some(after),
                text,
            ));
        }
        _ => {}
    }
    if let (Some(before), Some(after)) = (&old.variant, &new.variant) {
        if before != after {
            let text = format!("code {}: variant {before:?} -> {after:?}", old.code);
            changes.push(change(
                ChangeKind::VariantRenamed,
                codes,
                Some(before),
                Some(after),
                text,
            ));
        }
    }
}

/// The changes of the reserved codes.
#[inline]
fn reservations(older: &Side<'_>, newer: &Side<'_>, changes: &mut Vec<Change>) {
    let ranges = |side: &Side<'_>| -> Vec<CodeRange> {
        side.reserved.iter().map(|(codes, _)| *codes).collect()
    };
    let codes = |side: &Side<'_>| -> Vec<CodeRange> {
        side.codes
            .iter()
            .map(|code| CodeRange::code(code.code))
            .collect()
    };
    let (newer_reserved, older_reserved) = (ranges(newer), ranges(older));
    for (reserved, reason) in &older.reserved {
        // A code freed and used is RESERVED_CODE_USED, above.
        let freed = subtract(*reserved, newer_reserved.iter().copied());
        for codes in freed
            .into_iter()
            .flat_map(|piece| subtract(piece, codes(newer)))
        {
            let text = format!("{}: no longer reserved{}", label(codes), note(*reason));
            changes.push(change(
                ChangeKind::ReservationRemoved,
                Some(codes),
                Some(reason.unwrap_or("")),
                None,
                text,
            ));
        }
    }
    for (reserved, reason) in &newer.reserved {
        // A code removed and reserved is CODE_REMOVED_AND_RESERVED, above.
        let added = subtract(*reserved, older_reserved.iter().copied());
        for codes in added
            .into_iter()
            .flat_map(|piece| subtract(piece, codes(older)))
        {
            let text = format!("{}: reserved{}", label(codes), note(*reason));
            changes.push(change(
                ChangeKind::CodeReserved,
                Some(codes),
                None,
                Some(reason.unwrap_or("")),
                text,
            ));
        }
        let same = older.reserved.iter().find(|(codes, _)| codes == reserved);
        if let Some((_, before)) = same {
            if before != reason {
                let (before, after) = (before.unwrap_or(""), reason.unwrap_or(""));
                let text = format!(
                    "{}: reason for the reservation {before:?} -> {after:?}",
                    label(*reserved)
                );
                changes.push(change(
                    ChangeKind::ReservationReasonChanged,
                    Some(*reserved),
                    Some(before),
                    Some(after),
                    text,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::subtract;
    use crate::CodeRange;

    #[test]
    fn subtract_cuts_ranges_into_pieces() {
        let r = CodeRange::new;
        assert_eq!(subtract(r(10, 19), [r(12, 13)]), [r(10, 11), r(14, 19)]);
        assert_eq!(subtract(r(10, 19), [r(10, 19)]), []);
        assert_eq!(subtract(r(10, 19), [r(5, 10), r(19, 30)]), [r(11, 18)]);
        assert_eq!(subtract(r(10, 19), [r(20, 30)]), [r(10, 19)]);
        assert_eq!(subtract(r(10, 10), [r(9, 9), r(11, 11)]), [r(10, 10)]);
    }
}
