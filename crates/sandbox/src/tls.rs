//! HTTPS with HTTP/2 beside the plain HTTP listener (`--tls-port`), serving
//! the same scopes. The providers serve HTTPS with HTTP/2, where a browser
//! multiplexes any number of requests over one connection; over HTTP/1.1 it
//! sends at most 6 at once per host, so a client's `concurrency` of 8 could
//! not be measured against plain HTTP. The certificate is made at start,
//! self-signed for 127.0.0.1 and localhost: a browser must be told to accept
//! it (Chromium's `--ignore-certificate-errors`), which only tests do.

use std::net::SocketAddr;
use std::sync::Arc;

use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

/// A TLS setup with a new self-signed certificate, offering HTTP/2 first.
fn acceptor() -> Result<TlsAcceptor, String> {
    let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()])
        .map_err(|e| format!("cannot make a certificate: {e}"))?;
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.key_pair.serialize_der()));
    let mut config = ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(vec![made.cert.der().clone()], key)
        .map_err(|e| format!("cannot use the certificate: {e}"))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// Binds `127.0.0.1:port` for HTTPS and serves `app` on it until the task
/// ends; each connection speaks what its ALPN chose (HTTP/2 or HTTP/1.1).
pub(crate) async fn bind(
    port: u16,
    app: axum::Router,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let tls = acceptor().map_err(std::io::Error::other)?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    let task = tokio::spawn(async move {
        loop {
            let (tcp, _) = match listener.accept().await {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors, say: a pause, not a loop
                    // that spins on the same error.
                    eprintln!("wa-numbers-sandbox: https accept failed: {err}");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            };
            // Without it the TLS records of one answer wait for the
            // browser's delayed ACK: 45 ms a request on loopback, against
            // 2.5 ms for a small answer.
            let _ = tcp.set_nodelay(true);
            let (tls, app) = (tls.clone(), app.clone());
            tokio::spawn(async move {
                // A client that gives up during the handshake (or rejects
                // the certificate) is no error of the sandbox's.
                let Ok(stream) = tls.accept(tcp).await else {
                    return;
                };
                let _ = auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(stream), TowerToHyperService::new(app))
                    .await;
            });
        }
    });
    Ok((addr, task))
}
