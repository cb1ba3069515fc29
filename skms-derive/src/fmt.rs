//! The `detail` format string, parsed once: read as `format!` reads its
//! string (the grammar of `std::fmt`) into a [`DetailFormat`], its text and
//! its fields, each field with its spec kept structured (fill, alignment,
//! flags, width and precision, which may name a field too, and the type that
//! picks the formatting trait). `valid.rs` resolves the fields it names;
//! expansion writes from the resolved segments, the string for
//! `core::write!` included ([`DetailFormat::format_string`]).
//!
//! One concern, the grammar of `format!`'s strings: its parser, with a
//! message for each mistake, the structured spec, and writing it back out,
//! with its tests.

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

/// A parsed `detail`: its text and fields, in order. `F` is how a field is
/// referred to: by name or index as written ([`FieldRef`]), then, once
/// `valid.rs` has resolved it, by its position among the fields that the
/// detail binds.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct DetailFormat<F = FieldRef> {
    pub(crate) segments: Vec<Segment<F>>,
}

/// A run of text, or a field, of a `detail`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) enum Segment<F = FieldRef> {
    /// Text, braces unescaped; never empty, never next to another text.
    Text(String),
    /// `{field:spec}`.
    Field { field: F, spec: Spec<F> },
}

/// The spec of a field, `[[fill]align][sign][#][0][width][.precision][type]`,
/// as written after the `:` (blanks dropped).
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct Spec<F = FieldRef> {
    pub(crate) fill: Option<char>,
    /// `<`, `^` or `>`.
    pub(crate) align: Option<char>,
    /// `+` or `-`.
    pub(crate) sign: Option<char>,
    /// `#`.
    pub(crate) alternate: bool,
    /// The `0` flag.
    pub(crate) zero: bool,
    pub(crate) width: Option<Count<F>>,
    /// After a `.`: its count, which `format!` lets the user leave out
    /// ([`Count::Omitted`]).
    pub(crate) precision: Option<Count<F>>,
    pub(crate) ty: FormatType,
}

/// A width or precision: digits, or a field and `$`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) enum Count<F = FieldRef> {
    Literal(u16),
    Field(F),
    /// A `.` with no count after it (`{x:.}`), a precision only as
    /// written; never a width.
    Omitted,
}

/// The type that ends a spec, which picks the formatting trait.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum FormatType {
    /// Nothing: `Display`.
    Display,
    /// `?`.
    Debug,
    /// `x?`: `Debug` with integers in lower-case hex.
    DebugLowerHex,
    /// `X?`.
    DebugUpperHex,
    LowerHex,
    UpperHex,
    Octal,
    Binary,
    LowerExp,
    UpperExp,
    Pointer,
}

impl FormatType {
    /// How a spec writes it.
    fn text(self) -> &'static str {
        match self {
            FormatType::Display => "",
            FormatType::Debug => "?",
            FormatType::DebugLowerHex => "x?",
            FormatType::DebugUpperHex => "X?",
            FormatType::LowerHex => "x",
            FormatType::UpperHex => "X",
            FormatType::Octal => "o",
            FormatType::Binary => "b",
            FormatType::LowerExp => "e",
            FormatType::UpperExp => "E",
            FormatType::Pointer => "p",
        }
    }

    pub(crate) fn fmt_trait(self) -> FmtTrait {
        match self {
            FormatType::Display => FmtTrait::Display,
            FormatType::Debug | FormatType::DebugLowerHex | FormatType::DebugUpperHex => {
                FmtTrait::Debug
            }
            FormatType::LowerHex => FmtTrait::LowerHex,
            FormatType::UpperHex => FmtTrait::UpperHex,
            FormatType::Octal => FmtTrait::Octal,
            FormatType::Binary => FmtTrait::Binary,
            FormatType::LowerExp => FmtTrait::LowerExp,
            FormatType::UpperExp => FmtTrait::UpperExp,
            FormatType::Pointer => FmtTrait::Pointer,
        }
    }
}

impl<F> Spec<F> {
    /// The spec of `{field}`.
    pub(crate) fn none() -> Self {
        Spec {
            fill: None,
            align: None,
            sign: None,
            alternate: false,
            zero: false,
            width: None,
            precision: None,
            ty: FormatType::Display,
        }
    }

    /// Whether the spec says nothing: `{field}`, `{field:}`.
    pub(crate) fn is_empty(&self) -> bool {
        self.fill.is_none()
            && self.align.is_none()
            && self.sign.is_none()
            && !self.alternate
            && !self.zero
            && self.width.is_none()
            && self.precision.is_none()
            && self.ty == FormatType::Display
    }

