"""`iop serve` under every client: the regression tests of the service's HTTP findings (one test a row).

Each test states what used to happen. The service is on loopback only.
"""

import json
import select
import signal
import socket
import subprocess
import threading
import time


import iop
from service_support import JSON, Service, exchange, raw, read_all, read_response, start_refused
from test_api import through_c_abi, wrap

VERSION = b'{"api_version":1}'


def every_surface(iop_command, service, operation, data, tmp_path):
    """The response bytes through a file, standard input, Python, the C ABI and HTTP, and their statuses."""
    source = tmp_path / "request.json"
    source.write_bytes(data)
    from_file = subprocess.run([iop_command, "call", operation, "--input", str(source)], capture_output=True, timeout=60)
    from_stdin = subprocess.run([iop_command, "call", operation, "--input", "-"], input=data, capture_output=True,
                                timeout=60)
    c_status, from_c = through_c_abi(operation, data)
    http_status, from_http, _ = service.request("POST", f"/v1/{operation}", data)
    bodies = {"file": from_file.stdout, "stdin": from_stdin.stdout, "python": iop.call_json(operation, data).encode(),
              "c": from_c, "http": from_http}
    return bodies, (from_file.returncode, from_stdin.returncode, c_status, http_status)


def test_a_nul_byte_after_the_document_is_refused_by_every_surface(iop_command, service, tmp_path):
    # Was: exit 0 / 200 with the version's result; everything after the NUL silently ignored.
    bodies, statuses = every_surface(iop_command, service, "version", b'{"api_version":1}\x00junk', tmp_path)
    expected = {"api_version": 1, "error": {
        "kind": "validation", "id": "iop.validation", "field": "request", "value": "",
        "problem": "is not valid JSON: parse error at line 1, column 18: a NUL byte outside a string",
        "allowed": "a JSON document (RFC 8259)",
        "message": "[iop.validation] request: is not valid JSON: parse error at line 1, column 18: a NUL byte outside "
                   "a string; allowed: a JSON document (RFC 8259)"}}
    assert len(set(bodies.values())) == 1, bodies
    assert json.loads(bodies["http"]) == expected
    assert statuses == (2, 2, 1, 400)  # CLI exit 2, IOP_STATUS_VALIDATION, HTTP 400
    # The same input with a space for the NUL was already refused, at the same column.
    spaced = json.loads(iop.call_json("version", b'{"api_version":1} junk'))
    assert "parse error at line 1, column 19" in spaced["error"]["problem"]


def test_a_nul_byte_anywhere_outside_a_string_is_refused_where_it_is():
    for data, field, column in [(b'\x00{"api_version":1}', "request", 1),
                                (b'{"api_version":\x001}', "request at $.api_version", 16),
                                (b'{"api_version":1\x00}', "request at $.api_version", 17)]:
        error = json.loads(iop.call_json("version", data))["error"]
        assert error["field"] == field, data
        assert error["problem"] == f"is not valid JSON: parse error at line 1, column {column}: a NUL byte outside a string"


def test_an_oversized_request_gets_the_same_bytes_from_every_surface(iop_command, service, tmp_path):
    # Was: the CLI said "is 4194305 bytes" (it reads one byte past the limit), the C ABI and HTTP "is 5242880 bytes".
    data = b'{"api_version":1,"pad":"' + b"x" * (5 * 1024 * 1024 - 26) + b'"}'
    assert len(data) == 5 * 1024 * 1024
    bodies, statuses = every_surface(iop_command, service, "version", data, tmp_path)
    assert len(set(bodies.values())) == 1, {k: v[:200] for k, v in bodies.items()}
    error = json.loads(bodies["http"])["error"]
    assert error["problem"] == "is more than 4194304 bytes"
    assert error["allowed"] == "a JSON document of at most 4194304 bytes"
    assert statuses == (2, 2, 1, 413)


