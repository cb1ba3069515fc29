//! The `detail` format string: which fields it names, and how it is written
//! out. The string is rewritten so that every field it names refers to a
//! binding of the generated match arm (`{key_id}` to `{__key_id}`, `{0}` to
//! `{__0}`); specs such as `:>5` or `:?` pass through to `core::write!`.

use std::fmt::Write as _;

/// A field named by the format string.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) enum FieldRef {
    Named(String),
    Index(usize),
}

impl FieldRef {
    /// How the format string names it, for messages.
    pub(crate) fn written(&self) -> String {
        match self {
            FieldRef::Named(name) => name.clone(),
            FieldRef::Index(index) => index.to_string(),
        }
    }

    /// The identifier the generated code binds the field to.
    pub(crate) fn binding(&self) -> String {
        match self {
            FieldRef::Named(name) => format!("__{name}"),
            FieldRef::Index(index) => format!("__{index}"),
        }
    }
}

/// Which formatting trait a spec asks of the field.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum FmtTrait {
    Display,
    Debug,
    LowerHex,
    UpperHex,
    Octal,
    Binary,
    LowerExp,
    UpperExp,
    /// A width or precision argument (`{x:w$}`): a `usize`.
    Count,
}

/// A parsed `detail`.
#[derive(Debug)]
pub(crate) struct Detail {
    /// Each field the string names, once, in order of first use, with the
    /// formatting trait of each use.
    pub(crate) uses: Vec<(FieldRef, FmtTrait)>,
    /// The string to hand to `core::write!`.
    pub(crate) rewritten: String,
    /// The text itself, braces unescaped, when the string names no field.
    pub(crate) text: String,
}

impl Detail {
    pub(crate) fn is_static(&self) -> bool {
        self.uses.is_empty()
    }

    /// The fields named, each once.
    pub(crate) fn fields(&self) -> Vec<&FieldRef> {
        let mut fields: Vec<&FieldRef> = Vec::new();
        for (field, _) in &self.uses {
            if !fields.contains(&field) {
                fields.push(field);
            }
        }
        fields
    }
}

/// Parses a `detail` string; the error says what is wrong and how to fix it.
pub(crate) fn parse(detail: &str) -> Result<Detail, String> {
    let mut parsed = Detail {
        uses: Vec::new(),
        rewritten: String::with_capacity(detail.len() + 8),
        text: String::with_capacity(detail.len()),
    };
    let mut chars = detail.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|&(_, next)| next) == Some('{') => {
                chars.next();
                parsed.rewritten.push_str("{{");
                parsed.text.push('{');
            }
            '}' if chars.peek().map(|&(_, next)| next) == Some('}') => {
                chars.next();
                parsed.rewritten.push_str("}}");
                parsed.text.push('}');
            }
            '}' => {
                return Err(
                    "detail has a `}` that closes nothing; write `}}` for a literal brace".into(),
                );
            }
            '{' => {
                let rest = &detail[start + 1..];
                let Some(len) = rest.find('}') else {
                    return Err(
                        "detail has a `{` that is never closed; write `{{` for a literal brace"
                            .into(),
                    );
                };
                let inner = &rest[..len];
                for _ in inner.chars().chain(['}']) {
                    chars.next();
                }
                parse_argument(inner, &mut parsed)?;
            }
            other => {
                parsed.rewritten.push(other);
                parsed.text.push(other);
            }
        }
    }
    Ok(parsed)
}

/// Parses the inside of one `{...}`: a field, then optionally `:` and a spec.
fn parse_argument(inner: &str, parsed: &mut Detail) -> Result<(), String> {
    if inner.contains('{') {
        return Err(format!(
            "detail has `{{{inner}}}` with a `{{` inside; write `{{{{` for a literal brace"
        ));
    }
    let (name, spec) = match inner.split_once(':') {
        Some((name, spec)) => (name, Some(spec)),
        None => (inner, None),
    };
    let Some(field) = field_ref(name) else {
        return Err(if name.is_empty() {
            format!(
                "detail has `{{{inner}}}`, which names no field; name the field, as in `{{key_id}}` or `{{0}}`"
            )
        } else {
            format!(
                "detail has `{{{inner}}}`, but `{name}` is not a field name; write a field of the variant, as in `{{key_id}}` or `{{0}}`"
            )
        });
    };
    let _ = write!(parsed.rewritten, "{{{}", field.binding());
    let mut fmt_trait = FmtTrait::Display;
    if let Some(spec) = spec {
        parsed.rewritten.push(':');
        fmt_trait = parse_spec(inner, spec, parsed)?;
    }
    parsed.rewritten.push('}');
    parsed.uses.push((field, fmt_trait));
    Ok(())
}

