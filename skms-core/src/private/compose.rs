//! The composition checks, evaluated by the compiler: no code means two
//! things in a type's composed catalog, no reserved code is used in it, and
//! the catalog endpoint's own code keeps its meaning; each writes its
//! message into a `Message`. About half of the file is the unit tests of
//! each check's message.
//!
//! The checks run in const evaluation only: every function is `#[inline]`,
//! so that no build of skms-core compiles them to machine code (const
//! evaluation reads their MIR).
//!
//! One concern, the composition checks: the checks and the tests of each
//! message they write.

use crate::catalog::{find, CodeRange, Entry, Include, Reserved};

use super::message::Message;

/// Why the catalog included through `includes[index]` cannot be composed
/// into the type `name`: a code of it that means something else in the
/// type, as one of its own entries `own` or in a catalog included before
/// it. `None` when every code of it means one thing.
///
/// A code may stand twice only with one meaning, the same status and
/// message: an own variant that reuses or restates the standard entry of a
/// code that an included catalog also has (typically to give it a detail),
/// or one entry reached along two paths (two included catalogs that both
/// include `StandardError`).
///
/// The check returns the message and the generated item panics with it,
/// spanned at the transparent variant, so that the compiler's error is
/// that one message at the user's code, with no frame of this file. The
/// type's own entries against the catalog are [`own_conflict`]'s, reported
/// at the own variant's code: not here, so that a mistake is one error.
///
/// A catalog included by a generic type through a field that names a type
/// parameter (marked by [`generic_in`]) is checked after monomorphization,
/// by the generic type's own check. Found inside an included catalog here,
/// it is checked here too, so that a `cargo check` of the type that
/// includes, say, `Wrapper<Inner>` finds what is wrong in it.
///
/// `by_code` holds the indices of `own` in the order of their codes, so that
/// each included code is looked up by binary search: const evaluation is
/// slow, and a type may have a thousand codes.
///
/// Reserved codes are checked here too: the catalog included must not use
/// a code that the type reserves (`reserved`) or that a catalog included
/// before it reserves, and must not reserve a code that the type or such a
/// catalog uses.
#[must_use]
#[inline]
pub const fn check_include(
    name: &str,
    own: &[Entry],
    by_code: &[u32],
    reserved: &[Reserved],
    includes: &[Include],
    index: usize,
) -> Option<Message> {
    let scope = Scope {
        name,
        own,
        by_code: Some(by_code),
        includes,
        index,
        outer: None,
    };
    let include = &includes[index];
    let found = check_tree(&scope, include.entries, include.includes);
    if found.is_some() {
        return found;
    }
    check_reserved(&scope, reserved)
}

/// Why the catalog included through `scope.includes[scope.index]` and the
/// rest of the type's composed catalog disagree on a reserved code: it uses
/// a code that the type (`reserved`) or a catalog included before it
/// reserves, or it reserves a code that the type's own variants or such a
/// catalog use. A catalog's reservations count with the catalogs it
/// includes, to any depth: a code retired anywhere in the composed catalog
/// is answered nowhere in it.
///
/// Each loop runs over the reservations first: a catalog that reserves
/// nothing costs a walk of its includes, not of its entries.
#[inline]
const fn check_reserved(scope: &Scope<'_>, reserved: &[Reserved]) -> Option<Message> {
    let include = &scope.includes[scope.index];
    if let Some((entry, reservation)) = used_in(include.entries, include.includes, reserved) {
        let mut message = Message::new();
        message.push_reserved(entry.code, reservation);
        message.push(" in `");
        message.push(scope.name);
        message.push("`, but `");
        message.push(entry.variant);
        message.push("`");
        message.push_through(include.variant);
        message.push(" uses it; a reserved code is never used again in the composed catalog");
        return Some(message);
    }
    if let Some((entry, reservation)) = reserved_and_used(include, scope.own, &[]) {
        let mut message = Message::new();
        message.push_reserved(entry.code, reservation);
        message.push(" by the catalog included through `");
        message.push(include.variant);
        message.push("`, but variant `");
        message.push(entry.variant);
        message.push("` of `");
        message.push(scope.name);
        message.push("` uses it; give the variant another code");
        return Some(message);
    }
    let mut j = 0;
    while j < scope.index {
        let earlier = &scope.includes[j];
        let found = match reserved_and_used(earlier, include.entries, include.includes) {
            Some((entry, reservation)) => Some((earlier, entry, reservation, include)),
            None => match reserved_and_used(include, earlier.entries, earlier.includes) {
                Some((entry, reservation)) => Some((include, entry, reservation, earlier)),
                None => None,
            },
        };
        if let Some((reserving, entry, reservation, using)) = found {
            let mut message = Message::new();
            message.push_reserved(entry.code, reservation);
            message.push(" by the catalog included through `");
            message.push(reserving.variant);
            message.push("`, but `");
            message.push(entry.variant);
            message.push("`");
            message.push_through(using.variant);
            message.push(" uses it in `");
            message.push(scope.name);
            message.push("`");
            return Some(message);
        }
        j += 1;
    }
    None
}