    /// Writes the spec in its one canonical form, each field as `argument`
    /// names it.
    fn write(&self, out: &mut String, argument: &impl Fn(&F) -> String) {
        out.extend(self.fill);
        out.extend(self.align);
        out.extend(self.sign);
        if self.alternate {
            out.push('#');
        }
        if self.zero {
            out.push('0');
        }
        write_count(out, self.width.as_ref(), argument);
        if let Some(precision) = &self.precision {
            out.push('.');
            write_count(out, Some(precision), argument);
        }
        out.push_str(self.ty.text());
    }
}

fn write_count<F>(out: &mut String, count: Option<&Count<F>>, argument: &impl Fn(&F) -> String) {
    match count {
        None | Some(Count::Omitted) => {}
        Some(Count::Literal(n)) => {
            let _ = write!(out, "{n}");
        }
        Some(Count::Field(field)) => {
            out.push_str(&argument(field));
            out.push('$');
        }
    }
}

impl<F> DetailFormat<F> {
    /// The text, when the detail names no field.
    pub(crate) fn static_text(&self) -> Option<String> {
        let mut text = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Text(run) => text.push_str(run),
                Segment::Field { .. } => return None,
            }
        }
        Some(text)
    }

    /// Each use of a field, in the order `format!` reads them (a width or
    /// precision before the field it formats), with the trait it asks.
    pub(crate) fn uses(&self) -> Vec<(&F, FmtTrait)> {
        let mut uses = Vec::new();
        for segment in &self.segments {
            let Segment::Field { field, spec } = segment else {
                continue;
            };
            if let Some(Count::Field(width)) = &spec.width {
                uses.push((width, FmtTrait::Count));
            }
            if let Some(Count::Field(precision)) = &spec.precision {
                uses.push((precision, FmtTrait::Count));
            }
            uses.push((field, spec.ty.fmt_trait()));
        }
        uses
    }

    /// The fields named, each once, in order of first use.
    pub(crate) fn fields(&self) -> Vec<&F>
    where
        F: PartialEq,
    {
        let mut fields: Vec<&F> = Vec::new();
        for (field, _) in self.uses() {
            if !fields.contains(&field) {
                fields.push(field);
            }
        }
        fields
    }

    /// The same format with each field referred to as `resolve` says.
    pub(crate) fn map<G>(&self, resolve: impl Fn(&F) -> G) -> DetailFormat<G> {
        let count = |count: &Option<Count<F>>| match count {
            None => None,
            Some(Count::Literal(n)) => Some(Count::Literal(*n)),
            Some(Count::Field(field)) => Some(Count::Field(resolve(field))),
            Some(Count::Omitted) => Some(Count::Omitted),
        };
        let mut segments = Vec::with_capacity(self.segments.len());
        for segment in &self.segments {
            segments.push(match segment {
                Segment::Text(text) => Segment::Text(text.clone()),
                Segment::Field { field, spec } => Segment::Field {
                    field: resolve(field),
                    spec: Spec {
                        fill: spec.fill,
                        align: spec.align,
                        sign: spec.sign,
                        alternate: spec.alternate,
                        zero: spec.zero,
                        width: count(&spec.width),
                        precision: count(&spec.precision),
                        ty: spec.ty,
                    },
                },
            });
        }
        DetailFormat { segments }
    }

    /// The string for `core::write!`, each field written as the named
    /// argument `argument` names: braces escaped again, specs in their one
    /// canonical form.
    pub(crate) fn format_string(&self, argument: impl Fn(&F) -> String) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Text(text) => {
                    for c in text.chars() {
                        match c {
                            '{' => out.push_str("{{"),
                            '}' => out.push_str("}}"),
                            c => out.push(c),
                        }
                    }
                }
                Segment::Field { field, spec } => {
                    out.push('{');
                    out.push_str(&argument(field));
                    if !spec.is_empty() {
                        out.push(':');
                        spec.write(&mut out, &argument);
                    }
                    out.push('}');
                }
            }
        }
        out
    }
}

