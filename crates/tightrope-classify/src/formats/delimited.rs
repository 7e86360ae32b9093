//! CSV and TSV: the engine scans the raw bytes at full speed while one pass of `csv-core` finds the
//! record and field boundaries ([`Layout`]); then each hit is attributed to a (row, column). Columns are classified
//! from their header name and the share of rows whose cell matches each detector.

use crate::dataset::{Aggregator, Column, ColumnMatch, Location};
use crate::detector::{Confidence, Detector};
use crate::detectors::by_id;
use crate::engine::{Hit, hits};
use crate::label::Label;
use csv_core::{ReadFieldResult, ReaderBuilder};
use std::iter::Peekable;

/// The detector a column header points to: `email` → `PII-EMAIL`, `dob` → `PII-DATE-OF-BIRTH`.
pub fn header_hint(header: &str) -> Option<&'static str> {
    let norm = normalize(header);
    let tokens: Vec<&str> = norm.split('_').filter(|t| !t.is_empty()).collect();
    let has = |w: &str| tokens.contains(&w);
    let joined = tokens.concat();
    let id = match () {
        _ if has("email") || has("mail") || joined.contains("email") => "PII-EMAIL",
        _ if has("ip") || joined.starts_with("ipaddr") || joined.starts_with("ipv4") || joined.starts_with("ipv6") => "PII-IP-ADDRESS",
        _ if has("ssn") || joined.contains("socialsecurity") => "PII-US-SSN",
        _ if has("nino") || joined.contains("nationalinsurance") => "PII-UK-NINO",
        _ if has("passport") => "PII-PASSPORT",
        _ if has("iban") => "FIN-IBAN",
        _ if has("routing") || has("aba") => "FIN-ABA-ROUTING",
        _ if has("pan") || joined.contains("creditcard") || joined.contains("ccnumber") || joined.contains("cardnumber") => {
            "FIN-CREDIT-CARD"
        }
        _ if has("mrn") || joined.contains("medicalrecord") => "PHI-MRN",
        _ if has("icd") || has("icd10") || has("diagnosis") => "PHI-ICD10",
        _ if has("phone") || has("mobile") || has("tel") || has("fax") || has("cell") || joined.contains("telephone") => "PII-PHONE",
        _ if has("dob") || has("birthday") || has("birth") || joined.contains("birthdate") || joined.contains("dateofbirth") => {
            "PII-DATE-OF-BIRTH"
        }
        _ if has("street") || has("address") || has("addr") => "PII-ADDRESS",
        _ if has("password")
            || has("passwd")
            || has("secret")
            || has("token")
            || joined.contains("apikey")
            || joined.contains("accesskey") =>
        {
            "SECRET-CONFIG-PASSWORD"
        }
        _ if matches!(
            joined.as_str(),
            "name"
                | "firstname"
                | "lastname"
                | "fullname"
                | "surname"
                | "givenname"
                | "middlename"
                | "maidenname"
                | "mothersmaiden"
                | "customername"
                | "patientname"
                | "contactname"
                | "employeename"
        ) =>
        {
            "PII-PERSON"
        }
        _ => return None,
    };
    Some(id)
}

/// `EmailAddress` / `email-address` / `Email Address` → `email_address`.
fn normalize(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        if c.is_ascii_uppercase()
            && (prev.is_some_and(|p| p.is_ascii_lowercase())
                || (prev.is_some_and(|p| p.is_ascii_uppercase()) && next.is_some_and(|n| n.is_ascii_lowercase())))
        {
            out.push('_');
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase())
        } else {
            out.push('_')
        }
    }
    out
}

