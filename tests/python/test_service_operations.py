"""`iop serve` as operations see it: GET /metrics read by the Prometheus client's own parser, GET /readyz
and draining on SIGTERM (loopback only)."""

import json
import signal
import socket
import time

from prometheus_client.parser import text_string_to_metric_families

import iop
from service_support import JSON, Service, read_all, read_response
from test_api import wrap

VERSION = b'{"api_version":1}'


def scrape(service):
    status, body, headers = service.request("GET", "/metrics")
    assert status == 200 and headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
    families = {family.name: family for family in text_string_to_metric_families(body.decode())}
    samples = {}
    for family in families.values():
        for sample in family.samples:
            labels = dict(sample.labels)
            if "le" in labels and labels["le"] != "+Inf":
                labels["le"] = str(float(labels["le"]))  # "1" and "1.0" are the same bound
            samples[(sample.name, tuple(sorted(labels.items())))] = sample.value
    return families, samples


def test_metrics_count_what_was_answered(iop_command):
    service = Service(iop_command, "--threads", "2")
    estimate = wrap("case", "case.json").encode()
    try:
        for _ in range(3):
            assert service.request("POST", "/v1/version", VERSION)[0] == 200
        assert service.request("POST", "/v1/estimate", estimate)[0] == 200
        assert service.request("POST", "/v1/version", b"{}")[0] == 400
        assert service.request("GET", "/v1/version")[0] == 405
        assert service.request("GET", "/nowhere/Jane-Doe")[0] == 404
        assert service.request("POST", "/v1/no.such.operation", VERSION)[0] == 404
        families, samples = scrape(service)
        deadline = time.time() + 10
        while samples[("iop_http_connections_open", ())] > 1 and time.time() < deadline:
            time.sleep(0.05)  # the earlier clients' connections close as the service reads their end
            families, samples = scrape(service)
    finally:
        assert service.stop() == 0
    kinds = {name: family.type for name, family in families.items()}
    assert kinds == {"iop_http_requests": "counter", "iop_http_request_duration_seconds": "histogram",
                     "iop_http_request_bytes": "counter", "iop_http_response_bytes": "counter",
                     "iop_compute_queue_depth": "gauge", "iop_http_requests_in_flight": "gauge",
                     "iop_http_connections_open": "gauge", "iop_tls_handshakes": "counter",
                     "iop_auth_failures": "counter", "iop_draining": "gauge", "iop_build_info": "gauge"}

    def requests(path, status):
        return samples.get(("iop_http_requests_total", (("path", path), ("status", str(status)))), 0)

    assert requests("/v1/version", 200) == 3 and requests("/v1/version", 400) == 1
    assert requests("/v1/version", 405) == 1 and requests("/v1/estimate", 200) == 1
    # No text of a request becomes a label: unknown paths and operations have fixed names.
    assert requests("other", 404) == 1 and requests("/v1/{unknown}", 404) == 1
    assert not any("Jane" in str(labels) or "no.such" in str(labels) for _, labels in samples)
    # Bytes: three bodies of 17 bytes, one of 2, and the GET's none; out: the responses' own lengths.
    assert samples[("iop_http_request_bytes_total", (("path", "/v1/version"),))] == 3 * 17 + 2
    version_out = len(iop.call_json("version", VERSION).encode())
    refusal_out = len(iop.call_json("version", b"{}").encode())
    out = samples[("iop_http_response_bytes_total", (("path", "/v1/version"),))]
    assert out > 3 * version_out + refusal_out  # and the 405's error object
    assert samples[("iop_http_request_bytes_total", (("path", "/v1/estimate"),))] == len(estimate)
    # The histogram counts each of the five /v1/version requests once, in a bucket no lower than its time.
    count = samples[("iop_http_request_duration_seconds_count", (("path", "/v1/version"),))]
    infinite = samples[("iop_http_request_duration_seconds_bucket", (("le", "+Inf"), ("path", "/v1/version")))]
    assert count == infinite == 5
    bounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0]
    cumulative = [samples[("iop_http_request_duration_seconds_bucket", (("le", str(b)), ("path", "/v1/version")))]
                  for b in bounds]
    assert cumulative == sorted(cumulative) and cumulative[-1] <= 5
    assert samples[("iop_http_request_duration_seconds_sum", (("path", "/v1/version"),))] > 0
    # While the scrape is answered, it is the one request in flight, on the one open connection; nothing queued.
    assert samples[("iop_http_requests_in_flight", ())] == 1
    assert samples[("iop_http_connections_open", ())] == 1
    assert samples[("iop_compute_queue_depth", ())] == 0
    assert samples[("iop_draining", ())] == 0
    assert samples[("iop_tls_handshakes_total", (("result", "completed"),))] == 0
    assert samples[("iop_build_info", (("version", iop.__version__),))] == 1


def test_readyz_turns_503_while_draining_and_requests_in_flight_finish(iop_command):
    service = Service(iop_command, "--threads", "2", "--drain-seconds", "2")
    try:
        status, body, _ = service.request("GET", "/readyz")
        assert status == 200 and json.loads(body) == {"status": "ready"}
        keep = service.connection()
        keep.request("POST", "/v1/version", body=VERSION, headers=JSON)
        first = keep.getresponse()
        assert first.status == 200 and first.getheader("Connection") is None
        first.read()
        service.signal(signal.SIGTERM)
        time.sleep(0.2)
        # Draining: not ready, still answering; every response closes its connection.
        status, body, _ = service.request("GET", "/readyz")
        error = json.loads(body)["error"]
        assert status == 503 and error["kind"] == "unavailable" and error["problem"] == "is draining"
        assert service.request("GET", "/healthz")[0] == 200
        keep.request("POST", "/v1/version", body=VERSION, headers=JSON)
        second = keep.getresponse()
        assert second.status == 200 and second.getheader("Connection") == "close"
        assert second.read() == iop.call_json("version", VERSION).encode()
        _, samples = scrape(service)
        assert samples[("iop_draining", ())] == 1
        keep.close()
        # After the drain: accepting stops, the process exits 0.
        assert service.process.wait(timeout=30) == 0
        try:
            socket.create_connection(("127.0.0.1", service.port), timeout=2).close()
            refused = False
        except OSError:
            refused = True
        assert refused
    finally:
        assert service.stop() == 0


def test_a_second_sigterm_ends_draining_at_once(iop_command):
    service = Service(iop_command, "--threads", "1", "--drain-seconds", "600")
    with socket.create_connection(("127.0.0.1", service.port), timeout=10) as idle:
        idle.sendall(b"GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert read_response(idle)[0] == 200
        service.signal(signal.SIGTERM)
        time.sleep(0.2)
        assert service.process.poll() is None
        service.signal(signal.SIGINT)
        assert read_all(idle) == b""  # the idle keep-alive connection is closed
        assert service.process.wait(timeout=30) == 0
