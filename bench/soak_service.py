"""A soak of `iop serve`: mixed load for a long time, with slow clients, malformed requests, dropped and idle
connections mixed in; resident memory, open file descriptors and p99 latency sampled each minute (each --sample-seconds).

Starts the service (the `iop` next to this Python, built Release by `pip install .`) on loopback and runs:
  - `--clients` keep-alive clients of mixed operations (calendar.build as iCalendar, estimate, GFE as HTML,
    parity, version), each answer checked byte for byte against the document API's (iop.call_json), at most
    `--rate` requests a second in all (so that the soak shares the machine);
  - a slow client: one request at a time, its bytes sent over about two seconds (answered 200);
  - a malformed client: bad JSON, a NUL byte, text/plain, no Host, an oversized Content-Length, garbage instead
    of HTTP, a body cut off mid-way, a 64 KB header (each answered 4xx, or closed for the cut-off one);
  - idle connections opened and left for the service's time limit to close.
Each sample prints RSS (VmRSS), open descriptors (/proc/PID/fd), the minute's requests and p99 latency. At the end
it fails (exit 1) on any wrong answer, any 5xx, or a figure that did not stay flat: RSS and descriptors of the
last minute against the second (the first warms caches and pools), within --rss-growth and a few descriptors.

usage: python bench/soak_service.py [--minutes 30] [--clients 3] [--rate 200]    (make soak)
"""

import argparse
import http.client
import json
import os
import pathlib
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import iop

ROOT = pathlib.Path(__file__).resolve().parents[1]
COMMAND = pathlib.Path(sys.executable).with_name("iop")
JSON = {"Content-Type": "application/json"}


def requests():
    def wrap(member, example, fmt=None):
        text = (ROOT / "examples" / example).read_text()
        format_member = f'"format":"{fmt}",' if fmt else ""
        return ('{"api_version":1,%s"%s":%s}' % (format_member, member, text)).encode()

    case = json.loads((ROOT / "examples" / "case.json").read_text())
    del case["monte_carlo"]
    return [("calendar.build", wrap("plan", "plan.json", "ics")),
            ("estimate", json.dumps({"api_version": 1, "case": case}).encode()),
            ("gfe", wrap("case", "gfe-case.json", "html")),
            ("parity.analyse", wrap("design", "design.json")),
            ("version", b'{"api_version":1}')]


MALFORMED = [
    b"POST /v1/version HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{\"a\":",
    b"POST /v1/version HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 21\r\n\r\n"
    b"{\"api_version\":1}\x00abc",
    b"POST /v1/version HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 17\r\n\r\n"
    b"{\"api_version\":1}",
    b"GET /healthz HTTP/1.1\r\n\r\n",
    b"POST /v1/version HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not HTTP at all\r\n\r\n",
    b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"b" * 65536 + b"\r\n\r\n",
]
CUT_OFF = b"POST /v1/version HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{\"ap"


class Soak:
    def __init__(self, port, rate, clients):
        self.port, self.rate, self.clients = port, rate, clients
        self.requests = requests()
        self.expected = {op: iop.call_json(op, data).encode() for op, data in self.requests}
        self.lock = threading.Lock()
        self.latencies = []      # this minute's, in seconds
        self.counts = {"answered": 0, "wrong": 0, "5xx": 0, "malformed": 0, "slow": 0, "slow past the limit": 0,
                       "idle closed": 0}
        self.problems = []
        self.stop = threading.Event()

    def note(self, key, problem=None):
        with self.lock:
            self.counts[key] += 1
            if problem and len(self.problems) < 20:
                self.problems.append(problem)

    def client(self, k):
        pause = self.clients / self.rate
        connection, i = None, k
        while not self.stop.is_set():
            operation, data = self.requests[i % len(self.requests)]
            i += 1
            begun = time.perf_counter()
            try:
                connection = connection or http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                connection.request("POST", f"/v1/{operation}", body=data, headers=JSON)
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as e:
                self.note("wrong", f"{operation}: {type(e).__name__} {e}")
                connection = None
                continue
            elapsed = time.perf_counter() - begun
            with self.lock:
                self.latencies.append(elapsed)
            if response.status != 200 or body != self.expected[operation]:
                self.note("wrong", f"{operation}: {response.status} {body[:100]!r}")
            else:
                self.note("answered")
            self.stop.wait(max(0.0, pause - elapsed))

    def slow(self):
        data = b'{"api_version":1}'
        while not self.stop.is_set():
            message = (b"POST /v1/version HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                       b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(data)) + data
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=30) as s:
                    begun = time.monotonic()
                    for start in range(0, len(message), 8):
                        s.sendall(message[start:start + 8])
                        time.sleep(2 / (len(message) / 8))
                    sending = time.monotonic() - begun
                    answer = read_all(s)
                ok = answer.startswith(b"HTTP/1.1 200") and answer.endswith(self.expected["version"])
                # A client slower than the service's time limit (10 s) is owed a 408: on a loaded machine this
                # client itself may take that long to send its 2 seconds' worth.
                too_slow = sending >= 10 and answer.startswith(b"HTTP/1.1 408")
                self.note("slow" if ok else "slow past the limit" if too_slow else "wrong",
                          None if ok or too_slow else f"slow: {answer[:100]!r}")
            except OSError as e:
                self.note("wrong", f"slow: {e}")

    def malformed(self):
        rng = random.Random(20261206)
        while not self.stop.is_set():
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=30) as s:
                    if rng.random() < 0.15:
                        s.sendall(CUT_OFF)  # then the client goes away
                        self.note("malformed")
                    else:
                        s.sendall(rng.choice(MALFORMED))
                        answer = read_all(s)
                        status = int(answer[9:12]) if answer.startswith(b"HTTP/1.1 ") else 0
                        if status >= 500:
                            self.note("5xx", f"malformed: {answer[:100]!r}")
                        elif 400 <= status < 500:
                            self.note("malformed")
                        else:
                            self.note("wrong", f"malformed answered {answer[:60]!r}")
            except OSError as e:
                self.note("wrong", f"malformed: {e}")
            self.stop.wait(0.05)

    def idle(self):
        while not self.stop.is_set():
            sockets = [socket.create_connection(("127.0.0.1", self.port), timeout=60) for _ in range(5)]
            for s in sockets:
                closed = read_all(s) == b""  # the service's time limit closes an idle connection
                s.close()
                self.note("idle closed" if closed else "wrong", None if closed else "idle: data on an idle connection")

    def minute_figures(self):
        with self.lock:
            latencies, self.latencies = sorted(self.latencies), []
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000 if latencies else float("nan")
        return len(latencies), p99


