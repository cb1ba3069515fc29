//! The gRPC codes that `#[skms(grpc = "...")]` names: the variants of
//! `tonic::Code` in `snake_case`, each with its value on the wire. The derive
//! writes the value into the variant's entry; skms-core's `tonic` feature
//! reads it back as a `tonic::Code` (its tests check every name against
//! tonic's).

/// Every error code of gRPC, in the order of their values. `ok` (0) is not
/// one: a status with it is a success.
const CODES: &[(&str, u8)] = &[
    ("cancelled", 1),
    ("unknown", 2),
    ("invalid_argument", 3),
    ("deadline_exceeded", 4),
    ("not_found", 5),
    ("already_exists", 6),
    ("permission_denied", 7),
    ("resource_exhausted", 8),
    ("failed_precondition", 9),
    ("aborted", 10),
    ("out_of_range", 11),
    ("unimplemented", 12),
    ("internal", 13),
    ("unavailable", 14),
    ("data_loss", 15),
    ("unauthenticated", 16),
];

/// The value of the gRPC code `name`, or the message of the error: what is
/// wrong with the name, the code the user likely meant, and every name.
pub(crate) fn code(name: &str) -> Result<u8, String> {
    for &(known, value) in CODES {
        if known == name {
            return Ok(value);
        }
    }
    let mut names = Vec::new();
    for (known, _) in CODES {
        names.push(format!("`{known}`"));
    }
    let expected = format!("`grpc` takes one of {}", crate::keys::join(&names));
    if squashed(name) == "ok" {
        return Err(format!(
            "`{name}` is not an error code: a gRPC status with it is a success; {expected}"
        ));
    }
    Err(match closest(name) {
        Some(known) => format!("unknown gRPC code `{name}`; did you mean `{known}`? {expected}"),
        None => format!("unknown gRPC code `{name}`; {expected}"),
    })
}

/// The name that `name` is most likely a misspelling of: the same letters
/// in another case or with other separators (`FailedPrecondition`,
/// `FAILED_PRECONDITION`, `failed-precondition`), or a typo away.
fn closest(name: &str) -> Option<&'static str> {
    let wanted = squashed(name);
    for &(known, _) in CODES {
        if squashed(known) == wanted {
            return Some(known);
        }
    }
    // The first of the nearest names, at most a quarter of its length (and
    // at least one edit) away.
    let mut closest = None;
    let mut nearest = usize::MAX;
    for &(known, _) in CODES {
        let distance = crate::keys::distance(&wanted, &squashed(known));
        if distance <= (known.len() / 4).max(1) && distance < nearest {
            nearest = distance;
            closest = Some(known);
        }
    }
    closest
}

/// `name` in lowercase without separators.
fn squashed(name: &str) -> String {
    let mut squashed = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            squashed.push(c.to_ascii_lowercase());
        }
    }
    squashed
}

#[cfg(test)]
mod tests {
    use super::code;

    #[test]
    fn names_and_near_misses() {
        assert_eq!(code("failed_precondition"), Ok(9));
        assert_eq!(code("unauthenticated"), Ok(16));
        assert_eq!(code("cancelled"), Ok(1));
        for (wrong, meant) in [
            ("FailedPrecondition", "failed_precondition"),
            ("NOT_FOUND", "not_found"),
            ("canceled", "cancelled"),
            ("already-exists", "already_exists"),
            ("unavailible", "unavailable"),
            // Two edits, within a quarter of a long name.
            ("invalid_arguemnt", "invalid_argument"),
        ] {
            let message = code(wrong).unwrap_err();
            assert!(
                message.contains(&format!("did you mean `{meant}`?")),
                "{wrong}: {message}"
            );
        }
        let message = code("teapot").unwrap_err();
        assert!(message.starts_with(
            "unknown gRPC code `teapot`; `grpc` takes one of `cancelled`, `unknown`,"
        ));
        assert!(message.ends_with("`data_loss` and `unauthenticated`"));
        assert!(code("OK")
            .unwrap_err()
            .starts_with("`OK` is not an error code"));
    }
}
