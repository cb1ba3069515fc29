//! The `detail` format string: which fields it names, and how it is written
//! out. It is read as `format!` reads its string (the grammar of
//! `std::fmt`), and rewritten so that every field it names refers to a
//! named argument of the generated `core::write!` (`{key_id}` to
//! `{__key_id}`, `{0}` to `{__0}`, a width `w$` to `__w$`); specs such as
//! `:>5` or `:?` pass through, written in their one canonical form.

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

    /// The name of the argument of `core::write!` that stands for the field.
    pub(crate) fn argument(&self) -> String {
        format!("__{}", self.written())
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
    /// `p`: the field is a pointer, written as `format!("{:p}", field)`
    /// writes it (its value, not the address of the field).
    Pointer,
    /// A width or precision argument (`{x:w$}`): a `usize`.
    Count,
}

impl FmtTrait {
    /// The `core::fmt` trait the field's type needs; `None` for a count,
    /// whose type `core::write!` requires to be `usize`.
    pub(crate) fn trait_name(self) -> Option<&'static str> {
        Some(match self {
            FmtTrait::Display => "Display",
            FmtTrait::Debug => "Debug",
            FmtTrait::LowerHex => "LowerHex",
            FmtTrait::UpperHex => "UpperHex",
            FmtTrait::Octal => "Octal",
            FmtTrait::Binary => "Binary",
            FmtTrait::LowerExp => "LowerExp",
            FmtTrait::UpperExp => "UpperExp",
            FmtTrait::Pointer => "Pointer",
            FmtTrait::Count => return None,
        })
    }
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
    let chars: Vec<char> = detail.chars().collect();
    let mut cursor = Cursor {
        chars: &chars,
        pos: 0,
    };
    while let Some(c) = cursor.next() {
        match c {
            '{' if cursor.eat('{') => {
                parsed.rewritten.push_str("{{");
                parsed.text.push('{');
            }
            '}' if cursor.eat('}') => {
                parsed.rewritten.push_str("}}");
                parsed.text.push('}');
            }
            '}' => {
                return Err(
                    "detail has a `}` that closes nothing; write `}}` for a literal brace".into(),
                );
            }
            '{' => parse_argument(&mut cursor, &mut parsed)?,
            other => {
                parsed.rewritten.push(other);
                parsed.text.push(other);
            }
        }
    }
    Ok(parsed)
}

/// The characters of the string, read one by one.
struct Cursor<'a> {
    chars: &'a [char],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        let eaten = self.peek() == Some(c);
        if eaten {
            self.pos += 1;
        }
        eaten
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// Decimal digits: `None` when there are none; an error when they are
    /// more than `format!` takes (a `u16`).
    fn integer(&mut self) -> Option<Result<u16, std::num::ParseIntError>> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        if start == self.pos {
            return None;
        }
        let digits: String = self.chars[start..self.pos].iter().collect();
        Some(digits.parse())
    }

    /// An identifier or keyword; empty when there is none here.
    fn word(&mut self) -> String {
        let start = self.pos;
        if self.peek().is_some_and(|c| c == '_' || c.is_alphabetic()) {
            while self.peek().is_some_and(|c| c == '_' || c.is_alphanumeric()) {
                self.pos += 1;
            }
        }
        self.chars[start..self.pos].iter().collect()
    }

    /// The text from `start` to here, for messages.
    fn since(&self, start: usize) -> String {
        self.chars[start..self.pos.min(self.chars.len())]
            .iter()
            .collect()
    }
}

/// A width or precision.
enum Count {
    Implied,
    Literal(u16),
    Field(FieldRef),
}