/// The first entry of the catalog (`entries`, `includes`, to any depth)
/// whose code `reserved` holds, with the reservation.
#[inline]
const fn used_in<'a>(
    entries: &'a [Entry],
    includes: &'a [Include],
    reserved: &'a [Reserved],
) -> Option<(&'a Entry, &'a Reserved)> {
    let mut r = 0;
    while r < reserved.len() {
        if let Some(entry) = find_in_range(entries, includes, reserved[r].codes) {
            return Some((entry, &reserved[r]));
        }
        r += 1;
    }
    None
}

/// The first entry of the catalog (`entries`, `includes`) whose code the
/// catalog included through `tree` reserves, or one it includes.
#[inline]
const fn reserved_and_used<'a>(
    tree: &'a Include,
    entries: &'a [Entry],
    includes: &'a [Include],
) -> Option<(&'a Entry, &'a Reserved)> {
    let found = used_in(entries, includes, tree.reserved);
    if found.is_some() {
        return found;
    }
    let mut i = 0;
    while i < tree.includes.len() {
        let found = reserved_and_used(&tree.includes[i], entries, includes);
        if found.is_some() {
            return found;
        }
        i += 1;
    }
    None
}

/// The first entry of the catalog (`entries`, `includes`, to any depth)
/// whose code is in `codes`.
#[inline]
const fn find_in_range<'a>(
    entries: &'a [Entry],
    includes: &'a [Include],
    codes: CodeRange,
) -> Option<&'a Entry> {
    let mut i = 0;
    while i < entries.len() {
        if codes.contains(entries[i].code) {
            return Some(&entries[i]);
        }
        i += 1;
    }
    let mut i = 0;
    while i < includes.len() {
        let found = find_in_range(includes[i].entries, includes[i].includes, codes);
        if found.is_some() {
            return found;
        }
        i += 1;
    }
    None
}

/// An own variant whose code an included catalog gives another meaning,
/// found by [`own_conflict`]: the generated check matches `index`, the
/// variant's in the type's table, to call [`fail`](Self::fail) in the arm
/// spanned at the variant's code, where the compiler reports the panic (or,
/// for a variant without such an arm, `include`, at the transparent
/// variant).
pub struct OwnConflict {
    /// The index of the variant's entry, `usize::MAX` for none.
    pub index: usize,
    /// The index in `includes` of the catalog that means the code
    /// otherwise, `usize::MAX` for none.
    pub include: usize,
    message: Message,
}

impl OwnConflict {
    /// Panics with the message, reported where it is called.
    #[track_caller]
    #[inline]
    pub const fn fail(&self) {
        panic!("{}", self.message.as_str());
    }
}

