//! `listing`: the composed catalog of a derived type whose composition is
//! checked after monomorphization.

use crate::catalog::{Entry, Include};

/// `Catalog::catalog` for a derived type whose composition is checked after
/// monomorphization: the generated `catalog()` names the check, then lists.
#[must_use]
#[inline]
pub fn listing<T: crate::Catalog + ?Sized>(
    entries: &'static [Entry],
    includes: &'static [Include],
) -> crate::Listing {
    crate::Listing::compose(entries, includes).with_type::<T>(T::RESERVED, T::RANGE)
}
