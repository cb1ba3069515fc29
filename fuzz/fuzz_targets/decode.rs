//! Decodes arbitrary bytes as an SKMS error body, every way skms-core offers;
//! see `skms_fuzz::check_decode` for what must hold.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| skms_fuzz::check_decode(data));
