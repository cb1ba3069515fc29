//! The derive's own errors, checked without rustc: every `#[derive(SkmsError)]`
//! of the compile-fail suite (`tests/ui/*.rs`) reports exactly the
//! `error: ...` messages of its `.stderr`, in their order (the compiler's own errors, such
//! as a field that is not `Display`, are not the derive's: those files
//! expect none from it), and every derive of the pass tests (`tests/*.rs`)
//! reports none. The ui suite checks the same with rustc, spans included,
//! in minutes; this runs in a second, so that a change to `attr.rs`,
//! `valid.rs` or `fmt.rs` (or each mutant of cargo-mutants) is checked
//! against every case at once.

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
    // Never, though a plain detail and no detail say otherwise; the marked
    // field is read from the detail, as its plain detail says.
    assert_eq!(differing.matches("with_rebuilt").count(), 2, "{differing}");
    assert!(
        differing.contains("with_rebuilt (__skms_entry_plain_detail (1 ,"),
        "{differing}"
    );
    assert!(
        differing.contains("\"NoDetail\" , \"{\\\"code\\\":2,\\\"message\\\":\\\"b\\\"\") , 3)"),
        "{differing}"
    );
}
