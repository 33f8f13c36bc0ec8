"""`iop serve` with TLS, client certificates and bearer tokens, through curl and Python's ssl (loopback only).

Certificates are made for each test session with the `cryptography` package: a CA, the server's certificate
for 127.0.0.1 and localhost, expired and not-yet-valid ones, and client certificates from this CA and another.
"""

import datetime
import hashlib
import ipaddress
import json
import signal
import socket
import ssl
import subprocess
import time
import warnings

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

import iop
from service_support import JSON, Service, start_refused

VERSION = b'{"api_version":1}'
NOW = datetime.datetime.now(datetime.timezone.utc)
DAY = datetime.timedelta(days=1)


def key_pem(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def certificate(name, issuer=None, *, ca=False, client=False, not_before=NOW - DAY, not_after=NOW + 30 * DAY):
    """(certificate, key) named `name`, signed by issuer (a (certificate, key) pair) or by itself."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    signer_cert, signer_key = issuer if issuer else (None, key)
    builder = (x509.CertificateBuilder().subject_name(subject)
               .issuer_name(signer_cert.subject if signer_cert else subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(not_before).not_valid_after(not_after)
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if not ca:
        usage = ExtendedKeyUsageOID.CLIENT_AUTH if client else ExtendedKeyUsageOID.SERVER_AUTH
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        if not client:
            builder = builder.add_extension(x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
    return builder.sign(signer_key, hashes.SHA256()), key


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """Files: ca.pem, server.pem/.key, expired.pem/.key, future.pem/.key, client.pem/.key, stranger.pem/.key,
    old-client.pem/.key (expired), other-ca.pem."""
    folder = tmp_path_factory.mktemp("pki")
    ca = certificate("iop test CA", ca=True)
    other_ca = certificate("another CA", ca=True)
    made = {
        "server": certificate("127.0.0.1", ca),
        "renewed": certificate("renewed 127.0.0.1", ca),
        "expired": certificate("127.0.0.1", ca, not_before=NOW - 60 * DAY, not_after=NOW - DAY),
        "future": certificate("127.0.0.1", ca, not_before=NOW + DAY, not_after=NOW + 60 * DAY),
        "client": certificate("billing-frontend", ca, client=True),
        "old-client": certificate("old client", ca, client=True, not_before=NOW - 60 * DAY, not_after=NOW - DAY),
        "stranger": certificate("stranger", other_ca, client=True),
    }
    for name, (cert, key) in made.items():
        (folder / f"{name}.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        (folder / f"{name}.key").write_bytes(key_pem(key))
    (folder / "ca.pem").write_bytes(ca[0].public_bytes(serialization.Encoding.PEM))
    (folder / "other-ca.pem").write_bytes(other_ca[0].public_bytes(serialization.Encoding.PEM))
    return folder


def client_context(pki, ca="ca.pem", cert=None):
    context = ssl.create_default_context(cafile=str(pki / ca))
    if cert:
        context.load_cert_chain(str(pki / f"{cert}.pem"), str(pki / f"{cert}.key"))
    return context


def tls_flags(pki, name="server"):
    return ["--tls-cert", str(pki / f"{name}.pem"), "--tls-key", str(pki / f"{name}.key")]


def curl(*arguments):
    return subprocess.run(["curl", "-sS", "-w", "\\n%{http_code}", *arguments], capture_output=True, timeout=30)


def test_https_with_curl_and_python_ssl(iop_command, pki, tmp_path):
    service = Service(iop_command, "--threads", "2", *tls_flags(pki), context=client_context(pki))
    try:
        assert service.scheme == "https"
        source = tmp_path / "request.json"
        source.write_bytes(VERSION)
        url = f"https://127.0.0.1:{service.port}/v1/version"
        run = curl("--cacert", str(pki / "ca.pem"), "-H", "Content-Type: application/json", "--data-binary",
                   f"@{source}", url)
        assert run.stdout == iop.call_json("version", VERSION).encode() + b"\n200"
        # curl with the system's CAs only: the certificate is not trusted (exit 60), nothing is sent.
        untrusted = curl("-H", "Content-Type: application/json", "--data-binary", f"@{source}", url)
        assert untrusted.returncode == 60
        # localhost is in the certificate too.
        run = curl("--cacert", str(pki / "ca.pem"), f"https://localhost:{service.port}/healthz")
        assert run.stdout.endswith(b"\n200")
        # Python's ssl: the whole example estimate, byte for byte.
        from test_api import wrap
        request = wrap("case", "case.json").encode()
        status, body, headers = service.request("POST", "/v1/estimate", request)
        assert status == 200 and body == iop.call_json("estimate", request).encode()
        assert headers["Cache-Control"] == "no-store"
        # A client trusting another CA refuses the server.
        with pytest.raises(ssl.SSLCertVerificationError):
            with socket.create_connection(("127.0.0.1", service.port), timeout=10) as raw_socket:
                client_context(pki, "other-ca.pem").wrap_socket(raw_socket, server_hostname="127.0.0.1")
        # Plain HTTP to the TLS port: no answer in HTTP, the service goes on.
        with socket.create_connection(("127.0.0.1", service.port), timeout=10) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert not s.recv(65536).startswith(b"HTTP/1.1 200")
        assert service.request("GET", "/healthz")[0] == 200
        # TLS 1.1 is refused (RFC 8996).
        old = client_context(pki)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # as it should be
            old.minimum_version = old.maximum_version = ssl.TLSVersion.TLSv1_1
        with pytest.raises(ssl.SSLError):
            with socket.create_connection(("127.0.0.1", service.port), timeout=10) as raw_socket:
                old.wrap_socket(raw_socket, server_hostname="127.0.0.1")
    finally:
        assert service.stop() == 0
    entries = service.log_entries()
    assert all(e["tls"] is True for e in entries if "status" in e)


def test_certificates_that_cannot_be_served_are_refused_at_start(iop_command, pki):
    def start(*flags):
        return start_refused(iop_command, *flags)

    expired = start(*tls_flags(pki, "expired"))
    assert expired.returncode == 2 and f"--tls-cert: '{pki}/expired.pem' has expired" in expired.stderr
    future = start(*tls_flags(pki, "future"))
    assert future.returncode == 2 and "is not valid yet" in future.stderr
    mismatched = start("--tls-cert", str(pki / "server.pem"), "--tls-key", str(pki / "client.key"))
    assert mismatched.returncode == 2 and "is not the key of the certificate in --tls-cert" in mismatched.stderr
    not_pem = start("--tls-cert", str(pki / "server.key"), "--tls-key", str(pki / "server.key"))
    assert not_pem.returncode == 2 and "is not a PEM certificate chain" in not_pem.stderr
    alone = start("--tls-cert", str(pki / "server.pem"))
    assert alone.returncode == 2 and "--tls-key: is missing beside --tls-cert" in alone.stderr
    missing = start("--tls-cert", str(pki / "nope.pem"), "--tls-key", str(pki / "server.key"))
    assert missing.returncode == 2 and "cannot be opened" in missing.stderr


def test_plain_http_off_loopback_needs_to_be_asked_for(iop_command, pki):
    refused = start_refused(iop_command, "--host", "0.0.0.0")
    assert refused.returncode == 2
    assert refused.stderr == ("iop: [iop.validation] --host: 0.0.0.0 is not a loopback address and no --tls-cert was "
                              "given; allowed: TLS (--tls-cert, --tls-key), a loopback address, or --insecure-plaintext "
                              "behind a TLS-terminating proxy on a private network\n")
    for flags in (["--insecure-plaintext"], tls_flags(pki)):
        process = subprocess.Popen([iop_command, "serve", "--host", "0.0.0.0", "--port", "0", *flags],
                                   stderr=subprocess.PIPE, text=True)
        assert "listening on" in process.stderr.readline()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0


def test_mutual_tls(iop_command, pki):
    flags = [*tls_flags(pki), "--tls-client-ca", str(pki / "ca.pem")]
    service = Service(iop_command, "--threads", "1", *flags, context=client_context(pki, cert="client"))
    try:
        assert service.request("POST", "/v1/version", VERSION)[1] == iop.call_json("version", VERSION).encode()
        for context in (client_context(pki), client_context(pki, cert="stranger"), client_context(pki, cert="old-client")):
            with pytest.raises((ssl.SSLError, ConnectionError)):
                # TLS 1.3 sends the server's refusal after the client's Finished: it shows on the first read.
                with socket.create_connection(("127.0.0.1", service.port), timeout=10) as raw_socket:
                    with context.wrap_socket(raw_socket, server_hostname="127.0.0.1") as s:
                        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        if not s.recv(65536):
                            raise ConnectionError("closed without an answer")
        run = curl("--cacert", str(pki / "ca.pem"), "--cert", str(pki / "client.pem"), "--key", str(pki / "client.key"),
                   f"https://127.0.0.1:{service.port}/healthz")
        assert run.stdout.endswith(b"\n200")
        run = curl("--cacert", str(pki / "ca.pem"), f"https://127.0.0.1:{service.port}/healthz")
        assert run.returncode != 0 and not run.stdout.endswith(b"\n200")
        _, metrics, _ = service.request("GET", "/metrics")
        assert b'iop_tls_handshakes_total{result="failed"} 4' in metrics, metrics
    finally:
        assert service.stop() == 0


def token_file(path, **holders):
    lines = ["# bearer tokens of this service: sha256 of the token, then who holds it", ""]
    lines += [f"sha256:{hashlib.sha256(token.encode()).hexdigest()} {holder}" for holder, token in holders.items()]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_bearer_tokens(iop_command, tmp_path):
    tokens = token_file(tmp_path / "tokens", billing="s3cr3t-token-of-billing", scheduler="another-token-0123")
    service = Service(iop_command, "--threads", "1", "--tokens", str(tokens))
    try:
        status, body, headers = service.request("POST", "/v1/version", VERSION)
        assert status == 401 and headers["WWW-Authenticate"] == 'Bearer realm="iop"'
        assert json.loads(body)["error"]["problem"] == "is missing"
        for value in ("Bearer wrong-token", "Basic dXNlcjpwYXNz", "Bearer s3cr3t-token-of-billinG", "Bearer "):
            status, body, headers = service.request("POST", "/v1/version", VERSION, {"Authorization": value})
            assert status == 401, value
            assert headers["WWW-Authenticate"] == 'Bearer realm="iop", error="invalid_token"'
            assert json.loads(body)["error"]["problem"] == "is not a bearer token this service takes"
        # The same through curl: a wrong token, then the right one.
        url = f"http://127.0.0.1:{service.port}/v1/version"
        run = curl("-i", "-H", "Authorization: Bearer wrong-token", "-H", "Content-Type: application/json",
                   "--data-binary", VERSION.decode(), url)
        assert b'WWW-Authenticate: Bearer realm="iop", error="invalid_token"' in run.stdout
        assert run.stdout.endswith(b"\n401")
        run = curl("-H", "Authorization: Bearer s3cr3t-token-of-billing", "-H", "Content-Type: application/json",
                   "--data-binary", VERSION.decode(), url)
        assert run.stdout == iop.call_json("version", VERSION).encode() + b"\n200"
        good = {"Authorization": "Bearer s3cr3t-token-of-billing"}
        status, body, _ = service.request("POST", "/v1/version", VERSION, good)
        assert status == 200 and body == iop.call_json("version", VERSION).encode()
        assert service.request("POST", "/v1/version", VERSION, {"Authorization": "bearer another-token-0123"})[0] == 200
        # Health and readiness stay open to a load balancer's checks; the rest asks for a token.
        assert service.request("GET", "/healthz")[0] == 200 and service.request("GET", "/readyz")[0] == 200
        for path in ("/metrics", "/openapi.json", "/v1/schema/case", "/nowhere"):
            assert service.request("GET", path)[0] == 401, path
        status, metrics, _ = service.request("GET", "/metrics", headers=good)
        assert status == 200
        assert b'iop_auth_failures_total{reason="missing"} 5' in metrics
        assert b'iop_auth_failures_total{reason="invalid"} 5' in metrics
        # A 401 comes from the head: the body of an unauthorised client is not waited for.
        with socket.create_connection(("127.0.0.1", service.port), timeout=10) as s:
            s.sendall(b"POST /v1/version HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 1000000\r\n\r\n")
            assert s.recv(65536).startswith(b"HTTP/1.1 401 ")
    finally:
        assert service.stop() == 0
    entries = service.log_entries()
    holders = [e["client"] for e in entries if e.get("status") == 200 and e.get("operation") == "version"]
    assert holders == ["billing", "billing", "scheduler"]  # curl, then http.client, then the other token


def test_token_files_that_cannot_be_used_are_refused(iop_command, tmp_path):
    cases = {
        "s3cr3t-token-pasted-by-mistake billing\n": "line 1: does not begin with a SHA-256 hash",
        f"sha256:{'ab' * 32}\n": "line 1: '' is not a holder's name",
        f"sha256:{'ab' * 32} billing\nsha256:{'cd' * 32} billing\n": "line 2: 'billing' names a holder of an earlier line",
        "# nothing but a comment\n": "holds no token hash",
    }
    for text, message in cases.items():
        path = tmp_path / "tokens"
        path.write_text(text)
        run = start_refused(iop_command, "--tokens", str(path))
        assert run.returncode == 2 and message in run.stderr, (text, run.stderr)
        assert "s3cr3t" not in run.stderr


def test_no_body_token_or_excerpt_reaches_the_log(iop_command, tmp_path):
    tokens = token_file(tmp_path / "tokens", frontend="Tok-9f2c41d7e0a8b3")
    log = tmp_path / "requests.log"
    service = Service(iop_command, "--threads", "1", "--tokens", str(tokens), "--log", str(log))
    secret_name = "Zebediah Quartermaine"
    try:
        good = {"Authorization": "Bearer Tok-9f2c41d7e0a8b3", **JSON}
        # A refusal names the member in its response (to the client) but never in the log.
        request = {"api_version": 1, secret_name: "1979-13-45"}
        status, body, _ = service.request("POST", "/v1/version", json.dumps(request).encode(), good)
        assert status == 400 and secret_name.encode() in body
        service.request("POST", "/v1/Zebediah-Quartermaine", b"{}", good)
        service.request("GET", "/Zebediah/Quartermaine?dob=1979-13-45", headers=good)
        service.request("POST", "/v1/version", VERSION, {"Authorization": "Bearer Tok-wrong-Zebediah"})
        raw_request = b"POST /v1/version HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Patient: Zebediah\r\n\r\n"
        with socket.create_connection(("127.0.0.1", service.port), timeout=10) as s:
            s.sendall(raw_request)
            s.recv(65536)
    finally:
        assert service.stop() == 0
    text = log.read_text()
    assert text.count("\n") >= 5
    for secret in ("Zebediah", "Quartermaine", "1979-13-45", "Tok-9f2c41d7e0a8b3", "Tok-wrong", "X-Patient"):
        assert secret not in text, secret
    paths = {json.loads(line)["path"] for line in text.splitlines()}
    assert paths == {"/v1/{unknown}", "other", "/v1/version"}


def test_sighup_reloads_certificates_and_tokens(iop_command, pki, tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_bytes((pki / "server.pem").read_bytes())
    key.write_bytes((pki / "server.key").read_bytes())
    tokens = token_file(tmp_path / "tokens", first="token-number-one")
    service = Service(iop_command, "--threads", "1", "--tls-cert", str(cert), "--tls-key", str(key), "--tokens",
                      str(tokens), context=client_context(pki))

    def served_name():
        with socket.create_connection(("127.0.0.1", service.port), timeout=10) as raw_socket:
            with client_context(pki).wrap_socket(raw_socket, server_hostname="127.0.0.1") as s:
                subject = dict(pair[0] for pair in s.getpeercert()["subject"])
                return subject["commonName"]

    def reloads(result):
        entries = service.log_entries(lambda e: e.get("event") == "reload" and e["result"].startswith(result))
        return [e for e in entries if e.get("event") == "reload"]

    first = {"Authorization": "Bearer token-number-one"}
    second = {"Authorization": "Bearer token-number-two"}
    try:
        assert served_name() == "127.0.0.1"
        assert service.request("POST", "/v1/version", VERSION, first)[0] == 200
        cert.write_bytes((pki / "renewed.pem").read_bytes())
        key.write_bytes((pki / "renewed.key").read_bytes())
        token_file(tokens, second="token-number-two")
        service.signal(signal.SIGHUP)
        assert reloads("ok")[-1]["result"] == "ok"
        assert served_name() == "renewed 127.0.0.1"
        assert service.request("POST", "/v1/version", VERSION, first)[0] == 401
        assert service.request("POST", "/v1/version", VERSION, second)[0] == 200
        # A broken file on reload: refused, logged, and the service keeps what it had.
        cert.write_bytes((pki / "expired.pem").read_bytes())
        key.write_bytes((pki / "expired.key").read_bytes())
        service.signal(signal.SIGHUP)
        refused = reloads("refused")[-1]
        assert refused["result"] == "refused, the previous files stay in use" and "has expired" in refused["message"]
        assert served_name() == "renewed 127.0.0.1"
        assert service.request("POST", "/v1/version", VERSION, second)[0] == 200
        time.sleep(0.1)
    finally:
        assert service.stop() == 0
