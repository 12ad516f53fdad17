//! Starting the sandbox server for tests and benchmarks, stopped when dropped.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

use crate::run::{cmd, root, status};

/// A running sandbox; the process is killed when this is dropped.
pub struct Sandbox {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// `https://127.0.0.1:PORT` (HTTP/2 offered), when started with
    /// `--tls-port`.
    pub https: Option<String>,
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
        let stdout = child.stdout.take().ok_or("sandbox has no stdout")?;
        let mut lines = BufReader::new(stdout);
        let mut line = |scheme: &str| -> Result<String, String> {
            let mut read = String::new();
            lines
                .read_line(&mut read)
                .map_err(|e| format!("reading the sandbox's URL: {e}"))?;
            let url = read.trim().to_owned();
            if url.starts_with(&format!("{scheme}://127.0.0.1:")) {
                Ok(url)
            } else {
                Err(format!(
                    "the sandbox did not print its {scheme} URL (got {url:?})"
                ))
            }
        };
        let urls = line("http").and_then(|url| {
            let https = match args.contains(&"--tls-port") {
                true => Some(line("https")?),
                false => None,
            };
            Ok((url, https))
        });
        let (url, https) = match urls {
            Ok(urls) => urls,
            Err(message) => {
                let _ = child.kill();
                return Err(message);
            }
        };
        println!("xtask: sandbox listening on {url}");
        if let Some(https) = &https {
            println!("xtask: and on {https} (HTTPS, HTTP/2, a self-signed certificate)");
        }
        Ok(Sandbox { child, url, https })
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
