//! The detail reader: a variant's fields read back from a body's detail, for
//! the `FromBody` that the derive writes. The reverse of the plain-detail
//! writers (`detail.rs`), over the same texts of the entry (`texts.rs`).
//!
//! A detail of plain fields is texts with a field between each two:
//! `keyId : {key_id}`, `{name}-{version}`. Reading it back splits the
//! received detail into the texts and the fields' texts, parses each
//! field's text with its type's `FromStr`, and accepts a field only when its
//! `Display` writes exactly the text it was parsed from. The texts matched,
//! and each field written back as received: the value read formats to the
//! very detail received, whatever split was taken. Where the split is
//! ambiguous (`{a}-{b}` with a `-` inside a value), the first split that
//! reads back is taken, trying the shortest first field first and then
//! longer ones (backtracking), so a value is found whenever one exists
//! within the budget below; another value that formats the same may be the
//! one found, never one that formats differently.
//!
//! A field named twice (`{id} ({id})`) is parsed once, at its first use;
//! its later uses must repeat that text exactly.
//!
//! The detail comes from the wire: its length and its content are the
//! sender's. Backtracking over `k` fields may try `O(n^(k-1))` splits of a
//! detail of `n` bytes, so the search runs on a budget: the bytes that it
//! hands to the fields' parsers and scans for texts, together, are at most
//! [`budget`]`(n)`, `max(16 n, 64 KiB)`. Each step spends what it works
//! on (a text parsed and compared: its length and one; a scan: what it
//! passed over, the text it found and one; a field used again: its length
//! and one), and the list of fields taken is at most eight long, so the
//! whole read is linear in the detail's length, whatever the fields and the
//! detail (the fields' own `FromStr` and `Display` being linear); a detail
//! that would need more is not read (`None`), never misread. A detail read
//! without backtracking spends about `2 n`: within the budget by far. The
//! tests below count it, and `tests/round_trip.rs` times details built to
//! make the search try every split.
//!
//! One concern, reading fields back from a detail: the search, its budget,
//! and the tests that count it.

use crate::catalog::{DetailKind, Entry};

use super::texts;

/// What the fields' parsers and the scans for texts may spend on a detail of
/// `len` bytes: 16 times its length, and at least 64 KiB, so that a short
/// detail with many possible splits is still read.
#[must_use]
#[inline]
const fn budget(len: usize) -> usize {
    let scaled = len.saturating_mul(16);
    // (`>=` would do as well: the two agree at 64 KiB.)
    if scaled > 1 << 16 {
        scaled
    } else {
        1 << 16
    }
}

/// A field read from its text: its value, when its `Display` writes the
/// text back exactly; `Mismatch` when the text does not parse or writes back
/// differently; `Unreadable` when the field's type has no `FromStr` (then no
/// detail of the variant is read).
pub enum FieldRead<T> {
    Value(T),
    Mismatch,
    Unreadable,
}

/// Reads `text` as a field of type `T`: `FromStr`, then `Display` again.
#[inline]
pub fn read_field<T: core::str::FromStr + core::fmt::Display>(text: &str) -> FieldRead<T> {
    match text.parse::<T>() {
        Ok(value) if writes_as(&value, text) => FieldRead::Value(value),
        _ => FieldRead::Mismatch,
    }
}

/// Whether `value`'s `Display` writes exactly `expected`, compared as it is
/// written, without allocating.
#[inline]
fn writes_as<T: core::fmt::Display + ?Sized>(value: &T, expected: &str) -> bool {
    struct Expect<'a> {
        rest: &'a str,
        failed: bool,
    }
    impl core::fmt::Write for Expect<'_> {
        fn write_str(&mut self, s: &str) -> core::fmt::Result {
            // Once off, off for good (`failed` is checked at the end): a
            // `Display` that goes on after an error cannot match by chance.
            if let Some(rest) = self.rest.strip_prefix(s) {
                self.rest = rest;
                Ok(())
            } else {
                self.failed = true;
                Err(core::fmt::Error)
            }
        }
    }
    let mut expect = Expect {
        rest: expected,
        failed: false,
    };
    core::fmt::write(&mut expect, format_args!("{value}")).is_ok()
        && !expect.failed
        && expect.rest.is_empty()
}