/// Parses a `detail` string; the error says what is wrong and how to fix it.
pub(crate) fn parse(detail: &str) -> Result<DetailFormat, String> {
    let mut segments = Vec::new();
    let mut text = String::with_capacity(detail.len());
    let mut chars = Vec::with_capacity(detail.len());
    for c in detail.chars() {
        chars.push(c);
    }
    let mut cursor = Cursor {
        chars: &chars,
        pos: 0,
    };
    while let Some(c) = cursor.next() {
        match c {
            '{' if cursor.eat('{') => text.push('{'),
            '}' if cursor.eat('}') => text.push('}'),
            '}' => {
                return Err(
                    "detail has a `}` that closes nothing; write `}}` for a literal brace".into(),
                );
            }
            '{' => {
                let (field, spec) = parse_argument(&mut cursor)?;
                if !text.is_empty() {
                    segments.push(Segment::Text(std::mem::take(&mut text)));
                }
                segments.push(Segment::Field { field, spec });
            }
            other => text.push(other),
        }
    }
    if !text.is_empty() {
        segments.push(Segment::Text(text));
    }
    Ok(DetailFormat { segments })
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

    /// The next character, consumed, when it is one of `set`.
    fn eat_one_of(&mut self, set: &[char]) -> Option<char> {
        let c = self.peek()?;
        if !set.contains(&c) {
            return None;
        }
        self.pos += 1;
        Some(c)
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
        Some(self.since(start).parse())
    }

    /// An identifier or keyword; empty when there is none here.
    fn word(&mut self) -> String {
        let start = self.pos;
        if self.peek().is_some_and(|c| c == '_' || c.is_alphabetic()) {
            while self.peek().is_some_and(|c| c == '_' || c.is_alphanumeric()) {
                self.pos += 1;
            }
        }
        self.since(start)
    }

    /// The text from `start` to here.
    fn since(&self, start: usize) -> String {
        let mut text = String::new();
        for &c in &self.chars[start..self.pos.min(self.chars.len())] {
            text.push(c);
        }
        text
    }
}

/// Parses one `{...}` after its `{`, as `format!` does: a field, blanks,
/// optionally `:` and a spec, blanks, `}`.
fn parse_argument(cursor: &mut Cursor) -> Result<(FieldRef, Spec), String> {
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
    let has_spec = cursor.eat(':');
    let spec = if has_spec {
        parse_spec(cursor, start)?
    } else {
        Spec::none()
    };
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
    Ok((field, spec))
}

/// The text of an argument from `start` to its first `}`, for messages.
fn until_close(cursor: &Cursor, start: usize) -> String {
    let mut text = String::new();
    for &c in &cursor.chars[start..] {
        text.push(c);
        if c == '}' {
            break;
        }
    }
    text
}

/// Parses a spec after its `:`.
fn parse_spec(cursor: &mut Cursor, start: usize) -> Result<Spec, String> {
    let mut spec = Spec::none();
    // [[fill]align]: any character is a fill before an alignment, even `}`.
    if matches!(cursor.chars.get(cursor.pos + 1), Some('<' | '^' | '>')) {
        spec.fill = cursor.next();
    }
    spec.align = cursor.eat_one_of(&['<', '^', '>']);
    // [sign][#]
    spec.sign = cursor.eat_one_of(&['+', '-']);
    spec.alternate = cursor.eat('#');
    // [0][width]: `0$` is a width taken from field 0, not the flag.
    if cursor.eat('0') {
        if cursor.eat('$') {
            spec.width = Some(Count::Field(FieldRef::Index(0)));
        } else {
            spec.zero = true;
        }
    }
    if spec.width.is_none() {
        spec.width = parse_count(cursor, start)?;
    }
    // [.precision]
    if cursor.eat('.') {
        if cursor.peek() == Some('*') {
            return Err(format!(
                "detail has `{}`: a precision of `.*` takes an argument that a detail cannot pass; write `.5` or `.field$`",
                until_close(cursor, start)
            ));
        }
        spec.precision = Some(parse_count(cursor, start)?.unwrap_or(Count::Omitted));
    }
    // [type]
    spec.ty = if cursor.eat('x') {
        if cursor.eat('?') {
            FormatType::DebugLowerHex
        } else {
            FormatType::LowerHex
        }
    } else if cursor.eat('X') {
        if cursor.eat('?') {
            FormatType::DebugUpperHex
        } else {
            FormatType::UpperHex
        }
    } else if cursor.eat('?') {
        FormatType::Debug
    } else {
        match cursor.word().as_str() {
            "" => FormatType::Display,
            "o" => FormatType::Octal,
            "b" => FormatType::Binary,
            "e" => FormatType::LowerExp,
            "E" => FormatType::UpperExp,
            "p" => FormatType::Pointer,
            other => {
                return Err(format!(
                    "detail has `{}`, but `{other}` is not a format type; end the spec with one of `?`, `x?`, `X?`, `x`, `X`, `o`, `b`, `e`, `E`, `p`, or nothing for Display",
                    until_close(cursor, start)
                ))
            }
        }
    };
    Ok(spec)
}

