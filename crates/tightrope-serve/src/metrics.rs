//! `/metrics` in the Prometheus text exposition format (version 0.0.4): request counts and
//! latencies per route, scan durations and outcomes, schedule lag, findings per severity of the
//! latest scan. Written by hand: a few counters do not need a metrics framework.

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Upper bounds (seconds) of the latency histogram buckets.
const HTTP_BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];
const SCAN_BUCKETS: [f64; 8] = [0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 1800.0];

/// A cumulative histogram.
#[derive(Debug, Clone)]
struct Histogram {
    bounds: &'static [f64],
    counts: Vec<u64>,
    sum: f64,
    count: u64,
}

impl Histogram {
    fn new(bounds: &'static [f64]) -> Self {
        Histogram {
            bounds,
            counts: vec![0; bounds.len()],
            sum: 0.0,
            count: 0,
        }
    }

    fn observe(&mut self, v: f64) {
        for (b, c) in self.bounds.iter().zip(self.counts.iter_mut()) {
            if v <= *b {
                *c += 1;
            }
        }
        self.sum += v;
        self.count += 1;
    }

    fn render(&self, out: &mut String, name: &str) {
        for (b, c) in self.bounds.iter().zip(&self.counts) {
            let _ = writeln!(out, "{name}_bucket{{le=\"{b}\"}} {c}");
        }
        let _ = writeln!(out, "{name}_bucket{{le=\"+Inf\"}} {}", self.count);
        let _ = writeln!(out, "{name}_sum {}", self.sum);
        let _ = writeln!(out, "{name}_count {}", self.count);
    }
}

#[derive(Debug)]
struct Inner {
    requests: BTreeMap<(String, String, u16), u64>,
    latency: Histogram,
    scans_ok: u64,
    scans_failed: u64,
    scan_seconds: Histogram,
    last_scan_unix: Option<f64>,
    scan_running: bool,
    findings: BTreeMap<&'static str, u64>,
}

/// The server's metrics.
#[derive(Debug)]
pub struct Metrics {
    inner: Mutex<Inner>,
    /// The scan interval, for the lag gauge (`None`: no schedule).
    interval: Option<Duration>,
}

fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// A label value escaped for the text format.
fn label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

impl Metrics {
    pub fn new(interval: Option<Duration>) -> Self {
        Metrics {
            inner: Mutex::new(Inner {
                requests: BTreeMap::new(),
                latency: Histogram::new(&HTTP_BUCKETS),
                scans_ok: 0,
                scans_failed: 0,
                scan_seconds: Histogram::new(&SCAN_BUCKETS),
                last_scan_unix: None,
                scan_running: false,
                findings: BTreeMap::new(),
            }),
            interval,
        }
    }

    fn update(&self, f: impl FnOnce(&mut Inner)) {
        if let Ok(mut inner) = self.inner.lock() {
            f(&mut inner);
        }
    }

    pub fn request(&self, route: &str, method: &str, status: u16, elapsed: Duration) {
        self.update(|m| {
            *m.requests
                .entry((route.to_string(), method.to_string(), status))
                .or_default() += 1;
            m.latency.observe(elapsed.as_secs_f64());
        });
    }

    pub fn scan_started(&self) {
        self.update(|m| m.scan_running = true);
    }

    pub fn scan_finished(&self, ok: bool, elapsed: Duration) {
        self.update(|m| {
            m.scan_running = false;
            if ok {
                m.scans_ok += 1;
                m.last_scan_unix = Some(unix_now());
            } else {
                m.scans_failed += 1;
            }
            m.scan_seconds.observe(elapsed.as_secs_f64());
        });
    }

    /// Findings of the latest scan per severity.
    pub fn set_findings(&self, counts: &tightrope_store::SeverityCounts) {
        self.update(|m| {
            m.findings = BTreeMap::from([
                ("critical", counts.critical as u64),
                ("high", counts.high as u64),
                ("medium", counts.medium as u64),
                ("low", counts.low as u64),
                ("info", counts.info as u64),
            ]);
        });
    }

