"""Running `iop serve` in the tests: one process on a loopback port, its log lines collected, and raw sockets."""

import http.client
import json
import re
import signal
import socket
import ssl
import subprocess
import threading
import time

JSON = {"Content-Type": "application/json"}


class Service:
    """One `iop serve` on a loopback port (a free one unless --port is given); its log lines are collected."""

    def __init__(self, command, *flags, context=None):
        arguments = [command, "serve", *flags]
        if "--port" not in flags:
            arguments[2:2] = ["--port", "0"]
        self.process = subprocess.Popen(arguments, stderr=subprocess.PIPE, text=True)
        first = self.process.stderr.readline()
        match = re.search(r"listening on (https?)://127\.0\.0\.1:(\d+)", first)
        assert match, first
        self.scheme, self.port = match.group(1), int(match.group(2))
        self.context = context  # an ssl.SSLContext for https
        self.log = []
        self.reader = threading.Thread(target=self._read_log, daemon=True)
        self.reader.start()

    def _read_log(self):
        for line in self.process.stderr:
            self.log.append(line)

    def connection(self, timeout=30):
        if self.scheme == "https":
            return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=timeout, context=self.context)
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method, path, body=None, headers=None, timeout=30):
        """One request on a fresh connection; a POST with a body says it is JSON unless headers say otherwise."""
        connection = self.connection(timeout)
        sent = dict(JSON) if method == "POST" and body is not None else {}
        sent.update(headers or {})
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            return response.status, response.read(), dict(response.getheaders())
        finally:
            connection.close()

    def log_entries(self, wait_for=None, timeout=5):
        """The JSON lines of the log (waiting until one satisfies wait_for, when given)."""
        deadline = time.time() + timeout
        while True:
            entries = [json.loads(line) for line in list(self.log) if line.startswith("{")]
            if wait_for is None or any(wait_for(e) for e in entries) or time.time() > deadline:
                return entries
            time.sleep(0.05)

    def signal(self, number):
        self.process.send_signal(number)

    def stop(self, timeout=30):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=timeout)
        self.reader.join(timeout=5)
        return code


def raw(port, data, read=True, timeout=10):
    """Sends raw bytes on a fresh connection; returns what came back before the server closed it."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        if not read:
            return b""
        return read_all(s)


def exchange(port, data, timeout=10):
    """Sends raw bytes on a fresh connection and reads one response: (status, headers, body). The service
    may keep the connection open after it (a refused Host leaves the message's framing intact)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        return read_response(s)


def read_all(s):
    chunks = []
    try:
        while chunk := s.recv(65536):
            chunks.append(chunk)
    except (socket.timeout, ConnectionResetError, ssl.SSLError):
        pass
    return b"".join(chunks)


def read_response(s):
    """One whole HTTP/1.1 response with a Content-Length from a socket: (status, headers, body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        assert chunk, data
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    while len(body) < int(headers["content-length"]):
        chunk = s.recv(65536)
        assert chunk, body
        body += chunk
    return int(lines[0].split()[1]), headers, body


def start_refused(command, *flags):
    """`iop serve` with options it refuses: the finished process (exit 2 and one line on stderr expected)."""
    return subprocess.run([command, "serve", "--port", "0", *flags], capture_output=True, text=True, timeout=30)