/// A width or precision: digits, or a field and `$`; `None` when there is
/// none here.
fn parse_count(cursor: &mut Cursor, start: usize) -> Result<Option<Count>, String> {
    match cursor.integer() {
        Some(Ok(n)) if cursor.eat('$') => Ok(Some(Count::Field(FieldRef::Index(n.into())))),
        Some(Ok(n)) => Ok(Some(Count::Literal(n))),
        Some(Err(_)) => Err(format!(
            "detail has `{}`, with a width or precision above 65535, the most that format! takes",
            until_close(cursor, start)
        )),
        None => {
            let before = cursor.pos;
            let word = cursor.word();
            if word.is_empty() {
                return Ok(None);
            }
            if !cursor.eat('$') {
                // Not a count: the word is the type.
                cursor.pos = before;
                return Ok(None);
            }
            if word == "_" {
                return Err(format!(
                    "detail has `{}`, but `_$` names no field",
                    until_close(cursor, start)
                ));
            }
            Ok(Some(Count::Field(FieldRef::Named(word))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, Count, DetailFormat, FieldRef, FmtTrait, FormatType, Segment, Spec};

    /// The string for `core::write!`, each field as `__name`.
    fn rewritten(detail: &DetailFormat) -> String {
        detail.format_string(|field| format!("__{}", field.written()))
    }

    fn uses(detail: &DetailFormat) -> Vec<(FieldRef, FmtTrait)> {
        detail
            .uses()
            .into_iter()
            .map(|(field, fmt_trait)| (field.clone(), fmt_trait))
            .collect()
    }

    #[test]
    fn writes_fields_as_arguments() {
        let detail = parse("keyId : {key_id} ({0:>5}) {{x}} {key_id:?}").unwrap();
        assert_eq!(
            rewritten(&detail),
            "keyId : {__key_id} ({__0:>5}) {{x}} {__key_id:?}"
        );
        assert_eq!(
            uses(&detail),
            vec![
                (FieldRef::Named("key_id".into()), FmtTrait::Display),
                (FieldRef::Index(0), FmtTrait::Display),
                (FieldRef::Named("key_id".into()), FmtTrait::Debug),
            ]
        );
        assert_eq!(detail.fields().len(), 2);
        assert!(detail.static_text().is_none());
    }

    #[test]
    fn writes_width_arguments() {
        let detail = parse("{name:>width$.prec$}").unwrap();
        assert_eq!(rewritten(&detail), "{__name:>__width$.__prec$}");
        let uses = uses(&detail);
        assert_eq!(uses.len(), 3);
        assert_eq!(uses[0], (FieldRef::Named("width".into()), FmtTrait::Count));
        assert_eq!(uses[2], (FieldRef::Named("name".into()), FmtTrait::Display));
    }

    #[test]
    fn static_text_is_unescaped() {
        let detail = parse("use {{braces}}").unwrap();
        assert_eq!(detail.static_text().as_deref(), Some("use {braces}"));
        assert_eq!(detail.segments, [Segment::Text("use {braces}".into())]);
        assert_eq!(rewritten(&detail), "use {{braces}}");
    }

    #[test]
    fn spec_types_pick_the_trait() {
        use FmtTrait::{
            Binary, Debug, Display, LowerExp, LowerHex, Octal, Pointer, UpperExp, UpperHex,
        };
        let traits: Vec<FmtTrait> =
            parse("{a:x}{a:#X}{a:o}{a:b}{a:e}{a:E}{a:#x?}{a:08}{a:p}{a:X?}{a:?}{a:}")
                .unwrap()
                .uses()
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
            assert_eq!(rewritten_of(&input), rewritten, "{input}");
        }
        let detail = parse("{x:w$} {y:.1$}").unwrap();
        assert_eq!(
            uses(&detail),
            vec![
                (FieldRef::Named("w".into()), FmtTrait::Count),
                (FieldRef::Named("x".into()), FmtTrait::Display),
                (FieldRef::Index(1), FmtTrait::Count),
                (FieldRef::Named("y".into()), FmtTrait::Display),
            ]
        );
        assert_eq!(detail.segments[1], Segment::Text(" ".into()));
    }

    fn rewritten_of(input: &str) -> String {
        rewritten(&parse(input).unwrap())
    }

    /// The spec is kept structured, each part where `format!` reads it.
    #[test]
    fn specs_are_structured() {
        let detail = parse("{x:*^+#08.w$X?}").unwrap();
        let [Segment::Field { field, spec }] = detail.segments.as_slice() else {
            panic!("one field: {detail:?}");
        };
        assert_eq!(*field, FieldRef::Named("x".into()));
        assert_eq!(
            *spec,
            Spec {
                fill: Some('*'),
                align: Some('^'),
                sign: Some('+'),
                alternate: true,
                zero: true,
                width: Some(Count::Literal(8)),
                precision: Some(Count::Field(FieldRef::Named("w".into()))),
                ty: FormatType::DebugUpperHex,
            }
        );
        assert!(!spec.is_empty());
        assert!(Spec::<FieldRef>::none().is_empty());
        assert_eq!(
            parse("{x:}").unwrap().segments,
            parse("{x}").unwrap().segments
        );
        let resolved = detail.map(|field| field.written().len());
        assert_eq!(
            resolved.format_string(|n| format!("a{n}")),
            "{a1:*^+#08.a1$X?}"
        );
        assert_eq!(detail.fields(), [&FieldRef::Named("w".into()), field]);
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
