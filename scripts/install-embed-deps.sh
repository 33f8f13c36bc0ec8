#!/usr/bin/env bash
# Installs the toolchains the embedding tests use (tests/embed/): a JDK with
# Maven, Go, Node.js with npm, Emscripten (and the acorn parser its optimiser
# needs) for the WebAssembly module, and Chromium for the web page's test, from
# Debian's packages, when one is missing. Their libraries come from their own registries when the tests run
# (Maven Central: JNA, JUnit, Gson; npm: koffi; Go needs none).
set -euo pipefail

missing=()
command -v javac >/dev/null 2>&1 || missing+=(default-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v go >/dev/null 2>&1 || missing+=(golang-go)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v emcc >/dev/null 2>&1 || missing+=(emscripten)
[ -d /usr/share/nodejs/acorn ] || missing+=(node-acorn)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

exec "$(dirname "$0")/apt-install.sh" ${missing[@]+"${missing[@]}"}
