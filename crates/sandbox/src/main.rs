//! `wa-numbers-sandbox --port N [--tls-port N] [--numbers COUNT] [--seed S] [--api-key K]
//! [--latency-ms MS] [--onboarding-delay-ms MS] [--fault KIND[:RATE]]...`

use std::io::Write;
use wa_numbers_sandbox::faults::FaultRule;
use wa_numbers_sandbox::SandboxOptions;

const USAGE: &str =
    "usage: wa-numbers-sandbox [--port N] [--tls-port N] [--numbers COUNT] [--seed S] [--api-key K]
                          [--latency-ms MS] [--onboarding-delay-ms MS] [--fault KIND[:RATE]]...
  --port 0 (the default) picks a free port; the first line printed is the URL.
  --tls-port N also serves HTTPS with HTTP/2 (a self-signed certificate made at start; 0 picks
        a free port), as the providers do; its URL is the second line printed.
  KIND: 429, 500, 503 (any status), drop, truncate, malformed, wrong_content_type, shifting_total,
        repeat_cursor (Meta's list ignores `after` and repeats its first page)";

fn parse(args: &[String]) -> Result<(u16, Option<u16>, SandboxOptions), String> {
    let mut options = SandboxOptions::default();
    let mut port = 0u16;
    let mut tls_port = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        let number = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: {v:?} is not a number"))
        };
        match flag.as_str() {
            "--port" => {
                port = number(value()?)?
                    .try_into()
                    .map_err(|_| "--port: out of range".to_owned())?
            }
            "--tls-port" => {
                tls_port = Some(
                    number(value()?)?
                        .try_into()
                        .map_err(|_| "--tls-port: out of range".to_owned())?,
                )
            }
            "--numbers" => options.numbers = number(value()?)? as usize,
            "--seed" => options.seed = number(value()?)?,
            "--api-key" => options.api_key = Some(value()?),
            "--latency-ms" => options.latency_ms = number(value()?)?,
            "--onboarding-delay-ms" => options.onboarding_delay_ms = number(value()?)?,
            "--fault" => options.faults.push(FaultRule::parse_flag(&value()?)?),
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown option {other:?}\n{USAGE}")),
        }
    }
    if options.numbers > wa_numbers_sandbox::MAX_NUMBERS {
        return Err(format!(
            "--numbers is at most {}",
            wa_numbers_sandbox::MAX_NUMBERS
        ));
    }
    Ok((port, tls_port, options))
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (port, tls_port, options) = match parse(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}");
            return std::process::ExitCode::from(2);
        }
    };
    let numbers = options.numbers;
    match wa_numbers_sandbox::bind_both(port, tls_port, options).await {
        Ok((addr, https, task)) => {
            // The first line (and the second, with --tls-port) is
            // machine-read by `cargo xtask`.
            println!("http://{addr}");
            if let Some(https) = https {
                println!("https://{https}");
            }
            eprintln!("wa-numbers-sandbox: serving AntGst and LORA with {} numbers (seeds + {numbers} generated)", numbers + 4);
            let _ = std::io::stdout().flush();
            tokio::select! {
                _ = task => {}
                _ = tokio::signal::ctrl_c() => {}
            }
            std::process::ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("wa-numbers-sandbox: cannot listen on 127.0.0.1:{port}: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
