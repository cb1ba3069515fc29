//! The keys of `#[skms(...)]`, in one table: each key's name and [`Sym`],
//! where it may stand, whether it may stand beside `transparent`, and the
//! other spellings a user may reach for. The parser of `attr.rs` finds a
//! key here and matches on its `Sym` (so a key added to the table and not
//! read is a compile error, and a misspelt `Sym` too, as serde's `Symbol`
//! constants make a misspelt key fail to compile); the placement checks of
//! `ast.rs` and `valid.rs`, the messages and the suggestions for a
//! misspelled key all read the same table.

/// Where an attribute stands, which decides the keys it may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Enum,
    Variant,
    /// A struct: one variant whose attributes are the type's.
    Struct,
    /// A field of a variant or struct.
    Field,
}

/// Which key: what the parser and the checks name a key by, never its text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Sym {
    Code,
    Status,
    Msg,
    Detail,
    Description,
    Doc,
    Grpc,
    Deprecated,
    Range,
    Reserved,
    Transparent,
    PublicDetail,
    InternalDetail,
    Crate,
    StdError,
}

/// A key of `#[skms(...)]`.
pub(crate) struct Key {
    pub(crate) sym: Sym,
    pub(crate) name: &'static str,
    /// The places where it may stand, as the messages list them.
    places: &'static [Place],
    /// Whether it may stand beside `transparent`, whose variant takes
    /// everything else from its field.
    with_transparent: bool,
    /// Other spellings a user may reach for, suggested as this key.
    aliases: &'static [&'static str],
}

impl Key {
    /// Whether the key may stand at `place`.
    pub(crate) fn allowed(&self, place: Place) -> bool {
        self.places.contains(&place)
    }

    /// Whether the key may stand beside `transparent`.
    pub(crate) fn with_transparent(&self) -> bool {
        self.with_transparent
    }
}

use Place::{Enum, Field, Struct, Variant};

/// Every key, in the order that messages list them. A struct takes the keys
/// of a variant and the enum's; `range` is read on a struct too, though
/// not listed there (a struct has one code).
pub(crate) const KEYS: &[Key] = &[
    key(
        Sym::Code,
        "code",
        &[Variant, Struct],
        false,
        &["error_code", "err_code", "skms_code"],
    ),
    key(
        Sym::Status,
        "status",
        &[Variant, Struct],
        false,
        &["http_status", "status_code", "http"],
    ),
    key(
        Sym::Msg,
        "msg",
        &[Variant, Struct],
        false,
        &["message", "text"],
    ),
    key(
        Sym::Detail,
        "detail",
        &[Variant, Struct, Field],
        false,
        &["details", "detailed"],
    ),
    key(
        Sym::Description,
        "description",
        &[Variant, Struct],
        false,
        &["desc", "describe"],
    ),
    key(
        Sym::Doc,
        "doc",
        &[Variant, Struct],
        false,
        &["docs", "url", "link", "doc_url", "documentation"],
    ),
    key(
        Sym::Grpc,
        "grpc",
        &[Variant, Struct],
        false,
        &["grpc_code", "grpc_status", "tonic"],
    ),
    key(
        Sym::Deprecated,
        "deprecated",
        &[Variant, Struct],
        false,
        &["deprecate", "obsolete", "sunset"],
    ),
    key(
        Sym::Range,
        "range",
        &[Enum],
        true,
        &["ranges", "codes", "code_range"],
    ),
    key(
        Sym::Reserved,
        "reserved",
        &[Enum, Struct],
        true,
        &["reserve", "reserved_codes", "retired", "retire"],
    ),
    key(
        Sym::Transparent,
        "transparent",
        &[Variant, Struct],
        true,
        &["forward", "delegate"],
    ),
    key(
        Sym::PublicDetail,
        "public_detail",
        &[Enum, Variant, Struct],
        false,
        &["public", "expose", "expose_detail"],
    ),
    key(
        Sym::InternalDetail,
        "internal_detail",
        &[Enum, Variant, Struct],
        false,
        &["internal", "private", "redact", "hide_detail"],
    ),
    key(
        Sym::Crate,
        "crate",
        &[Enum, Struct],
        true,
        &["krate", "skms_core"],
    ),
    key(
        Sym::StdError,
        "std_error",
        &[Enum, Struct],
        true,
        &["display", "error", "no_std_error", "thiserror"],
    ),
];

const fn key(
    sym: Sym,
    name: &'static str,
    places: &'static [Place],
    with_transparent: bool,
    aliases: &'static [&'static str],
) -> Key {
    Key {
        sym,
        name,
        places,
        with_transparent,
        aliases,
    }
}

/// The key named `name`, if it is one.
pub(crate) fn find(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|key| key.name == name)
}

