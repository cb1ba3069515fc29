//! The generics of the input: the bounds that the generated impls add, and
//! which field types name a generic parameter.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{quote, ToTokens};

use crate::ast::Input;
use crate::valid::{Kind, OwnEntry, Plan};

/// The names of a type's generic parameters, to tell a field type that
/// names one (checked after monomorphization) from one that names none.
pub(crate) struct GenericNames {
    /// Type and const parameters.
    params: Vec<String>,
    /// Lifetime parameters, without the quote.
    lifetimes: Vec<String>,
}

impl GenericNames {
    pub(crate) fn new(generics: &syn::Generics) -> Self {
        let mut names = GenericNames {
            params: Vec::new(),
            lifetimes: Vec::new(),
        };
        for param in &generics.params {
            match param {
                syn::GenericParam::Type(param) => names.params.push(param.ident.to_string()),
                syn::GenericParam::Lifetime(param) => {
                    names.lifetimes.push(param.lifetime.ident.to_string());
                }
                syn::GenericParam::Const(_) => {}
            }
        }
        // After the type parameters, as the checks list them.
        for param in &generics.params {
            if let syn::GenericParam::Const(param) = param {
                names.params.push(param.ident.to_string());
            }
        }
        names
    }

    /// Whether the type has no type or const parameter.
    pub(crate) fn is_empty(&self) -> bool {
        self.params.is_empty()
    }

    /// Whether a type (its tokens) can be named outside the impl, in an item
    /// of the `const _` block: it names none of the type or const
    /// parameters, no lifetime but `'static`, and not `Self`.
    pub(crate) fn nameable_outside_impl(&self, tokens: TokenStream) -> bool {
        let mut after_quote = false;
        for tree in tokens {
            let ok = match &tree {
                TokenTree::Ident(ident) => {
                    if after_quote {
                        ident == "static"
                    } else {
                        ident != "Self" && !is_one_of(ident, &self.params)
                    }
                }
                TokenTree::Group(group) => self.nameable_outside_impl(group.stream()),
                TokenTree::Punct(_) | TokenTree::Literal(_) => true,
            };
            if !ok {
                return false;
            }
            after_quote = is_quote(&tree);
        }
        true
    }

    /// Whether `ty` names a type or const parameter, or `Self` (lifetimes
    /// aside).
    pub(crate) fn names_type_param(&self, ty: &syn::Type) -> bool {
        self.walk(ty.to_token_stream(), false)
    }

    /// Whether `ty` names a parameter, a lifetime parameter or `Self`.
    pub(crate) fn named_in(&self, ty: &syn::Type) -> bool {
        self.walk(ty.to_token_stream(), true)
    }

    /// Whether `tokens` name a type or const parameter or `Self`, or with
    /// `lifetimes`, a lifetime parameter.
    fn walk(&self, tokens: TokenStream, lifetimes: bool) -> bool {
        let mut after_quote = false;
        for tree in tokens {
            let found = match &tree {
                TokenTree::Ident(ident) if after_quote => {
                    lifetimes && is_one_of(ident, &self.lifetimes)
                }
                TokenTree::Ident(ident) => ident == "Self" || is_one_of(ident, &self.params),
                TokenTree::Group(group) => self.walk(group.stream(), lifetimes),
                TokenTree::Punct(_) | TokenTree::Literal(_) => false,
            };
            if found {
                return true;
            }
            after_quote = is_quote(&tree);
        }
        false
    }
}

/// Whether `ident` is one of `names`.
fn is_one_of(ident: &Ident, names: &[String]) -> bool {
    for name in names {
        if ident == name {
            return true;
        }
    }
    false
}

/// Whether `tree` is the quote of a lifetime.
fn is_quote(tree: &TokenTree) -> bool {
    matches!(tree, TokenTree::Punct(punct) if punct.as_char() == '\'')
}