/// Copies a spec, rewriting the fields it takes a width or precision from
/// (`w$`, `0$`); returns the trait its type letter asks for.
fn parse_spec(inner: &str, spec: &str, parsed: &mut Detail) -> Result<FmtTrait, String> {
    if spec.contains(".*") {
        return Err(format!(
            "detail has `{{{inner}}}`: a precision of `.*` takes an argument that a detail cannot pass; write `.5` or `.field$`"
        ));
    }
    let bytes: Vec<char> = spec.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_alphanumeric() || bytes[i] == '_') {
                i += 1;
            }
            let word: String = bytes[start..i].iter().collect();
            if i < bytes.len() && bytes[i] == '$' {
                let Some(field) = field_ref(&word) else {
                    return Err(format!(
                        "detail has `{{{inner}}}`, but `{word}$` names no field"
                    ));
                };
                parsed.rewritten.push_str(&field.binding());
                parsed.rewritten.push('$');
                parsed.uses.push((field, FmtTrait::Count));
                i += 1;
            } else {
                parsed.rewritten.push_str(&word);
            }
        } else {
            parsed.rewritten.push(c);
            i += 1;
        }
    }
    // The type is what ends the spec: `?`, `x?`, `x`, `e`, ...
    let fmt_trait = if spec.ends_with('?') {
        FmtTrait::Debug
    } else if spec.ends_with('x') {
        FmtTrait::LowerHex
    } else if spec.ends_with('X') {
        FmtTrait::UpperHex
    } else if spec.ends_with('o') {
        FmtTrait::Octal
    } else if spec.ends_with('b') {
        FmtTrait::Binary
    } else if spec.ends_with('e') {
        FmtTrait::LowerExp
    } else if spec.ends_with('E') {
        FmtTrait::UpperExp
    } else {
        FmtTrait::Display
    };
    Ok(fmt_trait)
}

/// `key_id` or `0`, as a field; `None` for anything else.
fn field_ref(name: &str) -> Option<FieldRef> {
    let name = name.strip_prefix("r#").unwrap_or(name);
    let first = name.chars().next()?;
    if name.chars().all(|c| c.is_ascii_digit()) {
        if name.len() > 1 && first == '0' {
            return None;
        }
        return name.parse().ok().map(FieldRef::Index);
    }
    if (first.is_alphabetic() || first == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_')
        && name != "_"
    {
        return Some(FieldRef::Named(name.to_owned()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{parse, FieldRef, FmtTrait};

    #[test]
    fn rewrites_fields_to_bindings() {
        let detail = parse("keyId : {key_id} ({0:>5}) {{x}} {key_id:?}").unwrap();
        assert_eq!(
            detail.rewritten,
            "keyId : {__key_id} ({__0:>5}) {{x}} {__key_id:?}"
        );
        assert_eq!(
            detail.uses,
            vec![
                (FieldRef::Named("key_id".into()), FmtTrait::Display),
                (FieldRef::Index(0), FmtTrait::Display),
                (FieldRef::Named("key_id".into()), FmtTrait::Debug),
            ]
        );
        assert_eq!(detail.fields().len(), 2);
        assert!(!detail.is_static());
    }

    #[test]
    fn rewrites_width_arguments() {
        let detail = parse("{name:>width$.prec$}").unwrap();
        assert_eq!(detail.rewritten, "{__name:>__width$.__prec$}");
        assert_eq!(detail.uses.len(), 3);
        assert_eq!(
            detail.uses[0],
            (FieldRef::Named("width".into()), FmtTrait::Count)
        );
        assert_eq!(
            detail.uses[2],
            (FieldRef::Named("name".into()), FmtTrait::Display)
        );
    }

    #[test]
    fn static_text_is_unescaped() {
        let detail = parse("use {{braces}}").unwrap();
        assert!(detail.is_static());
        assert_eq!(detail.text, "use {braces}");
        assert_eq!(detail.rewritten, "use {{braces}}");
    }

    #[test]
    fn spec_types_pick_the_trait() {
        use FmtTrait::{Binary, Debug, Display, LowerExp, LowerHex, Octal, UpperExp, UpperHex};
        let traits: Vec<FmtTrait> = parse("{a:x}{a:#X}{a:o}{a:b}{a:e}{a:E}{a:#x?}{a:08}")
            .unwrap()
            .uses
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(
            traits,
            [LowerHex, UpperHex, Octal, Binary, LowerExp, UpperExp, Debug, Display]
        );
    }

    #[test]
    fn mistakes_are_explained() {
        for (input, expected) in [
            ("{", "never closed"),
            ("}", "closes nothing"),
            ("{}", "names no field"),
            ("{:>5}", "names no field"),
            ("{key-id}", "not a field name"),
            ("{01}", "not a field name"),
            ("{x:.*}", ".*"),
            ("{a{b}", "inside"),
        ] {
            let error = parse(input).unwrap_err();
            assert!(error.contains(expected), "{input}: {error}");
        }
    }
}
