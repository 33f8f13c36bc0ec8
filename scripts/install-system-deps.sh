#!/usr/bin/env bash
# Installs the Debian packages iop needs to build, test and document itself.
# Idempotent and quick when everything is present: it only asks apt for what
# dpkg says is missing. Uses sudo when not run as root.
set -euo pipefail

packages=(
  g++ make cmake ninja-build pkg-config
  libboost-date-time-dev   # Boost.Date_Time (dates)
  nlohmann-json3-dev       # JSON
  libsimdjson-dev          # JSON read fast (parse_json's fast path)
  libgtest-dev libgmock-dev  # GoogleTest
  libbenchmark-dev         # Google Benchmark
  libcli11-dev             # the iop command line
  doxygen graphviz         # API documentation
  wrk                      # load on iop serve (bench/load_service.py)
  clang libclang-rt-14-dev # Clang builds: sanitizers, libFuzzer, ThreadSanitizer
  llvm-14                  # llvm-profdata and llvm-cov (make coverage)
  libssl-dev openssl       # TLS of iop serve (OpenSSL), and certificates in its tests
  haproxy curl             # iop serve behind a load balancer, and a second HTTP client, in its tests
  systemd                  # systemd-analyze checks docs/deploy/iop.service
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

# The project's virtual environment needs the venv module and ensurepip, and
# building the extension needs Python's headers, for the python3 on PATH.
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  missing+=(python3-venv)
fi
if ! python3 -c 'import os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' >/dev/null 2>&1; then
  missing+=(python3-dev)
fi

# PySpark (iop.spark and its tests) runs on a Java runtime, 17 or later.
if ! command -v java >/dev/null 2>&1; then
  missing+=(openjdk-17-jre-headless)
fi

exec "$(dirname "$0")/apt-install.sh" ${missing[@]+"${missing[@]}"}
