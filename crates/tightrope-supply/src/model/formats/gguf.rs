//! GGUF (llama.cpp): header and metadata key/values are read with bounds on every count and
//! length; Jinja chat templates are checked for sandbox-escape patterns.

use super::Ctx;
use crate::rules;
use tightrope_core::Severity;

const MAX_KV: u64 = 1 << 20;
const MAX_STRING: u64 = 256 << 20;
const MAX_ARRAY: u64 = 1 << 28;

/// Jinja constructs that reach Python internals from a template (SSTI payloads).
const TEMPLATE_PATTERNS: &[&str] = &[
    "__class__", "__subclasses__", "__globals__", "__builtins__", "__import__", "__mro__", "__base__", "__init__",
    "__getattribute__", "__dict__", "os.popen", "popen(", "subprocess", "eval(", "exec(", "lipsum", "cycler.", "joiner.",
    "self._TemplateReference__context", "request.application", "config.items",
];

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: u64) -> Result<&'a [u8], String> {
        let n = usize::try_from(n).map_err(|_| "length too large")?;
        let end = self.pos.checked_add(n).filter(|e| *e <= self.data.len()).ok_or_else(|| format!("truncated at offset {}", self.pos))?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64, String> {
        let b = self.take(8)?;
        Ok(u64::from_le_bytes(b.try_into().map_err(|_| "short read")?))
    }
    fn string(&mut self) -> Result<&'a [u8], String> {
        let n = self.u64()?;
        if n > MAX_STRING {
            return Err(format!("string of {n} bytes at offset {}", self.pos));
        }
        self.take(n)
    }
    /// Read a value of `ty`: strings and integers are returned, arrays keep their first
    /// strings (at most [`MAX_KEPT_ITEMS`]), everything else is skipped.
    fn value(&mut self, ty: u32, depth: usize) -> Result<Value<'a>, String> {
        let fixed = match ty {
            0 => return Ok(Value::Uint(u64::from(self.take(1)?[0]))),
            4 => return Ok(Value::Uint(u64::from(self.u32()?))),
            10 => return Ok(Value::Uint(self.u64()?)),
            1 | 7 => 1,
            2 | 3 => 2,
            5 | 6 => 4,
            11 | 12 => 8,
            8 => return self.string().map(Value::Str),
            9 => {
                if depth > 2 {
                    return Err("arrays nested too deep".into());
                }
                let inner = self.u32()?;
                let n = self.u64()?;
                if n > MAX_ARRAY {
                    return Err(format!("array of {n} items"));
                }
                let mut kept = Vec::new();
                for _ in 0..n {
                    if let Value::Str(s) = self.value(inner, depth + 1)?
                        && kept.len() < MAX_KEPT_ITEMS
                    {
                        kept.push(s);
                    }
                }
                return Ok(Value::Strings(kept));
            }
            t => return Err(format!("unknown value type {t} at offset {}", self.pos)),
        };
        self.take(fixed)?;
        Ok(Value::Other)
    }
}

/// Strings kept from one metadata array.
const MAX_KEPT_ITEMS: usize = 64;

