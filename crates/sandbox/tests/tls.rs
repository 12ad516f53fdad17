//! `--tls-port`: HTTPS beside the plain listener, the same scopes, HTTP/2
//! when the client offers it (as browsers do), HTTP/1.1 otherwise.

use std::sync::Arc;

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio_rustls::rustls::client::danger::{
    HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier,
};
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use tokio_rustls::rustls::{ClientConfig, DigitallySignedStruct, SignatureScheme};
use tokio_rustls::TlsConnector;
use wa_numbers_sandbox::SandboxOptions;

/// Accepts the sandbox's self-signed certificate, as the bench's browser is
/// told to (`--ignore-certificate-errors`); signatures are still checked.
#[derive(Debug)]
struct AnyCertificate(Arc<tokio_rustls::rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, tokio_rustls::rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, tokio_rustls::rustls::Error> {
        tokio_rustls::rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }
    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, tokio_rustls::rustls::Error> {
        tokio_rustls::rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// A TLS connection to `addr` offering `alpn`; the protocol it agreed on.
async fn connect(
    addr: std::net::SocketAddr,
    alpn: &[&[u8]],
) -> (
    tokio_rustls::client::TlsStream<tokio::net::TcpStream>,
    Vec<u8>,
) {
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let mut config = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .unwrap()
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
        .with_no_client_auth();
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let name = ServerName::try_from("127.0.0.1").unwrap();
    let stream = TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .unwrap();
    let agreed = stream
        .get_ref()
        .1
        .alpn_protocol()
        .unwrap_or_default()
        .to_vec();
    (stream, agreed)
}

fn page_request(base: &str) -> hyper::Request<Empty<Bytes>> {
    hyper::Request::get(format!(
        "{base}/s/tls/v1/whatsapp/businessPhoneNumber?pageNo=1&pageSize=3"
    ))
    .header("authorization", "Bearer test-token")
    .body(Empty::new())
    .unwrap()
}

#[tokio::test]
async fn https_serves_the_same_scopes_over_http2_and_http1() {
    let (http, https, _task) = wa_numbers_sandbox::bind_both(0, Some(0), SandboxOptions::default())
        .await
        .unwrap();
    let https = https.expect("an HTTPS address when a TLS port is given");
    assert_ne!(http, https);
    // A scope made over plain HTTP is served over HTTPS too.
    let plain = tokio::net::TcpStream::connect(http).await.unwrap();
    let (mut control, connection) = hyper::client::conn::http1::handshake(TokioIo::new(plain))
        .await
        .unwrap();
    tokio::spawn(connection);
    let put = hyper::Request::put(format!("http://{http}/__sandbox/scopes/tls"))
        .body(http_body_util::Full::new(Bytes::from_static(
            b"{\"numbers\":10}",
        )))
        .unwrap();
    assert_eq!(control.send_request(put).await.unwrap().status(), 200);

    // A browser offers h2 first: it gets HTTP/2, the documented envelope.
    let (stream, agreed) = connect(https, &[b"h2", b"http/1.1"]).await;
    assert_eq!(agreed, b"h2");
    let (mut h2, connection) =
        hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(stream))
            .await
            .unwrap();
    tokio::spawn(connection);
    let answer = h2
        .send_request(page_request(&format!("https://{https}")))
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.version(), hyper::Version::HTTP_2);
    let body = answer.into_body().collect().await.unwrap().to_bytes();
    let page: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(page["data"].as_array().map(Vec::len), Some(3));
    assert_eq!(page["total"], 14);

    // A client that offers only HTTP/1.1 is served over HTTP/1.1.
    let (stream, agreed) = connect(https, &[b"http/1.1"]).await;
    assert_eq!(agreed, b"http/1.1");
    let (mut h1, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(connection);
    let answer = h1
        .send_request(page_request(&format!("https://{https}")))
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);

    // The log says which version each request came over.
    let log = control
        .send_request(
            hyper::Request::get(format!("http://{http}/__sandbox/scopes/tls/requests"))
                .body(http_body_util::Full::new(Bytes::new()))
                .unwrap(),
        )
        .await
        .unwrap()
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes();
    let log: serde_json::Value = serde_json::from_slice(&log).unwrap();
    let versions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["http"].as_str().unwrap())
        .collect();
    assert_eq!(versions, ["2", "1.1"]);
}
