//! Benchmark driver: scan model files through the library, as `tightrope supply models` does,
//! without building the whole CLI. `cargo run --release -p tightrope-supply --example scan_models -- DIR`
fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    let scan = tightrope_supply::model::scan_paths(&paths);
    let flagged = scan.files.iter().filter(|f| f.verdict() != "safe").count();
    println!("files={} flagged={} findings={} errors={}", scan.files.len(), flagged, scan.findings().len(), scan.errors.len());
}
