//! A tracing subscriber that keeps the events of skms-core, for the tests
//! of what the log receives when a detail is withheld from the client.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// One event, its fields as text.
#[derive(Clone, Debug)]
pub struct Logged {
    pub level: Level,
    pub target: String,
    pub fields: BTreeMap<String, String>,
}

impl Logged {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}

/// The process-wide capture: the servers log from threads of their own, so
/// a thread-local subscriber would miss their events. Tests tell their
/// events apart by their details.
pub struct Capture {
    events: Mutex<Vec<Logged>>,
}

/// The capture, installed as the global subscriber on first use.
pub fn capture() -> &'static Capture {
    static CAPTURE: OnceLock<&'static Capture> = OnceLock::new();
    CAPTURE.get_or_init(|| {
        let capture: &'static Capture = Box::leak(Box::new(Capture {
            events: Mutex::new(Vec::new()),
        }));
        tracing::subscriber::set_global_default(Forward(capture))
            .expect("no other global subscriber in the tests");
        capture
    })
}

impl Capture {
    /// Every event of skms-core so far whose `detail` field is `detail`.
    pub fn with_detail(&self, detail: &str) -> Vec<Logged> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter(|event| event.field("detail") == Some(detail))
            .cloned()
            .collect()
    }

    /// Every event of skms-core so far whose message contains `text`.
    pub fn with_message(&self, text: &str) -> Vec<Logged> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter(|event| event.field("message").is_some_and(|m| m.contains(text)))
            .cloned()
            .collect()
    }
}

struct Forward(&'static Capture);

impl Subscriber for Forward {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("skms_core")
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(BTreeMap::new());
        event.record(&mut fields);
        self.0.events.lock().unwrap().push(Logged {
            level: *event.metadata().level(),
            target: event.metadata().target().to_owned(),
            fields: fields.0,
        });
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

struct Fields(BTreeMap<String, String>);

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().to_owned(), value.to_string());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

/// The `key=value` pairs of a line, as a logfmt reader takes them: a value
/// is a run of characters up to a space, or a quoted string in which `\`
/// escapes the next character (`\n`, `\r`, `\t` read as the characters they
/// name; `\u{..}` is left as it is written); a word without `=` is a key
/// without a value.
pub fn logfmt(line: &str) -> Vec<(String, Option<String>)> {
    /// A quoted string from after its opening quote: its unescaped text.
    fn quoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
        let mut text = String::new();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => text.push('\n'),
                    Some('r') => text.push('\r'),
                    Some('t') => text.push('\t'),
                    Some('u') => text.push_str("\\u"),
                    Some(other) => text.push(other),
                    None => {}
                },
                c => text.push(c),
            }
        }
        text
    }

    let mut pairs = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.peek() == Some(&' ') {
            chars.next();
        }
        let Some(&first) = chars.peek() else {
            return pairs;
        };
        let key = if first == '"' {
            chars.next();
            quoted(&mut chars)
        } else {
            let mut key = String::new();
            while let Some(&c) = chars.peek() {
                if c == ' ' || c == '=' {
                    break;
                }
                key.push(c);
                chars.next();
            }
            key
        };
        let value = if chars.peek() == Some(&'=') {
            chars.next();
            if chars.peek() == Some(&'"') {
                chars.next();
                Some(quoted(&mut chars))
            } else {
                let mut value = String::new();
                while let Some(&c) = chars.peek() {
                    if c == ' ' {
                        break;
                    }
                    value.push(c);
                    chars.next();
                }
                Some(value)
            }
        } else {
            None
        };
        pairs.push((key, value));
    }
}

/// The values of the fields named `key` in `pairs`.
pub fn values<'a>(pairs: &'a [(String, Option<String>)], key: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(name, _)| name == key)
        .filter_map(|(_, value)| value.as_deref())
        .collect()
}