/// Parses one `{...}` after its `{`, as `format!` does: a field, blanks,
/// optionally `:` and a spec, blanks, `}`.
fn parse_argument(cursor: &mut Cursor, parsed: &mut Detail) -> Result<(), String> {
    let start = cursor.pos - 1;
    let field = match cursor.integer() {
        Some(Ok(index)) => Some(FieldRef::Index(index.into())),
        Some(Err(_)) => {
            return Err(format!(
            "detail has `{}`, which names no field; name the field, as in `{{key_id}}` or `{{0}}`",
            until_close(cursor, start)
        ))
        }
        None => {
            let mut word = cursor.word();
            // `{r#type}`: the field `r#type`, which `{type}` names too.
            if word == "r" && cursor.peek() == Some('#') {
                cursor.pos += 1;
                word = cursor.word();
            }
            match word.as_str() {
                "" => None,
                "_" => {
                    return Err(format!(
                        "detail has `{}`, but `_` is not a field name; write a field of the variant, as in `{{key_id}}` or `{{0}}`",
                        until_close(cursor, start)
                    ))
                }
                _ => Some(FieldRef::Named(word)),
            }
        }
    };
    cursor.skip_whitespace();
    let mut spec = String::new();
    let mut fmt_trait = FmtTrait::Display;
    let has_spec = cursor.eat(':');
    if has_spec {
        fmt_trait = parse_spec(cursor, start, &mut spec, parsed)?;
    }
    cursor.skip_whitespace();
    match cursor.next() {
        Some('}') => {}
        None => {
            return Err(
                "detail has a `{` that is never closed; write `{{` for a literal brace".into(),
            )
        }
        Some('{') => {
            return Err(format!(
                "detail has `{}` with a `{{` inside; write `{{{{` for a literal brace",
                until_close(cursor, start)
            ))
        }
        Some(_) if !has_spec => {
            let inner = until_close(cursor, start);
            let name = inner.trim_start_matches('{').trim_end_matches('}');
            return Err(format!(
                "detail has `{inner}`, but `{name}` is not a field name; write a field of the variant, as in `{{key_id}}` or `{{0}}`"
            ));
        }
        Some(c) => {
            return Err(format!(
                "detail has `{}`, where `{c}` cannot stand; a spec is written as format! reads it, `{{key_id:[[fill]align][sign][#][0][width][.precision][type]}}`",
                until_close(cursor, start)
            ))
        }
    }
    let Some(field) = field else {
        return Err(format!(
            "detail has `{}`, which names no field; name the field, as in `{{key_id}}` or `{{0}}`",
            cursor.since(start)
        ));
    };
    let _ = write!(parsed.rewritten, "{{{}", field.argument());
    if !spec.is_empty() {
        parsed.rewritten.push(':');
        parsed.rewritten.push_str(&spec);
    }
    parsed.rewritten.push('}');
    parsed.uses.push((field, fmt_trait));
    Ok(())
}

/// The text of an argument from `start` to its first `}`, for messages.
fn until_close(cursor: &Cursor, start: usize) -> String {
    let rest = &cursor.chars[start..];
    let end = rest
        .iter()
        .position(|&c| c == '}')
        .map_or(rest.len(), |i| i + 1);
    rest[..end].iter().collect()
}

/// Parses a spec after its `:`, writing it to `spec` in canonical form, the
/// fields it takes a width or precision from (`w$`, `0$`) as arguments;
/// returns the trait its type asks for.
fn parse_spec(
    cursor: &mut Cursor,
    start: usize,
    spec: &mut String,
    parsed: &mut Detail,
) -> Result<FmtTrait, String> {
    // [[fill]align]: any character is a fill before an alignment, even `}`.
    if matches!(cursor.chars.get(cursor.pos + 1), Some('<' | '^' | '>')) {
        spec.extend(cursor.next());
    }
    for flag in ['<', '^', '>'] {
        if cursor.eat(flag) {
            spec.push(flag);
            break;
        }
    }
    // [sign][#]
    for flag in ['+', '-'] {
        if cursor.eat(flag) {
            spec.push(flag);
            break;
        }
    }
    if cursor.eat('#') {
        spec.push('#');
    }
    // [0][width]: `0$` is a width taken from field 0, not the flag.
    let mut width = None;
    if cursor.eat('0') {
        if cursor.eat('$') {
            width = Some(Count::Field(FieldRef::Index(0)));
        } else {
            spec.push('0');
        }
    }
    let width = match width {
        Some(width) => width,
        None => parse_count(cursor, start)?,
    };
    push_count(spec, width, parsed);
    // [.precision]
    if cursor.eat('.') {
        if cursor.peek() == Some('*') {
            return Err(format!(
                "detail has `{}`: a precision of `.*` takes an argument that a detail cannot pass; write `.5` or `.field$`",
                until_close(cursor, start)
            ));
        }
        spec.push('.');
        let precision = parse_count(cursor, start)?;
        push_count(spec, precision, parsed);
    }
    // [type]
    let type_start = cursor.pos;
    let fmt_trait = if cursor.eat('x') {
        if cursor.eat('?') {
            FmtTrait::Debug
        } else {
            FmtTrait::LowerHex
        }
    } else if cursor.eat('X') {
        if cursor.eat('?') {
            FmtTrait::Debug
        } else {
            FmtTrait::UpperHex
        }
    } else if cursor.eat('?') {
        FmtTrait::Debug
    } else {
        match cursor.word().as_str() {
            "" => FmtTrait::Display,
            "o" => FmtTrait::Octal,
            "b" => FmtTrait::Binary,
            "e" => FmtTrait::LowerExp,
            "E" => FmtTrait::UpperExp,
            "p" => FmtTrait::Pointer,
            other => {
                return Err(format!(
                    "detail has `{}`, but `{other}` is not a format type; end the spec with one of `?`, `x?`, `X?`, `x`, `X`, `o`, `b`, `e`, `E`, `p`, or nothing for Display",
                    until_close(cursor, start)
                ))
            }
        }
    };
    spec.extend(&cursor.chars[type_start..cursor.pos]);
    Ok(fmt_trait)
}

