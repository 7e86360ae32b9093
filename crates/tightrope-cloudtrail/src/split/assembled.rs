//! A record (or line) that began in an earlier buffer, assembled across refills and bounded by
//! [`MAX_RECORD`]: once it outgrows the bound its bytes are dropped, and it is only remembered as
//! too long, so that the splitter can report and skip it.

use super::MAX_RECORD;

#[derive(Default)]
pub(super) struct Assembled {
    bytes: Vec<u8>,
    too_long: bool,
}

impl Assembled {
    /// Nothing assembled, and not a too-long record either.
    pub(super) fn is_empty(&self) -> bool {
        self.bytes.is_empty() && !self.too_long
    }

    /// Append `part`, unless the record is (now) too long.
    pub(super) fn push(&mut self, part: &[u8]) {
        if self.too_long {
            return;
        }
        if self.bytes.len() + part.len() > MAX_RECORD {
            self.too_long = true;
            self.bytes = Vec::new();
        } else {
            self.bytes.extend_from_slice(part);
        }
    }

    /// The bytes assembled so far (none once too long).
    pub(super) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub(super) fn too_long(&self) -> bool {
        self.too_long
    }

    /// Start afresh, keeping the allocation.
    pub(super) fn clear(&mut self) {
        self.bytes.clear();
        self.too_long = false;
    }
}
