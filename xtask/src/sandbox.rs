//! Starting the sandbox server for tests and benchmarks, stopped when dropped.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

use crate::run::{cmd, root, status};

/// A running sandbox; the process is killed when this is dropped.
pub struct Sandbox {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
}

impl Sandbox {
    /// Builds and starts `wa-numbers-sandbox --port 0 <args>` on a free port;
    /// `release` for benchmarks, so that the server's own time stays small.
    pub fn start(args: &[&str], release: bool) -> Result<Sandbox, String> {
        let mut build = vec!["build", "--locked", "--quiet", "-p", "wa-numbers-sandbox"];
        if release {
            build.push("--release");
        }
        status(&mut cmd("cargo", &build))?;
        let profile = if release { "release" } else { "debug" };
        let binary = root().join(format!("target/{profile}/wa-numbers-sandbox"));
        let mut all = vec!["--port", "0"];
        all.extend_from_slice(args);
        let mut child = cmd(&binary.to_string_lossy(), &all)
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start the sandbox: {e}"))?;
        let mut first = String::new();
        let stdout = child.stdout.take().ok_or("sandbox has no stdout")?;
        BufReader::new(stdout)
            .read_line(&mut first)
            .map_err(|e| format!("reading the sandbox's URL: {e}"))?;
        let url = first.trim().to_owned();
        if !url.starts_with("http://127.0.0.1:") {
            let _ = child.kill();
            return Err(format!("the sandbox did not print its URL (got {url:?})"));
        }
        println!("xtask: sandbox listening on {url}");
        Ok(Sandbox { child, url })
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