/// A width or precision: digits, or a field and `$`.
fn parse_count(cursor: &mut Cursor, start: usize) -> Result<Count, String> {
    match cursor.integer() {
        Some(Ok(n)) if cursor.eat('$') => Ok(Count::Field(FieldRef::Index(n.into()))),
        Some(Ok(n)) => Ok(Count::Literal(n)),
        Some(Err(_)) => Err(format!(
            "detail has `{}`, with a width or precision above 65535, the most that format! takes",
            until_close(cursor, start)
        )),
        None => {
            let before = cursor.pos;
            let word = cursor.word();
            if word.is_empty() {
                return Ok(Count::Implied);
            }
            if !cursor.eat('$') {
                // Not a count: the word is the type.
                cursor.pos = before;
                return Ok(Count::Implied);
            }
            if word == "_" {
                return Err(format!(
                    "detail has `{}`, but `_$` names no field",
                    until_close(cursor, start)
                ));
            }
            Ok(Count::Field(FieldRef::Named(word)))
        }
    }
}

fn push_count(spec: &mut String, count: Count, parsed: &mut Detail) {
    match count {
        Count::Implied => {}
        Count::Literal(n) => {
            let _ = write!(spec, "{n}");
        }
        Count::Field(field) => {
            spec.push_str(&field.argument());
            spec.push('$');
            parsed.uses.push((field, FmtTrait::Count));
        }
    }
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
        use FmtTrait::{
            Binary, Debug, Display, LowerExp, LowerHex, Octal, Pointer, UpperExp, UpperHex,
        };
        let traits: Vec<FmtTrait> =
            parse("{a:x}{a:#X}{a:o}{a:b}{a:e}{a:E}{a:#x?}{a:08}{a:p}{a:X?}{a:?}{a:}")
                .unwrap()
                .uses
                .into_iter()
                .map(|(_, t)| t)
                .collect();
        assert_eq!(
            traits,
            [
                LowerHex, UpperHex, Octal, Binary, LowerExp, UpperExp, Debug, Display, Pointer,
                Debug, Debug, Display
            ]
        );
    }

    /// What `format!` reads, written in one form: blanks dropped, an empty
    /// spec dropped, any character a fill before an alignment.
    #[test]
    fn specs_are_read_as_format_reads_them() {
        for (input, rewritten) in [
            ("{0:}>5}", "{__0:}>5}"),
            ("{0:{>5}", "{__0:{>5}"),
            ("{0:>>}", "{__0:>>}"),
            ("{x }", "{__x}"),
            ("{x :x }", "{__x:x}"),
            ("{x:}", "{__x}"),
            ("{x: }", "{__x}"),
            ("{x: >5}", "{__x: >5}"),
            ("{x:+#010.3e}", "{__x:+#010.3e}"),
            ("{x:-}", "{__x:-}"),
            ("{x:0$}", "{__x:__0$}"),
            ("{x:00$}", "{__x:0__0$}"),
            ("{x:01$.w$x?}", "{__x:0__1$.__w$x?}"),
            ("{x:.}", "{__x:.}"),
            ("{x:5.}", "{__x:5.}"),
            ("{x:007}", "{__x:07}"),
            ("{01}", "{__1}"),
            ("{r#type}", "{__type}"),
            ("{r}", "{__r}"),
            ("{r:>2}", "{__r:>2}"),
            ("{x\n}", "{__x}"),
        ] {
            let input = input.replace("\\n", "\n");
            assert_eq!(parse(&input).unwrap().rewritten, rewritten, "{input}");
        }
        let detail = parse("{x:w$} {y:.1$}").unwrap();
        assert_eq!(
            detail.uses,
            vec![
                (FieldRef::Named("w".into()), FmtTrait::Count),
                (FieldRef::Named("x".into()), FmtTrait::Display),
                (FieldRef::Index(1), FmtTrait::Count),
                (FieldRef::Named("y".into()), FmtTrait::Display),
            ]
        );
        assert_eq!(detail.text, " ");
    }

    #[test]
    fn mistakes_are_explained() {
        for (input, expected) in [
            ("{", "never closed"),
            ("}", "closes nothing"),
            ("{}", "names no field"),
            ("{:>5}", "names no field"),
            ("{key-id}", "not a field name"),
            ("{_}", "not a field name"),
            ("{ x}", "not a field name"),
            ("{70000}", "names no field"),
            ("{x:.*}", ".*"),
            ("{a{b}", "inside"),
            ("{x", "never closed"),
            ("{x:>5", "never closed"),
            ("{x:y}", "`y` is not a format type"),
            ("{x:w}", "`w` is not a format type"),
            ("{x:1_0}", "`_0` is not a format type"),
            ("{x:?#}", "`#` cannot stand"),
            ("{x:x5}", "`5` cannot stand"),
            ("{x:-+}", "`+` cannot stand"),
            ("{x:  >5}", "`>` cannot stand"),
            ("{x:70000}", "above 65535"),
            ("{x:.70000}", "above 65535"),
            ("{x:_$}", "`_$` names no field"),
        ] {
            let error = parse(input).unwrap_err();
            assert!(error.contains(expected), "{input}: {error}");
        }
    }
}
