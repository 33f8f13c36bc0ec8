"""Three `iop serve` behind HAProxy (Debian's), restarted one after another with SIGTERM under a load of mixed
requests: no request fails, and every response is byte for byte what the iop command prints for it.

What makes it hold (docs/deploy.md): each instance answers GET /readyz 503 from SIGTERM on and keeps answering
for --drain-seconds, so HAProxy's check takes it out of the rotation first; then it stops accepting and finishes
the requests that have begun arriving. HAProxy retries a request on another instance when a connection fails or
closes before any response (retry-on, with the request kept whole in its buffer).

make test runs it with a short load between restarts; `make rolling-restart` with IOP_ROLLING_SECONDS=60.
Loopback only.
"""

import http.client
import os
import pathlib
import shutil
import socket
import subprocess
import threading
import time

import pytest

from service_support import JSON, Service
from test_api import wrap

SECONDS_BETWEEN_RESTARTS = float(os.environ.get("IOP_ROLLING_SECONDS", "1"))

REQUESTS = [
    ("version", b'{"api_version":1}'),
    ("calendar.build", wrap("plan", "plan.json", "ics").encode()),
    ("estimate", wrap("case", "case.json").encode()),
    ("gfe", wrap("case", "gfe-case.json", "html").encode()),
    ("parity.analyse", wrap("design", "design.json").encode()),
    ("recommend", wrap("intake", "intake.json", "text").encode()),
    ("estimate", b'{"api_version":1,"case":{"plan":{"weeks":1e400}}}'),  # a refusal is an answer too (400)
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def haproxy_config(front, backends):
    servers = "\n".join(f"    server iop{i} 127.0.0.1:{port} check" for i, port in enumerate(backends))
    return f"""global
    maxconn 512
    # L7 retries resend a request only if it is whole in the buffer: room for the largest request.
    tune.bufsize 262144

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout

frontend iop
    bind 127.0.0.1:{front}
    default_backend iop

backend iop
    balance roundrobin
    option httpchk
    http-check send meth GET uri /readyz ver HTTP/1.1 hdr Host localhost
    http-check expect status 200
    default-server inter 200ms fall 1 rise 2
{servers}
"""


@pytest.mark.skipif(shutil.which("haproxy") is None and not os.path.exists("/usr/sbin/haproxy"),
                    reason="haproxy is not installed (scripts/install-system-deps.sh installs it)")
def test_rolling_restart_behind_haproxy_loses_no_request(iop_command, tmp_path):
    expected = {}
    for operation, data in REQUESTS:
        run = subprocess.run([iop_command, "call", operation, "--input", "-"], input=data, capture_output=True,
                             timeout=60)
        expected[(operation, data)] = run.stdout
    ports = [free_port() for _ in range(3)]
    front = free_port()

    def start(port):
        return Service(iop_command, "--port", str(port), "--threads", "1", "--drain-seconds", "1")

    backends = {port: start(port) for port in ports}
    (tmp_path / "haproxy.cfg").write_text(haproxy_config(front, ports))
    haproxy_binary = shutil.which("haproxy") or "/usr/sbin/haproxy"
    proxy = subprocess.Popen([haproxy_binary, "-f", str(tmp_path / "haproxy.cfg"), "-db"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    answered, failures, stop = [], [], threading.Event()

    def client(k):
        connection = None
        i = k
        while not stop.is_set():
            operation, data = REQUESTS[i % len(REQUESTS)]
            i += 1
            try:
                connection = connection or http.client.HTTPConnection("127.0.0.1", front, timeout=30)
                connection.request("POST", f"/v1/{operation}", body=data, headers=JSON)
                response = connection.getresponse()
                body = response.read()
                status_ok = response.status == (400 if b'"error":{' in expected[(operation, data)][:40] else 200)
                if not status_ok or body != expected[(operation, data)]:
                    failures.append(f"{operation}: {response.status} {body[:120]!r}")
                answered.append(operation)
            except (OSError, http.client.HTTPException) as e:
                failures.append(f"{operation}: {type(e).__name__} {e}")
                connection = None

    try:
        wait_until_serving(front)
        clients = [threading.Thread(target=client, args=(k,)) for k in range(4)]
        for c in clients:
            c.start()
        time.sleep(SECONDS_BETWEEN_RESTARTS)
        served_before = []
        for port in ports:
            old = backends[port]
            assert old.stop() == 0  # SIGTERM: drain 1 s, stop accepting, finish what has begun
            served_before.append(sum(1 for e in old.log_entries() if e.get("path", "").startswith("/v1/")))
            backends[port] = start(port)
            time.sleep(SECONDS_BETWEEN_RESTARTS + 0.6)  # HAProxy's check sees it ready again (rise 2 x 200 ms)
        stop.set()
        for c in clients:
            c.join(timeout=60)
    finally:
        stop.set()
        proxy.terminate()
        proxy.wait(timeout=30)
        for service in backends.values():
            assert service.stop() == 0
    assert failures == []
    # Every kind of request several times (on an idle machine some hundreds a second; a loaded one, far fewer).
    assert len(answered) >= 3 * len(REQUESTS), len(answered)
    # Each instance had taken part of the load before its restart.
    assert all(count > 0 for count in served_before), served_before


def wait_until_serving(port, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.1)
    raise AssertionError("HAProxy did not start serving")


DEPLOY = pathlib.Path(__file__).resolve().parents[2] / "docs" / "deploy"


@pytest.mark.skipif(shutil.which("haproxy") is None and not os.path.exists("/usr/sbin/haproxy"),
                    reason="haproxy is not installed (scripts/install-system-deps.sh installs it)")
def test_the_documented_haproxy_configuration_is_valid(tmp_path):
    """docs/deploy/haproxy.cfg, with this test's certificate files in place of the clinic's, passes haproxy -c."""
    from test_service_tls import certificate, key_pem
    from cryptography.hazmat.primitives import serialization

    ca = certificate("iop test CA", ca=True)
    cert, key = certificate("iop.clinic.example", ca)
    pem = cert.public_bytes(serialization.Encoding.PEM) + key_pem(key)
    (tmp_path / "front.pem").write_bytes(pem)
    (tmp_path / "ca.pem").write_bytes(ca[0].public_bytes(serialization.Encoding.PEM))
    text = (DEPLOY / "haproxy.cfg").read_text()
    text = text.replace("/etc/haproxy/tls/iop.clinic.example.pem", str(tmp_path / "front.pem"))
    text = text.replace("/etc/haproxy/tls/iop-ca.pem", str(tmp_path / "ca.pem"))
    (tmp_path / "haproxy.cfg").write_text(text)
    run = subprocess.run([shutil.which("haproxy") or "/usr/sbin/haproxy", "-c", "-f", str(tmp_path / "haproxy.cfg")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Configuration file is valid" in run.stdout + run.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_the_documented_systemd_unit_is_valid_and_hardened(iop_command, tmp_path):
    """docs/deploy/iop.service: no unknown key or bad value (systemd-analyze verify), and an exposure of at most
    2.0 of 10 (systemd-analyze security; 1.4 when written)."""
    unit = tmp_path / "iop.service"
    unit.write_text((DEPLOY / "iop.service").read_text().replace("/usr/local/bin/iop", iop_command))
    verify = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60)
    assert verify.returncode == 0 and verify.stderr == "", verify.stderr
    security = subprocess.run(["systemd-analyze", "security", "--offline=true", "--threshold=20", str(unit)],
                              capture_output=True, text=True, timeout=60)
    assert security.returncode == 0, security.stdout[-2000:]
    assert "Overall exposure level for iop.service: 1.4 OK" in security.stdout
