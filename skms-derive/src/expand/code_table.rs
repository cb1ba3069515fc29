//! The indexes of the type's own codes: the entries in the order of their
//! codes (`__SKMS_BY_CODE`), and a hash table (`__private::CodeTable`) for
//! the lookups by code at run time.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::valid::{Kind, Plan};

/// The codes of the type's own entries, each with its index in `ENTRIES`.
pub(crate) fn own_codes(plan: &Plan) -> Vec<(u32, usize)> {
    let mut codes = Vec::with_capacity(plan.variants.len());
    for (_, kind) in &plan.variants {
        if let Kind::Own { index, entry } = kind {
            codes.push((entry.code, *index));
        }
    }
    codes
}

/// The indices of the entries in the order of their codes, for lookups by
/// binary search (the decoder, the composition checks).
pub(crate) fn by_code(codes: &[(u32, usize)]) -> Vec<Literal> {
    let mut sorted = codes.to_vec();
    sorted.sort_unstable();
    let mut literals = Vec::with_capacity(sorted.len());
    for (_, index) in sorted {
        literals.push(Literal::u32_unsuffixed(
            u32::try_from(index).unwrap_or(u32::MAX),
        ));
    }
    literals
}

/// The type's own codes as a `__private::CodeTable` (its type, and the
/// value), from `(code, index in ENTRIES)`: open addressing, each code in the
/// slot of its hash or one of the next free ones, with the multiplier that
/// moves codes the least far from their slot among a few tried. How far the
/// farthest is moved bounds every search, as a constant of the type: most
/// catalogs, with their runs of consecutive codes, get none moved, and a
/// search is one read.
pub(crate) fn code_table(
    private: &TokenStream,
    codes: &[(u32, usize)],
) -> (TokenStream, TokenStream) {
    let size = (codes.len() * 2).next_power_of_two().max(2);
    let mask = size - 1;
    let shift = 32 - size.trailing_zeros().min(31);
    let place = |multiplier: u32| {
        let mut slots = vec![0_u64; size];
        let (mut farthest, mut moves) = (0_usize, 0_usize);
        for &(code, index) in codes {
            let home = usize::try_from(code.wrapping_mul(multiplier) >> shift).unwrap_or(0) & mask;
            let mut distance = 0;
            while slots[(home + distance) & mask] != 0 {
                distance += 1;
            }
            slots[(home + distance) & mask] =
                u64::from(code) << 32 | u64::try_from(index + 1).unwrap_or(0);
            farthest = farthest.max(distance);
            moves += distance;
        }
        ((farthest, moves), multiplier, slots)
    };
    // Odd multipliers: the golden ratio's, then a linear congruential walk.
    let mut multiplier: u32 = 0x9e37_79b9;
    let mut best = place(multiplier);
    for _ in 0..15 {
        if best.0 .0 == 0 {
            break;
        }
        multiplier = multiplier
            .wrapping_mul(0x0019_660d)
            .wrapping_add(0x3c6e_f35f)
            | 1;
        let candidate = place(multiplier);
        if candidate.0 < best.0 {
            best = candidate;
        }
    }
    let ((farthest, _), multiplier, slots) = best;
    let size = Literal::usize_unsuffixed(size);
    let probes = Literal::usize_unsuffixed(farthest + 1);
    let multiplier = Literal::u32_unsuffixed(multiplier);
    let slots = slots.into_iter().map(Literal::u64_unsuffixed);
    (
        quote!(#private::CodeTable<#size, #probes>),
        quote!(#private::CodeTable { multiplier: #multiplier, slots: [#(#slots),*] }),
    )
}
