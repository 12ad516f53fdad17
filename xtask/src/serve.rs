//! `cargo xtask serve [--port N] [--sandbox]`: builds the dashboard with Trunk
//! and serves it; on demo data by default, or with `--sandbox` next to a local
//! sandbox server the connect form is filled in for.

use crate::run::{status, trunk};
use crate::sandbox::Sandbox;
use crate::tools;

pub fn run(args: &[String]) -> Result<(), String> {
    let mut port = "8080".to_owned();
    let mut with_sandbox = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => port = rest.next().ok_or("--port needs a number")?.clone(),
            "--sandbox" => with_sandbox = true,
            other => {
                return Err(format!(
                    "unknown option {other:?} (serve takes --port N and --sandbox)"
                ))
            }
        }
    }
    port.parse::<u16>()
        .map_err(|_| format!("--port {port:?} is not a port number"))?;
    tools::ensure_wasm_target()?;
    tools::ensure_node_packages()?;
    tools::ensure_wasm_bindgen()?;
    tools::ensure_trunk()?;
    // Kept alive until Trunk stops.
    let sandbox = if with_sandbox {
        Some(Sandbox::start(&["--numbers", "3000"], false)?)
    } else {
        None
    };
    match &sandbox {
        Some(s) => println!(
            "xtask: dashboard at http://127.0.0.1:{port}/?provider=antgst&base={url} — the sandbox \
             accepts any key except \"invalid\" (401) and \"forbidden\" (403) (Ctrl-C stops)\n\
             xtask: as Meta: http://127.0.0.1:{port}/?provider=meta&base={url}/v24.0&wabas=waba-1-000,waba-1-001",
            url = s.url
        ),
        None => println!("xtask: serving the dashboard on its demo data at http://127.0.0.1:{port}/?demo=1 (Ctrl-C stops)"),
    }
    status(&mut trunk(&[
        "serve",
        "--release",
        // The CSP of index.html would block Trunk's reload script.
        "--no-autoreload",
        "--address",
        "127.0.0.1",
        "--port",
        &port,
    ]))
}