/// A metadata value, as far as tightrope reads it.
pub(crate) enum Value<'a> {
    Str(&'a [u8]),
    Uint(u64),
    Strings(Vec<&'a [u8]>),
    Other,
}

/// Walk the header and every metadata key/value; returns the reader positioned at the tensor infos
/// and the tensor count.
fn walk<'a>(data: &'a [u8], mut on_kv: impl FnMut(&str, Value<'a>)) -> Result<(Reader<'a>, u64), String> {
    let mut r = Reader { data, pos: 0 };
    if r.take(4)? != b"GGUF" {
        return Err("missing GGUF magic".into());
    }
    let version = r.u32()?;
    if !(2..=3).contains(&version) {
        return Err(format!("unsupported GGUF version {version}"));
    }
    let tensors = r.u64()?;
    let kv = r.u64()?;
    if kv > MAX_KV {
        return Err(format!("{kv} metadata entries"));
    }
    for _ in 0..kv {
        let key = String::from_utf8_lossy(r.string()?).into_owned();
        let ty = r.u32()?;
        let v = r.value(ty, 0)?;
        on_kv(&key, v);
    }
    Ok((r, tensors))
}

/// The metadata strings whose key names a chat template.
fn templates(data: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    walk(data, |key, v| {
        if let Value::Str(s) = v
            && key.starts_with("tokenizer.chat_template")
        {
            out.push((key.to_string(), String::from_utf8_lossy(s).into_owned()));
        }
    })?;
    Ok(out)
}

/// Descriptive metadata of a GGUF file: every non-tokenizer key with a string, integer or string
/// array value, and the parameter count summed over the tensor infos.
pub(crate) struct Metadata {
    pub values: Vec<(String, String)>,
    pub parameters: Option<u64>,
}

/// Read the descriptive metadata (for the SBOM model card).
pub(crate) fn metadata(data: &[u8]) -> Result<Metadata, String> {
    let mut values = Vec::new();
    let (mut r, tensors) = walk(data, |key, v| {
        if key.starts_with("tokenizer.") {
            return;
        }
        let text = match v {
            Value::Str(s) => String::from_utf8_lossy(s).into_owned(),
            Value::Uint(n) => n.to_string(),
            Value::Strings(items) if !items.is_empty() => items.iter().map(|s| String::from_utf8_lossy(s)).collect::<Vec<_>>().join(","),
            _ => return,
        };
        values.push((key.to_string(), text));
    })?;
    let mut parameters: Option<u64> = Some(0);
    for _ in 0..tensors.min(MAX_KV) {
        let counted = (|| -> Result<u64, String> {
            r.string()?;
            let dims = r.u32()?;
            if dims > 8 {
                return Err(format!("tensor with {dims} dimensions"));
            }
            let mut n: u64 = 1;
            for _ in 0..dims {
                n = n.saturating_mul(r.u64()?);
            }
            r.take(12)?; // type (u32) and offset (u64)
            Ok(n)
        })();
        match counted {
            Ok(n) => parameters = parameters.map(|p| p.saturating_add(n)),
            Err(_) => {
                parameters = None;
                break;
            }
        }
    }
    Ok(Metadata { values, parameters: parameters.filter(|p| *p > 0) })
}

/// Chat templates found by searching for their key, for files whose metadata cannot be walked:
/// the key is followed by the string type (8) and a length-prefixed string.
fn templates_by_search(data: &[u8]) -> Vec<(String, String)> {
    let key = b"tokenizer.chat_template";
    memchr::memmem::find_iter(data, key)
        .filter_map(|at| {
            let mut r = Reader { data, pos: at + key.len() };
            let suffix_end = data[r.pos..].iter().take(256).position(|b| !(b.is_ascii_alphanumeric() || *b == b'.' || *b == b'_')).map(|p| r.pos + p)?;
            let name = String::from_utf8_lossy(&data[at..suffix_end]).into_owned();
            r.pos = suffix_end;
            (r.u32().ok()? == 8).then_some(())?;
            Some((name, String::from_utf8_lossy(r.string().ok()?).into_owned()))
        })
        .collect()
}

/// Scan a GGUF file.
pub fn scan(ctx: &mut Ctx, data: &[u8]) {
    let ts = match templates(data) {
        Ok(ts) => ts,
        Err(e) => {
            // A corrupt header is refused by llama.cpp; it is noted, and templates are still looked for.
            ctx.report(&rules::UNSCANNABLE, Severity::Info, "gguf", format!("GGUF metadata cannot be walked ({e}); chat templates were located by key search instead"), None);
            templates_by_search(data)
        }
    };
    for (key, template) in ts {
        let hits: Vec<&str> = TEMPLATE_PATTERNS.iter().copied().filter(|p| template.contains(p)).collect();
        if !hits.is_empty() {
            ctx.report(&rules::GGUF_TEMPLATE, Severity::High, "gguf", format!("chat template `{key}` uses {}", hits.join(", ")), None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gguf(key: &str, value: &str) -> Vec<u8> {
        let mut v = b"GGUF".to_vec();
        v.extend(3u32.to_le_bytes());
        v.extend(0u64.to_le_bytes());
        v.extend(1u64.to_le_bytes());
        v.extend((key.len() as u64).to_le_bytes());
        v.extend(key.as_bytes());
        v.extend(8u32.to_le_bytes());
        v.extend((value.len() as u64).to_le_bytes());
        v.extend(value.as_bytes());
        v
    }

    #[test]
    fn malicious_template_is_found() {
        let mut ctx = Ctx::new("m.gguf");
        scan(&mut ctx, &gguf("tokenizer.chat_template", "{{ self.__init__.__globals__.__builtins__['__import__']('os').popen('id').read() }}"));
        assert_eq!(ctx.findings.len(), 1);
        assert_eq!(ctx.findings[0].severity, Severity::High);
        let mut ok = Ctx::new("m.gguf");
        scan(&mut ok, &gguf("tokenizer.chat_template", "{% for m in messages %}{{ m['content'] }}{% endfor %}"));
        assert!(ok.findings.is_empty());
    }

    #[test]
    fn corrupt_header_is_noted_and_templates_still_checked() {
        let mut ctx = Ctx::new("m.gguf");
        scan(&mut ctx, b"GGUF\x03\x00\x00\x00\x00");
        assert_eq!(ctx.findings[0].rule_id, "TR-SUPPLY-MODEL-006");
        let mut bad = gguf("tokenizer.chat_template", "{{ ''.__class__.__mro__ }}");
        bad[8] = 0xff; // corrupt the tensor count: the walk fails, the key search still finds it
        bad[16] = 0xff;
        let mut ctx = Ctx::new("m.gguf");
        scan(&mut ctx, &bad);
        assert!(ctx.findings.iter().any(|f| f.rule_id == "TR-SUPPLY-MODEL-011"), "{:?}", ctx.findings);
    }
}
