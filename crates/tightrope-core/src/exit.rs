//! The exit-code contract every `tightrope` command keeps, so CI can gate on it.

/// No finding at or above the threshold, and every input was read.
pub const CLEAN: u8 = 0;
/// At least one unsuppressed finding at or above the threshold.
pub const FINDINGS: u8 = 1;
/// A usage error, or an input that could not be read (the rest was still scanned).
pub const INPUT_ERROR: u8 = 2;
