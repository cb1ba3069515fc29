//! `Message`: a compile-time error message, written during const
//! evaluation by the composition checks (`compose`) and `reuse` (`entry`),
//! which the generated code panics with.
//!
//! Every function is `#[inline]`: it runs in const evaluation only, which
//! reads its MIR.

/// A compile-time error message, built in a buffer during const evaluation,
/// since `panic!` there cannot format numbers.
pub struct Message {
    bytes: [u8; 512],
    len: usize,
}

impl Message {
    /// The message, for the generated item's `panic!("{}", ..)`.
    #[must_use]
    #[inline]
    pub const fn as_str(&self) -> &str {
        let (text, _) = self.bytes.split_at(self.len);
        match core::str::from_utf8(text) {
            Ok(text) => text,
            // Not reached: `push` cuts at a character boundary.
            Err(_) => "a code means two things in an SKMS catalog",
        }
    }

    #[inline]
    pub(super) const fn new() -> Self {
        Message {
            bytes: [0; 512],
            len: 0,
        }
    }

    #[inline]
    pub(super) const fn push(&mut self, text: &str) {
        let text = text.as_bytes();
        let mut i = 0;
        // Cut at a character boundary, so that the buffer stays UTF-8.
        let room = self.bytes.len() - self.len;
        let mut end = if text.len() < room { text.len() } else { room };
        while end < text.len() && end > 0 && (text[end] & 0xC0) == 0x80 {
            end -= 1;
        }
        while i < end {
            self.bytes[self.len] = text[i];
            self.len += 1;
            i += 1;
        }
    }

    #[inline]
    pub(super) const fn push_u32(&mut self, mut n: u32) {
        let mut digits = [0u8; 10];
        let mut start = digits.len();
        loop {
            start -= 1;
            digits[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        while start < digits.len() {
            if self.len < self.bytes.len() {
                self.bytes[self.len] = digits[start];
                self.len += 1;
            }
            start += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    /// A message longer than the buffer is cut at a character boundary.
    #[test]
    fn a_long_message_stays_utf8() {
        let mut message = super::Message::new();
        message.push("a");
        for _ in 0..300 {
            message.push("é");
        }
        // 511 bytes: the last byte has no room for a two-byte character.
        assert_eq!(message.as_str(), std::format!("a{}", "é".repeat(255)));
    }
}