/// The first own entry of the type `name` (`own`, in the order of their
/// codes by `by_code`) whose code a catalog of `includes[from..]` (at any
/// depth) gives another status or message. A variant may restate or reuse
/// an included entry (the same status and message), nothing else; the fix
/// offered for a standard entry is to take it, leaving `status` and `msg`
/// out.
#[must_use]
#[inline]
pub const fn own_conflict(
    name: &str,
    own: &[Entry],
    by_code: &[u32],
    includes: &[Include],
    from: usize,
) -> OwnConflict {
    let mut i = from;
    while i < includes.len() {
        let include = &includes[i];
        if let Some((index, entry)) = differing_own(own, by_code, include.entries, include.includes)
        {
            let mine = &own[index];
            let mut message = Message::new();
            message.push("code ");
            message.push_u32(entry.code);
            message.push(" means two things in `");
            message.push(name);
            message.push("`: variant ");
            message.push_entry(mine);
            message.push(" and ");
            message.push_entry(entry);
            message.push_through(include.variant);
            if is_standard(entry) {
                message.push("; give the variant another code, or leave out `status` and `msg` to take the standard entry's");
            } else {
                message.push("; give the variant another code, or the same status and message");
            }
            return OwnConflict {
                index,
                include: i,
                message,
            };
        }
        i += 1;
    }
    OwnConflict {
        index: usize::MAX,
        include: usize::MAX,
        message: Message::new(),
    }
}

/// The first entry of the catalog (`entries`, `includes`, to any depth)
/// whose code `own` has with another meaning, with the index of `own`'s.
#[inline]
const fn differing_own<'a>(
    own: &[Entry],
    by_code: &[u32],
    entries: &'a [Entry],
    includes: &'a [Include],
) -> Option<(usize, &'a Entry)> {
    let mut e = 0;
    while e < entries.len() {
        let entry = &entries[e];
        if let Some(index) = own_position(own, by_code, entry.code) {
            if !same_meaning(&own[index], entry) {
                return Some((index, entry));
            }
        }
        e += 1;
    }
    let mut i = 0;
    while i < includes.len() {
        let found = differing_own(own, by_code, includes[i].entries, includes[i].includes);
        if found.is_some() {
            return found;
        }
        i += 1;
    }
    None
}

/// Whether `entry` is the standard catalog's entry of its code (reached
/// through `StandardError`, or restated with its status and message).
#[inline]
const fn is_standard(entry: &Entry) -> bool {
    let standard = <crate::StandardError as crate::Catalog>::ENTRIES;
    let mut i = 0;
    while i < standard.len() {
        if standard[i].code == entry.code {
            return same_meaning(&standard[i], entry);
        }
        i += 1;
    }
    false
}

/// `include`, marked as included by the generic type `name` through a field
/// that names a type parameter.
#[must_use]
#[inline]
pub const fn generic_in(include: Include, name: &'static str) -> Include {
    Include {
        generic_in: Some(name),
        ..include
    }
}

/// What one check composes: the catalog included through `includes[index]`
/// into the type `name`, whose own entries are `own`.
struct Scope<'a> {
    name: &'a str,
    own: &'a [Entry],
    /// The indices of `own` in the order of their codes; `None` for a
    /// catalog included by a generic type, searched linearly.
    by_code: Option<&'a [u32]>,
    includes: &'a [Include],
    index: usize,
    /// For a generic type's catalog met inside an included catalog: the
    /// checking type's name and the variant through which it includes it.
    outer: Option<(&'a str, &'a str)>,
}

