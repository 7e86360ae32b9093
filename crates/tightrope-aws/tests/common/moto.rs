//! A local AWS emulator (moto), started at a free port on 127.0.0.1 and stopped (killed) on drop.
//! Free of SDK dependencies, so the CLI tests of the `tightrope` binary include it too.

#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `moto_server`.
pub struct Moto {
    child: Child,
    pub endpoint: String,
}

impl Moto {
    /// Start moto, or `None` (with a message saying why) when `moto_server` is not installed.
    pub fn start() -> Option<Moto> {
        let Some(bin) = moto_binary() else {
            eprintln!("skipping: moto_server not found on PATH or in /opt/peers/bin (install with `pip install 'moto[server]'`)");
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
        let child = Command::new(&bin)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let child = match child {
            Ok(c) => c,
            Err(e) => {
                eprintln!("skipping: cannot start {}: {e}", bin.display());
                return None;
            }
        };
        let moto = Moto { child, endpoint: format!("http://127.0.0.1:{port}") };
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                eprintln!("skipping: moto_server did not listen on port {port} within 60 s");
                return None;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(moto)
    }

}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn moto_binary() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join("moto_server"))
        .find(|p| p.is_file());
    on_path.or_else(|| Some(PathBuf::from("/opt/peers/bin/moto_server")).filter(|p| p.is_file()))
}

/// Point the collector's credential chain at the emulator (static test credentials).
pub fn test_credentials_env() {
    // SAFETY: set once, before any thread of the test reads the environment.
    unsafe {
        std::env::set_var("AWS_ACCESS_KEY_ID", "testing");
        std::env::set_var("AWS_SECRET_ACCESS_KEY", "testing");
        std::env::set_var("AWS_REGION", "us-east-1");
        std::env::remove_var("AWS_PROFILE");
    }
}