/// The fields of a variant, as the generated `FromBody` hands them over: a
/// tuple of one reading function per field (`fn(&str) -> FieldRead<T>`), in
/// the order of the detail's first uses; read into the tuple of values.
pub trait DetailFields {
    type Values;

    /// The values read from `detail`, `uses[i]` being the field (its
    /// position in the tuple) written after the `i`-th text of `entry`.
    fn read(self, entry: &Entry, detail: &str, uses: &[u8]) -> Option<Self::Values>;
}

/// Stores what a field's reader gave: whether it read (`Some(true)`), did
/// not (`Some(false)`), or never can (`None`).
#[inline]
fn store<T>(slot: &mut Option<T>, read: FieldRead<T>) -> Option<bool> {
    match read {
        FieldRead::Value(value) => {
            *slot = Some(value);
            Some(true)
        }
        FieldRead::Mismatch => Some(false),
        FieldRead::Unreadable => None,
    }
}

macro_rules! detail_fields {
    ($($field:ident $value:ident $index:tt),*) => {
        impl<$($value, $field: Fn(&str) -> FieldRead<$value>),*> DetailFields for ($($field,)*) {
            type Values = ($($value,)*);

            #[inline]
            fn read(self, entry: &Entry, detail: &str, uses: &[u8]) -> Option<Self::Values> {
                let mut values = ($(None::<$value>,)*);
                let read = read_plain_detail(entry, detail, uses, &mut |field, text| match field {
                    $($index => store(&mut values.$index, (self.$index)(text)),)*
                    _ => None,
                });
                if !read {
                    return None;
                }
                Some(($(values.$index?,)*))
            }
        }
    };
}

/// The uses of a detail whose fields are each written once, in order: the
/// `uses` of [`read_detail`] for most details, one constant for all.
pub const IDENTITY_USES: &[u8] = &[0, 1, 2, 3, 4, 5, 6, 7];

/// The most fields a variant rebuilt from its detail may have: the derive
/// rebuilds no variant with more.
pub const MAX_DETAIL_FIELDS: usize = 8;

detail_fields!(F0 T0 0);
detail_fields!(F0 T0 0, F1 T1 1);
detail_fields!(F0 T0 0, F1 T1 1, F2 T2 2);
detail_fields!(F0 T0 0, F1 T1 1, F2 T2 2, F3 T3 3);
detail_fields!(F0 T0 0, F1 T1 1, F2 T2 2, F3 T3 3, F4 T4 4);
detail_fields!(F0 T0 0, F1 T1 1, F2 T2 2, F3 T3 3, F4 T4 4, F5 T5 5);
detail_fields!(F0 T0 0, F1 T1 1, F2 T2 2, F3 T3 3, F4 T4 4, F5 T5 5, F6 T6 6);
detail_fields!(F0 T0 0, F1 T1 1, F2 T2 2, F3 T3 3, F4 T4 4, F5 T5 5, F6 T6 6, F7 T7 7);

/// The variant of `entry` read from `body`'s detail by `fields`: what the
/// generated `FromBody` calls for a variant whose fields all appear in its
/// detail. `None` without a detail, or when it does not read back.
#[inline]
pub fn read_detail<F: DetailFields>(
    entry: &Entry,
    body: &crate::ErrorBody<'_>,
    uses: &[u8],
    fields: F,
) -> Option<F::Values> {
    fields.read(entry, body.detail.as_deref()?, uses)
}

/// Reads `detail` against the texts of `entry`, a plain detail, handing each
/// candidate text of a field to `field(position, text)`, which parses and
/// keeps it (`Some(true)`), refuses it (`Some(false)`), or refuses every
/// text (`None`). `true` when a split was found in which every field read:
/// the values that `field` kept last are that split's. Not generic, so
/// compiled once, in skms-core.
fn read_plain_detail(
    entry: &Entry,
    detail: &str,
    uses: &[u8],
    field: &mut dyn FnMut(usize, &str) -> Option<bool>,
) -> bool {
    let DetailKind::Plain(all) = entry.detail else {
        return false;
    };
    let Some((texts, _)) = texts::split(all) else {
        return false;
    };
    let Some((first, after_first)) = texts::next_text(texts) else {
        return false;
    };
    let Some(rest) = detail.strip_prefix(first) else {
        return false;
    };
    let mut reader = Reader {
        uses,
        field,
        budget: budget(detail.len()),
        stopped: false,
    };
    reader.read(0, after_first, rest, None)
}

