//! What a classification run says about one dataset (a file or an object): counts per detector,
//! a few redacted samples with their location, per-column results for tables, and the label.

use crate::detector::{Category, Confidence, Detector, Regulation};
use crate::engine::Hit;
use crate::label::Label;
use crate::mask::{HashKey, mask};
use serde::Serialize;

/// Where a match was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Location {
    /// 1-based line and byte column in a text file.
    Text { line: u64, column: u64 },
    /// 1-based data row (the header is row 0) and column name of a table.
    Cell { row: u64, column: String },
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Text { line, column } => write!(f, "line {line}, col {column}"),
            Location::Cell { row, column } => write!(f, "row {row}, column `{column}`"),
        }
    }
}

/// One redacted occurrence: never the raw value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub location: Location,
    pub confidence: Confidence,
    /// `4111 **** **** 1111`, `AKIA…WXYZ`.
    pub masked: String,
    /// HMAC-SHA256 of the value under the installation key, for correlation.
    pub hash: String,
}

/// Matches of one detector in one dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DetectorSummary {
    pub id: &'static str,
    pub title: &'static str,
    pub category: Category,
    pub regulations: &'static [Regulation],
    pub count: u64,
    pub high: u64,
    pub medium: u64,
    pub low: u64,
    pub max_confidence: Confidence,
    /// The first few occurrences, redacted.
    pub samples: Vec<Evidence>,
}

impl DetectorSummary {
    fn new(d: &'static Detector) -> Self {
        DetectorSummary {
            id: d.id,
            title: d.title,
            category: d.category,
            regulations: d.regulations,
            count: 0,
            high: 0,
            medium: 0,
            low: 0,
            max_confidence: Confidence::Low,
            samples: Vec::new(),
        }
    }
}

/// How one detector fared in one table column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnMatch {
    pub detector: &'static str,
    /// Rows whose cell in this column holds at least one match.
    pub rows: u64,
    /// `rows` over the column's non-empty cells.
    pub share: f64,
}

/// Column-level classification of a table (CSV/TSV/Parquet).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub index: usize,
    pub name: String,
    pub non_empty: u64,
    /// The detector the header name points to (`email` → `PII-EMAIL`), if any.
    pub header_hint: Option<&'static str>,
    pub matches: Vec<ColumnMatch>,
    /// What the column holds, from values (share ≥ 50 %) or a header hint the values do not contradict.
    pub classification: Option<&'static str>,
    pub label: Label,
}

/// The result for one dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dataset {
    pub path: String,
    /// `text`, `csv`, `tsv`, `json`, `jsonl`, `parquet`, with `+gzip` / `+zstd` when compressed.
    pub format: String,
    /// Bytes scanned (after decompression).
    pub bytes: u64,
    /// Data rows, for tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<u64>,
    pub label: Label,
    pub detectors: Vec<DetectorSummary>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<Column>,
}

impl Dataset {
    /// Total matches at or above `min`.
    pub fn matches_at_least(&self, min: Confidence) -> u64 {
        self.detectors
            .iter()
            .map(|d| match min {
                Confidence::Low => d.count,
                Confidence::Medium => d.medium + d.high,
                Confidence::High => d.high,
            })
            .sum()
    }
}

/// Accumulates hits into per-detector summaries.
pub struct Aggregator<'k> {
    key: &'k HashKey,
    samples: usize,
    min: Confidence,
    /// One summary per detector seen, found by the detector's address (few detectors, many hits).
    by_detector: Vec<(&'static Detector, DetectorSummary)>,
    label: Label,
}

impl<'k> Aggregator<'k> {
    pub fn new(key: &'k HashKey, samples: usize, min: Confidence) -> Self {
        Aggregator {
            key,
            samples,
            min,
            by_detector: Vec::new(),
            label: Label::Public,
        }
    }

    /// Record one hit; `location` is computed only when a sample is kept.
    pub fn add(&mut self, hay: &[u8], hit: &Hit, location: impl FnOnce() -> Location) {
        let d: &'static Detector = hit.detector;
        let i = match self.by_detector.iter().position(|(x, _)| std::ptr::eq(*x, d)) {
            Some(i) => i,
            None => {
                self.by_detector.push((d, DetectorSummary::new(d)));
                self.by_detector.len() - 1
            }
        };
        let s = &mut self.by_detector[i].1;
        s.count += 1;
        match hit.confidence {
            Confidence::High => s.high += 1,
            Confidence::Medium => s.medium += 1,
            Confidence::Low => s.low += 1,
        }
        s.max_confidence = s.max_confidence.max(hit.confidence);
        if hit.confidence >= self.min {
            self.label = self.label.max(Label::for_match(d, hit.confidence));
        }
        if s.samples.len() < self.samples
            || (hit.confidence > Confidence::Low && s.samples.iter().all(|e| e.confidence == Confidence::Low) && !s.samples.is_empty())
        {
            let value = hit.value(hay);
            let ev = Evidence {
                location: location(),
                confidence: hit.confidence,
                masked: mask(d, value),
                hash: self.key.hash(d, value),
            };
            if s.samples.len() < self.samples {
                s.samples.push(ev);
            } else if let Some(slot) = s.samples.last_mut() {
                *slot = ev;
            }
        }
    }

    /// Raise the label for a column classified from its header and values.
    pub fn raise_label(&mut self, label: Label) {
        self.label = self.label.max(label);
    }

    pub fn finish(self) -> (Label, Vec<DetectorSummary>) {
        let mut v: Vec<DetectorSummary> = self.by_detector.into_iter().map(|(_, s)| s).collect();
        v.sort_by(|a, b| {
            b.max_confidence
                .cmp(&a.max_confidence)
                .then(b.count.cmp(&a.count))
                .then(a.id.cmp(b.id))
        });
        (self.label, v)
    }
}