def read_all(s):
    chunks = []
    try:
        while chunk := s.recv(65536):
            chunks.append(chunk)
    except (socket.timeout, ConnectionResetError):
        pass
    return b"".join(chunks)


def rss_kib(pid):
    return int(re.search(r"VmRSS:\s+(\d+) kB", pathlib.Path(f"/proc/{pid}/status").read_text()).group(1))


def open_descriptors(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--clients", type=int, default=3)
    parser.add_argument("--rate", type=float, default=200, help="requests a second of the clients, in all")
    parser.add_argument("--rss-growth", type=float, default=0.10, help="largest growth of RSS, second to last sample")
    parser.add_argument("--sample-seconds", type=float, default=60,
                        help="seconds between samples (make test's small run samples every second)")
    args = parser.parse_args()
    service = subprocess.Popen([str(COMMAND), "serve", "--port", "0", "--threads", "2", "--log", "/dev/null"],
                               stderr=subprocess.PIPE, text=True)
    port = int(re.search(r":(\d+) ", service.stderr.readline()).group(1))
    soak = Soak(port, args.rate, args.clients)
    workers = [threading.Thread(target=soak.client, args=(k,)) for k in range(args.clients)]
    workers += [threading.Thread(target=target) for target in (soak.slow, soak.malformed, soak.idle)]
    for w in workers:
        w.daemon = True
        w.start()
    rows = []
    print(f"iop serve --threads 2 on loopback; {args.clients} clients at most {args.rate:g} requests/s, a slow client, "
          f"malformed requests and idle connections; {args.minutes:g} minutes")
    print(f"{'sample':>6} {'RSS KiB':>9} {'open fds':>9} {'requests':>9} {'p99 ms':>8}   (every {args.sample_seconds:g} s)")
    started = time.time()
    try:
        for minute in range(1, int(args.minutes * 60 / args.sample_seconds) + 1):
            time.sleep(max(0.0, started + args.sample_seconds * minute - time.time()))
            count, p99 = soak.minute_figures()
            rows.append((minute, rss_kib(service.pid), open_descriptors(service.pid), count, p99))
            print(f"{minute:6} {rows[-1][1]:9,} {rows[-1][2]:9} {count:9,} {p99:8.2f}", flush=True)
    finally:
        soak.stop.set()
        service.send_signal(signal.SIGTERM)
        code = service.wait(timeout=60)
    print("counts:", ", ".join(f"{k} {v:,}" for k, v in soak.counts.items()), f"; exit {code}")
    failed = soak.counts["wrong"] + soak.counts["5xx"] > 0 or code != 0
    for problem in soak.problems:
        print("  problem:", problem)
    if len(rows) >= 3:
        second, last = rows[1], rows[-1]
        rss_ok = last[1] <= second[1] * (1 + args.rss_growth)
        fds_ok = last[2] <= second[2] + 8
        print(f"RSS {second[1]:,} KiB at sample 2, {last[1]:,} KiB at sample {last[0]}: "
              f"{'flat' if rss_ok else 'GROWING'}; descriptors {second[2]} and {last[2]}: {'flat' if fds_ok else 'GROWING'}")
        failed = failed or not rss_ok or not fds_ok
    if not failed:
        print(f"every one of the {soak.counts['answered']:,} answers byte-identical to the document API's; no 5xx")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
