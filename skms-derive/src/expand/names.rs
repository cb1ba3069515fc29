//! The names of the generated code: hygienic locals, the bindings of a
//! detail's fields, the arguments of `core::write!`, variant paths.

use proc_macro2::{Ident, Punct, Spacing, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt as _};

use crate::ast::Field;

/// `Enum::Variant`, or `Self` for a struct, pushed token by token where a
/// `quote!`-built path would be a stream, spliced at each use.
pub(crate) struct VariantPath<'a> {
    pub(crate) ty: &'a Ident,
    pub(crate) variant: Option<&'a Ident>,
}

impl ToTokens for VariantPath<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self.variant {
            Some(variant) => {
                tokens.append(self.ty.clone());
                tokens.append(Punct::new(':', Spacing::Joint));
                tokens.append(Punct::new(':', Spacing::Alone));
                tokens.append(variant.clone());
            }
            None => tokens.append(Ident::new("Self", Span::call_site())),
        }
    }
}

/// The identifier a match arm binds the `position`-th field of a detail to:
/// `__skms_field_0`, never a name made from the field's, so that no field
/// name can shadow another local or an item of the generated code. Hygienic
/// (mixed-site) like every local of the generated code, so that no token of
/// the user's (a field's type, or a field named by a `macro_rules!` whose
/// tokens carry another hygiene) sees it or hides it; located on the field,
/// so that a field that cannot be formatted is reported there.
pub(crate) fn binding(position: usize, field: &Field) -> Ident {
    Ident::new(
        &format!("__skms_field_{position}"),
        Span::mixed_site().located_at(field.span()),
    )
}

/// A local or parameter of the generated code, hygienic (mixed-site): the
/// user's tokens in the generated code cannot name it or shadow it.
pub(crate) fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// The name of the argument of `core::write!` that stands for `field` in
/// the detail's format string: `__key_id`, `__0`.
pub(crate) fn format_argument(field: &Field) -> String {
    format!("__{}", field.name())
}
