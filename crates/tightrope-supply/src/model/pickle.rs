//! A pickle opcode walker (protocols 0–5) that never executes anything.
//!
//! It simulates the unpickler's stack and memo symbolically, just enough to resolve which callables
//! a stream would import (`GLOBAL`, `STACK_GLOBAL`, `INST`, the extension registry) and which of
//! them it would call (`REDUCE`, `OBJ`, `INST`, `NEWOBJ`, `NEWOBJ_EX`). It follows memoized
//! strings into `STACK_GLOBAL`, `getattr(obj, "name")` chains, attribute overrides written with
//! `BUILD` on an imported module (the `sys.modules` trick), nested pickles passed to `loads`, and
//! several pickles concatenated in one stream.

use std::collections::HashMap;

/// Bounds that keep the walker linear and small on hostile input.
const MAX_STACK: usize = 100_000;
const MAX_MEMO: usize = 1_000_000;
const MAX_OPS: usize = 50_000_000;
const MAX_NESTED_DEPTH: usize = 4;
/// Strings and bytes are kept only up to this size (enough for names and nested pickles).
const MAX_KEPT_BYTES: usize = 1 << 20;
const MAX_PICKLES_PER_STREAM: usize = 64;

/// One callable a pickle imports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// Module path, `os`, `torch._utils`; `?` when it could not be resolved.
    pub module: String,
    /// Attribute path inside the module, `system`, `Bdb.run`; `?` when unresolved.
    pub name: String,
    /// The stream also calls it (REDUCE/OBJ/INST/NEWOBJ), not just imports it.
    pub called: bool,
    /// Byte offset of the opcode that imported it.
    pub offset: usize,
    /// How it was resolved, when not a plain GLOBAL (e.g. `getattr chain`, `extension code 42`).
    pub via: Option<String>,
}

impl Import {
    /// `module.name`.
    pub fn qualified(&self) -> String {
        format!("{}.{}", self.module, self.name)
    }
}

/// What the walker learnt about a stream.
#[derive(Debug, Default, Clone)]
pub struct PickleReport {
    pub imports: Vec<Import>,
    /// Attributes of imported objects overwritten with `BUILD` (`torch._utils._rebuild_tensor`).
    pub overrides: Vec<(String, usize)>,
    /// Number of complete pickles (ending in STOP) in the stream.
    pub pickles: usize,
    /// Highest protocol seen.
    pub protocol: u8,
    /// Why the walk stopped before the end of the first pickle, if it did.
    pub error: Option<String>,
    /// Persistent ids seen (PyTorch storages).
    pub persistent_ids: usize,
}

impl PickleReport {
    /// True when nothing was parsed at all: the bytes are not a pickle.
    pub fn is_not_pickle(&self) -> bool {
        self.pickles == 0 && self.imports.is_empty() && self.error.is_some()
    }
}

/// A symbolic value on the stack or in the memo.
#[derive(Debug, Clone)]
enum Value {
    Mark,
    Str(String),
    Bytes(Vec<u8>),
    /// An imported object; index into `PickleReport::imports`.
    Global(usize),
    /// Result of calling an import; the import index when known.
    Call(Option<usize>),
    Tuple(Vec<Value>),
    Dict(Vec<(Value, Value)>),
    Other,
}

/// Walk every pickle in `data` and report what it imports and calls.
pub fn scan(data: &[u8]) -> PickleReport {
    let mut report = PickleReport::default();
    walk_stream(data, &mut report, 0);
    report
}

/// Walk concatenated pickles. A follow-on pickle counts only when it starts with PROTO, as the
/// legacy PyTorch format and `pickle.dump` twice do; other trailing bytes are raw data.
fn walk_stream(data: &[u8], report: &mut PickleReport, depth: usize) {
    let mut pos = 0;
    for n in 0..MAX_PICKLES_PER_STREAM {
        if n > 0 && !(data.get(pos) == Some(&0x80) && data.get(pos + 1).is_some_and(|p| *p <= 5)) {
            break;
        }
        let mut w = Walker { data, pos, stack: Vec::new(), memo: HashMap::new(), depth, overrides: HashMap::new() };
        let before = report.imports.len();
        match w.run(report) {
            Ok(end) => {
                report.pickles += 1;
                pos = end;
            }
            Err(e) => {
                if n == 0 {
                    report.error = Some(format!("offset {}: {e}", w.pos));
                } else if report.imports.len() > before && !imports_look_real(&report.imports[before..]) {
                    // raw tensor bytes after the last pickle that happened to start like one
                    report.imports.truncate(before);
                }
                break;
            }
        }
        if pos >= data.len() {
            break;
        }
    }
}