/// Per-column tallies while the table is walked.
#[derive(Default)]
pub struct ColumnStats {
    pub name: String,
    pub non_empty: u64,
    /// Per detector seen in the column (found by address, no string comparisons per hit): rows
    /// matched, last row counted, best confidence.
    pub seen: Vec<(&'static Detector, u64, u64, Confidence)>,
}

impl ColumnStats {
    pub fn count(&mut self, row: u64, hit: &Hit) {
        let i = match self.seen.iter().position(|s| std::ptr::eq(s.0, hit.detector)) {
            Some(i) => i,
            None => {
                self.seen.push((hit.detector, 0, u64::MAX, hit.confidence));
                self.seen.len() - 1
            }
        };
        let e = &mut self.seen[i];
        if e.2 != row {
            e.1 += 1;
            e.2 = row;
        }
        e.3 = e.3.max(hit.confidence);
    }

    /// The best confidence of a detector's matches in this column.
    fn best(&self, id: &str) -> Option<Confidence> {
        self.seen.iter().find(|s| s.0.id == id).map(|s| s.3)
    }
}

/// The fields of a delimited table as one `csv-core` pass finds them, and the cells of its first
/// record. It needs only the bytes, so it is found while the engine scans them (`rayon::join`),
/// then walked with the sorted hits by [`aggregate`].
pub struct Layout {
    /// Per field: `end << 2 | non_empty << 1 | record_end` (8 bytes a field, about half the size of
    /// a typical table).
    fields: Vec<u64>,
    /// The unescaped cells of the first record (the header).
    header: Vec<Vec<u8>>,
}

impl Layout {
    pub fn of(hay: &[u8], delimiter: u8) -> Layout {
        let mut rdr = ReaderBuilder::new().delimiter(delimiter).build();
        let mut buf = vec![0u8; 1 << 16];
        let mut layout = Layout {
            fields: Vec::with_capacity(field_estimate(hay, delimiter)),
            header: Vec::new(),
        };
        let (mut pos, mut len, mut cell) = (0usize, 0usize, Vec::new());
        let mut in_header = true;
        loop {
            let input = hay.get(pos..).unwrap_or_default();
            let (res, nin, nout) = rdr.read_field(input, &mut buf);
            if in_header {
                cell.extend_from_slice(&buf[..nout]);
            }
            len += nout;
            pos += nin;
            let record_end = match res {
                ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {
                    if !(input.is_empty() && matches!(res, ReadFieldResult::InputEmpty)) {
                        continue;
                    }
                    // End of input: the next call with empty input finishes the last field.
                    let (res2, _, nout2) = rdr.read_field(&[], &mut buf);
                    len += nout2;
                    match res2 {
                        ReadFieldResult::Field { record_end } => record_end,
                        _ => break,
                    }
                }
                ReadFieldResult::Field { record_end } => record_end,
                ReadFieldResult::End => break,
            };
            layout.fields.push((pos as u64) << 2 | u64::from(len > 0) << 1 | u64::from(record_end));
            if in_header {
                layout.header.push(std::mem::take(&mut cell));
                in_header = !record_end;
            }
            len = 0;
        }
        layout
    }
}

/// About how many fields `hay` holds (a little more), from the delimiters and newlines of its first
/// 64 KiB: the layout of a large table is then allocated once instead of regrown (and copied) about
/// twenty times.
fn field_estimate(hay: &[u8], delimiter: u8) -> usize {
    let head = &hay[..hay.len().min(1 << 16)];
    let per_head = memchr::memchr2_iter(delimiter, b'\n', head).count() + 1;
    let scale = hay.len() / head.len().max(1) + 1;
    per_head.saturating_mul(scale).saturating_add(per_head / 16).min(hay.len() + 1)
}

/// Walk a delimited table's `layout`, attributing `hits` (sorted) to cells; returns the columns and
/// the data rows (the records after the header).
pub fn aggregate(hay: &[u8], layout: &Layout, hits: &hits::Hits, agg: &mut Aggregator) -> (Vec<Column>, u64) {
    let mut cols: Vec<ColumnStats> = Vec::new();
    let (mut row, mut field, mut field_start) = (0u64, 0usize, 0usize);
    let mut next_hit = hits.iter().peekable();
    for &f in &layout.fields {
        let (end, non_empty, record_end) = ((f >> 2) as usize, f & 2 != 0, f & 1 != 0);
        let header_cell = if row == 0 { layout.header.get(field).map(Vec::as_slice) } else { None };
        let cell = Cell {
            row,
            field,
            span: (field_start, end),
            non_empty,
        };
        close_field(&mut cols, cell, header_cell.unwrap_or_default(), hay, &mut next_hit, agg);
        field_start = end;
        if record_end {
            row += 1;
            field = 0;
        } else {
            field += 1;
        }
    }
    let data_rows = row.saturating_sub(1);
    let columns = cols.into_iter().enumerate().map(|(i, c)| classify_column(i, c, agg)).collect();
    (columns, data_rows)
}

/// One field of the table: its record (0 = header), position in the record, byte span, and whether
/// it holds any byte.
struct Cell {
    row: u64,
    field: usize,
    span: (usize, usize),
    non_empty: bool,
}

fn close_field(
    cols: &mut Vec<ColumnStats>,
    Cell {
        row,
        field,
        span: (start, end),
        non_empty,
    }: Cell,
    header_cell: &[u8],
    hay: &[u8],
    next_hit: &mut Peekable<hits::Iter<'_>>,
    agg: &mut Aggregator,
) {
    // Bound the column count: a hostile file with millions of delimiters on one line stays cheap.
    if field >= 4096 {
        while next_hit.next_if(|h| h.start < end).is_some() {}
        return;
    }
    while cols.len() <= field {
        cols.push(ColumnStats::default());
    }
    let col = &mut cols[field];
    if row == 0 {
        // A header cell that holds a match is data (a file without a header row): never echo it
        // as a column name, which would put the raw value in every output.
        let holds_match = next_hit.clone().take_while(|h| h.start < end).any(|h| h.start >= start);
        col.name = if holds_match {
            format!("#{}", field + 1)
        } else {
            String::from_utf8_lossy(header_cell).trim().to_string()
        };
    } else if non_empty {
        col.non_empty += 1;
    }
    while let Some(hit) = next_hit.next_if(|h| h.start < end) {
        if hit.start < start {
            continue;
        }
        if row > 0 {
            col.count(row, hit);
        }
        let name = &col.name;
        agg.add(hay, hit, || Location::Cell {
            row,
            column: if name.is_empty() { format!("#{}", field + 1) } else { name.clone() },
        });
    }
}

/// Decide a column's classification from its header and the share of matching rows.
pub fn classify_column(index: usize, c: ColumnStats, agg: &mut Aggregator) -> Column {
    let header_hint = header_hint(&c.name);
    let denom = c.non_empty.max(1) as f64;
    let mut matches: Vec<ColumnMatch> = c
        .seen
        .iter()
        .map(|(d, rows, _, _)| ColumnMatch {
            detector: d.id,
            rows: *rows,
            share: (*rows as f64 / denom * 1000.0).round() / 1000.0,
        })
        .collect();
    matches.sort_by(|a, b| b.rows.cmp(&a.rows).then(a.detector.cmp(b.detector)));
    let share_of = |id: &str| matches.iter().find(|m| m.detector == id).map_or(0.0, |m| m.share);
    let by_values = matches.iter().find(|m| m.share >= 0.5).map(|m| m.detector);
    let classification = match (by_values, header_hint) {
        // A birth-date header over date values: the dates are birth dates.
        (Some("PII-DATE"), Some("PII-DATE-OF-BIRTH")) => Some("PII-DATE-OF-BIRTH"),
        (Some(v), _) => Some(v),
        // Header only: trusted unless the values clearly are something else.
        (None, Some(h)) if c.non_empty > 0 && (share_of(h) > 0.0 || matches.iter().all(|m| m.share < 0.2)) => Some(h),
        _ => None,
    };
    let label = classification.and_then(by_id).map_or(Label::Public, |d| {
        let confidence = c.best(d.id).unwrap_or(Confidence::Medium).max(Confidence::Medium);
        Label::for_match(d, confidence)
    });
    agg.raise_label(label);
    Column {
        index,
        name: c.name,
        non_empty: c.non_empty,
        header_hint,
        matches,
        classification,
        label,
    }
}

#[cfg(test)]
mod tests {
    use super::{Layout, aggregate, header_hint};
    use crate::dataset::Aggregator;
    use crate::detector::Confidence;
    use crate::detectors::ALL;
    use crate::engine::Engine;
    use crate::mask::HashKey;