/// Checks `entries` and, recursively, `nested`: the catalog included
/// through `scope.includes[scope.index]`, or a catalog inside it.
#[inline]
const fn check_tree(scope: &Scope<'_>, entries: &[Entry], nested: &[Include]) -> Option<Message> {
    let mut e = 0;
    while e < entries.len() {
        let entry = &entries[e];
        // The checking type's own entries are `own_conflict`'s, reported at
        // the variant; a generic type's met inside a catalog, here.
        let found = match (scope.by_code, scope.outer) {
            (Some(_), None) => None,
            (Some(by_code), Some(_)) => own_position(scope.own, by_code, entry.code),
            (None, _) => linear_position(scope.own, entry.code),
        };
        if let Some(i) = found {
            let mine = &scope.own[i];
            if !same_meaning(mine, entry) {
                let mut message = Message::new();
                message.push_start(scope, entry.code);
                message.push("variant ");
                message.push_entry(mine);
                message.push(" and ");
                message.push_entry(entry);
                message.push_through(scope.includes[scope.index].variant);
                message.push_end(scope);
                return Some(message);
            }
        }
        let mut j = 0;
        while j < scope.index {
            let earlier = &scope.includes[j];
            if let Some(other) = find(earlier.entries, earlier.includes, entry.code) {
                if !same_meaning(other, entry) {
                    let mut message = Message::new();
                    message.push_start(scope, entry.code);
                    message.push_entry(other);
                    message.push_through(earlier.variant);
                    message.push(" and ");
                    message.push_entry(entry);
                    message.push_through(scope.includes[scope.index].variant);
                    message.push_end(scope);
                    return Some(message);
                }
            }
            j += 1;
        }
        e += 1;
    }
    let mut i = 0;
    while i < nested.len() {
        // A generic type's catalog, checked here as its type would have
        // after monomorphization: against the entries and the catalogs
        // beside it.
        if let Some(generic) = nested[i].generic_in {
            let inner = Scope {
                name: generic,
                own: entries,
                by_code: None,
                includes: nested,
                index: i,
                outer: match scope.outer {
                    Some(outer) => Some(outer),
                    None => Some((scope.name, scope.includes[scope.index].variant)),
                },
            };
            let found = check_tree(&inner, nested[i].entries, nested[i].includes);
            if found.is_some() {
                return found;
            }
        }
        let found = check_tree(scope, nested[i].entries, nested[i].includes);
        if found.is_some() {
            return found;
        }
        i += 1;
    }
    None
}