fn imports_look_real(imports: &[Import]) -> bool {
    imports.iter().all(|i| is_identifier_path(&i.module) && is_identifier_path(&i.name))
}

fn is_identifier_path(s: &str) -> bool {
    !s.is_empty()
        && s.split('.').all(|p| {
            let mut c = p.chars();
            c.next().is_some_and(|f| f.is_ascii_alphabetic() || f == '_') && c.all(|x| x.is_ascii_alphanumeric() || x == '_')
        })
}

struct Walker<'a> {
    data: &'a [u8],
    pos: usize,
    stack: Vec<Value>,
    memo: HashMap<u64, Value>,
    depth: usize,
    /// Attribute overrides written by BUILD on an imported object: `module.name` → value.
    overrides: HashMap<String, Value>,
}

type Step<T> = Result<T, String>;

impl<'a> Walker<'a> {
    fn take(&mut self, n: usize) -> Step<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|e| *e <= self.data.len()).ok_or("unexpected end of data")?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Step<u8> {
        Ok(self.take(1)?[0])
    }
    fn uint(&mut self, n: usize) -> Step<u64> {
        let b = self.take(n)?;
        Ok(b.iter().rev().fold(0u64, |acc, x| (acc << 8) | u64::from(*x)))
    }
    fn line(&mut self) -> Step<&'a [u8]> {
        let rest = &self.data[self.pos..];
        let nl = rest.iter().take(MAX_KEPT_BYTES).position(|b| *b == b'\n').ok_or("unterminated line argument")?;
        self.pos += nl + 1;
        Ok(&rest[..nl])
    }
    fn line_str(&mut self) -> Step<String> {
        let l = self.line()?;
        std::str::from_utf8(l).map(|s| s.trim_end_matches('\r').to_string()).map_err(|_| "line argument is not UTF-8".to_string())
    }
    fn counted(&mut self, len: u64) -> Step<&'a [u8]> {
        let len = usize::try_from(len).map_err(|_| "length too large")?;
        self.take(len)
    }
    fn push(&mut self, v: Value) -> Step<()> {
        if self.stack.len() >= MAX_STACK {
            return Err("stack too deep".into());
        }
        self.stack.push(v);
        Ok(())
    }
    fn pop(&mut self) -> Step<Value> {
        self.stack.pop().ok_or_else(|| "stack underflow".to_string())
    }
    fn top(&self) -> Step<&Value> {
        self.stack.last().ok_or_else(|| "stack underflow".to_string())
    }
    /// Pop everything down to the last MARK (and the mark).
    fn pop_mark(&mut self) -> Step<Vec<Value>> {
        let at = self.stack.iter().rposition(|v| matches!(v, Value::Mark)).ok_or("MARK not found")?;
        let items = self.stack.split_off(at + 1);
        self.stack.pop();
        Ok(items)
    }
    fn memo_put(&mut self, key: u64) -> Step<()> {
        if self.memo.len() >= MAX_MEMO {
            return Err("memo too large".into());
        }
        let v = self.top()?.clone();
        self.memo.insert(key, v);
        Ok(())
    }
    fn memo_get(&mut self, key: u64) -> Step<()> {
        let v = self.memo.get(&key).cloned().ok_or_else(|| format!("memo key {key} not defined"))?;
        self.push(v)
    }
    fn string(bytes: &[u8]) -> Value {
        if bytes.len() > MAX_KEPT_BYTES {
            return Value::Other;
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => Value::Str(s.to_string()),
            Err(_) => Value::Bytes(bytes.to_vec()),
        }
    }
    fn bytes(bytes: &[u8]) -> Value {
        if bytes.len() > MAX_KEPT_BYTES { Value::Other } else { Value::Bytes(bytes.to_vec()) }
    }

    /// Record an import and push it; applies attribute overrides seen earlier.
    fn import(&mut self, report: &mut PickleReport, module: String, name: String, at: usize, via: Option<String>) -> Step<()> {
        let key = format!("{module}.{name}");
        report.imports.push(Import { module, name, called: false, offset: at, via });
        let idx = report.imports.len() - 1;
        match self.overrides.get(&key).cloned() {
            Some(v) => self.push(v),
            None => self.push(Value::Global(idx)),
        }
    }

    /// A call of `callable` with `args`; returns the symbolic result.
    fn call(&mut self, report: &mut PickleReport, callable: Value, args: Option<Vec<Value>>) -> Step<Value> {
        let Value::Global(idx) = callable else {
            return Ok(Value::Call(None));
        };
        if let Some(i) = report.imports.get_mut(idx) {
            i.called = true;
        }
        let qualified = report.imports.get(idx).map(Import::qualified).unwrap_or_default();
        let args = args.unwrap_or_default();
        match (qualified.as_str(), args.as_slice()) {
            // getattr(X, "name") resolves to the attribute X.name: the next call is that callable.
            ("builtins.getattr" | "__builtin__.getattr", [target, Value::Str(attr), ..]) => {
                let base = match target {
                    Value::Global(t) | Value::Call(Some(t)) => report.imports.get(*t).cloned(),
                    _ => None,
                };
                if let Some(base) = base {
                    let at = report.imports.get(idx).map_or(0, |i| i.offset);
                    self.import(report, base.module, format!("{}.{attr}", base.name), at, Some("getattr chain".into()))?;
                    return self.pop();
                }
            }
            // _codecs.encode("...", "latin1") builds the bytes of a nested pickle.
            ("_codecs.encode" | "codecs.encode", [Value::Str(s), ..]) => {
                return Ok(Value::Bytes(s.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect()));
            }
            (q, [Value::Bytes(nested), ..]) if is_nested_loader(q) && self.depth < MAX_NESTED_DEPTH => {
                let mut inner = PickleReport::default();
                walk_stream(nested, &mut inner, self.depth + 1);
                let at = report.imports.get(idx).map_or(0, |i| i.offset);
                for mut i in inner.imports {
                    i.offset = at;
                    i.via = Some(format!("nested pickle passed to {q}"));
                    report.imports.push(i);
                }
            }
            _ => {}
        }
        Ok(Value::Call(Some(idx)))
    }

    /// Run one pickle to its STOP; returns the offset after STOP.
    fn run(&mut self, report: &mut PickleReport) -> Step<usize> {
        for _ in 0..MAX_OPS {
            let at = self.pos;
            let op = self.u8()?;
            match op {
                b'.' => return Ok(self.pos),
                0x80 => {
                    let p = self.u8()?;
                    if p > 5 {
                        return Err(format!("unsupported protocol {p}"));
                    }
                    report.protocol = report.protocol.max(p);
                }
                0x95 => {
                    self.take(8)?;
                }
                b'(' => self.push(Value::Mark)?,
                b'0' => {
                    self.pop()?;
                }
                b'1' => {
                    self.pop_mark()?;
                }
                b'2' => {
                    let v = self.top()?.clone();
                    self.push(v)?;
                }
                b'F' | b'I' | b'L' => {
                    self.line()?;
                    self.push(Value::Other)?;
                }
                b'J' => {
                    self.take(4)?;
                    self.push(Value::Other)?;
                }
                b'K' => {
                    self.take(1)?;
                    self.push(Value::Other)?;
                }
                b'M' => {
                    self.take(2)?;
                    self.push(Value::Other)?;
                }
                b'G' => {
                    self.take(8)?;
                    self.push(Value::Other)?;
                }
                0x8a => {
                    let n = self.uint(1)?;
                    self.counted(n)?;
                    self.push(Value::Other)?;
                }
                0x8b => {
                    let n = self.uint(4)?;
                    self.counted(n)?;
                    self.push(Value::Other)?;
                }
                b'N' | 0x88 | 0x89 => self.push(Value::Other)?,
                b'S' => {
                    let l = self.line()?;
                    let unq = l.strip_prefix(b"'").and_then(|x| x.strip_suffix(b"'"))
                        .or_else(|| l.strip_prefix(b"\"").and_then(|x| x.strip_suffix(b"\"")))
                        .ok_or("STRING argument is not quoted")?;
                    self.push(Self::string(unq))?;
                }
                b'V' => {
                    let l = self.line()?;
                    self.push(Self::string(l))?;
                }
                b'T' | b'X' => {
                    let n = self.uint(4)?;
                    let b = self.counted(n)?;
                    self.push(Self::string(b))?;
                }
                b'U' | 0x8c => {
                    let n = self.uint(1)?;
                    let b = self.counted(n)?;
                    self.push(Self::string(b))?;
                }
                0x8d => {
                    let n = self.uint(8)?;
                    let b = self.counted(n)?;
                    self.push(Self::string(b))?;
                }
                b'B' => {
                    let n = self.uint(4)?;
                    let b = self.counted(n)?;
                    self.push(Self::bytes(b))?;
                }
                b'C' => {
                    let n = self.uint(1)?;
                    let b = self.counted(n)?;
                    self.push(Self::bytes(b))?;
                }
                0x8e | 0x96 => {
                    let n = self.uint(8)?;
                    let b = self.counted(n)?;
                    self.push(Self::bytes(b))?;
                }
                0x97 => self.push(Value::Other)?,
                0x98 => {
                    self.top()?;
                }
                b'P' => {
                    self.line()?;
                    report.persistent_ids += 1;
                    self.push(Value::Other)?;
                }
                b'Q' => {
                    self.pop()?;
                    report.persistent_ids += 1;
                    self.push(Value::Other)?;
                }
                b'R' => {
                    let args = self.pop()?;
                    let callable = self.pop()?;
                    let args = match args {
                        Value::Tuple(a) => Some(a),
                        _ => None,
                    };
                    let r = self.call(report, callable, args)?;
                    self.push(r)?;
                }
                b'b' => {
                    let state = self.pop()?;
                    let target = self.top()?.clone();
                    if let (Value::Global(idx), Value::Dict(items)) = (&target, &state) {
                        let base = report.imports.get(*idx).map(Import::qualified).unwrap_or_default();
                        for (k, v) in items {
                            if let Value::Str(k) = k {
                                let key = format!("{base}.{k}");
                                report.overrides.push((key.clone(), at));
                                self.overrides.insert(key, v.clone());
                            }
                        }
                    }
                }
                b'c' => {
                    let module = self.line_str()?;
                    let name = self.line_str()?;
                    self.import(report, module, name, at, None)?;
                }
                0x93 => {
                    let name = self.pop()?;
                    let module = self.pop()?;
                    match (module, name) {
                        (Value::Str(m), Value::Str(n)) => self.import(report, m, n, at, None)?,
                        _ => self.import(report, "?".into(), "?".into(), at, Some("STACK_GLOBAL of values that are not strings".into()))?,
                    }
                }
                b'i' => {
                    let module = self.line_str()?;
                    let name = self.line_str()?;
                    let args = self.pop_mark()?;
                    self.import(report, module, name, at, None)?;
                    let cls = self.pop()?;
                    let r = self.call(report, cls, Some(args))?;
                    self.push(r)?;
                }
                b'o' => {
                    let mut items = self.pop_mark()?;
                    if items.is_empty() {
                        return Err("OBJ without a class".into());
                    }
                    let cls = items.remove(0);
                    let r = self.call(report, cls, Some(items))?;
                    self.push(r)?;
                }
                0x81 => {
                    let args = self.pop()?;
                    let cls = self.pop()?;
                    let args = if let Value::Tuple(a) = args { Some(a) } else { None };
                    let r = self.call(report, cls, args)?;
                    self.push(r)?;
                }
                0x92 => {
                    self.pop()?;
                    let args = self.pop()?;
                    let cls = self.pop()?;
                    let args = if let Value::Tuple(a) = args { Some(a) } else { None };
                    let r = self.call(report, cls, args)?;
                    self.push(r)?;
                }
                0x82 | 0x83 | 0x84 => {
                    let n = match op {
                        0x82 => 1,
                        0x83 => 2,
                        _ => 4,
                    };
                    let code = self.uint(n)?;
                    self.import(report, "?".into(), "?".into(), at, Some(format!("extension registry code {code}")))?;
                }
                b'a' => {
                    self.pop()?;
                    self.top()?;
                }
                b'e' | 0x90 => {
                    self.pop_mark()?;
                    self.top()?;
                }
                b's' => {
                    let v = self.pop()?;
                    let k = self.pop()?;
                    if let Some(Value::Dict(items)) = self.stack.last_mut() {
                        items.push((k, v));
                    } else {
                        self.top()?;
                    }
                }
                b'u' => {
                    let items = self.pop_mark()?;
                    let mut pairs = Vec::with_capacity(items.len() / 2);
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        pairs.push((k, v));
                    }
                    if let Some(Value::Dict(d)) = self.stack.last_mut() {
                        d.extend(pairs);
                    } else {
                        self.top()?;
                    }
                }
                b'd' => {
                    let items = self.pop_mark()?;
                    let mut pairs = Vec::new();
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        pairs.push((k, v));
                    }
                    self.push(Value::Dict(pairs))?;
                }
                b'}' => self.push(Value::Dict(Vec::new()))?,
                b']' | 0x8f => self.push(Value::Other)?,
                b'l' | 0x91 => {
                    self.pop_mark()?;
                    self.push(Value::Other)?;
                }
                b't' => {
                    let items = self.pop_mark()?;
                    self.push(Value::Tuple(items))?;
                }
                b')' => self.push(Value::Tuple(Vec::new()))?,
                0x85..=0x87 => {
                    let n = usize::from(op - 0x84);
                    if self.stack.len() < n {
                        return Err("stack underflow".into());
                    }
                    let items = self.stack.split_off(self.stack.len() - n);
                    if items.iter().any(|v| matches!(v, Value::Mark)) {
                        return Err("MARK inside TUPLEn".into());
                    }
                    self.push(Value::Tuple(items))?;
                }
                b'p' => {
                    let key = self.line_str()?.trim().parse::<u64>().map_err(|_| "PUT key is not a number")?;
                    self.memo_put(key)?;
                }
                b'q' => {
                    let key = self.uint(1)?;
                    self.memo_put(key)?;
                }
                b'r' => {
                    let key = self.uint(4)?;
                    self.memo_put(key)?;
                }
                0x94 => {
                    let key = self.memo.len() as u64;
                    self.memo_put(key)?;
                }
                b'g' => {
                    let key = self.line_str()?.trim().parse::<u64>().map_err(|_| "GET key is not a number")?;
                    self.memo_get(key)?;
                }
                b'h' => {
                    let key = self.uint(1)?;
                    self.memo_get(key)?;
                }
                b'j' => {
                    let key = self.uint(4)?;
                    self.memo_get(key)?;
                }
                other => return Err(format!("unknown opcode 0x{other:02x}")),
            }
        }
        Err("too many opcodes".into())
    }
}

