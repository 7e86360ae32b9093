//! NumPy `.npy` arrays: the header is a Python literal; object arrays (`descr` with `O`) store a
//! pickle after it, which is scanned like any other pickle.

use super::{Ctx, pickled};
use crate::rules;
use tightrope_core::Severity;

/// The header text and the offset where array data starts.
fn header(data: &[u8]) -> Result<(&str, usize), String> {
    if !data.starts_with(b"\x93NUMPY") {
        return Err("missing \\x93NUMPY magic".into());
    }
    let major = *data.get(6).ok_or("truncated header")?;
    let (len, start) = match major {
        1 => (usize::from(u16::from_le_bytes([*data.get(8).ok_or("truncated")?, *data.get(9).ok_or("truncated")?])), 10),
        2 | 3 => {
            let b = data.get(8..12).ok_or("truncated header")?;
            (u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize, 12)
        }
        v => return Err(format!("unsupported .npy version {v}")),
    };
    let text = data.get(start..start + len).ok_or("header length runs past the end of the file")?;
    let text = std::str::from_utf8(text).map_err(|_| "header is not text")?;
    Ok((text, start + len))
}

/// True when the array's dtype holds Python objects (so its data is a pickle).
pub fn is_object_array(data: &[u8]) -> bool {
    header(data).is_ok_and(|(h, _)| descr_is_object(h))
}

fn descr_is_object(h: &str) -> bool {
    h.split("'descr':").nth(1).is_some_and(|rest| {
        let v = rest.trim_start();
        v.starts_with("'|O'") || v.starts_with("'O'") || (v.starts_with('[') && v.contains("'|O'")) || (v.starts_with('[') && v.contains("'O'"))
    })
}

/// Scan one `.npy` array.
pub fn scan(ctx: &mut Ctx, data: &[u8]) {
    match header(data) {
        Ok((h, start)) if descr_is_object(h) => {
            let body = data.get(start..).unwrap_or_default();
            if !pickled::scan(ctx, body) {
                ctx.report(&rules::MODEL_MALFORMED, Severity::Medium, "numpy", "object array whose data is not a readable pickle".into(), None);
            }
        }
        Ok(_) => {}
        Err(e) => ctx.report(&rules::MODEL_MALFORMED, Severity::Medium, "numpy", format!(".npy header: {e}"), None),
    }
}
