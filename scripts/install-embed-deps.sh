#!/usr/bin/env bash
# Installs the toolchains the embedding tests use (tests/embed/): a JDK with
# Maven, Go, and Node.js with npm, from Debian's packages, when a command is
# missing. Their libraries come from their own registries when the tests run
# (Maven Central: JNA, JUnit, Gson; npm: koffi; Go needs none).
set -euo pipefail

missing=()
command -v javac >/dev/null 2>&1 || missing+=(default-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v go >/dev/null 2>&1 || missing+=(golang-go)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

exec "$(dirname "$0")/apt-install.sh" ${missing[@]+"${missing[@]}"}
