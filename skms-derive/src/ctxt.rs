//! The error collector: every mistake of one input is reported in one build.

use std::cell::{Cell, RefCell};
use std::fmt::Display;

use quote::ToTokens;

/// Collects the errors found while parsing and validating one input.
///
/// Each error is filed under the current section (0 for the type, then one
/// per variant), so that the errors of two passes come out in source order.
#[derive(Default)]
pub(crate) struct Ctxt {
    errors: RefCell<Vec<(usize, syn::Error)>>,
    section: Cell<usize>,
}

impl Ctxt {
    /// Files the errors recorded from now on under `section`.
    pub(crate) fn set_section(&self, section: usize) {
        self.section.set(section);
    }

    /// Records an error spanned on `tokens`, the smallest piece of input that
    /// is wrong.
    pub(crate) fn error_spanned_by<T: ToTokens>(&self, tokens: T, message: impl Display) {
        self.syn_error(syn::Error::new_spanned(tokens.into_token_stream(), message));
    }

    /// Records an error that syn produced, which carries its own span.
    pub(crate) fn syn_error(&self, error: syn::Error) {
        let section = self.section.get();
        let mut errors = self.errors.borrow_mut();
        // After every error of this section and of the sections before it:
        // the errors stay in section order, and in the order recorded
        // within a section.
        let at = errors.partition_point(|(recorded, _)| *recorded <= section);
        errors.insert(at, (section, error));
    }

    /// All errors recorded, combined into one, or `Ok` if there were none.
    pub(crate) fn check(self) -> syn::Result<()> {
        let mut combined: Option<syn::Error> = None;
        for (_, error) in self.errors.into_inner() {
            match &mut combined {
                Some(combined) => combined.combine(error),
                None => combined = Some(error),
            }
        }
        match combined {
            Some(combined) => Err(combined),
            None => Ok(()),
        }
    }
}