    /// The text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let Ok(m) = self.inner.lock() else {
            return out;
        };
        out.push_str("# HELP tightrope_http_requests_total HTTP requests by route, method and status.\n# TYPE tightrope_http_requests_total counter\n");
        for ((route, method, status), n) in &m.requests {
            let _ = writeln!(
                out,
                "tightrope_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{status}\"}} {n}",
                label(route),
                label(method)
            );
        }
        out.push_str("# HELP tightrope_http_request_duration_seconds Time to answer a request.\n# TYPE tightrope_http_request_duration_seconds histogram\n");
        m.latency
            .render(&mut out, "tightrope_http_request_duration_seconds");
        out.push_str("# HELP tightrope_scans_total Scheduled or requested scans by outcome.\n# TYPE tightrope_scans_total counter\n");
        let _ = writeln!(out, "tightrope_scans_total{{result=\"ok\"}} {}", m.scans_ok);
        let _ = writeln!(
            out,
            "tightrope_scans_total{{result=\"failed\"}} {}",
            m.scans_failed
        );
        out.push_str("# HELP tightrope_scan_duration_seconds Duration of a scan (every step, drift, storing).\n# TYPE tightrope_scan_duration_seconds histogram\n");
        m.scan_seconds
            .render(&mut out, "tightrope_scan_duration_seconds");
        out.push_str("# HELP tightrope_scan_running 1 while a scan runs.\n# TYPE tightrope_scan_running gauge\n");
        let _ = writeln!(out, "tightrope_scan_running {}", u8::from(m.scan_running));
        if let Some(last) = m.last_scan_unix {
            out.push_str("# HELP tightrope_last_scan_timestamp_seconds When the last successful scan finished (Unix time).\n# TYPE tightrope_last_scan_timestamp_seconds gauge\n");
            let _ = writeln!(out, "tightrope_last_scan_timestamp_seconds {last}");
            if let Some(iv) = self.interval {
                let lag = (unix_now() - last - iv.as_secs_f64()).max(0.0);
                out.push_str("# HELP tightrope_scan_schedule_lag_seconds How long the next scheduled scan is overdue (0 when on time).\n# TYPE tightrope_scan_schedule_lag_seconds gauge\n");
                let _ = writeln!(out, "tightrope_scan_schedule_lag_seconds {lag}");
            }
        }
        if !m.findings.is_empty() {
            out.push_str("# HELP tightrope_findings Findings of the latest scan by severity.\n# TYPE tightrope_findings gauge\n");
            for (sev, n) in &m.findings {
                let _ = writeln!(out, "tightrope_findings{{severity=\"{sev}\"}} {n}");
            }
        }
        out
    }
}

/// Ingestion by `tightrope detect serve` workers, from the store: counters (use `rate()` for
/// events/s) and the delivery lag of the newest object.
pub fn render_ingestion(out: &mut String, t: &tightrope_store::IngestionTotals) {
    for (name, help, v) in [
        ("tightrope_ingested_objects_total", "CloudTrail log objects scored by queue workers.", t.objects),
        ("tightrope_ingested_events_total", "CloudTrail events scored by queue workers.", t.events),
        ("tightrope_ingested_bad_records_total", "Records queue workers could not read.", t.bad_records),
        ("tightrope_ingested_alerts_total", "Alerts raised by queue workers.", t.alerts),
    ] {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter\n{name} {v}");
    }
    if let Some(lag) = t.last_lag_seconds {
        out.push_str("# HELP tightrope_ingest_lag_seconds Time from S3's notification of the newest ingested object to its commit.\n# TYPE tightrope_ingest_lag_seconds gauge\n");
        let _ = writeln!(out, "tightrope_ingest_lag_seconds {lag}");
    }
    if let Some(at) = t.last_ingested_unix {
        out.push_str("# HELP tightrope_ingest_last_timestamp_seconds When the newest object was committed (Unix time).\n# TYPE tightrope_ingest_last_timestamp_seconds gauge\n");
        let _ = writeln!(out, "tightrope_ingest_last_timestamp_seconds {at}");
    }
}

/// Middleware: count and time every request by its route template (never the raw path, so
/// labels stay bounded).
pub async fn track(State(app): State<crate::state::App>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let method = req.method().as_str().to_string();
    let started = Instant::now();
    let res = next.run(req).await;
    app.metrics
        .request(&route, &method, res.status().as_u16(), started.elapsed());
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_is_cumulative() {
        let mut h = Histogram::new(&HTTP_BUCKETS);
        h.observe(0.002);
        h.observe(0.2);
        let mut out = String::new();
        h.render(&mut out, "x");
        assert!(out.contains("x_bucket{le=\"0.001\"} 0\n"));
        assert!(out.contains("x_bucket{le=\"0.0025\"} 1\n"));
        assert!(out.contains("x_bucket{le=\"0.25\"} 2\n"));
        assert!(out.contains("x_bucket{le=\"+Inf\"} 2\nx_sum 0.202\nx_count 2\n"));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