    #[test]
    fn header_cells_holding_a_match_are_not_used_as_names() {
        let engine = Engine::new(&ALL.iter().collect::<Vec<_>>()).expect("detectors compile");
        let hay = b"402-13-3522,olga.davis@example.com,notes\n612-69-1793,ivan@example.com,x\n";
        let hits = engine.scan(hay);
        let key = HashKey::from_bytes([0; 32]);
        let mut agg = Aggregator::new(&key, 3, Confidence::Medium);
        let (cols, rows) = aggregate(hay, &Layout::of(hay, b','), &hits, &mut agg);
        let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["#1", "#2", "notes"]);
        assert_eq!(rows, 1);
    }

    #[test]
    fn rows_and_cells_with_and_without_a_final_newline() {
        let engine = Engine::new(&ALL.iter().collect::<Vec<_>>()).expect("detectors compile");
        let key = HashKey::from_bytes([0; 32]);
        for hay in [
            &b"ssn,\"mail, quoted\"\n402-13-3522,\"olga.davis@example.com\"\n612-69-1793,\"a\nb ivan@example.com\"\n"[..],
            &b"ssn,\"mail, quoted\"\n402-13-3522,\"olga.davis@example.com\"\n612-69-1793,\"a\nb ivan@example.com\""[..],
            &b"ssn,\"mail, quoted\"\r\n402-13-3522,\"olga.davis@example.com\"\r\n612-69-1793,\"a\nb ivan@example.com\"\r\n"[..],
        ] {
            let hits = engine.scan(hay);
            let mut agg = Aggregator::new(&key, 3, Confidence::Medium);
            let (cols, rows) = aggregate(hay, &Layout::of(hay, b','), &hits, &mut agg);
            let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
            assert_eq!(names, ["ssn", "mail, quoted"], "{hay:?}");
            assert_eq!(rows, 2, "the last record counts without a final newline too: {hay:?}");
            let matched: Vec<_> = cols.iter().map(|c| c.matches.iter().map(|m| (m.detector, m.rows)).collect::<Vec<_>>()).collect();
            assert_eq!(matched[0], [("PII-US-SSN", 2)], "{hay:?}");
            assert_eq!(matched[1], [("PII-EMAIL", 2)], "{hay:?}");
        }
        let empty = Layout::of(b"", b',');
        assert!(empty.fields.is_empty() && empty.header.is_empty());
    }

