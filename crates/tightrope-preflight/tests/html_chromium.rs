//! The HTML report in a real browser: headless Chromium runs its script (the findings table is
//! filled and counted), logs no console error, and a screenshot shows the red verdict badge.
//! Skips with a message when /usr/bin/chromium is absent (`apt-get install -y chromium`).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use tightrope_preflight::config::Config;
use tightrope_preflight::report::{self, Format};

const CHROMIUM: &str = "/usr/bin/chromium";

fn chromium(args: &[&str], page: &Path) -> (String, String) {
    let url = format!("file://{}", page.display());
    let out = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--enable-logging=stderr",
            "--v=0",
            "--no-first-run",
        ])
        .args(args)
        .arg(&url)
        .output()
        .expect("run chromium");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Console messages Chromium logged at error level or as uncaught exceptions.
fn console_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| {
            l.contains("CONSOLE")
                && (l.contains("Uncaught") || l.contains("Error") || l.contains(":ERROR:"))
        })
        .collect()
}

/// RGB(A) pixels of an 8-bit, non-interlaced PNG (what Chromium writes), decoded with flate2.
fn png_pixels(bytes: &[u8]) -> (u32, u32, usize, Vec<u8>) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let (mut pos, mut idat, mut w, mut h, mut bpp) = (8, Vec::new(), 0, 0, 0);
    while pos + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().expect("4 bytes")) as usize;
        let kind = &bytes[pos + 4..pos + 8];
        let data = &bytes[pos + 8..pos + 8 + len];
        match kind {
            b"IHDR" => {
                w = u32::from_be_bytes(data[0..4].try_into().expect("4"));
                h = u32::from_be_bytes(data[4..8].try_into().expect("4"));
                assert_eq!((data[8], data[12]), (8, 0), "8-bit, non-interlaced");
                bpp = match data[9] {
                    2 => 3,
                    6 => 4,
                    t => panic!("colour type {t} not handled"),
                };
            }
            b"IDAT" => idat.extend_from_slice(data),
            b"IEND" => break,
            _ => {}
        }
        pos += 12 + len;
    }
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..])
        .read_to_end(&mut raw)
        .expect("zlib");
    let stride = w as usize * bpp;
    let mut out = vec![0u8; stride * h as usize];
    for y in 0..h as usize {
        let filter = raw[y * (stride + 1)];
        let line = &raw[y * (stride + 1) + 1..(y + 1) * (stride + 1)];
        for x in 0..stride {
            let a = if x >= bpp {
                out[y * stride + x - bpp] as i32
            } else {
                0
            };
            let b = if y > 0 {
                out[(y - 1) * stride + x] as i32
            } else {
                0
            };
            let c = if x >= bpp && y > 0 {
                out[(y - 1) * stride + x - bpp] as i32
            } else {
                0
            };
            let pred = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => {
                    let p = a + b - c;
                    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                f => panic!("PNG filter {f}"),
            };
            out[y * stride + x] = (line[x] as i32 + pred) as u8;
        }
    }
    (w, h, bpp, out)
}

#[test]
fn html_report_renders_in_headless_chromium() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!("skipping: {CHROMIUM} is not installed (apt-get install -y chromium)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut cfg = Config::load(&repo.join("examples/tightrope.toml")).expect("example config");
    cfg.environment.hash_key = Some(dir.path().join("classify.key"));
    cfg.access.cache_dir = Some(dir.path().join("no-iam-database")); // not needed for the page
    let p = tightrope_preflight::run(&cfg, &|_| {});
    let page = dir.path().join("preflight.html");
    std::fs::write(&page, report::render(Format::Html, &p, false)).expect("write");
    let total = p.all_findings().len();

    // the script ran: the table holds every finding and the counter says so; no console error
    let (dom, log) = chromium(&["--dump-dom", "--virtual-time-budget=2000"], &page);
    assert!(
        dom.contains(&format!("{total} of {total} findings")),
        "the findings script did not run:\n{log}"
    );
    let body = dom
        .split("id=\"findings-body\">")
        .nth(1)
        .and_then(|b| b.split("</tbody>").next())
        .expect("findings table");
    assert_eq!(body.matches("<tr>").count(), total);
    assert!(
        console_errors(&log).is_empty(),
        "console errors:\n{}",
        console_errors(&log).join("\n")
    );

    // the console check can fail: a page whose script throws is caught
    let bad = dir.path().join("bad.html");
    std::fs::write(&bad, "<!DOCTYPE html><html><body><script>throw new Error('tightrope-boom')</script></body></html>").expect("write");
    let (_, bad_log) = chromium(&["--dump-dom"], &bad);
    assert!(
        console_errors(&bad_log)
            .iter()
            .any(|l| l.contains("tightrope-boom")),
        "console capture does not work:\n{bad_log}"
    );

    // screenshot: the page painted, with the red `blocked` badge and the graph
    let shot = dir.path().join("shot.png");
    let arg = format!("--screenshot={}", shot.display());
    chromium(
        &[&arg, "--window-size=1280,1600", "--hide-scrollbars"],
        &page,
    );
    let bytes = std::fs::read(&shot).expect("screenshot written");
    let (w, h, bpp, px) = png_pixels(&bytes);
    assert_eq!((w, h), (1280, 1600));
    let pixels: Vec<&[u8]> = px.chunks(bpp).collect();
    let near = |p: &[u8], c: [i32; 3]| (0..3).all(|i| (p[i] as i32 - c[i]).abs() <= 12);
    let red = pixels
        .iter()
        .filter(|p| near(p, [0xc6, 0x28, 0x28]))
        .count();
    let white = pixels.iter().filter(|p| near(p, [255, 255, 255])).count();
    assert!(
        red > 500,
        "the blocked badge and red bars are painted ({red} red pixels)"
    );
    assert!(
        white < pixels.len() * 97 / 100,
        "the page is not blank ({white} of {} white)",
        pixels.len()
    );
    let mut colors: Vec<[u8; 3]> = pixels
        .iter()
        .map(|p| [p[0] & 0xf0, p[1] & 0xf0, p[2] & 0xf0])
        .collect();
    colors.sort_unstable();
    colors.dedup();
    assert!(colors.len() > 20, "only {} distinct colours", colors.len());
}
