//! Containers: zip (PyTorch, npz, plain), tar (legacy PyTorch) and 7z (stored content only).
//! Every entry is bounded by count, size and compression ratio; traversal names are findings.

use super::{Ctx, detect, numpy, pickled};
use crate::model::archive::{self, MAX_ENTRIES, Zip};
use crate::model::{MAX_ENTRY_READ, ModelFormat};
use crate::rules;
use std::io::Read;
use tightrope_core::Severity;

/// Bytes read from an entry to recognise its format.
const SNIFF: u64 = 4096;

/// PyTorch, Keras, npz or a plain zip, from the entry names.
pub fn classify_zip(data: &[u8]) -> ModelFormat {
    let Ok(zip) = Zip::open(data) else { return ModelFormat::Zip };
    let names: Vec<&str> = zip.entries.iter().map(|e| e.name.as_str()).collect();
    if names.iter().any(|n| n.ends_with("data.pkl")) {
        ModelFormat::PytorchZip
    } else if names.contains(&"config.json") && names.iter().any(|n| *n == "metadata.json" || n.ends_with(".weights.h5")) {
        ModelFormat::Keras
    } else if !names.is_empty() && names.iter().all(|n| n.ends_with(".npy")) {
        ModelFormat::NumpyZip
    } else {
        ModelFormat::Zip
    }
}

/// Open a zip or report why it cannot be read; reports listing limits.
pub fn open_zip<'a>(ctx: &mut Ctx, data: &'a [u8]) -> Option<Zip<'a>> {
    match Zip::open(data) {
        Ok(z) => {
            if z.truncated {
                ctx.report(&rules::ARCHIVE_LIMITS, Severity::Medium, "archive", format!("archive has more than {MAX_ENTRIES} entries; the rest was not inspected"), None);
            }
            Some(z)
        }
        Err(e) => {
            ctx.report(&rules::MODEL_MALFORMED, Severity::Medium, "archive", format!("zip archive cannot be read: {e}"), None);
            None
        }
    }
}

/// Check an entry's name and size; false when it must not be read.
pub fn entry_is_readable(ctx: &mut Ctx, zip: &Zip, i: usize) -> bool {
    let Some(e) = zip.entries.get(i) else { return false };
    if archive::escapes(&e.name) {
        ctx.report(&rules::ARCHIVE_TRAVERSAL, Severity::High, "archive", format!("entry `{}` would be extracted outside the target directory", e.name), None);
    }
    if zip.is_bomb(i) {
        ctx.report(&rules::ARCHIVE_LIMITS, Severity::Medium, "archive", format!("entry `{}` expands {} → {} bytes (ratio above {}); not inspected", e.name, e.compressed_size, e.size, archive::MAX_RATIO), None);
        return false;
    }
    if e.size > MAX_ENTRY_READ {
        ctx.report(&rules::ARCHIVE_LIMITS, Severity::Medium, "archive", format!("entry `{}` is {} bytes, above the {MAX_ENTRY_READ}-byte read limit; not inspected", e.name, e.size), None);
        return false;
    }
    true
}

/// Read an entry or report why it could not be read.
pub fn read_entry(ctx: &mut Ctx, zip: &mut Zip, i: usize, cap: u64) -> Option<Vec<u8>> {
    match zip.read(i, cap) {
        Ok(b) => Some(b),
        Err(e) => {
            let name = zip.entries.get(i).map(|e| e.name.clone()).unwrap_or_default();
            ctx.report(&rules::UNSCANNABLE, Severity::Info, "archive", format!("entry `{name}` cannot be read: {e}"), None);
            None
        }
    }
}