def test_expect_100_continue_is_answered_before_the_body(service):
    # Was: no 100 Continue, so a client waited its own timeout (curl: 1 s) before sending the body.
    request = wrap("case", "gfe-case.json").encode()
    with socket.create_connection(("127.0.0.1", service.port), timeout=10) as s:
        s.sendall(b"POST /v1/gfe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  b"Content-Length: %d\r\nExpect: 100-continue\r\n\r\n" % len(request))
        interim = b""
        while not interim.endswith(b"\r\n\r\n"):
            ready, _, _ = select.select([s], [], [], 10)
            assert ready, "no 100 Continue before the body"
            interim += s.recv(1)
        assert interim == b"HTTP/1.1 100 Continue\r\n\r\n"
        s.sendall(request)
        status, _, body = read_response(s)
    assert status == 200 and body == iop.call_json("gfe", request).encode()


def test_expect_100_continue_refusals_come_at_once(iop_command):
    service = Service(iop_command, "--threads", "1", "--max-request-bytes", "1000")
    try:
        # Too large: 413 from the head alone; the body is never sent.
        answer = raw(service.port, b"POST /v1/version HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                   b"Content-Length: 5000\r\nExpect: 100-continue\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 413 ") and b"100 Continue" not in answer
        assert b'"problem":"is more than 1000 bytes"' in answer
        # Not JSON: 415 at once.
        answer = raw(service.port, b"POST /v1/version HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                                   b"Content-Length: 17\r\nExpect: 100-continue\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 415 ") and b"100 Continue" not in answer
        # An expectation the service does not know: 417 (RFC 9110 section 10.1.1).
        answer = raw(service.port, b"POST /v1/version HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                   b"Content-Length: 17\r\nExpect: something-else\r\n\r\n" + VERSION)
        assert answer.startswith(b"HTTP/1.1 417 ") and b'"field":"Expect"' in answer
    finally:
        assert service.stop() == 0


def test_curl_sends_a_large_body_after_100_continue(service, tmp_path):
    # curl adds Expect: 100-continue to bodies over 1 MiB and waits --expect100-timeout for the 100.
    # With 30 s given, a service that never sends it makes this run past the 20 s the test allows.
    request = {"api_version": 1, "pad": "y" * 1_100_000}  # refused by the API (no member pad), after 100 Continue
    body = json.dumps(request).encode()
    source = tmp_path / "big.json"
    source.write_bytes(body)
    run = subprocess.run(["curl", "-sS", "--expect100-timeout", "30", "-H", "Content-Type: application/json",
                          "--data-binary", f"@{source}", "-w", "\\n%{http_code}",
                          f"http://127.0.0.1:{service.port}/v1/version"], capture_output=True, timeout=20)
    answer, code = run.stdout.rsplit(b"\n", 1)
    assert code == b"400" and answer == iop.call_json("version", body).encode()


def test_sigterm_answers_a_request_that_has_begun_arriving(iop_command):
    # Was: the connection was closed with no response (a client that had sent its request was dropped).
    service = Service(iop_command, "--threads", "2")
    request = wrap("case", "gfe-case.json").encode()
    half = len(request) // 2
    with socket.create_connection(("127.0.0.1", service.port), timeout=10) as partial, \
            socket.create_connection(("127.0.0.1", service.port), timeout=10) as idle:
        partial.sendall(b"POST /v1/gfe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        b"Content-Length: %d\r\n\r\n" % len(request) + request[:half])
        time.sleep(0.3)  # the head and half the body are read before the signal
        service.signal(signal.SIGTERM)
        # The idle connection is closed: end of stream, no response.
        assert read_all(idle) == b""
        partial.sendall(request[half:])
        status, headers, body = read_response(partial)
        assert status == 200 and body == iop.call_json("gfe", request).encode()
        assert headers["connection"] == "close"
    assert service.stop() == 0
    entries = service.log_entries(lambda e: e.get("operation") == "gfe")
    assert [e["status"] for e in entries if e.get("operation") == "gfe"] == [200]


def test_a_64_kb_header_is_431(service):
    # Was: 400.
    answer = raw(service.port, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 65536 + b"\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 431 ")
    error = json.loads(answer.split(b"\r\n\r\n", 1)[1])["error"]
    assert error["problem"] == "has a head (request line and header fields) over 16384 bytes"


def test_an_absolute_form_target_is_accepted(service):
    # Was: 404. RFC 9112 section 3.2.2: a server accepts the absolute form; its authority stands for Host.
    with socket.create_connection(("127.0.0.1", service.port), timeout=10) as s:
        s.sendall(b"POST http://127.0.0.1:%d/v1/version HTTP/1.1\r\nHost: ignored.example\r\n"
                  b"Content-Type: application/json\r\nContent-Length: 17\r\n\r\n" % service.port + VERSION)
        status, _, body = read_response(s)
        assert status == 200 and body == iop.call_json("version", VERSION).encode()
        s.sendall(b"GET http://localhost/healthz?probe=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        status, _, body = read_response(s)
        assert status == 200 and json.loads(body)["status"] == "ok"
        # An authority not of this service is refused like such a Host.
        s.sendall(b"GET http://evil.example/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        status, _, body = read_response(s)
        assert status == 421 and json.loads(body)["error"]["value"] == "'evil.example'"


def test_host_is_required_and_checked(service, iop_command):
    # Was: any Host, or none, accepted (a web page could reach the service by DNS rebinding).
    status, _, body = exchange(service.port, b"GET /healthz HTTP/1.1\r\n\r\n")
    assert status == 400 and b'"field":"Host","id":"iop.validation"' in body
    assert b'"problem":"is missing"' in body
    status, _, body = exchange(service.port, b"GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
    assert status == 400 and b'"problem":"is given more than once"' in body
    status, body, _ = service.request("GET", "/healthz", headers={"Host": "rebound.attacker.example"})
    assert status == 421
    assert json.loads(body)["error"]["allowed"] == "127.0.0.1, localhost (--allowed-host)"
    for host in ("127.0.0.1", f"127.0.0.1:{service.port}", "localhost", f"LOCALHOST:{service.port}"):
        assert service.request("GET", "/healthz", headers={"Host": host})[0] == 200, host
    # HTTP/1.0 had no Host: taken without one.
    answer = raw(service.port, b"GET /healthz HTTP/1.0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 200 ")
    named = Service(iop_command, "--threads", "1", "--allowed-host", "iop.clinic.example")
    try:
        assert named.request("GET", "/healthz", headers={"Host": "iop.clinic.example:443"})[0] == 200
        assert named.request("GET", "/healthz", headers={"Host": "127.0.0.1"})[0] == 421
    finally:
        assert named.stop() == 0
    refused = start_refused(iop_command, "--allowed-host", "a.example:80")
    assert refused.returncode == 2 and "--allowed-host: 'a.example:80' is not a host name" in refused.stderr


def test_only_json_bodies_are_taken(service):
    # Was: text/plain accepted, so any web page could POST without a CORS preflight.
    for headers, problem in [({"Content-Type": "text/plain"}, "is not JSON"),
                             ({"Content-Type": "application/x-www-form-urlencoded"}, "is not JSON"),
                             ({"Content-Type": "multipart/form-data; boundary=x"}, "is not JSON")]:
        status, body, _ = service.request("POST", "/v1/version", VERSION, headers)
        error = json.loads(body)["error"]
        assert status == 415 and error["field"] == "Content-Type" and error["problem"] == problem
        assert error["allowed"] == "application/json"
    connection = service.connection()
    connection.request("POST", "/v1/version", body=VERSION)  # no Content-Type at all
    response = connection.getresponse()
    assert response.status == 415 and json.loads(response.read())["error"]["problem"] == "is missing"
    for type_ in ("application/json", "application/json; charset=utf-8", "Application/JSON"):
        status, body, _ = service.request("POST", "/v1/version", VERSION, {"Content-Type": type_})
        assert status == 200 and body == iop.call_json("version", VERSION).encode(), type_
    status, body, _ = service.request("POST", "/v1/version", VERSION, {"Content-Encoding": "gzip"})
    assert status == 415 and json.loads(body)["error"]["field"] == "Content-Encoding"


def test_cors_only_for_the_origins_given(service, iop_command):
    # No --allow-origin: a browser's request (it carries Origin) is refused, and so is its preflight.
    status, body, headers = service.request("POST", "/v1/version", VERSION, {"Origin": "https://app.example"})
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    assert json.loads(body)["error"]["allowed"] == "none (no --allow-origin given)"
    status, _, headers = service.request("OPTIONS", "/v1/version", headers={
        "Origin": "https://app.example", "Access-Control-Request-Method": "POST"})
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    # Requests without Origin (not from a browser page) are as before.
    assert service.request("POST", "/v1/version", VERSION)[0] == 200
    cors = Service(iop_command, "--threads", "1", "--allow-origin", "https://app.example")
    try:
        status, body, headers = cors.request("OPTIONS", "/v1/estimate", headers={
            "Origin": "https://app.example", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        assert status == 204 and body == b""
        assert headers["Access-Control-Allow-Origin"] == "https://app.example"
        assert headers["Access-Control-Allow-Methods"] == "GET, POST"
        assert headers["Access-Control-Allow-Headers"] == "Authorization, Content-Type"
        assert headers["Vary"] == "Origin"
        status, body, headers = cors.request("POST", "/v1/version", VERSION, {"Origin": "https://app.example"})
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "https://app.example"
        assert body == iop.call_json("version", VERSION).encode()
        status, _, headers = cors.request("POST", "/v1/version", VERSION, {"Origin": "https://evil.example"})
        assert status == 403 and "Access-Control-Allow-Origin" not in headers
        # A bare OPTIONS (no preflight) is a method the path does not take.
        assert cors.request("OPTIONS", "/v1/version")[0] == 405
    finally:
        assert cors.stop() == 0
    refused = start_refused(iop_command, "--allow-origin", "https://app.example/")
    assert refused.returncode == 2 and "is not an origin" in refused.stderr


def test_many_clients_at_once_get_right_answers(service):
    """Eight threads of mixed requests on keep-alive connections, every answer byte-identical to Python's."""
    requests = [("version", VERSION), ("calendar.build", wrap("plan", "plan.json").encode()),
                ("estimate", wrap("case", "case.json", "csv").encode())]
    expected = {op: iop.call_json(op, data).encode() for op, data in requests}
    wrong = []

    def client(k):
        connection = service.connection()
        for i in range(30):
            operation, data = requests[(i + k) % len(requests)]
            connection.request("POST", f"/v1/{operation}", body=data, headers=JSON)
            response = connection.getresponse()
            if response.status != 200 or response.read() != expected[operation]:
                wrong.append(operation)
        connection.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert wrong == []
