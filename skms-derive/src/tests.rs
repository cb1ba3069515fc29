//! The derive's own errors, checked without rustc: every `#[derive(SkmsError)]`
//! of the compile-fail suite (`tests/ui/*.rs`) reports exactly the
//! `error: ...` messages of its `.stderr`, in their order (the compiler's own errors, such
//! as a field that is not `Display`, are not the derive's: those files
//! expect none from it), and every derive of the pass tests (`tests/*.rs`)
//! reports none. The ui suite checks the same with rustc, spans included,
//! in minutes; this runs in a second, so that a change to `attr.rs`,
//! `valid.rs` or `fmt.rs` (or each mutant of cargo-mutants) is checked
//! against every case at once. The tests after those read what the derive
//! writes for a few inputs (the composition checks, the bounds of generic
//! impls, the parts that vary with the variants), so that a change to
//! `expand/` is checked in a second too, not only by the workspace's tests
//! that compile it.
//!
//! One concern, the derive checked without rustc: its messages against the
//! ui cases, and what it writes for chosen inputs.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// Each `#[derive(.., SkmsError, ..)]` item of `source`, at any depth
/// (modules, function bodies); items a `macro_rules!` writes (with `$`) are
/// left out.
fn derive_inputs(source: &str) -> Vec<syn::DeriveInput> {
    let tokens = TokenStream::from_str(source).expect("the file tokenizes");
    let mut inputs = Vec::new();
    collect(tokens, &mut inputs);
    inputs
}

fn collect(tokens: TokenStream, inputs: &mut Vec<syn::DeriveInput>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Group(group) => collect(group.stream(), inputs),
            TokenTree::Ident(ident) if ident == "enum" || ident == "struct" || ident == "union" => {
                // Back over the visibility and the outer attributes.
                let mut start = i;
                loop {
                    match (
                        start.checked_sub(2).map(|j| &trees[j]),
                        trees.get(start.wrapping_sub(1)),
                    ) {
                        (Some(TokenTree::Punct(p)), Some(TokenTree::Group(g)))
                            if p.as_char() == '#' && g.delimiter() == Delimiter::Bracket =>
                        {
                            start -= 2;
                        }
                        (_, Some(TokenTree::Ident(ident))) if ident == "pub" => start -= 1,
                        (Some(TokenTree::Ident(ident)), Some(TokenTree::Group(g)))
                            if ident == "pub" && g.delimiter() == Delimiter::Parenthesis =>
                        {
                            start -= 2;
                        }
                        _ => break,
                    }
                }
                // On to the body, or the `;` of a unit or tuple struct.
                let mut end = i + 1;
                while let Some(tree) = trees.get(end) {
                    end += 1;
                    match tree {
                        TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => break,
                        TokenTree::Punct(p) if p.as_char() == ';' => break,
                        _ => {}
                    }
                }
                let item: TokenStream = trees[start..end].iter().cloned().collect();
                let text = item.to_string();
                if !text.contains("SkmsError") || has_dollar(item.clone()) {
                    continue;
                }
                let Ok(input) = syn::parse2::<syn::DeriveInput>(item) else {
                    panic!("cannot read the item {text}");
                };
                let derives_it = input.attrs.iter().any(|attr| {
                    attr.path().is_ident("derive")
                        && quote::ToTokens::to_token_stream(attr)
                            .to_string()
                            .contains("SkmsError")
                });
                if derives_it {
                    inputs.push(input);
                }
            }
            _ => {}
        }
    }
}

/// Whether `tokens` hold a `$`, outside literals: a `macro_rules!` body.
fn has_dollar(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Punct(punct) => punct.as_char() == '$',
        TokenTree::Group(group) => has_dollar(group.stream()),
        _ => false,
    })
}

