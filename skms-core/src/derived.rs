//! skms-core's own derived types (`StandardError`, `CodeNotInCatalog`),
//! written as a user writes them, without running the derive.
//!
//! Deriving them here would make every build of skms-core wait for
//! skms-derive (and syn), one after the other at the end of a user's clean
//! build. So each is written inside [`derived!`], which writes the item
//! without its `#[skms(...)]` attributes and without `SkmsError` in its
//! `#[derive]`, and what the derive writes for it is committed beside its
//! module (`standard/generated.rs`, `catalog_endpoint/generated.rs`) and
//! included there. skms-derive's test `own_types` expands each input with
//! today's derive and fails when the committed code differs;
//! `SKMS_BLESS=1 cargo test -p skms-derive --lib own_types` rewrites it.

/// The item as the derive reads it (`SkmsError` first in its `#[derive]`),
/// written out without what only the derive reads. Two shapes, those of
/// skms-core's own types: an enum of unit variants, and a struct of named
/// public fields with its entry on the struct.
macro_rules! derived {
    (
        $(#[doc = $doc:literal])*
        #[derive(SkmsError $(, $derive:ident)*)]
        #[skms(crate = "crate")]
        #[non_exhaustive]
        pub enum $name:ident {
            $(
                $(#[doc = $variant_doc:literal])*
                #[skms $variant_keys:tt]
                $variant:ident,
            )*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive($($derive),*)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[doc = $variant_doc])*
                $variant,
            )*
        }
    };
    (
        $(#[doc = $doc:literal])*
        #[derive(SkmsError $(, $derive:ident)*)]
        #[skms(crate = "crate")]
        $(#[skms $keys:tt])*
        pub struct $name:ident {
            $(
                $(#[doc = $field_doc:literal])*
                pub $field:ident: $ty:ty,
            )*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive($($derive),*)]
        pub struct $name {
            $(
                $(#[doc = $field_doc])*
                pub $field: $ty,
            )*
        }
    };
}

pub(crate) use derived;
