//! A field whose `Display` returns `Err` on its own (against std's contract,
//! which allows an error only when the writer fails): skms never turns it
//! into a panic. What the field wrote before failing stays, and the detail
//! stops there, on every path that writes one (`detail()`, `Display`,
//! `to_json_vec`, the gRPC status, the policy's log); `Serialize`, whose API
//! can report an error, reports it. An error of the writer itself is still
//! passed on.

use core::fmt::{self, Write as _};

use skms_core::SkmsError;

/// Writes "par" then fails, as a buggy `Display` might.
#[derive(Debug, Clone, Copy)]
struct Failing;

impl fmt::Display for Failing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("par")?;
        Err(fmt::Error)
    }
}

#[derive(Debug, SkmsError)]
enum Inner {
    /// A detail of text and a field: the plain writer.
    #[skms(code = 60001, status = 500, msg = "Plain", detail = "at {0} end")]
    Plain(Failing),
    /// A field with a spec: the `write!` writer.
    #[skms(code = 60002, status = 500, msg = "Spec", detail = "at {0:>4} end")]
    Spec(Failing),
    /// The field alone.
    #[skms(code = 60003, status = 400, msg = "Alone", detail = "{0}")]
    Alone(Failing),
}

#[derive(Debug, SkmsError)]
enum Outer {
    #[skms(transparent)]
    Inner(Inner),
}

/// Every variant, as its detail reads up to the failing field.
fn cases() -> [(Inner, &'static str); 3] {
    [
        (Inner::Plain(Failing), "at par"),
        (Inner::Spec(Failing), "at par"),
        (Inner::Alone(Failing), "par"),
    ]
}

#[test]
fn detail_keeps_what_was_written() {
    for (error, written) in cases() {
        assert_eq!(error.detail().as_deref(), Some(written), "{error:?}");
        assert_eq!(Outer::Inner(error).detail().as_deref(), Some(written));
    }
}

#[test]
fn display_keeps_what_was_written_and_to_string_does_not_panic() {
    for (error, written) in cases() {
        let expected = format!("[{}] {}: {written}", error.code(), error.message());
        assert_eq!(error.to_string(), expected);
        assert_eq!(Outer::Inner(error).to_string(), expected);
    }
}

#[test]
fn to_json_vec_keeps_what_was_written() {
    for (error, written) in cases() {
        let expected = format!(
            r#"{{"code":{},"message":"{}","detail":"{written}"}}"#,
            error.code(),
            error.message()
        );
        assert_eq!(
            String::from_utf8(skms_core::to_json_vec(&error)).unwrap(),
            expected
        );
        let outer = Outer::Inner(error);
        assert_eq!(
            String::from_utf8(skms_core::to_json_vec(&outer)).unwrap(),
            expected
        );
    }
}

#[test]
fn serialize_reports_the_error() {
    for (error, _) in cases() {
        let message = serde_json::to_string(&error).unwrap_err().to_string();
        assert!(message.contains("Display"), "{error:?}: {message}");
        let outer = Outer::Inner(error);
        assert!(serde_json::to_string(&outer).is_err());
        let dynamic: &dyn SkmsError = &outer;
        assert!(serde_json::to_string(dynamic).is_err());
    }
}

/// A writer that fails: its error is the one `Display` passes on, the
/// field's own error aside.
struct Full {
    written: String,
    room: usize,
}

impl fmt::Write for Full {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.written.len() + s.len() > self.room {
            return Err(fmt::Error);
        }
        self.written.push_str(s);
        Ok(())
    }
}

#[test]
fn an_error_of_the_writer_is_still_passed_on() {
    #[derive(Debug, SkmsError)]
    #[skms(code = 60004, status = 500, msg = "M", detail = "long detail {0}")]
    struct Fine(u32);

    // Room for "[60004] M: long" only: the writer fails inside the detail.
    let mut out = Full {
        written: String::new(),
        room: 15,
    };
    assert!(write!(out, "{}", Fine(7)).is_err());
    // In the failing field too: the writer's error is passed on.
    let mut out = Full {
        written: String::new(),
        room: 14,
    };
    assert!(write!(out, "{}", Inner::Plain(Failing)).is_err());
    let mut out = Full {
        written: String::new(),
        room: 14,
    };
    assert!(write!(out, "{}", Inner::Spec(Failing)).is_err());
    let mut out = Full {
        written: String::new(),
        room: 100,
    };
    assert!(write!(out, "{}", Inner::Spec(Failing)).is_ok());
    assert_eq!(out.written, "[60002] Spec: at par");
}

#[cfg(feature = "tonic")]
#[test]
fn grpc_status_keeps_what_was_written() {
    use skms_core::Decoded;

    // A 4xx detail is sent under the default policy.
    let status = tonic::Status::from(Inner::Alone(Failing));
    let decoded = Decoded::<Inner>::from_status(&status).unwrap().unwrap();
    assert_eq!(decoded.body().code, 60003);
    assert_eq!(decoded.detail(), Some("par"));
}

#[path = "support/round_trip.rs"]
mod round_trip;

/// A field whose `Display` fails has no `FromStr` either: nothing to read
/// back; the spec is never rebuilt (issue 21, item 7).
#[test]
fn every_rebuilt_variant_round_trips() {
    round_trip::not_read_back(&[Inner::Plain(Failing), Inner::Alone(Failing)]);
    round_trip::never_rebuilt(&[Inner::Spec(Failing)]);
    round_trip::not_read_back(&[Outer::Inner(Inner::Plain(Failing))]);
}