/// The keys that may stand at `place`, for messages.
pub(crate) fn expected_keys(place: Place) -> String {
    let mut names = Vec::new();
    for key in KEYS {
        if key.allowed(place) {
            names.push(format!("`{}`", key.name));
        }
    }
    let listed = join(&names);
    match place {
        Enum => format!("on an enum, the keys are {listed}; the others go on each variant"),
        Variant | Struct | Field => format!("the keys are {listed}"),
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn join(items: &[impl AsRef<str>]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [first, middle @ .., last] => {
            let mut joined = first.as_ref().to_owned();
            for item in middle {
                joined.push_str(", ");
                joined.push_str(item.as_ref());
            }
            joined.push_str(" and ");
            joined.push_str(last.as_ref());
            joined
        }
    }
}

/// The key closest to `unknown`, if one is close enough to be a likely typo.
pub(crate) fn suggest(unknown: &str) -> Option<&'static Key> {
    let unknown = unknown.to_ascii_lowercase();
    // The key of the first of the nearest spellings, each at most a third
    // of its length (and at least one edit) away.
    let mut closest = None;
    let mut nearest = usize::MAX;
    for key in KEYS {
        let mut consider = |spelling: &str| {
            let distance = distance(&unknown, spelling);
            if distance <= (spelling.len() / 3).max(1) && distance < nearest {
                nearest = distance;
                closest = Some(key);
            }
        };
        consider(key.name);
        for alias in key.aliases {
            consider(alias);
        }
    }
    closest
}

/// Levenshtein distance between two short ASCII names.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row = Vec::with_capacity(b.len() + 1);
    for j in 0..=b.len() {
        row.push(j);
    }
    for (i, ca) in a.bytes().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::{distance, expected_keys, find, suggest, Key, Place};

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("abc", ""), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("mesage", "msg"), 3);
        assert_eq!(distance("msg", "msg"), 0);
    }

    #[test]
    fn suggests_the_key_a_user_meant() {
        assert_eq!(suggest("mesage").map(|key| key.name), Some("msg"));
        assert_eq!(suggest("message").map(|key| key.name), Some("msg"));
        assert_eq!(suggest("cod").map(|key| key.name), Some("code"));
        assert_eq!(suggest("stauts").map(|key| key.name), Some("status"));
        assert_eq!(suggest("details").map(|key| key.name), Some("detail"));
        assert_eq!(
            suggest("transparant").map(|key| key.name),
            Some("transparent")
        );
        assert_eq!(suggest("Status").map(|key| key.name), Some("status"));
        assert_eq!(suggest("tonic").map(|key| key.name), Some("grpc"));
        // One edit from `desc` (`description`) and from `doc`: the first key.
        assert_eq!(suggest("dsc").map(|key| key.name), Some("description"));
        assert_eq!(suggest("reserve").map(|key| key.name), Some("reserved"));
        assert_eq!(suggest("retired").map(|key| key.name), Some("reserved"));
        assert_eq!(suggest("deprecate").map(|key| key.name), Some("deprecated"));
        assert_eq!(suggest("obsolete").map(|key| key.name), Some("deprecated"));
        assert_eq!(suggest("frobnicate").map(|key| key.name), None);
    }

    /// Every `Sym` is in the table once, under its own name.
    #[test]
    fn every_sym_is_in_the_table_once() {
        use super::{Sym, KEYS};
        for (i, key) in KEYS.iter().enumerate() {
            assert!(
                KEYS[i + 1..]
                    .iter()
                    .all(|other| other.sym != key.sym && other.name != key.name),
                "{:?} twice",
                key.sym
            );
            assert_eq!(find(key.name).map(|found| found.sym), Some(key.sym));
            let spelled = format!("{:?}", key.sym).to_ascii_lowercase();
            assert_eq!(spelled, key.name.replace('_', ""), "{:?}", key.sym);
        }
        assert_eq!(KEYS.len(), 15);
        assert!(KEYS.iter().any(|key| key.sym == Sym::StdError));
    }

    #[test]
    fn places_are_listed_from_the_table() {
        assert_eq!(
            expected_keys(Place::Enum),
            "on an enum, the keys are `range`, `reserved`, `public_detail`, `internal_detail`, `crate` and `std_error`; the others go on each variant"
        );
        assert_eq!(
            expected_keys(Place::Variant),
            "the keys are `code`, `status`, `msg`, `detail`, `description`, `doc`, `grpc`, `deprecated`, `transparent`, `public_detail` and `internal_detail`"
        );
        assert!(find("detail").is_some_and(|key| key.allowed(Place::Field)));
        assert!(!find("code").is_some_and(|key| key.allowed(Place::Field)));
        assert!(find("crate").is_some_and(Key::with_transparent));
        assert!(!find("grpc").is_some_and(Key::with_transparent));
        assert!(find("mesage").is_none());
    }
}