    #[test]
    fn the_field_estimate_covers_a_uniform_table_without_waste() {
        let table = b"id,name,mail\n".iter().copied().chain(b"1,Ann Lee,a@example.com\n".repeat(20_000)).collect::<Vec<u8>>();
        let fields = Layout::of(&table, b',').fields.len();
        let estimate = super::field_estimate(&table, b',');
        assert!(estimate >= fields && estimate < fields + fields / 4, "{estimate} for {fields} fields");
        assert_eq!(super::field_estimate(b"", b','), 1);
    }

    #[test]
    fn header_hints() {
        assert_eq!(header_hint("EmailAddress"), Some("PII-EMAIL"));
        assert_eq!(header_hint("ip_address"), Some("PII-IP-ADDRESS"));
        assert_eq!(header_hint("StreetAddress"), Some("PII-ADDRESS"));
        assert_eq!(header_hint("CCNumber"), Some("FIN-CREDIT-CARD"));
        assert_eq!(header_hint("first_name"), Some("PII-PERSON"));
        assert_eq!(header_hint("dob"), Some("PII-DATE-OF-BIRTH"));
        assert_eq!(header_hint("TelephoneNumber"), Some("PII-PHONE"));
        assert_eq!(header_hint("username"), None);
        assert_eq!(header_hint("notes"), None);
    }
}
