//! One registry across services: the checks that a platform team runs over
//! the catalogs of several services (`check_services`, and `skms check`),
//! so that one code never means two things to a client that talks to both.
//!
//! Every function here is `#[inline]`: tests and tools call them, a service
//! never does at run time, so they are compiled in the crate that calls
//! them (a test, the `skms` command) and not in every build of skms-core,
//! which sits on the critical path of a service's clean build. (Measured in
//! BENCHMARKS.md: without it, skms-core's build took 37% more instructions.)

use core::fmt;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

use crate::catalog::{CodeRange, Entry};
use crate::listing::Listing;

/// What kind of clash a [`Clash`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClashKind {
    /// Two services answer one code with different statuses or messages.
    CodeMeaning,
    /// The ranges that two services declare (`#[skms(range = ...)]`) share
    /// codes.
    RangesOverlap,
    /// A service uses a code that another reserves.
    ReservedCodeUsed,
}

impl ClashKind {
    /// The kind's identifier: `CODE_MEANING`, `RANGES_OVERLAP`,
    /// `RESERVED_CODE_USED`.
    #[must_use]
    #[inline]
    pub const fn id(self) -> &'static str {
        match self {
            ClashKind::CodeMeaning => "CODE_MEANING",
            ClashKind::RangesOverlap => "RANGES_OVERLAP",
            ClashKind::ReservedCodeUsed => "RESERVED_CODE_USED",
        }
    }
}

/// Two services that disagree about codes. Its `Display` is one line that
/// names both services and the code:
/// `code 40013: "vault" answers 400 "Key not found in the keyVault", "gateway" answers 404 "Key missing"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clash {
    kind: ClashKind,
    codes: CodeRange,
    services: [String; 2],
    text: String,
}

impl Clash {
    /// What kind of clash it is.
    #[must_use]
    #[inline]
    pub fn kind(&self) -> ClashKind {
        self.kind
    }

    /// The code, or the codes, the services disagree about.
    #[must_use]
    #[inline]
    pub fn codes(&self) -> CodeRange {
        self.codes
    }

    /// The names of the two services, in the order they were given.
    #[must_use]
    #[inline]
    pub fn services(&self) -> [&str; 2] {
        [&self.services[0], &self.services[1]]
    }
}

impl fmt::Display for Clash {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// `(400, "Key not found")`, as the messages show a code's meaning.
#[inline]
fn meaning(entry: &Entry) -> String {
    format!("{} {:?}", entry.status, entry.message)
}

/// The clashes between the catalogs of several services, each given with
/// its name: one code with different statuses or messages in two services,
/// declared ranges that overlap, a code that one service reserves and
/// another uses. Empty when the services agree. For each pair of services
/// in the order given: the codes of the first that the second answers
/// otherwise, their ranges, then the codes that either reserves and the other
/// uses.
///
/// Codes that two services share with one meaning (the standard catalog,
/// which every service may include) are no clash.
///
/// ```
/// use skms_core::{check_services, Catalog, SkmsError, StandardError};
///
/// #[derive(Debug, SkmsError)]
/// #[skms(range = 60000..=60999)]
/// enum Vault {
///     #[skms(code = 60001, status = 503, msg = "Vault sealed")]
///     Sealed,
///     #[skms(transparent)]
///     Standard(StandardError),
/// }
///
/// #[derive(Debug, SkmsError)]
/// #[skms(range = 60001..=61999)]
/// enum Gateway {
///     #[skms(code = 60001, status = 502, msg = "Upstream failed")]
///     Upstream,
///     #[skms(transparent)]
///     Standard(StandardError),
/// }
///
/// let (vault, gateway) = (Vault::catalog(), Gateway::catalog());
/// let clashes = check_services(&[("vault", &vault), ("gateway", &gateway)]);
/// let lines: Vec<String> = clashes.iter().map(ToString::to_string).collect();
/// assert_eq!(lines, [
///     r#"code 60001: "vault" answers 503 "Vault sealed", "gateway" answers 502 "Upstream failed""#,
///     r#"codes 60001..=60999: "vault" declares the range 60000..=60999, "gateway" 60001..=61999"#,
/// ]);
/// ```
#[must_use]
#[inline]
pub fn check_services(services: &[(&str, &Listing)]) -> Vec<Clash> {
    // No index, no sorting: a lookup is a scan of a few hundred codes, and
    // the order of the listings is the order of the clashes. What this
    // costs a build of skms-core is what it compiles (a hash map and each
    // sort are their own code), not what it runs in CI.
    let mut clashes = Vec::new();
    for (i, (first, first_listing)) in services.iter().enumerate() {
        for (second, second_listing) in services.iter().skip(i + 1) {
            let clash = |kind, codes, text| Clash {
                kind,
                codes,
                services: [first.to_string(), second.to_string()],
                text,
            };
            for listed in first_listing.iter() {
                let one = listed.entry;
                let Some(other) = second_listing.get(one.code).map(|listed| listed.entry) else {
                    continue;
                };
                if one.status != other.status || one.message != other.message {
                    let text = format!(
                        "code {}: {first:?} answers {}, {second:?} answers {}",
                        one.code,
                        meaning(one),
                        meaning(other)
                    );
                    clashes.push(clash(
                        ClashKind::CodeMeaning,
                        CodeRange::code(one.code),
                        text,
                    ));
                }
            }
            if let (Some(one), Some(other)) = (first_listing.range(), second_listing.range()) {
                if one.overlaps(&other) {
                    let shared = CodeRange::new(one.low.max(other.low), one.high.min(other.high));
                    let codes = if shared.low == shared.high {
                        format!("code {shared}")
                    } else {
                        format!("codes {shared}")
                    };
                    let text =
                        format!("{codes}: {first:?} declares the range {one}, {second:?} {other}");
                    clashes.push(clash(ClashKind::RangesOverlap, shared, text));
                }
            }
            for (reserving, user, listing, using) in [
                (first, second, first_listing, second_listing),
                (second, first, second_listing, first_listing),
            ] {
                for reserved in listing.reserved() {
                    let used = using
                        .iter()
                        .map(|listed| listed.entry)
                        .filter(|entry| reserved.contains(entry.code));
                    for entry in used {
                        let why = match reserved.reason {
                            Some(reason) if !reason.is_empty() => format!(" ({reason:?})"),
                            _ => String::new(),
                        };
                        let text = format!(
                            "code {}: {reserving:?} reserves it{why}, {user:?} answers {}",
                            entry.code,
                            meaning(entry)
                        );
                        clashes.push(clash(
                            ClashKind::ReservedCodeUsed,
                            CodeRange::code(entry.code),
                            text,
                        ));
                    }
                }
            }
        }
    }
    clashes
}
