//! safetensors: an 8-byte little-endian header length, a JSON header, then the tensor bytes.
//! The header is validated: size cap, known dtypes, shapes that match their byte ranges, offsets
//! inside the data section and no two tensors sharing bytes.

use super::Ctx;
use crate::rules;
use serde_json::Value;
use tightrope_core::Severity;

/// The format's own limit on the header size.
const MAX_HEADER: u64 = 100 << 20;

fn dtype_size(dtype: &str) -> Option<u64> {
    Some(match dtype {
        "BOOL" | "U8" | "I8" | "F8_E5M2" | "F8_E4M3" | "F8_E8M0" => 1,
        "F4" | "F6_E2M3" | "F6_E3M2" => 1,
        "I16" | "U16" | "F16" | "BF16" => 2,
        "I32" | "U32" | "F32" => 4,
        "I64" | "U64" | "F64" | "C64" => 8,
        _ => return None,
    })
}

/// First bytes look like a safetensors header.
pub fn looks_like(data: &[u8]) -> bool {
    let Some(len) = data.get(..8).map(|b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8]))) else { return false };
    len >= 2 && len <= MAX_HEADER && data.get(8) == Some(&b'{') && len + 8 <= data.len() as u64
}

/// Validate the header; each problem is a finding.
pub fn scan(ctx: &mut Ctx, data: &[u8]) {
    let problems = validate(data);
    for p in problems {
        ctx.report(&rules::MODEL_MALFORMED, Severity::Medium, "safetensors", p, None);
    }
}

/// The JSON header and the size of the data section after it.
fn header(data: &[u8]) -> Result<(serde_json::Map<String, Value>, u64), String> {
    let Some(len) = data.get(..8).map(|b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8]))) else {
        return Err("file is shorter than the 8-byte header length".into());
    };
    if len > MAX_HEADER || len + 8 > data.len() as u64 {
        return Err(format!("header length {len} exceeds the file or the 100 MiB limit"));
    }
    let header = &data[8..8 + len as usize];
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(header) else {
        return Err("header is not a JSON object".into());
    };
    Ok((map, data.len() as u64 - 8 - len))
}

/// What the header says about the model (for the SBOM model card).
pub(crate) struct Summary {
    pub tensors: usize,
    /// Elements summed over every tensor's shape.
    pub parameters: u64,
    /// Distinct dtypes, sorted.
    pub dtypes: Vec<String>,
    /// The `__metadata__` string map.
    pub metadata: Vec<(String, String)>,
}

/// Summarise a safetensors header; `None` when it cannot be read.
pub(crate) fn summary(data: &[u8]) -> Option<Summary> {
    let (map, _) = header(data).ok()?;
    let mut s = Summary { tensors: 0, parameters: 0, dtypes: Vec::new(), metadata: Vec::new() };
    for (name, t) in &map {
        if name == "__metadata__" {
            s.metadata = t.as_object().into_iter().flatten().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect();
            continue;
        }
        s.tensors += 1;
        let elements = t.get("shape").and_then(Value::as_array).map_or(0, |a| a.iter().filter_map(Value::as_u64).fold(1u64, u64::saturating_mul));
        s.parameters = s.parameters.saturating_add(elements);
        if let Some(d) = t.get("dtype").and_then(Value::as_str)
            && !s.dtypes.iter().any(|x| x == d)
        {
            s.dtypes.push(d.to_string());
        }
    }
    s.dtypes.sort();
    Some(s)
}

fn validate(data: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    let (map, data_len) = match header(data) {
        Ok(h) => h,
        Err(e) => return vec![e],
    };
    let mut ranges: Vec<(u64, u64, String)> = Vec::new();
    for (name, t) in &map {
        if name == "__metadata__" {
            if !t.as_object().is_some_and(|m| m.values().all(Value::is_string)) {
                problems.push("`__metadata__` must map strings to strings".into());
            }
            continue;
        }
        let dtype = t.get("dtype").and_then(Value::as_str).unwrap_or("");
        let Some(size) = dtype_size(dtype) else {
            problems.push(format!("tensor `{name}` has unknown dtype `{dtype}`"));
            continue;
        };
        let shape: Option<Vec<u64>> = t.get("shape").and_then(Value::as_array).and_then(|a| a.iter().map(Value::as_u64).collect());
        let offsets: Option<Vec<u64>> = t.get("data_offsets").and_then(Value::as_array).and_then(|a| a.iter().map(Value::as_u64).collect());
        let (Some(shape), Some([begin, end])) = (shape, offsets.as_deref().map(|o| <[u64; 2]>::try_from(o).ok()).flatten()) else {
            problems.push(format!("tensor `{name}` lacks a valid shape or data_offsets"));
            continue;
        };
        if begin > end || end > data_len {
            problems.push(format!("tensor `{name}` data_offsets [{begin}, {end}] lie outside the {data_len}-byte data section"));
            continue;
        }
        let elements = shape.iter().try_fold(1u64, |acc, d| acc.checked_mul(*d));
        let expected = elements.and_then(|e| if matches!(dtype, "F4") { Some(e.div_ceil(2)) } else { e.checked_mul(size) });
        if !matches!(dtype, "F6_E2M3" | "F6_E3M2") && expected != Some(end - begin) {
            problems.push(format!("tensor `{name}`: shape {shape:?} of {dtype} needs {} bytes, data_offsets give {}", expected.map_or("overflowing".into(), |e| e.to_string()), end - begin));
        }
        ranges.push((begin, end, name.clone()));
    }
    ranges.sort();
    for w in ranges.windows(2) {
        if w[1].0 < w[0].1 {
            problems.push(format!("tensors `{}` and `{}` overlap", w[0].2, w[1].2));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(header: &str, data_len: usize) -> Vec<u8> {
        let mut v = (header.len() as u64).to_le_bytes().to_vec();
        v.extend_from_slice(header.as_bytes());
        v.extend(std::iter::repeat_n(0u8, data_len));
        v
    }

    #[test]
    fn valid_header_has_no_problem() {
        let f = file(r#"{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"b":{"dtype":"BF16","shape":[4],"data_offsets":[16,24]}}"#, 24);
        assert!(looks_like(&f));
        assert!(validate(&f).is_empty(), "{:?}", validate(&f));
        let sum = summary(&f).unwrap();
        assert_eq!((sum.tensors, sum.parameters, sum.dtypes.as_slice()), (2, 8, &["BF16".to_string(), "F32".to_string()][..]));
        assert_eq!(sum.metadata, [("format".to_string(), "pt".to_string())]);
    }

    #[test]
    fn overlap_out_of_range_and_dtype() {
        let f = file(r#"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},"c":{"dtype":"F32","shape":[1],"data_offsets":[16,99]},"d":{"dtype":"Q4","shape":[1],"data_offsets":[0,1]}}"#, 16);
        let p = validate(&f).join("\n");
        assert!(p.contains("overlap") && p.contains("outside") && p.contains("unknown dtype"), "{p}");
    }
}
