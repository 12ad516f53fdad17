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

/// `command` set to build the shipped wasm (the npm package, the dashboard):
/// the source paths of crates.io dependencies that panic locations keep
/// written relative to the registry (`js-sys-0.3.106/src/lib.rs`), not as
/// this machine's `/root/.cargo/registry/src/index.crates.io-…/` path. The
/// flags come through cargo's environment configuration, which adds them
/// to the ones `.cargo/config.toml` gives. Every build of the `wasm`
/// profile goes through here, so none rebuilds another's dependencies for
/// different flags. A path with a space is left as it is: the variable is
/// split on spaces.
pub fn wasm_release(mut command: Command) -> Command {
    const VAR: &str = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS";
    let registry = crate::tools::cargo_home().join("registry/src");
    // The caller's own value of the variable first: added to, not replaced.
    let mut flags: Vec<String> = std::env::var(VAR).into_iter().collect();
    flags.extend(
        std::fs::read_dir(&registry)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path().to_string_lossy().into_owned())
            .filter(|dir| !dir.contains(char::is_whitespace))
            .map(|dir| format!("--remap-path-prefix={dir}/=")),
    );
    command.env(VAR, flags.join(" "));
    command
}

/// `trunk build --release` (or `serve`, with `args`) as the project runs it:
/// offline (no version check) and with [`wasm_release`]'s flags.
pub fn trunk(args: &[&str]) -> Command {
    let mut command = wasm_release(cmd("trunk", args));
    command.env("TRUNK_SKIP_VERSION_CHECK", "true");
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