/// [`read_plain_detail`] on a budget of `spend`, for the tests that count:
/// whether it read, and what was left.
#[cfg(test)]
fn read_spending(
    texts: &str,
    detail: &str,
    uses: &[u8],
    field: &mut dyn FnMut(usize, &str) -> Option<bool>,
    spend: usize,
) -> (bool, usize) {
    let (first, after_first) = texts::next_text(texts).unwrap();
    let rest = detail.strip_prefix(first).unwrap();
    let mut reader = Reader {
        uses,
        field,
        budget: spend,
        stopped: false,
    };
    let read = reader.read(0, after_first, rest, None);
    (read, reader.budget)
}

/// The text that a field took, for its later uses: a list on the stack.
struct Taken<'a> {
    field: u8,
    text: &'a str,
    before: Option<&'a Taken<'a>>,
}

impl<'a> Taken<'a> {
    fn find(mut taken: Option<&Taken<'a>>, field: u8) -> Option<&'a str> {
        while let Some(one) = taken {
            if one.field == field {
                return Some(one.text);
            }
            taken = one.before;
        }
        None
    }
}

struct Reader<'u, 'f> {
    uses: &'u [u8],
    field: &'f mut dyn FnMut(usize, &str) -> Option<bool>,
    /// What is left to spend, in bytes parsed or scanned.
    budget: usize,
    /// Set when the budget ran out or a field can never read: every read
    /// fails from then on.
    stopped: bool,
}

impl Reader<'_, '_> {
    /// Spends `cost`; `false` (and stopped) when the budget does not cover it.
    fn spend(&mut self, cost: usize) -> bool {
        // Once stopped, every read unwinds: no spend comes after.
        if let Some(left) = self.budget.checked_sub(cost) {
            self.budget = left;
            true
        } else {
            self.stopped = true;
            false
        }
    }

    /// Hands `text` to the reader of field `field`.
    fn parse(&mut self, field: u8, text: &str) -> bool {
        if !self.spend(text.len() + 1) {
            return false;
        }
        match (self.field)(usize::from(field), text) {
            Some(read) => read,
            None => {
                self.stopped = true;
                false
            }
        }
    }

