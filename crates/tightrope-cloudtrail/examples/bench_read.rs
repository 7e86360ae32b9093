//! Where ingestion time goes: the same files read one of three ways on N threads (files split
//! between them), printing the count, wall seconds and the rate. Run each mode under
//! `/usr/bin/time` for CPU seconds.
//!
//! ```text
//! cargo run --release -p tightrope-cloudtrail --example bench_read -- MODE DIR [THREADS]
//! ```
//! * `gunzip`: decompress only (flate2 + zlib-rs, `MultiGzDecoder`);
//! * `split`: decompress and cut into records (no JSON parsing);
//! * `read`: the full reader (`read_file`: each record parsed where it lies in the read buffer,
//!   normalised `Event`).

use flate2::read::MultiGzDecoder;
use std::io::{BufReader, Read};
use std::path::PathBuf;
use std::time::Instant;
use tightrope_cloudtrail::split::{Layout, Piece, split};
use tightrope_cloudtrail::{discover, read_file};

fn gunzip(path: &PathBuf) -> u64 {
    let Ok(file) = std::fs::File::open(path) else {
        return 0;
    };
    let mut dec = MultiGzDecoder::new(BufReader::with_capacity(256 * 1024, file));
    let mut buf = vec![0u8; 256 * 1024];
    let mut n = 0u64;
    while let Ok(k) = dec.read(&mut buf) {
        if k == 0 {
            break;
        }
        n += k as u64;
    }
    n
}

fn split_only(path: &PathBuf) -> u64 {
    let Ok(file) = std::fs::File::open(path) else {
        return 0;
    };
    let dec = MultiGzDecoder::new(BufReader::with_capacity(256 * 1024, file));
    let mut reader = BufReader::with_capacity(256 * 1024, dec);
    let mut records = 0u64;
    let _ = split(&mut reader, Layout::Json, &mut |p: Piece<'_>| {
        records += u64::from(p.is_ok());
    });
    records
}

fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(dir)) = (argv.first(), argv.get(1)) else {
        eprintln!("usage: bench_read gunzip|split|read DIR [THREADS]");
        std::process::exit(2);
    };
    let threads: usize = argv.get(2).and_then(|t| t.parse().ok()).unwrap_or(2).max(1);
    let mut errors = Vec::new();
    let files = discover(std::path::Path::new(dir), &mut errors);
    let modes: [(&str, fn(&PathBuf) -> u64); 3] = [
        ("gunzip", gunzip),
        ("split", split_only),
        ("read", |f| read_file(f, |_| {}).events),
    ];
    for (name, work) in modes.into_iter().filter(|(name, _)| name == mode) {
        let t = Instant::now();
        let total: u64 = std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|i| {
                    let files = &files;
                    s.spawn(move || files.iter().skip(i).step_by(threads).map(work).sum::<u64>())
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
        });
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{name}: {total} {} in {secs:.2} s on {threads} threads = {:.0}/s",
            if name == "gunzip" { "bytes" } else { "records" },
            total as f64 / secs
        );
    }
}