/// The messages of the `compile_error!`s in `tokens`.
fn errors(tokens: TokenStream) -> Vec<String> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut messages = Vec::new();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) if ident == "compile_error" => {
                if let Some(TokenTree::Group(group)) = trees.get(i + 2) {
                    let message: syn::LitStr =
                        syn::parse2(group.stream()).expect("a compile_error! message");
                    messages.push(message.value());
                }
            }
            TokenTree::Group(group) => messages.extend(errors(group.stream())),
            _ => {}
        }
    }
    messages
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the directory exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    files.sort();
    files
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// With `SKMS_DUMP_DIR` set, writes what the derive generated for the
/// derives of `file` (of the folder `sub`) there, one file per source file,
/// to compare the generated code before and after a change to the
/// expansion: `SKMS_DUMP_DIR=/tmp/before cargo test -p skms-derive --lib`,
/// the same after, then `diff -r`. `SKMS_DUMP_EXTRA` names one more source
/// file to expand (the 1,000-variant crate of `scripts/compile-time.sh`).
fn dump(sub: &str, file: &Path, generated: &[TokenStream]) {
    let Some(dir) = std::env::var_os("SKMS_DUMP_DIR").map(PathBuf::from) else {
        return;
    };
    std::fs::create_dir_all(&dir).unwrap();
    let mut out = String::new();
    for tokens in generated {
        out.push_str(&tokens.to_string());
        out.push('\n');
    }
    let name = format!(
        "{}__{}.txt",
        sub.replace('/', "_"),
        file.file_stem().unwrap().to_string_lossy()
    );
    std::fs::write(dir.join(name), out).unwrap();
}

