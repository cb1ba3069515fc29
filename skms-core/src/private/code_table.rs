//! The hash table of a type's own codes that the derive builds
//! (`CodeTable`): what the look-ups by code at run time read.

/// A type's own codes in a hash table that the derive builds: what
/// `Catalog::lookup`, `FromBody` and `StandardError::from_code` find a code
/// in, with one read (or `PROBES`) where a binary search makes one a level.
pub struct CodeTable<const N: usize, const PROBES: usize> {
    /// Odd, chosen by the derive so that codes rarely share a slot.
    pub multiplier: u32,
    /// `N`, a power of two, is at least twice the number of codes. A code
    /// is in the slot `code * multiplier >> (32 - log2 N)` or one of the
    /// `PROBES - 1` after it, as `code << 32 | (index + 1)`; an empty slot is
    /// 0.
    pub slots: [u64; N],
}

impl<const N: usize, const PROBES: usize> CodeTable<N, PROBES> {
    /// The index in the type's `ENTRIES` of the entry of `code`.
    #[inline]
    #[must_use]
    pub fn index(&self, code: u32) -> Option<usize> {
        let mask = N.wrapping_sub(1);
        let shift = 32_u32.saturating_sub(N.trailing_zeros());
        let home = code
            .wrapping_mul(self.multiplier)
            .checked_shr(shift)
            .unwrap_or(0) as usize;
        for probe in 0..PROBES {
            let cell = *self.slots.get(home.wrapping_add(probe) & mask)?;
            if cell == 0 {
                return None;
            }
            if (cell >> 32) as u32 == code {
                return Some((cell as u32).wrapping_sub(1) as usize);
            }
        }
        None
    }
}