/// The bounds the generated impls add: only for the fields whose types
/// mention a type parameter, and only the traits the generated code uses.
pub(crate) struct Bounds<'a> {
    original: Option<&'a syn::WhereClause>,
    /// For every impl.
    added: Vec<TokenStream>,
    /// For the `std::error::Error` impl only.
    pub(crate) added_for_error: Vec<TokenStream>,
    /// For the `FromBody` impl only.
    pub(crate) added_for_from_body: Vec<TokenStream>,
}

impl<'a> Bounds<'a> {
    pub(crate) fn new(input: &'a Input, plan: &Plan) -> Self {
        let generics = &input.original.generics;
        let mut params: Vec<String> = Vec::new();
        for param in generics.type_params() {
            params.push(param.ident.to_string());
        }
        let mut bounds = Bounds {
            original: generics.where_clause.as_ref(),
            added: Vec::new(),
            added_for_error: Vec::new(),
            added_for_from_body: Vec::new(),
        };
        if params.is_empty() {
            return bounds;
        }
        let private = {
            let krate = &plan.krate;
            quote!(#krate::__private)
        };
        let krate = &plan.krate;
        for (_, kind) in &plan.variants {
            match kind {
                Kind::Transparent { field } if mentions(field.ty, &params) => {
                    let ty = field.ty;
                    // `Catalog` for every impl: the composition check that
                    // `__skms_resolve` names reads the field's catalog.
                    push_unique(&mut bounds.added, quote!(#ty: #krate::SkmsError));
                    push_unique(&mut bounds.added, quote!(#ty: #krate::Catalog));
                    push_unique(&mut bounds.added_for_error, quote!(#ty: #private::StdError));
                    push_unique(
                        &mut bounds.added_for_from_body,
                        quote!(#ty: #krate::FromBody),
                    );
                }
                Kind::Own {
                    entry:
                        OwnEntry {
                            detail: Some(detail),
                            ..
                        },
                    ..
                } => {
                    for (field, fmt_trait) in detail.uses() {
                        if !mentions(field.ty, &params) {
                            continue;
                        }
                        let ty = field.ty;
                        let Some(fmt_trait) = fmt_trait.trait_name() else {
                            continue;
                        };
                        let fmt_trait = Ident::new(fmt_trait, Span::call_site());
                        push_unique(&mut bounds.added, quote!(#ty: ::core::fmt::#fmt_trait));
                    }
                }
                _ => {}
            }
        }
        // The field of a variant of its own marked `#[from]` is its source.
        for from in &plan.from {
            if !from.transparent && mentions(from.field.ty, &params) {
                let ty = from.field.ty;
                push_unique(
                    &mut bounds.added_for_error,
                    quote!(#ty: #private::StdError + 'static),
                );
            }
        }
        bounds
    }

    /// The user's predicates, the derive's, and `extra`.
    pub(crate) fn predicates(&self, extra: &[TokenStream]) -> Vec<TokenStream> {
        let mut predicates = Vec::new();
        if let Some(clause) = self.original {
            for predicate in &clause.predicates {
                predicates.push(predicate.to_token_stream());
            }
        }
        predicates.extend_from_slice(&self.added);
        predicates.extend_from_slice(extra);
        predicates
    }

    /// `where` with the user's predicates, the derive's, and `extra`.
    pub(crate) fn where_clause(&self, extra: &[TokenStream]) -> TokenStream {
        let predicates = self.predicates(extra);
        if predicates.is_empty() {
            TokenStream::new()
        } else {
            quote!(where #(#predicates),*)
        }
    }
}

fn push_unique(bounds: &mut Vec<TokenStream>, bound: TokenStream) {
    let text = bound.to_string();
    for known in bounds.iter() {
        if known.to_string() == text {
            return;
        }
    }
    bounds.push(bound);
}

/// Whether `ty` names one of the type parameters `params`.
pub(crate) fn mentions(ty: &syn::Type, params: &[String]) -> bool {
    pub(crate) fn walk(tokens: TokenStream, params: &[String]) -> bool {
        for tree in tokens {
            let found = match tree {
                TokenTree::Ident(ident) => is_one_of(&ident, params),
                TokenTree::Group(group) => walk(group.stream(), params),
                TokenTree::Punct(_) | TokenTree::Literal(_) => false,
            };
            if found {
                return true;
            }
        }
        false
    }
    walk(ty.to_token_stream(), params)
}

#[cfg(test)]
mod tests {
    use super::{mentions, GenericNames};
    use quote::ToTokens;

    /// Only type and const parameters count as parameters.
    #[test]
    fn a_type_without_type_or_const_parameters() {
        assert!(GenericNames::new(&syn::parse_quote!(<'a>)).is_empty());
        assert!(GenericNames::new(&syn::parse_quote!()).is_empty());
        assert!(!GenericNames::new(&syn::parse_quote!(<T>)).is_empty());
        assert!(!GenericNames::new(&syn::parse_quote!(<const N: usize>)).is_empty());
    }

    /// A type can be named outside the impl when it names no parameter, no
    /// lifetime but `'static`, and not `Self`; `named_in` counts the
    /// lifetime parameters too, `mentions` the names it is given.
    #[test]
    fn a_type_named_outside_the_impl() {
        let names = GenericNames::new(&syn::parse_quote!(<'a, T, const N: usize>));
        let outside = |ty: syn::Type| names.nameable_outside_impl(ty.to_token_stream());
        assert!(outside(syn::parse_quote!(String)));
        assert!(outside(syn::parse_quote!(&'static str)));
        assert!(outside(syn::parse_quote!(Vec<(u8, String)>)));
        assert!(!outside(syn::parse_quote!(T)));
        assert!(!outside(syn::parse_quote!(Vec<T>)));
        assert!(!outside(syn::parse_quote!([u8; N])));
        assert!(!outside(syn::parse_quote!(&'a str)));
        assert!(!outside(syn::parse_quote!(Box<Self>)));
        let in_type = |ty: syn::Type| names.named_in(&ty);
        assert!(in_type(syn::parse_quote!(Vec<T>)));
        assert!(in_type(syn::parse_quote!([u8; N])));
        assert!(in_type(syn::parse_quote!(&'a str)));
        assert!(in_type(syn::parse_quote!(Box<Self>)));
        assert!(!in_type(syn::parse_quote!(&'static str)));
        assert!(!in_type(syn::parse_quote!(Vec<String>)));
        let params = ["T".to_owned()];
        assert!(mentions(&syn::parse_quote!(Option<(u8, T)>), &params));
        assert!(!mentions(&syn::parse_quote!(Option<U>), &params));
    }

    /// A type names a parameter at any depth, after any punctuation, and
    /// not as a lifetime of the same name.
    #[test]
    fn a_type_names_a_type_parameter() {
        let names = GenericNames::new(&syn::parse_quote!(<'a, T, const N: usize>));
        let names_param = |ty: syn::Type| names.names_type_param(&ty);
        assert!(names_param(syn::parse_quote!(T)));
        assert!(names_param(syn::parse_quote!(Vec<T>)));
        assert!(names_param(syn::parse_quote!((u8, T))));
        assert!(names_param(syn::parse_quote!([u8; N])));
        assert!(names_param(syn::parse_quote!(Box<Self>)));
        assert!(!names_param(syn::parse_quote!(String)));
        assert!(!names_param(syn::parse_quote!(Cow<'a, str>)));
        assert!(!names_param(syn::parse_quote!((u8, String))));
        let names = GenericNames::new(&syn::parse_quote!(<'T>));
        assert!(!names.names_type_param(&syn::parse_quote!(&'T str)));
        let names = GenericNames::new(&syn::parse_quote!(<T>));
        assert!(!names.names_type_param(&syn::parse_quote!(Cow<'T, str>)));
    }
}