#[test]
fn ui_cases_report_their_stderr() {
    let files = rust_files(&workspace().join("tests/ui"));
    assert!(files.len() > 50);
    let mut failures = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let stderr = std::fs::read_to_string(file.with_extension("stderr")).unwrap();
        let expected: Vec<String> = stderr
            .lines()
            .filter_map(|line| line.strip_prefix("error: "))
            .map(str::to_owned)
            .collect();
        let generated: Vec<TokenStream> = derive_inputs(&source)
            .iter()
            .map(crate::expand::derive)
            .collect();
        dump("tests/ui", &file, &generated);
        let actual: Vec<String> = generated.into_iter().flat_map(errors).collect();
        if expected != actual {
            failures.push(format!(
                "{}:\n  expected {expected:#?}\n  derived {actual:#?}",
                file.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn pass_cases_report_nothing() {
    let mut derives = 0;
    let extra = std::env::var_os("SKMS_DUMP_EXTRA").map(|file| ("extra", PathBuf::from(file)));
    let files = ["tests", "examples", "benches"]
        .into_iter()
        .flat_map(|sub| {
            rust_files(&workspace().join(sub))
                .into_iter()
                .map(move |file| (sub, file))
        })
        .chain(extra);
    for (sub, file) in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let mut generated = Vec::new();
        for input in derive_inputs(&source) {
            derives += 1;
            let tokens = crate::expand::derive(&input);
            let errors = errors(tokens.clone());
            assert!(
                errors.is_empty(),
                "{}: `{}`: {errors:?}",
                file.display(),
                input.ident
            );
            generated.push(tokens);
        }
        dump(sub, &file, &generated);
    }
    assert!(derives > 50, "only {derives} derives");
}

/// The traits that `tokens` implement (`impl .. Trait for ..`, the trait's
/// path as text, the impl's generics left out) and the macros they call
/// (`integrations!`, whose impls depend on skms-core's features).
fn implemented(tokens: TokenStream) -> std::collections::BTreeSet<String> {
    let mut found = std::collections::BTreeSet::new();
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < trees.len() {
        match &trees[i] {
            TokenTree::Ident(ident) if ident == "impl" => {
                let mut j = i + 1;
                // The impl's generics, `<..>`, skipped.
                let mut depth = 0;
                while let Some(tree) = trees.get(j) {
                    match tree {
                        TokenTree::Punct(punct) if punct.as_char() == '<' => depth += 1,
                        TokenTree::Punct(punct) if punct.as_char() == '>' => depth -= 1,
                        _ if depth == 0 => break,
                        _ => {}
                    }
                    j += 1;
                    if depth == 0 {
                        break;
                    }
                }
                let mut path = String::new();
                while let Some(tree) = trees.get(j) {
                    match tree {
                        TokenTree::Ident(ident) if ident == "for" => {
                            found.insert(path);
                            break;
                        }
                        // An inherent impl.
                        TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => break,
                        tree => path.push_str(&tree.to_string()),
                    }
                    j += 1;
                }
                i = j;
            }
            TokenTree::Ident(ident) if ident == "integrations" => {
                found.insert("integrations!".to_owned());
            }
            TokenTree::Group(group) => found.extend(implemented(group.stream())),
            _ => {}
        }
        i += 1;
    }
    found
}

/// After a mistake, the fallback implements every trait that the derive
/// implements (the integrations' through the same `integrations!`), so
/// that no use of the type adds an error: with and without
/// `std_error = false`, for a generic type, with `#[from]`.
#[test]
fn the_fallback_implements_what_the_derive_does() {
    let cases = [
        (
            quote::quote! {
                enum KmsError<E> {
                    #[skms(code = 60001, status = 500, msg = "Storage failed", detail = "{0}")]
                    Storage(#[from] std::io::Error),
                    #[skms(transparent)]
                    Standard(#[from] StandardError),
                    #[skms(transparent)]
                    Inner(E),
                    #[skms(code = 40013)]
                    KeyNotFound { #[skms(detail)] key_id: String },
                }
            },
            9,
        ),
        (
            quote::quote! {
                #[skms(std_error = false)]
                enum Shared {
                    #[error("key not found")]
                    #[skms(code = 40013)]
                    KeyNotFound(#[from] std::io::Error),
                }
            },
            5,
        ),
    ];
    for (case, traits) in cases {
        let right: syn::DeriveInput = syn::parse2(case.clone()).unwrap();
        let derived = crate::expand::derive(&right);
        assert_eq!(errors(derived.clone()), Vec::<String>::new());
        // The same type with a mistake in its first variant's attribute.
        let wrong = syn::parse2(
            case.to_string()
                .replacen("code =", "cod =", 1)
                .parse()
                .unwrap(),
        )
        .unwrap();
        let fallback = crate::expand::derive(&wrong);
        assert_eq!(errors(fallback.clone()).len(), 1);
        let (derived, fallback) = (implemented(derived), implemented(fallback));
        assert_eq!(derived, fallback);
        assert_eq!(derived.len(), traits, "{derived:?}");
        assert!(
            derived.iter().any(|t| t.ends_with("FromBody")),
            "{derived:?}"
        );
        assert!(derived.contains("integrations!"), "{derived:?}");
        assert_eq!(
            derived.iter().any(|t| t.contains("From<")),
            traits > 5,
            "{derived:?}"
        );
    }
}

/// The standard codes that the derive knows (where a variant that gives
/// one another meaning is reported at its code) are the catalog's, read
/// from `StandardError`'s attributes.
#[test]
fn the_standard_codes_are_the_catalogs() {
    let source = std::fs::read_to_string(workspace().join("skms-core/src/standard.rs")).unwrap();
    let codes: Vec<u32> = source
        .split("code = ")
        .skip(1)
        .map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().unwrap()
        })
        .collect();
    assert_eq!(codes, crate::expand::STANDARD_CODES);
}

/// After a mistake in `#[from]` itself, the fallback writes no `From` that
/// would add an error: one impl for two variants from one type (the second
/// is the mistake), none for `#[from]` with arguments.
#[test]
fn the_fallback_writes_no_from_that_conflicts() {
    let input: syn::DeriveInput = syn::parse_quote! {
        enum KmsError {
            #[skms(code = 60001, status = 500, msg = "Storage failed")]
            Storage(#[from] std::io::Error),
            #[skms(code = 60002, status = 503, msg = "Unreachable")]
            Unreachable(#[from] std::io::Error),
            #[skms(code = 60003, status = 500, msg = "Format")]
            Format(#[from(x)] std::fmt::Error),
        }
    };
    let tokens = crate::expand::derive(&input);
    assert_eq!(errors(tokens.clone()).len(), 2);
    let text = tokens.to_string();
    assert_eq!(
        text.matches("From < std :: io :: Error >").count(),
        1,
        "{text}"
    );
    assert!(!text.contains("From < std :: fmt :: Error >"), "{text}");
}

/// A `#[from]` on a variant is reported with that variant's other
/// mistakes, after those of the variants before it, as rustc reports
/// errors in source order.
#[test]
fn a_misplaced_from_is_reported_in_its_variants_order() {
    let input: syn::DeriveInput = syn::parse_quote! {
        enum KmsError {
            #[skms(code = 60001, status = 500)]
            Storage(std::io::Error),
            #[from]
            #[skms(code = 60002, status = 503, msg = "Unreachable")]
            Unreachable(std::io::Error),
        }
    };
    let errors = errors(crate::expand::derive(&input));
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("msg"), "{errors:?}");
    assert!(
        errors[1].starts_with("#[from] goes on a field, the one that `Unreachable` holds"),
        "{errors:?}"
    );
}

/// The check of the own codes against the included catalogs: written for a
/// type with own variants and transparent ones, with an arm (at the code)
/// for each own variant whose code is a standard one and one for each
/// transparent variant; none for a type without own variants. (Where
/// rustc reports each: the ui cases `code_conflict_with_*`.)
#[test]
fn the_own_codes_are_checked_against_the_included_catalogs() {
    let input: syn::DeriveInput = syn::parse_quote! {
        enum KmsError {
            #[skms(code = 60001, status = 500, msg = "Storage failed")]
            Storage,
            #[skms(code = 40013, status = 404, msg = "No such key")]
            Missing,
            #[skms(transparent)]
            Standard(StandardError),
            #[skms(transparent)]
            Token(TokenError),
        }
    };
    let text = crate::expand::derive(&input).to_string();
    assert_eq!(text.matches("own_conflict").count(), 1, "{text}");
    // The standard code's arm (entry 1), and the transparent variants'.
    assert_eq!(
        text.matches("__SkmsOwnConflict :: fail").count(),
        3,
        "{text}"
    );
    assert!(
        text.contains(
            "match __conflict . index { 1 => __SkmsOwnConflict :: fail (& __conflict) , _ => match __conflict . include { 0 =>"
        ),
        "{text}"
    );
    let input: syn::DeriveInput = syn::parse_quote! {
        enum Gateway {
            #[skms(transparent)]
            Standard(StandardError),
        }
    };
    let text = crate::expand::derive(&input).to_string();
    assert!(!text.contains("own_conflict"), "{text}");
}

/// An entry is marked rebuilt or not by its constructor; the derive adds
/// `with_rebuilt` only where the variant's fields make it differ from what
/// its detail alone says, and groups the variants read back by their list
/// of field types.
#[test]
fn rebuilt_marks_and_read_lists() {
    let expand = |input: syn::DeriveInput| crate::expand::derive(&input).to_string();
    let plain = expand(syn::parse_quote! {
        enum E {
            #[skms(code = 1, status = 400, msg = "a", detail = "id {id}")]
            A { id: String },
            #[skms(code = 2, status = 400, msg = "b", detail = "{0}: {1}")]
            B(String, u32),
            #[skms(code = 3, status = 400, msg = "c", detail = "gone: {id}")]
            C { id: String },
            #[skms(code = 4, status = 400, msg = "d")]
            D,
            #[skms(code = 5, status = 400, msg = "e", detail = "{0:?}")]
            F(String),
        }
    });
    assert!(!plain.contains("with_rebuilt"), "{plain}");
    // Two lists: (String) for A and C, (String, u32) for B.
    assert!(
        plain.contains("0 | 2 => return Self :: __skms_read_list_0"),
        "{plain}"
    );
    assert!(
        plain.contains("1 => return Self :: __skms_read_list_1"),
        "{plain}"
    );
    assert!(!plain.contains("__skms_read_list_2"), "{plain}");
    // One reading function per field type.
    assert!(plain.contains("fn __skms_read_1"), "{plain}");
    assert!(!plain.contains("fn __skms_read_2"), "{plain}");
    let differing = expand(syn::parse_quote! {
        enum E {
            #[skms(code = 1, status = 400, msg = "a", detail = "id {id}")]
            LeftOut { id: String, other: u32 },
            #[skms(code = 2, status = 400, msg = "b")]
            NoDetail(u32),
            #[skms(code = 3, status = 400, msg = "c")]
            Marked(#[skms(detail)] u32),
        }
    });
    // A field whose type is a parameter is never read: marked never.
    let generic = expand(syn::parse_quote! {
        enum G<T> {
            #[skms(code = 1, status = 400, msg = "a", detail = "id {id}")]
            Param { id: T },
            #[skms(code = 2, status = 400, msg = "b", detail = "id {id}")]
            Plain { id: String },
        }
    });
    assert_eq!(generic.matches("with_rebuilt").count(), 1, "{generic}");
    assert!(!generic.contains("__skms_read_list_1"), "{generic}");
    // Never, though a plain detail and no detail say otherwise; the marked
    // field is read from the detail, as its plain detail says.
    assert_eq!(differing.matches("with_rebuilt").count(), 2, "{differing}");
    // With skms-derive's `utoipa`, the entry is in `with_detail_template`.
    let unwrapped = differing.replace(":: skms_core :: __private :: with_detail_template (", "");
    assert!(
        unwrapped.contains("with_rebuilt (__skms_entry_plain_detail (1 ,"),
        "{differing}"
    );
    assert!(
        differing.contains("\"NoDetail\" , \"{\\\"code\\\":2,\\\"message\\\":\\\"b\\\"\") , 3)"),
        "{differing}"
    );
}

/// Each included catalog is listed in `INCLUDES` and checked at its
/// variant: in `const _` items for a type without parameters; for a
/// generic type, the catalogs that name no parameter in `const _`, and from
/// the first that names one on, after monomorphization (`__SKMS_COMPOSED`),
/// marked `generic_in`.
#[test]
fn included_catalogs_are_listed_and_checked() {
    let input: syn::DeriveInput = syn::parse_quote! {
        enum KmsError {
            #[skms(transparent)]
            Standard(StandardError),
            #[skms(transparent)]
            Token(TokenError),
        }
    };
    let text = crate::expand::derive(&input).to_string();
    assert_eq!(text.matches("check_include").count(), 2, "{text}");
    for (index, variant) in ["Standard", "Token"].iter().enumerate() {
        assert!(
            text.contains(&format!("Include :: new (\"{variant}\"")),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "& __SKMS_RESERVED , < KmsError as :: skms_core :: Catalog > :: INCLUDES , {index} ,"
            )),
            "{text}"
        );
    }
    assert!(!text.contains("__SKMS_COMPOSED"), "{text}");
    assert!(
        text.contains("KmsError :: Token { 0 : __field , .. } => :: skms_core :: __private :: Resolved :: Transparent (< TokenError as :: skms_core :: __private :: TransparentField > :: as_dyn (__field))"),
        "{text}"
    );

    let input: syn::DeriveInput = syn::parse_quote! {
        enum Wrapper<E> {
            #[skms(transparent)]
            Standard(StandardError),
            #[skms(transparent)]
            Inner(E),
            #[skms(transparent)]
            Token(TokenError),
        }
    };
    let text = crate::expand::derive(&input).to_string();
    // `Standard` and `Token` before monomorphization, against each other;
    // `Inner` and `Token` after it, against everything before them.
    assert_eq!(text.matches("check_include").count(), 4, "{text}");
    assert!(
        text.contains("const __SKMS_FIXED_INCLUDES : & [:: skms_core :: Include] = & [:: skms_core :: Include :: new (\"Standard\""),
        "{text}"
    );
    assert!(text.contains("__SKMS_FIXED_INCLUDES , 0 ,"), "{text}");
    assert!(text.contains("__SKMS_FIXED_INCLUDES , 1 ,"), "{text}");
    assert!(text.contains("const __SKMS_COMPOSED : () ="), "{text}");
    assert!(
        text.contains("< Self as :: skms_core :: Catalog > :: INCLUDES , 1 ,"),
        "{text}"
    );
    assert!(
        text.contains("< Self as :: skms_core :: Catalog > :: INCLUDES , 2 ,"),
        "{text}"
    );
    assert!(
        !text.contains("< Self as :: skms_core :: Catalog > :: INCLUDES , 0 ,"),
        "{text}"
    );
    assert_eq!(text.matches(":: generic_in (").count(), 2, "{text}");
}

/// The impls of a generic type add a bound for each field type that names
/// a parameter, once, after the user's own predicates: `SkmsError` and
/// `Catalog` for a transparent field, the formatting trait for a field of
/// a detail; none for a type without type parameters.
#[test]
fn generic_impls_bound_what_they_use() {
    let input: syn::DeriveInput = syn::parse_quote! {
        enum Wrapper<T, U> where U: Clone {
            #[skms(transparent)]
            Inner(T),
            #[skms(code = 60001, status = 500, msg = "Failed", detail = "{0} {0} {1}")]
            Failed(U, String),
            #[skms(code = 60002, status = 500, msg = "Failed", detail = "{0:?}")]
            Debugged(U),
        }
    };
    let text = crate::expand::derive(&input).to_string();
    let skms_error = "impl < T , U > :: skms_core :: SkmsError for Wrapper < T , U > where ";
    let at = text.find(skms_error).expect("the SkmsError impl");
    let clause = &text[at + skms_error.len()..];
    let clause = &clause[..clause.find('{').unwrap()];
    assert_eq!(
        clause.trim(),
        "U : Clone , T : :: skms_core :: SkmsError , T : :: skms_core :: Catalog , \
         U : :: core :: fmt :: Display , U : :: core :: fmt :: Debug",
        "{text}"
    );
    let input: syn::DeriveInput = syn::parse_quote! {
        enum Plain<'a> {
            #[skms(code = 60001, status = 500, msg = "Failed", detail = "{0}")]
            Failed(&'a str),
        }
    };
    let text = crate::expand::derive(&input).to_string();
    assert!(
        text.contains("impl < 'a > :: skms_core :: SkmsError for Plain < 'a > {"),
        "{text}"
    );
}

/// What varies with the variants: the read lists (variants that read the
/// same field types, each once in order, share one; other uses have their
/// own), a marked detail parsed whole, `__skms_grpc` only where a code is
/// chosen, the reserved table only where codes are reserved or catalogs
/// included, and the array of `__skms_detail`'s arms as wide as the widest
/// plain detail of at most four fields.
#[test]
fn the_expansion_follows_the_variants() {
    let expand = |input: syn::DeriveInput| crate::expand::derive(&input).to_string();
    let text = expand(syn::parse_quote! {
        #[skms(reserved(60100))]
        enum E {
            #[skms(code = 60001, status = 400, msg = "a", detail = "{a} {b}")]
            A { a: u32, b: String },
            #[skms(code = 60002, status = 400, msg = "b", detail = "{x} {y}")]
            B { x: u32, y: String },
            #[skms(code = 60003, status = 400, msg = "c", detail = "{b} {a} {b}")]
            C { a: u32, b: String },
            #[skms(code = 60006, status = 400, msg = "g", detail = "{b} {b} {a}")]
            H { a: u32, b: String },
            #[skms(code = 60004, status = 400, msg = "d", grpc = "cancelled")]
            D(#[skms(detail)] String),
            #[skms(code = 60005, status = 400, msg = "e", detail = "{0}{1}{2}{3}{4}")]
            F(u8, u8, u8, u8, u8),
        }
    });
    assert_eq!(text.matches("fn __skms_read_list_").count(), 4, "{text}");
    assert!(
        text.contains("0 | 1 => return Self :: __skms_read_list_0"),
        "{text}"
    );
    assert!(text.contains("IDENTITY_USES"), "{text}");
    assert!(text.contains("& [0 , 1 , 0]"), "{text}");
    assert!(text.contains("& [0 , 0 , 1]"), "{text}");
    assert!(
        text.contains("ParseDetail :: < String > :: NEW) . parse (__body)"),
        "{text}"
    );
    assert!(text.contains("fn __skms_grpc"), "{text}");
    assert!(
        text.contains("static __SKMS_RESERVED : [:: skms_core :: Reserved ; 1]"),
        "{text}"
    );
    assert!(text.contains("const RESERVED :"), "{text}");
    assert!(
        text.contains("[:: skms_core :: __private :: FieldValue < '_ > ; 3]"),
        "{text}"
    );
    assert!(
        text.contains("=> return :: skms_core :: __private :: write_plain_detail (__w"),
        "{text}"
    );

    let text = expand(syn::parse_quote! {
        enum G {
            #[skms(code = 60001, status = 400, msg = "a", detail = "{0}")]
            A(u32),
        }
    });
    assert!(!text.contains("fn __skms_grpc"), "{text}");
    assert!(!text.contains("__SKMS_RESERVED"), "{text}");
    assert!(!text.contains("const RESERVED"), "{text}");
    assert!(
        text.contains("[:: skms_core :: __private :: FieldValue < '_ > ; 1]"),
        "{text}"
    );
}
