//! Running commands: echo them, stream their output, and fail with a clear message.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// A command rooted at the workspace, with the project's tool paths first on PATH.
pub fn cmd(program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(root())
        .env("PATH", tool_path());
    command
}

/// PATH with npm's `.bin` (binaryen's wasm-opt) and cargo's bin first.
pub fn tool_path() -> String {
    let npm_bin = root().join("node_modules/.bin");
    let cargo_bin = crate::tools::cargo_bin();
    let old = std::env::var("PATH").unwrap_or_default();
    format!("{}:{}:{old}", npm_bin.display(), cargo_bin.display())
}

/// Describes a command the way a person would type it.
fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs `command` to completion, output streamed; error when it fails.
pub fn status(command: &mut Command) -> Result<(), String> {
    let text = describe(command);
    println!("  $ {text}");
    let status = command
        .status()
        .map_err(|e| format!("cannot start `{text}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{text}` failed ({status})"))
    }
}

/// Runs `command`, streaming its output and also returning it (stdout and stderr
/// merged line by line), so a phase can count the tests it ran.
pub fn tee(command: &mut Command) -> (bool, String) {
    let text = describe(command);
    println!("  $ {text}");
    let mut child = match command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => {
            eprintln!("cannot start `{text}`: {e}");
            return (false, String::new());
        }
    };
    let stderr = child.stderr.take().expect("piped");
    let err_thread = std::thread::spawn(move || {
        let mut collected = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            collected.push_str(&line);
            collected.push('\n');
        }
        collected
    });
    let mut collected = String::new();
    for line in BufReader::new(child.stdout.take().expect("piped"))
        .lines()
        .map_while(Result::ok)
    {
        println!("{line}");
        collected.push_str(&line);
        collected.push('\n');
    }
    collected.push_str(&err_thread.join().unwrap_or_default());
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    (ok, collected)
}

/// The first line of a command's output, or `None` when it cannot run.
pub fn output_line(program: &str, args: &[&str]) -> Option<String> {
    let out = cmd(program, args).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_owned()
    })
}

/// `cargo xtask fuzz`: the readers' fuzzer (crates/fuzz) for `seconds`.
pub fn fuzz(seconds: &str) -> Command {
    cmd(
        "cargo",
        &[
            "run",
            "--locked",
            "--release",
            "-q",
            "-p",
            "wa-numbers-fuzz",
            "--",
            "--seconds",
            seconds,
        ],
    )
}