#[inline]
const fn linear_position(entries: &[Entry], code: u32) -> Option<usize> {
    let mut i = 0;
    while i < entries.len() {
        if entries[i].code == code {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The index in `entries` of the entry of `code`, by binary search over
/// `by_code`, the indices of `entries` in the order of their codes.
#[inline]
const fn own_position(entries: &[Entry], by_code: &[u32], code: u32) -> Option<usize> {
    let (mut low, mut high) = (0, by_code.len());
    while low < high {
        let middle = low + (high - low) / 2;
        let index = by_code[middle] as usize;
        let found = entries[index].code;
        if found == code {
            return Some(index);
        }
        if found < code {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    None
}

/// Why the catalog endpoint cannot serve the catalog (`entries`,
/// `includes`): it answers a code it does not hold with `endpoint`'s code
/// (40400), which the catalog gives another meaning, so that a client would
/// decode the endpoint's 404 as that variant. `None` when the catalog does
/// not use the code, or uses it with the endpoint's meaning.
#[inline]
#[must_use]
pub const fn endpoint_conflict(
    endpoint: &Entry,
    entries: &[Entry],
    includes: &[Include],
) -> Option<Message> {
    let Some(entry) = find(entries, includes, endpoint.code) else {
        return None;
    };
    if same_meaning(entry, endpoint) {
        return None;
    }
    let mut message = Message::new();
    message.push("the catalog endpoint answers a code it does not hold with ");
    message.push_u32(endpoint.code);
    message.push(" ");
    message.push_meaning(endpoint);
    message.push(", which this catalog gives to `");
    message.push(entry.variant);
    message.push("` ");
    message.push_meaning(entry);
    message.push(
        ": a client would decode the endpoint's 404 as that variant; give the variant another code",
    );
    Some(message)
}

#[inline]
const fn same_meaning(a: &Entry, b: &Entry) -> bool {
    a.code == b.code && a.status == b.status && str_eq(a.message, b.message)
}

#[inline]
const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The messages of the checks.
impl Message {
    /// `code 40101 means two things in `KmsError`: `
    #[inline]
    const fn push_start(&mut self, scope: &Scope<'_>, code: u32) {
        self.push("code ");
        self.push_u32(code);
        self.push(" means two things in `");
        self.push(scope.name);
        self.push("`: ");
    }

    /// Where a generic type's catalog was met: ``, in the catalog that
    /// `ServiceError` includes through `Wrapped` ``.
    #[inline]
    const fn push_end(&mut self, scope: &Scope<'_>) {
        if let Some((name, variant)) = scope.outer {
            self.push(", in the catalog that `");
            self.push(name);
            self.push("` includes through `");
            self.push(variant);
            self.push("`");
        }
    }

    /// `code 40106 is reserved (merged into 40104)`
    #[inline]
    const fn push_reserved(&mut self, code: u32, reservation: &Reserved) {
        self.push("code ");
        self.push_u32(code);
        self.push(" is reserved");
        if let Some(reason) = reservation.reason {
            self.push(" (");
            self.push(reason);
            self.push(")");
        }
    }

    /// `` `KeyNotFound` (400, "Key not found in the keyVault") ``
    #[inline]
    const fn push_entry(&mut self, entry: &Entry) {
        self.push("`");
        self.push(entry.variant);
        self.push("` ");
        self.push_meaning(entry);
    }

    /// `` of the catalog included through `Standard` ``
    #[inline]
    const fn push_through(&mut self, variant: &str) {
        self.push(" of the catalog included through `");
        self.push(variant);
        self.push("`");
    }

    /// `(400, "Key not found in the keyVault")`
    #[inline]
    const fn push_meaning(&mut self, entry: &Entry) {
        self.push("(");
        self.push_u32(entry.status as u32);
        self.push(", \"");
        self.push(entry.message);
        self.push("\")");
    }
}

#[cfg(test)]
mod tests {
    use std::string::String;
    use std::vec::Vec;

    use crate::catalog::{Entry, Include, Reserved};

    /// The message of `check_include` for `includes[index]` of a type
    /// named `Service` whose own entries are `own`.
    fn composed(own: &[Entry], includes: &[Include], index: usize) -> Option<String> {
        let mut by_code: Vec<u32> = (0..u32::try_from(own.len()).unwrap()).collect();
        by_code.sort_by_key(|&i| own[i as usize].code);
        super::check_include("Service", own, &by_code, &[], includes, index)
            .map(|message| message.as_str().into())
    }

    const STANDARD: &[Entry] = &[
        Entry::new(40101, 401, "Invalid token", "InvalidToken"),
        Entry::new(40013, 400, "Key not found in the keyVault", "KeyNotFound"),
    ];
    const TOKEN: &[Entry] = &[Entry::new(40101, 401, "Token expired", "Expired")];

    /// `own_conflict` over `includes[from..]`: the own index and message.
    fn own_conflict(own: &[Entry], includes: &[Include], from: usize) -> Option<(usize, String)> {
        let mut by_code: Vec<u32> = (0..u32::try_from(own.len()).unwrap()).collect();
        by_code.sort_by_key(|&i| own[i as usize].code);
        let found = super::own_conflict("Service", own, &by_code, includes, from);
        assert_eq!(found.index == usize::MAX, found.include == usize::MAX);
        (found.index != usize::MAX).then(|| (found.index, found.message.as_str().into()))
    }

    #[test]
    fn an_own_code_with_another_meaning() {
        let includes = [Include::new("Standard", STANDARD, &[])];
        let own = [Entry::new(60001, 503, "Sealed", "Sealed"), TOKEN[0]];
        // Reported by `own_conflict`, at the variant, not by the check of
        // the included catalog.
        assert_eq!(composed(&own, &includes, 0), None);
        assert_eq!(
            own_conflict(&own, &includes, 0).unwrap(),
            (1, "code 40101 means two things in `Service`: variant `Expired` (401, \"Token expired\") and `InvalidToken` (401, \"Invalid token\") of the catalog included through `Standard`; give the variant another code, or leave out `status` and `msg` to take the standard entry's".into())
        );
        // An entry that is not the standard one cannot be taken.
        let token = [Include::new("Token", TOKEN, &[])];
        let own = [Entry::new(40101, 401, "Invalid token", "Restated")];
        assert_eq!(
            own_conflict(&own, &token, 0).unwrap(),
            (0, "code 40101 means two things in `Service`: variant `Restated` (401, \"Invalid token\") and `Expired` (401, \"Token expired\") of the catalog included through `Token`; give the variant another code, or the same status and message".into())
        );
        // The same status and message: one meaning.
        let own = [Entry::new(40101, 401, "Invalid token", "Restated")];
        assert_eq!(own_conflict(&own, &includes, 0), None);
        // Only the catalogs from `from` on.
        let own = [TOKEN[0]];
        let includes = [
            Include::new("Standard", STANDARD, &[]),
            Include::new("Other", &[], &[]),
        ];
        assert_eq!(own_conflict(&own, &includes, 1), None);
        assert_eq!(own_conflict(&own, &includes, 0).unwrap().0, 0);
        let includes = [
            Include::new("Other", &[], &[]),
            Include::new("Standard", STANDARD, &[]),
        ];
        let found = super::own_conflict("Service", &own, &[0], &includes, 0);
        assert_eq!((found.index, found.include), (0, 1));
    }

    /// Found past a nested catalog without the code, and for a code that
    /// the standard catalog does not have.
    #[test]
    fn an_own_code_of_a_later_nested_catalog() {
        static SERVICE: [Entry; 1] = [Entry::new(60101, 401, "Token expired", "Expired")];
        static NESTED: [Include; 2] = [
            Include::new("Empty", &[], &[]),
            Include::new("Token", &SERVICE, &[]),
        ];
        let includes = [Include::new("Inner", &[], &NESTED)];
        let own = [Entry::new(60101, 500, "Session expired", "Session")];
        assert_eq!(
            own_conflict(&own, &includes, 0).unwrap(),
            (0, "code 60101 means two things in `Service`: variant `Session` (500, \"Session expired\") and `Expired` (401, \"Token expired\") of the catalog included through `Inner`; give the variant another code, or the same status and message".into())
        );
    }

    /// `fail` panics with the message (in const evaluation, the build's
    /// error), and only then.
    #[test]
    fn a_conflict_fails_with_its_message() {
        let includes = [Include::new("Standard", STANDARD, &[])];
        let own = [TOKEN[0]];
        let found = super::own_conflict("Service", &own, &[0], &includes, 0);
        let panicked = std::panic::catch_unwind(|| found.fail()).unwrap_err();
        assert!(panicked
            .downcast_ref::<String>()
            .unwrap()
            .starts_with("code 40101 means two things in `Service`: variant `Expired`"));
    }

    /// The standard entry of a code (its status and message as the
    /// reference has them) is taken by leaving `status` and `msg` out.
    #[test]
    fn an_own_code_of_the_standard_catalog() {
        static REAL: [Entry; 1] = [Entry::new(
            40013,
            400,
            "Key not found in the keyVault",
            "KeyNotFound",
        )];
        static NESTED: [Include; 1] = [Include::new("Standard", &REAL, &[])];
        let includes = [Include::new("Inner", &[], &NESTED)];
        let own = [
            Entry::new(60001, 503, "Sealed", "Sealed"),
            Entry::new(60002, 503, "Other", "Other"),
            Entry::new(40013, 404, "No such key", "Missing"),
        ];
        assert_eq!(
            own_conflict(&own, &includes, 0).unwrap(),
            (2, "code 40013 means two things in `Service`: variant `Missing` (404, \"No such key\") and `KeyNotFound` (400, \"Key not found in the keyVault\") of the catalog included through `Inner`; give the variant another code, or leave out `status` and `msg` to take the standard entry's".into())
        );
    }

    #[test]
    fn two_catalogs_with_two_meanings() {
        let includes = [
            Include::new("Standard", STANDARD, &[]),
            Include::new("Token", TOKEN, &[]),
        ];
        assert_eq!(composed(&[], &includes, 0), None);
        assert_eq!(
            composed(&[], &includes, 1).unwrap(),
            "code 40101 means two things in `Service`: `InvalidToken` (401, \"Invalid token\") of the catalog included through `Standard` and `Expired` (401, \"Token expired\") of the catalog included through `Token`"
        );
    }

    /// A generic type's catalog, met inside an included one, is checked
    /// as its type checks it after monomorphization; one checked where it
    /// was defined is not checked again.
    #[test]
    fn a_generic_types_catalog_inside_an_included_one() {
        static WRAPPER_INCLUDES: [Include; 2] = [
            Include::new("Standard", STANDARD, &[]),
            super::generic_in(Include::new("Inner", TOKEN, &[]), "Wrapper"),
        ];
        let includes = [Include::new("Wrapped", &[], &WRAPPER_INCLUDES)];
        assert_eq!(
            composed(&[], &includes, 0).unwrap(),
            "code 40101 means two things in `Wrapper`: `InvalidToken` (401, \"Invalid token\") of the catalog included through `Standard` and `Expired` (401, \"Token expired\") of the catalog included through `Inner`, in the catalog that `Service` includes through `Wrapped`"
        );
        static CHECKED_INCLUDES: [Include; 2] = [
            Include::new("Standard", STANDARD, &[]),
            Include::new("Inner", TOKEN, &[]),
        ];
        let includes = [Include::new("Wrapped", &[], &CHECKED_INCLUDES)];
        assert_eq!(composed(&[], &includes, 0), None);
        // The generic type's own entries count too.
        static OWN_INCLUDES: [Include; 1] = [super::generic_in(
            Include::new("Inner", TOKEN, &[]),
            "Wrapper",
        )];
        static WRAPPER_OWN: [Entry; 1] = [Entry::new(40101, 401, "Invalid token", "Own")];
        let includes = [Include::new("Wrapped", &WRAPPER_OWN, &OWN_INCLUDES)];
        assert!(composed(&[], &includes, 0)
            .unwrap()
            .starts_with("code 40101 means two things in `Wrapper`: variant `Own`"));
    }

    /// The message of `check_include` with the type's own reservations.
    fn reserving(
        own: &[Entry],
        reserved: &[Reserved],
        includes: &[Include],
        index: usize,
    ) -> Option<String> {
        let mut by_code: Vec<u32> = (0..u32::try_from(own.len()).unwrap()).collect();
        by_code.sort_by_key(|&i| own[i as usize].code);
        super::check_include("Service", own, &by_code, reserved, includes, index)
            .map(|message| message.as_str().into())
    }

    const RETIRED: &[Reserved] = &[
        Reserved::code(40010),
        Reserved::new(40106, 40109).with_reason("merged into 40104"),
    ];
    const OLD: &[Entry] = &[
        Entry::new(60001, 500, "Sealed", "Sealed"),
        Entry::new(40107, 400, "No matching license found", "NoLicense"),
    ];

    #[test]
    fn an_included_catalog_that_uses_a_reserved_code() {
        let includes = [Include::new("Old", OLD, &[])];
        assert_eq!(
            reserving(&[], RETIRED, &includes, 0).unwrap(),
            "code 40107 is reserved (merged into 40104) in `Service`, but `NoLicense` of the catalog included through `Old` uses it; a reserved code is never used again in the composed catalog"
        );
        // Found at any depth, at either end of a range, without a reason.
        static NESTED: [Include; 1] = [Include::new("Old", OLD, &[])];
        let includes = [Include::new("Outer", &[], &NESTED)];
        assert!(reserving(&[], &[Reserved::new(40100, 40107)], &includes, 0)
            .unwrap()
            .starts_with("code 40107 is reserved in `Service`, but `NoLicense`"));
        assert!(reserving(&[], &[Reserved::new(40107, 40200)], &includes, 0).is_some());
        assert_eq!(
            reserving(&[], &[Reserved::new(40108, 40200)], &includes, 0),
            None
        );
        assert_eq!(
            reserving(&[], &[Reserved::new(40000, 40106)], &includes, 0),
            None
        );
        assert_eq!(reserving(&[], &[], &includes, 0), None);
    }

    #[test]
    fn an_own_code_that_an_included_catalog_reserves() {
        static DEEP: [Include; 1] = [Include::new("Deep", &[], &[]).with_reserved(RETIRED)];
        let includes = [Include::new("Inner", &[], &DEEP)];
        let own = [
            Entry::new(60001, 500, "Sealed", "Sealed"),
            Entry::new(40010, 400, "Reused", "Reused"),
        ];
        assert_eq!(
            reserving(&own, &[], &includes, 0).unwrap(),
            "code 40010 is reserved by the catalog included through `Inner`, but variant `Reused` of `Service` uses it; give the variant another code"
        );
        assert_eq!(reserving(&own[..1], &[], &includes, 0), None);
    }

    #[test]
    fn two_included_catalogs_that_disagree_on_a_reserved_code() {
        let reserving_one = Include::new("Retiring", &[], &[]).with_reserved(RETIRED);
        let using_one = Include::new("Old", OLD, &[]);
        // The later catalog uses what the earlier reserves, and the reverse.
        for (includes, index) in [
            ([reserving_one, using_one], 1),
            ([using_one, reserving_one], 1),
        ] {
            assert_eq!(
                reserving(&[], &[], &includes, index).unwrap(),
                "code 40107 is reserved (merged into 40104) by the catalog included through `Retiring`, but `NoLicense` of the catalog included through `Old` uses it in `Service`"
            );
            assert_eq!(reserving(&[], &[], &includes, 0), None);
        }
    }

    /// Every earlier catalog is compared, the catalog checked with none but
    /// those before it (its own reservations are its type's business).
    #[test]
    fn each_earlier_catalog_and_only_those() {
        let reserving_one = Include::new("Retiring", &[], &[]).with_reserved(RETIRED);
        let using_one = Include::new("Old", OLD, &[]);
        let other = Include::new("Other", &[], &[]);
        let includes = [other, reserving_one, using_one];
        assert!(reserving(&[], &[], &includes, 2)
            .unwrap()
            .contains("through `Retiring`, but `NoLicense` of the catalog included through `Old`"));
        let own_reserved = [Include::new("Own", OLD, &[]).with_reserved(RETIRED)];
        assert_eq!(reserving(&[], &[], &own_reserved, 0), None);
    }

    #[test]
    fn the_endpoint_code_with_another_meaning() {
        let endpoint = Entry::new(
            40400,
            404,
            "Error code not found in the catalog",
            "CodeNotInCatalog",
        );
        let own = [Entry::new(
            40400,
            404,
            "Resource not found",
            "ResourceNotFound",
        )];
        assert_eq!(
            super::endpoint_conflict(&endpoint, &own, &[]).unwrap().as_str(),
            "the catalog endpoint answers a code it does not hold with 40400 (404, \"Error code not found in the catalog\"), which this catalog gives to `ResourceNotFound` (404, \"Resource not found\"): a client would decode the endpoint's 404 as that variant; give the variant another code"
        );
        // Found in an included catalog too; the same meaning is no conflict.
        static NESTED: [Entry; 1] = [Entry::new(
            40400,
            404,
            "Resource not found",
            "ResourceNotFound",
        )];
        let includes = [Include::new("Inner", &NESTED, &[])];
        assert!(super::endpoint_conflict(&endpoint, &[], &includes).is_some());
        assert!(super::endpoint_conflict(&endpoint, &[endpoint], &[]).is_none());
        assert!(super::endpoint_conflict(&endpoint, STANDARD, &[]).is_none());
    }
}
