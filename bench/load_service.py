"""Load on `iop serve` over loopback with wrk: calendar.build, estimate, episode.state and outcomes.cohort for a
fixed time each.

Starts the service (the `iop` next to this Python, built Release by `pip install .`),
checks that each request's answer over HTTP is byte for byte the document API's own,
then drives it with wrk (one wrk thread, keep-alive connections) and prints requests a
second, median and 99th-percentile latency, the service's CPU time a request (user and
system, from /proc), and any answer that was not 200.

usage: python bench/load_service.py [--seconds 10] [--connections 16] [--threads 2] [--command PATH] [--tls]
Exits 1 when any response was not 200, or a check disagrees.
"""

import argparse
import json
import os
import pathlib
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import urllib.request

import iop

ROOT = pathlib.Path(__file__).resolve().parents[1]
COMMAND = pathlib.Path(sys.executable).with_name("iop")


def requests():
    plan = (ROOT / "examples" / "plan.json").read_text()
    case = json.loads((ROOT / "examples" / "case.json").read_text())
    del case["monte_carlo"]  # one estimate a request
    episode = json.loads((ROOT / "examples" / "episode.json").read_text())
    return {
        "calendar.build": '{"api_version":1,"plan":%s}' % plan,
        "estimate": json.dumps({"api_version": 1, "case": case}),
        # The course as it unfolds: a 6-week episode of 42 events as of its last day, and the hand-worked
        # 20-patient cohort's outcomes (examples/outcomes.json, already a whole request).
        "episode.state": json.dumps({"api_version": 1, "episode": episode, "as_of": "2026-04-17"}),
        "outcomes.cohort": (ROOT / "examples" / "outcomes.json").read_text(),
    }


def cpu_seconds(pid):
    """User and system CPU time of a process so far (/proc/PID/stat): the service's own cost of its requests,
    which the other processes on a shared machine change far less than its wall-clock rate."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def self_signed(folder):
    """A certificate for 127.0.0.1 and its key (openssl), for --tls: (certificate, key) paths."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-days", "2", "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return cert, key


def run(seconds, connections, threads, target_rps=None, target_p99_ms=None, command=COMMAND, tls=False):
    folder = pathlib.Path(tempfile.mkdtemp())
    flags, scheme, context = [], "http", None
    if tls:
        cert, key = self_signed(folder)
        flags, scheme = ["--tls-cert", str(cert), "--tls-key", str(key)], "https"
        context = ssl.create_default_context(cafile=str(cert))
    service = subprocess.Popen([str(command), "serve", "--port", "0", "--threads", str(threads), "--log", "/dev/null",
                                *flags], stderr=subprocess.PIPE, text=True)
    port = int(re.search(r":(\d+) ", service.stderr.readline()).group(1))
    failures = 0
    rows = []
    try:
        for operation, request in requests().items():
            body = urllib.request.urlopen(urllib.request.Request(
                f"{scheme}://127.0.0.1:{port}/v1/{operation}", data=request.encode(), method="POST",
                headers={"Content-Type": "application/json"}), context=context).read()
            if body != iop.call_json(operation, request).encode():
                print(f"{operation}: the service's answer differs from the document API's")
                failures += 1
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
                f.write(request)
            cpu_before = cpu_seconds(service.pid)
            out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(ROOT / "bench" / "post.lua"),
                                  f"{scheme}://127.0.0.1:{port}/v1/{operation}"],
                                 env={"IOP_REQUEST": f.name, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
                                 check=True).stdout
            pathlib.Path(f.name).unlink()
            cpu = cpu_seconds(service.pid) - cpu_before
            completed = int(re.search(r"(\d+) requests in", out).group(1))
            rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
            p50 = int(re.search(r"p50_us (\d+)", out).group(1)) / 1000
            p99 = int(re.search(r"p99_us (\d+)", out).group(1)) / 1000
            not_ok = int(re.search(r"not_ok (\d+)", out).group(1))
            errors = re.search(r"Socket errors: (.*)", out)
            failures += not_ok + (1 if errors else 0)
            rows.append((operation, rps, p50, p99, 1e6 * cpu / max(completed, 1), not_ok,
                         errors.group(1) if errors else "none"))
    finally:
        service.terminate()
        service.wait(timeout=30)
    shutil.rmtree(folder)
    print(f"{command} serve --threads {threads}{' with TLS' if tls else ''}; wrk -t1 -c{connections} -d{seconds}s "
          "on loopback")
    print(f"{'operation':16} {'requests/s':>11} {'p50 ms':>8} {'p99 ms':>8} {'CPU us/req':>11}  not 200  socket errors")
    for operation, rps, p50, p99, cpu_us, not_ok, errors in rows:
        print(f"{operation:16} {rps:11,.0f} {p50:8.2f} {p99:8.2f} {cpu_us:11,.0f}  {not_ok:7}  {errors}")
    if target_rps:
        calendar = rows[0]
        met = calendar[1] >= target_rps and calendar[3] <= target_p99_ms
        print(f"target calendar.build >= {target_rps:,} requests/s with p99 <= {target_p99_ms} ms: {'met' if met else 'NOT met'}")
    return failures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--command", default=str(COMMAND), help="the iop command to serve (another build, to compare)")
    parser.add_argument("--tls", action="store_true", help="HTTPS (a self-signed certificate made by openssl)")
    args = parser.parse_args()
    sys.exit(1 if run(args.seconds, args.connections, args.threads, 5000, 20, args.command, args.tls) else 0)
