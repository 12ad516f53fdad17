//! # wa-numbers-sandbox
//!
//! A faithful local stand-in for the providers' HTTP APIs, so the client and the
//! dashboard are tested over real HTTP in a real browser, and a developer can work
//! without an account. Both dialects are served at their real paths, also under
//! `/s/{scope}/…`: each scope has its own faults, clock and request log, so tests
//! running side by side do not disturb each other. Control lives under
//! `/__sandbox/` (never under a provider's path).

pub mod faults;
mod handler;
mod scope;
mod tls;

pub use scope::{SandboxOptions, ScopeConfig, MAX_NUMBERS};

use std::net::SocketAddr;
use std::sync::Arc;

/// Binds `127.0.0.1:port` (0 picks a free port) and serves until the task ends.
pub async fn bind(
    port: u16,
    options: SandboxOptions,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let (addr, _, task) = bind_both(port, None, options).await?;
    Ok((addr, task))
}

/// [`bind`], and when `tls_port` is given, HTTPS with HTTP/2 on that port
/// too (0 picks a free one), serving the same scopes: its address is the
/// second. The task ends when either listener stops.
pub async fn bind_both(
    port: u16,
    tls_port: Option<u16>,
    options: SandboxOptions,
) -> std::io::Result<(SocketAddr, Option<SocketAddr>, tokio::task::JoinHandle<()>)> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    let state = Arc::new(scope::Sandbox::new(options));
    let app = axum::Router::new()
        .fallback(handler::handle)
        .with_state(state);
    let https = match tls_port {
        Some(tls_port) => Some(tls::bind(tls_port, app.clone()).await?),
        None => None,
    };
    let https_addr = https.as_ref().map(|(addr, _)| *addr);
    let task = tokio::spawn(async move {
        // Each answer's segments sent at once, not held for an ACK (Nagle).
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let http = axum::serve(listener, app);
        let result = match https {
            Some((_, https_task)) => tokio::select! {
                result = http => result,
                _ = https_task => Ok(()),
            },
            None => http.await,
        };
        if let Err(err) = result {
            eprintln!("wa-numbers-sandbox: server stopped: {err}");
        }
    });
    Ok((addr, https_addr, task))
}