/// Scan the entries of a zip. PyTorch archives: every `.pkl`; npz: every array header (and the
/// pickle of object arrays); other zips: every entry recognised as a model or named like one.
pub fn scan_zip(ctx: &mut Ctx, data: &[u8], format: ModelFormat, depth: usize) {
    let Some(mut zip) = open_zip(ctx, data) else { return };
    for i in 0..zip.entries.len() {
        if !entry_is_readable(ctx, &zip, i) {
            continue;
        }
        let Some(entry) = zip.entries.get(i).cloned() else { continue };
        if entry.name.ends_with('/') {
            continue;
        }
        match format {
            ModelFormat::PytorchZip => {
                if entry.name.ends_with(".pkl")
                    && let Some(bytes) = read_entry(ctx, &mut zip, i, MAX_ENTRY_READ)
                {
                    ctx.inner.push(entry.name.clone());
                    pickled::scan(ctx, &bytes);
                    ctx.inner.pop();
                }
            }
            ModelFormat::NumpyZip => {
                let Some(head) = read_entry(ctx, &mut zip, i, SNIFF) else { continue };
                ctx.inner.push(entry.name.clone());
                if numpy::is_object_array(&head)
                    && let Some(full) = read_entry(ctx, &mut zip, i, MAX_ENTRY_READ)
                {
                    numpy::scan(ctx, &full);
                }
                ctx.inner.pop();
            }
            _ => {
                let Some(head) = read_entry(ctx, &mut zip, i, SNIFF) else { continue };
                let named_like_model = crate::model::MODEL_EXTENSIONS.iter().any(|x| entry.name.to_ascii_lowercase().ends_with(&format!(".{x}")));
                let recognised = detect(&entry.name, &head) != ModelFormat::Unknown || entry.name.ends_with(".safetensors");
                if !recognised && entry.encrypted {
                    ctx.report(&rules::UNSCANNABLE, Severity::Info, "archive", format!("entry `{}` is encrypted and was not inspected", entry.name), None);
                } else if recognised || named_like_model {
                    let full = if entry.size <= SNIFF && head.len() as u64 == entry.size { Some(head) } else { read_entry(ctx, &mut zip, i, MAX_ENTRY_READ) };
                    if let Some(full) = full {
                        ctx.enter(&entry.name, &full, depth);
                    }
                }
            }
        }
    }
}

/// Legacy PyTorch tar (`sys_info`, `pickle`, `storages`, `tensors`) and other tars.
pub fn scan_tar(ctx: &mut Ctx, data: &[u8], depth: usize) {
    let mut archive = tar::Archive::new(data);
    let entries = match archive.entries() {
        Ok(e) => e,
        Err(e) => {
            ctx.report(&rules::MODEL_MALFORMED, Severity::Medium, "archive", format!("tar archive cannot be read: {e}"), None);
            return;
        }
    };
    for (n, entry) in entries.enumerate() {
        if n >= MAX_ENTRIES {
            ctx.report(&rules::ARCHIVE_LIMITS, Severity::Medium, "archive", format!("archive has more than {MAX_ENTRIES} entries; the rest was not inspected"), None);
            break;
        }
        let mut entry = match entry {
            Ok(e) => e,
            Err(e) => {
                ctx.report(&rules::MODEL_MALFORMED, Severity::Medium, "archive", format!("tar entry {n} cannot be read: {e}"), None);
                break;
            }
        };
        let name = entry.path_bytes().iter().map(|b| char::from(*b)).collect::<String>();
        if archive::escapes(&name) {
            ctx.report(&rules::ARCHIVE_TRAVERSAL, Severity::High, "archive", format!("entry `{name}` would be extracted outside the target directory"), None);
        }
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let mut bytes = Vec::new();
        if let Err(e) = (&mut entry).take(MAX_ENTRY_READ).read_to_end(&mut bytes) {
            ctx.report(&rules::MODEL_MALFORMED, Severity::Medium, "archive", format!("tar entry `{name}` cannot be read: {e}"), None);
            break;
        }
        let base = name.rsplit('/').next().unwrap_or(&name);
        if matches!(base, "pickle" | "sys_info" | "storages" | "tensors") || detect(&name, &bytes) != ModelFormat::Unknown {
            ctx.enter(&name, &bytes, depth);
        }
    }
}

/// 7z: content coded with the Copy method (or stored as an uncompressed LZMA2 chunk) starts right
/// after the 32-byte signature header and is scanned as a pickle; compressed content is not decoded and is reported as not inspected.
pub fn scan_7z(ctx: &mut Ctx, data: &[u8]) {
    // An LZMA2 stream may hold an uncompressed chunk: control byte 1 or 2, then a 16-bit size.
    let start = if matches!(data.get(32), Some(1 | 2)) { 35 } else { 32 };
    let body = data.get(start..).unwrap_or_default();
    if body.first() == Some(&0x80) {
        ctx.inner.push("<7z stored stream>".into());
        let parsed = pickled::scan(ctx, body);
        ctx.inner.pop();
        if parsed {
            return;
        }
    }
    ctx.report(&rules::UNSCANNABLE, Severity::Info, "archive", "7z archive with compressed content: not decoded, not inspected".into(), None);
}