    /// Reads the field of use `use_index` and everything after it from
    /// `rest`: `texts` are the texts from the one after that field.
    fn read(
        &mut self,
        use_index: usize,
        texts: &str,
        rest: &str,
        taken: Option<&Taken<'_>>,
    ) -> bool {
        let (Some(&field), Some((after, more))) =
            (self.uses.get(use_index), texts::next_text(texts))
        else {
            return false;
        };
        // The text after the last field ends the detail.
        let last = more.is_empty();
        if let Some(text) = Taken::find(taken, field) {
            // A later use of a field: the same text again, not parsed again.
            let Some(rest) = rest.strip_prefix(text) else {
                return false;
            };
            if !self.spend(text.len() + 1) {
                return false;
            }
            return match (last, rest.strip_prefix(after)) {
                (true, Some(end)) => end.is_empty(),
                (false, Some(rest)) => self.read(use_index + 1, more, rest, taken),
                (_, None) => false,
            };
        }
        if last {
            return match rest.strip_suffix(after) {
                Some(text) => self.parse(field, text),
                None => false,
            };
        }
        // Every place where the next text starts is a possible end of this
        // field, the nearest first.
        let mut from = 0;
        loop {
            let Some(found) = rest.get(from..).and_then(|tail| tail.find(after)) else {
                self.spend(rest.len() - from.min(rest.len()));
                return false;
            };
            let end = from + found;
            if !self.spend(found + after.len() + 1) {
                return false;
            }
            let text = &rest[..end];
            if self.parse(field, text) {
                let here = Taken {
                    field,
                    text,
                    before: taken,
                };
                if self.read(use_index + 1, more, &rest[end + after.len()..], Some(&here)) {
                    return true;
                }
            }
            if self.stopped {
                return false;
            }
            // The next possible end starts one char further.
            match rest[end..].chars().next() {
                Some(c) => from = end + c.len_utf8(),
                None => return false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::string::String;
    use std::vec::Vec;

    use super::{budget, read_plain_detail, writes_as, DetailFields, FieldRead};
    use crate::catalog::Entry;

    /// An entry whose detail is `texts` with fields between them, encoded
    /// as the derive encodes them (see `texts.rs`).
    fn entry(texts: &[&str]) -> Entry {
        let mut plain = String::new();
        for text in texts {
            plain.push(char::from_u32(u32::try_from(text.len()).unwrap()).unwrap());
            plain.push_str(text);
        }
        let mut all = String::new();
        all.push(char::from_u32(u32::try_from(plain.len()).unwrap()).unwrap());
        all.push_str(&plain);
        crate::__private::entry_plain_detail(
            1,
            400,
            "m",
            "V",
            "",
            std::boxed::Box::leak(all.into_boxed_str()),
        )
    }

    /// Reads `detail` with fields that accept what `accept` says, recording
    /// each text handed over; the texts of the split found, by field.
    fn read(
        texts: &[&str],
        uses: &[u8],
        detail: &str,
        accept: impl Fn(usize, &str) -> Option<bool>,
    ) -> (Option<Vec<String>>, Vec<String>) {
        let fields = uses
            .iter()
            .copied()
            .max()
            .map_or(0, |max| usize::from(max) + 1);
        let mut kept = std::vec![String::new(); fields];
        let mut tried = Vec::new();
        let found = read_plain_detail(&entry(texts), detail, uses, &mut |field, text| {
            tried.push(String::from(text));
            let read = accept(field, text);
            if read == Some(true) {
                kept[field] = text.into();
            }
            read
        });
        (found.then_some(kept), tried)
    }

    fn all(_: usize, _: &str) -> Option<bool> {
        Some(true)
    }

    fn digits(_: usize, text: &str) -> Option<bool> {
        Some(!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
    }

    #[test]
    fn splits_are_tried_nearest_first() {
        let (found, tried) = read(&["", "-", ""], &[0, 1], "a-b-c", all);
        assert_eq!(found.unwrap(), ["a", "b-c"]);
        assert_eq!(tried, ["a", "b-c"]);
        // The first field's nearest ends fail the second: backtracking.
        let (found, tried) = read(&["", "-", ""], &[0, 1], "a-b-7", |field, text| {
            Some(field == 0 || digits(field, text).unwrap())
        });
        assert_eq!(found.unwrap(), ["a-b", "7"]);
        assert_eq!(tried, ["a", "b-7", "a-b", "7"]);
        // Side by side: every char boundary, in order, the first field
        // shortest first.
        let (found, tried) = read(&["<", "", ">"], &[0, 1], "<é1>", |field, text| {
            Some(if field == 0 {
                text == "é"
            } else {
                text == "1"
            })
        });
        assert_eq!(found.unwrap(), ["é", "1"]);
        assert_eq!(tried, ["", "é", "1"]);
        // The texts around must match.
        assert_eq!(read(&["<", ""], &[0], "(1", all).0, None);
        assert_eq!(read(&["", ">"], &[0], "1)", all).0, None);
        assert_eq!(read(&["", "-", ""], &[0, 1], "ab", all).0, None);
        assert_eq!(read(&["ab", "ab"], &[0], "ab", all).0, None);
        assert_eq!(read(&["ab", "ab"], &[0], "abab", all).0.unwrap(), [""]);
        // Overlapping texts: each place where the text starts.
        let (found, _) = read(&["", "--", ""], &[0, 1], "a---b", |field, text| {
            Some(field == 0 || text == "b")
        });
        assert_eq!(found.unwrap(), ["a-", "b"]);
    }

    #[test]
    fn a_field_used_again_repeats_its_text() {
        let texts = ["", " (", ") ", ""];
        let number_then_any = |field, text: &str| Some(field == 1 || digits(field, text)?);
        let (found, tried) = read(&texts, &[0, 0, 1], "7 (7) x", number_then_any);
        assert_eq!(found.unwrap(), ["7", "x"]);
        // Parsed once; the second use is compared, not parsed.
        assert_eq!(tried, ["7", "x"]);
        assert_eq!(read(&texts, &[0, 0, 1], "7 (8) x", number_then_any).0, None);
        assert_eq!(read(&texts, &[0, 0, 1], "7 (7 x", number_then_any).0, None);
        // Last: the repeated text ends the detail.
        let texts = ["", "=", ""];
        assert_eq!(read(&texts, &[0, 0], "ab=ab", all).0.unwrap(), ["ab"]);
        assert_eq!(read(&texts, &[0, 0], "ab=abc", all).0, None);
        assert_eq!(read(&texts, &[0, 0], "ab=a", all).0, None);
        // The first use backtracks until the second agrees.
        assert_eq!(read(&texts, &[0, 0], "a=b=a=b", all).0.unwrap(), ["a=b"]);
    }

    #[test]
    fn a_field_that_never_reads_stops_the_search() {
        let (found, tried) = read(&["", "-", ""], &[0, 1], "a-b-c", |_, _| None);
        assert_eq!(found, None);
        assert_eq!(tried, ["a"]);
        let (found, tried) = read(&["", "-", ""], &[0, 1], "a-b-c", |field, _| {
            (field == 0).then_some(true)
        });
        assert_eq!(found, None);
        assert_eq!(tried, ["a", "b-c"]);
    }

    #[test]
    fn malformed_plans_read_nothing() {
        // A use past the fields, or texts that are not a plain detail.
        assert_eq!(read(&["", ""], &[], "a", all).0, None);
        let formatted = crate::__private::entry_formatted(1, 400, "m", "V", "");
        assert!(!read_plain_detail(&formatted, "a", &[0], &mut |_, _| Some(
            true
        )));
        let broken = crate::__private::entry_plain_detail(1, 400, "m", "V", "", "\u{9}");
        assert!(!read_plain_detail(&broken, "a", &[0], &mut |_, _| Some(
            true
        )));
        let short = crate::__private::entry_plain_detail(1, 400, "m", "V", "", "\u{1}\u{5}");
        assert!(!read_plain_detail(&short, "a", &[0], &mut |_, _| Some(
            true
        )));
    }

    /// What the reader spends, parsers and scans together, stays within
    /// `budget`: linear in the detail's length, whatever it holds.
    #[test]
    fn the_search_stays_within_its_budget() {
        assert_eq!(budget(0), 1 << 16);
        assert_eq!(budget(4_096), 1 << 16);
        assert_eq!(budget(4_097), 16 * 4_097);
        assert_eq!(budget(usize::MAX), usize::MAX);
        for (texts, uses, detail) in [
            (
                &["", "-", "-", "-", ""][..],
                &[0u8, 1, 2, 3][..],
                "-".repeat(20_000),
            ),
            (&["", "", "", "x"][..], &[0, 1, 2][..], "1".repeat(20_000)),
            (&["", "-", ""][..], &[0, 1][..], "-".repeat(200_000)),
        ] {
            let (found, tried) = read(texts, uses, &detail, |field, _| {
                Some(field + 1 < uses.len())
            });
            assert_eq!(found, None);
            let parsed: usize = tried.iter().map(|text| text.len() + 1).sum();
            assert!(parsed <= budget(detail.len()), "{parsed}");
            // Spent: the search was cut, not finished.
            assert!(parsed > budget(detail.len()) / 4, "{parsed}");
        }
        // A detail that reads without backtracking spends far less.
        let detail = std::format!("{}-7", "a".repeat(100_000));
        let (found, tried) = read(&["", "-", ""], &[0, 1], &detail, all);
        assert!(found.is_some());
        assert_eq!(tried.len(), 2);
    }

    /// A search stopped by the budget stays stopped: no later split read.
    #[test]
    fn an_exhausted_budget_reads_nothing_more() {
        // Each of the first field's ends spends its text: with a detail of
        // 5,000 dashes and a second field that reads only at the very end,
        // the budget (64 KiB) runs out before.
        let mut detail = "-".repeat(5_000);
        detail.push_str("-7");
        let (found, tried) = read(&["", "-", ""], &[0, 1], &detail, |field, text| {
            Some(field == 0 || text == "7")
        });
        assert_eq!(found, None);
        assert!(tried.len() < 5_000);
        // Shorter, the same detail reads.
        let (found, _) = read(&["", "-", ""], &[0, 1], &detail[4_900..], |field, text| {
            Some(field == 0 || text == "7")
        });
        assert_eq!(found.unwrap()[1], "7");
    }

    #[test]
    fn a_value_writes_as_its_text_or_not() {
        assert!(writes_as(&7u32, "7"));
        assert!(!writes_as(&7u32, "07"));
        assert!(!writes_as(&7u32, "7 "));
        assert!(!writes_as(&17u32, "7"));
        assert!(writes_as("", ""));
        assert!(!writes_as("a", ""));
        // A `Display` that goes on after an error does not match by chance.
        struct Stubborn;
        impl core::fmt::Display for Stubborn {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                let _ = f.write_str("x");
                f.write_str("ab")
            }
        }
        assert!(!writes_as(&Stubborn, "ab"));
        assert!(writes_as(&Stubborn, "xab"));
    }

    /// What each step costs: a text handed to a field, its length and one;
    /// a scan for the next text, what it passed over and the text and one;
    /// a field used again, its length and one.
    #[test]
    fn each_step_spends_what_it_reads() {
        let reads = |texts: &[&str], uses: &[u8], detail: &str, spend: usize| {
            let entry = entry(texts);
            let crate::catalog::DetailKind::Plain(all) = entry.detail else {
                unreachable!()
            };
            let (texts, _) = super::texts::split(all).unwrap();
            super::read_spending(texts, detail, uses, &mut |_, _| Some(true), spend)
        };
        // One field: "abc", 3 + 1.
        assert_eq!(reads(&["<", ">"], &[0], "<abc>", 4), (true, 0));
        assert!(!reads(&["<", ">"], &[0], "<abc>", 3).0);
        // Two: the scan to "-" (1 passed over, 1 of text, 1), "a" (2),
        // then "b" (2).
        assert_eq!(reads(&["", "-", ""], &[0, 1], "a-b", 8), (true, 1));
        assert!(!reads(&["", "-", ""], &[0, 1], "a-b", 6).0);
        // The same field twice: "a" scanned (3) and read (2), then the
        // second "a" compared (2).
        assert_eq!(reads(&["", "-", ""], &[0, 0], "a-a", 7), (true, 0));
        assert!(!reads(&["", "-", ""], &[0, 0], "a-a", 6).0);
        // A scan that finds nothing spends what it passed over.
        assert_eq!(reads(&["", "-", ""], &[0, 1], "abc", 10), (false, 7));
        // After a split that failed: only what was left to pass over ("b",
        // after the scan (3) and "a" (2) of the first split).
        assert_eq!(reads(&["", "-", ""], &[0, 0], "a-b", 10), (false, 4));
    }

    /// A field reads when it parses and writes back the same text.
    #[test]
    fn a_field_reads_when_it_writes_back() {
        use super::read_field;
        assert!(matches!(read_field::<u32>("7"), FieldRead::Value(7)));
        assert!(matches!(read_field::<u32>("07"), FieldRead::Mismatch));
        assert!(matches!(read_field::<u32>("+7"), FieldRead::Mismatch));
        assert!(matches!(read_field::<u32>("x"), FieldRead::Mismatch));
        assert!(matches!(read_field::<String>(""), FieldRead::Value(text) if text.is_empty()));
        assert!(matches!(read_field::<f64>("1.50"), FieldRead::Mismatch));
    }

    #[test]
    fn tuples_read_into_their_values() {
        let pair = entry(&["", "-", ""]);
        let read = (
            super::read_field::<u32> as fn(&str) -> FieldRead<u32>,
            super::read_field::<String> as fn(&str) -> FieldRead<String>,
        )
            .read(&pair, "12-a-b", &[0, 1]);
        assert_eq!(read, Some((12, String::from("a-b"))));
        let unreadable =
            (|_: &str| FieldRead::<u32>::Unreadable,).read(&entry(&["", ""]), "1", &[0]);
        assert_eq!(unreadable, None);
        let never_kept =
            (super::read_field::<u32>, super::read_field::<u32>).read(&pair, "1-x", &[0, 1]);
        assert_eq!(never_kept, None);
        let body = crate::ErrorBody {
            code: 1,
            message: "m".into(),
            detail: Some("4-5".into()),
        };
        let fields = (super::read_field::<u8>, super::read_field::<u8>);
        assert_eq!(
            super::read_detail(&pair, &body, &[0, 1], fields),
            Some((4, 5))
        );
        let body = crate::ErrorBody {
            code: 1,
            message: "m".into(),
            detail: None,
        };
        assert_eq!(
            super::read_detail(
                &pair,
                &body,
                &[0, 1],
                (super::read_field::<u8>, super::read_field::<u8>)
            ),
            None
        );
    }
}
