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

pub use scope::{SandboxOptions, ScopeConfig, MAX_NUMBERS};

use std::net::SocketAddr;
use std::sync::Arc;

/// Binds `127.0.0.1:port` (0 picks a free port) and serves until the task ends.
pub async fn bind(
    port: u16,
    options: SandboxOptions,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    let state = Arc::new(scope::Sandbox::new(options));
    let app = axum::Router::new()
        .fallback(handler::handle)
        .with_state(state);
    let task = tokio::spawn(async move {
        if let Err(err) = axum::serve(listener, app).await {
            eprintln!("wa-numbers-sandbox: server stopped: {err}");
        }
    });
    Ok((addr, task))
}