/// Callables that unpickle their bytes argument: its content is walked as a nested pickle.
fn is_nested_loader(q: &str) -> bool {
    matches!(
        q,
        "pickle.loads" | "_pickle.loads" | "cPickle.loads" | "dill.loads" | "dill._dill.loads" | "cloudpickle.loads" | "joblib.load"
    ) || q.ends_with("._loads")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(r: &PickleReport) -> Vec<String> {
        r.imports.iter().map(Import::qualified).collect()
    }

    #[test]
    fn protocol0_global_reduce() {
        let r = scan(b"cos\nsystem\n(S'id'\ntR.");
        assert_eq!(names(&r), ["os.system"]);
        assert!(r.imports[0].called);
        assert_eq!(r.pickles, 1);
    }

    #[test]
    fn stack_global_from_memo() {
        // PROTO 4, 'os' MEMOIZE, 'system' MEMOIZE, POP POP, GET 0, GET 1, STACK_GLOBAL, 'x' TUPLE1 REDUCE STOP
        let data = b"\x80\x04\x8c\x02os\x94\x8c\x06system\x940\x30h\x00h\x01\x93\x8c\x01x\x85R.";
        let r = scan(data);
        assert_eq!(names(&r), ["os.system"]);
        assert!(r.imports[0].called);
    }

    #[test]
    fn truncated_stream_keeps_what_was_seen() {
        let r = scan(b"cbuiltins\nexec\n(X\x05\x00\x00\x00");
        assert_eq!(names(&r), ["builtins.exec"]);
        assert!(r.error.is_some());
    }

    #[test]
    fn garbage_is_not_a_pickle() {
        let r = scan(b"\x89PNG\r\n\x1a\n");
        assert!(r.is_not_pickle());
        assert!(scan(b"cmod\n\xf8\n").is_not_pickle());
    }

    #[test]
    fn extension_registry_is_unresolved() {
        let r = scan(b"\x80\x02\x82\x07).");
        assert_eq!(names(&r), ["?.?"]);
        assert!(r.imports[0].via.as_deref().unwrap_or("").contains("extension"));
    }
}
